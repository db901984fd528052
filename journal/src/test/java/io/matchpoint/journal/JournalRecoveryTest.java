package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.PipelineContext;

class JournalRecoveryTest
{
    private static final int COMMANDS = 60_000;

    @TempDir
    Path data;

    private final List<String> log = new ArrayList<>();

    @Test
    void restartFromTheJournalAloneRebuildsTheSameStateAndContinuesTheSequences() throws IOException
    {
        final Run first = run(data, 42, COMMANDS, 0);
        assertNull(first.recovery.snapshot());
        assertEquals(0, first.recovery.commandsReplayed());

        final Run second = run(data, 43, 0, 0);
        assertEquals(first.digest, second.recovery.digest());
        assertEquals(first.lastSequence, second.recovery.lastSequence());
        assertEquals(first.lastSequence - 0, second.recovery.commandsReplayed());
        assertEquals(0, second.recovery.eventsRepaired(), "a clean stop journals every event");
        assertEquals(first.nextEventSequence, second.nextEventSequence);

        final Run third = run(data, 44, 1_000, 0);
        assertEquals(first.lastSequence + 1_000, third.lastSequence, "sequences continue after a restart");
        assertTrue(new JournalVerifier(new JournalDirectory(data), RandomWorkload.engineConfig()).verify().passed());
    }

    @Test
    void restartFromASnapshotReplaysOnlyTheTailAndReachesTheSameDigest() throws IOException
    {
        final Run first = run(data, 7, COMMANDS, 25_000);
        final Run fromSnapshot = run(data, 8, 0, 0);
        assertNotNull(fromSnapshot.recovery.snapshot());
        assertEquals(50_000 + 3, fromSnapshot.recovery.snapshot().lastSequence(), "the newest of two snapshots");
        assertEquals(first.lastSequence - fromSnapshot.recovery.snapshot().lastSequence(),
            fromSnapshot.recovery.commandsReplayed());
        assertEquals(first.digest, fromSnapshot.recovery.digest());
        assertEquals(first.nextEventSequence, fromSnapshot.nextEventSequence);

        deleteSnapshots();
        final Run fromStart = run(data, 9, 0, 0);
        assertNull(fromStart.recovery.snapshot());
        assertEquals(first.digest, fromStart.recovery.digest());
    }

    @Test
    void aDamagedSnapshotIsSkippedWithAWarningAndTheOlderOneUsed() throws IOException
    {
        final Run first = run(data, 11, COMMANDS, 25_000);
        final SnapshotStore store = new SnapshotStore(new JournalDirectory(data).snapshots(), log::add);
        final Path newest = store.snapshotsNewestFirst().get(0);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);

        final Run second = run(data, 12, 0, 0);
        assertEquals(25_000 + 3, second.recovery.snapshot().lastSequence());
        assertEquals(first.digest, second.recovery.digest());
        assertTrue(log.stream().anyMatch(line -> line.contains("WARNING: skipping snapshot") &&
            line.contains("CRC-32C mismatch")), log.toString());
    }

    @Test
    void aPartialSnapshotIsSkipped() throws IOException
    {
        final Run first = run(data, 13, COMMANDS, 25_000);
        final SnapshotStore store = new SnapshotStore(new JournalDirectory(data).snapshots(), log::add);
        final Path newest = store.snapshotsNewestFirst().get(0);
        final byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        final Run second = run(data, 14, 0, 0);
        assertEquals(25_000 + 3, second.recovery.snapshot().lastSequence());
        assertEquals(first.digest, second.recovery.digest());
        assertTrue(log.stream().anyMatch(line -> line.contains("partial or damaged")), log.toString());
    }

    private void deleteSnapshots() throws IOException
    {
        for (final Path file : new SnapshotStore(new JournalDirectory(data).snapshots(), log::add).snapshotsNewestFirst())
        {
            Files.delete(file);
        }
    }

    record Run(Recovery.Report recovery, long digest, long lastSequence, long nextEventSequence)
    {
    }

    /**
     * Opens the directory (recovering), publishes a workload, stops cleanly; returns what it saw.
     */
    private Run run(final Path directory, final long seed, final int commands, final int snapshotEvery)
        throws IOException
    {
        final AtomicLong sent = new AtomicLong();
        final EventHandler<EventSlot> sender = (event, sequence, endOfBatch) -> sent.incrementAndGet();
        final PipelineContext context = new PipelineContext()
            .engineConfig(RandomWorkload.engineConfig())
            .inboundRingSize(1024)
            .outboundRingSize(4096)
            .inboundWaitStrategy(new BlockingWaitStrategy())
            .outboundWaitStrategy(new BlockingWaitStrategy())
            .sender(sender)
            .errorHandler(Throwable::printStackTrace);
        try (JournaledPipeline journaled = JournaledPipeline.open(new JournalDirectory(directory), context,
            new SystemEpochNanoClock(), Throwable::printStackTrace, log::add, JournalFaultInjector.NONE))
        {
            journaled.pipeline().start();
            final RandomWorkload workload = new RandomWorkload(seed);
            if (commands > 0)
            {
                if (journaled.recovery().lastSequence() == 0)
                {
                    workload.defineInstruments(journaled.pipeline().commandPublisher());
                }
                workload.publish(journaled.pipeline().commandPublisher(), commands, snapshotEvery);
            }
            assertTrue(journaled.pipeline().awaitQuiet(30, TimeUnit.SECONDS));
            assertEquals(0, journaled.pipeline().handlerErrors());
            return new Run(journaled.recovery(), journaled.pipeline().matcher().engine().digest(),
                journaled.pipeline().matcher().lastSequence(), journaled.pipeline().matcher().nextEventSequence());
        }
    }
}
