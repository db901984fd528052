package io.matchpoint.perf;

import io.matchpoint.engine.match.Side;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Replacing resting orders of the standard book of {@link BookFixture}, visiting its 1,000 orders in a fixed
 * shuffled order; every replace carries a new client order id, as a FIX cancel/replace would. An op is exactly one
 * replace; nothing else is sent.
 * <ul>
 *     <li>{@code replaceQuantityDown}: same price, open quantity down by one lot, so the order keeps its time
 *     priority (its level's total changes). The book is built with quantities of 2^40 lots so they never run out.</li>
 *     <li>{@code replaceNewPrice}: the order moves one tick away from the spread, and back the next time it is
 *     visited, so it loses priority and joins the back of the next level (the deepest levels open and close one).
 *     The new price never crosses: no trades.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplaceBenchmark
{
    static final long ORDER_QUANTITY = 1L << 40;

    @State(Scope.Thread)
    public static class ReplaceState
    {
        @Param("1048576")
        public int maxOrders;

        private final int[] visitOrder = BookFixture.permutation(BookFixture.BOOK_ORDERS, 17);
        private final long[] leaves = new long[BookFixture.BOOK_ORDERS];
        private final boolean[] moved = new boolean[BookFixture.BOOK_ORDERS];
        private BookFixture fixture;
        private int cursor;

        @Setup(Level.Trial)
        public void setUp()
        {
            fixture = new BookFixture(maxOrders, ORDER_QUANTITY);
            Arrays.fill(leaves, ORDER_QUANTITY);
        }

        @TearDown(Level.Trial)
        public void check()
        {
            fixture.requireValid();
        }

        private int nextOrder()
        {
            final int i = cursor;
            cursor = i + 1 == BookFixture.BOOK_ORDERS ? 0 : i + 1;
            return visitOrder[i];
        }

        public long replaceQuantityDown()
        {
            final BookFixture fixture = this.fixture;
            final int order = nextOrder();
            final long newQuantity = leaves[order] - 1;
            leaves[order] = newQuantity;
            fixture.engine().replaceOrder(
                fixture.bookAccount(order), fixture.bookOrderId(order), fixture.nextClientOrderId(),
                fixture.bookPrice(order), newQuantity);
            return fixture.listener().sink();
        }

        public long replaceNewPrice()
        {
            final BookFixture fixture = this.fixture;
            final int order = nextOrder();
            final boolean away = !moved[order];
            moved[order] = away;
            final long home = fixture.bookPrice(order);
            final long awayPrice = fixture.bookSide(order) == Side.BUY ? home - 1 : home + 1;
            fixture.engine().replaceOrder(
                fixture.bookAccount(order), fixture.bookOrderId(order), fixture.nextClientOrderId(),
                away ? awayPrice : home, leaves[order]);
            return fixture.listener().sink();
        }

        public BookFixture fixture()
        {
            return fixture;
        }
    }

    @Benchmark
    public long replaceQuantityDown(final ReplaceState state)
    {
        return state.replaceQuantityDown();
    }

    @Benchmark
    public long replaceNewPrice(final ReplaceState state)
    {
        return state.replaceNewPrice();
    }
}
