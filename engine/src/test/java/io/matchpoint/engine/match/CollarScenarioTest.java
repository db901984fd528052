package io.matchpoint.engine.match;

import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.CancelReason.OUTSIDE_COLLAR;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.RejectReason.PRICE_OUTSIDE_COLLAR;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The dynamic price collar: a limit price (of a new order, or the new price of a replace) further than the collar
 * from the instrument's reference price is refused, the reference being the band's middle tick before the first trade
 * and the last trade's price after; a market order trades no further than the collar from the reference price it
 * found on arrival, and what it cannot fill there is cancelled with the collar's own reason when liquidity lies
 * beyond. ACME: tick 5, band 50 to 500, so the middle is 275.
 */
class CollarScenarioTest extends ScenarioFixture
{
    @Test
    void shouldRefuseALimitPriceFurtherFromTheBandsMiddleThanTheCollarBeforeTheFirstTrade()
    {
        engine.setPriceCollar(ACME, 4); // 20 either side of 275
        assertEquals(List.of(new EngineEvent.PriceCollarSet(ACME, 4)), events());

        buy(ALICE, 1, 250, 20);
        sell(ALICE, 2, 300, 20);
        assertEquals(List.of(rejected(ALICE, 1, PRICE_OUTSIDE_COLLAR), rejected(ALICE, 2, PRICE_OUTSIDE_COLLAR)),
            events());

        final long bid = givenBid(ALICE, 3, 255, 20);
        final long ask = givenAsk(ALICE, 4, 295, 20);
        assertEquals(List.of(bids(255, 20, 1), bid(255, bid, ALICE, 3, 20), asks(295, 20, 1),
            ask(295, ask, ALICE, 4, 20)), book(), "the collar's edges are inside it");
    }

    @Test
    void shouldMeasureFromTheLastTradeOnceThereIsOne()
    {
        engine.setPriceCollar(ACME, 4);
        givenBid(BOB, 1, 260, 20);
        sell(ALICE, 1, 260, 20); // a trade at 260: the collar is now 240 to 280
        events();

        buy(CAROL, 1, 285, 20);
        final long bid = givenBid(CAROL, 2, 240, 20);

        assertEquals(List.of(bids(240, 20, 1), bid(240, bid, CAROL, 2, 20)), book());
    }

    @Test
    void shouldStopAMarketOrderAtTheCollarsEdgeAndCancelWhatIsLeftWithTheCollarsReason()
    {
        givenAsk(BOB, 1, 280, 20);
        givenAsk(BOB, 2, 285, 20);
        final long beyond = givenAsk(BOB, 3, 290, 20);
        engine.setPriceCollar(ACME, 2); // set after the asks rest: a buy may now trade up to 275 + 10
        events();

        submit(ALICE, 1, BUY, MARKET, IOC, 0, 60, false, CANCEL_TAKER);

        final List<EngineEvent> events = events();
        assertEquals(2, events.stream().filter(event -> event instanceof EngineEvent.Trade).count(), "280 and 285");
        assertEquals(new EngineEvent.OrderCancelled(noSlotId(4), ALICE, 1, ACME, BUY, 20, OUTSIDE_COLLAR),
            events.get(events.size() - 1));
        assertEquals(List.of(asks(290, 20, 1), ask(290, beyond, BOB, 3, 20)), book(),
            "the limit was fixed on arrival: the trades at 280 and 285 did not move it on");
    }

    @Test
    void shouldCancelWhatAMarketOrderCannotFillWithNoLiquidityWhenNothingLiesBeyondTheCollar()
    {
        engine.setPriceCollar(ACME, 2);
        givenAsk(BOB, 1, 280, 20);
        events();

        submit(ALICE, 1, BUY, MARKET, IOC, 0, 60, false, CANCEL_TAKER);

        final List<EngineEvent> events = events();
        assertEquals(new EngineEvent.OrderCancelled(noSlotId(2), ALICE, 1, ACME, BUY, 40, NO_LIQUIDITY),
            events.get(events.size() - 1));
    }

    @Test
    void shouldRefuseAReplaceToAPriceOutsideTheCollarButLetAnOrderShrinkWhereItIs()
    {
        final long order = givenBid(ALICE, 1, 260, 40);
        engine.setPriceCollar(ACME, 1); // 270 to 280: the order at 260 is left outside
        events();

        engine.replaceOrder(ALICE, order, 2, 265, 40);
        engine.replaceOrder(ALICE, order, 3, 260, 20);

        assertEquals(List.of(
            replaceRejected(ALICE, order, 2, PRICE_OUTSIDE_COLLAR),
            replaced(order, ALICE, 3, BUY, 260, 20, true),
            bidLevel(260, 20, 1)), events());
    }

