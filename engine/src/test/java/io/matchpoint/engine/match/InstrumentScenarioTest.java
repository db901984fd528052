package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_BOOK_NOT_EMPTY;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_HALTED;
import static io.matchpoint.engine.match.RejectReason.INVALID_INSTRUMENT_DEFINITION;
import static io.matchpoint.engine.match.RejectReason.PRICE_BAND_TOO_WIDE;
import static io.matchpoint.engine.match.RejectReason.QUANTITY_OUT_OF_RANGE;
import static io.matchpoint.engine.match.Side.BUY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defining and redefining instruments: what makes a definition invalid, capacity, and what a redefinition keeps.
 * Band redefinitions that cancel orders are in {@link BandScenarioTest}.
 */
class InstrumentScenarioTest extends ScenarioFixture
{
    private static final int BETA = 2;

    @Test
    void shouldDefineInstrument()
    {
        engine.defineInstrument(BETA, "BETA", 2, 5, 10, 500, -40, 60);

        assertEquals(List.of(new EngineEvent.InstrumentDefined(BETA, "BETA", 2, 5, 10, 500, -40, 60)), events());
        assertEquals(2, engine.instrumentCount());
    }

    @Test
    void shouldDefineInstrumentWithSinglePriceAndSingleQuantity()
    {
        engine.defineInstrument(BETA, "BETA", 5, 10, 10, 10, 100, 100);

        assertEquals(List.of(new EngineEvent.InstrumentDefined(BETA, "BETA", 5, 10, 10, 10, 100, 100)), events());
    }

    @Test
    void shouldRejectZeroTick()
    {
        engine.defineInstrument(BETA, "BETA", 0, 1, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
        assertEquals(1, engine.instrumentCount());
    }

    @Test
    void shouldRejectTheIdReservedForMassCancelAcrossAllInstruments()
    {
        engine.defineInstrument(MatchingEngine.ALL_INSTRUMENTS, "ALL", 1, 1, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(MatchingEngine.ALL_INSTRUMENTS, INVALID_INSTRUMENT_DEFINITION)), events());
        assertEquals(1, engine.instrumentCount());
    }

