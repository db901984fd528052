package io.matchpoint.engine.service;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * Saves and loads the service's primitive maps in a snapshot: a count, then the pairs.
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

    /**
     * @param missingValue the new map's missing value, the one its live twin uses.
     * @return a new map holding the saved pairs.
     * @throws IOException           if the input ends early.
     * @throws IllegalStateException if the count is negative, a key repeats or a value is the missing value.
     */
    static Long2LongHashMap read(final DataInput in, final long missingValue, final String what) throws IOException
    {
        final int count = in.readInt();
        if (count < 0)
        {
            throw new IllegalStateException("bad " + what + " state: a count of " + count);
        }
        final Long2LongHashMap map = new Long2LongHashMap(missingValue);
        for (int i = 0; i < count; i++)
        {
            final long key = in.readLong();
            final long value = in.readLong();
            if (value == missingValue)
            {
                throw new IllegalStateException("bad " + what + " state: key " + key + " saved with value " + value +
                    ", which the map keeps for \"none\"");
            }
            if (map.put(key, value) != missingValue)
            {
                throw new IllegalStateException("bad " + what + " state: key " + key + " saved twice");
            }
        }
        return map;
    }

    /**
     * Puts every pair of {@code from} into the empty {@code to}.
     */
    static void load(final Long2LongHashMap from, final Long2LongHashMap to)
    {
        if (!to.isEmpty())
        {
            throw new IllegalStateException("a saved map can only be loaded into an empty one");
        }
        to.putAll(from);
    }
}
