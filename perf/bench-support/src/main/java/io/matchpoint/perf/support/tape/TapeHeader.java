package io.matchpoint.perf.support.tape;

import java.util.List;

/**
 * What an order tape says about itself, ahead of its records.
 *
 * @param version      the format version the file was written with ({@link TapeDescriptor#VERSION}).
 * @param recordCount  how many records follow the header.
 * @param accountCount accounts named by the records: indexes {@code 0 .. accountCount - 1}.
 * @param seed         the seed the generator used (informational: reading never depends on it).
 * @param description  a short free text, e.g. the generator's parameters.
 * @param instruments  one entry per instrument index, in index order.
 */
public record TapeHeader(
    int version,
    long recordCount,
    int accountCount,
    long seed,
    String description,
    List<TapeInstrument> instruments)
{
    /**
     * Copies the instrument list, so a header never changes after it is made.
     */
    public TapeHeader
    {
        instruments = List.copyOf(instruments);
    }

    /**
     * @return the number of instruments, indexes {@code 0 .. instrumentCount - 1}.
     */
    public int instrumentCount()
    {
        return instruments.size();
    }

    /**
     * @param index an instrument index.
     * @return that instrument's band and tick.
     */
    public TapeInstrument instrument(final int index)
    {
        return instruments.get(index);
    }
}
