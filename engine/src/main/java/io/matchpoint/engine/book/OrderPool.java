package io.matchpoint.engine.book;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fixed-capacity store of resting orders, addressed by index. Each order is one 64-byte record in a cache-line
 * aligned block of memory, so everything the matcher reads or writes about an order costs at most one cache miss.
 * Each order is linked into two intrusive doubly-linked lists: its price level's FIFO ({@code prev}/{@code next})
 * and its account's list of orders ({@code accountPrev}/{@code accountNext}). Allocation and release are O(1) and
 * never create garbage.
 * <p>
 * Which slot {@link #allocate} gives is part of the matching rules, because the exchange order id carries it
 * ({@code MATCHING-RULES.md}, "Units and ids"): the most recently freed slot (freed slots form a stack threaded through
 * {@code next}), else the lowest slot never used yet (slots {@code 0} up to {@link #highWater} have been used). So the
 * stack's order and the high-water mark are state that a saved state keeps ({@link #restore}) and the digest folds.
 * {@link #free} clears the record's order id, so no id ever matches a free slot's record.
 * <p>
 * Record layout (bytes): order id 0, client order id 8, price 16, leaves 24, prev 32, next 36, level 40,
 * account index 44, account prev 48, account next 52, instrument index 56, side 60, self-trade mode 61,
 * post-only 62, kind 63 (bits: iceberg 1, waiting stop 2). The account id is not stored: it is one
 * lookup away in {@link AccountTable}.
 * <p>
 * The id of the session that entered each order lives in a plain {@code long[]} beside the records, not in them: only a
 * session cancel, a state save and the digest read it, never matching, so it is kept off the record's one cache line.
 * So do an iceberg's display quantity and hidden quantity: matching reads them only when the record's iceberg flag is
 * set and a fill takes its whole shown slice ({@link #leaves} is what is shown, {@link #totalLeaves} the whole order).
 * So do a waiting stop order's stop price, type and time in force: read only when it is replaced, saved or triggered.
 * A waiting stop sits in a stop level as a resting order sits in a price level, through the same links.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class OrderPool
{
    public static final int NONE = -1;
    /** The most orders a pool can hold: the block, with its alignment slack, must stay within an {@code int}. */
    public static final int MAX_CAPACITY = (Integer.MAX_VALUE - 64) / 64;

    private static final int RECORD_LENGTH = 64;
    private static final int ORDER_ID_OFFSET = 0;
    private static final int CLIENT_ORDER_ID_OFFSET = 8;
    private static final int PRICE_OFFSET = 16;
    private static final int LEAVES_OFFSET = 24;
    private static final int PREV_OFFSET = 32;
    private static final int NEXT_OFFSET = 36;
    private static final int LEVEL_OFFSET = 40;
    private static final int ACCOUNT_INDEX_OFFSET = 44;
    private static final int ACCOUNT_PREV_OFFSET = 48;
    private static final int ACCOUNT_NEXT_OFFSET = 52;
    private static final int INSTRUMENT_INDEX_OFFSET = 56;
    private static final int SIDE_OFFSET = 60;
    private static final int SELF_TRADE_PREVENTION_OFFSET = 61;
    private static final int POST_ONLY_OFFSET = 62;
    private static final int KIND_OFFSET = 63;
    private static final int ICEBERG_BIT = 1;
    private static final int STOP_BIT = 2;

    /**
     * Holds the block of records (and keeps it reachable); the accessors address it directly, without Agrona's bounds
     * checks: every index they take comes from this pool's own free stack or from links the matcher wrote, never from
     * a message, and {@link #at} asserts it is in range wherever assertions are on (every test run).
     */
    private final UnsafeBuffer records;
    private final long address;
    /** Per order index: the session that entered the order ({@code 0} for none); see the class comment. */
    private final long[] sessionIds;
    /** Per order index, for icebergs only (0 for other orders): the most shown at a time, and what is held back. */
    private final long[] displayQuantities;
    private final long[] hiddenQuantities;
    /** Per order index, for waiting stop orders only: the stop price, the order type and time in force ordinals. */
    private final long[] stopPrices;
    private final byte[] stopOrderTypes;
    private final byte[] stopTimeInForces;
    private final int capacity;
    /** The most recently freed slot, top of the stack of freed slots; {@link #NONE} when none is freed. */
    private int freeHead = NONE;
    /** Slots {@code [highWater, capacity)} have never been used. */
    private int highWater;
    private int size;

    public OrderPool(final int capacity)
    {
        if (capacity <= 0 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        records = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity * RECORD_LENGTH, RECORD_LENGTH));
        address = records.addressOffset();
        sessionIds = new long[capacity];
        displayQuantities = new long[capacity];
        hiddenQuantities = new long[capacity];
        stopPrices = new long[capacity];
        stopOrderTypes = new byte[capacity];
        stopTimeInForces = new byte[capacity];
        this.capacity = capacity;
    }

    public int size()
    {
        return size;
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isFull()
    {
        return freeHead == NONE && highWater == capacity;
    }

    /**
     * @return the most recently freed slot, else the lowest never used, with cleared links; {@link #NONE} when the
     * pool is full.
     */
    public int allocate()
    {
        int index = freeHead;
        if (index != NONE)
        {
            freeHead = next(index);
        }
        else if (highWater < capacity)
        {
            index = highWater++;
        }
        else
        {
            return NONE;
        }
        prev(index, NONE);
        next(index, NONE);
        accountPrev(index, NONE);
        accountNext(index, NONE);
        size++;
        return index;
    }

    /**
     * Pushes the slot onto the stack of freed slots, the next one {@link #allocate} gives, and clears its order id.
     */
    public void free(final int index)
    {
        orderId(index, 0);
        next(index, freeHead);
        freeHead = index;
        size--;
    }

    /**
     * @return the number of slots ever used: slots from here up have never been allocated.
     */
    public int highWater()
    {
        return highWater;
    }

    /**
     * @return the top of the stack of freed slots (the next one {@link #allocate} gives), or {@link #NONE}; below
     * each freed slot lies {@link #next} of it, down to {@link #NONE}.
     */
    public int freeHead()
    {
        return freeHead;
    }

    /**
     * Gives a fresh pool the slot state of a saved one: slots {@code [0, highWater)} are used, of which the
     * {@code freed} ones (top of the stack first) are free and every other one is allocated (the caller fills it and
     * links it in). Not for the order path; nothing is checked beyond assertions, the caller having checked that the
     * freed slots are distinct and below {@code highWater <= capacity}.
     *
     * @throws IllegalStateException if the pool is not fresh.
     */
    public void restore(final int highWater, final int[] freed)
    {
        if (size != 0 || this.highWater != 0)
        {
            throw new IllegalStateException("only a fresh pool can be restored");
        }
        assert highWater >= freed.length && highWater <= capacity : highWater + " of " + capacity + ", " + freed.length;
        this.highWater = highWater;
        for (int i = freed.length - 1; i >= 0; i--)
        {
            assert freed[i] >= 0 && freed[i] < highWater : "freed slot " + freed[i] + " of " + highWater;
            next(freed[i], freeHead);
            freeHead = freed[i];
        }
        size = highWater - freed.length;
    }

    public long orderId(final int index)
    {
        return UnsafeApi.getLong(null, at(index, ORDER_ID_OFFSET));
    }

    public void orderId(final int index, final long value)
    {
        UnsafeApi.putLong(null, at(index, ORDER_ID_OFFSET), value);
    }

    public long clientOrderId(final int index)
    {
        return UnsafeApi.getLong(null, at(index, CLIENT_ORDER_ID_OFFSET));
    }

    public void clientOrderId(final int index, final long value)
    {
        UnsafeApi.putLong(null, at(index, CLIENT_ORDER_ID_OFFSET), value);
    }

    public long price(final int index)
    {
        return UnsafeApi.getLong(null, at(index, PRICE_OFFSET));
    }

    public void price(final int index, final long value)
    {
        UnsafeApi.putLong(null, at(index, PRICE_OFFSET), value);
    }

    public long leaves(final int index)
    {
        return UnsafeApi.getLong(null, at(index, LEAVES_OFFSET));
    }

    public void leaves(final int index, final long value)
    {
        UnsafeApi.putLong(null, at(index, LEAVES_OFFSET), value);
    }

    public int prev(final int index)
    {
        return UnsafeApi.getInt(null, at(index, PREV_OFFSET));
    }

    public void prev(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, PREV_OFFSET), value);
    }

    public int next(final int index)
    {
        return UnsafeApi.getInt(null, at(index, NEXT_OFFSET));
    }

    public void next(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, NEXT_OFFSET), value);
    }

    public int level(final int index)
    {
        return UnsafeApi.getInt(null, at(index, LEVEL_OFFSET));
    }

    public void level(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, LEVEL_OFFSET), value);
    }

    public int accountIndex(final int index)
    {
        return UnsafeApi.getInt(null, at(index, ACCOUNT_INDEX_OFFSET));
    }

    public void accountIndex(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, ACCOUNT_INDEX_OFFSET), value);
    }

    public int accountPrev(final int index)
    {
        return UnsafeApi.getInt(null, at(index, ACCOUNT_PREV_OFFSET));
    }

    public void accountPrev(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, ACCOUNT_PREV_OFFSET), value);
    }

    public int accountNext(final int index)
    {
        return UnsafeApi.getInt(null, at(index, ACCOUNT_NEXT_OFFSET));
    }

    public void accountNext(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, ACCOUNT_NEXT_OFFSET), value);
    }

    public int instrumentIndex(final int index)
    {
        return UnsafeApi.getInt(null, at(index, INSTRUMENT_INDEX_OFFSET));
    }

    public void instrumentIndex(final int index, final int value)
    {
        UnsafeApi.putInt(null, at(index, INSTRUMENT_INDEX_OFFSET), value);
    }

    public int side(final int index)
    {
        return UnsafeApi.getByte(null, at(index, SIDE_OFFSET));
    }

    public void side(final int index, final int value)
    {
        UnsafeApi.putByte(null, at(index, SIDE_OFFSET), (byte)value);
    }

    public int selfTradePrevention(final int index)
    {
        return UnsafeApi.getByte(null, at(index, SELF_TRADE_PREVENTION_OFFSET));
    }

    public void selfTradePrevention(final int index, final int value)
    {
        UnsafeApi.putByte(null, at(index, SELF_TRADE_PREVENTION_OFFSET), (byte)value);
    }

    public boolean postOnly(final int index)
    {
        return UnsafeApi.getByte(null, at(index, POST_ONLY_OFFSET)) != 0;
    }

    public void postOnly(final int index, final boolean value)
    {
        UnsafeApi.putByte(null, at(index, POST_ONLY_OFFSET), (byte)(value ? 1 : 0));
    }

    public boolean isIceberg(final int index)
    {
        return (UnsafeApi.getByte(null, at(index, KIND_OFFSET)) & ICEBERG_BIT) != 0;
    }

    /**
     * Makes the order an iceberg showing at most {@code displayQuantity} at a time, or (0) a plain order; either way
     * with nothing hidden yet, and not a waiting stop. A plain order's side arrays are left as they are (they are read
     * only under the iceberg flag), so resting one costs no write off its record's cache line.
     */
    public void displayQuantity(final int index, final long displayQuantity)
    {
        UnsafeApi.putByte(null, at(index, KIND_OFFSET), (byte)(displayQuantity != 0 ? ICEBERG_BIT : 0));
        if (displayQuantity != 0)
        {
            displayQuantities[index] = displayQuantity;
            hiddenQuantities[index] = 0;
        }
    }

    /**
     * @return whether the order is a stop order waiting for its trigger, not in the book.
     */
    public boolean isWaitingStop(final int index)
    {
        return (UnsafeApi.getByte(null, at(index, KIND_OFFSET)) & STOP_BIT) != 0;
    }

    /**
     * Makes the order a waiting stop order (not an iceberg) of that type (an ordinal of the core's order type), time
     * in force (ordinal) and stop price.
     */
    public void waitingStop(final int index, final int orderType, final int timeInForce, final long stopPrice)
    {
        UnsafeApi.putByte(null, at(index, KIND_OFFSET), (byte)STOP_BIT);
        stopOrderTypes[index] = (byte)orderType;
        stopTimeInForces[index] = (byte)timeInForce;
        stopPrices[index] = stopPrice;
    }

    /**
     * The stop order was triggered: it no longer waits, and is a plain order from now on.
     */
    public void triggered(final int index)
    {
        UnsafeApi.putByte(null, at(index, KIND_OFFSET), (byte)0);
    }

    public long stopPrice(final int index)
    {
        return stopPrices[index];
    }

    public void stopPrice(final int index, final long value)
    {
        stopPrices[index] = value;
    }

    public int stopOrderType(final int index)
    {
        return stopOrderTypes[index];
    }

    public int stopTimeInForce(final int index)
    {
        return stopTimeInForces[index];
    }

    /**
     * @return the most an iceberg shows at a time; 0 for any other order.
     */
    public long displayQuantity(final int index)
    {
        return isIceberg(index) ? displayQuantities[index] : 0;
    }

    /**
     * @return what an iceberg holds back beyond its shown {@link #leaves}; 0 for any other order.
     */
    public long hiddenQuantity(final int index)
    {
        return isIceberg(index) ? hiddenQuantities[index] : 0;
    }

    /**
     * Sets an iceberg's hidden quantity; only for an order that {@link #isIceberg}.
     */
    public void hiddenQuantity(final int index, final long value)
    {
        assert isIceberg(index) : "order index " + index + " is not an iceberg";
        hiddenQuantities[index] = value;
    }

    /**
     * @return all the order has left: what it shows and, for an iceberg, what it holds back.
     */
    public long totalLeaves(final int index)
    {
        final long leaves = leaves(index);
        return isIceberg(index) ? leaves + hiddenQuantities[index] : leaves;
    }

    /**
     * @return the id of the session that entered the order (chosen outside the core; 0 for none).
     */
    public long sessionId(final int index)
    {
        return sessionIds[index];
    }

    public void sessionId(final int index, final long value)
    {
        sessionIds[index] = value;
    }

    private long at(final int index, final int offset)
    {
        assert index >= 0 && index < capacity : "order index " + index + " outside 0.." + (capacity - 1);
        return address + (long)index * RECORD_LENGTH + offset;
    }
}
