package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.md.LevelUpdateDecoder;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.OrderAddDecoder;
import io.matchpoint.codec.md.OrderDeleteDecoder;
import io.matchpoint.codec.md.OrderExecutedDecoder;
import io.matchpoint.codec.md.OrderReducedDecoder;
import io.matchpoint.codec.md.TradeDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;
import io.matchpoint.marketdata.MarketDataBooks;

/**
 * What the feed says of one iceberg, message by message: its slice only when it rests, executions of the slice, a
 * refill as the slice executed to 0 then the new slice added at the back of its level under the same id, nothing on
 * the ORDERS channel for a reduction of its hidden part, the slice's change for one that reaches it, and the same
 * after a restart from a saved state. A subscriber fed these messages holds the engine's book; no message carries
 * the hidden part (here the order is 100 with a slice of 10, so nothing of the feed may say 90, 80 or 100). And the
 * matcher thread allocates nothing for icebergs, their market data included.
 */
class MarketDataIcebergTest
{
    private static final int INSTRUMENT = 1;
    private static final long ICEBERG_ACCOUNT = 5;
    private static final long PLAIN_ACCOUNT = 6;
    private static final long TAKER_ACCOUNT = 7;
    private static final long PRICE = 10_000;

    private final RecordingEgress egress = new RecordingEgress();
    private MatchingService service = service(egress);
    private SbeCommands commands = new SbeCommands(service);

    @Test
    void shouldShowARestingIcebergsSliceOnly()
    {
        final long iceberg = iceberg(100, 10);

        assertEquals(List.of("OrderAdd #" + iceberg + " SELL 10 @ 10000"), egress.orders);
        assertEquals(List.of("LevelUpdate SELL 10000 NEW 10 x1"), egress.levels);
    }

