package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.Aeron;
import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.BookVisitor;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.service.MatchingService;
import io.matchpoint.feed.MarketDataMedia;
import io.matchpoint.feed.MarketDataPublisher;
import io.matchpoint.marketdata.BookOrder;
import io.matchpoint.marketdata.InstrumentBook;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataSubscriber;
import io.matchpoint.marketdata.PriceLevel;

/**
 * The feed through the whole server: three sessions send a seeded random stream of orders, cancels, replaces and
 * mass cancels over TCP to a real server on four instruments, in phases of different mixes (a tight book that trades
 * often, a wide deep one, a churn of cancels and replaces, IOC and market sweeps); the server publishes its feed over
 * a real media driver, and a subscriber rebuilds L2 and L3 from the packets alone. After every batch, once the server
 * is quiet and the subscriber has the last message of both streams, every book it built must equal the engine's own,
 * level for level and order for order, with no gap and nothing dropped.
 * <p>
 * One million commands in the default run (the build's other threading modes send a fifth of that); rerun a seed
 * with {@code -Dmatchpoint.md.e2e.seed=N}, size with {@code -Dmatchpoint.md.e2e.commands=N}.
 */
class MarketDataEndToEndDifferentialTest
{
    private static final long SEED = Long.getLong("matchpoint.md.e2e.seed", 20261205L);
    private static final int COMMANDS = Integer.getInteger("matchpoint.md.e2e.commands",
        System.getProperty(TestServers.THREADING_PROPERTY) == null ? 1_000_000 : 200_000);
    private static final int BATCH = 5_000;
    private static final int INSTRUMENTS = 4;
    private static final String[] ACCOUNTS = { "alice", "bob", "carol" };

    @TempDir
    Path temp;

