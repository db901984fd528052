package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.FOK_NOT_FILLABLE;
import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every change of an aggregated price level is reported with its new total and order count; a level that empties is
 * reported with count 0.
 */
class PriceLevelEventScenarioTest extends ScenarioFixture
{
    @Test
    void shouldReportNewLevel()
    {
        sell(ALICE, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(1, 0), ALICE, 1, SELL, 100, 30),
            askLevel(100, 30, 1)), events());
    }

    @Test
    void shouldReportTotalAndCountWhenOrderJoinsLevel()
    {
        givenAsk(ALICE, 1, 100, 30);
        givenAsk(BOB, 1, 100, 20);

        sell(CAROL, 1, 100, 40);

        assertEquals(List.of(
            accepted(id(3, 2), CAROL, 1, SELL, 100, 40),
            askLevel(100, 90, 3)), events());
    }

    @Test
    void shouldReportOnlyTheLevelThatChanged()
    {
        givenBid(ALICE, 1, 100, 30);
        givenBid(ALICE, 2, 95, 30);

        buy(BOB, 1, 95, 20);

        assertEquals(List.of(
            accepted(id(3, 2), BOB, 1, BUY, 95, 20),
            bidLevel(95, 50, 2)), events());
    }

    @Test
    void shouldReportLowerTotalAfterPartialFillOfMaker()
    {
        givenAsk(ALICE, 1, 100, 30);
        givenAsk(BOB, 1, 100, 20);

        buyIoc(CAROL, 1, 100, 20);

        assertEquals(List.of(
            accepted(noSlotId(3), CAROL, 1, BUY, LIMIT, IOC, 100, 20),
            trade(1, BUY, 100, 20, noSlotId(3), CAROL, 1, 0, id(1, 0), ALICE, 1, 10),
            askLevel(100, 30, 2)), events());
    }

    @Test
    void shouldReportLowerCountAfterMakerFilledInFull()
    {
        givenAsk(ALICE, 1, 100, 30);
        givenAsk(BOB, 1, 100, 20);

        buyIoc(CAROL, 1, 100, 30);

        assertEquals(List.of(
            accepted(noSlotId(3), CAROL, 1, BUY, LIMIT, IOC, 100, 30),
            trade(1, BUY, 100, 30, noSlotId(3), CAROL, 1, 0, id(1, 0), ALICE, 1, 0),
            askLevel(100, 20, 1)), events());
    }

    @Test
    void shouldReportLevelAfterEveryFill()
    {
        givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);
        givenBid(BOB, 2, 95, 20);

        sellIoc(CAROL, 1, 95, 60);

        assertEquals(List.of(
            accepted(noSlotId(4), CAROL, 1, SELL, LIMIT, IOC, 95, 60),
            trade(1, SELL, 100, 20, noSlotId(4), CAROL, 1, 40, id(1, 0), ALICE, 1, 0),
            bidLevel(100, 20, 1),
            trade(2, SELL, 100, 20, noSlotId(4), CAROL, 1, 20, id(2, 1), BOB, 1, 0),
            bidLevel(100, 0, 0),
            trade(3, SELL, 95, 20, noSlotId(4), CAROL, 1, 0, id(3, 2), BOB, 2, 0),
            bidLevel(95, 0, 0)), events());
    }

    @Test
    void shouldReportRemovedLevelWithZeroTotalAndCountOnCancel()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.cancelOrder(ALICE, alice);

        assertEquals(List.of(
            cancelled(alice, ALICE, 1, BUY, 20, CLIENT_REQUEST),
            bidLevel(100, 0, 0)), events());
        assertEquals(0, engine.priceLevelCount());
    }

    @Test
    void shouldReportLevelOnReplaceThatReducesQuantity()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        givenAsk(BOB, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 100, 30);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 100, 30, true),
            askLevel(100, 50, 2)), events());
    }

    @Test
    void shouldNotReportLevelOnReplaceThatKeepsQuantity()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);

        engine.replaceOrder(ALICE, alice, 2, 100, 50);

        assertEquals(List.of(replaced(alice, ALICE, 2, SELL, 100, 50, true)), events());
    }

    @Test
    void shouldReportOldAndNewLevelOnReplaceThatMovesPrice()
    {
        final long alice = givenAsk(ALICE, 1, 100, 50);
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 110, 20);

        engine.replaceOrder(ALICE, alice, 1, 110, 50);

        assertEquals(List.of(
            replaced(alice, ALICE, 1, SELL, 110, 50, false),
            askLevel(100, 20, 1),
            askLevel(110, 70, 2)), events());
    }

    @Test
    void shouldReportNoLevelForOrderThatNeverRests()
    {
        buyIoc(ALICE, 1, 100, 20);
        buyFok(ALICE, 2, 100, 20);

        assertEquals(List.of(
            accepted(noSlotId(1), ALICE, 1, BUY, LIMIT, IOC, 100, 20),
            cancelled(noSlotId(1), ALICE, 1, BUY, 20, NO_LIQUIDITY),
            accepted(noSlotId(2), ALICE, 2, BUY, LIMIT, FOK, 100, 20),
            cancelled(noSlotId(2), ALICE, 2, BUY, 20, FOK_NOT_FILLABLE)), events());
    }

    @Test
    void shouldReportTakerLevelAfterMakerLevels()
    {
        givenAsk(BOB, 1, 100, 20);

        buy(ALICE, 1, 105, 50);

        assertEquals(List.of(
            accepted(id(2, 1), ALICE, 1, BUY, 105, 50),
            trade(1, BUY, 100, 20, id(2, 1), ALICE, 1, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            bidLevel(105, 30, 1)), events());
    }

    @Test
    void shouldRecreateLevelAfterItWasRemoved()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, alice);
        events();

        buy(BOB, 1, 100, 30);

        assertEquals(List.of(
            accepted(id(2, 0), BOB, 1, BUY, 100, 30),
            bidLevel(100, 30, 1)), events());
        assertEquals(List.of(
            bids(100, 30, 1),
            bid(100, id(2, 0), BOB, 1, 30)), book());
    }
}