    @Test
    void shouldShowARefillAsTheSliceExecutedAwayThenTheNewSliceAddedAtTheBackOfItsLevel()
    {
        final long iceberg = iceberg(100, 10);
        final long plain = plain(PLAIN_ACCOUNT, Side.SELL, 5);
        egress.clear();

        take(12);

        assertEquals(List.of(
            "OrderExecuted #" + iceberg + " 10 @ 10000, leaves 0",
            "OrderAdd #" + iceberg + " SELL 10 @ 10000",
            "OrderExecuted #" + plain + " 2 @ 10000, leaves 3"), egress.orders);
        assertEquals(List.of("Trade 10 @ 10000", "LevelUpdate SELL 10000 CHANGE 15 x2", "Trade 2 @ 10000",
            "LevelUpdate SELL 10000 CHANGE 13 x2"), egress.levels);
        assertEquals("[#" + plain + " SELL 3 @ 10000, #" + iceberg + " SELL 10 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldShowAPartFillOfTheSliceAsAnExecutionOfTheSliceOnly()
    {
        final long iceberg = iceberg(100, 10);
        egress.clear();

        take(4);

        assertEquals(List.of("OrderExecuted #" + iceberg + " 4 @ 10000, leaves 6"), egress.orders);
        assertEquals("[#" + iceberg + " SELL 6 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldPublishNothingOnTheOrdersChannelForAReductionOfTheHiddenPartAlone()
    {
        final long iceberg = iceberg(100, 10);
        egress.clear();

        commands.replaceOrder(ICEBERG_ACCOUNT, iceberg, 2, PRICE, 40); // gives up 60 of the 90 hidden

        assertEquals(List.of(), egress.orders);
        assertEquals(List.of(), egress.levels, "the slice did not change");

        commands.replaceOrder(ICEBERG_ACCOUNT, iceberg, 3, PRICE, 7); // the rest hidden and 3 of the slice

        assertEquals(List.of("OrderReduced #" + iceberg + " leaves 7"), egress.orders);
        assertEquals(List.of("LevelUpdate SELL 10000 CHANGE 7 x1"), egress.levels);
        assertEquals("[#" + iceberg + " SELL 7 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldShowASelfTradeDecrementOfAnIcebergMakerOnlyWhereItReachesTheSlice()
    {
        final long iceberg = iceberg(100, 10);
        egress.clear();

        commands.newOrder(ICEBERG_ACCOUNT, 0, 50, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, PRICE, 85,
            0, false, SelfTradePrevention.DECREMENT_AND_CANCEL); // 85 of the 90 hidden go

        assertEquals(List.of(), egress.orders);

        commands.newOrder(ICEBERG_ACCOUNT, 0, 51, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, PRICE, 8,
            0, false, SelfTradePrevention.DECREMENT_AND_CANCEL); // the last 5 hidden and 3 of the slice

        assertEquals(List.of("OrderReduced #" + iceberg + " leaves 7"), egress.orders);
        assertEquals("[#" + iceberg + " SELL 7 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldReAddAnIcebergReplacedToANewPriceWithASliceAndDeleteItWholeOnCancel()
    {
        final long iceberg = iceberg(100, 10);
        egress.clear();

        commands.replaceOrder(ICEBERG_ACCOUNT, iceberg, 2, PRICE + 1, 50);
        commands.cancelOrder(ICEBERG_ACCOUNT, iceberg);

        assertEquals(List.of(
            "OrderDelete #" + iceberg + " REPLACED",
            "OrderAdd #" + iceberg + " SELL 10 @ 10001",
            "OrderDelete #" + iceberg + " CANCELLED"), egress.orders);
        assertEquals("[]", subscriberAsks());
    }

    @Test
    void shouldGoOnShowingTheSliceOnlyAfterARestartFromASavedState() throws IOException
    {
        final long iceberg = iceberg(25, 10);
        take(3);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        service.saveState(new DataOutputStream(bytes));
        final long lastSequence = service.lastSequence();
        service = service(egress);
        service.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), lastSequence);
        service.publishMarketData(true);
        commands = new SbeCommands(service, lastSequence);
        egress.clear();

        take(9); // the 7 shown, a refill of 10 (5 hidden left), and 2 of it

        assertEquals(List.of(
            "OrderExecuted #" + iceberg + " 7 @ 10000, leaves 0",
            "OrderAdd #" + iceberg + " SELL 10 @ 10000",
            "OrderExecuted #" + iceberg + " 2 @ 10000, leaves 8"), egress.orders);
        assertEquals("[#" + iceberg + " SELL 8 @ 10000]", subscriberAsks());

        take(8); // the 8 shown, then the last 5 as the final slice

        assertEquals("[#" + iceberg + " SELL 5 @ 10000]", subscriberAsks());
    }

    @Test
    void shouldAllocateNothingOnTheMatcherThreadForIcebergsAfterWarmUp()
    {
        final QuietMarketDataEgress quiet = new QuietMarketDataEgress();
        service = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), quiet,
            CountersFile.inMemory().manager());
        service.publishMarketData(true);
        commands = new SbeCommands(service);
        commands.defineInstrument(INSTRUMENT, "ICE", 1, 1, 1, 1_000_000, 9_000, 11_000);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long quietest = Long.MAX_VALUE;
        for (int round = 0; round < 6; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 5_000; i++)
            {
                final long clientOrderId = 1 + i % 2;
                commands.newOrder(ICEBERG_ACCOUNT, 0, clientOrderId, INSTRUMENT, Side.SELL, OrderType.LIMIT,
                    TimeInForce.GTC, PRICE, 100, 10, false, SelfTradePrevention.DECREMENT_AND_CANCEL);
                final long iceberg = quiet.lastAddedOrderId;
                commands.newOrder(PLAIN_ACCOUNT, 0, clientOrderId, INSTRUMENT, Side.SELL, OrderType.LIMIT,
                    TimeInForce.GTC, PRICE, 5, 0, false, SelfTradePrevention.CANCEL_TAKER);
                take(14); // a refill, then 4 of the plain order
                commands.newOrder(ICEBERG_ACCOUNT, 0, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC,
                    PRICE, 30, 0, false, SelfTradePrevention.DECREMENT_AND_CANCEL); // 1 traded, 29 hidden decremented
                commands.replaceOrder(ICEBERG_ACCOUNT, iceberg, clientOrderId, PRICE, 12); // hidden given up
                commands.massCancel(ICEBERG_ACCOUNT, INSTRUMENT);
                commands.massCancel(PLAIN_ACCOUNT, INSTRUMENT);
            }
            if (round >= 2)
            {
                quietest = Math.min(quietest, threads.getCurrentThreadAllocatedBytes() - before);
            }
        }
        // the quietest round after warm-up: a late JIT deoptimisation may materialise an object once in a round
        assertEquals(0, quietest, "bytes allocated in the quietest round of 5,000 iceberg cycles");
        assertEquals(6 * 5_000 * 3, quiet.orderAdds, "each cycle's iceberg, plain order and refill rested");
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

    /**
     * Defines the instrument and rests a sell iceberg of the account at {@link #PRICE}.
     *
     * @return its order id.
     */
    private long iceberg(final long quantity, final long display)
    {
        commands.defineInstrument(INSTRUMENT, "ICE", 1, 1, 1, 1_000_000, 9_000, 11_000);
        commands.newOrder(ICEBERG_ACCOUNT, 0, 1, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, PRICE,
            quantity, display, false, SelfTradePrevention.CANCEL_TAKER);
        return egress.lastAddedOrderId;
    }

    private long plain(final long account, final Side side, final long quantity)
    {
        commands.newOrder(account, 0, 9, INSTRUMENT, side, OrderType.LIMIT, TimeInForce.GTC, PRICE, quantity, 0,
            false, SelfTradePrevention.CANCEL_TAKER);
        return egress.lastAddedOrderId;
    }

    private void take(final long quantity)
    {
        commands.newOrder(TAKER_ACCOUNT, 0, 99, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, PRICE,
            quantity, 0, false, SelfTradePrevention.CANCEL_TAKER);
    }

    private String subscriberAsks()
    {
        return egress.subscriber.book(INSTRUMENT).orders(io.matchpoint.codec.md.Side.SELL).toString();
    }

    /**
     * Writes down the feed's book messages as text (ORDERS apart from the INCREMENTAL levels and trades), and hands
     * every feed message to a subscriber, which must never find a gap or go stale. Notes the id of the last order
     * accepted, from its execution report, for an order the feed does not show (a waiting stop). Shared with
     * {@link MarketDataStopTest}.
     */
    static final class RecordingEgress extends Egress
    {
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderAddDecoder add = new OrderAddDecoder();
        private final OrderExecutedDecoder executed = new OrderExecutedDecoder();
        private final OrderReducedDecoder reduced = new OrderReducedDecoder();
        private final OrderDeleteDecoder delete = new OrderDeleteDecoder();
        private final LevelUpdateDecoder level = new LevelUpdateDecoder();
        private final TradeDecoder trade = new TradeDecoder();
        final List<String> orders = new ArrayList<>();
        final List<String> levels = new ArrayList<>();
        final MarketDataBooks subscriber = new MarketDataBooks(new io.matchpoint.marketdata.MarketDataListener()
        {
            public void onChannelGap(final MdChannel channel, final long expected, final long received)
            {
                throw new AssertionError(channel + " gap: expected " + expected + ", received " + received);
            }

            public void onStale(
                final io.matchpoint.marketdata.InstrumentBook book, final MdChannel channel, final String why)
            {
                throw new AssertionError("stale on " + channel + ": " + why);
            }
        });
        private final io.matchpoint.codec.sbe.MessageHeaderDecoder reportHeader =
            new io.matchpoint.codec.sbe.MessageHeaderDecoder();
        private final ExecutionReportDecoder report = new ExecutionReportDecoder();
        long lastAddedOrderId;
        long lastAcceptedOrderId;
        private byte targetKind;
        private long targetId;

        void clear()
        {
            orders.clear();
            levels.clear();
        }

        public UnsafeBuffer claim(
            final long eventSequence,
            final long commandSequence,
            final long timestampNs,
            final byte targetKind,
            final long targetId)
        {
            this.targetKind = targetKind;
            this.targetId = targetId;
            return scratch;
        }

        public void publish(final int length)
        {
            if (targetKind != TARGET_MD_INCREMENTAL && targetKind != TARGET_MD_ORDERS)
            {
                if (reportHeader.wrap(scratch, 0).templateId() == ExecutionReportDecoder.TEMPLATE_ID &&
                    report.wrap(scratch, reportHeader.encodedLength(), reportHeader.blockLength(),
                    reportHeader.version()).execType() == ExecType.NEW)
                {
                    lastAcceptedOrderId = report.orderId();
                }
                return;
            }
            subscriber.onMessage(targetKind == TARGET_MD_ORDERS ? MdChannel.ORDERS : MdChannel.INCREMENTAL, targetId,
                scratch, 0, length);
            header.wrap(scratch, 0);
            final int body = MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (header.templateId())
            {
                case OrderAddDecoder.TEMPLATE_ID ->
                {
                    add.wrap(scratch, body, blockLength, version);
                    lastAddedOrderId = add.orderId();
                    orders.add("OrderAdd #" + add.orderId() + " " + add.side() + " " + add.quantity() + " @ " +
                        add.price());
                }
                case OrderExecutedDecoder.TEMPLATE_ID ->
                {
                    executed.wrap(scratch, body, blockLength, version);
                    orders.add("OrderExecuted #" + executed.orderId() + " " + executed.quantity() + " @ " +
                        executed.price() + ", leaves " + executed.leavesQuantity());
                }
                case OrderReducedDecoder.TEMPLATE_ID ->
                {
                    reduced.wrap(scratch, body, blockLength, version);
                    orders.add("OrderReduced #" + reduced.orderId() + " leaves " + reduced.leavesQuantity());
                }
                case OrderDeleteDecoder.TEMPLATE_ID ->
                {
                    delete.wrap(scratch, body, blockLength, version);
                    orders.add("OrderDelete #" + delete.orderId() + " " + delete.reason());
                }
                case LevelUpdateDecoder.TEMPLATE_ID ->
                {
                    level.wrap(scratch, body, blockLength, version);
                    levels.add("LevelUpdate " + level.side() + " " + level.price() + " " + level.action() + " " +
                        level.quantity() + " x" + level.orderCount());
                }
                case TradeDecoder.TEMPLATE_ID ->
                {
                    trade.wrap(scratch, body, blockLength, version);
                    levels.add("Trade " + trade.quantity() + " @ " + trade.price());
                }
                default ->
                {
                }
            }
        }
    }
}
