package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.MASS_CANCEL;
import static io.matchpoint.engine.match.MatchingEngine.ALL_INSTRUMENTS;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mass cancel removes an account's resting orders, on one instrument or all, in ascending order id, then reports how
 * many it removed.
 */
class MassCancelScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    @BeforeEach
    void defineBeta()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        events();
    }

    @Test
    void shouldCancelAccountsOrdersOnAllInstrumentsInAscendingOrderId()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        final long second = givenBetaAsk(ALICE, 2, 50, 5);
        final long third = givenAsk(ALICE, 3, 200, 30);

        engine.massCancel(ALICE, ALL_INSTRUMENTS);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 0, 0),
            new EngineEvent.OrderCancelled(second, ALICE, 2, BETA, SELL, 5, MASS_CANCEL),
            new EngineEvent.PriceLevelChanged(BETA, SELL, 50, 0, 0),
            cancelled(third, ALICE, 3, SELL, 30, MASS_CANCEL),
            askLevel(200, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 3)), events());
        assertEquals(List.of(), book(ACME));
        assertEquals(List.of(), book(BETA));
    }

    @Test
    void shouldKeepOtherAccountsOrders()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        final long bob = givenBid(BOB, 1, 100, 30);

        engine.massCancel(ALICE, ALL_INSTRUMENTS);

        assertEquals(List.of(
            cancelled(alice, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 30, 1),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, bob, BOB, 1, 30)), book());
    }

    @Test
    void shouldCancelOnlyOnGivenInstrument()
    {
        final long acme = givenBid(ALICE, 1, 100, 20);
        final long beta = givenBetaAsk(ALICE, 2, 50, 5);

        engine.massCancel(ALICE, BETA);

        assertEquals(List.of(
            new EngineEvent.OrderCancelled(beta, ALICE, 2, BETA, SELL, 5, MASS_CANCEL),
            new EngineEvent.PriceLevelChanged(BETA, SELL, 50, 0, 0),
            massCancelled(ALICE, BETA, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, acme, ALICE, 1, 20)), book());
    }

    @Test
    void shouldCancelInAscendingOrderIdRatherThanBookOrder()
    {
        final long first = givenBid(ALICE, 1, 90, 20);
        final long second = givenBid(ALICE, 2, 100, 30);
        final long third = givenBid(ALICE, 3, 95, 40);

        engine.massCancel(ALICE, ACME);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(90, 0, 0),
            cancelled(second, ALICE, 2, BUY, 30, MASS_CANCEL),
            bidLevel(100, 0, 0),
            cancelled(third, ALICE, 3, BUY, 40, MASS_CANCEL),
            bidLevel(95, 0, 0),
            massCancelled(ALICE, ACME, 3)), events());
    }

    @Test
    void shouldKeepAscendingOrderIdAfterReplaceMovesOrderBack()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        final long second = givenBid(ALICE, 2, 100, 30);
        engine.replaceOrder(ALICE, first, 1, 100, 40);
        events();

        engine.massCancel(ALICE, ACME);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 40, MASS_CANCEL),
            bidLevel(100, 30, 1),
            cancelled(second, ALICE, 2, BUY, 30, MASS_CANCEL),
            bidLevel(100, 0, 0),
            massCancelled(ALICE, ACME, 2)), events());
    }

    @Test
    void shouldCancelLeavesOfPartiallyFilledOrder()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        buy(BOB, 1, 100, 20);
        events();

        engine.massCancel(ALICE, ALL_INSTRUMENTS);

        assertEquals(List.of(
            cancelled(alice, ALICE, 1, SELL, 30, MASS_CANCEL),
            askLevel(100, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
    }

    @Test
    void shouldReportZeroForUnknownAccount()
    {
        givenBid(ALICE, 1, 100, 20);

        engine.massCancel(CAROL, ALL_INSTRUMENTS);

        assertEquals(List.of(massCancelled(CAROL, ALL_INSTRUMENTS, 0)), events());
    }

    @Test
    void shouldReportZeroForUnknownInstrument()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.massCancel(ALICE, 99);

        assertEquals(List.of(massCancelled(ALICE, 99, 0)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldReportZeroWhenAccountHasNoRestingOrders()
    {
        givenAsk(ALICE, 1, 100, 20);
        buy(BOB, 1, 100, 20);
        events();

        engine.massCancel(ALICE, ALL_INSTRUMENTS);

        assertEquals(List.of(massCancelled(ALICE, ALL_INSTRUMENTS, 0)), events());
    }

    @Test
    void shouldReportZeroWhenAccountHasNoOrdersOnGivenInstrument()
    {
        givenBid(ALICE, 1, 100, 20);

        engine.massCancel(ALICE, BETA);

        assertEquals(List.of(massCancelled(ALICE, BETA, 0)), events());
    }

    @Test
    void shouldFreeClientOrderIdsOfMassCancelledOrders()
    {
        givenBid(ALICE, 1, 100, 20);
        engine.massCancel(ALICE, ALL_INSTRUMENTS);
        events();

        buy(ALICE, 1, 95, 20);

        assertEquals(List.of(
            accepted(id(2, 0), ALICE, 1, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    private long givenBetaAsk(final long account, final long clientOrderId, final long price, final long quantity)
    {
        engine.newOrder(account, clientOrderId, BETA, SELL, LIMIT, GTC, price, quantity, false, CANCEL_TAKER);
        return acceptedId(events());
    }
}
