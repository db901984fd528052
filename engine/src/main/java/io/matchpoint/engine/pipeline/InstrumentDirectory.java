package io.matchpoint.engine.pipeline;

import org.agrona.collections.Int2IntHashMap;

/**
 * Reference data of every defined instrument as clients see it (the core keeps only what matching needs, not the
 * price's decimal places), so a session that logs on can be sent the full list. Owned by the matcher thread; filled
 * only from the core's own definition and status events, so a replayed journal rebuilds it exactly.
 */
final class InstrumentDirectory
{
    static final int SYMBOL_LENGTH = 8;
    private static final int NONE = -1;

    private final Int2IntHashMap indexById;
    private final int[] ids;
    private final byte[] symbols;
    private final int[] priceDecimals;
    private final long[] tickSizes;
    private final long[] lotSizes;
    private final long[] minQuantities;
    private final long[] maxQuantities;
    private final long[] lowPrices;
    private final long[] highPrices;
    private final boolean[] halted;
    private int count;

    InstrumentDirectory(final int capacity)
    {
        indexById = new Int2IntHashMap(capacity * 2, org.agrona.collections.Hashing.DEFAULT_LOAD_FACTOR, NONE);
        ids = new int[capacity];
        symbols = new byte[capacity * SYMBOL_LENGTH];
        priceDecimals = new int[capacity];
        tickSizes = new long[capacity];
        lotSizes = new long[capacity];
        minQuantities = new long[capacity];
        maxQuantities = new long[capacity];
        lowPrices = new long[capacity];
        highPrices = new long[capacity];
        halted = new boolean[capacity];
    }

    void define(
        final int instrumentId,
        final CharSequence symbol,
        final int decimals,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        int index = indexById.get(instrumentId);
        if (index == NONE)
        {
            index = count++;
            indexById.put(instrumentId, index);
            ids[index] = instrumentId;
        }
        final int symbolOffset = index * SYMBOL_LENGTH;
        for (int i = 0; i < SYMBOL_LENGTH; i++)
        {
            symbols[symbolOffset + i] = i < symbol.length() ? (byte)symbol.charAt(i) : 0;
        }
        priceDecimals[index] = decimals;
        tickSizes[index] = tickSize;
        lotSizes[index] = lotSize;
        minQuantities[index] = minQuantity;
        maxQuantities[index] = maxQuantity;
        lowPrices[index] = lowPrice;
        highPrices[index] = highPrice;
    }

    void halted(final int instrumentId, final boolean isHalted)
    {
        final int index = indexById.get(instrumentId);
        if (index != NONE)
        {
            halted[index] = isHalted;
        }
    }

    int count()
    {
        return count;
    }

    int indexOf(final int instrumentId)
    {
        return indexById.get(instrumentId);
    }

    int id(final int index)
    {
        return ids[index];
    }

    byte[] symbols()
    {
        return symbols;
    }

    int priceDecimals(final int index)
    {
        return priceDecimals[index];
    }

    long tickSize(final int index)
    {
        return tickSizes[index];
    }

    long lotSize(final int index)
    {
        return lotSizes[index];
    }

    long minQuantity(final int index)
    {
        return minQuantities[index];
    }

    long maxQuantity(final int index)
    {
        return maxQuantities[index];
    }

    long lowPrice(final int index)
    {
        return lowPrices[index];
    }

    long highPrice(final int index)
    {
        return highPrices[index];
    }

    boolean halted(final int index)
    {
        return halted[index];
    }
}
