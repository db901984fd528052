package io.matchpoint.engine.match;

/**
 * What happens when an incoming (taker) order would trade against a resting order of the same account.
 * The taker's mode decides; two orders of one account never trade with each other.
 */
public enum SelfTradePrevention
{
    /** The taker's remaining quantity is cancelled; the resting order is untouched. */
    CANCEL_TAKER,
    /** The resting order is cancelled and the taker goes on matching. */
    CANCEL_MAKER,
    /** Both the resting order and the taker's remaining quantity are cancelled. */
    CANCEL_BOTH,
    /**
     * Both orders are reduced by the smaller of their quantities; the one that reaches zero is cancelled,
     * the other lives on with what is left (a taker left with quantity goes on matching).
     */
    DECREMENT_AND_CANCEL;

    private static final SelfTradePrevention[] BY_ORDINAL = values();

    /**
     * The inverse of {@link #ordinal()}, without the array copy that {@code values()} makes on every call.
     */
    public static SelfTradePrevention fromOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }
}
