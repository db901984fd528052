package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;

/**
 * A drop copy account over real sockets and a real journal: its session receives every execution report of the
 * accounts it watches, as DropCopyReport numbered in its own stream (each naming the account and the report's number
 * in that account's stream), may send nothing but heartbeats and a logout, resumes after a disconnect and after a
 * restart without a gap or a repeat, and stops receiving copies once a restart no longer grants them.
 */
class DropCopyTest
{
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @TempDir
    Path data;

    @Test
    void aDropCopySessionSeesEveryReportOfTheAccountsItWatchesInItsOwnStreamAcrossReconnectsAndRestarts()
        throws Exception
    {
        final Copies copies = new Copies();
        final Reports alices = new Reports();
        final Reports bobs = new Reports();
        GatewayServer server = start(true);
        try (MatchpointClient alice = logon(server, "alice", MatchpointClient.NO_SEQ_NUM, alices);
            MatchpointClient bob = logon(server, "bob", MatchpointClient.NO_SEQ_NUM, bobs))
        {
            final MatchpointClient audit = logon(server, "audit", MatchpointClient.NO_SEQ_NUM, copies);
            send(alice, alices, 1, Side.SELL, 100, 3);
            pollUntil(alice, alices, () -> alices.seqNums.size() == 1, "alice's NEW");
            send(bob, bobs, 1, Side.BUY, 100, 1);
            pollUntil(bob, bobs, () -> bobs.seqNums.size() == 2, "bob's NEW and fill");
            pollUntil(audit, copies, () -> copies.seqNums.size() == 4, "four copies");
            assertEquals(List.of(1L, 2L, 3L, 4L), copies.seqNums, "the drop copy account's own stream");
            assertEquals(List.of("1#1 NEW", "2#1 NEW", "1#2 TRADE", "2#2 TRADE"), copies.lines,
                "each report as its account's sessions got it: NEWs, then the maker's and the taker's fills");

            // read-only: an order is refused by the gateway and never reaches the engine; the session carries on
            final long before = server.matcher().engine().restingOrderCount();
            send(audit, copies, 7, Side.BUY, 90, 1);
            pollUntil(audit, copies, () -> copies.rejects.size() == 1, "the reject");
            assertEquals(List.of(NewOrderDecoder.TEMPLATE_ID + " " + RejectReason.NOT_PERMITTED), copies.rejects);
            assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
            assertEquals(before, server.matcher().engine().restingOrderCount());
            assertTrue(audit.isConnected());

            // away while alice cancels; back with the last number it processed: the copy is replayed
            final long processed = audit.lastSeqNum();
            audit.close();
            assertTrue(alice.cancelByClientOrderId(1) > 0);
            pollUntil(alice, alices, () -> alices.seqNums.size() == 3, "alice's cancel");
            final MatchpointClient again = logon(server, "audit", processed, copies);
            pollUntil(again, copies, () -> copies.seqNums.size() == 5, "the replayed copy");
            assertEquals("1#3 CANCELLED", copies.lines.get(4));
            again.close();
        }
        finally
        {
            server.close();
        }

        // a restart grants the same again: the stream continues where the journal says
        server = start(true);
        try (MatchpointClient bob = logon(server, "bob", MatchpointClient.NO_SEQ_NUM, bobs))
        {
            final MatchpointClient audit = logon(server, "audit", 5, copies);
            send(bob, bobs, 2, Side.BUY, 90, 1);
            pollUntil(audit, copies, () -> copies.seqNums.size() == 6, "a copy after the restart");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), copies.seqNums);
            assertEquals("2#3 NEW", copies.lines.get(5));
            audit.close();
        }
        finally
        {
            server.close();
        }

        // a restart that grants nothing: no more copies
        server = start(false);
        try (MatchpointClient bob = logon(server, "bob", MatchpointClient.NO_SEQ_NUM, bobs);
            MatchpointClient audit = logon(server, "audit", 6, copies))
        {
            assertTrue(!server.matcher().service().hasDropCopyGrants());
            send(bob, bobs, 3, Side.BUY, 91, 1);
            pollUntil(bob, bobs, () -> bobs.seqNums.contains(4L), "bob's NEW, the fourth of his stream");
            assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
            // bob has his report: a copy would have been written to audit in the same turn; read for a while more
            final long readUntilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() - readUntilNs < 0)
            {
                audit.poll(copies);
                Thread.yield();
            }
            assertEquals(6, copies.seqNums.size(), "nothing copied");
        }
        finally
        {
            server.close();
        }
    }

    private GatewayServer start(final boolean grant) throws IOException
    {
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext(),
            new JournalOptions(new JournalDirectory(data), line -> { }, JournalFaultInjector.NONE));
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 10, 15_000);
        if (grant)
        {
            server.grantDropCopy(TestServers.AUDIT, ALICE);
            server.grantDropCopy(TestServers.AUDIT, BOB);
        }
        server.start();
        return server;
    }

    private static MatchpointClient logon(
        final GatewayServer server, final String account, final long resumeAfter, final ClientListener listener)
        throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(), 5_000);
        client.resumeAfter(resumeAfter);
        final LogonResult result = client.logonAndWait(listener, account, account + "-pw", false, 5_000, 10_000);
        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        return client;
    }

    private static void send(
        final MatchpointClient client,
        final ClientListener listener,
        final long clOrdId,
        final Side side,
        final long price,
        final long quantity)
    {
        long sent;
        while ((sent = client.newOrder(clOrdId, 1, side, OrdType.LIMIT, TimeInForce.GTC, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER)) == MatchpointClient.BACK_PRESSURED)
        {
            client.poll(listener);
        }
        assertTrue(sent > 0, "sent");
    }

    private static void pollUntil(
        final MatchpointClient client, final ClientListener listener, final BooleanSupplier done, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            assertTrue(client.isConnected(), "connected while waiting for " + what);
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            client.poll(listener);
            Thread.yield();
        }
    }

    private static final class Reports implements ClientListener
    {
        final List<Long> seqNums = new ArrayList<>();

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            seqNums.add(report.seqNum());
        }
    }

    private static final class Copies implements ClientListener
    {
        final List<Long> seqNums = new ArrayList<>();
        /** "account#its number TYPE" for each copy. */
        final List<String> lines = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();

        public void onDropCopyReport(final DropCopyReportDecoder copy)
        {
            seqNums.add(copy.seqNum());
            lines.add(copy.accountId() + "#" + copy.accountSeqNum() + " " + copy.execType());
        }

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            throw new AssertionError("a drop copy account has no reports of its own");
        }

        public void onBusinessReject(final BusinessRejectDecoder reject)
        {
            rejects.add(reject.refTemplateId() + " " + reject.reason());
        }
    }
}
