package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.MASS_CANCEL;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_HALTED;
import static io.matchpoint.engine.match.RejectReason.UNKNOWN_INSTRUMENT;
import static io.matchpoint.engine.match.RejectReason.UNKNOWN_ORDER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A halted instrument refuses new orders and replaces; cancels and mass cancels still work; resume reopens it.
 */
class HaltScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    @Test
    void shouldReportHalt()
    {
        engine.haltTrading(ACME);

        assertEquals(List.of(tradingStatus(ACME, true)), events());
        assertTrue(engine.isHalted(ACME));
    }

    @Test
    void shouldReportResume()
    {
        engine.haltTrading(ACME);
        events();

        engine.resumeTrading(ACME);

        assertEquals(List.of(tradingStatus(ACME, false)), events());
        assertFalse(engine.isHalted(ACME));
    }

    @Test
    void shouldReportHaltOfAlreadyHaltedInstrument()
    {
        engine.haltTrading(ACME);
        events();

        engine.haltTrading(ACME);

        assertEquals(List.of(tradingStatus(ACME, true)), events());
        assertTrue(engine.isHalted(ACME));
    }

    @Test
    void shouldReportResumeOfInstrumentThatIsNotHalted()
    {
        engine.resumeTrading(ACME);

        assertEquals(List.of(tradingStatus(ACME, false)), events());
        assertFalse(engine.isHalted(ACME));
    }

    @Test
    void shouldRejectHaltOfUnknownInstrument()
    {
        engine.haltTrading(99);

        assertEquals(List.of(instrumentRejected(99, UNKNOWN_INSTRUMENT)), events());
    }

    @Test
    void shouldRejectResumeOfUnknownInstrument()
    {
        engine.resumeTrading(99);

        assertEquals(List.of(instrumentRejected(99, UNKNOWN_INSTRUMENT)), events());
    }

    @Test
    void shouldRejectNewOrderWhileHalted()
    {
        givenAsk(BOB, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(rejected(ALICE, 1, INSTRUMENT_HALTED)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            ask(100, id(1, 0), BOB, 1, 20)), book());
    }

    @Test
    void shouldRejectMarketOrderWhileHalted()
    {
        givenAsk(BOB, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        buyMarket(ALICE, 1, IOC, 20);

        assertEquals(List.of(rejected(ALICE, 1, INSTRUMENT_HALTED)), events());
    }

    @Test
    void shouldCheckHaltBeforeOrderContents()
    {
        engine.haltTrading(ACME);
        events();

        submit(ALICE, 1, BUY, OrderType.MARKET, IOC, 102, 25, true, SelfTradePrevention.CANCEL_TAKER);

        assertEquals(List.of(rejected(ALICE, 1, INSTRUMENT_HALTED)), events());
    }

    @Test
    void shouldCheckUnknownInstrumentBeforeHalt()
    {
        engine.haltTrading(ACME);
        events();

        engine.newOrder(ALICE, 1, 99, BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 20, false,
            SelfTradePrevention.CANCEL_TAKER);

        assertEquals(List.of(new EngineEvent.OrderRejected(ALICE, 1, 99, UNKNOWN_INSTRUMENT)), events());
    }

    @Test
    void shouldRejectReplaceWhileHalted()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, INSTRUMENT_HALTED)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldCheckUnknownOrderBeforeHaltOnReplace()
    {
        engine.haltTrading(ACME);
        events();

        engine.replaceOrder(ALICE, 99, 1, 100, 20);

        assertEquals(List.of(replaceRejected(ALICE, 99, 1, UNKNOWN_ORDER)), events());
    }

    @Test
    void shouldCheckHaltBeforeReplaceContents()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.replaceOrder(ALICE, alice, 1, 102, 25);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, INSTRUMENT_HALTED)), events());
    }

    @Test
    void shouldCancelByIdWhileHalted()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.cancelOrder(ALICE, alice);

        assertEquals(List.of(
            cancelled(alice, ALICE, 1, BUY, 20, CLIENT_REQUEST),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldCancelByClientOrderIdWhileHalted()
    {
        final long alice = givenAsk(ALICE, 7, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.cancelOrderByClientId(ALICE, 7);

        assertEquals(List.of(
            cancelled(alice, ALICE, 7, SELL, 20, CLIENT_REQUEST),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldMassCancelWhileHalted()
    {
        final long alice = givenAsk(ALICE, 7, 100, 20);
        engine.haltTrading(ACME);
        events();

        engine.massCancel(ALICE, ACME);

        assertEquals(List.of(
            cancelled(alice, ALICE, 7, SELL, 20, MASS_CANCEL),
            askLevel(100, 0, 0),
            massCancelled(ALICE, ACME, 1)), events());
    }

    @Test
    void shouldTradeAgainAfterResume()
    {
        givenAsk(BOB, 1, 100, 20);
        engine.haltTrading(ACME);
        engine.resumeTrading(ACME);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(2, 1), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldNotConsumeOrderIdWhileHalted()
    {
        engine.haltTrading(ACME);
        buy(ALICE, 1, 100, 20);
        engine.resumeTrading(ACME);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldHaltOnlyTheGivenInstrument()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 1, 100);
        engine.haltTrading(ACME);
        events();

        engine.newOrder(ALICE, 1, BETA, BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 5, false,
            SelfTradePrevention.CANCEL_TAKER);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(id(1, 0), ALICE, 1, BETA, BUY, OrderType.LIMIT, TimeInForce.GTC, 10, 5),
            new EngineEvent.PriceLevelChanged(BETA, BUY, 10, 5, 1)), events());
        assertFalse(engine.isHalted(BETA));
    }
}
