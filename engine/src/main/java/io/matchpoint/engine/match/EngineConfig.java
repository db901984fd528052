package io.matchpoint.engine.match;

import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;

/**
 * Capacity of a {@link MatchingEngine}, fixed at construction: the core allocates all of it up front and never grows.
 * Running out of any of it is a clean reject with a specific reason.
 */
public final class EngineConfig
{
    /** Instrument and account tables are hashed with twice their size in slots, which must fit an {@code int}. */
    private static final int MAX_TABLE_SIZE = 1 << 24;
    /** The risk exposure is kept per account and instrument, 40 bytes a pair: at most 640 MiB of it. */
    public static final long MAX_ACCOUNT_INSTRUMENT_PAIRS = 1 << 24;

    private int maxOrders = 1 << 20;
    private int maxPriceLevels = 1 << 16;
    private int maxInstruments = 16;
    private int maxAccounts = 1 << 12;
    private int ticksPerBook = 1 << 14;

    /** Resting orders across all books. */
    public EngineConfig maxOrders(final int maxOrders)
    {
        this.maxOrders = maxOrders;
        return this;
    }

    public int maxOrders()
    {
        return maxOrders;
    }

    /** Non-empty price levels across all books and sides. */
    public EngineConfig maxPriceLevels(final int maxPriceLevels)
    {
        this.maxPriceLevels = maxPriceLevels;
        return this;
    }

    public int maxPriceLevels()
    {
        return maxPriceLevels;
    }

    public EngineConfig maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    public int maxInstruments()
    {
        return maxInstruments;
    }

    /**
     * Distinct accounts the core will ever see; an account is registered by its first new order that passes the
     * instrument, status, quantity and price checks, and never forgotten.
     */
    public EngineConfig maxAccounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        return this;
    }

    public int maxAccounts()
    {
        return maxAccounts;
    }

    /**
     * The most price points (multiples of the tick) an instrument's band may hold: each book side keeps a
     * direct-indexed ladder of this many slots (4 bytes each plus a bitmap). A power of two.
     */
    public EngineConfig ticksPerBook(final int ticksPerBook)
    {
        this.ticksPerBook = ticksPerBook;
        return this;
    }

    public int ticksPerBook()
    {
        return ticksPerBook;
    }

    /**
     * Checks the configuration once, before the engine allocates.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad value
     */
    public EngineConfig conclude()
    {
        requireInRange("maxOrders", maxOrders, OrderPool.MAX_CAPACITY);
        requireInRange("maxPriceLevels", maxPriceLevels, PriceLevelPool.MAX_CAPACITY);
        requireInRange("maxInstruments", maxInstruments, MAX_TABLE_SIZE);
        requireInRange("maxAccounts", maxAccounts, MAX_TABLE_SIZE);
        if ((long)maxAccounts * maxInstruments > MAX_ACCOUNT_INSTRUMENT_PAIRS)
        {
            throw new IllegalArgumentException("maxAccounts x maxInstruments must be at most " +
                MAX_ACCOUNT_INSTRUMENT_PAIRS + " (risk exposure is kept for each pair, 40 bytes each): " +
                maxAccounts + " x " + maxInstruments);
        }
        if (ticksPerBook < 64 || ticksPerBook > 1 << 24 || Integer.bitCount(ticksPerBook) != 1)
        {
            throw new IllegalArgumentException("ticksPerBook must be a power of two in 64..2^24: " + ticksPerBook);
        }
        return this;
    }

    /**
     * @return a new configuration with the same values, for keeping while the caller goes on changing this one.
     */
    public EngineConfig copy()
    {
        return new EngineConfig().maxOrders(maxOrders).maxPriceLevels(maxPriceLevels).maxInstruments(maxInstruments)
            .maxAccounts(maxAccounts).ticksPerBook(ticksPerBook);
    }

    private static void requireInRange(final String name, final int value, final int max)
    {
        if (value <= 0 || value > max)
        {
            throw new IllegalArgumentException(name + " must be in 1.." + max + ": " + value);
        }
    }

    @Override
    public String toString()
    {
        return "EngineConfig{maxOrders=" + maxOrders + ", maxPriceLevels=" + maxPriceLevels +
            ", maxInstruments=" + maxInstruments + ", maxAccounts=" + maxAccounts +
            ", ticksPerBook=" + ticksPerBook + '}';
    }
}
