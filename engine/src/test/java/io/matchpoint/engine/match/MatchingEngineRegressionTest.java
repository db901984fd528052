package io.matchpoint.engine.match;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.matchpoint.engine.match.EngineEvent.InstrumentRejected;
import static io.matchpoint.engine.match.EngineEvent.OrderAccepted;
import static io.matchpoint.engine.match.EngineEvent.PriceLevelChanged;
import static io.matchpoint.engine.match.EngineEvent.Trade;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Engine bugs found by {@link MatchingEngineDifferentialTest}, each as a short explicit sequence with the events that
 * {@code MATCHING-RULES.md} requires.
 */
class MatchingEngineRegressionTest
{
    private static final SelfTradePrevention STP = SelfTradePrevention.CANCEL_TAKER;

    private final RecordingListener listener = new RecordingListener();
    private MatchingEngine engine;

    @BeforeEach
    void before()
    {
        engine = new MatchingEngine(new EngineConfig().ticksPerBook(64).conclude(), listener);
    }

    /**
     * A band of 2^63 ticks: {@code (highPrice - lowPrice) / tick + 1} is {@code Long.MAX_VALUE + 1}, which wraps to
     * a negative number and so passed the width check. Found by probing the band check after mix EXTREME failed.
     */
    @Test
    void shouldRejectPriceBandWhoseTickCountOverflowsLong()
    {
        engine.defineInstrument(1, "WIDE", 1, 1, 1, 1000, -1, Long.MAX_VALUE - 1);

        assertEquals(List.of(new InstrumentRejected(1, RejectReason.PRICE_BAND_TOO_WIDE)), listener.drain());
    }

    /**
     * A band of 18,446,745 ticks whose span {@code highPrice - lowPrice} wraps to a small negative number that
     * divides to 0. Found by mix EXTREME, seeds 1 (command #250) and 20240601 (command #7753).
     */
    @Test
    void shouldRejectPriceBandWhoseSpanWrapsAroundLong()
    {
        engine.defineInstrument(
            2, "BBB", 1_000_000_000_000L, 1_000_000, 1_000_000, 1_000_000_000L,
            -9_223_372_000_000_000_000L, 9_223_372_000_000_000_000L);

        assertEquals(List.of(new InstrumentRejected(2, RejectReason.PRICE_BAND_TOO_WIDE)), listener.drain());
    }

    /**
     * What the over-wide band above leads to: prices 0 and 64 share a ladder slot, so the first order drops out of
     * the book walk, and cancelling it removes the second order's level while that order still counts as resting.
     * Passes once the band is rejected (or if the ladder could hold it).
     */
    @Test
    void shouldNeverHideRestingOrdersWhenABandIsWiderThanTheLadder()
    {
        engine.defineInstrument(1, "WIDE", 1, 1, 1, 1000, -1, Long.MAX_VALUE - 1);
        engine.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 0, 10, false, STP);
        engine.newOrder(1, 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 64, 20, false, STP);
        assertEquals(engine.restingOrderCount(), ordersInBook(1), "orders in the book walk after two bids");

        engine.cancelOrder(1, 1L << engine.orderIdSlotBits()); // the first order's id: sequence 1, slot 0
        assertEquals(engine.restingOrderCount(), ordersInBook(1), "orders in the book walk after the cancel");
    }

    /**
     * The FOK check summed the makers' quantities in a long: 6e18 + 6e18 wrapped negative, so a fillable FOK was
     * cancelled with FOK_NOT_FILLABLE. Found by mix EXTREME, seeds 0x5EED0002 (command #2508) and 0xC0FFEE
     * (command #71). Fixed twice over: an instrument's maximum quantity is now bounded by
     * {@code Long.MAX_VALUE / maxOrders}, so no sum of resting quantities can overflow, and the check compares
     * without adding past the target.
     */
    @Test
    void shouldRejectMaximumQuantityWhoseSumOverTheOrderPoolCouldOverflow()
    {
        engine.defineInstrument(1, "AAA", 1, 1, 1, Long.MAX_VALUE, 100, 160);

        assertEquals(List.of(new InstrumentRejected(1, RejectReason.INVALID_INSTRUMENT_DEFINITION)), listener.drain());
    }

    /** With a pool of 2 orders an id is {@code sequence << 2 | slot}: 4 and 9 rest in slots 0 and 1, 15 takes none. */
    @Test
    void shouldFillLimitFokWhenAvailableQuantityNearsLongRange()
    {
        engine = new MatchingEngine(new EngineConfig().maxOrders(2).ticksPerBook(64), listener);
        engine.defineInstrument(1, "AAA", 1, 1, 1, Long.MAX_VALUE / 2, 100, 160);
        engine.newOrder(1, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 3_000_000_000_000_000_000L, false,
            STP);
        engine.newOrder(2, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 101, 3_000_000_000_000_000_000L, false,
            STP);
        listener.drain();

        engine.newOrder(3, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, 101, 4_000_000_000_000_000_000L, false,
            STP);

        assertEquals(List.of(
            new OrderAccepted(
                15, 3, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, 101, 4_000_000_000_000_000_000L),
            new Trade(1, 1, Side.BUY, 100, 3_000_000_000_000_000_000L,
                15, 3, 1, 1_000_000_000_000_000_000L, 4, 1, 1, 0),
            new PriceLevelChanged(1, Side.SELL, 100, 0, 0),
            new Trade(2, 1, Side.BUY, 101, 1_000_000_000_000_000_000L,
                15, 3, 1, 0, 9, 2, 1, 2_000_000_000_000_000_000L),
            new PriceLevelChanged(1, Side.SELL, 101, 2_000_000_000_000_000_000L, 1)),
            listener.drain());
    }

    @Test
    void shouldFillMarketFokWhenAvailableQuantityNearsLongRange()
    {
        engine = new MatchingEngine(new EngineConfig().maxOrders(2).ticksPerBook(64), listener);
        engine.defineInstrument(1, "AAA", 1, 1, 1, Long.MAX_VALUE / 2, 100, 160);
        engine.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 150, 3_000_000_000_000_000_000L, false,
            STP);
        engine.newOrder(2, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 120, 3_000_000_000_000_000_000L, false,
            STP);
        listener.drain();

        engine.newOrder(3, 1, 1, Side.SELL, OrderType.MARKET, TimeInForce.FOK, 0, 4_000_000_000_000_000_000L, false,
            STP);

        assertEquals(List.of(
            new OrderAccepted(
                15, 3, 1, 1, Side.SELL, OrderType.MARKET, TimeInForce.FOK, 0, 4_000_000_000_000_000_000L),
            new Trade(1, 1, Side.SELL, 150, 3_000_000_000_000_000_000L,
                15, 3, 1, 1_000_000_000_000_000_000L, 4, 1, 1, 0),
            new PriceLevelChanged(1, Side.BUY, 150, 0, 0),
            new Trade(2, 1, Side.SELL, 120, 1_000_000_000_000_000_000L,
                15, 3, 1, 0, 9, 2, 1, 2_000_000_000_000_000_000L),
            new PriceLevelChanged(1, Side.BUY, 120, 2_000_000_000_000_000_000L, 1)),
            listener.drain());
    }

    private int ordersInBook(final int instrumentId)
    {
        final DifferentialHarness.BookSnapshot snapshot = new DifferentialHarness.BookSnapshot();
        engine.visitBook(instrumentId, snapshot);
        int count = 0;
        for (final Object entry : snapshot.entries)
        {
            if (entry instanceof DifferentialHarness.OrderEntry)
            {
                count++;
            }
        }
        return count;
    }
}
