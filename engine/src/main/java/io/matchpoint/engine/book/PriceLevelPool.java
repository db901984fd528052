package io.matchpoint.engine.book;

import org.agrona.BufferUtil;
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

    private final UnsafeBuffer records;
    private int freeHead;
    private int size;

    public PriceLevelPool(final int capacity)
    {
        if (capacity <= 0 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        records = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity * RECORD_LENGTH, 64));
        for (int i = 0; i < capacity; i++)
        {
            records.putInt(i * RECORD_LENGTH + NEXT_FREE_OFFSET, i + 1 < capacity ? i + 1 : NONE);
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
            final int record = index * RECORD_LENGTH;
            freeHead = records.getInt(record + NEXT_FREE_OFFSET);
            records.putLong(record + PRICE_OFFSET, levelPrice);
            records.putLong(record + TOTAL_QUANTITY_OFFSET, 0);
            records.putInt(record + ORDER_COUNT_OFFSET, 0);
            records.putInt(record + HEAD_OFFSET, NONE);
            records.putInt(record + TAIL_OFFSET, NONE);
            size++;
        }
        return index;
    }

    public void free(final int index)
    {
        records.putInt(index * RECORD_LENGTH + NEXT_FREE_OFFSET, freeHead);
        freeHead = index;
        size--;
    }

    /**
     * Appends an order at the back of the level's FIFO.
     */
    public void append(final int level, final int order, final long quantity, final OrderPool orders)
    {
        final int record = level * RECORD_LENGTH;
        final int last = records.getInt(record + TAIL_OFFSET);
        orders.prev(order, last);
        orders.next(order, NONE);
        orders.level(order, level);
        if (last == NONE)
        {
            records.putInt(record + HEAD_OFFSET, order);
        }
        else
        {
            orders.next(last, order);
        }
        records.putInt(record + TAIL_OFFSET, order);
        records.putInt(record + ORDER_COUNT_OFFSET, records.getInt(record + ORDER_COUNT_OFFSET) + 1);
        records.putLong(record + TOTAL_QUANTITY_OFFSET, records.getLong(record + TOTAL_QUANTITY_OFFSET) + quantity);
    }

    /**
     * Unlinks an order from the level's FIFO and takes its {@code quantity} off the level's total.
     */
    public void unlink(final int level, final int order, final long quantity, final OrderPool orders)
    {
        final int record = level * RECORD_LENGTH;
        final int before = orders.prev(order);
        final int after = orders.next(order);
        if (before == NONE)
        {
            records.putInt(record + HEAD_OFFSET, after);
        }
        else
        {
            orders.next(before, after);
        }
        if (after == NONE)
        {
            records.putInt(record + TAIL_OFFSET, before);
        }
        else
        {
            orders.prev(after, before);
        }
        orders.prev(order, NONE);
        orders.next(order, NONE);
        records.putInt(record + ORDER_COUNT_OFFSET, records.getInt(record + ORDER_COUNT_OFFSET) - 1);
        records.putLong(record + TOTAL_QUANTITY_OFFSET, records.getLong(record + TOTAL_QUANTITY_OFFSET) - quantity);
    }

    public void reduce(final int level, final long quantity)
    {
        final int offset = level * RECORD_LENGTH + TOTAL_QUANTITY_OFFSET;
        records.putLong(offset, records.getLong(offset) - quantity);
    }

    public long price(final int level)
    {
        return records.getLong(level * RECORD_LENGTH + PRICE_OFFSET);
    }

    public long totalQuantity(final int level)
    {
        return records.getLong(level * RECORD_LENGTH + TOTAL_QUANTITY_OFFSET);
    }

    public int orderCount(final int level)
    {
        return records.getInt(level * RECORD_LENGTH + ORDER_COUNT_OFFSET);
    }

    public int head(final int level)
    {
        return records.getInt(level * RECORD_LENGTH + HEAD_OFFSET);
    }
}
