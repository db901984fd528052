package io.matchpoint.perf.support.tape;

/**
 * The side of a tape record's order. For a cancel or a move it is the side of the target order.
 */
public enum TapeSide
{
    BUY(0),
    SELL(1);

    private static final TapeSide[] BY_CODE = { BUY, SELL };

    private final byte code;

    TapeSide(final int code)
    {
        this.code = (byte)code;
    }

    /**
     * @return the byte stored in a record.
     */
    public byte code()
    {
        return code;
    }

    /**
     * @param code a stored byte.
     * @return the side, or {@code null} for a code that names none.
     */
    public static TapeSide of(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
