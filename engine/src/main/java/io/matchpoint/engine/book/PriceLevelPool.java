package io.matchpoint.engine.book;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fixed-capacity store of price levels, addressed by index: price, aggregated quantity, order count and the head and
 * tail of the level's intrusive FIFO of orders (see {@link OrderPool}). Each level is a 32-byte record in cache-line
 * aligned memory (price 0, total quantity 8, order count 16, head 20, tail 24, next free 28), two to a line. Free
 * records form a stack.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class PriceLevelPool
{
    public static final int NONE = OrderPool.NONE;
    /** The most levels a pool can hold: the block, with its alignment slack, must stay within an {@code int}. */
    public static final int MAX_CAPACITY = (Integer.MAX_VALUE - 64) / 32;

    private static final int RECORD_LENGTH = 32;
    private static final int PRICE_OFFSET = 0;
    private static final int TOTAL_QUANTITY_OFFSET = 8;
    private static final int ORDER_COUNT_OFFSET = 16;
    private static final int HEAD_OFFSET = 20;
    private static final int TAIL_OFFSET = 24;
    private static final int NEXT_FREE_OFFSET = 28;

    /**
     * Holds the block of records (and keeps it reachable); the accessors address it directly, without Agrona's bounds
     * checks: every index they take comes from this pool's own free stack or from links the matcher wrote, never from
     * a message, and {@link #at} asserts it is in range wherever assertions are on (every test run).
     */
    private final UnsafeBuffer records;
    private final long address;
    private final int capacity;
    private int freeHead;
    private int size;

    public PriceLevelPool(final int capacity)
    {
        if (capacity <= 0 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        records = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity * RECORD_LENGTH, 64));
        address = records.addressOffset();
        this.capacity = capacity;
        for (int i = 0; i < capacity; i++)
        {
            UnsafeApi.putInt(null, at(i, NEXT_FREE_OFFSET), i + 1 < capacity ? i + 1 : NONE);
        }
    }


    public int size()
    {
        return size;
    }

    public boolean isFull()
    {
        return freeHead == NONE;
    }

    /**
     * @return an empty level at {@code levelPrice}, or {@link #NONE} when the pool is full
     */
    public int allocate(final long levelPrice)
    {
        final int index = freeHead;
        if (index != NONE)
        {
            freeHead = UnsafeApi.getInt(null, at(index, NEXT_FREE_OFFSET));
            UnsafeApi.putLong(null, at(index, PRICE_OFFSET), levelPrice);
            UnsafeApi.putLong(null, at(index, TOTAL_QUANTITY_OFFSET), 0);
            UnsafeApi.putInt(null, at(index, ORDER_COUNT_OFFSET), 0);
            UnsafeApi.putInt(null, at(index, HEAD_OFFSET), NONE);
            UnsafeApi.putInt(null, at(index, TAIL_OFFSET), NONE);
            size++;
        }
        return index;
    }

    public void free(final int index)
    {
        UnsafeApi.putInt(null, at(index, NEXT_FREE_OFFSET), freeHead);
        freeHead = index;
        size--;
    }

    /**
     * Appends an order at the back of the level's FIFO.
     */
    public void append(final int level, final int order, final long quantity, final OrderPool orders)
    {
        final int last = UnsafeApi.getInt(null, at(level, TAIL_OFFSET));
        orders.prev(order, last);
        orders.next(order, NONE);
        orders.level(order, level);
        if (last == NONE)
        {
            UnsafeApi.putInt(null, at(level, HEAD_OFFSET), order);
        }
        else
        {
            orders.next(last, order);
        }
        UnsafeApi.putInt(null, at(level, TAIL_OFFSET), order);
        final long count = at(level, ORDER_COUNT_OFFSET);
        UnsafeApi.putInt(null, count, UnsafeApi.getInt(null, count) + 1);
        final long total = at(level, TOTAL_QUANTITY_OFFSET);
        UnsafeApi.putLong(null, total, UnsafeApi.getLong(null, total) + quantity);
    }

    /**
     * Unlinks an order from the level's FIFO and takes its {@code quantity} off the level's total.
     */
    public void unlink(final int level, final int order, final long quantity, final OrderPool orders)
    {
        final int before = orders.prev(order);
        final int after = orders.next(order);
        if (before == NONE)
        {
            UnsafeApi.putInt(null, at(level, HEAD_OFFSET), after);
        }
        else
        {
            orders.next(before, after);
        }
        if (after == NONE)
        {
            UnsafeApi.putInt(null, at(level, TAIL_OFFSET), before);
        }
        else
        {
            orders.prev(after, before);
        }
        orders.prev(order, NONE);
        orders.next(order, NONE);
        final long count = at(level, ORDER_COUNT_OFFSET);
        UnsafeApi.putInt(null, count, UnsafeApi.getInt(null, count) - 1);
        final long total = at(level, TOTAL_QUANTITY_OFFSET);
        UnsafeApi.putLong(null, total, UnsafeApi.getLong(null, total) - quantity);
    }

    public void reduce(final int level, final long quantity)
    {
        final long total = at(level, TOTAL_QUANTITY_OFFSET);
        UnsafeApi.putLong(null, total, UnsafeApi.getLong(null, total) - quantity);
    }

    /**
     * Sets a level's totals outright, for a copy of a book that knows its levels only by their totals (the market data
     * agent's, from the feed's level updates): such a level has no orders linked to it.
     */
    public void aggregate(final int level, final long totalQuantity, final int orderCount)
    {
        UnsafeApi.putLong(null, at(level, TOTAL_QUANTITY_OFFSET), totalQuantity);
        UnsafeApi.putInt(null, at(level, ORDER_COUNT_OFFSET), orderCount);
    }

    public long price(final int level)
    {
        return UnsafeApi.getLong(null, at(level, PRICE_OFFSET));
    }

    public long totalQuantity(final int level)
    {
        return UnsafeApi.getLong(null, at(level, TOTAL_QUANTITY_OFFSET));
    }

    public int orderCount(final int level)
    {
        return UnsafeApi.getInt(null, at(level, ORDER_COUNT_OFFSET));
    }

    public int head(final int level)
    {
        return UnsafeApi.getInt(null, at(level, HEAD_OFFSET));
    }

    private long at(final int index, final int offset)
    {
        assert index >= 0 && index < capacity : "level index " + index + " outside 0.." + (capacity - 1);
        return address + (long)index * RECORD_LENGTH + offset;
    }
}
