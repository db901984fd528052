package io.matchpoint.engine.book;

/**
 * Open-addressing map from (account index, client order id) to order pool index, for cancel by client order id and
 * the duplicate check. Each slot is two adjacent longs, the client order id and the account and order indexes packed
 * together, so a probe touches one cache line; {@link BlockHash} keeps an account's consecutive client order ids in
 * consecutive slots. Linear probing with backward-shift deletion; sized at construction and never resized.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class ClientOrderIdIndex
{
    public static final int NONE = OrderPool.NONE;

    /** Account index -1 never occurs, so an all-ones packed word marks an empty slot. */
    private static final long EMPTY = -1L;

    private final int mask;
    private final long[] entries;

    /**
     * @param maxEntries the most keys held at once (the order pool's capacity)
     */
    public ClientOrderIdIndex(final int maxEntries)
    {
        final int slots = BlockHash.slotsFor(maxEntries);
        mask = slots - 1;
        entries = new long[slots * 2];
        for (int i = 1; i < entries.length; i += 2)
        {
            entries[i] = EMPTY;
        }
    }

    /**
     * @return the order index, or {@link #NONE}
     */
    public int get(final int accountIndex, final long clientOrderId)
    {
        int slot = BlockHash.slot(clientOrderId, accountIndex, mask);
        long packed;
        while ((packed = entries[(slot << 1) + 1]) != EMPTY)
        {
            if ((int)(packed >>> 32) == accountIndex && entries[slot << 1] == clientOrderId)
            {
                return (int)packed;
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /**
     * Adds a key that is not present.
     */
    public void put(final int accountIndex, final long clientOrderId, final int orderIndex)
    {
        int slot = BlockHash.slot(clientOrderId, accountIndex, mask);
        while (entries[(slot << 1) + 1] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        entries[slot << 1] = clientOrderId;
        entries[(slot << 1) + 1] = ((long)accountIndex << 32) | (orderIndex & 0xFFFF_FFFFL);
    }

    public void remove(final int accountIndex, final long clientOrderId)
    {
        int hole = BlockHash.slot(clientOrderId, accountIndex, mask);
        while (true)
        {
            final long packed = entries[(hole << 1) + 1];
            if (packed == EMPTY)
            {
                return;
            }
            if ((int)(packed >>> 32) == accountIndex && entries[hole << 1] == clientOrderId)
            {
                break;
            }
            hole = (hole + 1) & mask;
        }

        int probe = hole;
        while (true)
        {
            probe = (probe + 1) & mask;
            final long packed = entries[(probe << 1) + 1];
            if (packed == EMPTY)
            {
                break;
            }
            final long key = entries[probe << 1];
            if (BlockHash.canFill(hole, probe, BlockHash.slot(key, (int)(packed >>> 32), mask)))
            {
                entries[hole << 1] = key;
                entries[(hole << 1) + 1] = packed;
                hole = probe;
            }
        }
        entries[(hole << 1) + 1] = EMPTY;
    }
}
