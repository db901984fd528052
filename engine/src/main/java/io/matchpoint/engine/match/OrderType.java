package io.matchpoint.engine.match;

/**
 * Limit orders carry a price; market orders take whatever the book offers inside the price band and never rest. Stop
 * orders wait off the book until a trade reaches their stop price, then enter as a market order ({@link #STOP}) or a
 * limit order ({@link #STOP_LIMIT}). The ordinals are the wire's raw values.
 */
public enum OrderType
{
    LIMIT,
    MARKET,
    STOP,
    STOP_LIMIT;

    /**
     * @return whether orders of this type wait for a trade to reach their stop price.
     */
    public boolean isStop()
    {
        return this == STOP || this == STOP_LIMIT;
    }
}
