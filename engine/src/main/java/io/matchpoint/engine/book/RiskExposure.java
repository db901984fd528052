package io.matchpoint.engine.book;

/**
 * What each account has at stake, kept up to date as orders rest, shrink, leave and fill, for the pre-trade risk
 * checks: per account and instrument its net executed position and its open (resting) quantity on each side and
 * gross open notional; per account its open order count and gross open notional over all instruments. The notional of
 * a quantity at a price is {@code |price| * quantity}, exact: held as a 128-bit unsigned number (high and low
 * longs), since a sum of them can pass {@code 2^64} long before anything overflows in the books.
 * <p>
 * Dense, one array: each account's three numbers (open orders, total open notional), then its five for each
 * instrument (net position, open buy and sell quantity, open notional), side by side, so that an update for an
 * account on its first instrument touches one or two cache lines, and no lookup. {@code EngineConfig} bounds
 * {@code maxAccounts * maxInstruments} (40 bytes a pair, 24 an account).
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
    /** A pair's numbers: net position, open buy quantity, open sell quantity, open notional high and low words. */
    private static final int PAIR_STRIDE = 5;
    private static final int NET = 0;
    private static final int OPEN_BUY = 1;
    private static final int OPEN_SELL = 2;
    private static final int NOTIONAL_HIGH = 3;
    private static final int NOTIONAL_LOW = 4;
    /** An account's numbers: open orders, total open notional high and low words. */
    private static final int ACCOUNT_STRIDE = 3;
    private static final int OPEN_ORDERS = 0;
    private static final int TOTAL_HIGH = 1;
    private static final int TOTAL_LOW = 2;

    /** Longs an account takes: its own three, then five per instrument. */
    private final int accountLength;
    /** Both the accounts' and the pairs' numbers: {@link #accountLength} longs an account. */
    private final long[] numbers;

    public RiskExposure(final int maxAccounts, final int maxInstruments)
    {
        accountLength = ACCOUNT_STRIDE + maxInstruments * PAIR_STRIDE;
        numbers = new long[maxAccounts * accountLength];
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
        numbers[account * accountLength + OPEN_ORDERS]++;
        add(account, instrument, sideCode, price, leaves);
    }

    /** A resting order's open quantity shrinks (a partial fill, a reduce) by {@code quantity}. */
    public void reduce(
        final int account, final int instrument, final int sideCode, final long price, final long quantity)
    {
        subtract(account, instrument, sideCode, price, quantity);
    }

    /** An order leaves the book with {@code leaves} still open (filled, cancelled, or re-entering on a replace). */
    public void leave(final int account, final int instrument, final int sideCode, final long price, final long leaves)
    {
        numbers[account * accountLength + OPEN_ORDERS]--;
        subtract(account, instrument, sideCode, price, leaves);
    }

    /** A fill of {@code quantity} on {@code sideCode} (the account's own side) moves its position. */
    public void fill(final int account, final int instrument, final int sideCode, final long quantity)
    {
        final int at = pair(account, instrument) + NET;
        final long position = numbers[at];
        final long moved = sideCode == BIDS ? position + quantity : position - quantity;
        // overflow iff the result's sign differs from the start's while the move's sign matches the start's
        final boolean overflowed = sideCode == BIDS ? moved < position : moved > position;
        numbers[at] = overflowed ? (sideCode == BIDS ? Long.MAX_VALUE : Long.MIN_VALUE) : moved;
    }

    private void add(final int account, final int instrument, final int sideCode, final long price, final long qty)
    {
        final int pair = pair(account, instrument);
        numbers[pair + (sideCode == BIDS ? OPEN_BUY : OPEN_SELL)] += qty;
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = numbers[pair + NOTIONAL_LOW] + low;
        numbers[pair + NOTIONAL_HIGH] += high + (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0);
        numbers[pair + NOTIONAL_LOW] = pairLow;
        final int totals = account * accountLength;
        final long totalLow = numbers[totals + TOTAL_LOW] + low;
        numbers[totals + TOTAL_HIGH] += high + (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0);
        numbers[totals + TOTAL_LOW] = totalLow;
    }

    private void subtract(
        final int account, final int instrument, final int sideCode, final long price, final long qty)
    {
        final int pair = pair(account, instrument);
        numbers[pair + (sideCode == BIDS ? OPEN_BUY : OPEN_SELL)] -= qty;
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = numbers[pair + NOTIONAL_LOW];
        numbers[pair + NOTIONAL_HIGH] -= high + (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0);
        numbers[pair + NOTIONAL_LOW] = pairLow - low;
        final int totals = account * accountLength;
        final long totalLow = numbers[totals + TOTAL_LOW];
        numbers[totals + TOTAL_HIGH] -= high + (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0);
        numbers[totals + TOTAL_LOW] = totalLow - low;
    }

    private int pair(final int account, final int instrument)
    {
        return account * accountLength + ACCOUNT_STRIDE + instrument * PAIR_STRIDE;
    }

    public long netPosition(final int account, final int instrument)
    {
        return numbers[pair(account, instrument) + NET];
    }

    /** Only when loading a saved state. */
    public void netPosition(final int account, final int instrument, final long position)
    {
        numbers[pair(account, instrument) + NET] = position;
    }

    /** The open quantity of the account's resting orders on this instrument and side. */
    public long openQuantity(final int account, final int instrument, final int sideCode)
    {
        return numbers[pair(account, instrument) + (sideCode == BIDS ? OPEN_BUY : OPEN_SELL)];
    }

    public long openNotionalHigh(final int account, final int instrument)
    {
        return numbers[pair(account, instrument) + NOTIONAL_HIGH];
    }

    public long openNotionalLow(final int account, final int instrument)
    {
        return numbers[pair(account, instrument) + NOTIONAL_LOW];
    }

    public int openOrders(final int account)
    {
        return (int)numbers[account * accountLength + OPEN_ORDERS];
    }

    public long totalNotionalHigh(final int account)
    {
        return numbers[account * accountLength + TOTAL_HIGH];
    }

    public long totalNotionalLow(final int account)
    {
        return numbers[account * accountLength + TOTAL_LOW];
    }
}
