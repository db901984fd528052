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
import static io.matchpoint.engine.match.CancelReason.MASS_CANCEL;
import static io.matchpoint.engine.match.CancelReason.SELF_TRADE;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.RejectReason.INVALID_DISPLAY_QUANTITY;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_MAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.DECREMENT_AND_CANCEL;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Iceberg orders: only a slice shows, a slice that trades away is refilled at the back of its level, and everything
 * but the level sees the whole order ({@code MATCHING-RULES.md}, "Iceberg orders").
 */
class IcebergScenarioTest extends ScenarioFixture
{
    @Test
    void shouldRestShowingOnlyTheFirstSlice()
    {
        sellIceberg(ALICE, 1, 100, 100, 30);

        assertEquals(List.of(
            icebergAccepted(id(1, 0), ALICE, 1, SELL, 100, 100, 30),
            askLevel(100, 30, 1)), events());
        assertEquals(List.of(
            asks(100, 30, 1),
            ask(100, id(1, 0), ALICE, 1, 30)), book());
    }

    @Test
    void shouldRefillAtTheBackOfTheLevelWhenItsSliceTradesAway()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);
        final long bob = givenAsk(BOB, 1, 100, 20);

        buy(CAROL, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(3, 2), CAROL, 1, BUY, 100, 30),
            trade(1, BUY, 100, 30, id(3, 2), CAROL, 1, 0, iceberg, ALICE, 1, 70),
            refilled(iceberg, ALICE, 1, SELL, 100, 30, 40),
            askLevel(100, 50, 2)), events());
        assertEquals(List.of(
            asks(100, 50, 2),
            ask(100, bob, BOB, 1, 20),
            ask(100, iceberg, ALICE, 1, 30)), book());
    }

    @Test
    void shouldMeetTheNewSliceAfterTheOrdersThatWereBehindTheOldOne()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);
        final long bob = givenAsk(BOB, 1, 100, 20);

        buy(CAROL, 1, 100, 60);

        assertEquals(List.of(
            accepted(id(3, 2), CAROL, 1, BUY, 100, 60),
            trade(1, BUY, 100, 30, id(3, 2), CAROL, 1, 30, iceberg, ALICE, 1, 70),
            refilled(iceberg, ALICE, 1, SELL, 100, 30, 40),
            askLevel(100, 50, 2),
            trade(2, BUY, 100, 20, id(3, 2), CAROL, 1, 10, bob, BOB, 1, 0),
            askLevel(100, 30, 1),
            trade(3, BUY, 100, 10, id(3, 2), CAROL, 1, 0, iceberg, ALICE, 1, 60),
            askLevel(100, 20, 1)), events());
    }

    @Test
    void shouldShowALastSliceSmallerThanTheDisplayAndLeaveWhenItTrades()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 50, 20);

        buyIoc(BOB, 1, 100, 60);

        assertEquals(List.of(
            accepted(noSlotId(2), BOB, 1, BUY, LIMIT, IOC, 100, 60),
            trade(1, BUY, 100, 20, noSlotId(2), BOB, 1, 40, iceberg, ALICE, 1, 30),
            refilled(iceberg, ALICE, 1, SELL, 100, 20, 10),
            askLevel(100, 20, 1),
            trade(2, BUY, 100, 20, noSlotId(2), BOB, 1, 20, iceberg, ALICE, 1, 10),
            refilled(iceberg, ALICE, 1, SELL, 100, 10, 0),
            askLevel(100, 10, 1),
            trade(3, BUY, 100, 10, noSlotId(2), BOB, 1, 10, iceberg, ALICE, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(2), BOB, 1, BUY, 10, CancelReason.NO_LIQUIDITY)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldTradeAnIncomingIcebergsWholeQuantityAndRestTheRestAsSlices()
    {
        final long bob = givenAsk(BOB, 1, 100, 50);

        buyIceberg(ALICE, 1, 100, 100, 20);

        assertEquals(List.of(
            icebergAccepted(id(2, 1), ALICE, 1, BUY, 100, 100, 20),
            trade(1, BUY, 100, 50, id(2, 1), ALICE, 1, 50, bob, BOB, 1, 0),
            askLevel(100, 0, 0),
            bidLevel(100, 20, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, id(2, 1), ALICE, 1, 20)), book());
    }

    @Test
    void shouldCountOtherAccountsHiddenQuantityAtALevelInTheFokCheck()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 40, 20);
        final long carol = givenAsk(CAROL, 1, 105, 30);

        buyFok(BOB, 1, 105, 60);

        assertEquals(List.of(
            accepted(noSlotId(3), BOB, 1, BUY, LIMIT, FOK, 105, 60),
            trade(1, BUY, 100, 20, noSlotId(3), BOB, 1, 40, iceberg, ALICE, 1, 20),
            refilled(iceberg, ALICE, 1, SELL, 100, 20, 0),
            askLevel(100, 20, 1),
            trade(2, BUY, 100, 20, noSlotId(3), BOB, 1, 20, iceberg, ALICE, 1, 0),
            askLevel(100, 0, 0),
            trade(3, BUY, 105, 20, noSlotId(3), BOB, 1, 0, carol, CAROL, 1, 10),
            askLevel(105, 10, 1)), events());
    }

    @Test
    void shouldNotCountItsOwnIcebergsHiddenQuantityInTheFokCheck()
    {
        givenIcebergAsk(ALICE, 1, 100, 100, 20);
        givenAsk(BOB, 1, 100, 20);

        buyFok(ALICE, 2, 100, 40, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, FOK, 100, 40),
            cancelled(noSlotId(3), ALICE, 2, BUY, 40, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldRejectADisplayQuantityThatIsNegativeOffLotOrOnAnOrderThatNeverRests()
    {
        sellIceberg(ALICE, 1, 100, 100, -10);
        sellIceberg(ALICE, 2, 100, 100, 15);
        engine.newOrder(ALICE, 0, 3, ACME, SELL, LIMIT, IOC, 100, 100, 20, false, CANCEL_TAKER);
        engine.newOrder(ALICE, 0, 4, ACME, SELL, LIMIT, FOK, 100, 100, 20, false, CANCEL_TAKER);
        engine.newOrder(ALICE, 0, 5, ACME, SELL, MARKET, IOC, 0, 100, 20, false, CANCEL_TAKER);

        assertEquals(List.of(
            rejected(ALICE, 1, INVALID_DISPLAY_QUANTITY),
            rejected(ALICE, 2, INVALID_DISPLAY_QUANTITY),
            rejected(ALICE, 3, INVALID_DISPLAY_QUANTITY),
            rejected(ALICE, 4, INVALID_DISPLAY_QUANTITY),
            rejected(ALICE, 5, INVALID_DISPLAY_QUANTITY)), events());
    }

    @Test
    void shouldCheckTheDisplayQuantityAfterTheLotAndBeforeThePrice()
    {
        sellIceberg(ALICE, 1, 100, 105, -10);
        sellIceberg(ALICE, 2, 101, 100, -10);

        assertEquals(List.of(
            rejected(ALICE, 1, RejectReason.QUANTITY_OFF_LOT),
            rejected(ALICE, 2, INVALID_DISPLAY_QUANTITY)), events());
    }

    @Test
    void shouldShowEverythingWhenTheDisplayQuantityIsAtLeastTheQuantity()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 40, 50);

        buy(BOB, 1, 100, 40);

        assertEquals(List.of(
            accepted(id(2, 1), BOB, 1, BUY, 100, 40),
            trade(1, BUY, 100, 40, id(2, 1), BOB, 1, 0, iceberg, ALICE, 1, 0),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldCancelTheWholeIceberg()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);

        engine.cancelOrder(ALICE, iceberg);

        assertEquals(List.of(
            cancelled(iceberg, ALICE, 1, SELL, 100, CLIENT_REQUEST),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldMassCancelTheWholeIceberg()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);

        engine.massCancel(ALICE, ACME);

        assertEquals(List.of(
            cancelled(iceberg, ALICE, 1, SELL, 100, MASS_CANCEL),
            askLevel(100, 0, 0),
            massCancelled(ALICE, ACME, 1)), events());
    }

    @Test
    void shouldGiveUpHiddenQuantityFirstWhenAReplaceKeepsPriority()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);
        final long bob = givenAsk(BOB, 1, 100, 20);

        engine.replaceOrder(ALICE, iceberg, 2, 100, 80);
        final List<EngineEvent> hiddenOnly = events();
        engine.replaceOrder(ALICE, iceberg, 3, 100, 20);

        assertEquals(List.of(replaced(iceberg, ALICE, 2, SELL, 100, 80, true)), hiddenOnly);
        assertEquals(List.of(
            replaced(iceberg, ALICE, 3, SELL, 100, 20, true),
            askLevel(100, 40, 2)), events());
        assertEquals(List.of(
            asks(100, 40, 2),
            ask(100, iceberg, ALICE, 3, 20),
            ask(100, bob, BOB, 1, 20)), book());
    }

    @Test
    void shouldRestAReplacedIcebergThatLostPriorityAsSlicesAgain()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);

        engine.replaceOrder(ALICE, iceberg, 2, 105, 120);

        assertEquals(List.of(
            replaced(iceberg, ALICE, 2, SELL, 105, 120, false),
            askLevel(100, 0, 0),
            askLevel(105, 30, 1)), events());
        assertEquals(List.of(
            asks(105, 30, 1),
            ask(105, iceberg, ALICE, 2, 30)), book());
    }

    @Test
    void shouldDecrementAnIcebergMakersHiddenQuantityFirst()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);

        buy(ALICE, 2, 100, 50, DECREMENT_AND_CANCEL);
        final List<EngineEvent> hiddenOnly = events();
        buy(ALICE, 3, 100, 40, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 50),
            reduced(iceberg, ALICE, 1, SELL, 50, 50),
            cancelled(id(2, 1), ALICE, 2, BUY, 50, SELF_TRADE)), hiddenOnly);
        assertEquals(List.of(
            accepted(id(3, 1), ALICE, 3, BUY, 100, 40),
            reduced(iceberg, ALICE, 1, SELL, 40, 10),
            askLevel(100, 10, 1),
            cancelled(id(3, 1), ALICE, 3, BUY, 40, SELF_TRADE)), events());
    }

    @Test
    void shouldCancelTheWholeIcebergMakerOnASelfTrade()
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);

        buy(ALICE, 2, 100, 20, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 20),
            cancelled(iceberg, ALICE, 1, SELL, 100, SELF_TRADE),
            askLevel(100, 0, 0),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldCountTheWholeIcebergInTheRiskExposure()
    {
        givenIcebergAsk(ALICE, 1, 100, 100, 30);
        engine.setRiskLimits(ALICE, MatchingEngine.NO_LIMIT, MatchingEngine.NO_LIMIT, MatchingEngine.NO_LIMIT,
            MatchingEngine.NO_LIMIT, MatchingEngine.NO_LIMIT, 200);
        assertEquals(100 * 100, engine.openNotional(ALICE));
        sell(ALICE, 2, 100, 60);
        buy(BOB, 1, 100, 30);
        events();

        assertEquals((70 + 60) * 100, engine.openNotional(ALICE), "the refilled iceberg's whole leaves count");
        assertEquals(-30, engine.netPosition(ALICE, ACME));
        sell(ALICE, 3, 105, 60);
        assertEquals(List.of(rejected(ALICE, 3, RejectReason.POSITION_LIMIT)), events(),
            "30 short and 130 open, hidden part included: 60 more would reach 220");
    }

    @Test
    void shouldFoldTheHiddenPartIntoTheDigestAndKeepItAcrossASavedState() throws IOException
    {
        final long iceberg = givenIcebergAsk(ALICE, 1, 100, 100, 30);
        buy(BOB, 1, 100, 40);
        events();
        final long before = engine.digest();
        engine.replaceOrder(ALICE, iceberg, 1, 100, 50);
        assertEquals(List.of(replaced(iceberg, ALICE, 1, SELL, 100, 50, true)), events());
        assertNotEquals(before, engine.digest(), "only the hidden part changed, 40 to 30");

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.saveState(new DataOutputStream(bytes));
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        loaded.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(engine.digest(), loaded.digest());
        buy(CAROL, 1, 100, 50);
        loaded.newOrder(CAROL, 1, ACME, BUY, LIMIT, GTC, 100, 50, false, CANCEL_TAKER);
        final List<EngineEvent> sweep = events();
        assertEquals(sweep, loadedEvents.drain());
        assertEquals(List.of(
            accepted(id(3, 1), CAROL, 1, BUY, 100, 50),
            trade(3, BUY, 100, 20, id(3, 1), CAROL, 1, 30, iceberg, ALICE, 1, 30),
            refilled(iceberg, ALICE, 1, SELL, 100, 30, 0),
            askLevel(100, 30, 1),
            trade(4, BUY, 100, 30, id(3, 1), CAROL, 1, 0, iceberg, ALICE, 1, 0),
            askLevel(100, 0, 0)), sweep);
        assertEquals(engine.digest(), loaded.digest());
    }

    private void sellIceberg(
        final long account, final long clientOrderId, final long price, final long quantity, final long display)
    {
        engine.newOrder(
            account, MatchingEngine.NO_SESSION, clientOrderId, ACME, SELL, LIMIT, GTC, price, quantity, display, false,
            CANCEL_TAKER);
    }

    private void buyIceberg(
        final long account, final long clientOrderId, final long price, final long quantity, final long display)
    {
        engine.newOrder(
            account, MatchingEngine.NO_SESSION, clientOrderId, ACME, BUY, LIMIT, GTC, price, quantity, display, false,
            CANCEL_TAKER);
    }

    private long givenIcebergAsk(
        final long account, final long clientOrderId, final long price, final long quantity, final long display)
    {
        sellIceberg(account, clientOrderId, price, quantity, display);
        return acceptedId(listener.drain());
    }

    private static EngineEvent icebergAccepted(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity,
        final long display)
    {
        return new EngineEvent.OrderAccepted(
            orderId, account, clientOrderId, ACME, side, LIMIT, GTC, price, quantity, display);
    }

    private static EngineEvent refilled(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long shown,
        final long hidden)
    {
        return new EngineEvent.OrderRefilled(orderId, account, clientOrderId, ACME, side, price, shown, hidden);
    }
}
