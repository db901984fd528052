package io.matchpoint.marketdata;

/**
 * One price level as the feed last described it: aggregate quantity and number of orders.
 */
public final class PriceLevel
{
    private final long price;
    private long quantity;
    private int orderCount;

    PriceLevel(final long price, final long quantity, final int orderCount)
    {
        this.price = price;
        this.quantity = quantity;
        this.orderCount = orderCount;
    }

    void set(final long quantity, final int orderCount)
    {
        this.quantity = quantity;
        this.orderCount = orderCount;
    }

    public long price()
    {
        return price;
    }

    public long quantity()
    {
        return quantity;
    }

    public int orderCount()
    {
        return orderCount;
    }

    @Override
    public String toString()
    {
        return quantity + " @ " + price + " (" + orderCount + (orderCount == 1 ? " order)" : " orders)");
    }
}
