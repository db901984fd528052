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
    FOK
}
