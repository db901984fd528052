package io.matchpoint.perf.support.tape;

/**
 * What a tape record asks for. The code is the byte stored in the record; 0 is never written, so a zeroed record reads
 * as invalid rather than as an order.
 */
public enum TapeKind
{
    /** A new limit order that rests until cancelled: {@code orderRef} is new, price and quantity are the order's. */
    GTC_LIMIT(1),
    /** A new immediate-or-cancel limit order: {@code orderRef} is new, whatever does not trade is cancelled. */
    IOC_LIMIT(2),
    /** Cancel the resting order {@code orderRef}; price and quantity are 0. */
    CANCEL(3),
    /**
     * Move the resting order {@code orderRef} to {@code price}; {@code quantity} is its open quantity as the generator
     * believes it, unchanged by the move.
     */
    MOVE(4);

    private static final TapeKind[] BY_CODE = { null, GTC_LIMIT, IOC_LIMIT, CANCEL, MOVE };

    private final byte code;

    TapeKind(final int code)
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
     * @return the kind, or {@code null} for a code that names none.
     */
    public static TapeKind of(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * @return true for the two kinds that carry a new order.
     */
    public boolean isNewOrder()
    {
        return this == GTC_LIMIT || this == IOC_LIMIT;
    }
}
