package io.matchpoint.perf;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import java.util.SplittableRandom;

/**
 * A {@link MatchingEngine} with one instrument and the benchmarks' standard book: {@value #LEVELS_PER_SIDE} levels a
 * side on consecutive ticks either side of {@link #MID_PRICE} (best bid {@code MID_PRICE - 1}, best ask
 * {@code MID_PRICE + 1}), levels of 3 and 2 orders in turn from the best, so 500 orders a side and
 * {@value #BOOK_ORDERS} in all, spread over {@value #MAKER_ACCOUNTS} maker accounts.
 * <p>
 * Built once per benchmark trial (it allocates the engine's pools); everything after construction is allocation-free.
 * Single-threaded, like the engine.
 */
public final class BookFixture
{
    public static final int INSTRUMENT_ID = 1;
    public static final long MID_PRICE = 100_000;
    public static final long BAND_HALF_WIDTH = 8_000;
    public static final long MAX_QUANTITY = 1L << 42;
    public static final int LEVELS_PER_SIDE = 200;
    public static final int BOOK_ORDERS = LEVELS_PER_SIDE * 5 / 2 * 2;
    public static final int MAKER_ACCOUNTS = 100;
    /** Never rests an order in the standard book, so it never meets self-trade prevention. */
    public static final long TAKER_ACCOUNT = 1_000_000;

    private final MatchingEngine engine;
    private final SinkListener listener = new SinkListener();
    private final long[] bookOrderIds = new long[BOOK_ORDERS];
    private final long[] bookAccounts = new long[BOOK_ORDERS];
    private final long[] bookPrices = new long[BOOK_ORDERS];
    private final Side[] bookSides = new Side[BOOK_ORDERS];
    private long nextClientOrderId = 1;

    /**
     * @param maxOrders     the engine's order capacity: it sizes the order pool and the client-order-id hash table, so
     *                      it matters to the cache
     * @param orderQuantity the quantity of each order in the standard book
     */
    public BookFixture(final int maxOrders, final long orderQuantity)
    {
        engine = new MatchingEngine(new EngineConfig().maxOrders(maxOrders), listener);
        engine.defineInstrument(
            INSTRUMENT_ID, "BENCH", 1, 1, 1, MAX_QUANTITY, MID_PRICE - BAND_HALF_WIDTH, MID_PRICE + BAND_HALF_WIDTH);
        int order = 0;
        for (int level = 0; level < LEVELS_PER_SIDE; level++)
        {
            for (int k = 0, n = ordersAtLevel(level); k < n; k++)
            {
                order = addBookOrder(order, Side.BUY, level, orderQuantity);
                order = addBookOrder(order, Side.SELL, level, orderQuantity);
            }
        }
        requireValid();
    }

    private int addBookOrder(final int order, final Side side, final int level, final long quantity)
    {
        final long account = makerAccount(order);
        final long price = price(side, level);
        bookOrderIds[order] = place(account, side, TimeInForce.GTC, price, quantity);
        bookAccounts[order] = account;
        bookPrices[order] = price;
        bookSides[order] = side;
        return order + 1;
    }

    /** Orders at the level {@code level} ticks behind the best of its side (0 is the best). */
    public static int ordersAtLevel(final int level)
    {
        return (level & 1) == 0 ? 3 : 2;
    }

    /** Total standard-book quantity on the best {@code levels} levels of one side. */
    public static long depthQuantity(final int levels, final long orderQuantity)
    {
        long total = 0;
        for (int level = 0; level < levels; level++)
        {
            total += ordersAtLevel(level) * orderQuantity;
        }
        return total;
    }

    /** Price of the level {@code level} ticks behind the best of {@code side} in the standard book. */
    public static long price(final Side side, final int level)
    {
        return side == Side.BUY ? MID_PRICE - 1 - level : MID_PRICE + 1 + level;
    }

    public static long makerAccount(final int n)
    {
        return 1 + (n % MAKER_ACCOUNTS);
    }

    /**
     * Sends a limit order with a fresh client order id.
     *
     * @return the order id the engine gave it
     */
    public long place(
        final long account, final Side side, final TimeInForce timeInForce, final long price, final long quantity)
    {
        engine.newOrder(
            account, nextClientOrderId++, INSTRUMENT_ID, side, OrderType.LIMIT, timeInForce, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER);
        return listener.lastAcceptedOrderId();
    }

    public long nextClientOrderId()
    {
        return nextClientOrderId++;
    }

    public MatchingEngine engine()
    {
        return engine;
    }

    public SinkListener listener()
    {
        return listener;
    }

    /** Order ids of the standard book, in the order they were placed. */
    public long bookOrderId(final int order)
    {
        return bookOrderIds[order];
    }

    public long bookAccount(final int order)
    {
        return bookAccounts[order];
    }

    public long bookPrice(final int order)
    {
        return bookPrices[order];
    }

    public Side bookSide(final int order)
    {
        return bookSides[order];
    }

    /**
     * @throws IllegalStateException if the engine rejected anything so far (the workload would not be what it says)
     */
    public void requireValid()
    {
        if (listener.rejects() != 0)
        {
            throw new IllegalStateException("the benchmark workload was rejected " + listener.rejects() + " times");
        }
    }

    /**
     * A seeded permutation of {@code 0..n-1}: visiting the book in it keeps successive operations off neighbouring
     * orders (which share cache lines and levels), as a real order flow would.
     */
    public static int[] permutation(final int n, final long seed)
    {
        final int[] permutation = new int[n];
        for (int i = 0; i < n; i++)
        {
            permutation[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }
}