    @Test
    void shouldRefuseACollarOnAnUnknownInstrumentOrBelowZeroAndLiftOneAtZero()
    {
        engine.setPriceCollar(99, 4);
        engine.setPriceCollar(ACME, -1);
        engine.setPriceCollar(ACME, 1);
        engine.setPriceCollar(ACME, 0);
        buy(ALICE, 1, 50, 20);

        final List<EngineEvent> events = events();
        assertEquals(List.of(
            new EngineEvent.InstrumentRejected(99, RejectReason.UNKNOWN_INSTRUMENT),
            new EngineEvent.InstrumentRejected(ACME, RejectReason.INVALID_INSTRUMENT_DEFINITION),
            new EngineEvent.PriceCollarSet(ACME, 1),
            new EngineEvent.PriceCollarSet(ACME, 0)), events.subList(0, 4));
        assertEquals(List.of(bids(50, 20, 1), bid(50, acceptedId(events), ALICE, 1, 20)), book(),
            "no collar: the band's edge is fine");
    }

    @Test
    void shouldMeasureAPercentCollarFromTheReferenceRoundedDownToWholeTicks()
    {
        engine.setPriceCollar(ACME, 0, 400); // 4% of 275 is 11: two ticks of 5, so 265 to 285
        assertEquals(List.of(new EngineEvent.PriceCollarSet(ACME, 0, 400)), events());

        buy(ALICE, 1, 260, 20);
        sell(ALICE, 2, 290, 20);
        assertEquals(List.of(rejected(ALICE, 1, PRICE_OUTSIDE_COLLAR), rejected(ALICE, 2, PRICE_OUTSIDE_COLLAR)),
            events());
        givenBid(BOB, 1, 265, 20);
        givenAsk(BOB, 2, 285, 20);

        sell(CAROL, 1, 265, 20); // a trade at 265: 4% of 265 is 10.6, two ticks again, so 255 to 275
        events();
        buy(ALICE, 3, 280, 20);
        assertEquals(List.of(rejected(ALICE, 3, PRICE_OUTSIDE_COLLAR)), events(), "280 is now outside");
        givenBid(ALICE, 4, 255, 20);
    }

    @Test
    void shouldRefuseACollarInTicksAndInPercentAtOnceOrWiderThanTheWholePrice()
    {
        engine.setPriceCollar(ACME, 2, 100);
        engine.setPriceCollar(ACME, 0, 10_001);
        engine.setPriceCollar(ACME, 0, -5);
        engine.setPriceCollar(ACME, 0, 10_000);

        assertEquals(List.of(
            new EngineEvent.InstrumentRejected(ACME, RejectReason.INVALID_INSTRUMENT_DEFINITION),
            new EngineEvent.InstrumentRejected(ACME, RejectReason.INVALID_INSTRUMENT_DEFINITION),
            new EngineEvent.InstrumentRejected(ACME, RejectReason.INVALID_INSTRUMENT_DEFINITION),
            new EngineEvent.PriceCollarSet(ACME, 0, 10_000)), events());
        assertEquals(10_000, engine.collarBasisPoints(ACME));
        assertEquals(275, engine.referencePrice(ACME));
    }

    @Test
    void shouldKeepTheCollarAndTheReferencePriceInTheSavedStateAndTheDigest() throws IOException
    {
        final long before = engine.digest();
        engine.setPriceCollar(ACME, 4);
        assertNotEquals(before, engine.digest());
        givenBid(BOB, 1, 260, 20);
        sell(ALICE, 1, 260, 20);
        events();

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.saveState(new DataOutputStream(bytes));
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        loaded.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(engine.digest(), loaded.digest());
        loaded.newOrder(CAROL, 1, ACME, SELL, OrderType.LIMIT, TimeInForce.GTC, 285, 20, false, CANCEL_TAKER);
        assertEquals(List.of(rejected(CAROL, 1, PRICE_OUTSIDE_COLLAR)), loadedEvents.drain(),
            "measured from the last trade, 260, as saved");

        final long inTicks = engine.digest();
        engine.setPriceCollar(ACME, 0, 800); // 8% of 260 is 20.8: four ticks, as 4 ticks above, but another collar
        assertNotEquals(inTicks, engine.digest());
    }
}
