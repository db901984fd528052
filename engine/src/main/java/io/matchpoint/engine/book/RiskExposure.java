package io.matchpoint.engine.book;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What each account has at stake, kept up to date as orders rest, shrink, leave and fill, for the pre-trade risk
 * checks: per account and instrument its net executed position and its open (resting) quantity on each side and
 * gross open notional; per account its open order count and gross open notional over all instruments. The notional of
 * a quantity at a price is {@code |price| * quantity}, exact: held as a 128-bit unsigned number (high and low
 * longs), since a sum of them can pass {@code 2^64} long before anything overflows in the books.
 * <p>
 * Dense, one cache-line aligned block of memory: each account's record starts on a cache line with its three numbers
 * (open orders, total open notional high and low words), then its five for each instrument (net position, open buy
 * and sell quantity, open notional high and low words), side by side, so that a check or an update for an account on
 * its first instrument touches one cache line, and no lookup. {@code EngineConfig} bounds
 * {@code maxAccounts * maxInstruments} (40 bytes a pair, 24 an account, rounded up to a cache line). The accessors
 * address the block directly, without bounds checks, as {@code OrderPool} does: every account and instrument index
 * comes from the engine's own tables, never from a message, and they are asserted in range wherever assertions are on
 * (every test run).
 * <p>
 * The net position is the only part that is not derived from the resting orders: open quantities, notionals and
 * counts can be rebuilt from the book, the position is history. A fill moves it by the fill's quantity, held to the
 * long range (it saturates rather than wraps, at a size no real position reaches).
 * <p>
 * Single-threaded: owned by the matcher. Allocates nothing after construction.
 */
public final class RiskExposure
{
    private static final int BIDS = 0;
    private static final int CACHE_LINE = 64;
    /** An account's numbers (byte offsets): open orders, total open notional high and low words, then its pairs. */
    private static final int OPEN_ORDERS = 0;
    private static final int TOTAL_HIGH = 8;
    private static final int TOTAL_LOW = 16;
    private static final int PAIRS = 24;
    /** A pair's numbers: net position, open buy quantity, open sell quantity, open notional high and low words. */
    private static final int PAIR_LENGTH = 40;
    private static final int NET = 0;
    private static final int OPEN_BUY = 8;
    private static final int NOTIONAL_HIGH = 24;
    private static final int NOTIONAL_LOW = 32;

    private final int maxAccounts;
    private final int maxInstruments;
    /** Bytes an account's record takes: a whole number of cache lines. */
    private final int accountLength;
    /** Holds the block (and keeps it reachable); the accessors address it directly. */
    private final UnsafeBuffer block;
    private final long address;

