package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GTC limit orders: accept, match against the opposite side up to the limit, rest what is left.
 */
class LimitOrderScenarioTest extends ScenarioFixture
{
    @Test
    void shouldRestBuyOnEmptyBook()
    {
        buy(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, 100, 30),
            bidLevel(100, 30, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, id(1, 0), ALICE, 1, 30)), book());
    }

    @Test
    void shouldRestSellOnEmptyBook()
    {
        sell(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, SELL, 100, 30),
            askLevel(100, 30, 1)), events());
        assertEquals(List.of(
            asks(100, 30, 1),
            ask(100, id(1, 0), ALICE, 1, 30)), book());
    }

    @Test
    void shouldRestAtBackOfExistingLevel()
    {
        givenBid(ALICE, 1, 100, 30);

        buy(BOB, 7, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), BOB, 7, BUY, 100, 20),
            bidLevel(100, 50, 2)), events());
        assertEquals(List.of(
            bids(100, 50, 2),
            bid(100, id(1, 0), ALICE, 1, 30),
            bid(100, id(2, 1), BOB, 7, 20)), book());
    }

    @Test
    void shouldRestWithoutTradingWhenLimitDoesNotReachBestAsk()
    {
        givenAsk(BOB, 1, 105, 30);

        buy(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 100, 30),
            bidLevel(100, 30, 1)), events());
        assertEquals(100, engine.bestBid(ACME));
        assertEquals(105, engine.bestAsk(ACME));
    }

    @Test
    void shouldTradeInFullAgainstEqualRestingOrder()
    {
        givenAsk(BOB, 1, 100, 30);

        buy(ALICE, 2, 100, 30);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 30),
            trade(1, BUY, 100, 30, id(2, 1), ALICE, 2, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldRestRemainderAfterPartialFill()
    {
        givenAsk(BOB, 1, 100, 30);

        buy(ALICE, 2, 100, 50);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 50),
            trade(1, BUY, 100, 30, id(2, 1), ALICE, 2, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            bidLevel(100, 20, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, id(2, 1), ALICE, 2, 20)), book());
    }

    @Test
    void shouldLeaveRemainderOfRestingOrderInBook()
    {
        givenAsk(BOB, 1, 100, 50);

        buy(ALICE, 2, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(2, 1), ALICE, 2, 0, id(1, 0), BOB, 1, 30),
            askLevel(100, 30, 1)), events());
        assertEquals(List.of(
            asks(100, 30, 1),
            ask(100, id(1, 0), BOB, 1, 30)), book());
    }

    @Test
    void shouldSweepLevelsUpToLimitAndRestTheRest()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 105, 20);
        givenAsk(BOB, 3, 110, 20);

        buy(ALICE, 1, 105, 60);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 1, BUY, 105, 60),
            trade(1, BUY, 100, 20, id(4, 3), ALICE, 1, 40, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            trade(2, BUY, 105, 20, id(4, 3), ALICE, 1, 20, id(2, 1), BOB, 2, 0),
            askLevel(105, 0, 0),
            bidLevel(105, 20, 1)), events());
        assertEquals(List.of(
            bids(105, 20, 1),
            bid(105, id(4, 3), ALICE, 1, 20),
            asks(110, 20, 1),
            ask(110, id(3, 2), BOB, 3, 20)), book());
    }

    @Test
    void shouldSellIntoBidsDownToLimit()
    {
        givenBid(BOB, 1, 110, 20);
        givenBid(BOB, 2, 105, 20);
        givenBid(BOB, 3, 100, 20);

        sell(ALICE, 1, 105, 30);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 1, SELL, 105, 30),
            trade(1, SELL, 110, 20, id(4, 3), ALICE, 1, 10, id(1, 0), BOB, 1, 0),
            bidLevel(110, 0, 0),
            trade(2, SELL, 105, 10, id(4, 3), ALICE, 1, 0, id(2, 1), BOB, 2, 10),
            bidLevel(105, 10, 1)), events());
        assertEquals(105, engine.bestBid(ACME));
        assertEquals(MatchingEngine.NULL_PRICE, engine.bestAsk(ACME));
    }

    @Test
    void shouldGiveOrderIdsOfTheAcceptanceSequenceAboveAFreshSlot()
    {
        buy(ALICE, 1, 100, 20);
        sell(BOB, 1, 200, 20);
        buy(CAROL, 1, 90, 20);

        // a pool of 64 orders: 7 slot bits; sequences 1, 2, 3 in slots 0, 1, 2
        assertEquals(List.of(
            accepted(128, ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1),
            accepted(257, BOB, 1, SELL, 200, 20),
            askLevel(200, 20, 1),
            accepted(386, CAROL, 1, BUY, 90, 20),
            bidLevel(90, 20, 1)), events());
        assertEquals(4, engine.nextOrderSequence());
        assertEquals(7, engine.orderIdSlotBits());
    }

    @Test
    void shouldReportNullPriceForEmptySides()
    {
        assertEquals(MatchingEngine.NULL_PRICE, engine.bestBid(ACME));
        assertEquals(MatchingEngine.NULL_PRICE, engine.bestAsk(ACME));
    }

    @Test
    void shouldReportBestBidAndBestAsk()
    {
        givenBid(ALICE, 1, 90, 20);
        givenBid(ALICE, 2, 95, 20);
        givenAsk(BOB, 1, 110, 20);
        givenAsk(BOB, 2, 105, 20);

        assertEquals(95, engine.bestBid(ACME));
        assertEquals(105, engine.bestAsk(ACME));
    }
}
