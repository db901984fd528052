package io.matchpoint.journal;

import static io.matchpoint.journal.RawJournalEntries.append;
import static io.matchpoint.journal.RawJournalEntries.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aWholeSnapshotWhoseStateIsWrongIsSkippedWithAWarningAndTheMatcherLeftFresh() throws IOException
    {
        final Run first = run(data, 15, COMMANDS, 25_000);
        final List<Path> snapshots = new SnapshotStore(new JournalDirectory(data).snapshots(), log::add)
            .snapshotsNewestFirst();

        // a bug that saved a stale order sequence counter: every resting order's id carries a sequence at or past
        // it. The CRC is made to match, so only the state's own checks can tell.
        rewriteNextOrderSequenceKeepingTheCrc(snapshots.get(0), 1);
        final Run second = run(data, 16, 0, 0);
        assertEquals(25_000 + 3, second.recovery.snapshot().lastSequence(), "the older snapshot");
        assertEquals(first.digest, second.recovery.digest());
        assertEquals(first.nextEventSequence, second.nextEventSequence);
        assertTrue(log.stream().anyMatch(line -> line.contains("WARNING: skipping snapshot " + snapshots.get(0)) &&
            line.contains("its state is refused") && line.contains("is outside those handed out")), log.toString());

        for (final Path snapshot : new SnapshotStore(new JournalDirectory(data).snapshots(), log::add)
            .snapshotsNewestFirst())
        {
            if (!snapshot.equals(snapshots.get(0)))
            {
                rewriteNextOrderSequenceKeepingTheCrc(snapshot, 1);
            }
        }
        final Run third = run(data, 17, 0, 0);
        assertNull(third.recovery.snapshot(), "both snapshots refused: the whole journal is replayed");
        assertEquals(first.lastSequence, third.recovery.commandsReplayed());
        assertEquals(first.digest, third.recovery.digest());
        assertEquals(first.nextEventSequence, third.nextEventSequence);
    }

    /**
     * Overwrites the core's next order sequence number, the first field after the matcher state's magic, format and
     * last sequence, and writes the CRC-32C of the altered state.
     */
    private static void rewriteNextOrderSequenceKeepingTheCrc(final Path snapshot, final long nextOrderSequence)
        throws IOException
    {
        final byte[] bytes = Files.readAllBytes(snapshot);
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        final int stateLength = bytes.length - SnapshotStore.HEADER_LENGTH - SnapshotStore.TRAILER_LENGTH;
        assertTrue(buffer.getLong(SnapshotStore.HEADER_LENGTH + 16) > nextOrderSequence,
            "the snapshot has handed out ids");
        buffer.putLong(SnapshotStore.HEADER_LENGTH + 16, nextOrderSequence);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, SnapshotStore.HEADER_LENGTH, stateLength);
        buffer.putInt(SnapshotStore.HEADER_LENGTH + stateLength, (int)crc.getValue());
        Files.write(snapshot, bytes);
    }

    @Test
    void aCorruptCommandEntryStopsStartUpNamingItAndLeavesNoReaderRunning() throws IOException
    {
        final Run first = run(data, 19, 5_000, 0);
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> bytes.writeLong(first.lastSequence + 1).writeLong(2));
        append(directory, true, bytes -> command(bytes, first.lastSequence + 2, 0));

        final CorruptJournalException refused =
            assertThrows(CorruptJournalException.class, () -> run(data, 20, 0, 0));
        assertTrue(refused.getMessage().contains("holds 16 bytes, less than a command entry's header"),
            refused.getMessage());
        assertNoRecoveryReaderRunning();
    }

    @Test
    void aCommandJournalWhoseSequencesGoBackStopsStartUp() throws IOException
    {
        final Run first = run(data, 21, 5_000, 0);
        append(new JournalDirectory(data), true, bytes -> command(bytes, 3, 0));

        final CorruptJournalException refused =
            assertThrows(CorruptJournalException.class, () -> run(data, 22, 0, 0));
        assertTrue(refused.getMessage().contains("command 3 follows command " + first.lastSequence),
            refused.getMessage());
        assertNoRecoveryReaderRunning();
    }

    private static void assertNoRecoveryReaderRunning()
    {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
            .noneMatch(thread -> thread.getName().equals("matchpoint-recovery-reader") && thread.isAlive()),
            "the journal reader thread was stopped and joined");
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
