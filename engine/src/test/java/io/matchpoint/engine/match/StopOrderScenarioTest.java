package io.matchpoint.engine.match;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.FOK_NOT_FILLABLE;
import static io.matchpoint.engine.match.CancelReason.KILL_SWITCH;
import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.CancelReason.OUTSIDE_BAND;
import static io.matchpoint.engine.match.CancelReason.OUTSIDE_COLLAR;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.OrderType.STOP;
import static io.matchpoint.engine.match.OrderType.STOP_LIMIT;
import static io.matchpoint.engine.match.RejectReason.INVALID_DISPLAY_QUANTITY;
import static io.matchpoint.engine.match.RejectReason.INVALID_STOP_PRICE;
import static io.matchpoint.engine.match.RejectReason.POST_ONLY_REQUIRES_GTC_LIMIT;
import static io.matchpoint.engine.match.RejectReason.PRICE_OFF_TICK;
import static io.matchpoint.engine.match.RejectReason.STOP_ALREADY_TRIGGERED;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop and stop-limit orders wait off the book until a trade reaches their stop price, then enter as market or limit
 * orders in the order they were triggered ({@code MATCHING-RULES.md}, "Stop orders").
 */
class StopOrderScenarioTest extends ScenarioFixture
{
    private static final long DAVE = 404;
    private static final long ERIN = 505;

    @Test
    void shouldWaitOffTheBookWithNoEventButItsAcceptance()
    {
        stop(ALICE, 1, BUY, STOP, GTC, 0, 100, 20);

        assertEquals(List.of(stopAccepted(id(1, 0), ALICE, 1, BUY, STOP, 0, 100, 20)), events());
        assertEquals(List.of(), book());
        assertEquals(1, engine.openOrderCount(ALICE));
    }

