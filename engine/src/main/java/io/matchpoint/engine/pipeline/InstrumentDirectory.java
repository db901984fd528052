package io.matchpoint.engine.pipeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    void saveState(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        for (int index = 0; index < count; index++)
        {
            out.writeInt(ids[index]);
            out.write(symbols, index * SYMBOL_LENGTH, SYMBOL_LENGTH);
            out.writeByte(priceDecimals[index]);
            out.writeLong(tickSizes[index]);
            out.writeLong(lotSizes[index]);
            out.writeLong(minQuantities[index]);
            out.writeLong(maxQuantities[index]);
            out.writeLong(lowPrices[index]);
            out.writeLong(highPrices[index]);
            out.writeBoolean(halted[index]);
        }
    }

    void loadState(final DataInput in) throws IOException
    {
        final int savedCount = in.readInt();
        if (count != 0 || savedCount < 0 || savedCount > ids.length)
        {
            throw new IllegalStateException("bad instrument directory state: " + savedCount + " instruments");
        }
        for (int index = 0; index < savedCount; index++)
        {
            ids[index] = in.readInt();
            indexById.put(ids[index], index);
            in.readFully(symbols, index * SYMBOL_LENGTH, SYMBOL_LENGTH);
            priceDecimals[index] = in.readUnsignedByte();
            tickSizes[index] = in.readLong();
            lotSizes[index] = in.readLong();
            minQuantities[index] = in.readLong();
            maxQuantities[index] = in.readLong();
            lowPrices[index] = in.readLong();
            highPrices[index] = in.readLong();
            halted[index] = in.readBoolean();
        }
        count = savedCount;
    }
}
