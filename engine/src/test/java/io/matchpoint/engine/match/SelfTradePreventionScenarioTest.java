package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.SELF_TRADE;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_BOTH;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_MAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.DECREMENT_AND_CANCEL;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two orders of one account never trade: the taker's self-trade prevention mode decides what happens instead.
 */
class SelfTradePreventionScenarioTest extends ScenarioFixture
{
    @Test
    void shouldCancelTakerAndKeepMakerWithCancelTaker()
    {
        final long maker = givenAsk(ALICE, 1, 100, 20);

        buy(ALICE, 2, 100, 30, CANCEL_TAKER);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 30),
            cancelled(id(2, 1), ALICE, 2, BUY, 30, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            ask(100, maker, ALICE, 1, 20)), book());
    }

    @Test
    void shouldCancelTakersRemainderAfterTradingWithOthers()
    {
        givenAsk(BOB, 1, 100, 20);
        final long own = givenAsk(ALICE, 1, 100, 20);
        final long carol = givenAsk(CAROL, 1, 100, 20);

        buy(ALICE, 2, 100, 50, CANCEL_TAKER);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 2, BUY, 100, 50),
            trade(1, BUY, 100, 20, id(4, 3), ALICE, 2, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 40, 2),
            cancelled(id(4, 3), ALICE, 2, BUY, 30, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(100, 40, 2),
            ask(100, own, ALICE, 1, 20),
            ask(100, carol, CAROL, 1, 20)), book());
    }

    @Test
    void shouldCancelMakerAndGoOnMatchingWithCancelMaker()
    {
        final long own = givenAsk(ALICE, 1, 100, 20);
        final long bob = givenAsk(BOB, 1, 100, 30);

        buy(ALICE, 2, 100, 30, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 2, BUY, 100, 30),
            cancelled(own, ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 30, 1),
            trade(1, BUY, 100, 30, id(3, 2), ALICE, 2, 0, bob, BOB, 1, 0),
            askLevel(100, 0, 0)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldCancelOwnMakersOnSeveralLevelsWithCancelMaker()
    {
        final long first = givenAsk(ALICE, 1, 100, 20);
        final long second = givenAsk(ALICE, 2, 105, 20);
        final long bob = givenAsk(BOB, 1, 110, 20);

        buy(ALICE, 3, 110, 20, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(id(4, 3), ALICE, 3, BUY, 110, 20),
            cancelled(first, ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 0, 0),
            cancelled(second, ALICE, 2, SELL, 20, SELF_TRADE),
            askLevel(105, 0, 0),
            trade(1, BUY, 110, 20, id(4, 3), ALICE, 3, 0, bob, BOB, 1, 0),
            askLevel(110, 0, 0)), events());
    }

    @Test
    void shouldRestTakerAfterCancellingMakerWithCancelMaker()
    {
        final long own = givenAsk(ALICE, 1, 100, 20);

        buy(ALICE, 2, 100, 30, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 30),
            cancelled(own, ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 0, 0),
            bidLevel(100, 30, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            new Resting(BUY, 100, id(2, 1), ALICE, 2, 30, CANCEL_MAKER, false)), book());
    }

    @Test
    void shouldCancelMakerThenTakerWithCancelBoth()
    {
        final long own = givenAsk(ALICE, 1, 100, 20);
        final long bob = givenAsk(BOB, 1, 100, 20);

        buy(ALICE, 2, 100, 30, CANCEL_BOTH);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 2, BUY, 100, 30),
            cancelled(own, ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 20, 1),
            cancelled(id(3, 2), ALICE, 2, BUY, 30, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            ask(100, bob, BOB, 1, 20)), book());
    }

    @Test
    void shouldReduceLargerMakerAndCancelTakerWithDecrementAndCancel()
    {
        final long own = givenAsk(ALICE, 1, 100, 50);

        buy(ALICE, 2, 100, 20, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 20),
            reduced(own, ALICE, 1, SELL, 20, 30),
            askLevel(100, 30, 1),
            cancelled(id(2, 1), ALICE, 2, BUY, 20, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(100, 30, 1),
            ask(100, own, ALICE, 1, 30)), book());
    }

    @Test
    void shouldCancelSmallerMakerAndReduceTakerWithDecrementAndCancel()
    {
        final long own = givenAsk(ALICE, 1, 100, 20);
        final long bob = givenAsk(BOB, 1, 100, 20);

        buy(ALICE, 2, 100, 50, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 2, BUY, 100, 50),
            cancelled(own, ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 20, 1),
            reduced(id(3, 2), ALICE, 2, BUY, 20, 30),
            trade(1, BUY, 100, 20, id(3, 2), ALICE, 2, 10, bob, BOB, 1, 0),
            askLevel(100, 0, 0),
            bidLevel(100, 10, 1)), events());
        assertEquals(List.of(
            bids(100, 10, 1),
            new Resting(BUY, 100, id(3, 2), ALICE, 2, 10, DECREMENT_AND_CANCEL, false)), book());
    }

    @Test
    void shouldCancelBothWhenSizesEqualWithDecrementAndCancel()
    {
        final long own = givenAsk(ALICE, 1, 100, 30);

        buy(ALICE, 2, 100, 30, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 30),
            cancelled(own, ALICE, 1, SELL, 30, SELF_TRADE),
            askLevel(100, 0, 0),
            cancelled(id(2, 1), ALICE, 2, BUY, 30, SELF_TRADE)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldReduceLargerBidWhenSellTakerDecrementsAndCancels()
    {
        final long own = givenBid(ALICE, 1, 100, 50);

        sell(ALICE, 2, 100, 20, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, SELL, 100, 20),
            reduced(own, ALICE, 1, BUY, 20, 30),
            bidLevel(100, 30, 1),
            cancelled(id(2, 1), ALICE, 2, SELL, 20, SELF_TRADE)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, own, ALICE, 1, 30)), book());
    }

    @Test
    void shouldReduceSellTakerLargerThanBidWithDecrementAndCancel()
    {
        final long own = givenBid(ALICE, 1, 100, 20);

        sell(ALICE, 2, 100, 50, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, SELL, 100, 50),
            cancelled(own, ALICE, 1, BUY, 20, SELF_TRADE),
            bidLevel(100, 0, 0),
            reduced(id(2, 1), ALICE, 2, SELL, 20, 30),
            askLevel(100, 30, 1)), events());
    }

    @Test
    void shouldDecrementAgainstRemainderLeftAfterTrading()
    {
        givenAsk(BOB, 1, 100, 20);
        final long own = givenAsk(ALICE, 1, 100, 50);

        buy(ALICE, 2, 100, 40, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(id(3, 2), ALICE, 2, BUY, 100, 40),
            trade(1, BUY, 100, 20, id(3, 2), ALICE, 2, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 50, 1),
            reduced(own, ALICE, 1, SELL, 20, 30),
            askLevel(100, 30, 1),
            cancelled(id(3, 2), ALICE, 2, BUY, 20, SELF_TRADE)), events());
    }

    @Test
    void shouldFollowTakersModeNotMakers()
    {
        final long own = givenAsk(ALICE, 1, 100, 20, CANCEL_MAKER);

        buy(ALICE, 2, 100, 20, CANCEL_TAKER);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 2, BUY, 100, 20),
            cancelled(id(2, 1), ALICE, 2, BUY, 20, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(100, 20, 1),
            new Resting(SELL, 100, own, ALICE, 1, 20, CANCEL_MAKER, false)), book());
    }

    @Test
    void shouldTradeWithOtherAccountsWhateverTheMode()
    {
        final long bob = givenAsk(BOB, 1, 100, 20, CANCEL_BOTH);

        buy(ALICE, 1, 100, 20, CANCEL_BOTH);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 100, 20),
            trade(1, BUY, 100, 20, id(2, 1), ALICE, 1, 0, bob, BOB, 1, 0),
            askLevel(100, 0, 0)), events());
    }
}
