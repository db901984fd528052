package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cancel by order id or by client order id: only the owner's resting orders can be cancelled; anything else is an
 * unknown order.
 */
class CancelScenarioTest extends ScenarioFixture
{
    @Test
    void shouldCancelRestingOrderById()
    {
        final long orderId = givenBid(ALICE, 1, 100, 30);

        engine.cancelOrder(ALICE, orderId);

        assertEquals(List.of(
            cancelled(orderId, ALICE, 1, BUY, 30, CLIENT_REQUEST),
            bidLevel(100, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldCancelRestingOrderByClientOrderId()
    {
        final long orderId = givenAsk(ALICE, 42, 100, 30);

        engine.cancelOrderByClientId(ALICE, 42);

        assertEquals(List.of(
            cancelled(orderId, ALICE, 42, SELL, 30, CLIENT_REQUEST),
            askLevel(100, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldLeaveOtherOrdersOfLevelInPlace()
    {
        final long first = givenBid(ALICE, 1, 100, 30);
        final long second = givenBid(BOB, 1, 100, 20);
        final long third = givenBid(CAROL, 1, 100, 40);

        engine.cancelOrder(BOB, second);

        assertEquals(List.of(
            cancelled(second, BOB, 1, BUY, 20, CLIENT_REQUEST),
            bidLevel(100, 70, 2)), events());
        assertEquals(List.of(
            bids(100, 70, 2),
            bid(100, first, ALICE, 1, 30),
            bid(100, third, CAROL, 1, 40)), book());
    }

    @Test
    void shouldCancelLeavesOfPartiallyFilledOrder()
    {
        final long orderId = givenAsk(ALICE, 1, 100, 50);
        buy(BOB, 1, 100, 20);
        events();

        engine.cancelOrder(ALICE, orderId);

        assertEquals(List.of(
            cancelled(orderId, ALICE, 1, SELL, 30, CLIENT_REQUEST),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldRejectCancelOfUnknownOrderId()
    {
        givenBid(ALICE, 1, 100, 30);

        engine.cancelOrder(ALICE, 99);

        assertEquals(List.of(cancelRejected(ALICE, 99, NULL_ID)), events());
    }

    @Test
    void shouldRejectCancelOfUnknownClientOrderId()
    {
        givenBid(ALICE, 1, 100, 30);

        engine.cancelOrderByClientId(ALICE, 99);

        assertEquals(List.of(cancelRejected(ALICE, NULL_ID, 99)), events());
    }

    @Test
    void shouldRejectCancelByIdOfAnotherAccountsOrder()
    {
        final long orderId = givenBid(ALICE, 1, 100, 30);

        engine.cancelOrder(BOB, orderId);

        assertEquals(List.of(cancelRejected(BOB, orderId, NULL_ID)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, orderId, ALICE, 1, 30)), book());
    }

    @Test
    void shouldRejectCancelByClientIdOfAnotherAccountsOrder()
    {
        givenBid(ALICE, 5, 100, 30);
        givenBid(BOB, 6, 95, 30);

        engine.cancelOrderByClientId(BOB, 5);

        assertEquals(List.of(cancelRejected(BOB, NULL_ID, 5)), events());
        assertEquals(100, engine.bestBid(ACME));
    }

    @Test
    void shouldRejectCancelByClientIdForAccountNeverSeen()
    {
        givenBid(ALICE, 5, 100, 30);

        engine.cancelOrderByClientId(CAROL, 5);

        assertEquals(List.of(cancelRejected(CAROL, NULL_ID, 5)), events());
    }

    @Test
    void shouldRejectCancelOfFilledOrder()
    {
        final long orderId = givenAsk(ALICE, 1, 100, 30);
        buy(BOB, 1, 100, 30);
        events();

        engine.cancelOrder(ALICE, orderId);

        assertEquals(List.of(cancelRejected(ALICE, orderId, NULL_ID)), events());
    }

    @Test
    void shouldRejectCancelByClientIdOfFilledOrder()
    {
        givenAsk(ALICE, 1, 100, 30);
        buy(BOB, 1, 100, 30);
        events();

        engine.cancelOrderByClientId(ALICE, 1);

        assertEquals(List.of(cancelRejected(ALICE, NULL_ID, 1)), events());
    }

    @Test
    void shouldRejectSecondCancelOfSameOrder()
    {
        final long orderId = givenBid(ALICE, 1, 100, 30);
        engine.cancelOrder(ALICE, orderId);
        events();

        engine.cancelOrder(ALICE, orderId);

        assertEquals(List.of(cancelRejected(ALICE, orderId, NULL_ID)), events());
    }

    @Test
    void shouldRejectCancelByClientIdOfCancelledOrder()
    {
        final long orderId = givenBid(ALICE, 1, 100, 30);
        engine.cancelOrder(ALICE, orderId);
        events();

        engine.cancelOrderByClientId(ALICE, 1);

        assertEquals(List.of(cancelRejected(ALICE, NULL_ID, 1)), events());
    }

    @Test
    void shouldRejectCancelOfIocOrderThatNeverRested()
    {
        buyIoc(ALICE, 1, 100, 30);
        final long orderId = acceptedId(events());
        assertEquals(noSlotId(1), orderId, "an IOC order takes no slot");

        engine.cancelOrder(ALICE, orderId);

        assertEquals(List.of(cancelRejected(ALICE, orderId, NULL_ID)), events());
    }

    @Test
    void shouldRejectCancelOfNullOrderId()
    {
        givenBid(ALICE, 1, 100, 30);

        engine.cancelOrder(ALICE, NULL_ID);

        assertEquals(List.of(cancelRejected(ALICE, NULL_ID, NULL_ID)), events());
    }
}
