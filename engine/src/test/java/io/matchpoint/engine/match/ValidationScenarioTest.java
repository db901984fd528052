package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.FOK_NOT_FILLABLE;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.RejectReason.DUPLICATE_CLIENT_ORDER_ID;
import static io.matchpoint.engine.match.RejectReason.POST_ONLY_REQUIRES_GTC_LIMIT;
import static io.matchpoint.engine.match.RejectReason.POST_ONLY_WOULD_CROSS;
import static io.matchpoint.engine.match.RejectReason.PRICE_OFF_TICK;
import static io.matchpoint.engine.match.RejectReason.PRICE_OUTSIDE_BAND;
import static io.matchpoint.engine.match.RejectReason.QUANTITY_OFF_LOT;
import static io.matchpoint.engine.match.RejectReason.QUANTITY_OUT_OF_RANGE;
import static io.matchpoint.engine.match.RejectReason.UNKNOWN_INSTRUMENT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checks on a new order, each with its reject reason, and which check wins when several fail.
 */
class ValidationScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    @Test
    void shouldRejectOrderForUnknownInstrument()
    {
        engine.newOrder(ALICE, 1, 99, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);

        assertEquals(List.of(new EngineEvent.OrderRejected(ALICE, 1, 99, UNKNOWN_INSTRUMENT)), events());
    }

    @Test
    void shouldRejectPriceOffTick()
    {
        buy(ALICE, 1, 102, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldRejectPriceBelowBand()
    {
        buy(ALICE, 1, LOW_PRICE - TICK, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldRejectPriceAboveBand()
    {
        sell(ALICE, 1, HIGH_PRICE + TICK, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldAcceptPricesAtBandEdges()
    {
        buy(ALICE, 1, LOW_PRICE, 20);
        sell(ALICE, 2, HIGH_PRICE, 20);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, LOW_PRICE, 20),
            bidLevel(LOW_PRICE, 20, 1),
            accepted(id(2, 1), ALICE, 2, SELL, HIGH_PRICE, 20),
            askLevel(HIGH_PRICE, 20, 1)), events());
    }

    @Test
    void shouldRejectZeroQuantity()
    {
        buy(ALICE, 1, 100, 0);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectNegativeQuantity()
    {
        sell(ALICE, 1, 100, -20);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectQuantityBelowMinimum()
    {
        buy(ALICE, 1, 100, MIN_QUANTITY - LOT);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectQuantityAboveMaximum()
    {
        buy(ALICE, 1, 100, MAX_QUANTITY + LOT);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldAcceptQuantitiesAtLimits()
    {
        buy(ALICE, 1, 100, MIN_QUANTITY);
        buy(ALICE, 2, 95, MAX_QUANTITY);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, 100, MIN_QUANTITY),
            bidLevel(100, MIN_QUANTITY, 1),
            accepted(id(2, 1), ALICE, 2, BUY, 95, MAX_QUANTITY),
            bidLevel(95, MAX_QUANTITY, 1)), events());
    }

    @Test
    void shouldRejectQuantityOffLot()
    {
        buy(ALICE, 1, 100, 25);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldRejectMarketOrderQuantityOffLot()
    {
        buyMarket(ALICE, 1, IOC, 25);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldCheckQuantityRangeBeforeLot()
    {
        buy(ALICE, 1, 100, 5);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldCheckLotBeforePrice()
    {
        buy(ALICE, 1, 102, 25);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldCheckTickBeforeBand()
    {
        buy(ALICE, 1, HIGH_PRICE + 3, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldRejectPostOnlyIoc()
    {
        submit(ALICE, 1, BUY, LIMIT, IOC, 100, 20, true, CANCEL_TAKER);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_REQUIRES_GTC_LIMIT)), events());
    }

    @Test
    void shouldRejectPostOnlyFok()
    {
        submit(ALICE, 1, SELL, LIMIT, FOK, 100, 20, true, CANCEL_TAKER);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_REQUIRES_GTC_LIMIT)), events());
    }

    @Test
    void shouldRejectPostOnlyMarketOrder()
    {
        submit(ALICE, 1, BUY, MARKET, GTC, 0, 20, true, CANCEL_TAKER);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_REQUIRES_GTC_LIMIT)), events());
    }

    @Test
    void shouldCheckPostOnlyRequirementBeforeQuantity()
    {
        submit(ALICE, 1, BUY, LIMIT, IOC, 102, 0, true, CANCEL_TAKER);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_REQUIRES_GTC_LIMIT)), events());
    }

    @Test
    void shouldRejectDuplicateClientOrderIdOfRestingOrder()
    {
        givenBid(ALICE, 1, 100, 20);

        sell(ALICE, 1, 200, 20);

        assertEquals(List.of(rejected(ALICE, 1, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldRejectDuplicateClientOrderIdOfRestingOrderOnAnotherInstrument()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        engine.newOrder(ALICE, 1, BETA, BUY, LIMIT, GTC, 10, 5, false, CANCEL_TAKER);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(rejected(ALICE, 1, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldAllowSameClientOrderIdForDifferentAccounts()
    {
        givenBid(ALICE, 1, 100, 20);

        buy(BOB, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(2, 1), BOB, 1, BUY, 100, 30),
            bidLevel(100, 50, 2)), events());
    }

    @Test
    void shouldAllowClientOrderIdReuseAfterOrderFilled()
    {
        givenAsk(ALICE, 1, 100, 20);
        buy(BOB, 1, 100, 20);
        events();

        sell(ALICE, 1, 105, 20); // in Bob's slot 1, freed after Alice's slot 0 when his order filled

        assertEquals(List.of(
            accepted(id(3, 1), ALICE, 1, SELL, 105, 20),
            askLevel(105, 20, 1)), events());
    }

    @Test
    void shouldAllowClientOrderIdReuseAfterOrderCancelled()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, first);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldRejectIocReusingClientOrderIdOfRestingOrder()
    {
        givenBid(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 105, 20);

        buyIoc(ALICE, 1, 105, 20);

        assertEquals(List.of(rejected(ALICE, 1, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldRejectMarketOrderReusingClientOrderIdOfRestingOrder()
    {
        givenBid(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 105, 20);

        buyMarket(ALICE, 1, IOC, 20);

        assertEquals(List.of(rejected(ALICE, 1, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldNotOccupyClientOrderIdWithIoc()
    {
        buyIoc(ALICE, 1, 100, 20);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldNotOccupyClientOrderIdWithFok()
    {
        buyFok(ALICE, 1, 100, 20);

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(noSlotId(1), ALICE, 1, BUY, LIMIT, FOK, 100, 20),
            cancelled(noSlotId(1), ALICE, 1, BUY, 20, FOK_NOT_FILLABLE),
            accepted(id(2, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldNotOccupyClientOrderIdWithGtcOrderFilledOnArrival()
    {
        givenAsk(BOB, 1, 100, 20);
        buy(ALICE, 1, 100, 20);
        events();

        buy(ALICE, 1, 95, 20); // in slot 1, freed by the order filled on arrival

        assertEquals(List.of(
            accepted(id(3, 1), ALICE, 1, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldCheckPriceBeforeDuplicateClientOrderId()
    {
        givenBid(ALICE, 1, 100, 20);

        buy(ALICE, 1, 102, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldCheckDuplicateClientOrderIdBeforePostOnlyCross()
    {
        givenBid(ALICE, 1, 95, 20);
        givenAsk(BOB, 1, 100, 20);

        buyPostOnly(ALICE, 1, 100, 20);

        assertEquals(List.of(rejected(ALICE, 1, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldNotConsumeOrderIdOnReject()
    {
        buy(ALICE, 1, 102, 20);
        buy(ALICE, 2, 100, 25);
        events();

        buy(ALICE, 3, 100, 20);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 3, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldLeaveBookUntouchedOnReject()
    {
        givenBid(BOB, 1, 100, 20);
        final List<BookEntry> bookBefore = book();

        sell(ALICE, 1, 100, 25);
        events();

        assertEquals(bookBefore, book());
    }

    @Test
    void shouldRejectPostOnlyCrossOnlyAfterEveryOtherCheck()
    {
        givenAsk(BOB, 1, 100, 20);

        buyPostOnly(ALICE, 1, 100, 20);
        buyPostOnly(ALICE, 2, 100, 25);

        assertEquals(List.of(
            rejected(ALICE, 1, POST_ONLY_WOULD_CROSS),
            rejected(ALICE, 2, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldCancelRestingOrderAfterItsClientOrderIdWasRejectedAsDuplicate()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        buy(ALICE, 1, 95, 20);
        events();

        engine.cancelOrderByClientId(ALICE, 1);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 20, CLIENT_REQUEST),
            bidLevel(100, 0, 0)), events());
    }
}
