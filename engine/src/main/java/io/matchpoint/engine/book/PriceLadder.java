package io.matchpoint.engine.book;

/**
 * One side of one instrument's book: the non-empty price levels, ordered by price, with O(1) lookup, insert and
 * remove, and the best level at hand.
 * <p>
 * A price maps to a slot {@code (price / tick) & (slots - 1)} of a direct-indexed array of level indexes. Because the
 * instrument's price band holds at most {@code slots} price points and every resting order lies inside it, live prices
 * never share a slot, and walking the slots circularly from the best one visits prices in priority order. A two-level
 * bitmap (one bit per slot, one summary bit per 64-slot word) finds the next non-empty slot in a few instructions, so
 * replacing the best level after it empties costs a couple of {@code numberOfTrailingZeros} rather than a scan.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class PriceLadder
{
    public static final int NONE = OrderPool.NONE;

    private final boolean bids;
    private final int mask;
    private final int[] levelAtSlot;
    private final long[] words;
    private final long[] summary;
    private final PriceLevelPool levels;
    private long tickSize = 1;
    /** log2 of the tick size when it is a power of two (a shift replaces the division), else -1. */
    private int tickShift;
    private int levelCount;
    private int bestSlot = NONE;

    /**
     * @param bids   true for the buy side (best is the highest price), false for the sell side (best is the lowest)
     * @param slots  a power of two, at least 64: the most price points a band may hold
     * @param levels the pool that holds the levels this ladder points at
     */
    public PriceLadder(final boolean bids, final int slots, final PriceLevelPool levels)
    {
        if (slots < 64 || Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two >= 64: " + slots);
        }
        this.bids = bids;
        this.mask = slots - 1;
        this.levels = levels;
        levelAtSlot = new int[slots];
        java.util.Arrays.fill(levelAtSlot, NONE);
        words = new long[slots >>> 6];
        summary = new long[(words.length + 63) >>> 6];
    }

    /**
     * Sets the tick size used to map prices to slots; only while the ladder is empty.
     */
    public void tickSize(final long tickSize)
    {
        if (levelCount != 0)
        {
            throw new IllegalStateException("tick size changes only while the ladder is empty");
        }
        this.tickSize = tickSize;
        tickShift = Long.bitCount(tickSize) == 1 ? Long.numberOfTrailingZeros(tickSize) : -1;
    }


    public int levelCount()
    {
        return levelCount;
    }

    public boolean isEmpty()
    {
        return levelCount == 0;
    }

    /**
     * @return the best level, or {@link #NONE} when the side is empty
     */
    public int bestLevel()
    {
        return bestSlot == NONE ? NONE : levelAtSlot[bestSlot];
    }

    /**
     * @return the level at {@code price}, or {@link #NONE}; {@code price} must be on tick
     */
    public int level(final long price)
    {
        final int level = levelAtSlot[slot(price)];
        return level != NONE && levels.price(level) == price ? level : NONE;
    }

    /**
     * Adds a level at a price with no level yet.
     */
    public void add(final long price, final int level)
    {
        final int slot = slot(price);
        levelAtSlot[slot] = level;
        final int word = slot >>> 6;
        words[word] |= 1L << slot;
        summary[word >>> 6] |= 1L << word;
        levelCount++;
        if (bestSlot == NONE || isBetter(price, levels.price(levelAtSlot[bestSlot])))
        {
            bestSlot = slot;
        }
    }

    /**
     * Removes the level at {@code price}; if it was the best, the next one becomes best.
     */
    public void remove(final long price)
    {
        final int slot = slot(price);
        levelAtSlot[slot] = NONE;
        final int word = slot >>> 6;
        final long remaining = words[word] & ~(1L << slot);
        words[word] = remaining;
        if (remaining == 0)
        {
            summary[word >>> 6] &= ~(1L << word);
        }
        levelCount--;
        if (slot == bestSlot)
        {
            bestSlot = levelCount == 0 ? NONE : nextWorseSlotCircular(slot);
        }
    }

    /**
     * For walking the side from the best level: the level after {@code level} in priority order, or {@link #NONE}
     * after the worst.
     */
    public int nextLevel(final int level)
    {
        final int slot = nextWorseSlotCircular(slot(levels.price(level)));
        return slot == bestSlot ? NONE : levelAtSlot[slot];
    }

    private boolean isBetter(final long price, final long than)
    {
        return bids ? price > than : price < than;
    }

    private int slot(final long price)
    {
        // prices are on tick, so the arithmetic shift and the division agree, negative prices included
        return (int)((tickShift >= 0 ? price >> tickShift : price / tickSize) & mask);
    }

    private int nextWorseSlotCircular(final int slot)
    {
        final int slots = mask + 1;
        if (bids)
        {
            int found = slot > 0 ? lastSetAtOrBelow(slot - 1, 0) : NONE;
            if (found == NONE)
            {
                found = lastSetAtOrBelow(slots - 1, slot);
            }
            return found;
        }
        int found = slot + 1 < slots ? firstSetAtOrAbove(slot + 1, slots - 1) : NONE;
        if (found == NONE)
        {
            found = firstSetAtOrAbove(0, slot);
        }
        return found;
    }

    /**
     * @return the lowest set slot in {@code [from, to]}, or {@link #NONE}
     */
    private int firstSetAtOrAbove(final int from, final int to)
    {
        int word = from >>> 6;
        final long bits = words[word] & (-1L << from);
        if (bits != 0)
        {
            final int found = (word << 6) + Long.numberOfTrailingZeros(bits);
            return found <= to ? found : NONE;
        }
        final int lastWord = to >>> 6;
        word++;
        while (word <= lastWord)
        {
            final int summaryIndex = word >>> 6;
            final long summaryBits = summary[summaryIndex] & (-1L << word);
            if (summaryBits != 0)
            {
                final int nonEmpty = (summaryIndex << 6) + Long.numberOfTrailingZeros(summaryBits);
                if (nonEmpty > lastWord)
                {
                    return NONE;
                }
                final int found = (nonEmpty << 6) + Long.numberOfTrailingZeros(words[nonEmpty]);
                return found <= to ? found : NONE;
            }
            word = (summaryIndex + 1) << 6;
        }
        return NONE;
    }

    /**
     * @return the highest set slot in {@code [low, high]}, or {@link #NONE}
     */
    private int lastSetAtOrBelow(final int high, final int low)
    {
        int word = high >>> 6;
        final long bits = words[word] & (-1L >>> (63 - (high & 63)));
        if (bits != 0)
        {
            final int found = (word << 6) + 63 - Long.numberOfLeadingZeros(bits);
            return found >= low ? found : NONE;
        }
        final int firstWord = low >>> 6;
        word--;
        while (word >= firstWord)
        {
            final int summaryIndex = word >>> 6;
            final long summaryBits = summary[summaryIndex] & (-1L >>> (63 - (word & 63)));
            if (summaryBits != 0)
            {
                final int nonEmpty = (summaryIndex << 6) + 63 - Long.numberOfLeadingZeros(summaryBits);
                if (nonEmpty < firstWord)
                {
                    return NONE;
                }
                final int found = (nonEmpty << 6) + 63 - Long.numberOfLeadingZeros(words[nonEmpty]);
                return found >= low ? found : NONE;
            }
            word = (summaryIndex << 6) - 1;
        }
        return NONE;
    }
}
