package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.CancelReason.OUTSIDE_BAND;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.RejectReason.PRICE_OFF_TICK;
import static io.matchpoint.engine.match.RejectReason.PRICE_OUTSIDE_BAND;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The price band: redefining it cancels resting orders that fall outside, so nothing ever trades outside it; and
 * bands may lie below zero.
 */
class BandScenarioTest extends ScenarioFixture
{
    private static final int SPREAD = 3;
    private static final String SPREAD_SYMBOL = "SPRD";
    private static final int WIDE = 4;
    private static final int WIDE_TICKS = 16_384;

    @BeforeEach
    void defineSpread()
    {
        engine.defineInstrument(SPREAD, SPREAD_SYMBOL, 5, 1, 1, 100, -100, 100);
        events();
    }

    @Test
    void shouldCancelRestingOrdersOutsideNarrowedBand()
    {
        final long lowBid = givenBid(ALICE, 1, 60, 20);
        final long bid = givenBid(BOB, 1, 100, 30);
        final long highAsk = givenAsk(CAROL, 1, 480, 40);
        final long ask = givenAsk(BOB, 2, 200, 50);

        redefineAcmeBand(80, 450);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, 80, 450),
            cancelled(lowBid, ALICE, 1, BUY, 20, OUTSIDE_BAND),
            bidLevel(60, 0, 0),
            cancelled(highAsk, CAROL, 1, SELL, 40, OUTSIDE_BAND),
            askLevel(480, 0, 0)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, bid, BOB, 1, 30),
            asks(200, 50, 1),
            ask(200, ask, BOB, 2, 50)), book());
    }

    @Test
    void shouldCancelBidsBestToWorstInTimePriorityThenAsksLikewise()
    {
        final long aliceAt400 = givenBid(ALICE, 1, 400, 20);
        final long bobAt450 = givenBid(BOB, 1, 450, 30);
        final long carolAt450 = givenBid(CAROL, 1, 450, 40);
        final long aliceAt100 = givenBid(ALICE, 2, 100, 50);
        final long bobAt480 = givenAsk(BOB, 2, 480, 60);
        final long aliceAt470 = givenAsk(ALICE, 3, 470, 70);
        final long carolAt470 = givenAsk(CAROL, 2, 470, 80);

        redefineAcmeBand(150, 350);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, 150, 350),
            cancelled(bobAt450, BOB, 1, BUY, 30, OUTSIDE_BAND),
            bidLevel(450, 40, 1),
            cancelled(carolAt450, CAROL, 1, BUY, 40, OUTSIDE_BAND),
            bidLevel(450, 0, 0),
            cancelled(aliceAt400, ALICE, 1, BUY, 20, OUTSIDE_BAND),
            bidLevel(400, 0, 0),
            cancelled(aliceAt100, ALICE, 2, BUY, 50, OUTSIDE_BAND),
            bidLevel(100, 0, 0),
            cancelled(aliceAt470, ALICE, 3, SELL, 70, OUTSIDE_BAND),
            askLevel(470, 80, 1),
            cancelled(carolAt470, CAROL, 2, SELL, 80, OUTSIDE_BAND),
            askLevel(470, 0, 0),
            cancelled(bobAt480, BOB, 2, SELL, 60, OUTSIDE_BAND),
            askLevel(480, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldKeepOrdersOnEdgesOfNewBand()
    {
        final long bid = givenBid(ALICE, 1, 150, 20);
        final long ask = givenAsk(BOB, 1, 350, 30);

        redefineAcmeBand(150, 350);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, 150, 350)),
            events());
        assertEquals(List.of(
            bids(150, 20, 1),
            bid(150, bid, ALICE, 1, 20),
            asks(350, 30, 1),
            ask(350, ask, BOB, 1, 30)), book());
    }

    @Test
    void shouldTreatOrderCancelledOutsideBandAsDead()
    {
        final long alice = givenBid(ALICE, 1, 60, 20);
        redefineAcmeBand(80, 450);
        events();

        engine.cancelOrder(ALICE, alice);
        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            cancelRejected(ALICE, alice, NULL_ID),
            accepted(id(2, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldRejectNewOrderOutsideNarrowedBand()
    {
        redefineAcmeBand(80, 450);
        events();

        buy(ALICE, 1, 60, 20);

        assertEquals(List.of(rejected(ALICE, 1, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldNeverTradeMarketOrderOutsideRedefinedBand()
    {
        givenAsk(BOB, 1, 480, 20);
        final long carol = givenAsk(CAROL, 1, 200, 20);
        redefineAcmeBand(LOW_PRICE, 300);
        events();

        buyMarket(ALICE, 1, IOC, 40);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, MARKET, IOC, 0, 40),
            trade(1, BUY, 200, 20, noSlotId(3), ALICE, 1, 20, carol, CAROL, 1, 0),
            askLevel(200, 0, 0),
            cancelled(noSlotId(3), ALICE, 1, BUY, 20, NO_LIQUIDITY)), events());
    }

    @Test
    void shouldKeepPriceOrderAfterBandShiftsUp()
    {
        final long alice = givenBid(ALICE, 1, 450, 20);
        redefineAcmeBand(400, 1_000);
        final long bob = givenBid(BOB, 1, 1_000, 20);
        final long carol = givenBid(CAROL, 1, 600, 20);

        sellMarket(ALICE, 2, IOC, 40);

        assertEquals(List.of(
            accepted(noSlotId(4), ALICE, 2, SELL, MARKET, IOC, 0, 40),
            trade(1, SELL, 1_000, 20, noSlotId(4), ALICE, 2, 20, bob, BOB, 1, 0),
            bidLevel(1_000, 0, 0),
            trade(2, SELL, 600, 20, noSlotId(4), ALICE, 2, 0, carol, CAROL, 1, 0),
            bidLevel(600, 0, 0)), events());
        assertEquals(List.of(
            bids(450, 20, 1),
            bid(450, alice, ALICE, 1, 20)), book());
    }

    @Test
    void shouldRestOrderAtNegativePrice()
    {
        spreadOrder(ALICE, 1, BUY, -50, 5);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(id(1, 0), ALICE, 1, SPREAD, BUY, LIMIT, GTC, -50, 5),
            spreadLevel(BUY, -50, 5, 1)), events());
        assertEquals(-50, engine.bestBid(SPREAD));
    }

    @Test
    void shouldTradeAtNegativeMakerPrice()
    {
        spreadOrder(BOB, 1, BUY, -50, 5);
        events();

        spreadOrder(ALICE, 1, SELL, -60, 5);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(id(2, 1), ALICE, 1, SPREAD, SELL, LIMIT, GTC, -60, 5),
            new EngineEvent.Trade(1, SPREAD, SELL, -50, 5, id(2, 1), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            spreadLevel(BUY, -50, 0, 0)), events());
    }

    @Test
    void shouldRankNegativePricesLikeAnyOther()
    {
        spreadOrder(BOB, 1, BUY, -50, 1);
        spreadOrder(BOB, 2, BUY, -10, 2);
        spreadOrder(BOB, 3, BUY, -30, 3);
        spreadOrder(CAROL, 1, SELL, 20, 4);
        spreadOrder(CAROL, 2, SELL, -5, 5);
        spreadOrder(CAROL, 3, SELL, 0, 6);
        events();

        assertEquals(List.of(
            new Level(BUY, -10, 2, 1),
            new Resting(BUY, -10, id(2, 1), BOB, 2, 2, CANCEL_TAKER, false),
            new Level(BUY, -30, 3, 1),
            new Resting(BUY, -30, id(3, 2), BOB, 3, 3, CANCEL_TAKER, false),
            new Level(BUY, -50, 1, 1),
            new Resting(BUY, -50, id(1, 0), BOB, 1, 1, CANCEL_TAKER, false),
            new Level(SELL, -5, 5, 1),
            new Resting(SELL, -5, id(5, 4), CAROL, 2, 5, CANCEL_TAKER, false),
            new Level(SELL, 0, 6, 1),
            new Resting(SELL, 0, id(6, 5), CAROL, 3, 6, CANCEL_TAKER, false),
            new Level(SELL, 20, 4, 1),
            new Resting(SELL, 20, id(4, 3), CAROL, 1, 4, CANCEL_TAKER, false)), book(SPREAD));
    }

    @Test
    void shouldSweepAsksAcrossZero()
    {
        spreadOrder(BOB, 1, SELL, 10, 1);
        spreadOrder(BOB, 2, SELL, 0, 2);
        spreadOrder(BOB, 3, SELL, -10, 3);
        events();

        spreadOrder(ALICE, 1, BUY, 10, 6);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(id(4, 3), ALICE, 1, SPREAD, BUY, LIMIT, GTC, 10, 6),
            new EngineEvent.Trade(1, SPREAD, BUY, -10, 3, id(4, 3), ALICE, 1, 3, id(3, 2), BOB, 3, 0),
            spreadLevel(SELL, -10, 0, 0),
            new EngineEvent.Trade(2, SPREAD, BUY, 0, 2, id(4, 3), ALICE, 1, 1, id(2, 1), BOB, 2, 0),
            spreadLevel(SELL, 0, 0, 0),
            new EngineEvent.Trade(3, SPREAD, BUY, 10, 1, id(4, 3), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            spreadLevel(SELL, 10, 0, 0)), events());
    }

    @Test
    void shouldRejectNegativePriceOffTick()
    {
        spreadOrder(ALICE, 1, BUY, -52, 5);

        assertEquals(List.of(new EngineEvent.OrderRejected(ALICE, 1, SPREAD, PRICE_OFF_TICK)), events());
    }

    @Test
    void shouldRejectNegativePriceBelowBand()
    {
        spreadOrder(ALICE, 1, SELL, -105, 5);

        assertEquals(List.of(new EngineEvent.OrderRejected(ALICE, 1, SPREAD, PRICE_OUTSIDE_BAND)), events());
    }

    @Test
    void shouldAcceptLowestNegativePriceOfBand()
    {
        spreadOrder(ALICE, 1, SELL, -100, 5);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(id(1, 0), ALICE, 1, SPREAD, SELL, LIMIT, GTC, -100, 5),
            spreadLevel(SELL, -100, 5, 1)), events());
    }

    @Test
    void shouldCancelNegativeOrdersOutsideNarrowedBand()
    {
        spreadOrder(BOB, 1, BUY, -90, 1);
        spreadOrder(BOB, 2, BUY, -20, 2);
        spreadOrder(BOB, 3, SELL, 50, 3);
        events();

        engine.defineInstrument(SPREAD, SPREAD_SYMBOL, 5, 1, 1, 100, -50, 20);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(SPREAD, SPREAD_SYMBOL, 5, 1, 1, 100, -50, 20),
            new EngineEvent.OrderCancelled(id(1, 0), BOB, 1, SPREAD, BUY, 1, OUTSIDE_BAND),
            spreadLevel(BUY, -90, 0, 0),
            new EngineEvent.OrderCancelled(id(3, 2), BOB, 3, SPREAD, SELL, 3, OUTSIDE_BAND),
            spreadLevel(SELL, 50, 0, 0)), events());
        assertEquals(List.of(
            new Level(BUY, -20, 2, 1),
            new Resting(BUY, -20, id(2, 1), BOB, 2, 2, CANCEL_TAKER, false)), book(SPREAD));
    }

    @Test
    void shouldCancelOrdersOutsideNarrowedBandWhileHalted()
    {
        final long alice = givenBid(ALICE, 1, 60, 20);
        engine.haltTrading(ACME);
        events();

        redefineAcmeBand(80, 450);

        assertEquals(List.of(
            new EngineEvent.InstrumentDefined(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, 80, 450),
            cancelled(alice, ALICE, 1, BUY, 20, OUTSIDE_BAND),
            bidLevel(60, 0, 0)), events());
    }

    @Test
    void shouldKeepPriceOrderAcrossWideBook()
    {
        start(config().ticksPerBook(WIDE_TICKS));
        engine.defineInstrument(WIDE, "WIDE", 1, 1, 1, 100, -WIDE_TICKS / 2, WIDE_TICKS / 2 - 1);
        final long[] bidPrices = { 0, -8_192, 64, -1, -4_097, 63, -64 };
        final long[] askPrices = { 8_191, 4_096, 4_095, 8_000, 4_160 };
        for (int i = 0; i < bidPrices.length; i++)
        {
            engine.newOrder(BOB, i + 1, WIDE, BUY, LIMIT, GTC, bidPrices[i], 1, false, CANCEL_TAKER);
        }
        for (int i = 0; i < askPrices.length; i++)
        {
            engine.newOrder(CAROL, i + 1, WIDE, SELL, LIMIT, GTC, askPrices[i], 1, false, CANCEL_TAKER);
        }
        events();

        engine.newOrder(ALICE, 1, WIDE, SELL, MARKET, IOC, 0, 7, false, CANCEL_TAKER);

        assertEquals(List.of(
            new EngineEvent.OrderAccepted(noSlotId(13), ALICE, 1, WIDE, SELL, MARKET, IOC, 0, 7),
            new EngineEvent.Trade(1, WIDE, SELL, 64, 1, noSlotId(13), ALICE, 1, 6, id(3, 2), BOB, 3, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, 64, 0, 0),
            new EngineEvent.Trade(2, WIDE, SELL, 63, 1, noSlotId(13), ALICE, 1, 5, id(6, 5), BOB, 6, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, 63, 0, 0),
            new EngineEvent.Trade(3, WIDE, SELL, 0, 1, noSlotId(13), ALICE, 1, 4, id(1, 0), BOB, 1, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, 0, 0, 0),
            new EngineEvent.Trade(4, WIDE, SELL, -1, 1, noSlotId(13), ALICE, 1, 3, id(4, 3), BOB, 4, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, -1, 0, 0),
            new EngineEvent.Trade(5, WIDE, SELL, -64, 1, noSlotId(13), ALICE, 1, 2, id(7, 6), BOB, 7, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, -64, 0, 0),
            new EngineEvent.Trade(6, WIDE, SELL, -4_097, 1, noSlotId(13), ALICE, 1, 1, id(5, 4), BOB, 5, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, -4_097, 0, 0),
            new EngineEvent.Trade(7, WIDE, SELL, -8_192, 1, noSlotId(13), ALICE, 1, 0, id(2, 1), BOB, 2, 0),
            new EngineEvent.PriceLevelChanged(WIDE, BUY, -8_192, 0, 0)), events());
        assertEquals(List.of(
            new Level(SELL, 4_095, 1, 1),
            new Resting(SELL, 4_095, id(10, 9), CAROL, 3, 1, CANCEL_TAKER, false),
            new Level(SELL, 4_096, 1, 1),
            new Resting(SELL, 4_096, id(9, 8), CAROL, 2, 1, CANCEL_TAKER, false),
            new Level(SELL, 4_160, 1, 1),
            new Resting(SELL, 4_160, id(12, 11), CAROL, 5, 1, CANCEL_TAKER, false),
            new Level(SELL, 8_000, 1, 1),
            new Resting(SELL, 8_000, id(11, 10), CAROL, 4, 1, CANCEL_TAKER, false),
            new Level(SELL, 8_191, 1, 1),
            new Resting(SELL, 8_191, id(8, 7), CAROL, 1, 1, CANCEL_TAKER, false)), book(WIDE));
    }

    private void redefineAcmeBand(final long lowPrice, final long highPrice)
    {
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, lowPrice, highPrice);
    }

    private void spreadOrder(
        final long account, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        engine.newOrder(account, clientOrderId, SPREAD, side, LIMIT, GTC, price, quantity, false, CANCEL_TAKER);
    }

    private static EngineEvent spreadLevel(
        final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        return new EngineEvent.PriceLevelChanged(SPREAD, side, price, totalQuantity, orderCount);
    }
}
