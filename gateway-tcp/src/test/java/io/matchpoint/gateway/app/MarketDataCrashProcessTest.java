package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.matchpoint.client.ClientListener;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.marketdata.InstrumentBook;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataListener;
import io.matchpoint.marketdata.MarketDataSubscriber;
import io.matchpoint.marketdata.PriceLevel;

/**
 * A subscriber that stays up while the server process publishing the feed is killed with SIGKILL and started again on
 * the same data directory and channel: the restarted server's feed goes on numbering where the journal says (never
 * from 1, which the subscriber would see as a step back), the subscriber recovers whatever the crash cut off from
 * the next snapshot, and every snapshot it checks after that agrees with the books it built.
 */
class MarketDataCrashProcessTest
{
    private static final int DEMO1 = 1;

    @TempDir
    Path data;

    @TempDir
    Path work;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void aSubscriberThatStaysUpAcrossAKillMinusNineRecoversAndTheNumberingGoesOn() throws Exception
    {
        final Path config = work.resolve("md.conf");
        Files.writeString(config, "matchpoint.market-data { enabled = true, snapshot-interval-ms = 200, " +
            "channel = \"aeron:udp?control=127.0.0.1:" + freeUdpPort() + "|control-mode=dynamic\" }\n");
        final MarketDataBooks books = new MarketDataBooks(new Recorder(events)).checking(true);
        ServerProcess server = ServerProcess.start(data, "--config", config.toString());
        MediaDriver driver = null;
        Aeron aeron = null;
        MarketDataSubscriber subscriber = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(work.resolve("aeron").toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(ThreadingMode.SHARED)
                .asyncExecutorEnabled(false)
                .termBufferSparseFile(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final MarketDataEndpoint endpoint = MarketDataEndpoint.read(data);
            subscriber = new MarketDataSubscriber(aeron,
                MarketDataSubscriber.subscriptionChannel(endpoint.channel(), "127.0.0.1"),
                endpoint.incrementalStreamId(), endpoint.ordersStreamId(), endpoint.snapshotStreamId(), books);
            final MarketDataSubscriber reading = subscriber;

            trade(server.port, "alice", "bob", 1, 9_900, 10_100, 10_100);
            pollUntil(reading, () -> hasLevel(books, Side.SELL, 10_100) && inStep(books), "the first trades");
            final long checkedBefore = books.snapshotsChecked();
            pollUntil(reading, () -> books.snapshotsChecked() > checkedBefore, "a snapshot checked");
            final long sequenceBefore = books.nextSequence(MdChannel.INCREMENTAL);
            final long rptSeqBefore = books.book(DEMO1).rptSeq(MdChannel.INCREMENTAL);

            server.kill();
            server = ServerProcess.start(data, "--config", config.toString());
            // levels nobody had before the crash, and a trade that takes what was left of one from before it
            trade(server.port, "carol", "bob", 11, 9_800, 10_200, 10_100);

            pollUntil(reading, () -> hasLevel(books, Side.BUY, 9_800) && hasLevel(books, Side.SELL, 10_200) &&
                !hasLevel(books, Side.SELL, 10_100) && inStep(books), "the trades after the restart");
            final long checkedAfter = books.snapshotsChecked();
            pollUntil(reading, () -> books.snapshotsChecked() > checkedAfter, "a snapshot checked after the restart");
            assertTrue(books.nextSequence(MdChannel.INCREMENTAL) > sequenceBefore);
            assertTrue(books.book(DEMO1).rptSeq(MdChannel.INCREMENTAL) > rptSeqBefore);
            for (final String event : events)
            {
                assertTrue(!event.startsWith("MISMATCH") && !event.startsWith("BACK"), event + " in " + events);
            }
            assertTrue(hasLevel(books, Side.BUY, 9_900), "the levels from before the crash are still there");
            server.stop();
        }
        finally
        {
            CloseHelper.quietCloseAll(subscriber, aeron, driver);
            if (server.process.isAlive())
            {
                server.kill();
            }
        }
    }

    /**
     * Two accounts trade: the buyer rests 10 at {@code bid}, the seller 10 at {@code ask}, then the buyer takes 5 at
     * {@code lift}, from the best ask. Client order ids from {@code clOrdId}, unique while the orders rest.
     */
    private static void trade(
        final int port, final String buyer, final String seller, final long clOrdId, final long bid, final long ask,
        final long lift) throws IOException, InterruptedException
    {
        try (MatchpointClient buying = logon(port, buyer); MatchpointClient selling = logon(port, seller))
        {
            order(buying, clOrdId, Side.BUY, bid, 10);
            order(selling, clOrdId, Side.SELL, ask, 10);
            awaitReports(buying, 1);
            awaitReports(selling, 1);
            order(buying, clOrdId + 1, Side.BUY, lift, 5);
            awaitReports(buying, 2); // NEW, TRADE
        }
    }

    private static MatchpointClient logon(final int port, final String account) throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", port, 5_000);
        assertTrue(client.logonAndWait(new ClientListener()
        {
        }, account, account + "-demo", false, 5_000, 10_000).accepted());
        return client;
    }