    @Test
    void shouldRejectNegativeTick()
    {
        engine.defineInstrument(BETA, "BETA", -5, 1, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectZeroLot()
    {
        engine.defineInstrument(BETA, "BETA", 1, 0, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectZeroMinimumQuantity()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 0, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectMaximumQuantityBelowMinimum()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 50, 40, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectInvertedBand()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 100, 99);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectLowBandEdgeOffTick()
    {
        engine.defineInstrument(BETA, "BETA", 5, 1, 1, 100, 52, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectHighBandEdgeOffTick()
    {
        engine.defineInstrument(BETA, "BETA", 5, 1, 1, 100, 50, 103);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectNegativeBandEdgeOffTick()
    {
        engine.defineInstrument(BETA, "BETA", 5, 1, 1, 100, -52, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectEmptySymbol()
    {
        engine.defineInstrument(BETA, "", 1, 1, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldAcceptBandExactlyAsWideAsBook()
    {
        engine.defineInstrument(BETA, "BETA", 5, 1, 1, 100, 0, (TICKS_PER_BOOK - 1) * 5L);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(BETA, "BETA", 5, 1, 1, 100, 0, (TICKS_PER_BOOK - 1) * 5L)), events());
    }

    @Test
    void shouldRejectBandWiderThanBook()
    {
        engine.defineInstrument(BETA, "BETA", 5, 1, 1, 100, 0, TICKS_PER_BOOK * 5L);

        assertEquals(List.of(instrumentRejected(BETA, PRICE_BAND_TOO_WIDE)), events());
    }

    @Test
    void shouldCheckDefinitionBeforeBandWidth()
    {
        engine.defineInstrument(BETA, "BETA", 5, 0, 1, 100, 0, TICKS_PER_BOOK * 5L);

        assertEquals(List.of(instrumentRejected(BETA, INVALID_INSTRUMENT_DEFINITION)), events());
    }

    @Test
    void shouldRejectNewInstrumentWhenTableFull()
    {
        engine.defineInstrument(2, "I2", 1, 1, 1, 100, 0, 100);
        engine.defineInstrument(3, "I3", 1, 1, 1, 100, 0, 100);
        engine.defineInstrument(4, "I4", 1, 1, 1, 100, 0, 100);
        events();

        engine.defineInstrument(5, "I5", 1, 1, 1, 100, 0, 100);

        assertEquals(List.of(instrumentRejected(5, INSTRUMENT_CAPACITY_EXHAUSTED)), events());
        assertEquals(4, engine.instrumentCount());
    }

    @Test
    void shouldRedefineExistingInstrumentWhenTableFull()
    {
        engine.defineInstrument(2, "I2", 1, 1, 1, 100, 0, 100);
        engine.defineInstrument(3, "I3", 1, 1, 1, 100, 0, 100);
        engine.defineInstrument(4, "I4", 1, 1, 1, 100, 0, 100);
        events();

        engine.defineInstrument(4, "I4", 1, 1, 1, 200, 0, 100);

        assertEquals(List.of(new EngineEvent.InstrumentDefined(4, "I4", 1, 1, 1, 200, 0, 100)), events());
    }

    @Test
    void shouldRejectTickChangeWhileBookHoldsOrders()
    {
        givenBid(ALICE, 1, 100, 20);

        engine.defineInstrument(ACME, ACME_SYMBOL, 10, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(instrumentRejected(ACME, INSTRUMENT_BOOK_NOT_EMPTY)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, id(1, 0), ALICE, 1, 20)), book());
    }

    @Test
    void shouldRejectLotChangeWhileBookHoldsOrders()
    {
        givenAsk(ALICE, 1, 100, 20);

        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, 20, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(instrumentRejected(ACME, INSTRUMENT_BOOK_NOT_EMPTY)), events());
    }

    @Test
    void shouldAllowTickChangeOnceBookEmpty()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, alice);
        events();

        engine.defineInstrument(ACME, ACME_SYMBOL, 2, LOT, MIN_QUANTITY, MAX_QUANTITY, 50, 250);
        buy(ALICE, 1, 102, 20);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, 2, LOT, MIN_QUANTITY, MAX_QUANTITY, 50, 250),
            accepted(id(2, 0), ALICE, 1, BUY, 102, 20),
            bidLevel(102, 20, 1)), events());
    }

    @Test
    void shouldAllowSameTickAndLotWhileBookHoldsOrders()
    {
        givenBid(ALICE, 1, 100, 20);

        engine.defineInstrument(ACME, "ACME2", TICK, LOT, MIN_QUANTITY, 500, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, "ACME2", TICK, LOT, MIN_QUANTITY, 500, LOW_PRICE, HIGH_PRICE)),
            events());
    }

    @Test
    void shouldAllowLotChangeOnceBookEmpty()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, alice);
        events();

        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, 3, 3, 999, LOW_PRICE, HIGH_PRICE);
        buy(ALICE, 1, 100, 21);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, 3, 3, 999, LOW_PRICE, HIGH_PRICE),
            accepted(id(2, 0), ALICE, 1, BUY, 100, 21),
            bidLevel(100, 21, 1)), events());
    }

    @Test
    void shouldKeepDefinitionWhenRedefinitionRejected()
    {
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, 0, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldKeepRestingOrdersWhenRedefined()
    {
        final long bid = givenBid(ALICE, 1, 100, 20);
        final long ask = givenAsk(BOB, 1, 200, 30);

        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 2_000, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, bid, ALICE, 1, 20),
            asks(200, 30, 1),
            ask(200, ask, BOB, 1, 30)), book());
    }

    @Test
    void shouldKeepHaltedStatusWhenRedefined()
    {
        engine.haltTrading(ACME);
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 2_000, LOW_PRICE, HIGH_PRICE);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(rejected(ALICE, 1, INSTRUMENT_HALTED)), events());
        assertTrue(engine.isHalted(ACME));
    }

    @Test
    void shouldApplyNewQuantityLimitsToNewOrders()
    {
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 100, LOW_PRICE, HIGH_PRICE);
        events();

        buy(ALICE, 1, 100, 110);

        assertEquals(List.of(rejected(ALICE, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldKeepRestingOrderAboveNewMaximumQuantity()
    {
        final long alice = givenBid(ALICE, 1, 100, 500);

        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 100, LOW_PRICE, HIGH_PRICE);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 100, LOW_PRICE, HIGH_PRICE)),
            events());
        assertEquals(List.of(
            bids(100, 500, 1),
            bid(100, alice, ALICE, 1, 500)), book());
    }

    @Test
    void shouldApplyNewQuantityLimitsToReplaces()
    {
        final long alice = givenBid(ALICE, 1, 100, 500);
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, 100, LOW_PRICE, HIGH_PRICE);
        events();

        engine.replaceOrder(ALICE, alice, 1, 100, 400);

        assertEquals(List.of(replaceRejected(ALICE, alice, 1, QUANTITY_OUT_OF_RANGE)), events());
    }

    @Test
    void shouldListInstrumentsIndependently()
    {
        engine.defineInstrument(BETA, "BETA", 1, 1, 1, 100, 0, 100);
        givenBid(ALICE, 1, 100, 20);

        assertEquals(List.of(), book(BETA));
        assertEquals(MatchingEngine.NULL_PRICE, engine.bestBid(BETA));
        assertEquals(100, engine.bestBid(ACME));
    }
}
