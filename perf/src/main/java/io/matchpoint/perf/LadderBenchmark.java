package io.matchpoint.perf;

import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Defends the book's choice of price-level structure: one side holding about 750 levels within a 2,048-tick band, and
 * the two operations that dominate matching: moving an order to another price (remove a level somewhere, add one
 * somewhere, read the best) and sweeping the top (remove the best, add a level back). Compared: {@link PriceLadder}
 * (direct-indexed slots plus a two-level bitmap), a sorted array with binary search and shifting (best at the end),
 * and a {@code TreeMap} (red-black tree, boxed keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LadderBenchmark
{
    private static final int BAND_TICKS = 2_048;
    private static final int LEVELS = 750;
    private static final int STEPS = 1 << 16;

    @Param({ "ladder", "sorted-array", "tree-map" })
    public String structure;

    private BookSide side;
    private long[] movePrices;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp()
    {
        side = switch (structure)
        {
            case "ladder" -> new LadderSide();
            case "sorted-array" -> new SortedArraySide();
            case "tree-map" -> new TreeMapSide();
            default -> throw new IllegalArgumentException(structure);
        };
        final SplittableRandom random = new SplittableRandom(1);
        final boolean[] present = new boolean[BAND_TICKS];
        int count = 0;
        while (count < LEVELS)
        {
            final int tick = random.nextInt(BAND_TICKS);
            if (!present[tick])
            {
                present[tick] = true;
                side.add(tick);
                count++;
            }
        }
        // a precomputed walk of (remove an existing price, add an absent one) pairs: half forward, then the same moves
        // undone in reverse, so replaying it cyclically always finds the state it was recorded on
        movePrices = new long[STEPS * 2];
        final int half = STEPS / 2;
        for (int i = 0; i < half; i++)
        {
            int from;
            do
            {
                from = random.nextInt(BAND_TICKS);
            }
            while (!present[from]);
            int to;
            do
            {
                to = random.nextInt(BAND_TICKS);
            }
            while (present[to]);
            present[from] = false;
            present[to] = true;
            movePrices[2 * i] = from;
            movePrices[2 * i + 1] = to;
        }
        for (int i = 0; i < half; i++)
        {
            final int undone = half - 1 - i;
            movePrices[2 * (half + i)] = movePrices[2 * undone + 1];
            movePrices[2 * (half + i) + 1] = movePrices[2 * undone];
        }
    }

    /**
     * A replace to a new price: one level goes, another comes, the best is read.
     */
    @Benchmark
    public long moveLevel()
    {
        final int i = cursor;
        cursor = (i + 1) & (STEPS - 1);
        side.remove(movePrices[2 * i]);
        side.add(movePrices[2 * i + 1]);
        return side.best();
    }

    /**
     * An aggressive order emptying the best level, then a new order restoring it.
     */
    @Benchmark
    public long sweepBest()
    {
        final long best = side.best();
        side.remove(best);
        final long next = side.best();
        side.add(best);
        return next;
    }

    interface BookSide
    {
        void add(long price);

        void remove(long price);

        long best();
    }

    /** Bids: best is the highest price. */
    static final class LadderSide implements BookSide
    {
        private final PriceLevelPool levels = new PriceLevelPool(BAND_TICKS);
        private final PriceLadder ladder = new PriceLadder(true, BAND_TICKS, levels);

        @Override
        public void add(final long price)
        {
            ladder.add(price, levels.allocate(price));
        }

        @Override
        public void remove(final long price)
        {
            final int level = ladder.level(price);
            ladder.remove(price);
            levels.free(level);
        }

        @Override
        public long best()
        {
            return levels.price(ladder.bestLevel());
        }
    }

    /** Bids in ascending order, best at the end, so changes near the top shift few elements. */
    static final class SortedArraySide implements BookSide
    {
        private final long[] prices = new long[BAND_TICKS];
        private int size;

        @Override
        public void add(final long price)
        {
            final int at = -(Arrays.binarySearch(prices, 0, size, price) + 1);
            System.arraycopy(prices, at, prices, at + 1, size - at);
            prices[at] = price;
            size++;
        }

        @Override
        public void remove(final long price)
        {
            final int at = Arrays.binarySearch(prices, 0, size, price);
            System.arraycopy(prices, at + 1, prices, at, size - at - 1);
            size--;
        }

        @Override
        public long best()
        {
            return prices[size - 1];
        }
    }

    /** The textbook choice: a red-black tree keyed by boxed price (allocates an entry per add). */
    static final class TreeMapSide implements BookSide
    {
        private final TreeMap<Long, Integer> levels = new TreeMap<>();

        @Override
        public void add(final long price)
        {
            levels.put(price, 0);
        }

        @Override
        public void remove(final long price)
        {
            levels.remove(price);
        }

        @Override
        public long best()
        {
            return levels.lastKey();
        }
    }
}