    @Test
    void shouldRebuildEveryBookFromTheFeedAloneAfterEveryBatchSentOverTcp() throws Exception
    {
        final PipelineContext pipelineContext = TestServers.pipelineContext().inboundRingSize(8192)
            .outboundRingSize(16384);
        try (MarketDataMedia media = MarketDataMedia.launch(temp.resolve("aeron").toFile(), null, "aeron:ipc",
            1001, 1002, 1003, 16 << 20, false, Throwable::printStackTrace);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(media.aeronDirectory())))
        {
            final MarketDataBooks books = new MarketDataBooks();
            final MarketDataPublisher publisher = new MarketDataPublisher(media.incremental(), media.orders(),
                media.snapshot(), new org.agrona.concurrent.SystemEpochNanoClock(), new SystemNanoClock(),
                TimeUnit.SECONDS.toNanos(3600), pipelineContext.engineConfig().copy().conclude());
            pipelineContext.marketData(publisher);
            try (MarketDataSubscriber subscriber = new MarketDataSubscriber(aeron, "aeron:ipc", 1001, 1002, 1003,
                books); GatewayServer server = start(pipelineContext))
            {
                final List<Trader> traders = new ArrayList<>();
                final SplittableRandom random = new SplittableRandom(SEED);
                for (final String account : ACCOUNTS)
                {
                    traders.add(new Trader(logon(server, account), random.split()));
                }
                final MatchingService service = server.matcher().service();
                long sent = 0;
                int batches = 0;
                while (sent < COMMANDS)
                {
                    final Mix mix = Mix.values()[(int)(sent * Mix.values().length / COMMANDS)];
                    for (int i = 0; i < BATCH; i++)
                    {
                        traders.get(i % traders.size()).send(mix);
                        if (i % 64 == 63)
                        {
                            pollAll(traders, subscriber);
                        }
                    }
                    sent += BATCH;
                    traders.forEach(Trader::flush);
                    awaitTrue(() ->
                    {
                        pollAll(traders, subscriber);
                        return traders.stream().allMatch(Trader::answeredAll) &&
                            server.awaitQuiet(0, TimeUnit.SECONDS) &&
                            books.nextSequence(MdChannel.INCREMENTAL) == service.lastIncrementalSequence() + 1 &&
                            books.nextSequence(MdChannel.ORDERS) == service.lastOrdersSequence() + 1;
                    }, "batch " + batches + " answered and on the feed");
                    for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
                    {
                        assertSameBooks(service, books.book(instrument), instrument, "seed " + SEED + ", batch " +
                            batches + " (" + mix + ")");
                    }
                    batches++;
                }
                assertEquals(0, books.channelGaps(), "no gap");
                assertEquals(0, books.staleEvents(), "never stale");
                assertEquals(0, publisher.packetsDropped(MdChannel.INCREMENTAL) +
                    publisher.packetsDropped(MdChannel.ORDERS), "nothing dropped");
                long trades = 0;
                for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
                {
                    trades += books.book(instrument).tradeCount();
                }
                assertTrue(trades > COMMANDS / 50, "the stream trades: " + trades);
                System.out.println("market data e2e differential, seed " + SEED + ": " + sent + " commands in " +
                    batches + " batches, " + trades + " trades, feed sequences " + service.lastIncrementalSequence() +
                    " incremental and " + service.lastOrdersSequence() + " orders");
                traders.forEach(trader -> trader.client.close());
            }
        }
    }

    /**
     * What a phase of the stream looks like: how far from the middle orders go, and what share of the commands are
     * IOC or market orders, cancels and replaces.
     */
    private enum Mix
    {
        TIGHT(8, 10, 10, 10),
        WIDE_AND_DEEP(200, 2, 5, 5),
        CHURN(30, 5, 35, 35),
        SWEEPS(60, 40, 10, 5);

        final int spread;
        final int sweepPercent;
        final int cancelPercent;
        final int replacePercent;

        Mix(final int spread, final int sweepPercent, final int cancelPercent, final int replacePercent)
        {
            this.spread = spread;
            this.sweepPercent = sweepPercent;
            this.cancelPercent = cancelPercent;
            this.replacePercent = replacePercent;
        }
    }

    /**
     * One session's stream: its client order ids, the orders of its own it has seen rest (to cancel and replace),
     * and how many of its requests are still unanswered.
     */
    private static final class Trader implements ClientListener
    {
        final MatchpointClient client;
        private final SplittableRandom random;
        private final LongArrayList resting = new LongArrayList();
        private final Long2LongHashMap orderIdByClOrdId = new Long2LongHashMap(-1);
        private long nextClOrdId = 1;
        private long sent;
        private long answered;

        Trader(final MatchpointClient client, final SplittableRandom random)
        {
            this.client = client;
            this.random = random;
            client.autoFlush(false);
        }

        void send(final Mix mix)
        {
            final int instrument = 1 + random.nextInt(INSTRUMENTS);
            final int roll = random.nextInt(100);
            final java.util.function.LongSupplier command;
            if (roll < mix.cancelPercent && !resting.isEmpty())
            {
                final long clOrdId = resting.getLong(random.nextInt(resting.size()));
                command = () -> client.cancelByClientOrderId(clOrdId);
            }
            else if (roll < mix.cancelPercent + mix.replacePercent && !resting.isEmpty())
            {
                final long orderId = orderIdByClOrdId.get(resting.getLong(random.nextInt(resting.size())));
                final long newClOrdId = nextClOrdId++;
                final long price = 10_000 + random.nextInt(-mix.spread, mix.spread + 1);
                final long quantity = 1 + random.nextInt(20);
                command = () -> client.replaceOrder(orderId, newClOrdId, price, quantity);
            }
            else if (random.nextInt(2_000) == 0)
            {
                final int which = random.nextBoolean() ? instrument : -1;
                command = () -> client.massCancel(which);
            }
            else
            {
                final boolean sweep = random.nextInt(100) < mix.sweepPercent;
                final boolean market = sweep && random.nextInt(4) == 0;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = Math.max(100, 10_000 + random.nextInt(-mix.spread, mix.spread + 1) +
                    (sweep ? (side == Side.BUY ? mix.spread : -mix.spread) : 0));
                final long quantity = 1 + random.nextInt(sweep ? 60 : 20);
                final long clOrdId = nextClOrdId++;
                command = () -> client.newOrder(clOrdId, instrument, side, market ? OrdType.MARKET : OrdType.LIMIT,
                    sweep ? TimeInForce.IOC : TimeInForce.GTC, market ? 0 : price, quantity, false,
                    SelfTradePrevention.CANCEL_TAKER);
            }
            long result;
            while ((result = command.getAsLong()) == MatchpointClient.BACK_PRESSURED)
            {
                client.poll(this); // writes what is staged, reads the answers
            }
            assertTrue(result >= 0, "sent: " + result);
            sent++;
        }

        void flush()
        {
            client.flush();
        }

        boolean answeredAll()
        {
            return answered >= sent;
        }

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            final ExecType type = report.execType();
            final long clOrdId = report.clOrdId();
            switch (type)
            {
                case NEW, REPLACED ->
                {
                    answered++;
                    if (report.leavesQuantity() > 0 && !resting.containsLong(clOrdId))
                    {
                        resting.addLong(clOrdId);
                        orderIdByClOrdId.put(clOrdId, report.orderId());
                    }
                }
                case REJECTED -> answered++;
                case CANCELLED ->
                {
                    if (report.cancelReason() == io.matchpoint.codec.sbe.CancelReason.CLIENT_REQUEST)
                    {
                        answered++;
                    }
                    forget(clOrdId);
                }
                case TRADE ->
                {
                    if (report.leavesQuantity() == 0)
                    {
                        forget(clOrdId);
                    }
                }
                default ->
                {
                }
            }
        }

        public void onCancelReject(final io.matchpoint.codec.sbe.CancelRejectDecoder reject)
        {
            answered++;
        }

        public void onMassCancelReport(final io.matchpoint.codec.sbe.MassCancelReportDecoder report)
        {
            answered++;
        }

        public void onProtocolError(final String what)
        {
            throw new AssertionError(what);
        }

        private void forget(final long clOrdId)
        {
            resting.removeLong(clOrdId);
            orderIdByClOrdId.remove(clOrdId);
        }
    }

    private static GatewayServer start(final PipelineContext pipelineContext) throws IOException
    {
        final GatewayServer server = new GatewayServer(
            TestServers.gatewayContext().maxSessions(4).throttleMessages(10_000_000)
                .sessionOutboundBufferBytes(16 << 20), pipelineContext);
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            server.defineInstrument(instrument, "TEST" + instrument, 2, 1, 1, 1, 1_000_000, 100, 15_000);
        }
        server.start();
        return server;
    }

    private static MatchpointClient logon(final GatewayServer server, final String account) throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(),
            5_000, new SystemNanoClock(), 16 << 20);
        final LogonResult result = client.logonAndWait(new ClientListener()
        {
        }, account, account + "-pw", false, 5_000, 10_000);
        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        return client;
    }

    private static void pollAll(final List<Trader> traders, final MarketDataSubscriber subscriber)
    {
        for (final Trader trader : traders)
        {
            trader.client.poll(trader);
        }
        subscriber.poll(1024);
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "not within 30 s: " + what);
            Thread.yield();
        }
    }

    /**
     * The subscriber's book must equal the engine's: its levels level for level, its orders order for order.
     */
    private static void assertSameBooks(
        final MatchingService service, final InstrumentBook book, final int instrument, final String where)
    {
        final List<String> engineLevels = new ArrayList<>();
        final List<String> engineOrders = new ArrayList<>();
        service.engine().visitBook(instrument, new BookVisitor()
        {
            public void onLevel(
                final io.matchpoint.engine.match.Side side, final long price, final long total, final int count)
            {
                engineLevels.add(side.name() + " " + price + " " + total + " x" + count);
            }

            public void onOrder(
                final io.matchpoint.engine.match.Side side, final long price, final long orderId,
                final long accountId, final long clientOrderId, final long leaves,
                final io.matchpoint.engine.match.SelfTradePrevention stp, final boolean postOnly)
            {
                engineOrders.add(side.name() + " " + price + " #" + orderId + " " + leaves);
            }
        });
        final List<String> levels = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        for (final io.matchpoint.codec.md.Side side :
            List.of(io.matchpoint.codec.md.Side.BUY, io.matchpoint.codec.md.Side.SELL))
        {
            for (final PriceLevel level : book.levels(side))
            {
                levels.add(side.name() + " " + level.price() + " " + level.quantity() + " x" + level.orderCount());
            }
            for (final BookOrder order : book.orders(side))
            {
                orders.add(side.name() + " " + order.price() + " #" + order.orderId() + " " + order.quantity());
            }
        }
        assertEquals(engineLevels, levels, "instrument " + instrument + " levels, " + where);
        assertEquals(engineOrders, orders, "instrument " + instrument + " orders, " + where);
    }
}
