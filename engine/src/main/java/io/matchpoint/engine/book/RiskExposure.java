package io.matchpoint.engine.book;

/**
 * What each account has at stake, kept up to date as orders rest, shrink, leave and fill, for the pre-trade risk
 * checks: per account and instrument its net executed position and its open (resting) quantity on each side and
 * gross open notional; per account its open order count and gross open notional over all instruments. The notional of
 * a quantity at a price is {@code |price| * quantity}, exact: held as a 128-bit unsigned number (high and low
 * longs), since a sum of them can pass {@code 2^64} long before anything overflows in the books.
 * <p>
 * Dense, indexed by {@code account * maxInstruments + instrument}, so a fill costs two array updates and no lookup;
 * {@code EngineConfig} bounds {@code maxAccounts * maxInstruments} to keep it small (40 bytes a pair).
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

    private final int maxInstruments;
    private final long[] netPosition;
    private final long[] openBuyQuantity;
    private final long[] openSellQuantity;
    private final long[] openNotionalHigh;
    private final long[] openNotionalLow;
    private final int[] openOrders;
    private final long[] totalNotionalHigh;
    private final long[] totalNotionalLow;

    public RiskExposure(final int maxAccounts, final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        final int pairs = maxAccounts * maxInstruments;
        netPosition = new long[pairs];
        openBuyQuantity = new long[pairs];
        openSellQuantity = new long[pairs];
        openNotionalHigh = new long[pairs];
        openNotionalLow = new long[pairs];
        openOrders = new int[maxAccounts];
        totalNotionalHigh = new long[maxAccounts];
        totalNotionalLow = new long[maxAccounts];
    }

    /**
     * @return the high 64 bits of {@code |price| * quantity} as unsigned numbers ({@code |Long.MIN_VALUE|} is
     * {@code 2^63}); the low 64 bits are {@link #notionalLow}.
     */
    public static long notionalHigh(final long price, final long quantity)
    {
        final long magnitude = price < 0 ? -price : price;
        // Math.unsignedMultiplyHigh is JDK 18+: the signed high word corrected for each operand's top bit
        return Math.multiplyHigh(magnitude, quantity) + ((magnitude >> 63) & quantity) +
            ((quantity >> 63) & magnitude);
    }

    public static long notionalLow(final long price, final long quantity)
    {
        final long magnitude = price < 0 ? -price : price;
        return magnitude * quantity;
    }

    /** An order starts resting (new, or back after a replace that lost priority). */
    public void rest(final int account, final int instrument, final int sideCode, final long price, final long leaves)
    {
        openOrders[account]++;
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
        openOrders[account]--;
        subtract(account, instrument, sideCode, price, leaves);
    }

    /** A fill of {@code quantity} on {@code sideCode} (the account's own side) moves its position. */
    public void fill(final int account, final int instrument, final int sideCode, final long quantity)
    {
        final int pair = account * maxInstruments + instrument;
        final long position = netPosition[pair];
        final long moved = sideCode == BIDS ? position + quantity : position - quantity;
        // overflow iff the result's sign differs from the start's while the move's sign matches the start's
        final boolean overflowed = sideCode == BIDS ? moved < position : moved > position;
        netPosition[pair] = overflowed ? (sideCode == BIDS ? Long.MAX_VALUE : Long.MIN_VALUE) : moved;
    }

    private void add(final int account, final int instrument, final int sideCode, final long price, final long qty)
    {
        final int pair = account * maxInstruments + instrument;
        if (sideCode == BIDS)
        {
            openBuyQuantity[pair] += qty;
        }
        else
        {
            openSellQuantity[pair] += qty;
        }
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = openNotionalLow[pair] + low;
        openNotionalHigh[pair] += high + (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0);
        openNotionalLow[pair] = pairLow;
        final long totalLow = totalNotionalLow[account] + low;
        totalNotionalHigh[account] += high + (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0);
        totalNotionalLow[account] = totalLow;
    }

    private void subtract(
        final int account, final int instrument, final int sideCode, final long price, final long qty)
    {
        final int pair = account * maxInstruments + instrument;
        if (sideCode == BIDS)
        {
            openBuyQuantity[pair] -= qty;
        }
        else
        {
            openSellQuantity[pair] -= qty;
        }
        final long high = notionalHigh(price, qty);
        final long low = notionalLow(price, qty);
        final long pairLow = openNotionalLow[pair];
        openNotionalHigh[pair] -= high + (Long.compareUnsigned(pairLow, low) < 0 ? 1 : 0);
        openNotionalLow[pair] = pairLow - low;
        final long totalLow = totalNotionalLow[account];
        totalNotionalHigh[account] -= high + (Long.compareUnsigned(totalLow, low) < 0 ? 1 : 0);
        totalNotionalLow[account] = totalLow - low;
    }

    public long netPosition(final int account, final int instrument)
    {
        return netPosition[account * maxInstruments + instrument];
    }

    /** Only when loading a saved state. */
    public void netPosition(final int account, final int instrument, final long position)
    {
        netPosition[account * maxInstruments + instrument] = position;
    }

    /** The open quantity of the account's resting orders on this instrument and side. */
    public long openQuantity(final int account, final int instrument, final int sideCode)
    {
        final int pair = account * maxInstruments + instrument;
        return sideCode == BIDS ? openBuyQuantity[pair] : openSellQuantity[pair];
    }

    public long openNotionalHigh(final int account, final int instrument)
    {
        return openNotionalHigh[account * maxInstruments + instrument];
    }

    public long openNotionalLow(final int account, final int instrument)
    {
        return openNotionalLow[account * maxInstruments + instrument];
    }

    public int openOrders(final int account)
    {
        return openOrders[account];
    }

    public long totalNotionalHigh(final int account)
    {
        return totalNotionalHigh[account];
    }

    public long totalNotionalLow(final int account)
    {
        return totalNotionalLow[account];
    }
}
