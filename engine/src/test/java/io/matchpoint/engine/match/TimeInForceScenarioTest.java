package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.FOK_NOT_FILLABLE;
import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.CancelReason.SELF_TRADE;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_BOTH;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_MAKER;
import static io.matchpoint.engine.match.SelfTradePrevention.DECREMENT_AND_CANCEL;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * IOC trades what it can and cancels the rest; FOK trades all of it at once or nothing, leaving no trace.
 */
class TimeInForceScenarioTest extends ScenarioFixture
{
    @Test
    void shouldCancelIocOnEmptyBookWithNoLiquidity()
    {
        buyIoc(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(1), ALICE, 1, BUY, LIMIT, IOC, 100, 30),
            cancelled(noSlotId(1), ALICE, 1, BUY, 30, NO_LIQUIDITY)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldCancelIocRemainderAfterPartialFill()
    {
        givenAsk(BOB, 1, 100, 20);

        buyIoc(ALICE, 1, 100, 50);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, LIMIT, IOC, 100, 50),
            trade(1, BUY, 100, 20, noSlotId(2), ALICE, 1, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(2), ALICE, 1, BUY, 30, NO_LIQUIDITY)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldNotTradeIocBeyondItsLimit()
    {
        givenAsk(BOB, 1, 105, 20);

        sellIoc(ALICE, 1, 110, 20);
        buyIoc(ALICE, 2, 100, 20);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, SELL, LIMIT, IOC, 110, 20),
            cancelled(noSlotId(2), ALICE, 1, SELL, 20, NO_LIQUIDITY),
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, IOC, 100, 20),
            cancelled(noSlotId(3), ALICE, 2, BUY, 20, NO_LIQUIDITY)), events());
        assertEquals(List.of(
            asks(105, 20, 1),
            ask(105, id(1, 0), BOB, 1, 20)), book());
    }

    @Test
    void shouldFillIocInFullWithoutCancel()
    {
        givenAsk(BOB, 1, 100, 50);

        buyIoc(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, LIMIT, IOC, 100, 30),
            trade(1, BUY, 100, 30, noSlotId(2), ALICE, 1, 0, id(1, 0), BOB, 1, 20),
            askLevel(100, 20, 1)), events());
    }

    @Test
    void shouldFillFokInFullAcrossLevels()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 105, 30);

        buyFok(ALICE, 1, 105, 40);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, LIMIT, FOK, 105, 40),
            trade(1, BUY, 100, 20, noSlotId(3), ALICE, 1, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            trade(2, BUY, 105, 20, noSlotId(3), ALICE, 1, 0, id(2, 1), CAROL, 1, 10),
            askLevel(105, 10, 1)), events());
    }

    @Test
    void shouldFillFokMatchingExactlyTheQuantityAvailable()
    {
        givenBid(BOB, 1, 100, 20);
        givenBid(CAROL, 1, 100, 30);

        sellFok(ALICE, 1, 100, 50);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, SELL, LIMIT, FOK, 100, 50),
            trade(1, SELL, 100, 20, noSlotId(3), ALICE, 1, 30, id(1, 0), BOB, 1, 0),
            bidLevel(100, 30, 1),
            trade(2, SELL, 100, 30, noSlotId(3), ALICE, 1, 0, id(2, 1), CAROL, 1, 0),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldCancelFokThatCannotFillInFull()
    {
        givenAsk(BOB, 1, 100, 20);

        buyFok(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, LIMIT, FOK, 100, 30),
            cancelled(noSlotId(2), ALICE, 1, BUY, 30, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldLeaveNoTraceWhenFokCannotFill()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 105, 20);
        final List<BookEntry> bookBefore = book();

        buyFok(ALICE, 1, 105, 50);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, LIMIT, FOK, 105, 50),
            cancelled(noSlotId(3), ALICE, 1, BUY, 50, FOK_NOT_FILLABLE)), events());
        assertEquals(bookBefore, book());
        assertEquals(1, engine.nextTradeId());
    }

    @Test
    void shouldNotCountLiquidityBeyondFokLimit()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 110, 50);

        buyFok(ALICE, 1, 105, 30);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, LIMIT, FOK, 105, 30),
            cancelled(noSlotId(3), ALICE, 1, BUY, 30, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldCancelFokOnEmptyBook()
    {
        sellFok(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(1), ALICE, 1, SELL, LIMIT, FOK, 100, 30),
            cancelled(noSlotId(1), ALICE, 1, SELL, 30, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldStopFokCheckAtOwnOrderEvenWithEnoughLiquidityBehindIt()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(BOB, 2, 105, 50);
        final List<BookEntry> bookBefore = book();

        buyFok(ALICE, 2, 105, 30);

        assertEquals(List.of(
            accepted(noSlotId(4), ALICE, 2, BUY, LIMIT, FOK, 105, 30),
            cancelled(noSlotId(4), ALICE, 2, BUY, 30, FOK_NOT_FILLABLE)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldStopFokCheckAtOwnOrderWithCancelBoth()
    {
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 100, 50);

        buyFok(ALICE, 2, 100, 30, CANCEL_BOTH);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, FOK, 100, 30),
            cancelled(noSlotId(3), ALICE, 2, BUY, 30, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldStopFokCheckAtOwnOrderWithDecrementAndCancel()
    {
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(BOB, 1, 100, 50);

        buyFok(ALICE, 2, 100, 30, DECREMENT_AND_CANCEL);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, FOK, 100, 30),
            cancelled(noSlotId(3), ALICE, 2, BUY, 30, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldFillFokWhenOwnOrderLiesBehindEnoughLiquidity()
    {
        givenAsk(BOB, 1, 100, 30);
        givenAsk(ALICE, 1, 100, 20);

        buyFok(ALICE, 2, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, FOK, 100, 30),
            trade(1, BUY, 100, 30, noSlotId(3), ALICE, 2, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 20, 1)), events());
    }

    @Test
    void shouldSkipOwnOrderInFokCheckWithCancelMaker()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(ALICE, 1, 100, 20);
        givenAsk(CAROL, 1, 100, 20);

        buyFok(ALICE, 2, 100, 40, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(noSlotId(4), ALICE, 2, BUY, LIMIT, FOK, 100, 40),
            trade(1, BUY, 100, 20, noSlotId(4), ALICE, 2, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 40, 2),
            cancelled(id(2, 1), ALICE, 1, SELL, 20, SELF_TRADE),
            askLevel(100, 20, 1),
            trade(2, BUY, 100, 20, noSlotId(4), ALICE, 2, 0, id(3, 2), CAROL, 1, 0),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldNotCountOwnOrderTowardFokWithCancelMaker()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(ALICE, 1, 100, 20);
        final List<BookEntry> bookBefore = book();

        buyFok(ALICE, 2, 100, 40, CANCEL_MAKER);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, LIMIT, FOK, 100, 40),
            cancelled(noSlotId(3), ALICE, 2, BUY, 40, FOK_NOT_FILLABLE)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldNotRestIocRemainder()
    {
        sellIoc(ALICE, 1, 100, 30);
        events();

        assertEquals(List.of(), book());
        assertEquals(0, engine.restingOrderCount());
    }
}
