package io.matchpoint.engine.book;

/**
 * Open-addressing map from exchange order id to order pool index, for O(1) cancel and replace. Keys and values sit
 * side by side in one array (a key and its value share a cache line) and {@link BlockHash} keeps consecutive ids in
 * consecutive slots. Linear probing with backward-shift deletion: no tombstones, no rehash. Sized at construction
 * and never resized. Order ids are positive, so 0 marks an empty slot.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class OrderIdIndex
{
    public static final int NONE = OrderPool.NONE;

    private static final long EMPTY = 0;

    private final int mask;
    private final long[] entries;

    /**
     * @param maxEntries the most ids held at once (the order pool's capacity)
     */
    public OrderIdIndex(final int maxEntries)
    {
        final int slots = BlockHash.slotsFor(maxEntries);
        mask = slots - 1;
        entries = new long[slots * 2];
    }

    /**
     * @return the order index, or {@link #NONE}
     */
    public int get(final long orderId)
    {
        int slot = BlockHash.slot(orderId, 0, mask);
        long key;
        while ((key = entries[slot << 1]) != EMPTY)
        {
            if (key == orderId)
            {
                return (int)entries[(slot << 1) + 1];
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /**
     * Adds an id that is not present; ids must be positive.
     */
    public void put(final long orderId, final int orderIndex)
    {
        int slot = BlockHash.slot(orderId, 0, mask);
        while (entries[slot << 1] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        entries[slot << 1] = orderId;
        entries[(slot << 1) + 1] = orderIndex;
    }

    public void remove(final long orderId)
    {
        int hole = BlockHash.slot(orderId, 0, mask);
        long key;
        while ((key = entries[hole << 1]) != orderId)
        {
            if (key == EMPTY)
            {
                return;
            }
            hole = (hole + 1) & mask;
        }

        int probe = hole;
        while (true)
        {
            probe = (probe + 1) & mask;
            key = entries[probe << 1];
            if (key == EMPTY)
            {
                break;
            }
            if (BlockHash.canFill(hole, probe, BlockHash.slot(key, 0, mask)))
            {
                entries[hole << 1] = key;
                entries[(hole << 1) + 1] = entries[(probe << 1) + 1];
                hole = probe;
            }
        }
        entries[hole << 1] = EMPTY;
    }
}
