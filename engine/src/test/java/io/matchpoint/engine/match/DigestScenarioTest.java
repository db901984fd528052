package io.matchpoint.engine.match;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_MAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.DECREMENT_AND_CANCEL;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The state digest: a fold over instruments, books in priority order and id counters, so that two cores that took
 * the same commands agree and any difference in state, priority included, shows.
 */
class DigestScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;
    private static final long NO_SESSION = MatchingEngine.NO_SESSION;
    private static final long SESSION = 77;

    @Test
    void shouldGiveSameDigestAndEventsForSameCommands()
    {
        final RecordingListener otherListener = new RecordingListener();
        final MatchingEngine other = new MatchingEngine(config(), otherListener);
        other.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);
        otherListener.drain();

        runScript(engine);
        runScript(other);

        assertEquals(listener.drain(), otherListener.drain());
        assertEquals(engine.digest(), other.digest());
    }

    @Test
    void shouldGiveDifferentDigestForDifferentTimePriority()
    {
        final MatchingEngine other = new MatchingEngine(config(), new RecordingListener());
        other.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);
        for (final MatchingEngine core : new MatchingEngine[]{ engine, other })
        {
            core.newOrder(ALICE, 1, ACME, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);
            core.newOrder(BOB, 1, ACME, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);
        }

        // both orders leave and re-join the level, in opposite turns: same orders, same counters, other priority
        engine.replaceOrder(ALICE, id(1, 0), 1, 105, 20);
        engine.replaceOrder(ALICE, id(1, 0), 1, 100, 20);
        other.replaceOrder(BOB, id(2, 1), 1, 105, 20);
        other.replaceOrder(BOB, id(2, 1), 1, 100, 20);

        assertEquals(engine.nextOrderSequence(), other.nextOrderSequence());
        assertEquals(engine.nextTradeId(), other.nextTradeId());
        assertNotEquals(engine.digest(), other.digest());
    }

    @Test
    void shouldFoldEmptyBookAsDocumented()
    {
        long expected = StateDigest.SEED;
        expected = StateDigest.mix(expected, ACME);
        expected = StateDigest.mix(expected, 0);
        expected = StateDigest.mix(expected, 0); // no collar
        expected = StateDigest.mix(expected, 275); // no trade yet: the band's middle tick, 50 + (100 - 10) / 2 * 5
        expected = StateDigest.mix(expected, 1);
        expected = StateDigest.mix(expected, 1);
        expected = StateDigest.mix(expected, 0); // no slot taken yet, none freed

        assertEquals(expected, engine.digest());
    }

    @Test
    void shouldFoldInstrumentsBooksAndCountersAsDocumented()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        engine.haltTrading(BETA);
        givenBid(ALICE, 1, 100, 20);
        engine.newOrder(CAROL, SESSION, 4, ACME, BUY, LIMIT, GTC, 100, 30, false, DECREMENT_AND_CANCEL);
        givenBid(ALICE, 2, 95, 40);
        submit(BOB, 7, SELL, LIMIT, GTC, 110, 50, true, CANCEL_MAKER);
        buy(CAROL, 5, 110, 20);

        long expected = StateDigest.SEED;
        expected = mixAll(expected, ACME, 0, 0, 110); // no collar; the reference is the last trade, at 110
        expected = mixAll(expected, 100);
        expected = mixAll(expected, id(1, 0), ALICE, NO_SESSION, 1, BUY.code(), 100, 20, CANCEL_TAKER.ordinal(), 0);
        expected = mixAll(
            expected, id(2, 1), CAROL, SESSION, 4, BUY.code(), 100, 30, DECREMENT_AND_CANCEL.ordinal(), 0);
        expected = mixAll(expected, 95);
        expected = mixAll(expected, id(3, 2), ALICE, NO_SESSION, 2, BUY.code(), 95, 40, CANCEL_TAKER.ordinal(), 0);
        expected = mixAll(expected, 110);
        expected = mixAll(expected, id(4, 3), BOB, NO_SESSION, 7, SELL.code(), 110, 30, CANCEL_MAKER.ordinal(), 1);
        expected = mixAll(expected, BETA, 1, 0, 50); // halted, no collar, no trade: the band's middle, 1 + 99 / 2
        expected = mixAll(expected, 6, 2);
        // Carol's buy at 110 took slot 4, filled in full and freed it: five slots taken, slot 4 on the free stack
        expected = mixAll(expected, 5, 4);
        // no account killed; then the net positions in registration order (Alice, Carol, Bob): Carol bought 20 from
        // Bob; no risk limit is set, so nothing more
        expected = mixAll(expected, CAROL, ACME, 20, BOB, ACME, -20);

        assertEquals(expected, engine.digest());
    }

    @Test
    void shouldGiveDifferentDigestForOrdersEnteredByDifferentSessions()
    {
        final RecordingListener otherListener = new RecordingListener();
        final MatchingEngine other = new MatchingEngine(config(), otherListener);
        other.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);
        otherListener.drain();

        engine.newOrder(ALICE, SESSION, 1, ACME, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);
        other.newOrder(ALICE, SESSION + 1, 1, ACME, BUY, LIMIT, GTC, 100, 20, false, CANCEL_TAKER);

        assertEquals(events(), otherListener.drain(), "no event names the session");
        assertNotEquals(engine.digest(), other.digest());
    }

    @Test
    void shouldChangeDigestWhenHalted()
    {
        final long before = engine.digest();

        engine.haltTrading(ACME);

        assertNotEquals(before, engine.digest());
    }

    @Test
    void shouldRestoreDigestWhenResumed()
    {
        final long before = engine.digest();

        engine.haltTrading(ACME);
        engine.resumeTrading(ACME);

        assertEquals(before, engine.digest());
    }

    @Test
    void shouldKeepDigestWhenCommandRejected()
    {
        givenBid(ALICE, 1, 100, 20);
        final long before = engine.digest();

        buy(BOB, 1, 102, 20);
        engine.cancelOrder(BOB, 1);
        engine.replaceOrder(ALICE, 1, 1, 100, 25);

        assertEquals(before, engine.digest());
    }

    @Test
    void shouldChangeDigestWhenOrderIdConsumedWithoutResting()
    {
        final long before = engine.digest();

        buyIoc(ALICE, 1, 100, 20);

        assertEquals(0, engine.restingOrderCount());
        assertNotEquals(before, engine.digest());
    }

    @Test
    void shouldChangeDigestWhenLeavesChange()
    {
        final long alice = givenBid(ALICE, 1, 100, 30);
        final long before = engine.digest();

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertNotEquals(before, engine.digest());
    }

    private static long mixAll(final long hash, final long... values)
    {
        long result = hash;
        for (final long value : values)
        {
            result = StateDigest.mix(result, value);
        }
        return result;
    }

    private static void runScript(final MatchingEngine core)
    {
        core.newOrder(ALICE, 1, ACME, BUY, LIMIT, GTC, 100, 50, false, CANCEL_TAKER);
        core.newOrder(BOB, 1, ACME, SELL, LIMIT, GTC, 110, 40, true, CANCEL_MAKER);
        core.newOrder(CAROL, 1, ACME, SELL, LIMIT, GTC, 100, 20, false, DECREMENT_AND_CANCEL);
        core.replaceOrder(BOB, 2, 2, 105, 60);
        core.newOrder(CAROL, 2, ACME, BUY, LIMIT, TimeInForce.IOC, 110, 30, false, CANCEL_TAKER);
        core.cancelOrderByClientId(ALICE, 1);
        core.massCancel(BOB, MatchingEngine.ALL_INSTRUMENTS);
    }
}
