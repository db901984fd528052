package io.matchpoint.perf.compare;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The mixed single-instrument workload of {@link MixedWorkloadGenerator} (about 9% GTC, 3% IOC, 6% cancel, 82% move;
 * about 1,000 resting orders over about 750 levels; about 5.5% of commands trade) through Matchpoint's
 * {@code MatchingEngine} and through exchange-core's {@code OrderBookDirectImpl}, on one thread, in commands per
 * second. The same seeded stream, generated once per trial, drives both.
 * <p>
 * An invocation replays the {@value #MEASURED_COMMANDS} measured commands; before each, untimed, the book is emptied
 * and the warm-up replayed, so every pass starts from the same book.
 * <p>
 * What is not the same for both, as far as we know:
 * <ul>
 *     <li>Matchpoint's core does more per command than exchange-core's order book: it validates (instrument, halt,
 *     quantity range, lot, tick, band), assigns order ids, keeps a client-order-id index (duplicate check, cancel by
 *     client id) and per-account order lists (mass cancel), checks every fill for a self-trade, and reports
 *     aggregated level changes. exchange-core does its checks in other pipeline stages (risk engine), not in the
 *     book. Neither side runs a pipeline, journal or risk check here.</li>
 *     <li>exchange-core 0.5.3 allocates a {@code MatcherTradeEvent} for every trade, cancel (reduce) and IOC
 *     remainder (its {@code EVENTS_POOLING} is compiled off); Matchpoint reports through a listener and allocates
 *     nothing. Collecting that garbage is part of exchange-core's measured time, as it would be in production.</li>
 *     <li>Both read the same primitive arrays (30 bytes a command). Matchpoint gets the values as arguments;
 *     exchange-core gets them copied into one of 1,024 pre-allocated {@code OrderCommand} ring slots, as its
 *     publisher does. {@code -p engine=exchange-core-prebuilt} instead hands it one pre-built command object per
 *     command (no copy, but 112 bytes a command, and each stored event lands in a different old object).</li>
 *     <li>exchange-core takes the client's order id; Matchpoint assigns its own (each carries the order's pool slot),
 *     so the Matchpoint driver stores each id it is told of in an array by the stream's order number (one store an
 *     accepted order) and reads it back for a cancel or move (one load).</li>
 *     <li>Matchpoint's client-order-id hash table is sized by {@code maxOrders} (default: the engine's default of
 *     2^20), and new client order ids land on cold cache lines of that table; exchange-core's radix trees grow with
 *     the live orders. {@code -p maxOrders=65536} shows Matchpoint sized for this workload. The parameter means
 *     nothing to exchange-core.</li>
 *     <li>{@code gc.alloc.rate.norm} includes what the untimed per-invocation reset allocates (exchange-core's
 *     events for about 12,000 warm-up and reset commands, spread over {@value #MEASURED_COMMANDS}).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MixedWorkloadBenchmark
{
    public static final int MEASURED_COMMANDS = 1 << 19;
    public static final int TARGET_ORDERS = 1_000;
    public static final long SEED = 42;
    public static final String MATCHPOINT = "matchpoint";
    /**
     * Matchpoint with every pre-trade risk limit set for every account (loose enough that none refuses a command of
     * the workload): each order and replace runs the six checks, each rest, fill and cancel updates the exposure.
     */
    public static final String MATCHPOINT_RISK_LIMITS = "matchpoint-risk-limits";
    public static final String EXCHANGE_CORE = "exchange-core";
    /** exchange-core fed from one pre-built {@code OrderCommand} per command instead of a ring: see the driver. */
    public static final String EXCHANGE_CORE_PREBUILT = "exchange-core-prebuilt";

    /** Also {@value #EXCHANGE_CORE_PREBUILT}, on request ({@code -p engine=...}). */
    @Param({ MATCHPOINT, MATCHPOINT_RISK_LIMITS, EXCHANGE_CORE })
    public String engine;

    @Param("1048576")
    public int maxOrders;

    private MixedWorkload workload;
    private WorkloadDriver driver;

    /** The workload every benchmark run uses. */
    public static MixedWorkload workload()
    {
        return MixedWorkloadGenerator.generate(SEED, TARGET_ORDERS, MEASURED_COMMANDS);
    }

    public static WorkloadDriver driver(final String engine, final MixedWorkload workload, final int maxOrders)
    {
        switch (engine)
        {
            case MATCHPOINT:
                return new MatchpointDriver(workload, maxOrders, false);
            case MATCHPOINT_RISK_LIMITS:
                return new MatchpointDriver(workload, maxOrders, true);
            case EXCHANGE_CORE:
                return new ExchangeCoreDriver(workload, false);
            case EXCHANGE_CORE_PREBUILT:
                return new ExchangeCoreDriver(workload, true);
            default:
                throw new IllegalArgumentException("unknown engine: " + engine);
        }
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = workload();
        driver = driver(engine, workload, maxOrders);
    }

    @Setup(Level.Invocation)
    public void reset()
    {
        driver.prepare();
    }

    @TearDown(Level.Trial)
    public void check()
    {
        if (driver.failures() != 0)
        {
            throw new IllegalStateException(engine + " refused " + driver.failures() + " commands of the workload");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEASURED_COMMANDS)
    public long mixed()
    {
        return driver.runMeasured();
    }
}
