package io.matchpoint.engine.book;

/**
 * The slot function of the open-addressing {@link ClientOrderIdIndex}. Keys that differ only in their low four bits
 * (sixteen of an account's consecutive client order ids) land in consecutive slots, so a stream of new orders keeps
 * hitting the same few cache lines; blocks of sixteen are scattered by a multiplicative hash, so runs of
 * occupied slots stay short however long-lived orders accumulate.
 */
final class BlockHash
{
    private static final int BLOCK_BITS = 4;
    private static final long BLOCK_MASK = (1L << BLOCK_BITS) - 1;

    private BlockHash()
    {
    }

    static int slot(final long key, final long salt, final int mask)
    {
        long h = ((key >>> BLOCK_BITS) + salt * 0xC2B2AE3D27D4EB4FL) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int)((h << BLOCK_BITS) | (key & BLOCK_MASK)) & mask;
    }

    /**
     * @return a power of two of at least {@code 2 * maxEntries} (and at least 16), so the load stays at most one half
     */
    static int slotsFor(final int maxEntries)
    {
        final long wanted = Math.max(16L, 2L * maxEntries);
        if (wanted > 1 << 29)
        {
            throw new IllegalArgumentException("too many entries: " + maxEntries);
        }
        return Integer.highestOneBit((int)wanted - 1) << 1;
    }

    /**
     * Whether an entry whose home slot is {@code home}, found at {@code probe}, may move back into the hole at
     * {@code hole} during backward-shift deletion: only if its home is not cyclically within (hole, probe].
     */
    static boolean canFill(final int hole, final int probe, final int home)
    {
        return hole <= probe ? home <= hole || home > probe : home <= hole && home > probe;
    }
}
