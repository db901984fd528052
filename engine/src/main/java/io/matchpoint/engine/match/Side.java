package io.matchpoint.engine.match;

/**
 * Side of an order. The wire and the journal carry {@link #code()}; {@link #fromCode(int)} maps back without
 * allocating (unlike {@code values()}, which clones its array on every call).
 */
public enum Side
{
    BUY(0),
    SELL(1);

    private static final Side[] BY_CODE = { BUY, SELL };

    private final int code;

    Side(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    public static Side fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
