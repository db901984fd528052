package io.matchpoint.engine.match;

/**
 * How long an order may live.
 * <ul>
 *     <li>{@link #GTC}: a limit order rests until filled or cancelled.</li>
 *     <li>{@link #IOC}: trades what it can at once; the remainder is cancelled.</li>
 *     <li>{@link #FOK}: trades its whole quantity at once or nothing at all, leaving no trace in the book.</li>
 * </ul>
 */
public enum TimeInForce
{
    GTC,
    IOC,
    FOK;

    private static final TimeInForce[] BY_ORDINAL = values();

    /**
     * The inverse of {@link #ordinal()}, without the array copy that {@code values()} makes on every call.
     */
    public static TimeInForce fromOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }
}
