package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.SELF_TRADE;
import static io.matchpoint.engine.match.RejectReason.DUPLICATE_CLIENT_ORDER_ID;
import static io.matchpoint.engine.match.RejectReason.POST_ONLY_WOULD_CROSS;
import static io.matchpoint.engine.match.RejectReason.PRICE_OFF_TICK;
import static io.matchpoint.engine.match.RejectReason.PRICE_OUTSIDE_BAND;
import static io.matchpoint.engine.match.RejectReason.QUANTITY_OFF_LOT;
import static io.matchpoint.engine.match.RejectReason.QUANTITY_OUT_OF_RANGE;
import static io.matchpoint.engine.match.RejectReason.UNKNOWN_ORDER;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_MAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replace sets a resting order's price, open quantity and client order id. Same price and no more quantity keeps
 * time priority; anything else takes the order out and brings it back as a taker.
 */
class ReplaceScenarioTest extends ScenarioFixture
{
    @Test
    void shouldKeepPriorityWhenQuantityReduced()
    {
        final long alice = givenBid(ALICE, 1, 100, 50);
        final long bob = givenBid(BOB, 1, 100, 30);

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 100, 20, true),
            bidLevel(100, 50, 2)), events());
        assertEquals(List.of(
            bids(100, 50, 2),
            bid(100, alice, ALICE, 1, 20),
            bid(100, bob, BOB, 1, 30)), book());
    }

    @Test
    void shouldKeepPriorityWithoutLevelChangeWhenOnlyClientOrderIdChanges()
    {
        final long alice = givenBid(ALICE, 1, 100, 50);
        final long bob = givenBid(BOB, 1, 100, 30);

        engine.replaceOrder(ALICE, alice, 9, 100, 50);

        assertEquals(List.of(replaced(alice, ALICE, 9, BUY, 100, 50, true)), events());
        assertEquals(List.of(
            bids(100, 80, 2),
            bid(100, alice, ALICE, 9, 50),
            bid(100, bob, BOB, 1, 30)), book());
    }

    @Test
    void shouldAcknowledgeReplaceThatChangesNothing()
    {
        final long alice = givenBid(ALICE, 1, 100, 50);

        engine.replaceOrder(ALICE, alice, 1, 100, 50);

        assertEquals(List.of(replaced(alice, ALICE, 1, BUY, 100, 50, true)), events());
        assertEquals(List.of(
            bids(100, 50, 1),
            bid(100, alice, ALICE, 1, 50)), book());
    }

    @Test
    void shouldLosePriorityWhenQuantityIncreased()
    {
        final long alice = givenBid(ALICE, 1, 100, 50);
        final long bob = givenBid(BOB, 1, 100, 30);

        engine.replaceOrder(ALICE, alice, 1, 100, 60);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 100, 60, false),
            bidLevel(100, 30, 1),
            bidLevel(100, 90, 2)), events());
        assertEquals(List.of(
            bids(100, 90, 2),
            bid(100, bob, BOB, 1, 30),
            bid(100, alice, ALICE, 1, 60)), book());
    }

    @Test
    void shouldLosePriorityWhenPriceChanged()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        final long bob = givenAsk(BOB, 1, 105, 30);

        engine.replaceOrder(ALICE, alice, 1, 105, 50);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 105, 50, false),
            askLevel(100, 0, 0),
            askLevel(105, 80, 2)), events());
        assertEquals(List.of(
            asks(105, 80, 2),
            ask(105, bob, BOB, 1, 30),
            ask(105, alice, ALICE, 1, 50)), book());
    }

    @Test
    void shouldLosePriorityWhenPriceChangedEvenIfQuantityReduced()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        final long bob = givenAsk(BOB, 1, 105, 30);

        engine.replaceOrder(ALICE, alice, 1, 105, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 105, 20, false),
            askLevel(100, 0, 0),
            askLevel(105, 50, 2)), events());
        assertEquals(List.of(
            asks(105, 50, 2),
            ask(105, bob, BOB, 1, 30),
            ask(105, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldSetOpenQuantityNotTotalAfterPartialFill()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        buy(BOB, 1, 100, 20);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 100, 20, true),
            askLevel(100, 20, 1)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            ask(100, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldKeepPriorityWhenNewQuantityEqualsLeavesOfPartiallyFilledOrder()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        final long carol = givenAsk(CAROL, 1, 100, 20);
        buy(BOB, 1, 100, 20);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 30);

        assertEquals(List.of(replaced(alice, ALICE, 1, SELL, 100, 30, true)), events());
        assertEquals(List.of(
            asks(100, 50, 2),
            ask(100, alice, ALICE, 1, 30),
            ask(100, carol, CAROL, 1, 20)), book());
    }

    @Test
    void shouldLosePriorityWhenNewQuantityExceedsLeavesOfPartiallyFilledOrder()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        final long carol = givenAsk(CAROL, 1, 100, 20);
        buy(BOB, 1, 100, 20);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 40);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 100, 40, false),
            askLevel(100, 20, 1),
            askLevel(100, 60, 2)), events());
        assertEquals(List.of(
            asks(100, 60, 2),
            ask(100, carol, CAROL, 1, 20),
            ask(100, alice, ALICE, 1, 40)), book());
    }

    @Test
    void shouldTradeAsTakerWhenReplaceCrosses()
    {
        final long alice = givenBid(ALICE, 1, 100, 30);
        final long bob = givenAsk(BOB, 1, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 105, 30);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 105, 30, false),
            bidLevel(100, 0, 0),
            trade(1, BUY, 105, 20, alice, ALICE, 1, 10, bob, BOB, 1, 0),
            askLevel(105, 0, 0),
            bidLevel(105, 10, 1)), events());
        assertEquals(List.of(
            bids(105, 10, 1),
            bid(105, alice, ALICE, 1, 10)), book());
    }

    @Test
    void shouldTradeReplacedSellAtMakersPrice()
    {
        final long bob = givenBid(BOB, 1, 110, 20);
        final long alice = givenAsk(ALICE, 1, 120, 20);

        engine.replaceOrder(ALICE, alice, 2, 100, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 2, SELL, 100, 20, false),
            askLevel(120, 0, 0),
            trade(1, SELL, 110, 20, alice, ALICE, 2, 0, bob, BOB, 1, 0),
            bidLevel(110, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldTreatOrderFilledByReplaceAsDead()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 105, 30);
        engine.replaceOrder(ALICE, alice, 1, 105, 20);
        events();

        engine.cancelOrder(ALICE, alice);
        engine.cancelOrderByClientId(ALICE, 1);

        assertEquals(List.of(
            cancelRejected(ALICE, alice, NULL_ID),
            cancelRejected(ALICE, NULL_ID, 1)), events());
    }

    @Test
    void shouldApplyReplacedOrdersSelfTradeModeWhenItCrosses()
    {
        final long bid = givenBid(ALICE, 1, 100, 20, CANCEL_TAKER);
        final long ask = givenAsk(ALICE, 2, 105, 20, CANCEL_TAKER);

        engine.replaceOrder(ALICE, bid, 1, 105, 20);

        assertEquals(List.of(
            replaced(bid, ALICE, 1, BUY, 105, 20, false),
            bidLevel(100, 0, 0),
            cancelled(bid, ALICE, 1, BUY, 20, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(105, 20, 1),
            ask(105, ask, ALICE, 2, 20)), book());
    }

    @Test
    void shouldApplyReplacedOrdersCancelMakerModeWhenItCrosses()
    {
        final long bid = givenBid(ALICE, 1, 100, 20, CANCEL_MAKER);
        final long ask = givenAsk(ALICE, 2, 105, 20, CANCEL_TAKER);

        engine.replaceOrder(ALICE, bid, 1, 105, 20);

        assertEquals(List.of(
            replaced(bid, ALICE, 1, BUY, 105, 20, false),
            bidLevel(100, 0, 0),
            cancelled(ask, ALICE, 2, SELL, 20, SELF_TRADE),
            askLevel(105, 0, 0),
            bidLevel(105, 20, 1)), events());
        assertEquals(List.of(
            bids(105, 20, 1),
            new Resting(BUY, 105, bid, ALICE, 1, 20, CANCEL_MAKER, false)), book());
    }

    @Test
    void shouldRejectReplaceOfUnknownOrder()
    {
        givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, 99, 5, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, 99, 5, UNKNOWN_ORDER)), events());
    }

    @Test
    void shouldRejectReplaceOfAnotherAccountsOrder()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(BOB, alice, 1, 100, 30);

        assertEquals(List.of(replaceRejected(BOB, alice, 1, UNKNOWN_ORDER)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldRejectReplaceOfFilledOrder()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        sell(BOB, 1, 100, 20);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, UNKNOWN_ORDER)), events());
    }

    @Test
    void shouldRejectReplaceOfCancelledOrder()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, alice);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, UNKNOWN_ORDER)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldRejectReplaceToClientOrderIdOfAnotherRestingOrder()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        givenBid(ALICE, 2, 95, 20);

        engine.replaceOrder(ALICE, first, 2, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, first, 2, DUPLICATE_CLIENT_ORDER_ID)), events());
    }

    @Test
    void shouldAllowReplaceToClientOrderIdOfDeadOrder()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        final long second = givenBid(ALICE, 2, 95, 20);
        engine.cancelOrder(ALICE, second);
        events();

        engine.replaceOrder(ALICE, first, 2, 100, 20);

        assertEquals(List.of(replaced(first, ALICE, 2, BUY, 100, 20, true)), events());
    }

    @Test
    void shouldAllowReplaceToClientOrderIdUsedByAnotherAccount()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 2, 95, 20);

        engine.replaceOrder(ALICE, alice, 2, 100, 20);

        assertEquals(List.of(replaced(alice, ALICE, 2, BUY, 100, 20, true)), events());
    }

    @Test
    void shouldFreeOldClientOrderIdAfterReplace()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.replaceOrder(ALICE, alice, 5, 100, 20);
        events();

        buy(ALICE, 1, 95, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldCancelByNewClientOrderIdAfterReplace()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.replaceOrder(ALICE, alice, 5, 100, 20);
        events();

        engine.cancelOrderByClientId(ALICE, 5);

        assertEquals(List.of(
            cancelled(alice, ALICE, 5, BUY, 20, CLIENT_REQUEST),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldRejectReplaceQuantityBelowMinimum()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, MIN_QUANTITY - LOT);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectReplaceToZeroQuantity()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, 0);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectReplaceQuantityAboveMaximum()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, MAX_QUANTITY + LOT);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldRejectReplaceQuantityOffLot()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, 25);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldRejectReplacePriceOffTick()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 102, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldRejectReplacePriceOutsideBand()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, HIGH_PRICE + TICK, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldCheckReplaceQuantityBeforePrice()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 102, 25);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OFF_LOT)), events());
    }

    @Test
    void shouldCheckReplacePriceBeforeDuplicateClientOrderId()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        givenBid(ALICE, 2, 95, 20);

        engine.replaceOrder(ALICE, first, 2, LOW_PRICE - TICK, 20);

        assertEquals(List.of(replaceRejected(ALICE, first, 2, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldLeaveBookUntouchedWhenReplaceRejected()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        final List<BookEntry> bookBefore = book();

        engine.replaceOrder(ALICE, alice, 1, 100, 25);
        events();

        assertEquals(bookBefore, book());
    }

    @Test
    void shouldRejectPostOnlyReplaceThatWouldCross()
    {
        buyPostOnly(ALICE, 1, 100, 20);
        final long alice = acceptedId(events());
        givenAsk(BOB, 1, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 105, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, POST_ONLY_WOULD_CROSS)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            new Resting(BUY, 100, alice, ALICE, 1, 20, CANCEL_TAKER, true),
            asks(105, 20, 1),
            ask(105, id(2, 1), BOB, 1, 20)), book());
    }

    @Test
    void shouldRepricePostOnlyOrderThatDoesNotCross()
    {
        sellPostOnly(ALICE, 1, 110, 20);
        final long alice = acceptedId(events());
        givenBid(BOB, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 105, 30);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 105, 30, false),
            askLevel(110, 0, 0),
            askLevel(105, 30, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, id(2, 1), BOB, 1, 20),
            asks(105, 30, 1),
            new Resting(SELL, 105, alice, ALICE, 1, 30, CANCEL_TAKER, true)), book());
    }

    @Test
    void shouldCheckDuplicateClientOrderIdBeforePostOnlyCross()
    {
        buyPostOnly(ALICE, 1, 100, 20);
        final long alice = acceptedId(events());
        givenBid(ALICE, 2, 95, 20);
        givenAsk(BOB, 1, 105, 20);

        engine.replaceOrder(ALICE, alice, 2, 105, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 2, DUPLICATE_CLIENT_ORDER_ID)), events());
    }
}
