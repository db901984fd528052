package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.RejectReason.ACCOUNT_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.ORDER_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.POST_ONLY_WOULD_CROSS;
import static io.matchpoint.engine.match.RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.PRICE_OFF_TICK;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Full account table, order pool or level pool: a clean reject, checked before anything trades.
 */
class CapacityScenarioTest extends ScenarioFixture
{
    @Test
    void shouldRejectNewAccountWhenAccountTableFull()
    {
        start(config().maxAccounts(2));
        givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);

        buy(CAROL, 1, 100, 20);

        assertEquals(List.of(rejected(CAROL, 1, ACCOUNT_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldAcceptKnownAccountWhenAccountTableFull()
    {
        start(config().maxAccounts(2));
        givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);

        buy(ALICE, 2, 95, 20);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 2, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldNotRegisterAccountWhoseOrderFailedPriceCheck()
    {
        start(config().maxAccounts(1));

        buy(CAROL, 1, 102, 20);
        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            rejected(CAROL, 1, PRICE_OFF_TICK),
            accepted(id(1, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
        assertEquals(1, engine.accountCount());
    }

    @Test
    void shouldRegisterAccountWhoseOrderFailedLaterCheck()
    {
        start(config().maxAccounts(2));
        givenAsk(ALICE, 1, 100, 20);
        buyPostOnly(BOB, 1, 100, 20);

        buy(CAROL, 1, 95, 20);

        assertEquals(List.of(
            rejected(BOB, 1, POST_ONLY_WOULD_CROSS),
            rejected(CAROL, 1, ACCOUNT_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldRegisterAccountWhoseOrderNeverRested()
    {
        start(config().maxAccounts(1));
        buyIoc(ALICE, 1, 100, 20);
        events();

        buy(BOB, 1, 100, 20);

        assertEquals(List.of(rejected(BOB, 1, ACCOUNT_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldRejectOrderThatMayRestWhenOrderPoolFull()
    {
        start(config().maxOrders(2));
        givenBid(ALICE, 1, 100, 20);
        givenBid(ALICE, 2, 95, 20);

        buy(BOB, 1, 100, 20);

        assertEquals(List.of(rejected(BOB, 1, ORDER_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldRejectGtcOrderThatWouldFillInFullWhenOrderPoolFull()
    {
        start(config().maxOrders(2));
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);
        final List<BookEntry> bookBefore = book();

        buy(BOB, 1, 100, 20);

        assertEquals(List.of(rejected(BOB, 1, ORDER_CAPACITY_EXHAUSTED)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldTradeIocWhenOrderPoolFull()
    {
        start(config().maxOrders(2));
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);

        buyIoc(BOB, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(3), BOB, 1, BUY, LIMIT, IOC, 100, 30),
            trade(1, BUY, 100, 20, noSlotId(3), BOB, 1, 10, id(1, 0), ALICE, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(3), BOB, 1, BUY, 10, NO_LIQUIDITY)), events());
    }

    @Test
    void shouldAcceptRestingOrderOnceOrderPoolHasRoom()
    {
        start(config().maxOrders(1));
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, alice);
        events();

        buy(BOB, 1, 95, 20);

        assertEquals(List.of(
            accepted(id(2, 0), BOB, 1, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldRejectOrderNeedingNewLevelWhenLevelPoolFull()
    {
        start(config().maxPriceLevels(2));
        givenBid(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);

        buy(BOB, 1, 95, 20);

        assertEquals(List.of(rejected(BOB, 1, PRICE_LEVEL_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldAcceptOrderJoiningExistingLevelWhenLevelPoolFull()
    {
        start(config().maxPriceLevels(2));
        givenBid(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);

        buy(BOB, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(3, 2), BOB, 1, BUY, 100, 30),
            bidLevel(100, 50, 2)), events());
    }

    @Test
    void shouldRejectGtcOrderThatWouldFillInFullWhenLevelPoolFull()
    {
        start(config().maxPriceLevels(2));
        givenBid(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);
        final List<BookEntry> bookBefore = book();

        buy(BOB, 1, 105, 20);

        assertEquals(List.of(rejected(BOB, 1, PRICE_LEVEL_CAPACITY_EXHAUSTED)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldCheckOrderPoolBeforeLevelPool()
    {
        start(config().maxOrders(2).maxPriceLevels(2));
        givenBid(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 105, 20);

        buy(BOB, 1, 95, 20);

        assertEquals(List.of(rejected(BOB, 1, ORDER_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldCheckPostOnlyCrossBeforeOrderPool()
    {
        start(config().maxOrders(1));
        givenAsk(ALICE, 1, 100, 20);

        buyPostOnly(BOB, 1, 100, 20);

        assertEquals(List.of(rejected(BOB, 1, POST_ONLY_WOULD_CROSS)), events());
    }

    @Test
    void shouldRejectReplaceToNewLevelWhenLevelPoolFullAndOrderNotAlone()
    {
        start(config().maxPriceLevels(2));
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 95, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, PRICE_LEVEL_CAPACITY_EXHAUSTED)), events());
    }

    @Test
    void shouldAllowReplaceToNewLevelWhenOrderAloneOnOldLevel()
    {
        start(config().maxPriceLevels(2));
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 95, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 95, 20, false),
            bidLevel(100, 0, 0),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldAllowReplaceJoiningExistingLevelWhenLevelPoolFull()
    {
        start(config().maxPriceLevels(2));
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);
        givenBid(CAROL, 1, 95, 20);

        engine.replaceOrder(ALICE, alice, 1, 95, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 95, 20, false),
            bidLevel(100, 20, 1),
            bidLevel(95, 40, 2)), events());
    }

    @Test
    void shouldAllowQuantityIncreaseWhenLevelPoolFull()
    {
        start(config().maxPriceLevels(2));
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, 30);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 100, 30, false),
            bidLevel(100, 20, 1),
            bidLevel(100, 50, 2)), events());
    }

    @Test
    void shouldAllowReplaceWhenOrderPoolFull()
    {
        start(config().maxOrders(2));
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 105, 20);

        engine.replaceOrder(ALICE, alice, 1, 95, 20);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, BUY, 95, 20, false),
            bidLevel(100, 0, 0),
            bidLevel(95, 20, 1)), events());
    }
}