    public RiskExposure(final int maxAccounts, final int maxInstruments)
    {
        this.maxAccounts = maxAccounts;
        this.maxInstruments = maxInstruments;
        accountLength = BitUtil.align(PAIRS + maxInstruments * PAIR_LENGTH, CACHE_LINE);
        block = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            Math.toIntExact((long)maxAccounts * accountLength), CACHE_LINE));
        address = block.addressOffset();
    }

    /**
     * @return the high 64 bits of {@code |price| * quantity} as unsigned numbers ({@code |Long.MIN_VALUE|} is
     * {@code 2^63}); the low 64 bits are {@link #notionalLow}.
     */
    public static long notionalHigh(final long price, final long quantity)
    {
        final long magnitude = price < 0 ? -price : price;
        if (((magnitude | quantity) >>> 31) == 0)
        {
            return 0; // both below 2^31, as nearly always: the product fits the low word
        }
        return InstrumentTable.unsignedMultiplyHigh(magnitude, quantity);
    }

    public static long notionalLow(final long price, final long quantity)
    {
        final long magnitude = price < 0 ? -price : price;
        return magnitude * quantity;
    }

    /** An order starts resting (new, or back after a replace that lost priority). */
    public void rest(final int account, final int instrument, final int sideCode, final long price, final long leaves)
    {
        final long totals = account(account);
        put(totals + OPEN_ORDERS, get(totals + OPEN_ORDERS) + 1);
        add(totals, instrument, sideCode, price, leaves);
    }

    /** A resting order's open quantity shrinks (a partial fill, a reduce) by {@code quantity}. */
    public void reduce(
        final int account, final int instrument, final int sideCode, final long price, final long quantity)
    {
        subtract(account(account), instrument, sideCode, price, quantity);
    }

    /** An order leaves the book with {@code leaves} still open (filled, cancelled, or re-entering on a replace). */
    public void leave(final int account, final int instrument, final int sideCode, final long price, final long leaves)
    {
        final long totals = account(account);
        put(totals + OPEN_ORDERS, get(totals + OPEN_ORDERS) - 1);
        subtract(totals, instrument, sideCode, price, leaves);
    }

    /** A fill of {@code quantity} on {@code sideCode} (the account's own side) moves its position. */
    public void fill(final int account, final int instrument, final int sideCode, final long quantity)
    {
        final long at = pair(account(account), instrument) + NET;
        final long position = get(at);
        final long moved = sideCode == BIDS ? position + quantity : position - quantity;
        // overflow iff the result's sign differs from the start's while the move's sign matches the start's
        final boolean overflowed = sideCode == BIDS ? moved < position : moved > position;
        put(at, overflowed ? (sideCode == BIDS ? Long.MAX_VALUE : Long.MIN_VALUE) : moved);
    }

    private void add(final long totals, final int instrument, final int sideCode, final long price, final long qty)
    {
        final long pair = pair(totals, instrument);
        final long open = pair + side(sideCode);
        put(open, get(open) + qty);
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = get(pair + NOTIONAL_LOW) + low;
        put(pair + NOTIONAL_HIGH, get(pair + NOTIONAL_HIGH) + high + (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0));
        put(pair + NOTIONAL_LOW, pairLow);
        final long totalLow = get(totals + TOTAL_LOW) + low;
        put(totals + TOTAL_HIGH, get(totals + TOTAL_HIGH) + high + (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0));
        put(totals + TOTAL_LOW, totalLow);
    }

    private void subtract(
        final long totals, final int instrument, final int sideCode, final long price, final long qty)
    {
        final long pair = pair(totals, instrument);
        final long open = pair + side(sideCode);
        put(open, get(open) - qty);
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = get(pair + NOTIONAL_LOW);
        put(pair + NOTIONAL_HIGH, get(pair + NOTIONAL_HIGH) - high - (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0));
        put(pair + NOTIONAL_LOW, pairLow - low);
        final long totalLow = get(totals + TOTAL_LOW);
        put(totals + TOTAL_HIGH, get(totals + TOTAL_HIGH) - high - (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0));
        put(totals + TOTAL_LOW, totalLow - low);
    }

    /**
     * @return the address of the account's record.
     */
    private long account(final int account)
    {
        assert account >= 0 && account < maxAccounts : "account index " + account + " outside 0.." + (maxAccounts - 1);
        return address + (long)account * accountLength;
    }

    /**
     * @param totals the address of the account's record.
     * @return the address of the account's numbers for the instrument.
     */
    private long pair(final long totals, final int instrument)
    {
        assert instrument >= 0 && instrument < maxInstruments :
            "instrument index " + instrument + " outside 0.." + (maxInstruments - 1);
        return totals + PAIRS + (long)instrument * PAIR_LENGTH;
    }

    /**
     * @return the offset in a pair of the open quantity on the side: buy, then sell.
     */
    private static int side(final int sideCode)
    {
        return OPEN_BUY + (sideCode << 3);
    }

    private static long get(final long at)
    {
        return UnsafeApi.getLong(null, at);
    }

    private static void put(final long at, final long value)
    {
        UnsafeApi.putLong(null, at, value);
    }

    public long netPosition(final int account, final int instrument)
    {
        return get(pair(account(account), instrument) + NET);
    }

    /** Only when loading a saved state. */
    public void netPosition(final int account, final int instrument, final long position)
    {
        put(pair(account(account), instrument) + NET, position);
    }

    /** The open quantity of the account's resting orders on this instrument and side. */
    public long openQuantity(final int account, final int instrument, final int sideCode)
    {
        return get(pair(account(account), instrument) + side(sideCode));
    }

    public long openNotionalHigh(final int account, final int instrument)
    {
        return get(pair(account(account), instrument) + NOTIONAL_HIGH);
    }

    public long openNotionalLow(final int account, final int instrument)
    {
        return get(pair(account(account), instrument) + NOTIONAL_LOW);
    }

    public int openOrders(final int account)
    {
        return (int)get(account(account) + OPEN_ORDERS);
    }

    public long totalNotionalHigh(final int account)
    {
        return get(account(account) + TOTAL_HIGH);
    }

    public long totalNotionalLow(final int account)
    {
        return get(account(account) + TOTAL_LOW);
    }
}
