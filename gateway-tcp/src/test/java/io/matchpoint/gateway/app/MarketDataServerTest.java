package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.gateway.config.ServerConfig;
import io.matchpoint.gateway.config.ServerConfigLoader;
import io.matchpoint.gateway.server.GatewayServer;

/**
 * The server with its feed switched on (matchpoint.market-data.enabled) publishes it: orders sent over TCP show in {@code ./matchpoint md}'s books, rebuilt by
 * a subscriber of its own (its own media driver, over UDP on loopback) from the snapshot channel and the incremental
 * ones, and records what it received for {@code md --read}; after a clean restart on the same data directory the
 * feed's sequence numbers go on from where they were, and a new subscriber converges again. The data directory's
 * {@code market-data.properties} is all it is told.
 */
class MarketDataServerTest
{
    private static final int DEMO1 = 1;

    @TempDir
    Path data;

    @Test
    void shouldShowTheOrdersOfTheDayInTheFeedsBooksAndGoOnNumberingAfterARestart() throws Exception
    {
        final ServerConfig config = ServerConfigLoader.defaults().withPort(0).withDataDirectory(data)
            .withMarketData(ServerConfigLoader.defaults().marketData().withEnabled(true));
        final long levelsRptSeq;
        final long incrementalSequence;
        GatewayServer server = ServerMain.start(config);
        try
        {
            assertTrue(Files.exists(data.resolve(MarketDataEndpoint.FILE_NAME)));
            try (MatchpointClient alice = logon(server, "alice"); MatchpointClient bob = logon(server, "bob"))
            {
                order(alice, 1, Side.BUY, 10_000, 10);
                order(alice, 2, Side.BUY, 9_950, 5);
                awaitReports(alice, 2);
                order(bob, 1, Side.SELL, 10_000, 4);
                order(bob, 2, Side.SELL, 10_100, 7);
                awaitReports(bob, 3); // two acceptances and a trade
            }
            final Path recording = data.resolveSibling(data.getFileName() + "-md.rec");
            final String books = md(config.dataDirectory(), recording);
            assertTrue(books.contains("DEMO1 (id 1)  TRADING"), books);
            // what md received, written as received and read back message by message: the snapshot of the books
            final String recorded = read(recording, "DEMO1");
            Files.delete(recording);
            assertTrue(recorded.contains(" stream=SNAPSHOT seq="), recorded);
            assertTrue(recorded.contains("SnapshotLevel instrumentId=1 side=BUY orderCount=1 price=10000 quantity=6"),
                recorded);
            assertTrue(recorded.lines().allMatch(line -> line.contains("instrumentId=1 ")), recorded);
            assertTrue(books.contains(String.format("  %12s %7s %14s | %-14s %7s %12s%n", "6", "1", "100.00",
                "101.00", "1", "7")), books);
            assertTrue(books.contains(String.format("  %12s %7s %14s | %-14s %7s %12s%n", "5", "1", "99.50", "", "",
                "")), books);
            assertTrue(books.contains("DEMO2 (id 2)"), "every instrument, from the snapshot: " + books);
            levelsRptSeq = server.matcher().service().incrementalRptSeq(DEMO1);
            incrementalSequence = server.matcher().service().lastIncrementalSequence();
            assertTrue(books.contains("rptSeq " + levelsRptSeq + " levels"), books);
        }
        finally
        {
            server.close();
        }

        server = ServerMain.start(config);
        try
        {
            try (MatchpointClient carol = logon(server, "carol"))
            {
                order(carol, 1, Side.SELL, 10_100, 1);
                awaitReports(carol, 1);
            }
            // the start-up definition (again) and carol's level: two more, where a restart from 1 would be at 2
            assertEquals(levelsRptSeq + 2, server.matcher().service().incrementalRptSeq(DEMO1));
            assertTrue(server.matcher().service().lastIncrementalSequence() > incrementalSequence);
            final String books = md(config.dataDirectory(), null);
            assertTrue(books.contains("rptSeq " + (levelsRptSeq + 2) + " levels"), books);
            assertTrue(books.contains(String.format("  %12s %7s %14s | %-14s %7s %12s%n", "6", "1", "100.00",
                "101.00", "2", "8")), books);
        }
        finally
        {
            server.close();
        }
    }

    private static String read(final Path recording, final String symbol) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        MarketDataRecording.print(recording, symbol, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String md(final Path data, final Path record) throws IOException, InterruptedException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = MarketDataConsole.run(new MarketDataConsole.Options(data, null, true, 10, true, false, 20,
            1000, false, record), () -> false, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MatchpointClient logon(final GatewayServer server, final String account) throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(), 5_000);
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

    /**
     * Reads the client's messages until it has this many execution reports.
     */
    private static void awaitReports(final MatchpointClient client, final int reports) throws InterruptedException
    {
        final int[] seen = new int[1];
        final ClientListener counting = new ClientListener()
        {
            public void onExecutionReport(final io.matchpoint.codec.sbe.ExecutionReportDecoder report)
            {
                seen[0]++;
            }
        };
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen[0] < reports)
        {
            if (client.poll(counting) == 0)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError(seen[0] + " of " + reports + " execution reports within 10 s");
                }
                Thread.sleep(1);
            }
        }
    }
}
