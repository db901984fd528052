package io.matchpoint.gateway.config;

import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.match.EngineConfig;

/**
 * Capacity of the server, allocated once at start-up and never grown (key {@code matchpoint.capacity}). The engine's
 * part mirrors {@link EngineConfig}'s limits, so a valid {@code CapacityConfig} always gives an engine configuration
 * that {@link EngineConfig#conclude()} accepts; the rest sizes the gateway.
 *
 * @param maxOrders                  resting orders across all books; a power of two, at most
 *                                   {@link OrderPool#MAX_CAPACITY}.
 * @param maxPriceLevels             non-empty price levels across all books; a power of two, at most
 *                                   {@link PriceLevelPool#MAX_CAPACITY}.
 * @param maxInstruments             instruments, 1..{@value #MAX_TABLE_SIZE}.
 * @param maxAccounts                distinct accounts, 1..{@value #MAX_TABLE_SIZE}; account ids are below it.
 * @param ticksPerBook               price points per book side; a power of two, 64..{@value #MAX_TABLE_SIZE}.
 * @param maxSessions                sessions connected at once, 1..{@value #MAX_SESSIONS}.
 * @param inboundRingSize            slots of the command ring; a power of two, {@value #MIN_RING_SIZE}..
 *                                   {@value #MAX_RING_SIZE}.
 * @param outboundRingSize           slots of the event ring; same rule.
 * @param sessionOutboundBufferBytes bytes buffered per session socket, {@value #MIN_SESSION_BUFFER_BYTES}..
 *                                   {@value #MAX_SESSION_BUFFER_BYTES}.
 */
public record CapacityConfig(
    int maxOrders,
    int maxPriceLevels,
    int maxInstruments,
    int maxAccounts,
    int ticksPerBook,
    int maxSessions,
    int inboundRingSize,
    int outboundRingSize,
    int sessionOutboundBufferBytes)
{
    /** This block's key. */
    public static final String PATH = "matchpoint.capacity";
    /** Limit of the engine's hashed instrument and account tables, and of its ladders (as in EngineConfig). */
    public static final int MAX_TABLE_SIZE = 1 << 24;
    /** Most sessions one server may hold. */
    public static final int MAX_SESSIONS = 1 << 16;
    /** Smallest ring. */
    public static final int MIN_RING_SIZE = 16;
    /** Largest ring. */
    public static final int MAX_RING_SIZE = 1 << 24;
    /** Smallest per-session outbound buffer: room for a burst of execution reports. */
    public static final int MIN_SESSION_BUFFER_BYTES = 4096;
    /** Largest per-session outbound buffer. */
    public static final int MAX_SESSION_BUFFER_BYTES = 1 << 30;
    /** Smallest ladder the engine accepts. */
    public static final int MIN_TICKS_PER_BOOK = 64;

    static final String MAX_ORDERS = "max-orders";
    static final String MAX_PRICE_LEVELS = "max-price-levels";
    static final String MAX_INSTRUMENTS = "max-instruments";
    static final String MAX_ACCOUNTS = "max-accounts";
    static final String TICKS_PER_BOOK = "ticks-per-book";
    static final String MAX_SESSIONS_KEY = "max-sessions";
    static final String INBOUND_RING_SIZE = "inbound-ring-size";
    static final String OUTBOUND_RING_SIZE = "outbound-ring-size";
    static final String SESSION_OUTBOUND_BUFFER_BYTES = "session-outbound-buffer-bytes";

    /**
     * Checks every value.
     *
     * @throws BadConfigException naming the first bad key, as {@code matchpoint.capacity.KEY}.
     */
    public CapacityConfig
    {
        Checks.powerOfTwoInRange(key(MAX_ORDERS), maxOrders, 1, OrderPool.MAX_CAPACITY);
        Checks.powerOfTwoInRange(key(MAX_PRICE_LEVELS), maxPriceLevels, 1, PriceLevelPool.MAX_CAPACITY);
        Checks.inRange(key(MAX_INSTRUMENTS), maxInstruments, 1, MAX_TABLE_SIZE);
        Checks.inRange(key(MAX_ACCOUNTS), maxAccounts, 1, MAX_TABLE_SIZE);
        if ((long)maxAccounts * maxInstruments > io.matchpoint.engine.match.EngineConfig.MAX_ACCOUNT_INSTRUMENT_PAIRS)
        {
            throw new BadConfigException(key(MAX_ACCOUNTS), "times " + key(MAX_INSTRUMENTS) + " must be at most " +
                io.matchpoint.engine.match.EngineConfig.MAX_ACCOUNT_INSTRUMENT_PAIRS + " (the engine keeps each " +
                "account's risk exposure per instrument, 40 bytes a pair), got " + maxAccounts + " x " +
                maxInstruments);
        }
        Checks.powerOfTwoInRange(key(TICKS_PER_BOOK), ticksPerBook, MIN_TICKS_PER_BOOK, MAX_TABLE_SIZE);
        Checks.inRange(key(MAX_SESSIONS_KEY), maxSessions, 1, MAX_SESSIONS);
        Checks.powerOfTwoInRange(key(INBOUND_RING_SIZE), inboundRingSize, MIN_RING_SIZE, MAX_RING_SIZE);
        Checks.powerOfTwoInRange(key(OUTBOUND_RING_SIZE), outboundRingSize, MIN_RING_SIZE, MAX_RING_SIZE);
        Checks.inRange(
            key(SESSION_OUTBOUND_BUFFER_BYTES), sessionOutboundBufferBytes,
            MIN_SESSION_BUFFER_BYTES, MAX_SESSION_BUFFER_BYTES);
    }

    /**
     * @return a new, concluded engine configuration with this capacity.
     */
    public EngineConfig engineConfig()
    {
        return new EngineConfig()
            .maxOrders(maxOrders)
            .maxPriceLevels(maxPriceLevels)
            .maxInstruments(maxInstruments)
            .maxAccounts(maxAccounts)
            .ticksPerBook(ticksPerBook)
            .conclude();
    }

    static String key(final String name)
    {
        return PATH + "." + name;
    }
}
