package io.matchpoint.engine.pipeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * Saves and loads the pipeline's primitive maps in a snapshot: a count, then the pairs.
 */
final class LongMapState
{
    private LongMapState()
    {
    }

    static void save(final Long2LongHashMap map, final DataOutput out) throws IOException
    {
        out.writeInt(map.size());
        final Long2LongHashMap.EntryIterator entries = map.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            out.writeLong(entries.getLongKey());
            out.writeLong(entries.getLongValue());
        }
    }

    static void load(final Long2LongHashMap map, final DataInput in) throws IOException
    {
        for (int i = 0, count = in.readInt(); i < count; i++)
        {
            map.put(in.readLong(), in.readLong());
        }
    }
}
