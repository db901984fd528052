package io.matchpoint.perf;

import io.matchpoint.engine.match.MatchingEngine;
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
 * Adding passive (non-crossing) limit orders to, and cancelling resting orders from, the standard book of
 * {@link BookFixture} (1,000 orders over 400 levels). Every added order joins an existing level on a random side.
 * <ul>
 *     <li>{@code addAndCancel}: each invocation adds one order and cancels the oldest of the 256 it added before, so
 *     the book stays at 1,256 orders; an op is one command, so the figure is the mean of an add and a cancel.</li>
 *     <li>{@code add}: each invocation adds a batch of {@value #BATCH} orders (an op is one add); a per-invocation
 *     tear-down, outside the timing, cancels them again.</li>
 *     <li>{@code cancel}: a per-invocation set-up, outside the timing, adds {@value #BATCH} orders; the invocation
 *     cancels them in a shuffled order (an op is one cancel). The cancelled orders are recent, so their index
 *     entries are likely still cached.</li>
 * </ul>
 * The batch benchmarks use {@code Level.Invocation} fixtures; with {@value #BATCH} ops (several microseconds) per
 * invocation the two timestamps JMH takes around each invocation add well under a nanosecond per op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PassiveOrderBenchmark
{
    public static final int BATCH = 128;
    public static final int RING = 256;
    static final long ORDER_QUANTITY = 100;

    /** State of {@code addAndCancel}: the standard book plus a ring of the last {@value #RING} added orders. */
    @State(Scope.Thread)
    public static class AddCancelState
    {
        @Param("1048576")
        public int maxOrders;

        private final long[] ringIds = new long[RING];
        private final long[] ringAccounts = new long[RING];
        private final PassiveFlow flow = new PassiveFlow(7, ORDER_QUANTITY);
        private BookFixture fixture;
        private int ringCursor;

        @Setup(Level.Trial)
        public void setUp()
        {
            fixture = new BookFixture(maxOrders, ORDER_QUANTITY);
            for (int slot = 0; slot < RING; slot++)
            {
                ringIds[slot] = flow.placeNext(fixture);
                ringAccounts[slot] = flow.lastAccount();
            }
            fixture.requireValid();
        }

        /** Cancels the oldest order of the ring and adds a new one in its slot: two commands. */
        public long addAndCancel()
        {
            final int slot = ringCursor;
            ringCursor = (slot + 1) & (RING - 1);
            fixture.engine().cancelOrder(ringAccounts[slot], ringIds[slot]);
            ringIds[slot] = flow.placeNext(fixture);
            ringAccounts[slot] = flow.lastAccount();
            return fixture.listener().sink();
        }

        @TearDown(Level.Trial)
        public void check()
        {
            fixture.requireValid();
        }

        public BookFixture fixture()
        {
            return fixture;
        }
    }

    /** State of {@code add} and {@code cancel}: the standard book and one batch of added orders. */
    public abstract static class BatchState
    {
        private final long[] batchIds = new long[BATCH];
        private final long[] batchAccounts = new long[BATCH];
        private final int[] cancelOrder = BookFixture.permutation(BATCH, 11);
        private final PassiveFlow flow = new PassiveFlow(13, ORDER_QUANTITY);
        private BookFixture fixture;

        protected void createBook(final int maxOrders)
        {
            fixture = new BookFixture(maxOrders, ORDER_QUANTITY);
        }

        /** Adds a batch of {@value PassiveOrderBenchmark#BATCH} passive orders. */
        public long addBatch()
        {
            final PassiveFlow flow = this.flow;
            final BookFixture fixture = this.fixture;
            for (int i = 0; i < BATCH; i++)
            {
                batchIds[i] = flow.placeNext(fixture);
                batchAccounts[i] = flow.lastAccount();
            }
            return fixture.listener().sink();
        }

        /** Cancels the batch the last {@link #addBatch} added, in a shuffled order. */
        public long cancelBatch()
        {
            final MatchingEngine engine = fixture.engine();
            for (int i = 0; i < BATCH; i++)
            {
                final int order = cancelOrder[i];
                engine.cancelOrder(batchAccounts[order], batchIds[order]);
            }
            return fixture.listener().sink();
        }

        public BookFixture fixture()
        {
            return fixture;
        }
    }

    /** The batch is added in the measured invocation and cancelled after it. */
    @State(Scope.Thread)
    public static class AddState extends BatchState
    {
        @Param("1048576")
        public int maxOrders;

        @Setup(Level.Trial)
        public void setUp()
        {
            createBook(maxOrders);
        }

        @TearDown(Level.Invocation)
        public void cancelAdded()
        {
            cancelBatch();
        }

        @TearDown(Level.Trial)
        public void check()
        {
            fixture().requireValid();
        }
    }

    /** The batch is added before the measured invocation, which cancels it. */
    @State(Scope.Thread)
    public static class CancelState extends BatchState
    {
        @Param("1048576")
        public int maxOrders;

        @Setup(Level.Trial)
        public void setUp()
        {
            createBook(maxOrders);
        }

        @Setup(Level.Invocation)
        public void addToCancel()
        {
            addBatch();
        }

        @TearDown(Level.Trial)
        public void check()
        {
            fixture().requireValid();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public long addAndCancel(final AddCancelState state)
    {
        return state.addAndCancel();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long add(final AddState state)
    {
        return state.addBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cancel(final CancelState state)
    {
        return state.cancelBatch();
    }
}
