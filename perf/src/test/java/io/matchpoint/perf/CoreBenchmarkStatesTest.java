package io.matchpoint.perf;

import io.matchpoint.engine.match.MatchingEngine;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs each benchmark state's set-up and a few thousand of its operations (with the per-invocation fixtures JMH
 * would run), checking that the workload is what the benchmark says: nothing rejected, the book the same size and
 * depth before and after, trades where there should be trades, and no allocation once warm. No timing.
 */
class CoreBenchmarkStatesTest
{
    /** Smaller than the benchmarks' default: the tests do not need the engine's full default capacity. */
    private static final int MAX_ORDERS = 1 << 16;
    private static final int WARM_UP_OPS = 20_000;
    private static final int MEASURED_OPS = 6_000;
    private static final int ROUNDS = 5;

    @Test
    void shouldBuildTheStandardBook()
    {
        final BookFixture fixture = new BookFixture(MAX_ORDERS, 100);
        final MatchingEngine engine = fixture.engine();
        assertEquals(1_000, engine.restingOrderCount());
        assertEquals(400, engine.priceLevelCount());
        assertEquals(BookFixture.MID_PRICE - 1, engine.bestBid(BookFixture.INSTRUMENT_ID));
        assertEquals(BookFixture.MID_PRICE + 1, engine.bestAsk(BookFixture.INSTRUMENT_ID));
    }

    @Test
    void shouldAddAndCancelWithASteadyBookAndNoAllocation()
    {
        final PassiveOrderBenchmark.AddCancelState state = new PassiveOrderBenchmark.AddCancelState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        assertSteadyAndAllocationFree(state.fixture(), state::addAndCancel, 0);
    }

    @Test
    void shouldAddABatchWithASteadyBookAndNoAllocation()
    {
        final PassiveOrderBenchmark.AddState state = new PassiveOrderBenchmark.AddState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        final MatchingEngine engine = state.fixture().engine();
        final int before = engine.restingOrderCount();
        state.addBatch();
        assertEquals(before + PassiveOrderBenchmark.BATCH, engine.restingOrderCount());
        state.cancelAdded();
        assertSteadyAndAllocationFree(
            state.fixture(),
            () ->
            {
                final long sink = state.addBatch();
                state.cancelAdded();
                return sink;
            },
            0);
    }

    @Test
    void shouldCancelABatchWithASteadyBookAndNoAllocation()
    {
        final PassiveOrderBenchmark.CancelState state = new PassiveOrderBenchmark.CancelState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        final MatchingEngine engine = state.fixture().engine();
        final int before = engine.restingOrderCount();
        state.addToCancel();
        state.cancelBatch();
        assertEquals(before, engine.restingOrderCount());
        assertSteadyAndAllocationFree(
            state.fixture(),
            () ->
            {
                state.addToCancel();
                return state.cancelBatch();
            },
            0);
    }

    @Test
    void shouldSweepOneLevelAndRestoreItWithoutAllocating()
    {
        final AggressiveOrderBenchmark.SweepState state = new AggressiveOrderBenchmark.SweepState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        final SinkListener listener = state.fixture().listener();
        final long trades = listener.trades();
        state.sweep(1);
        assertEquals(BookFixture.ordersAtLevel(0), listener.trades() - trades);
        assertSteadyAndAllocationFree(state.fixture(), () -> state.sweep(1), BookFixture.ordersAtLevel(0));
    }

    @Test
    void shouldSweepFiveLevelsAndRestoreThemWithoutAllocating()
    {
        final AggressiveOrderBenchmark.SweepState state = new AggressiveOrderBenchmark.SweepState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        final SinkListener listener = state.fixture().listener();
        final long trades = listener.trades();
        final long quantity = listener.tradedQuantity();
        state.sweep(5);
        assertEquals(13, listener.trades() - trades);
        assertEquals(BookFixture.depthQuantity(5, 100), listener.tradedQuantity() - quantity);
        assertSteadyAndAllocationFree(state.fixture(), () -> state.sweep(5), 13);
    }

    @Test
    void shouldReplaceQuantityDownKeepingPriorityWithoutAllocating()
    {
        final ReplaceBenchmark.ReplaceState state = new ReplaceBenchmark.ReplaceState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        assertSteadyAndAllocationFree(state.fixture(), state::replaceQuantityDown, 0);
    }

    @Test
    void shouldReplaceToANewPriceWithoutTradingOrAllocating()
    {
        final ReplaceBenchmark.ReplaceState state = new ReplaceBenchmark.ReplaceState();
        state.maxOrders = MAX_ORDERS;
        state.setUp();
        assertSteadyAndAllocationFree(state.fixture(), state::replaceNewPrice, 0);
    }

    /**
     * Warms {@code operation} up, then measures the bytes this thread allocates over a few rounds and asserts that a
     * round allocated nothing: an allocation in the operation shows in every round, while a one-off from the JIT
     * (11 KB once, on a loaded 2-core box) shows in one. The total count of operations (50,000) is a multiple of
     * 2,000, twice the book, so the replace benchmarks' orders are back home at the end. Also checks no rejects, an
     * unchanged book size and level count, and {@code tradesPerOp} trades an operation.
     */
    private static void assertSteadyAndAllocationFree(
        final BookFixture fixture, final LongSupplier operation, final int tradesPerOp)
    {
        final MatchingEngine engine = fixture.engine();
        final int orders = engine.restingOrderCount();
        final int levels = engine.priceLevelCount();
        final long trades = fixture.listener().trades();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

        long sink = 0;
        for (int i = 0; i < WARM_UP_OPS; i++)
        {
            sink += operation.getAsLong();
        }
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED_OPS; i++)
            {
                sink += operation.getAsLong();
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        fixture.requireValid();
        assertEquals(orders, engine.restingOrderCount());
        assertEquals(levels, engine.priceLevelCount());
        assertEquals(
            (long)tradesPerOp * (WARM_UP_OPS + ROUNDS * MEASURED_OPS), fixture.listener().trades() - trades);
        assertTrue(sink != 0);
        assertEquals(0, allocated, "fewest bytes allocated by a round of " + MEASURED_OPS + " operations");
    }
}
