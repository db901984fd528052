package io.matchpoint.engine.book;

/**
 * Fixed-capacity store of resting orders as parallel primitive arrays, addressed by index. Each order is linked into
 * two intrusive doubly-linked lists: its price level's FIFO ({@code prev}/{@code next}) and its account's list of
 * orders ({@code accountPrev}/{@code accountNext}). Free slots form a stack threaded through {@code next}, so
 * allocation and release are O(1) and never create garbage.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class OrderPool
{
    public static final int NONE = -1;

    private final long[] orderId;
    private final long[] accountId;
    private final long[] clientOrderId;
    private final long[] price;
    private final long[] leaves;
    private final int[] accountIndex;
    private final int[] instrumentIndex;
    private final int[] level;
    private final int[] prev;
    private final int[] next;
    private final int[] accountPrev;
    private final int[] accountNext;
    private final byte[] side;
    private final byte[] selfTradePrevention;
    private final boolean[] postOnly;
    private int freeHead;
    private int size;

    public OrderPool(final int capacity)
    {
        orderId = new long[capacity];
        accountId = new long[capacity];
        clientOrderId = new long[capacity];
        price = new long[capacity];
        leaves = new long[capacity];
        accountIndex = new int[capacity];
        instrumentIndex = new int[capacity];
        level = new int[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        accountPrev = new int[capacity];
        accountNext = new int[capacity];
        side = new byte[capacity];
        selfTradePrevention = new byte[capacity];
        postOnly = new boolean[capacity];
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        freeHead = 0;
    }

    public int capacity()
    {
        return orderId.length;
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
     * @return the index of a cleared slot, or {@link #NONE} when the pool is full
     */
    public int allocate()
    {
        final int index = freeHead;
        if (index != NONE)
        {
            freeHead = next[index];
            prev[index] = NONE;
            next[index] = NONE;
            accountPrev[index] = NONE;
            accountNext[index] = NONE;
            size++;
        }
        return index;
    }

    public void free(final int index)
    {
        orderId[index] = 0;
        next[index] = freeHead;
        freeHead = index;
        size--;
    }

    public long orderId(final int index)
    {
        return orderId[index];
    }

    public void orderId(final int index, final long value)
    {
        orderId[index] = value;
    }

    public long accountId(final int index)
    {
        return accountId[index];
    }

    public void accountId(final int index, final long value)
    {
        accountId[index] = value;
    }

    public long clientOrderId(final int index)
    {
        return clientOrderId[index];
    }

    public void clientOrderId(final int index, final long value)
    {
        clientOrderId[index] = value;
    }

    public long price(final int index)
    {
        return price[index];
    }

    public void price(final int index, final long value)
    {
        price[index] = value;
    }

    public long leaves(final int index)
    {
        return leaves[index];
    }

    public void leaves(final int index, final long value)
    {
        leaves[index] = value;
    }

    public int accountIndex(final int index)
    {
        return accountIndex[index];
    }

    public void accountIndex(final int index, final int value)
    {
        accountIndex[index] = value;
    }

    public int instrumentIndex(final int index)
    {
        return instrumentIndex[index];
    }

    public void instrumentIndex(final int index, final int value)
    {
        instrumentIndex[index] = value;
    }

    public int level(final int index)
    {
        return level[index];
    }

    public void level(final int index, final int value)
    {
        level[index] = value;
    }

    public int prev(final int index)
    {
        return prev[index];
    }

    public void prev(final int index, final int value)
    {
        prev[index] = value;
    }

    public int next(final int index)
    {
        return next[index];
    }

    public void next(final int index, final int value)
    {
        next[index] = value;
    }

    public int accountPrev(final int index)
    {
        return accountPrev[index];
    }

    public void accountPrev(final int index, final int value)
    {
        accountPrev[index] = value;
    }

    public int accountNext(final int index)
    {
        return accountNext[index];
    }

    public void accountNext(final int index, final int value)
    {
        accountNext[index] = value;
    }

    public int side(final int index)
    {
        return side[index];
    }

    public void side(final int index, final int value)
    {
        side[index] = (byte)value;
    }

    public int selfTradePrevention(final int index)
    {
        return selfTradePrevention[index];
    }

    public void selfTradePrevention(final int index, final int value)
    {
        selfTradePrevention[index] = (byte)value;
    }

    public boolean postOnly(final int index)
    {
        return postOnly[index];
    }

    public void postOnly(final int index, final boolean value)
    {
        postOnly[index] = value;
    }
}
