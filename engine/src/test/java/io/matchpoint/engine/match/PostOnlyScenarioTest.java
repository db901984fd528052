package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.RejectReason.POST_ONLY_WOULD_CROSS;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Post-only orders only ever add liquidity: one that would take is rejected before it gets an order id.
 */
class PostOnlyScenarioTest extends ScenarioFixture
{
    @Test
    void shouldRestPostOnlyBuyOnEmptyBook()
    {
        buyPostOnly(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            new Resting(BUY, 100, id(1, 0), ALICE, 1, 20, CANCEL_TAKER, true)), book());
    }

    @Test
    void shouldRestPostOnlyBuyBelowBestAsk()
    {
        givenAsk(BOB, 1, 105, 20);

        buyPostOnly(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldRejectPostOnlyBuyAtBestAsk()
    {
        givenAsk(BOB, 1, 105, 20);

        buyPostOnly(ALICE, 1, 105, 20);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_WOULD_CROSS)), events());
        assertEquals(List.of(
            asks(105, 20, 1),
            ask(105, id(1, 0), BOB, 1, 20)), book());
    }

    @Test
    void shouldRejectPostOnlyBuyThroughBestAsk()
    {
        givenAsk(BOB, 1, 105, 20);

        buyPostOnly(ALICE, 1, 120, 20);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_WOULD_CROSS)), events());
    }

    @Test
    void shouldRestPostOnlySellAboveBestBid()
    {
        givenBid(BOB, 1, 100, 20);

        sellPostOnly(ALICE, 1, 105, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, SELL, 105, 20),
            askLevel(105, 20, 1)), events());
        assertEquals(List.of(
            bids(100, 20, 1),
            bid(100, id(1, 0), BOB, 1, 20),
            asks(105, 20, 1),
            new Resting(SELL, 105, id(2, 1), ALICE, 1, 20, CANCEL_TAKER, true)), book());
    }

    @Test
    void shouldRejectPostOnlySellAtBestBid()
    {
        givenBid(BOB, 1, 100, 20);

        sellPostOnly(ALICE, 1, 100, 20);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_WOULD_CROSS)), events());
    }

    @Test
    void shouldRejectPostOnlySellThroughBestBid()
    {
        givenBid(BOB, 1, 100, 20);

        sellPostOnly(ALICE, 1, 60, 20);

        assertEquals(List.of(rejected(ALICE, 1, POST_ONLY_WOULD_CROSS)), events());
    }

    @Test
    void shouldRejectPostOnlyThatWouldCrossOwnOrder()
    {
        givenAsk(ALICE, 1, 105, 20);

        buyPostOnly(ALICE, 2, 105, 20);

        assertEquals(List.of(rejected(ALICE, 2, POST_ONLY_WOULD_CROSS)), events());
    }

    @Test
    void shouldNotConsumeOrderIdWhenPostOnlyRejected()
    {
        givenAsk(BOB, 1, 105, 20);
        buyPostOnly(ALICE, 1, 105, 20);
        events();

        buyPostOnly(ALICE, 2, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }

    @Test
    void shouldTradeRestingPostOnlyOrderAsMaker()
    {
        buyPostOnly(ALICE, 1, 100, 30);
        events();

        sell(BOB, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 1), BOB, 1, SELL, 100, 20),
            trade(1, SELL, 100, 20, id(2, 1), BOB, 1, 0, id(1, 0), ALICE, 1, 10),
            bidLevel(100, 10, 1)), events());
    }
}
