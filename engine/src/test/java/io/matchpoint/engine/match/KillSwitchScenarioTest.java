package io.matchpoint.engine.match;

import static io.matchpoint.engine.match.CancelReason.KILL_SWITCH;
import static io.matchpoint.engine.match.RejectReason.ACCOUNT_KILLED;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch stops an account at once: every resting order of it goes, on every instrument, in ascending order
 * id, with its own cancel reason, and its new orders and replaces are refused before any other check until it is
 * revived. Cancels still answer, other accounts trade on, and the stop is part of the saved state and the digest.
 */
class KillSwitchScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    @BeforeEach
    void defineBeta()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        events();
    }

    @Test
    void shouldCancelEveryRestingOrderOfTheAccountOnEveryInstrumentInAscendingOrderIdThenSaySo()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        final long second = givenAsk(ALICE, 2, 200, 30);
        final long third = givenBid(ALICE, 3, 105, 40);
        engine.newOrder(ALICE, 4, BETA, SELL, OrderType.LIMIT, TimeInForce.GTC, 50, 5, false,
            SelfTradePrevention.CANCEL_TAKER);
        final long fourth = acceptedId(events());
        final long bobs = givenBid(BOB, 1, 100, 30);

        engine.killAccount(ALICE);

        assertEquals(List.of(
            cancelled(first, ALICE, 1, BUY, 20, KILL_SWITCH),
            bidLevel(100, 30, 1),
            cancelled(second, ALICE, 2, SELL, 30, KILL_SWITCH),
            askLevel(200, 0, 0),
            cancelled(third, ALICE, 3, BUY, 40, KILL_SWITCH),
            bidLevel(105, 0, 0),
            new EngineEvent.OrderCancelled(fourth, ALICE, 4, BETA, SELL, 5, KILL_SWITCH),
            new EngineEvent.PriceLevelChanged(BETA, SELL, 50, 0, 0),
            new EngineEvent.KillSwitch(ALICE, true, 4)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, bobs, BOB, 1, 30)), book(), "Bob's order stays");
        assertEquals(List.of(), book(BETA));
        assertTrue(engine.isKilled(ALICE));
        assertFalse(engine.isKilled(BOB));
    }

    @Test
    void shouldRefuseAKilledAccountsNewOrdersBeforeAnyOtherCheck()
    {
        engine.killAccount(ALICE);
        events();

        buy(ALICE, 1, 100, 20);
        engine.newOrder(ALICE, 2, 999, BUY, OrderType.LIMIT, TimeInForce.GTC, 7, 3, false,
            SelfTradePrevention.CANCEL_TAKER);

        assertEquals(List.of(
            rejected(ALICE, 1, ACCOUNT_KILLED),
            new EngineEvent.OrderRejected(ALICE, 2, 999, ACCOUNT_KILLED)), events(),
            "even with an unknown instrument, an off-tick price and an off-lot quantity");
    }

    @Test
    void shouldRefuseAKilledAccountsReplacesAndAnswerItsCancels()
    {
        final long order = givenBid(ALICE, 1, 100, 20);
        engine.killAccount(ALICE);
        events();

        engine.replaceOrder(ALICE, order, 2, 100, 10);
        engine.cancelOrder(ALICE, order);

        assertEquals(List.of(
            replaceRejected(ALICE, order, 2, ACCOUNT_KILLED),
            cancelRejected(ALICE, order, NULL_ID)), events(), "the order was cancelled by the kill already");
    }

    @Test
    void shouldStopAnAccountTheCoreHasNeverSeenAndLeaveOthersTrading()
    {
        engine.killAccount(CAROL);
        assertEquals(List.of(new EngineEvent.KillSwitch(CAROL, true, 0)), events());

        buy(CAROL, 1, 100, 20);
        assertEquals(List.of(rejected(CAROL, 1, ACCOUNT_KILLED)), events());
        assertEquals(0, engine.accountCount(), "neither the kill nor the refused order registered Carol");

        final long bobs = givenAsk(BOB, 1, 100, 20);
        buy(ALICE, 1, 100, 20);
        assertTrue(events().stream().anyMatch(event -> event instanceof EngineEvent.Trade trade &&
            trade.makerOrderId() == bobs), "Alice trades with Bob");
    }

    @Test
    void shouldLetARevivedAccountTradeAgainAndReportAReviveOfAnAccountNeverKilled()
    {
        engine.killAccount(ALICE);
        engine.reviveAccount(ALICE);
        engine.reviveAccount(BOB);
        assertEquals(List.of(
            new EngineEvent.KillSwitch(ALICE, true, 0),
            new EngineEvent.KillSwitch(ALICE, false, 0),
            new EngineEvent.KillSwitch(BOB, false, 0)), events());

        final long order = givenBid(ALICE, 1, 100, 20);

        assertEquals(List.of(bids(100, 20, 1), bid(100, order, ALICE, 1, 20)), book());
        assertFalse(engine.isKilled(ALICE));
    }

    @Test
    void shouldKeepAKilledAccountStoppedInTheSavedStateAndFoldItIntoTheDigest() throws IOException
    {
        givenBid(BOB, 1, 100, 20);
        final long neverKilled = engine.digest();
        engine.killAccount(ALICE);
        final long killed = engine.digest();
        assertNotEquals(neverKilled, killed);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.saveState(new DataOutputStream(bytes));
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        loaded.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(killed, loaded.digest());
        loaded.newOrder(ALICE, 1, ACME, BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 20, false,
            SelfTradePrevention.CANCEL_TAKER);
        assertEquals(List.of(rejected(ALICE, 1, ACCOUNT_KILLED)), loadedEvents.drain());

        engine.reviveAccount(ALICE);
        assertEquals(neverKilled, engine.digest(), "a revived account leaves no trace in the digest");
    }
}
