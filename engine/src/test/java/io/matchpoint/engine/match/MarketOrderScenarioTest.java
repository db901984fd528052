package io.matchpoint.engine.match;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.FOK_NOT_FILLABLE;
import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.CancelReason.SELF_TRADE;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Market orders: any price in the book crosses, the price given is ignored, and nothing ever rests.
 */
class MarketOrderScenarioTest extends ScenarioFixture
{
    @Test
    void shouldReportMarketOrderPriceAsZero()
    {
        givenAsk(BOB, 1, 100, 20);

        submit(ALICE, 1, BUY, MARKET, IOC, 250, 20, false, CANCEL_TAKER);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, MARKET, IOC, 0, 20),
            trade(1, BUY, 100, 20, noSlotId(2), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0)), events());
    }

    @Test
    void shouldIgnoreMarketOrderPriceOffTickAndOutsideBand()
    {
        givenBid(BOB, 1, 100, 20);

        submit(ALICE, 1, SELL, MARKET, IOC, HIGH_PRICE + 3, 20, false, CANCEL_TAKER);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, SELL, MARKET, IOC, 0, 20),
            trade(1, SELL, 100, 20, noSlotId(2), ALICE, 1, 0, id(1, 0), BOB, 1, 0),
            bidLevel(100, 0, 0)), events());
    }

    @Test
    void shouldSweepEveryLevelAtEachMakersPrice()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(BOB, 2, 300, 20);
        givenAsk(CAROL, 1, HIGH_PRICE, 20);

        buyMarket(ALICE, 1, IOC, 60);

        assertEquals(List.of(
            accepted(noSlotId(4), ALICE, 1, BUY, MARKET, IOC, 0, 60),
            trade(1, BUY, 100, 20, noSlotId(4), ALICE, 1, 40, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            trade(2, BUY, 300, 20, noSlotId(4), ALICE, 1, 20, id(2, 1), BOB, 2, 0),
            askLevel(300, 0, 0),
            trade(3, BUY, HIGH_PRICE, 20, noSlotId(4), ALICE, 1, 0, id(3, 2), CAROL, 1, 0),
            askLevel(HIGH_PRICE, 0, 0)), events());
    }

    @Test
    void shouldSellIntoEveryBidLevel()
    {
        givenBid(BOB, 1, 200, 20);
        givenBid(BOB, 2, LOW_PRICE, 20);

        sellMarket(ALICE, 1, IOC, 40);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, SELL, MARKET, IOC, 0, 40),
            trade(1, SELL, 200, 20, noSlotId(3), ALICE, 1, 20, id(1, 0), BOB, 1, 0),
            bidLevel(200, 0, 0),
            trade(2, SELL, LOW_PRICE, 20, noSlotId(3), ALICE, 1, 0, id(2, 1), BOB, 2, 0),
            bidLevel(LOW_PRICE, 0, 0)), events());
    }

    @Test
    void shouldCancelMarketRemainderWithNoLiquidity()
    {
        givenAsk(BOB, 1, 100, 20);

        buyMarket(ALICE, 1, IOC, 50);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, MARKET, IOC, 0, 50),
            trade(1, BUY, 100, 20, noSlotId(2), ALICE, 1, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(2), ALICE, 1, BUY, 30, NO_LIQUIDITY)), events());
    }

    @Test
    void shouldCancelMarketOrderOnEmptyBook()
    {
        sellMarket(ALICE, 1, IOC, 50);

        assertEquals(List.of(
            accepted(noSlotId(1), ALICE, 1, SELL, MARKET, IOC, 0, 50),
            cancelled(noSlotId(1), ALICE, 1, SELL, 50, NO_LIQUIDITY)), events());
    }

    @Test
    void shouldNeverRestGtcMarketOrder()
    {
        givenAsk(BOB, 1, 100, 20);

        buyMarket(ALICE, 1, GTC, 50);

        assertEquals(List.of(
            accepted(noSlotId(2), ALICE, 1, BUY, MARKET, GTC, 0, 50),
            trade(1, BUY, 100, 20, noSlotId(2), ALICE, 1, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(2), ALICE, 1, BUY, 30, NO_LIQUIDITY)), events());
        assertEquals(List.of(), book());
    }

    @Test
    void shouldFillMarketFokAcrossLevels()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 400, 20);

        buyMarket(ALICE, 1, FOK, 40);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, MARKET, FOK, 0, 40),
            trade(1, BUY, 100, 20, noSlotId(3), ALICE, 1, 20, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            trade(2, BUY, 400, 20, noSlotId(3), ALICE, 1, 0, id(2, 1), CAROL, 1, 0),
            askLevel(400, 0, 0)), events());
    }

    @Test
    void shouldCancelMarketFokWithoutTraceWhenBookTooThin()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 400, 20);
        final List<BookEntry> bookBefore = book();

        buyMarket(ALICE, 1, FOK, 50);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 1, BUY, MARKET, FOK, 0, 50),
            cancelled(noSlotId(3), ALICE, 1, BUY, 50, FOK_NOT_FILLABLE)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldApplySelfTradePreventionToMarketOrder()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(ALICE, 1, 105, 20);

        buyMarket(ALICE, 2, IOC, 50);

        assertEquals(List.of(
            accepted(noSlotId(3), ALICE, 2, BUY, MARKET, IOC, 0, 50),
            trade(1, BUY, 100, 20, noSlotId(3), ALICE, 2, 30, id(1, 0), BOB, 1, 0),
            askLevel(100, 0, 0),
            cancelled(noSlotId(3), ALICE, 2, BUY, 30, SELF_TRADE)), events());
        assertEquals(List.of(
            asks(105, 20, 1),
            ask(105, id(2, 1), ALICE, 1, 20)), book());
    }

    @Test
    void shouldNotOccupyClientOrderIdWithMarketOrder()
    {
        buyMarket(ALICE, 1, IOC, 20);
        events();

        buy(ALICE, 1, 100, 20);

        assertEquals(List.of(
            accepted(id(2, 0), ALICE, 1, BUY, 100, 20),
            bidLevel(100, 20, 1)), events());
    }
}
