package io.matchpoint.engine.match;

import java.util.Arrays;

/**
 * The accounts the kill switch has stopped: a sorted array of ids, so that the order path's question (only asked when
 * any account is killed) is a binary search, and saving, loading and the digest walk the ids in ascending order with
 * no allocation. Changed only by the rare kill and revive commands, which may grow it.
 */
final class KilledAccounts
{
    private long[] ids = new long[8];
    private int size;

    boolean isEmpty()
    {
        return size == 0;
    }

    boolean isKilled(final long accountId)
    {
        return size != 0 && Arrays.binarySearch(ids, 0, size, accountId) >= 0;
    }

    void kill(final long accountId)
    {
        final int at = Arrays.binarySearch(ids, 0, size, accountId);
        if (at >= 0)
        {
            return;
        }
        final int insert = -at - 1;
        if (size == ids.length)
        {
            ids = Arrays.copyOf(ids, size * 2);
        }
        System.arraycopy(ids, insert, ids, insert + 1, size - insert);
        ids[insert] = accountId;
        size++;
    }

    void revive(final long accountId)
    {
        final int at = Arrays.binarySearch(ids, 0, size, accountId);
        if (at >= 0)
        {
            System.arraycopy(ids, at + 1, ids, at, size - at - 1);
            size--;
        }
    }

    int size()
    {
        return size;
    }

    /**
     * @return the {@code index}th killed account id, ascending.
     */
    long id(final int index)
    {
        return ids[index];
    }

    /**
     * @param killed ascending and unique, as {@link SavedEngineState} checked; replaces what is here.
     */
    void load(final long[] killed)
    {
        ids = Arrays.copyOf(killed, Math.max(8, killed.length));
        size = killed.length;
    }
}
