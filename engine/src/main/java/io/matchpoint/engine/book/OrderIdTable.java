package io.matchpoint.engine.book;

import java.util.Arrays;

/**
 * Exchange order id to order pool index, for cancel and replace by order id. The core hands out ids in rising order,
 * so nearly every live order is recent: each id has a fixed slot in a window, its id modulo the window's size (twice
 * the pool's capacity), and an order leaves its slot with a plain store, no probe and no load. So taking a resting
 * order off the books never waits for this table's cache line, which a hash table's backward-shift deletion does. An
 * id whose slot still holds a live order that many ids older goes to an {@link OrderIdIndex} instead, and the order's
 * pool record says which of the two holds it ({@link OrderPool#idSpilled}).
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class OrderIdTable
{
    public static final int NONE = OrderPool.NONE;

    private final OrderPool orders;
    private final int mask;
    private final int[] window;
    private final OrderIdIndex spilled;
    private int spilledCount;

    /**
     * @param maxEntries the most ids held at once (the order pool's capacity).
     * @param orders     the pool whose records hold each order's id and where its id is kept.
     */
    public OrderIdTable(final int maxEntries, final OrderPool orders)
    {
        this.orders = orders;
        final int slots = BlockHash.slotsFor(maxEntries);
        mask = slots - 1;
        window = new int[slots];
        Arrays.fill(window, NONE);
        spilled = new OrderIdIndex(maxEntries);
    }

    /**
     * @return the order index, or {@link #NONE}.
     */
    public int get(final long orderId)
    {
        final int order = window[(int)orderId & mask];
        if (order != NONE && orders.orderId(order) == orderId)
        {
            return order;
        }
        return spilledCount == 0 ? NONE : spilled.get(orderId);
    }

    /**
     * Adds a resting order whose id is not present; its pool record must already hold the id.
     */
    public void put(final long orderId, final int order)
    {
        final int slot = (int)orderId & mask;
        if (window[slot] == NONE)
        {
            window[slot] = order;
            orders.idSpilled(order, false);
        }
        else
        {
            spilled.put(orderId, order);
            orders.idSpilled(order, true);
            spilledCount++;
        }
    }

    /**
     * Takes a resting order's id out, before its pool record is freed.
     */
    public void remove(final int order)
    {
        final long orderId = orders.orderId(order);
        if (orders.idSpilled(order))
        {
            assert spilled.get(orderId) == order : "order " + order + " (id " + orderId + ") is not in the table";
            spilled.remove(orderId);
            spilledCount--;
        }
        else
        {
            assert window[(int)orderId & mask] == order : "order " + order + " (id " + orderId + ") is not in the table";
            window[(int)orderId & mask] = NONE;
        }
    }

    /**
     * @return ids held outside the window (long-lived orders whose slot a newer id wanted), for tests.
     */
    int spilledCount()
    {
        return spilledCount;
    }
}
