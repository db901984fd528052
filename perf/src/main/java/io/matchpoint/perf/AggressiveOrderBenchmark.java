package io.matchpoint.perf;

import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * An aggressive IOC limit order that sweeps the best level, or the best five levels, of the standard book of
 * {@link BookFixture}, taking exactly their quantity; sides alternate from one invocation to the next.
 * <p>
 * What an op is: the sweep <em>plus</em> the passive orders that put the swept liquidity back (same prices, counts
 * and quantities, so the book is the same before every invocation). Sweeping one level is 1 IOC order with 3 fills
 * and 3 adds; five levels is 1 IOC order with 13 fills over 5 levels and 13 adds. Subtract 3 or 13 times the
 * {@code PassiveOrderBenchmark.add} figure for an estimate of the sweep alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AggressiveOrderBenchmark
{
    static final long ORDER_QUANTITY = 100;

    @State(Scope.Thread)
    public static class SweepState
    {
        @Param("1048576")
        public int maxOrders;

        private BookFixture fixture;
        private boolean buyNext;

        @Setup(Level.Trial)
        public void setUp()
        {
            fixture = new BookFixture(maxOrders, ORDER_QUANTITY);
        }

        @TearDown(Level.Trial)
        public void check()
        {
            fixture.requireValid();
        }

        /** Sweeps {@code levels} levels of one side with an IOC order, then restores them. */
        public long sweep(final int levels)
        {
            final BookFixture fixture = this.fixture;
            final MatchingEngine engine = fixture.engine();
            final Side takerSide = buyNext ? Side.BUY : Side.SELL;
            final Side makerSide = takerSide.opposite();
            buyNext = !buyNext;

            engine.newOrder(
                BookFixture.TAKER_ACCOUNT, fixture.nextClientOrderId(), BookFixture.INSTRUMENT_ID, takerSide,
                OrderType.LIMIT, TimeInForce.IOC, BookFixture.price(makerSide, levels - 1),
                BookFixture.depthQuantity(levels, ORDER_QUANTITY), false, SelfTradePrevention.CANCEL_TAKER);

            int n = 0;
            for (int level = 0; level < levels; level++)
            {
                final long price = BookFixture.price(makerSide, level);
                for (int k = 0, orders = BookFixture.ordersAtLevel(level); k < orders; k++)
                {
                    fixture.place(BookFixture.makerAccount(n++), makerSide, TimeInForce.GTC, price, ORDER_QUANTITY);
                }
            }
            return fixture.listener().sink();
        }

        public BookFixture fixture()
        {
            return fixture;
        }
    }

    @Benchmark
    public long sweepOneLevel(final SweepState state)
    {
        return state.sweep(1);
    }

    @Benchmark
    public long sweepFiveLevels(final SweepState state)
    {
        return state.sweep(5);
    }
}
