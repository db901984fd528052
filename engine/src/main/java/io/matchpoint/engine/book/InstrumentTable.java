package io.matchpoint.engine.book;

import org.agrona.collections.Int2IntHashMap;

/**
 * Instrument definitions and their two book sides, preallocated for the configured number of instruments.
 * Instruments are addressed by index in definition order; ids are looked up once per command.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class InstrumentTable
{
    public static final int NONE = OrderPool.NONE;
    /** The widest percent collar, in basis points: 100%. */
    public static final long MAX_COLLAR_BASIS_POINTS = 10_000;

    private final Int2IntHashMap indexById;
    private final int[] instrumentId;
    private final String[] symbol;
    private final long[] tickSize;
    private final long[] lotSize;
    /** {@code tickSize - 1} when the tick is a power of two (a mask replaces the division), else -1. */
    private final long[] tickMask;
    private final long[] lotMask;
    private final long[] minQuantity;
    private final long[] maxQuantity;
    private final long[] lowPrice;
    private final long[] highPrice;
    private final boolean[] halted;
    /** The price collar's half-width in ticks, 0 for none. */
    private final long[] collarTicks;
    /** The price collar's half-width in basis points of the reference price, 0 for none (or a collar in ticks). */
    private final long[] collarBasisPoints;
    /** The last trade's price, once {@link #traded} says there was one since the instrument was first defined. */
    private final long[] lastTradePrice;
    /** Per instrument and side, like {@link #ladders}: the stop levels of the waiting stop orders. */
    private final PriceLadder[] stopLadders;
    private final boolean[] traded;
    /** An instrument's bids at {@code 2 * index}, its asks at {@code 2 * index + 1}: found by the side, not a branch. */
    private final PriceLadder[] ladders;
    private int size;

    public InstrumentTable(final int capacity, final int ticksPerBook, final PriceLevelPool levels)
    {
        indexById = new Int2IntHashMap(capacity * 2, 0.55f, NONE);
        instrumentId = new int[capacity];
        symbol = new String[capacity];
        tickSize = new long[capacity];
        lotSize = new long[capacity];
        tickMask = new long[capacity];
        lotMask = new long[capacity];
        minQuantity = new long[capacity];
        maxQuantity = new long[capacity];
        lowPrice = new long[capacity];
        highPrice = new long[capacity];
        halted = new boolean[capacity];
        collarTicks = new long[capacity];
        collarBasisPoints = new long[capacity];
        lastTradePrice = new long[capacity];
        traded = new boolean[capacity];
        ladders = new PriceLadder[2 * capacity];
        stopLadders = new PriceLadder[2 * capacity];
        for (int i = 0; i < capacity; i++)
        {
            ladders[2 * i] = new PriceLadder(true, ticksPerBook, levels);
            ladders[2 * i + 1] = new PriceLadder(false, ticksPerBook, levels);
            // buy stops trigger from the lowest stop price up, sell stops from the highest down
            stopLadders[2 * i] = new PriceLadder(false, ticksPerBook, levels);
            stopLadders[2 * i + 1] = new PriceLadder(true, ticksPerBook, levels);
        }
    }


    public int size()
    {
        return size;
    }

    /**
     * @return the instrument's index, or {@link #NONE}
     */
    public int indexOf(final int id)
    {
        return indexById.get(id);
    }

    /**
     * @return the index of a new instrument, or {@link #NONE} when the table is full
     */
    public int add(final int id)
    {
        if (size == instrumentId.length)
        {
            return NONE;
        }
        final int index = size++;
        instrumentId[index] = id;
        indexById.put(id, index);
        return index;
    }

    /**
     * Sets the definition; tick size changes reach the ladders, which must then be empty.
     */
    public void define(
        final int index,
        final String symbol,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        this.symbol[index] = symbol;
        if (this.tickSize[index] != tickSize)
        {
            ladders[2 * index].tickSize(tickSize);
            ladders[2 * index + 1].tickSize(tickSize);
            stopLadders[2 * index].tickSize(tickSize);
            stopLadders[2 * index + 1].tickSize(tickSize);
        }
        this.tickSize[index] = tickSize;
        this.lotSize[index] = lotSize;
        tickMask[index] = powerOfTwoMask(tickSize);
        lotMask[index] = powerOfTwoMask(lotSize);
        this.minQuantity[index] = minQuantity;
        this.maxQuantity[index] = maxQuantity;
        this.lowPrice[index] = lowPrice;
        this.highPrice[index] = highPrice;
    }

    public int instrumentId(final int index)
    {
        return instrumentId[index];
    }

    public String symbol(final int index)
    {
        return symbol[index];
    }

    public long tickSize(final int index)
    {
        return tickSize[index];
    }

    public long lotSize(final int index)
    {
        return lotSize[index];
    }

    /**
     * @return whether {@code price} is a multiple of the tick size (negative prices included)
     */
    public boolean isOnTick(final int index, final long price)
    {
        final long mask = tickMask[index];
        return mask >= 0 ? (price & mask) == 0 : price % tickSize[index] == 0;
    }

    /**
     * @return whether {@code quantity} is a multiple of the lot size
     */
    public boolean isOnLot(final int index, final long quantity)
    {
        final long mask = lotMask[index];
        return mask >= 0 ? (quantity & mask) == 0 : quantity % lotSize[index] == 0;
    }

    private static long powerOfTwoMask(final long size)
    {
        return Long.bitCount(size) == 1 ? size - 1 : -1;
    }

    public long minQuantity(final int index)
    {
        return minQuantity[index];
    }

    public long maxQuantity(final int index)
    {
        return maxQuantity[index];
    }

    public long lowPrice(final int index)
    {
        return lowPrice[index];
    }

    public long highPrice(final int index)
    {
        return highPrice[index];
    }

    public boolean isHalted(final int index)
    {
        return halted[index];
    }

    public void halted(final int index, final boolean value)
    {
        halted[index] = value;
    }

    public long collarTicks(final int index)
    {
        return collarTicks[index];
    }

    public long collarBasisPoints(final int index)
    {
        return collarBasisPoints[index];
    }

    /**
     * Sets the collar: in ticks, or in basis points of the reference price (at most one of them above 0; both 0 for
     * none).
     */
    public void collar(final int index, final long ticks, final long basisPoints)
    {
        collarTicks[index] = ticks;
        collarBasisPoints[index] = basisPoints;
    }

    public boolean hasCollar(final int index)
    {
        return collarTicks[index] != 0 || collarBasisPoints[index] != 0;
    }

    /**
     * @return the collar's half-width in ticks, as an unsigned number: the ticks set, or for a percent collar
     * {@code floor(floor(|reference| * basisPoints / 10000) / tick)}, exact (with at most 10,000 basis points the width
     * in price units fits an unsigned long; the ticks are 2^63 at most).
     */
    public long collarWidthTicks(final int index)
    {
        final long basisPoints = collarBasisPoints[index];
        if (basisPoints == 0)
        {
            return collarTicks[index];
        }
        final long reference = referencePrice(index);
        final long magnitude = reference < 0 ? -reference : reference; // unsigned: |Long.MIN_VALUE| is 2^63
        final long width = Long.divideUnsigned(magnitude, 10_000) * basisPoints +
            Long.remainderUnsigned(magnitude, 10_000) * basisPoints / 10_000;
        return Long.divideUnsigned(width, tickSize[index]);
    }

    public boolean hasTraded(final int index)
    {
        return traded[index];
    }

    public long lastTradePrice(final int index)
    {
        return lastTradePrice[index];
    }

    public void traded(final int index, final long price)
    {
        traded[index] = true;
        lastTradePrice[index] = price;
    }

    /**
     * @return what the price collar is measured from: the last trade's price, or before the first trade the band's
     * middle tick.
     */
    public long referencePrice(final int index)
    {
        if (traded[index])
        {
            return lastTradePrice[index];
        }
        final long tick = tickSize[index];
        return lowPrice[index] + ((highPrice[index] / tick - lowPrice[index] / tick) / 2) * tick;
    }

    /**
     * @return whether a collar is set and {@code price} lies further than {@code collarTicks * tick} from the
     * reference price, exactly: the distance is taken as an unsigned 64-bit number (it always fits) and the width as
     * the exact product (one of 2^64 or more is wider than any distance).
     */
    public boolean isOutsideCollar(final int index, final long price)
    {
        if (!hasCollar(index))
        {
            return false;
        }
        final long ticks = collarWidthTicks(index);
        final long reference = referencePrice(index);
        final long distance = price >= reference ? price - reference : reference - price;
        final long tick = tickSize[index];
        return unsignedMultiplyHigh(ticks, tick) == 0 && Long.compareUnsigned(distance, ticks * tick) > 0;
    }

    /**
     * @return the high 64 bits of {@code a * b} as unsigned numbers. Math.unsignedMultiplyHigh is JDK 18+: the signed
     * high word corrected for each operand's top bit.
     */
    static long unsignedMultiplyHigh(final long a, final long b)
    {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * @return the furthest price a market order of this side may trade at under the collar: the reference price plus
     * the width for a buy, less it for a sell, held to the long range (exactly, as {@link #isOutsideCollar}).
     */
    public long collarLimit(final int index, final boolean buy)
    {
        final long reference = referencePrice(index);
        final long ticks = collarWidthTicks(index);
        final long tick = tickSize[index];
        final boolean widerThanAnyLong = unsignedMultiplyHigh(ticks, tick) != 0;
        final long width = ticks * tick; // exact as an unsigned number unless widerThanAnyLong
        if (buy)
        {
            // the room above the reference, Long.MAX_VALUE - reference, as an unsigned number
            return widerThanAnyLong || Long.compareUnsigned(width, Long.MAX_VALUE - reference) > 0 ?
                Long.MAX_VALUE : reference + width;
        }
        return widerThanAnyLong || Long.compareUnsigned(width, reference - Long.MIN_VALUE) > 0 ?
            Long.MIN_VALUE : reference - width;
    }

    /**
     * @param side 0 for bids, 1 for asks
     */
    public PriceLadder ladder(final int index, final int side)
    {
        return ladders[2 * index + side];
    }

    /**
     * @param side 0 for buy stops (best is the lowest stop price), 1 for sell stops (best is the highest)
     * @return the stop levels of the instrument's waiting stop orders on that side, best first in triggering order
     */
    public PriceLadder stopLadder(final int index, final int side)
    {
        return stopLadders[2 * index + side];
    }

    /**
     * @return whether nothing rests in the instrument's book and no stop order waits on it.
     */
    public boolean isBookEmpty(final int index)
    {
        return ladders[2 * index].isEmpty() && ladders[2 * index + 1].isEmpty() &&
            stopLadders[2 * index].isEmpty() && stopLadders[2 * index + 1].isEmpty();
    }
}
