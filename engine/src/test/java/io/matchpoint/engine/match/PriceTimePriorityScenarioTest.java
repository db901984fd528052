package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Better price first, then first come first served within a level; every fill is at the maker's price and reports
 * both sides of the trade.
 */
class PriceTimePriorityScenarioTest extends ScenarioFixture
{
    @Test
    void shouldFillEarlierOrderFirstWithinLevel()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 100, 20);

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(3, 2), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 20, 1)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            ask(100, id(2, 1), CAROL, 1, 20)), book());
    }

    @Test
    void shouldFillLevelInArrivalOrder()
    {
        givenBid(CAROL, 1, 100, 20);
        givenBid(BOB, 1, 100, 30);
        givenBid(CAROL, 2, 100, 40);

        sell(ALICE, 1, 100, 90);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 1, SELL, 100, 90),
            trade(1, SELL, 100, 20, id(4, 3), ALICE, 1, 70, id(1, 0), CAROL, 1, 0),
            bidLevel(100, 70, 2),
            trade(2, SELL, 100, 30, id(4, 3), ALICE, 1, 40, id(2, 1), BOB, 1, 0),
            bidLevel(100, 40, 1),
            trade(3, SELL, 100, 40, id(4, 3), ALICE, 1, 0, id(3, 2), CAROL, 2, 0),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldKeepPartiallyFilledMakerAtFrontOfLevel()
    {
        givenAsk(BOB, 1, 100, 50);
        givenAsk(CAROL, 1, 100, 20);

        buy(ALICE, 1, 100, 20);
        events();

        assertEquals(List.of(
            asks(100, 50, 2),
            ask(100, id(1, 0), BOB, 1, 30),
            ask(100, id(2, 1), CAROL, 1, 20)), book());
    }

    @Test
    void shouldFillLowestAskFirstWhateverItsArrival()
    {
        givenAsk(BOB, 1, 110, 20);
        givenAsk(CAROL, 1, 105, 20);

        buy(ALICE, 1, 110, 20);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 1, BUY, 110, 20),
            trade(1, BUY, 105, 20, id(3, 2), ALICE, 1, 0, id(2, 1), CAROL, 1, 0),
            askLevel(105, 0, 0)), events());
    }

    @Test
    void shouldFillHighestBidFirstWhateverItsArrival()
    {
        givenBid(BOB, 1, 95, 20);
        givenBid(CAROL, 1, 100, 20);

        sell(ALICE, 1, 95, 20);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 1, SELL, 95, 20),
            trade(1, SELL, 100, 20, id(3, 2), ALICE, 1, 0, id(2, 1), CAROL, 1, 0),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldTradeAtMakersPriceWhenBuyerPaysMore()
    {
        givenAsk(BOB, 1, 100, 20);

        buy(ALICE, 1, 150, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 150, 20),
            trade(1, BUY, 100, 20, id(2, 1), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldTradeAtMakersPriceWhenSellerAsksLess()
    {
        givenBid(BOB, 1, 150, 20);

        sell(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, SELL, 100, 20),
            trade(1, SELL, 150, 20, id(2, 1), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            bidLevel(150, 0, 0)), events());
    }

    @Test
    void shouldReportBothSidesOfTrade()
    {
        givenBid(BOB, 77, 100, 50);

        sell(ALICE, 88, 100, 30);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 88, SELL, 100, 30),
            new EngineEvent.Trade(
                1, ACME, SELL, 100, 30,
                id(2, 1), ALICE, 88, 0,
                id(1, 0), BOB, 77, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldGiveEachFillItsOwnTradeId()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 100, 20);
        givenAsk(BOB, 3, 105, 20);
        buy(ALICE, 1, 100, 40);
        events();

        // Alice's order took slot 3, filled in full and freed it after Bob's slots 0 and 1: Carol's takes it again
        buy(CAROL, 1, 105, 20);

        assertEquals(List.of(
            accepted(id(5, 3), CAROL, 1, BUY, 105, 20),
            trade(3, BUY, 105, 20, id(5, 3), CAROL, 1, 0, id(3, 2), BOB, 3, 0),
            askLevel(105, 0, 0)), events());
        assertEquals(4, engine.nextTradeId());
    }

    @Test
    void shouldRestRemainderAheadOfLaterOrdersAtItsPrice()
    {
        givenAsk(CAROL, 1, 95, 20);
        buy(ALICE, 1, 100, 50);

        buy(BOB, 1, 100, 20); // in Carol's slot, freed when Alice filled her
        events();

        assertEquals(List.of(
            bids(100, 50, 2),
            bid(100, id(2, 1), ALICE, 1, 30),
            bid(100, id(3, 0), BOB, 1, 20)), book());
    }

    @Test
    void shouldCrossEachLevelOnlyWhileItsPriceIsWithinLimit()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);

        buy(ALICE, 1, 100, 60);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 1, BUY, 100, 60),
            trade(1, BUY, 100, 20, id(4, 3), ALICE, 1, 40, id(1, 0), BOB, 1, 0),
            askLevel(100, 20, 1),
            trade(2, BUY, 100, 20, id(4, 3), ALICE, 1, 20, id(2, 1), CAROL, 1, 0),
            askLevel(100, 0, 0),
            bidLevel(100, 20, 1)), events());
        assertEquals(100, engine.bestBid(ACME));
        assertEquals(105, engine.bestAsk(ACME));
    }
}
