package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.MASS_CANCEL;
import static io.matchpoint.engine.match.MatchingEngine.ALL_INSTRUMENTS;
import static io.matchpoint.engine.match.MatchingEngine.NO_SESSION;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session cancel (what cancel-on-disconnect does) removes the resting orders that one session of an account entered,
 * in ascending order id, reported like a mass cancel across all instruments; the account's other sessions keep
 * theirs.
 */
class SessionCancelScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;
    private static final long PRIMARY = 77;
    private static final long BACKUP = 78;

    @BeforeEach
    void defineBeta()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        events();
    }

    @Test
    void shouldCancelOnlyTheSessionsOrdersOnAllInstrumentsInAscendingOrderId()
    {
        final long first = givenBid(ALICE, PRIMARY, 1, 90, 20);
        givenBid(ALICE, BACKUP, 2, 95, 30);
        final long second = givenOrder(ALICE, PRIMARY, 3, BETA, SELL, 50, 5);
        final long third = givenBid(ALICE, PRIMARY, 4, 100, 40);
        givenOrder(ALICE, BACKUP, 5, BETA, SELL, 60, 7);

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(90, 0, 0),
            new EngineEvent.OrderCancelled(second, ALICE, 3, BETA, SELL, 5, MASS_CANCEL),
            new EngineEvent.PriceLevelChanged(BETA, SELL, 50, 0, 0),
            cancelled(third, ALICE, 4, BUY, 40, MASS_CANCEL),
            bidLevel(100, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 3)), events());
    }

    @Test
    void shouldKeepTheAccountsOtherSessionsOrdersWithTheirPriority()
    {
        final long primaryFirst = givenBid(ALICE, PRIMARY, 1, 100, 20);
        final long backupFirst = givenBid(ALICE, BACKUP, 2, 100, 30);
        final long bob = givenBid(BOB, NO_SESSION, 1, 100, 50);
        final long primarySecond = givenBid(ALICE, PRIMARY, 3, 100, 40);
        final long backupSecond = givenBid(ALICE, BACKUP, 4, 100, 60);

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(
            cancelled(primaryFirst, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 180, 4),
            cancelled(primarySecond, ALICE, 3, BUY, 40, MASS_CANCEL),
            bidLevel(100, 140, 3),
            massCancelled(ALICE, ALL_INSTRUMENTS, 2)), events());
        assertEquals(List.of(
            bids(100, 140, 3),
            bid(100, backupFirst, ALICE, 2, 30),
            bid(100, bob, BOB, 1, 50),
            bid(100, backupSecond, ALICE, 4, 60)), book());
    }

    @Test
    void shouldLeaveAnotherAccountsOrdersEnteredWithTheSameSessionId()
    {
        final long alice = givenBid(ALICE, PRIMARY, 1, 100, 20);
        final long bob = givenBid(BOB, PRIMARY, 1, 100, 30);

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(
            cancelled(alice, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 30, 1),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, bob, BOB, 1, 30)), book());
    }

    @Test
    void shouldCancelAReplacedOrderWithTheSessionThatEnteredIt()
    {
        final long replaced = givenBid(ALICE, PRIMARY, 1, 100, 20);
        final long backup = givenBid(ALICE, BACKUP, 2, 100, 30);
        engine.replaceOrder(ALICE, replaced, 3, 105, 40);
        events();

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(
            cancelled(replaced, ALICE, 3, BUY, 40, MASS_CANCEL),
            bidLevel(105, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, backup, ALICE, 2, 30)), book());
    }

    @Test
    void shouldCancelTheOrdersEnteredWithNoSessionForNoSession()
    {
        final long primary = givenBid(ALICE, PRIMARY, 1, 100, 20);
        final long none = givenBid(ALICE, 2, 95, 30);

        engine.cancelSessionOrders(ALICE, NO_SESSION);

        assertEquals(List.of(
            cancelled(none, ALICE, 2, BUY, 30, MASS_CANCEL),
            bidLevel(95, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, primary, ALICE, 1, 20)), book());
    }

    @Test
    void shouldCancelTheSessionsOrdersOnAHaltedInstrument()
    {
        final long halted = givenBid(ALICE, PRIMARY, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(
            cancelled(halted, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 1)), events());
    }

    @Test
    void shouldReportZeroForUnknownAccount()
    {
        givenBid(ALICE, PRIMARY, 1, 100, 20);

        engine.cancelSessionOrders(CAROL, PRIMARY);

        assertEquals(List.of(massCancelled(CAROL, ALL_INSTRUMENTS, 0)), events());
    }

    @Test
    void shouldReportZeroWhenTheSessionHasNoRestingOrders()
    {
        givenAsk(ALICE, PRIMARY, 1, 100, 20);
        givenBid(ALICE, BACKUP, 2, 90, 20);
        buy(BOB, 1, 100, 20);
        events();

        engine.cancelSessionOrders(ALICE, PRIMARY);

        assertEquals(List.of(massCancelled(ALICE, ALL_INSTRUMENTS, 0)), events());
    }

    @Test
    void shouldStillMassCancelTheOrdersOfEverySessionOfTheAccount()
    {
        final long primary = givenBid(ALICE, PRIMARY, 1, 100, 20);
        final long backup = givenBid(ALICE, BACKUP, 2, 95, 30);
        final long none = givenBid(ALICE, 3, 90, 40);

        engine.massCancel(ALICE, ALL_INSTRUMENTS);

        assertEquals(List.of(
            cancelled(primary, ALICE, 1, BUY, 20, MASS_CANCEL),
            bidLevel(100, 0, 0),
            cancelled(backup, ALICE, 2, BUY, 30, MASS_CANCEL),
            bidLevel(95, 0, 0),
            cancelled(none, ALICE, 3, BUY, 40, MASS_CANCEL),
            bidLevel(90, 0, 0),
            massCancelled(ALICE, ALL_INSTRUMENTS, 3)), events());
    }

    private long givenBid(
        final long account, final long session, final long clientOrderId, final long price, final long quantity)
    {
        return givenOrder(account, session, clientOrderId, ACME, BUY, price, quantity);
    }

    private long givenAsk(
        final long account, final long session, final long clientOrderId, final long price, final long quantity)
    {
        return givenOrder(account, session, clientOrderId, ACME, SELL, price, quantity);
    }

    private long givenOrder(
        final long account,
        final long session,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        engine.newOrder(
            account, session, clientOrderId, instrumentId, side, LIMIT, GTC, price, quantity, false, CANCEL_TAKER);
        return acceptedId(events());
    }
}
