package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.SnapshotStore;

/**
 * The gateway asks for a snapshot on its timer, as a journaled command, so a restart replays only what came after.
 */
class PeriodicSnapshotTest
{
    @TempDir
    Path data;

    @Test
    void snapshotsAreTakenOnTheIntervalAndARestartReplaysOnlyTheTail() throws Exception
    {
        final JournalOptions journal = new JournalOptions(new JournalDirectory(data), line -> { },
            JournalFaultInjector.NONE);
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
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                List<Path> snapshots = store.snapshotsNewestFirst();
                while (snapshots.size() < 2 && System.nanoTime() - deadline < 0)
                {
                    Thread.sleep(20);
                    snapshots = store.snapshotsNewestFirst();
                }
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
}
