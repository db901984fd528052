package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalVerifier;

/**
 * The journal cannot write (a fault injected at the journal boundary stands for a full disk): new commands are
 * refused with JOURNAL_UNAVAILABLE and change nothing, the server says so loudly, it carries on when the journal
 * works again, and a restart finds exactly what was acknowledged.
 */
class JournalUnavailableTest
{
    @TempDir
    Path data;

    private volatile boolean diskFull;
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @Test
    void commandsAreRefusedWithAReasonWhileTheJournalCannotWriteAndNothingAcknowledgedIsLost() throws Exception
    {
        final long orderId;
        final long digest;
        final GatewayServer server = start();
        try
        {
            try (RawClient alice = new RawClient(server.localAddress()))
            {
                alice.logon("alice", "alice-pw", false); // her orders outlive the session, so a restart must show them
                alice.expect(io.matchpoint.codec.sbe.LogonAcceptedDecoder.TEMPLATE_ID);
                alice.expect(io.matchpoint.codec.sbe.InstrumentDefinitionDecoder.TEMPLATE_ID);
                alice.buy(1, 100, 5);
                final ExecutionReportDecoder accepted = alice.expectReport();
                assertEquals(ExecType.NEW, accepted.execType());
                orderId = accepted.orderId();
                assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));

                diskFull = true;
                alice.buy(2, 101, 5);
                final ExecutionReportDecoder refused = alice.expectReport();
                assertEquals(ExecType.REJECTED, refused.execType());
                assertEquals(RejectReason.JOURNAL_UNAVAILABLE, refused.rejectReason());
                assertEquals(2, refused.clOrdId());

                alice.cancel(orderId);
                final CancelRejectDecoder cancelRefused = new CancelRejectDecoder().wrap(
                    alice.expect(CancelRejectDecoder.TEMPLATE_ID), MessageHeaderDecoder.ENCODED_LENGTH,
                    CancelRejectDecoder.BLOCK_LENGTH, CancelRejectDecoder.SCHEMA_VERSION);
                assertEquals(RejectReason.JOURNAL_UNAVAILABLE, cancelRefused.reason());
                assertTrue(server.isJournalFailing());
                assertTrue(reported.stream().anyMatch(error -> error.getMessage().contains("COMMAND JOURNAL CANNOT WRITE")),
                    "said loudly: " + reported);

                try (RawClient bob = Sessions.loggedOn(server, "bob"))
                {
                    bob.sell(3, 100, 1); // bob's logon made it through the journal's failure as well
                    assertEquals(RejectReason.JOURNAL_UNAVAILABLE, bob.expectReport().rejectReason());
                }
                assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
                assertEquals(1, server.matcher().engine().restingOrderCount(), "nothing refused reached the book");

                diskFull = false;
                alice.buy(4, 102, 5);
                assertEquals(ExecType.NEW, alice.expectReport().execType(), "accepted again once it writes");
                assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
                assertTrue(!server.isJournalFailing());
                assertTrue(reported.stream().anyMatch(error -> error.getMessage().contains("writing again")));
            }
        }
        finally
        {
            server.close();
        }
        digest = server.matcher().engine().digest();

        try (GatewayServer restarted = start())
        {
            assertEquals(digest, restarted.recovery().digest(), "a restart finds exactly what was acknowledged");
            assertEquals(2, restarted.matcher().engine().restingOrderCount());
        }
        final JournalVerifier.Result verified = new JournalVerifier(new JournalDirectory(data),
            TestServers.pipelineContext().engineConfig()).verify();
        assertTrue(verified.passed(), String.valueOf(verified.divergence()));
    }

    private GatewayServer start() throws IOException
    {
        final PipelineContext pipeline = TestServers.pipelineContext().errorHandler(reported::add);
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), pipeline, new JournalOptions(
            new JournalDirectory(data), line -> { }, sequence ->
            {
                if (diskFull)
                {
                    throw new IOException("No space left on device (injected)");
                }
            }));
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
        server.start();
        return server;
    }
}
