package io.matchpoint.engine.service;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Int2IntHashMap;

import io.matchpoint.engine.match.SavedEngineState;

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

    /**
     * Reads what {@link #saveState} wrote into a new directory of {@code capacity} instruments and checks that it
     * lists the same instruments as the core's saved state, with the same definitions and status.
     *
     * @throws IOException           if the input ends early.
     * @throws IllegalStateException naming the first problem found.
     */
    static InstrumentDirectory read(final DataInput in, final int capacity, final SavedEngineState core)
        throws IOException
    {
        final InstrumentDirectory directory = new InstrumentDirectory(capacity);
        final int savedCount = in.readInt();
        if (savedCount != core.instrumentCount() || savedCount > capacity)
        {
            throw new IllegalStateException("bad instrument directory state: " + savedCount + " instruments, the " +
                "core " + core.instrumentCount());
        }
        for (int index = 0; index < savedCount; index++)
        {
            directory.ids[index] = in.readInt();
            directory.indexById.put(directory.ids[index], index);
            in.readFully(directory.symbols, index * SYMBOL_LENGTH, SYMBOL_LENGTH);
            directory.priceDecimals[index] = in.readUnsignedByte();
            directory.tickSizes[index] = in.readLong();
            directory.lotSizes[index] = in.readLong();
            directory.minQuantities[index] = in.readLong();
            directory.maxQuantities[index] = in.readLong();
            directory.lowPrices[index] = in.readLong();
            directory.highPrices[index] = in.readLong();
            directory.halted[index] = in.readBoolean();
            if (directory.ids[index] != core.instrumentId(index) ||
                directory.tickSizes[index] != core.tickSize(index) ||
                directory.lotSizes[index] != core.lotSize(index) ||
                directory.minQuantities[index] != core.minQuantity(index) ||
                directory.maxQuantities[index] != core.maxQuantity(index) ||
                directory.lowPrices[index] != core.lowPrice(index) ||
                directory.highPrices[index] != core.highPrice(index) ||
                directory.halted[index] != core.isHalted(index))
            {
                throw new IllegalStateException("bad instrument directory state: instrument " +
                    directory.ids[index] + " (entry " + index + ") differs from the core's instrument " +
                    core.instrumentId(index));
            }
        }
        directory.count = savedCount;
        return directory;
    }

    /**
     * Makes this empty directory a copy of {@code loaded} (from {@link #read}).
     */
    void load(final InstrumentDirectory loaded)
    {
        if (count != 0 || loaded.ids.length > ids.length)
        {
            throw new IllegalStateException("a directory can only be loaded into an empty one of the same capacity");
        }
        final int loadedCount = loaded.count;
        System.arraycopy(loaded.ids, 0, ids, 0, loadedCount);
        System.arraycopy(loaded.symbols, 0, symbols, 0, loadedCount * SYMBOL_LENGTH);
        System.arraycopy(loaded.priceDecimals, 0, priceDecimals, 0, loadedCount);
        System.arraycopy(loaded.tickSizes, 0, tickSizes, 0, loadedCount);
        System.arraycopy(loaded.lotSizes, 0, lotSizes, 0, loadedCount);
        System.arraycopy(loaded.minQuantities, 0, minQuantities, 0, loadedCount);
        System.arraycopy(loaded.maxQuantities, 0, maxQuantities, 0, loadedCount);
        System.arraycopy(loaded.lowPrices, 0, lowPrices, 0, loadedCount);
        System.arraycopy(loaded.highPrices, 0, highPrices, 0, loadedCount);
        System.arraycopy(loaded.halted, 0, halted, 0, loadedCount);
        for (int index = 0; index < loadedCount; index++)
        {
            indexById.put(ids[index], index);
        }
        count = loadedCount;
    }

    int capacity()
    {
        return ids.length;
    }
}
