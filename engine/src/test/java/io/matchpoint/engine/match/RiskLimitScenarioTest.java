package io.matchpoint.engine.match;

import static io.matchpoint.engine.match.MatchingEngine.ALL_ACCOUNTS;
import static io.matchpoint.engine.match.MatchingEngine.NO_LIMIT;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.RejectReason.ACCOUNT_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.INVALID_RISK_LIMITS;
import static io.matchpoint.engine.match.RejectReason.OPEN_ORDERS_LIMIT;
import static io.matchpoint.engine.match.RejectReason.ORDER_NOTIONAL_LIMIT;
import static io.matchpoint.engine.match.RejectReason.ORDER_QUANTITY_LIMIT;
import static io.matchpoint.engine.match.RejectReason.POSITION_LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import org.junit.jupiter.api.Test;

/**
 * Pre-trade risk limits, one behaviour each: every limit refusing a new order with its own reason, a replace refused
 * only when it adds to what a limit measures (and then keeping its old terms), defaults against an account's own,
 * and the limits and positions kept as state. ACME: tick 5, lot 10, quantities 20 to 1,000, band 50 to 500.
 */
class RiskLimitScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    private void defaults(
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        engine.setRiskLimits(
            ALL_ACCOUNTS, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
            positionLimit);
        events();
    }

    @Test
    void shouldRefuseAnOrderAboveTheMaximumOrderQuantity()
    {
        defaults(100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);

        buy(ALICE, 1, 100, 110);
        assertEquals(List.of(rejected(ALICE, 1, ORDER_QUANTITY_LIMIT)), events());

        givenBid(ALICE, 2, 100, 100);
    }

    @Test
    void shouldRefuseAnOrderWhoseNotionalPassesTheMaximum()
    {
        defaults(NO_LIMIT, 10_000, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);

        buy(ALICE, 1, 105, 100); // 10,500
        assertEquals(List.of(rejected(ALICE, 1, ORDER_NOTIONAL_LIMIT)), events());

        givenBid(ALICE, 2, 100, 100); // 10,000: at the limit, not past it
    }

    @Test
    void shouldTakeAMarketOrdersNotionalAtTheBandsEdgeOrAtTheCollarsEdge()
    {
        defaults(NO_LIMIT, 20 * 300, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        givenAsk(BOB, 1, 100, 20);

        submit(ALICE, 1, BUY, MARKET, IOC, 0, 20, false, CANCEL_TAKER);
        assertEquals(List.of(rejected(ALICE, 1, ORDER_NOTIONAL_LIMIT)), events(), "20 at the band's top, 500");

        engine.setPriceCollar(ACME, 5); // reference 275 (no trade yet): a buy may trade up to 300
        events();
        submit(ALICE, 2, BUY, MARKET, IOC, 0, 20, false, CANCEL_TAKER);
        assertTrue(events().stream().anyMatch(event -> event instanceof EngineEvent.Trade), "20 at 300 passes");
    }

    @Test
    void shouldRefuseARestingOrderOverTheOpenOrdersLimitButNotAnOrderThatCannotRest()
    {
        defaults(NO_LIMIT, NO_LIMIT, 2, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        givenBid(ALICE, 1, 100, 20);
        givenAsk(ALICE, 2, 300, 20);

        buy(ALICE, 3, 95, 20);
        assertEquals(List.of(rejected(ALICE, 3, OPEN_ORDERS_LIMIT)), events());

        buyIoc(ALICE, 4, 95, 20);
        assertEquals(OrderType.LIMIT, ((EngineEvent.OrderAccepted)events().get(0)).orderType(), "an IOC never rests");
        assertEquals(2, engine.openOrderCount(ALICE));
    }

    @Test
    void shouldRefuseAnOrderThatWouldPassTheCreditLimitOnItsInstrument()
    {
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, 10_000, NO_LIMIT, NO_LIMIT);
        givenBid(ALICE, 1, 100, 50); // 5,000 open
        givenAsk(ALICE, 2, 200, 20); // 4,000: 9,000 open on ACME, sides added up (gross)

        buyIoc(ALICE, 3, 60, 20); // 1,200 more: an IOC counts too
        assertEquals(List.of(rejected(ALICE, 3, INSTRUMENT_CREDIT_LIMIT)), events());

        givenBid(ALICE, 4, 50, 20); // 1,000 more: exactly 10,000
        givenBid(BOB, 1, 100, 100); // each account has its own
    }

    @Test
    void shouldRefuseAnOrderThatWouldPassTheTotalCreditAcrossInstruments()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 1_000, 1, 100);
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 10_000, NO_LIMIT);
        givenBid(ALICE, 1, 100, 60); // 6,000 on ACME
        engine.newOrder(ALICE, 2, BETA, BUY, OrderType.LIMIT, GTC, 100, 40, false, CANCEL_TAKER); // 4,000 on BETA
        events();

        engine.newOrder(ALICE, 3, BETA, BUY, OrderType.LIMIT, GTC, 1, 1, false, CANCEL_TAKER);
        assertEquals(List.of(new EngineEvent.OrderRejected(ALICE, 3, BETA, CREDIT_LIMIT)), events());
        assertEquals(10_000, engine.openNotional(ALICE));
    }

    @Test
    void shouldRefuseAnOrderThatCouldTakeThePositionPastItsLimitCountingFillsAndOpenOrders()
    {
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 100);
        givenAsk(BOB, 1, 100, 60);
        buy(ALICE, 1, 100, 60); // Alice is long 60, Bob short 60
        givenBid(ALICE, 2, 90, 30); // could reach 90
        events();
        assertEquals(60, engine.netPosition(ALICE, ACME));
        assertEquals(-60, engine.netPosition(BOB, ACME));

        buy(ALICE, 3, 90, 20); // 60 + 30 + 20 = 110
        assertEquals(List.of(rejected(ALICE, 3, POSITION_LIMIT)), events());

        sell(BOB, 2, 300, 50); // short 60, selling 50 more could reach 110
        assertEquals(List.of(rejected(BOB, 2, POSITION_LIMIT)), events());
    }

    @Test
    void shouldLetAnOrderThatShrinksThePositionThroughUpToTheLimitOnTheOtherSide()
    {
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 100);
        givenAsk(BOB, 1, 100, 100);
        buy(ALICE, 1, 100, 100); // long 100: at the limit
        events();

        givenAsk(ALICE, 2, 300, 200); // selling 200 could reach short 100: 200 - 100
        sell(ALICE, 3, 300, 20);
        assertEquals(List.of(rejected(ALICE, 3, POSITION_LIMIT)), events());
    }

    @Test
    void shouldRefuseAReplaceThatGrowsPastALimitAndKeepTheOrdersOldTerms()
    {
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, 10_000, NO_LIMIT, NO_LIMIT);
        final long bid = givenBid(ALICE, 1, 100, 100);

        engine.replaceOrder(ALICE, bid, 2, 105, 100);
        assertEquals(List.of(replaceRejected(ALICE, bid, 2, INSTRUMENT_CREDIT_LIMIT)), events());
        assertEquals(List.of(bids(100, 100, 1), bid(100, bid, ALICE, 1, 100)), book());

        engine.replaceOrder(ALICE, bid, 2, 50, 200); // 10,000: the order's own 10,000 is taken out first
        assertEquals(new EngineEvent.OrderReplaced(bid, ALICE, 2, ACME, BUY, 50, 200, false), events().get(0));
    }

    @Test
    void shouldLetAReplaceShrinkAnOrderLeftAboveALoweredLimit()
    {
        final long bid = givenBid(ALICE, 1, 100, 100);
        givenAsk(BOB, 1, 110, 20);
        buy(ALICE, 2, 110, 20); // long 20, could reach 120
        events();
        defaults(NO_LIMIT, NO_LIMIT, NO_LIMIT, 1_000, 1_000, 50);

        engine.replaceOrder(ALICE, bid, 1, 100, 60); // still far above every limit, but smaller
        assertEquals(new EngineEvent.OrderReplaced(bid, ALICE, 1, ACME, BUY, 100, 60, true), events().get(0));

        engine.replaceOrder(ALICE, bid, 1, 100, 70);
        assertEquals(List.of(replaceRejected(ALICE, bid, 1, INSTRUMENT_CREDIT_LIMIT)), events());
    }

    @Test
    void shouldApplyAnAccountsOwnLimitsInsteadOfTheDefaultsUntilItDropsThem()
    {
        defaults(100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        engine.setRiskLimits(ALICE, 500, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        assertEquals(List.of(new EngineEvent.RiskLimitsSet(ALICE, true, 500, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT,
            NO_LIMIT)), events());

        givenBid(ALICE, 1, 100, 400);
        buy(BOB, 1, 100, 400);
        assertEquals(List.of(rejected(BOB, 1, ORDER_QUANTITY_LIMIT)), events());

        engine.clearRiskLimits(ALICE);
        assertEquals(List.of(new EngineEvent.RiskLimitsSet(ALICE, false, 100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT,
            NO_LIMIT)), events(), "reported with the defaults it follows now");
        buy(ALICE, 2, 100, 400);
        assertEquals(List.of(rejected(ALICE, 2, ORDER_QUANTITY_LIMIT)), events());

        final long[] limits = new long[6];
        assertFalse(engine.riskLimits(ALICE, limits));
        assertArrayEquals(new long[]{ 100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT }, limits);
    }

    @Test
    void shouldRefuseALimitBelowNoLimitAndANewAccountWithTheTableFull()
    {
        engine.setRiskLimits(ALICE, 100, -2, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        engine.setRiskLimits(ALL_ACCOUNTS, NO_LIMIT, NO_LIMIT, Long.MIN_VALUE, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        assertEquals(List.of(new EngineEvent.RiskLimitsRejected(ALICE, INVALID_RISK_LIMITS),
            new EngineEvent.RiskLimitsRejected(ALL_ACCOUNTS, INVALID_RISK_LIMITS)), events());

        start(config().maxAccounts(1));
        engine.setRiskLimits(ALICE, 100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        engine.setRiskLimits(BOB, 100, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        final List<EngineEvent> events = events();
        assertEquals(new EngineEvent.RiskLimitsRejected(BOB, ACCOUNT_CAPACITY_EXHAUSTED), events.get(1));
        assertEquals(1, engine.accountCount(), "own limits registered Alice");
    }

    @Test
    void shouldKeepLimitsAndPositionsInTheSavedStateAndTheDigest() throws IOException
    {
        givenAsk(BOB, 1, 100, 60);
        buy(ALICE, 1, 100, 60);
        final long withoutLimits = engine.digest();
        engine.setRiskLimits(ALICE, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 100);
        assertNotEquals(withoutLimits, engine.digest());
        engine.setRiskLimits(ALICE, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        assertNotEquals(withoutLimits, engine.digest(), "own limits, even all unset, are not the defaults");
        engine.clearRiskLimits(ALICE);
        assertEquals(withoutLimits, engine.digest(), "no limit set: the digest is what it was");
        engine.setRiskLimits(ALICE, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 100);
        events();

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.saveState(new DataOutputStream(bytes));
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        loaded.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(engine.digest(), loaded.digest());
        assertEquals(60, loaded.netPosition(ALICE, ACME));
        loaded.newOrder(ALICE, 2, ACME, BUY, OrderType.LIMIT, GTC, 90, 50, false, CANCEL_TAKER);
        assertEquals(List.of(rejected(ALICE, 2, POSITION_LIMIT)), loadedEvents.drain(), "60 + 50 passes 100");
    }
}
