package io.matchpoint.engine.book;

/**
 * Fixed-capacity store of price levels, addressed by index: price, aggregated quantity, order count and the head and
 * tail of the level's intrusive FIFO of orders (see {@link OrderPool}). Free slots form a stack.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class PriceLevelPool
{
    public static final int NONE = OrderPool.NONE;

    private final long[] price;
    private final long[] totalQuantity;
    private final int[] orderCount;
    private final int[] head;
    private final int[] tail;
    private final int[] nextFree;
    private int freeHead;
    private int size;

    public PriceLevelPool(final int capacity)
    {
        price = new long[capacity];
        totalQuantity = new long[capacity];
        orderCount = new int[capacity];
        head = new int[capacity];
        tail = new int[capacity];
        nextFree = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            nextFree[i] = i + 1 < capacity ? i + 1 : NONE;
        }
    }

    public int capacity()
    {
        return price.length;
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
            freeHead = nextFree[index];
            price[index] = levelPrice;
            totalQuantity[index] = 0;
            orderCount[index] = 0;
            head[index] = NONE;
            tail[index] = NONE;
            size++;
        }
        return index;
    }

    public void free(final int index)
    {
        nextFree[index] = freeHead;
        freeHead = index;
        size--;
    }

    /**
     * Appends an order at the back of the level's FIFO.
     */
    public void append(final int level, final int order, final long quantity, final OrderPool orders)
    {
        final int last = tail[level];
        orders.prev(order, last);
        orders.next(order, NONE);
        orders.level(order, level);
        if (last == NONE)
        {
            head[level] = order;
        }
        else
        {
            orders.next(last, order);
        }
        tail[level] = order;
        orderCount[level]++;
        totalQuantity[level] += quantity;
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
            head[level] = after;
        }
        else
        {
            orders.next(before, after);
        }
        if (after == NONE)
        {
            tail[level] = before;
        }
        else
        {
            orders.prev(after, before);
        }
        orders.prev(order, NONE);
        orders.next(order, NONE);
        orderCount[level]--;
        totalQuantity[level] -= quantity;
    }

    public void reduce(final int level, final long quantity)
    {
        totalQuantity[level] -= quantity;
    }

    public long price(final int level)
    {
        return price[level];
    }

    public long totalQuantity(final int level)
    {
        return totalQuantity[level];
    }

    public int orderCount(final int level)
    {
        return orderCount[level];
    }

    public int head(final int level)
    {
        return head[level];
    }
}
