package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;
import io.matchpoint.engine.service.MarketDataIcebergTest.RecordingEgress;

/**
 * What the feed says of stop orders, message by message: nothing while one waits (its acceptance, replaces, cancel,
 * a mass cancel that takes it), and once a trade triggers it, the messages of a new taker of its id: executions of the
 * makers it meets, and an OrderAdd at the back of its level for what a GTC STOP_LIMIT order leaves, with the price
 * and quantity its last replace gave it; nothing for one whose remainder is cancelled. The same after a restart from
 * a saved state with waiting stops. A subscriber fed these messages holds the engine's book. And the matcher thread
 * allocates nothing for stop orders, their market data included.
 */
class MarketDataStopTest
{
    private static final int INSTRUMENT = 1;
    private static final long STOP_ACCOUNT = 5;
    private static final long MAKER_ACCOUNT = 6;
    private static final long TAKER_ACCOUNT = 7;
    private static final long PRICE = 10_000;

    private final RecordingEgress egress = new RecordingEgress();
    private MatchingService service = service(egress);
    private SbeCommands commands = new SbeCommands(service);

    @Test
    void shouldPublishNothingForAWaitingStopOrder()
    {
        define();

        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE + 2, 5, PRICE + 1);
        stop(2, Side.SELL, OrderType.STOP, TimeInForce.IOC, 0, 3, PRICE - 1);
        commands.replaceOrder(STOP_ACCOUNT, stopLimit, 3, PRICE + 2, 4); // its place kept
        commands.replaceOrder(STOP_ACCOUNT, stopLimit, 4, PRICE + 3, 6, PRICE + 2); // its place lost