    private static void order(
        final MatchpointClient client, final long clOrdId, final Side side, final long price, final long quantity)
    {
        assertTrue(client.newOrder(clOrdId, DEMO1, side, OrdType.LIMIT, TimeInForce.GTC, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }

    private static void awaitReports(final MatchpointClient client, final int reports) throws InterruptedException
    {
        final int[] seen = new int[1];
        final ClientListener counting = new ClientListener()
        {
            public void onExecutionReport(final ExecutionReportDecoder report)
            {
                seen[0]++;
            }
        };
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen[0] < reports)
        {
            if (client.poll(counting) == 0)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, seen[0] + " of " + reports + " reports within 10 s");
                Thread.yield();
            }
        }
    }

    private void pollUntil(final MarketDataSubscriber subscriber, final BooleanSupplier done, final String what)
        throws InterruptedException
    {
        // the subscriber's driver gives up on the killed publisher's image after its liveness timeout (10 s), and
        // the restarted server takes a few seconds to come up: generous, and ended early when done
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "no " + what + " within 60 s: " + events);
            if (subscriber.poll(1024) == 0)
            {
                Thread.yield();
            }
        }
    }

    private static boolean inStep(final MarketDataBooks books)
    {
        final InstrumentBook book = books.book(DEMO1);
        return book != null && book.isDefined() && !book.isStale(MdChannel.INCREMENTAL) &&
            !book.isStale(MdChannel.ORDERS);
    }

    private static boolean hasLevel(final MarketDataBooks books, final Side side, final long price)
    {
        final InstrumentBook book = books.book(DEMO1);
        if (book == null)
        {
            return false;
        }
        for (final PriceLevel level : book.levels(
            side == Side.BUY ? io.matchpoint.codec.md.Side.BUY : io.matchpoint.codec.md.Side.SELL))
        {
            if (level.price() == price)
            {
                return true;
            }
        }
        return false;
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Keeps what the subscriber reports: an INCREMENTAL or ORDERS sequence that steps back (a restart numbering from
     * 1) as BACK, a snapshot that differs from the books built as MISMATCH.
     */
    private record Recorder(List<String> events) implements MarketDataListener
    {
        public void onChannelGap(final MdChannel channel, final long expected, final long received)
        {
            // the snapshot stream alone is numbered by the publisher, from 1 again at each start
            events.add((received < expected && channel != MdChannel.SNAPSHOT ? "BACK " : "GAP ") + channel +
                " expected " + expected + ", got " + received);
        }

        public void onStale(final InstrumentBook book, final MdChannel channel, final String why)
        {
            events.add("STALE " + channel + " " + why);
        }

        public void onRecovered(final InstrumentBook book, final MdChannel channel)
        {
            events.add("RECOVERED " + channel);
        }

        public void onSnapshotMismatch(final InstrumentBook book, final MdChannel channel, final String difference)
        {
            events.add("MISMATCH " + channel + " " + difference);
        }
    }
}