    @Test
    void shouldTriggerABuyStopWhenATradeReachesItsStopPriceAndEnterItAsAMarketOrder()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);
        final long stop = givenStop(ALICE, 1, BUY, STOP, 0, 100, 20);

        buy(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(4, 3), CAROL, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(4, 3), CAROL, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            triggered(stop, ALICE, 1, BUY, 100),
            trade(2, BUY, 105, 20, stop, ALICE, 1, 0, id(2, 1), BOB, 2, 0),
            askLevel(105, 0, 0)), events());
    }

    @Test
    void shouldTriggerASellStopWhenATradeReachesItsStopPrice()
    {
        givenBid(BOB, 1, 100, 20);
        givenBid(BOB, 2, 95, 20);
        final long stop = givenStop(ALICE, 1, SELL, STOP, 0, 100, 20);

        sell(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(4, 3), CAROL, 1, SELL, 100, 20),
            trade(1, SELL, 100, 20, id(4, 3), CAROL, 1, 0, id(1, 0), BOB, 1, 0),
            bidLevel(100, 0, 0),
            triggered(stop, ALICE, 1, SELL, 100),
            trade(2, SELL, 95, 20, stop, ALICE, 1, 0, id(2, 1), BOB, 2, 0),
            bidLevel(95, 0, 0)), events());
    }

    @Test
    void shouldEnterATriggeredStopLimitOrderAsALimitOrderThatRests()
    {
        givenAsk(BOB, 1, 100, 20);
        final long stop = givenStop(ALICE, 1, BUY, STOP_LIMIT, 100, 100, 30);

        buy(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(3, 2), CAROL, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(3, 2), CAROL, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            triggered(stop, ALICE, 1, BUY, 100),
            bidLevel(100, 30, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, stop, ALICE, 1, 30)), book());
    }

    @Test
    void shouldEnterStopsInTheOrderTradesTriggeredThemEachStopPriceInTimeOrder()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);
        givenAsk(BOB, 3, 110, 100);
        final long alice = givenStop(ALICE, 1, BUY, STOP, 0, 105, 20);
        final long dave = givenStop(DAVE, 1, BUY, STOP, 0, 100, 20);
        final long erin = givenStop(ERIN, 1, BUY, STOP, 0, 100, 20);

        buy(CAROL, 1, 105, 40);

        assertEquals(List.of(
            accepted(id(7, 6), CAROL, 1, BUY, 105, 40),
            trade(1, BUY, 100, 20, id(7, 6), CAROL, 1, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            trade(2, BUY, 105, 20, id(7, 6), CAROL, 1, 0, id(2, 1), BOB, 2, 0),
            askLevel(105, 0, 0),
            triggered(dave, DAVE, 1, BUY, 100),
            trade(3, BUY, 110, 20, dave, DAVE, 1, 0, id(3, 2), BOB, 3, 80),
            askLevel(110, 80, 1),
            triggered(erin, ERIN, 1, BUY, 100),
            trade(4, BUY, 110, 20, erin, ERIN, 1, 0, id(3, 2), BOB, 3, 60),
            askLevel(110, 60, 1),
            triggered(alice, ALICE, 1, BUY, 105),
            trade(5, BUY, 110, 20, alice, ALICE, 1, 0, id(3, 2), BOB, 3, 40),
            askLevel(110, 40, 1)), events());
    }

    @Test
    void shouldTriggerMoreStopsWithATriggeredStopsOwnTrades()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 110, 20);
        final long dave = givenStop(DAVE, 1, BUY, STOP, 0, 100, 20);
        final long alice = givenStop(ALICE, 1, BUY, STOP, 0, 110, 20);

        buy(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(5, 4), CAROL, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(5, 4), CAROL, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            triggered(dave, DAVE, 1, BUY, 100),
            trade(2, BUY, 110, 20, dave, DAVE, 1, 0, id(2, 1), BOB, 2, 0),
            askLevel(110, 0, 0),
            triggered(alice, ALICE, 1, BUY, 110),
            cancelled(alice, ALICE, 1, BUY, 20, NO_LIQUIDITY)), events());
    }

    @Test
    void shouldRejectAStopPriceOffTickOrOutsideTheBandAfterTheLimitPrice()
    {
        stop(ALICE, 1, BUY, STOP, GTC, 0, 101, 20);
        stop(ALICE, 2, BUY, STOP, GTC, 0, 505, 20);
        stop(ALICE, 3, BUY, STOP_LIMIT, GTC, 101, 505, 20);

        assertEquals(List.of(
            rejected(ALICE, 1, INVALID_STOP_PRICE),
            rejected(ALICE, 2, INVALID_STOP_PRICE),
            rejected(ALICE, 3, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldRejectAStopPriceTheLastTradeAlreadyReached()
    {
        givenAsk(BOB, 1, 100, 20);
        buy(CAROL, 1, 100, 20);
        events();

        stop(ALICE, 1, BUY, STOP, GTC, 0, 100, 20);
        stop(ALICE, 2, BUY, STOP, GTC, 0, 95, 20);
        stop(ALICE, 3, SELL, STOP, GTC, 0, 100, 20);
        stop(ALICE, 4, BUY, STOP, GTC, 0, 105, 20);
        stop(ALICE, 5, SELL, STOP, GTC, 0, 95, 20);

        assertEquals(List.of(
            rejected(ALICE, 1, STOP_ALREADY_TRIGGERED),
            rejected(ALICE, 2, STOP_ALREADY_TRIGGERED),
            rejected(ALICE, 3, STOP_ALREADY_TRIGGERED),
            stopAccepted(id(3, 1), ALICE, 4, BUY, STOP, 0, 105, 20),
            stopAccepted(id(4, 0), ALICE, 5, SELL, STOP, 0, 95, 20)), events());
    }

    @Test
    void shouldRefuseAPostOnlyOrIcebergStopOrder()
    {
        engine.newOrder(ALICE, 0, 1, ACME, BUY, STOP_LIMIT, GTC, 100, 20, 0, 105, true, CANCEL_TAKER);
        engine.newOrder(ALICE, 0, 2, ACME, BUY, STOP_LIMIT, GTC, 100, 40, 20, 105, false, CANCEL_TAKER);

        assertEquals(List.of(
            rejected(ALICE, 1, POST_ONLY_REQUIRES_GTC_LIMIT),
            rejected(ALICE, 2, INVALID_DISPLAY_QUANTITY)), events());
    }

    @Test
    void shouldCancelAWaitingStopWithNoLevelEvent()
    {
        final long stop = givenStop(ALICE, 1, BUY, STOP, 0, 100, 20);

        engine.cancelOrder(ALICE, stop);

        assertEquals(List.of(cancelled(stop, ALICE, 1, BUY, 20, CLIENT_REQUEST)), events());
        assertEquals(0, engine.openOrderCount(ALICE));
    }

    @Test
    void shouldMoveAStopToItsNewStopPriceWhenReplaced()
    {
        final long stop = givenStop(ALICE, 1, BUY, STOP, 0, 105, 20);
        engine.replaceOrder(ALICE, stop, 2, 0, 20, 100);
        assertEquals(List.of(new EngineEvent.OrderReplaced(stop, ALICE, 2, ACME, BUY, 0, 20, false, 100)), events());
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);

        buy(CAROL, 1, 100, 20);

        assertTrue(events().contains(triggered(stop, ALICE, 2, BUY, 100)));
    }

    @Test
    void shouldKeepAStopsPlaceWhenOnlyItsQuantityShrinks()
    {
        final long dave = givenStop(DAVE, 1, BUY, STOP, 0, 100, 30);
        final long erin = givenStop(ERIN, 1, BUY, STOP, 0, 100, 20);
        engine.replaceOrder(DAVE, dave, 2, 0, 20);
        assertEquals(List.of(new EngineEvent.OrderReplaced(dave, DAVE, 2, ACME, BUY, 0, 20, true, 100)), events());

        assertEquals(List.of(dave, erin), triggeredOrderIds());
    }

    @Test
    void shouldSendAStopToTheBackOfItsStopPriceWhenItGrows()
    {
        final long dave = givenStop(DAVE, 1, BUY, STOP, 0, 100, 20);
        final long erin = givenStop(ERIN, 1, BUY, STOP, 0, 100, 20);
        engine.replaceOrder(DAVE, dave, 2, 0, 30);
        assertEquals(List.of(new EngineEvent.OrderReplaced(dave, DAVE, 2, ACME, BUY, 0, 30, false, 100)), events());

        assertEquals(List.of(erin, dave), triggeredOrderIds());
    }

    @Test
    void shouldCancelWaitingStopsWithTheKillSwitch()
    {
        final long stop = givenStop(ALICE, 1, BUY, STOP, 0, 100, 20);

        engine.killAccount(ALICE);

        assertEquals(List.of(
            cancelled(stop, ALICE, 1, BUY, 20, KILL_SWITCH),
            new EngineEvent.KillSwitch(ALICE, true, 1)), events());
    }

    @Test
    void shouldCancelATriggeredStopLimitOrderThatTheCollarRefusesThen()
    {
        givenAsk(BOB, 1, 100, 20);
        buy(DAVE, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);
        final long stop = givenStop(ALICE, 1, BUY, STOP_LIMIT, 120, 105, 20);
        engine.setPriceCollar(ACME, 2);
        events();

        buy(CAROL, 1, 105, 20);

        assertEquals(List.of(
            accepted(id(5, 2), CAROL, 1, BUY, 105, 20),
            trade(2, BUY, 105, 20, id(5, 2), CAROL, 1, 0, id(3, 1), BOB, 2, 0),
            askLevel(105, 0, 0),
            triggered(stop, ALICE, 1, BUY, 105),
            cancelled(stop, ALICE, 1, BUY, 20, OUTSIDE_COLLAR)), events(), "120 is 15 from the new reference, 105");
    }

    @Test
    void shouldApplyATriggeredStopsFillOrKill()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);
        stop(ALICE, 1, BUY, STOP, FOK, 0, 100, 40);
        final long stop = acceptedId(listener.drain());

        buy(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(4, 3), CAROL, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(4, 3), CAROL, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            triggered(stop, ALICE, 1, BUY, 100),
            cancelled(stop, ALICE, 1, BUY, 40, FOK_NOT_FILLABLE)), events(), "20 left at 105 of the 40");
    }

    @Test
    void shouldCountAWaitingStopInTheRiskExposureAtItsLimitOrStopPrice()
    {
        givenStop(ALICE, 1, BUY, STOP, 0, 100, 20);
        givenStop(ALICE, 2, BUY, STOP_LIMIT, 90, 110, 30);

        assertEquals(2, engine.openOrderCount(ALICE));
        assertEquals(100 * 20 + 90 * 30, engine.openNotional(ALICE));
    }

    @Test
    void shouldCancelWaitingStopsOutsideANewBand()
    {
        final long stop = givenStop(ALICE, 1, BUY, STOP, 0, 400, 20);
        final long stopLimit = givenStop(ALICE, 2, BUY, STOP_LIMIT, 400, 200, 20);
        givenStop(ALICE, 3, BUY, STOP_LIMIT, 250, 200, 20);

        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, 300);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(
                ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, 300),
            cancelled(stopLimit, ALICE, 2, BUY, 20, OUTSIDE_BAND),
            cancelled(stop, ALICE, 1, BUY, 20, OUTSIDE_BAND)), events());
    }

    @Test
    void shouldRefuseATickChangeWhileAStopWaits()
    {
        givenStop(ALICE, 1, BUY, STOP, 0, 100, 20);

        engine.defineInstrument(ACME, ACME_SYMBOL, 10, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(instrumentRejected(ACME, RejectReason.INSTRUMENT_BOOK_NOT_EMPTY)), events());
    }

    @Test
    void shouldFoldWaitingStopsIntoTheDigestAndKeepThemAcrossASavedState() throws IOException
    {
        final long stop = givenStop(ALICE, 1, BUY, STOP_LIMIT, 110, 105, 20);
        final long before = engine.digest();
        engine.replaceOrder(ALICE, stop, 1, 110, 20, 100);
        events();
        assertNotEquals(before, engine.digest(), "only the stop price changed");
        givenAsk(BOB, 1, 100, 20);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.saveState(new DataOutputStream(bytes));
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        loaded.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(engine.digest(), loaded.digest());
        assertEquals(1, loaded.openOrderCount(ALICE));
        buy(CAROL, 1, 100, 20);
        loaded.newOrder(CAROL, 1, ACME, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);
        final List<EngineEvent> triggering = events();
        assertEquals(triggering, loadedEvents.drain());
        assertTrue(triggering.contains(triggered(stop, ALICE, 1, BUY, 100)));
        assertEquals(engine.digest(), loaded.digest());
    }

    /**
     * @return the ids of the waiting buy stops at 100 in the order a trade at 100 triggers them: asks for them to buy
     * rest at 110, so each enters and fills.
     */
    private List<Long> triggeredOrderIds()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 110, 100);
        buy(CAROL, 1, 100, 20);
        return events().stream()
            .filter(event -> event instanceof EngineEvent.StopTriggered)
            .map(event -> ((EngineEvent.StopTriggered)event).orderId())
            .toList();
    }

    private void stop(
        final long account,
        final long clientOrderId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long quantity)
    {
        engine.newOrder(
            account, MatchingEngine.NO_SESSION, clientOrderId, ACME, side, type, timeInForce, price, quantity, 0,
            stopPrice, false, CANCEL_TAKER);
    }

    private long givenStop(
        final long account,
        final long clientOrderId,
        final Side side,
        final OrderType type,
        final long price,
        final long stopPrice,
        final long quantity)
    {
        stop(account, clientOrderId, side, type, GTC, price, stopPrice, quantity);
        return acceptedId(listener.drain());
    }

    private static EngineEvent stopAccepted(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final OrderType type,
        final long price,
        final long stopPrice,
        final long quantity)
    {
        return new EngineEvent.OrderAccepted(
            orderId, account, clientOrderId, ACME, side, type, GTC, price, quantity, 0, stopPrice);
    }

    private static EngineEvent triggered(
        final long orderId, final long account, final long clientOrderId, final Side side, final long stopPrice)
    {
        return new EngineEvent.StopTriggered(orderId, account, clientOrderId, ACME, side, stopPrice);
    }
}