        assertEquals(List.of(), egress.orders);
        assertEquals(List.of(), egress.levels);
        assertEquals("[]", subscriberBids());
    }

    @Test
    void shouldShowATriggeredStopThatFillsAsTheTakerOfItsTrades()
    {
        define();
        final long maker = maker(Side.SELL, PRICE, 10);
        stop(1, Side.BUY, OrderType.STOP, TimeInForce.GTC, 0, 4, PRICE);
        egress.clear();

        take(Side.BUY, PRICE, 1);

        assertEquals(List.of(
            "OrderExecuted #" + maker + " 1 @ 10000, leaves 9",
            "OrderExecuted #" + maker + " 4 @ 10000, leaves 5"), egress.orders);
        assertEquals(List.of("Trade 1 @ 10000", "LevelUpdate SELL 10000 CHANGE 9 x1", "Trade 4 @ 10000",
            "LevelUpdate SELL 10000 CHANGE 5 x1"), egress.levels);
        assertEquals("[#" + maker + " SELL 5 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldAddATriggeredStopLimitThatRestsAtTheBackOfItsLevel()
    {
        define();
        final long bid = maker(Side.BUY, PRICE - 10, 3);
        final long ask = maker(Side.SELL, PRICE, 1);
        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE - 10, 6, PRICE);
        egress.clear();

        take(Side.BUY, PRICE, 1); // the trade at 10000 triggers it; nothing at or below 9990 to buy

        assertEquals(List.of(
            "OrderExecuted #" + ask + " 1 @ 10000, leaves 0",
            "OrderAdd #" + stopLimit + " BUY 6 @ 9990"), egress.orders);
        assertEquals(List.of("Trade 1 @ 10000", "LevelUpdate SELL 10000 DELETE 0 x0",
            "LevelUpdate BUY 9990 CHANGE 9 x2"), egress.levels);
        assertEquals("[#" + bid + " BUY 3 @ 9990, #" + stopLimit + " BUY 6 @ 9990]", subscriberBids());
    }

    @Test
    void shouldAddWhatATriggeredStopLimitLeavesAfterTradingAsANewLevel()
    {
        define();
        final long ask = maker(Side.SELL, PRICE, 3);
        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE, 6, PRICE);
        egress.clear();

        take(Side.BUY, PRICE, 1);

        assertEquals(List.of(
            "OrderExecuted #" + ask + " 1 @ 10000, leaves 2",
            "OrderExecuted #" + ask + " 2 @ 10000, leaves 0",
            "OrderAdd #" + stopLimit + " BUY 4 @ 10000"), egress.orders);
        assertEquals(List.of("Trade 1 @ 10000", "LevelUpdate SELL 10000 CHANGE 2 x1", "Trade 2 @ 10000",
            "LevelUpdate SELL 10000 DELETE 0 x0", "LevelUpdate BUY 10000 NEW 4 x1"), egress.levels);
        assertEquals("[#" + stopLimit + " BUY 4 @ 10000]", subscriberBids());

        commands.cancelOrder(STOP_ACCOUNT, stopLimit); // on the book now: deleted as any resting order

        assertEquals("OrderDelete #" + stopLimit + " CANCELLED", egress.orders.get(egress.orders.size() - 1));
        assertEquals("[]", subscriberBids());
    }

    @Test
    void shouldRestATriggeredStopLimitWithThePriceAndQuantityOfItsLastReplace()
    {
        define();
        maker(Side.SELL, PRICE, 1);
        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE - 1, 6, PRICE + 1);
        commands.replaceOrder(STOP_ACCOUNT, stopLimit, 2, PRICE - 5, 7, PRICE);
        egress.clear();

        take(Side.BUY, PRICE, 1);

        assertEquals(List.of("OrderAdd #" + stopLimit + " BUY 7 @ 9995"), egress.orders.subList(1, 2));
        assertEquals("[#" + stopLimit + " BUY 7 @ 9995]", subscriberBids());
    }

    @Test
    void shouldPublishNothingWhenAWaitingStopIsCancelled()
    {
        define();
        final long maker = maker(Side.SELL, PRICE, 10);
        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE, 5, PRICE);
        stop(2, Side.BUY, OrderType.STOP, TimeInForce.IOC, 0, 5, PRICE);
        egress.clear();

        commands.cancelOrder(STOP_ACCOUNT, stopLimit);
        commands.cancelOrderByClientId(STOP_ACCOUNT, 2);
        stop(3, Side.SELL, OrderType.STOP, TimeInForce.GTC, 0, 5, PRICE - 1);
        commands.massCancel(STOP_ACCOUNT, INSTRUMENT);
        commands.killAccount(STOP_ACCOUNT);

        assertEquals(List.of(), egress.orders);
        assertEquals(List.of(), egress.levels);

        take(Side.BUY, PRICE, 1); // no stop left to trigger

        assertEquals(List.of("OrderExecuted #" + maker + " 1 @ 10000, leaves 9"), egress.orders);
    }

    @Test
    void shouldPublishNothingForATriggeredStopWhoseRemainderIsCancelled()
    {
        define();
        final long ask = maker(Side.SELL, PRICE, 1);
        stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.IOC, PRICE + 5, 5, PRICE); // nothing left to buy
        stop(2, Side.BUY, OrderType.STOP, TimeInForce.GTC, 0, 5, PRICE); // a market order: no liquidity
        egress.clear();

        take(Side.BUY, PRICE, 1);

        assertEquals(List.of("OrderExecuted #" + ask + " 1 @ 10000, leaves 0"), egress.orders);
        assertEquals(List.of("Trade 1 @ 10000", "LevelUpdate SELL 10000 DELETE 0 x0"), egress.levels);
        assertEquals("[]", subscriberBids());
    }

    @Test
    void shouldEnterStopsWaitingAtARestartWhenTriggeredAfterIt() throws IOException
    {
        define();
        final long near = maker(Side.SELL, PRICE + 1, 5);
        final long far = maker(Side.SELL, PRICE + 2, 4);
        final long stopLimit = stop(1, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE + 1, 5, PRICE + 1);
        stop(2, Side.BUY, OrderType.STOP, TimeInForce.IOC, 0, 2, PRICE + 1);
        final long sellStop = stop(3, Side.SELL, OrderType.STOP_LIMIT, TimeInForce.GTC, PRICE - 1, 3, PRICE - 1);
        restart();

        commands.cancelOrder(STOP_ACCOUNT, sellStop);

        assertEquals(List.of(), egress.orders, "a waiting stop after the restart is off the feed too");

        take(Side.BUY, PRICE + 1, 1); // the stop-limit buys 4 and rests 1, then the stop buys 2 at 10002

        assertEquals(List.of(
            "OrderExecuted #" + near + " 1 @ 10001, leaves 4",
            "OrderExecuted #" + near + " 4 @ 10001, leaves 0",
            "OrderAdd #" + stopLimit + " BUY 1 @ 10001",
            "OrderExecuted #" + far + " 2 @ 10002, leaves 2"), egress.orders);
        assertEquals(List.of("Trade 1 @ 10001", "LevelUpdate SELL 10001 CHANGE 4 x1", "Trade 4 @ 10001",
            "LevelUpdate SELL 10001 DELETE 0 x0", "LevelUpdate BUY 10001 NEW 1 x1", "Trade 2 @ 10002",
            "LevelUpdate SELL 10002 CHANGE 2 x1"), egress.levels);
        assertEquals("[#" + stopLimit + " BUY 1 @ 10001]", subscriberBids());
        assertEquals("[#" + far + " SELL 2 @ 10002]", subscriberAsks());
    }

    @Test
    void shouldAllocateNothingOnTheMatcherThreadForStopOrdersAfterWarmUp()
    {
        final QuietMarketDataEgress quiet = new QuietMarketDataEgress();
        service = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), quiet,
            CountersFile.inMemory().manager());
        service.publishMarketData(true);
        commands = new SbeCommands(service);
        define();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long quietest = Long.MAX_VALUE;
        for (int round = 0; round < 6; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 5_000; i++)
            {
                // each cycle starts with the last trade at 9999 (or none): both stops wait when accepted
                commands.newOrder(MAKER_ACCOUNT, 0, 1, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                    PRICE + 1, 3, 0, 0, false, SelfTradePrevention.CANCEL_TAKER);
                commands.newOrder(STOP_ACCOUNT, 0, 1, INSTRUMENT, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC,
                    PRICE + 1, 5, 0, PRICE + 1, false, SelfTradePrevention.CANCEL_TAKER);
                quiet.watchedOrderId = quiet.lastAcceptedOrderId; // the stop-limit: it rests once triggered
                commands.newOrder(STOP_ACCOUNT, 0, 2, INSTRUMENT, Side.BUY, OrderType.STOP, TimeInForce.IOC,
                    0, 1, 0, PRICE + 2, false, SelfTradePrevention.CANCEL_TAKER);
                commands.cancelOrderByClientId(STOP_ACCOUNT, 2); // a waiting stop cancelled
                commands.newOrder(TAKER_ACCOUNT, 0, 1, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC,
                    PRICE + 1, 1, 0, 0, false, SelfTradePrevention.CANCEL_TAKER); // triggers: 2 bought, 3 rest
                commands.newOrder(STOP_ACCOUNT, 0, 3, INSTRUMENT, Side.SELL, OrderType.STOP_LIMIT, TimeInForce.GTC,
                    PRICE - 1, 4, 0, PRICE - 1, false, SelfTradePrevention.CANCEL_TAKER);
                commands.replaceOrder(STOP_ACCOUNT, quiet.lastAcceptedOrderId, 4, PRICE - 1, 2, PRICE - 2);
                commands.massCancel(STOP_ACCOUNT, INSTRUMENT); // the rested stop-limit and the waiting one
                commands.massCancel(MAKER_ACCOUNT, INSTRUMENT);
                commands.newOrder(MAKER_ACCOUNT, 0, 2, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                    PRICE - 1, 1, 0, 0, false, SelfTradePrevention.CANCEL_TAKER);
                commands.newOrder(TAKER_ACCOUNT, 0, 2, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.IOC,
                    PRICE - 1, 1, 0, 0, false, SelfTradePrevention.CANCEL_TAKER);
            }
            if (round >= 2)
            {
                quietest = Math.min(quietest, threads.getCurrentThreadAllocatedBytes() - before);
            }
        }
        // the quietest round after warm-up: a late JIT deoptimisation may materialise an object once in a round
        assertEquals(0, quietest, "bytes allocated in the quietest round of 5,000 stop order cycles");
        assertEquals(6 * 5_000 * 3, quiet.orderAdds, "each cycle's two makers and triggered stop-limit rested");
        assertEquals(6 * 5_000, quiet.watchedOrderAdds, "each cycle's triggered stop-limit rested");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static MatchingService service(final RecordingEgress egress)
    {
        final MatchingService service = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), egress,
            CountersFile.inMemory().manager());
        service.publishMarketData(true);
        return service;
    }

    private void define()
    {
        commands.defineInstrument(INSTRUMENT, "STP", 1, 1, 1, 1_000_000, 9_000, 11_000);
    }

    /**
     * @return the id of the stop order, which waits (no trade has reached its stop price).
     */
    private long stop(
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long stopPrice)
    {
        commands.newOrder(STOP_ACCOUNT, 0, clientOrderId, INSTRUMENT, side, orderType, timeInForce, price, quantity, 0,
            stopPrice, false, SelfTradePrevention.CANCEL_TAKER);
        return egress.lastAcceptedOrderId;
    }

    private long maker(final Side side, final long price, final long quantity)
    {
        commands.newOrder(MAKER_ACCOUNT, 0, 100 + price, INSTRUMENT, side, OrderType.LIMIT, TimeInForce.GTC, price,
            quantity, 0, 0, false, SelfTradePrevention.CANCEL_TAKER);
        return egress.lastAddedOrderId;
    }

    private void take(final Side side, final long price, final long quantity)
    {
        commands.newOrder(TAKER_ACCOUNT, 0, 99, INSTRUMENT, side, OrderType.LIMIT, TimeInForce.IOC, price, quantity,
            0, 0, false, SelfTradePrevention.CANCEL_TAKER);
    }

    private void restart() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        service.saveState(new DataOutputStream(bytes));
        final long lastSequence = service.lastSequence();
        service = service(egress);
        service.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), lastSequence);
        service.publishMarketData(true);
        commands = new SbeCommands(service, lastSequence);
        egress.clear();
    }

    private String subscriberBids()
    {
        return egress.subscriber.book(INSTRUMENT).orders(io.matchpoint.codec.md.Side.BUY).toString();
    }

    private String subscriberAsks()
    {
        return egress.subscriber.book(INSTRUMENT).orders(io.matchpoint.codec.md.Side.SELL).toString();
    }
}
