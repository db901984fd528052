package io.matchpoint.perf.compare;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that the mixed workload is what the benchmark says it is, on both engines: the command mix, the share of
 * commands that trade, the book's size and depth, identical fills in Matchpoint and exchange-core, a reset that
 * brings the book back, and no allocation in Matchpoint's replay. No timing.
 */
class MixedWorkloadTest
{
    private static final int MEASURED = 20_000;
    private static final int SAMPLE_EVERY = 500;

    private static MixedWorkload workload;

    @BeforeAll
    static void generate()
    {
        workload = MixedWorkloadGenerator.generate(MixedWorkloadBenchmark.SEED, MixedWorkloadBenchmark.TARGET_ORDERS, MEASURED);
    }

    @Test
    void shouldGenerateTheIntendedCommandMix()
    {
        final MixedWorkload.Stats stats = workload.stats();
        assertEquals(MEASURED, stats.commands());
        assertEquals(0.09, stats.fraction(MixedWorkload.GTC), 0.01);
        assertEquals(0.03, stats.fraction(MixedWorkload.IOC), 0.006);
        assertEquals(0.06, stats.fraction(MixedWorkload.CANCEL), 0.01);
        assertEquals(0.82, stats.fraction(MixedWorkload.MOVE), 0.015);
    }

    @Test
    void shouldTradeOnAboutSixPercentOfCommandsAndHoldTheBookNearItsTarget()
    {
        final MixedWorkload.Stats stats = workload.stats();
        assertTrue(stats.tradingFraction() > 0.045 && stats.tradingFraction() < 0.07, stats.toString());
        assertEquals(1_000, stats.meanRestingOrders(), 100, stats.toString());
        assertTrue(stats.minRestingOrders() > 800 && stats.maxRestingOrders() < 1_200, stats.toString());
        assertEquals(750, stats.meanLevels(), 100, stats.toString());
    }

    @Test
    void shouldReplayTheSameFillsOnBothEnginesAsDuringGeneration()
    {
        final WorkloadDriver matchpoint = MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.MATCHPOINT, workload, 1 << 16);
        final WorkloadDriver exchangeCore = MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.EXCHANGE_CORE, workload, 0);
        final WorkloadDriver prebuilt =
            MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.EXCHANGE_CORE_PREBUILT, workload, 0);
        final WorkloadDriver withLimits =
            MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS, workload, 1 << 16);
        for (int pass = 0; pass < 2; pass++)
        {
            for (final WorkloadDriver driver : new WorkloadDriver[]{ matchpoint, exchangeCore, prebuilt, withLimits })
            {
                driver.prepare();
                assertEquals(workload.restingAfterWarmUp(), driver.restingOrders());
                final long fills = driver.fills();
                final long quantity = driver.tradedQuantity();
                final long tradingCommands = driver.tradingCommands();
                driver.runMeasured();
                assertEquals(workload.stats().fills(), driver.fills() - fills);
                assertEquals(workload.stats().tradedQuantity(), driver.tradedQuantity() - quantity);
                assertEquals(workload.stats().tradingCommands(), driver.tradingCommands() - tradingCommands);
                assertEquals(workload.restingAtEnd(), driver.restingOrders());
                assertEquals(0, driver.failures());
            }
            assertEquals(matchpoint.priceLevels(), exchangeCore.priceLevels());
            assertEquals(matchpoint.priceLevels(), prebuilt.priceLevels());
        }
    }

    @Test
    void shouldKeepBothBooksNearTheTargetSizeThroughoutAPass()
    {
        final WorkloadDriver matchpoint = MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.MATCHPOINT, workload, 1 << 16);
        final WorkloadDriver exchangeCore = MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.EXCHANGE_CORE, workload, 0);
        matchpoint.prepare();
        exchangeCore.prepare();
        for (int from = workload.warmUpCommands(); from < workload.size(); from += SAMPLE_EVERY)
        {
            final int to = Math.min(workload.size(), from + SAMPLE_EVERY);
            matchpoint.replay(from, to);
            exchangeCore.replay(from, to);
            assertEquals(matchpoint.restingOrders(), exchangeCore.restingOrders());
            assertEquals(matchpoint.priceLevels(), exchangeCore.priceLevels());
            assertTrue(matchpoint.restingOrders() > 800 && matchpoint.restingOrders() < 1_200);
            assertTrue(matchpoint.priceLevels() > 550 && matchpoint.priceLevels() < 950);
        }
        assertEquals(matchpoint.fills(), exchangeCore.fills());
        assertEquals(0, matchpoint.failures() + exchangeCore.failures());
    }

    /**
     * Two warm-up passes, then the quietest of four measured passes must allocate nothing and all four together under
     * 8 KiB: an allocation in the replay shows in every pass, a one-off from a late JIT recompilation in one.
     */
    @Test
    void shouldNotAllocateWhenReplayingOnMatchpoint()
    {
        final WorkloadDriver driver = MixedWorkloadBenchmark.driver(MixedWorkloadBenchmark.MATCHPOINT, workload, 1 << 16);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            driver.prepare();
            sink += driver.runMeasured();
        }
        long quietest = Long.MAX_VALUE;
        long total = 0;
        for (int pass = 0; pass < 4; pass++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            driver.prepare();
            sink += driver.runMeasured();
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            quietest = Math.min(quietest, allocated);
            total += allocated;
        }
        assertEquals(0, quietest, "bytes allocated by the quietest pass (sink " + sink + ")");
        assertTrue(total < 8192, "bytes allocated by four passes: " + total);
    }
}
