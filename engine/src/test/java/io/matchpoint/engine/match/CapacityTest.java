package io.matchpoint.engine.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CapacityTest
{
    private static final int INSTRUMENT = 1;
    private static final int MAX_ORDERS = 8;
    private static final int MAX_LEVELS = 4;

    private final RecordingListener listener = new RecordingListener();
    private final MatchingEngine engine = new MatchingEngine(
        new EngineConfig().maxOrders(MAX_ORDERS).maxPriceLevels(MAX_LEVELS).maxInstruments(2).maxAccounts(3)
            .ticksPerBook(64),
        listener);

    CapacityTest()
    {
        engine.defineInstrument(INSTRUMENT, "CAP", 1, 1, 1, 1_000, 1, 60);
        listener.drain();
    }

    @Test
    void shouldRejectRestingOrderCleanlyWhenOrderPoolIsFullAndAcceptAgainOnceOrdersLeave()
    {
        for (int i = 0; i < MAX_ORDERS; i++)
        {
            buy(1, 100 + i, 10);
        }
        final long digestWhenFull = engine.digest();
        listener.drain();

        buy(1, 200, 10);

        assertEquals(
            List.of(new EngineEvent.OrderRejected(1, 200, INSTRUMENT, RejectReason.ORDER_CAPACITY_EXHAUSTED)),
            listener.drain());
        assertEquals(digestWhenFull, engine.digest());
        assertEquals(MAX_ORDERS, engine.restingOrderCount());

        engine.cancelOrder(1, 1);
        listener.drain();
        buy(1, 200, 10);

        assertEquals(new EngineEvent.OrderAccepted(9, 1, 200, INSTRUMENT, BUY, LIMIT, GTC, 10, 5), listener.drain().get(0));
        assertEquals(MAX_ORDERS, engine.restingOrderCount());
    }

    @Test
    void shouldStillTradeImmediateOrdersWhenOrderPoolIsFull()
    {
        for (int i = 0; i < MAX_ORDERS; i++)
        {
            buy(1, 100 + i, 10);
        }
        listener.drain();

        engine.newOrder(2, 300, INSTRUMENT, SELL, LIMIT, IOC, 10, 5, false, CANCEL_TAKER);

        final List<EngineEvent> events = listener.drain();
        assertEquals(new EngineEvent.OrderAccepted(9, 2, 300, INSTRUMENT, SELL, LIMIT, IOC, 10, 5), events.get(0));
        assertEquals(new EngineEvent.Trade(1, INSTRUMENT, SELL, 10, 5, 9, 2, 300, 0, 1, 1, 100, 0), events.get(1));
        assertEquals(MAX_ORDERS - 1, engine.restingOrderCount());
    }

    @Test
    void shouldRejectNewPriceLevelWhenLevelPoolIsFullButJoinExistingLevel()
    {
        for (int price = 10; price < 10 + MAX_LEVELS; price++)
        {
            buy(1, price, price);
        }
        listener.drain();

        buy(1, 50, 20);
        buy(1, 51, 10);

        assertEquals(
            List.of(new EngineEvent.OrderRejected(1, 50, INSTRUMENT, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED)),
            listener.drain().subList(0, 1));
        assertEquals(MAX_LEVELS, engine.priceLevelCount());
        assertEquals(MAX_LEVELS + 1, engine.restingOrderCount());
    }

    @Test
    void shouldRejectReplaceToNewLevelWhenLevelPoolIsFull()
    {
        for (int price = 10; price < 10 + MAX_LEVELS; price++)
        {
            buy(1, price, price);
        }
        buy(1, 99, 10);
        listener.drain();

        engine.replaceOrder(1, 5, 99, 20, 5);

        assertEquals(
            List.of(new EngineEvent.ReplaceRejected(1, 5, 99, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED)),
            listener.drain());

        engine.replaceOrder(1, 2, 11, 20, 5);

        assertEquals(new EngineEvent.OrderReplaced(2, 1, 11, INSTRUMENT, BUY, 20, 5, false), listener.drain().get(0));
    }

    @Test
    void shouldRejectNewAccountWhenAccountTableIsFullButServeKnownAccounts()
    {
        buy(1, 1, 10);
        buy(2, 1, 10);
        buy(3, 1, 10);
        listener.drain();

        buy(4, 1, 10);
        assertEquals(
            List.of(new EngineEvent.OrderRejected(4, 1, INSTRUMENT, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED)),
            listener.drain());

        buy(3, 2, 10);
        assertEquals(EngineEvent.OrderAccepted.class, listener.drain().get(0).getClass());
        assertEquals(3, engine.accountCount());
    }

    @Test
    void shouldRejectNewInstrumentWhenInstrumentTableIsFull()
    {
        engine.defineInstrument(2, "TWO", 1, 1, 1, 10, 1, 10);
        engine.defineInstrument(3, "THREE", 1, 1, 1, 10, 1, 10);

        final List<EngineEvent> events = listener.drain();
        assertEquals(new EngineEvent.InstrumentRejected(3, RejectReason.INSTRUMENT_CAPACITY_EXHAUSTED), events.get(1));
        assertEquals(2, engine.instrumentCount());
    }

    @Test
    void shouldRejectBandWiderThanTheBookHolds()
    {
        engine.defineInstrument(2, "WIDE", 1, 1, 1, 10, 1, 65);

        assertEquals(List.of(new EngineEvent.InstrumentRejected(2, RejectReason.PRICE_BAND_TOO_WIDE)), listener.drain());
    }

    private void buy(final long account, final long clientOrderId, final long price)
    {
        engine.newOrder(account, clientOrderId, INSTRUMENT, BUY, LIMIT, GTC, price, 5, false, CANCEL_TAKER);
    }
}
