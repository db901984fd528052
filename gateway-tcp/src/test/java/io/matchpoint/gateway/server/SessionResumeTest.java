package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.journal.EventJournalReader;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;

/**
 * A client whose connection drops in the middle of a burst of fills logs on again with the last sequence number it
 * processed and gets every execution report it missed, in order, before new ones: from the event journal while the
 * server runs, and again after a server restart. Across the three connections it sees its account's stream exactly once, and it is the
 * stream the event journal holds.
 */
class SessionResumeTest
{
    private static final long ALICE = 1;
    /** Enough reports (about 110 KB) that the first poll, reading at most 64 KiB, stops in the middle. */
    private static final int RESTING = 1_000;

    @TempDir
    Path data;

    @Test
    void aClientThatReconnectsGetsEveryMissedReportExactlyOnceEvenAcrossARestart() throws Exception
    {
        final Reports seen = new Reports();
        GatewayServer server = start();
        try
        {
            final Reports bobs = new Reports();
            try (MatchpointClient bob = logon(server, "bob", MatchpointClient.NO_SEQ_NUM, bobs))
            {
                for (int i = 1; i <= RESTING; i++)
                {
                    send(bob, bobs, i, Side.SELL, 100, 1);
                }
                send(bob, bobs, RESTING + 1, Side.SELL, 101, 1); // a marker: once bob sees it, all his orders rest
                awaitReports(bob, bobs, RESTING + 1);

                final MatchpointClient first = logon(server, "alice", MatchpointClient.NO_SEQ_NUM, seen);
                send(first, seen, 1, Side.BUY, 100, RESTING + 100); // NEW, then a fill per resting order, then 100 rest
                pollUntil(first, seen, () -> seen.count() >= 100, "the first 100 of alice's burst");
                first.close(); // dropped mid-burst: 201 reports already on their way are lost with the socket
                final long afterFirst = first.lastSeqNum();
                assertTrue(afterFirst >= 100 && afterFirst < RESTING, "dropped mid-burst, after " + afterFirst);

                for (int i = 1; i <= 50; i++)
                {
                    send(bob, bobs, 10_000 + i, Side.SELL, 100, 1); // 50 more fills for alice while she is away
                }
                awaitReports(bob, bobs, RESTING + 1 + RESTING + 100); // his fills against alice, then 50 x NEW + TRADE

                final MatchpointClient second = logon(server, "alice", afterFirst, seen);
                pollUntil(second, seen, () -> second.lastSeqNum() == RESTING + 1 + 50, "the replay and what followed");
                second.close();

                for (int i = 1; i <= 30; i++)
                {
                    send(bob, bobs, 20_000 + i, Side.SELL, 100, 1); // 30 more while she is away, then the server restarts
                }
                awaitReports(bob, bobs, RESTING + 1 + RESTING + 100 + 60);
            }
        }
        finally
        {
            server.close();
        }
        final long afterSecond = seen.last();

        server = start();
        try
        {
            final MatchpointClient third = logon(server, "alice", afterSecond, seen);
            final long journaled = RESTING + 1 + 50 + 30;
            pollUntil(third, seen, () -> third.lastSeqNum() == journaled, "the rest of the stream after a restart");
            send(third, seen, 2, Side.BUY, 90, 1);
            pollUntil(third, seen, () -> third.lastSeqNum() == journaled + 1, "a new report, after the replay");
            third.close();
        }
        finally
        {
            server.close();
        }

        final List<Long> expected = new ArrayList<>();
        for (long seqNum = 1; seqNum <= RESTING + 1 + 50 + 30 + 1; seqNum++)
        {
            expected.add(seqNum);
        }
        assertEquals(expected, seen.seqNums, "every report of alice's stream, in order, exactly once");
        assertEquals(seen.trades, journaledTradesOf(ALICE), "the fills alice saw are the journal's");
        assertEquals(RESTING + 50 + 30, seen.trades.size());
    }

    private GatewayServer start() throws IOException
    {
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext().throttleMessages(100_000),
            TestServers.pipelineContext(),
            new JournalOptions(new JournalDirectory(data), line -> { }, JournalFaultInjector.NONE));
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 10, 15_000);
        server.start();
        return server;
    }

    private static MatchpointClient logon(
        final GatewayServer server, final String account, final long resumeAfter, final Reports reports)
        throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(), 5_000);
        client.resumeAfter(resumeAfter);
        final LogonResult result = client.logonAndWait(reports, account, account + "-pw", false, 5_000, 10_000);
        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        return client;
    }

    private static void send(
        final MatchpointClient client,
        final Reports reports,
        final long clOrdId,
        final Side side,
        final long price,
        final long quantity)
    {
        long sent;
        while ((sent = client.newOrder(clOrdId, 1, side, OrdType.LIMIT, TimeInForce.GTC, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER)) == MatchpointClient.BACK_PRESSURED)
        {
            client.poll(reports);
        }
        assertTrue(sent > 0, "sent");
    }

    private static void awaitReports(final MatchpointClient client, final Reports reports, final int count)
    {
        pollUntil(client, reports, () -> reports.count() >= count, count + " reports");
    }

    private static void pollUntil(
        final MatchpointClient client, final Reports reports, final BooleanSupplier done, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean())
        {
            assertTrue(client.isConnected(), "connected while waiting for " + what + ": " + reports.problems);
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what + ", last " + client.lastSeqNum() +
                ", seen " + reports.count());
            // one message at a time, so the test can stop exactly where it wants to drop the connection
            client.poll(reports);
        }
    }

    private Set<Long> journaledTradesOf(final long accountId)
    {
        final Set<Long> trades = new HashSet<>();
        final EventSlot event = new EventSlot();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        try (EventJournalReader reader = new EventJournalReader(new JournalDirectory(data)))
        {
            while (reader.next(event))
            {
                header.wrap(event.buffer(), 0);
                if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID &&
                    event.targetKind() == EventSlot.TARGET_ACCOUNT && event.targetId() == accountId)
                {
                    report.wrap(event.buffer(), MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                        header.version());
                    if (report.execType() == ExecType.TRADE)
                    {
                        trades.add(report.tradeId());
                    }
                }
            }
        }
        return trades;
    }

    /**
     * Every execution report delivered, across connections.
     */
    private static final class Reports implements ClientListener
    {
        final List<Long> seqNums = new ArrayList<>();
        final Set<Long> trades = new HashSet<>();
        final List<String> problems = new ArrayList<>();

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            seqNums.add(report.seqNum());
            if (report.execType() == ExecType.TRADE)
            {
                assertTrue(trades.add(report.tradeId()), "trade " + report.tradeId() + " delivered twice");
            }
        }

        public void onThrottleReject(final io.matchpoint.codec.sbe.ThrottleRejectDecoder reject)
        {
            problems.add("throttled " + reject.refSeqNum());
        }

        public void onProtocolError(final String what)
        {
            problems.add(what);
        }

        int count()
        {
            return seqNums.size();
        }

        long last()
        {
            return seqNums.isEmpty() ? MatchpointClient.NO_SEQ_NUM : seqNums.get(seqNums.size() - 1);
        }
    }
}
