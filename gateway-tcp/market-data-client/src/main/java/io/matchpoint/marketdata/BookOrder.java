package io.matchpoint.marketdata;

import io.matchpoint.codec.md.Side;

/**
 * One resting order of the order-by-order view: no account, session or client order id, only what the feed shows.
 */
public final class BookOrder
{
    private final long orderId;
    private final Side side;
    private final long price;
    private long quantity;

    BookOrder(final long orderId, final Side side, final long price, final long quantity)
    {
        this.orderId = orderId;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
    }

    void quantity(final long quantity)
    {
        this.quantity = quantity;
    }

    public long orderId()
    {
        return orderId;
    }

    public Side side()
    {
        return side;
    }

    public long price()
    {
        return price;
    }

    /**
     * @return what is still resting.
     */
    public long quantity()
    {
        return quantity;
    }

    @Override
    public String toString()
    {
        return "#" + orderId + " " + side + " " + quantity + " @ " + price;
    }
}
