package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.SnapshotStore;

/**
 * Snapshots on the gateway's timer and at an admin's request, each a journaled command, so a restart replays only
 * what came after.
 */
class PeriodicSnapshotTest
{
    @TempDir
    Path data;

    /** One permit per snapshot the server says it wrote: the tests wait on it, with a deadline. */
    private final Semaphore written = new Semaphore(0);

    private JournalOptions journal()
    {
        return new JournalOptions(new JournalDirectory(data), line ->
        {
            if (line.startsWith("snapshot written"))
            {
                written.release();
            }
        }, JournalFaultInjector.NONE);
    }

    @Test
    void snapshotsAreTakenOnTheIntervalAndARestartReplaysOnlyTheTail() throws Exception
    {
        final JournalOptions journal = journal();
        final SnapshotStore store = new SnapshotStore(new JournalDirectory(data).snapshots(), line -> { });
        final GatewayServer server = new GatewayServer(
            TestServers.gatewayContext().snapshotIntervalNs(TimeUnit.MILLISECONDS.toNanos(100)),
            TestServers.pipelineContext(), journal);
        try
        {
            server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
            server.start();
            try (RawClient alice = Sessions.loggedOn(server, "alice"))
            {
                alice.buy(1, 100, 5);
                assertEquals(ExecType.NEW, alice.expectReport().execType());
                assertTrue(written.tryAcquire(2, 10, TimeUnit.SECONDS), "two snapshots on the timer");
                final List<Path> snapshots = store.snapshotsNewestFirst();
                assertTrue(snapshots.size() >= 2, "snapshots on the timer: " + snapshots);
            }
        }
        finally
        {
            server.close();
        }

        final GatewayServer restarted = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext(),
            journal);
        try
        {
            assertEquals(0, restarted.recovery().commandsReplayed(), "the closing snapshot covers everything");
            assertEquals(server.matcher().engine().digest(), restarted.recovery().digest());
        }
        finally
        {
            restarted.close();
        }
    }

    @Test
    void anAdminAccountCanAskForASnapshotAndOthersAreRefused() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(new JournalDirectory(data).snapshots(), line -> { });
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext(),
            journal());
        try
        {
            server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
            server.start();
            final List<String> refusals = new java.util.ArrayList<>();
            final io.matchpoint.client.ClientListener listener = new io.matchpoint.client.ClientListener()
            {
                public void onBusinessReject(final io.matchpoint.codec.sbe.BusinessRejectDecoder reject)
                {
                    refusals.add(reject.reason() + " " + reject.refTemplateId());
                }
            };
            try (io.matchpoint.client.MatchpointClient alice = logon(server, "alice", listener))
            {
                alice.snapshotRequest();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (refusals.isEmpty() && System.nanoTime() - deadline < 0)
                {
                    alice.poll(listener);
                }
                assertEquals(List.of("NOT_PERMITTED 15"), refusals);
            }
            assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
            assertEquals(List.of(), store.snapshotsNewestFirst(), "nothing written for alice");

            try (io.matchpoint.client.MatchpointClient admin = logon(server, "admin", listener))
            {
                admin.snapshotRequest();
                assertTrue(written.tryAcquire(10, TimeUnit.SECONDS), "the admin's snapshot");
            }
            assertEquals(1, store.snapshotsNewestFirst().size(), "the admin's request wrote one");
        }
        finally
        {
            server.close();
        }
    }

    private static io.matchpoint.client.MatchpointClient logon(
        final GatewayServer server, final String account, final io.matchpoint.client.ClientListener listener)
        throws java.io.IOException
    {
        final io.matchpoint.client.MatchpointClient client = io.matchpoint.client.MatchpointClient
            .connect("127.0.0.1", server.localAddress().getPort(), 5_000);
        assertTrue(client.logonAndWait(listener, account, account + "-pw", false, 5_000, 10_000).accepted());
        return client;
    }
}
