package io.matchpoint.journal;

import static io.matchpoint.journal.RawJournalEntries.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The journals as blocks of entries, one block a ring batch, through the real writers onto a real queue on disk: every
 * reader sees every entry once, in order, whatever the batches were; a seek lands inside a block; an entry that fails
 * is left out of its block alone; a damaged entry costs the rest of its block and no more; a journal begun before
 * blocks reads on into them.
 */
class JournalBlocksTest
{
    private static final long ALICE = 7;
    private static final long BOB = 9;

    @TempDir
    Path data;

    @Test
    void shouldWriteEachBatchOfCommandsAsOneBlockAndReadEveryCommandBackInOrder()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final List<CommandSlot> slots = writeCommands(directory, 1_000, 37, Set.of());

        assertEquals(1_000 / 37 + 1, blocks(directory.openCommands(true)), "one block a batch");
        final long firstBlock = slots.get(0).journalPosition();
        for (int i = 0; i < slots.size(); i++)
        {
            assertTrue(slots.get(i).isJournaled());
            assertEquals(slots.get(i / 37 * 37).journalPosition(), slots.get(i).journalPosition(),
                "a command's position is its block's index");
        }
        assertTrue(slots.get(37).journalPosition() > firstBlock);

        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            assertEquals(1_000, reader.lastSequence(), "the last entry of the last block");
            assertEquals(sequences(1, 1_000), readCommands(reader));
        }
    }

    @Test
    void shouldSeekIntoTheMiddleOfABlockBySequenceAndByASnapshotsPosition()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final List<CommandSlot> slots = writeCommands(directory, 500, 100, Set.of());

        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            reader.seekAfter(250);
            assertEquals(sequences(251, 500), readCommands(reader), "from the middle of the third block");

            final CommandSlot snapshotAt = slots.get(349); // sequence 350, in the fourth block
            assertTrue(reader.seekAfter(snapshotAt.journalPosition(), 350));
            assertEquals(sequences(351, 500), readCommands(reader));

            assertFalse(reader.seekAfter(snapshotAt.journalPosition(), 450), "450 is in another block");
            assertEquals(sequences(1, 500), readCommands(reader), "and the reader is at the start");

            reader.seekAfter(500);
            assertEquals(List.of(), readCommands(reader));
            reader.seekAfter(0);
            assertEquals(sequences(1, 500), readCommands(reader));
        }
    }

    @Test
    void shouldStepOverOnlyTheSeekBlocksEarlierEntriesAndLeaveALaterOneOutOfOrderForTheReplayToReport()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        RawJournalEntries.append(directory, true, bytes ->
        {
            command(bytes, 1, 8);
            command(bytes, 2, 8);
            command(bytes, 3, 8);
        });
        RawJournalEntries.append(directory, true, bytes ->
        {
            command(bytes, 4, 8);
            command(bytes, 2, 8); // a damaged journal: an old sequence again
            command(bytes, 5, 8);
        });

        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            reader.seekAfter(2);
            assertEquals(List.of(3L, 4L, 2L, 5L), readCommands(reader));
        }
    }

    @Test
    void shouldRefuseOnlyTheCommandWhoseEntryFailedAndKeepTheRestOfItsBatch()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final List<CommandSlot> slots = writeCommands(directory, 60, 20, Set.of(25L, 40L));

        for (final CommandSlot slot : slots)
        {
            assertEquals(slot.sequence() != 25 && slot.sequence() != 40, slot.isJournaled(), "command " +
                slot.sequence());
        }
        final List<Long> expected = sequences(1, 60);
        expected.remove(Long.valueOf(25));
        expected.remove(Long.valueOf(40)); // the last of its batch: the block closes without it
        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            assertEquals(expected, readCommands(reader));
        }
    }

    @Test
    void shouldRefuseADamagedEntryAndTheRestOfItsBlockThenReadOnFromTheNextBlock()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        RawJournalEntries.append(directory, true, bytes ->
        {
            command(bytes, 1, 10);
            command(bytes, 2, 10);
            bytes.writeLong(3).writeLong(0).writeLong(0).writeLong(0).writeLong(0).writeInt(5_000); // runs past the end
            command(bytes, 4, 10);
        });
        RawJournalEntries.append(directory, true, bytes -> command(bytes, 5, 10));

        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            final CommandSlot slot = new CommandSlot();
            assertTrue(reader.next(slot));
            assertEquals(1, slot.sequence());
            assertTrue(reader.next(slot));
            assertEquals(2, slot.sequence());
            final CorruptJournalException refused =
                assertThrows(CorruptJournalException.class, () -> reader.next(slot));
            assertTrue(refused.getMessage().contains("(sequence 3) claims 5000 bytes"), refused.getMessage());
            assertTrue(reader.next(slot));
            assertEquals(5, slot.sequence(), "4 was after the damage, in the same block");
            assertFalse(reader.next(slot));
        }
    }

    @Test
    void shouldReadAJournalBegunWithOneEntryADocumentOnIntoBlocks()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            final long entry = sequence;
            RawJournalEntries.append(directory, true, bytes -> command(bytes, entry, 8));
        }
        RawJournalEntries.append(directory, true, bytes ->
        {
            for (long sequence = 6; sequence <= 12; sequence++)
            {
                command(bytes, sequence, 8);
            }
        });

        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            assertEquals(12, reader.lastSequence());
            assertEquals(sequences(1, 12), readCommands(reader));
            reader.seekAfter(3);
            assertEquals(sequences(4, 12), readCommands(reader));
        }
    }

    @Test
    void shouldWriteEachBatchOfDurableEventsAsOneBlockAndSkipTheOthers()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final List<EventSlot> events = new ArrayList<>();
        long sequence = 0;
        for (int i = 1; i <= 300; i++)
        {
            // every tenth answers a command the command journal could not take: not durable
            events.add(event(i % 10 == 0 ? 0 : ++sequence, i, i % 2 == 0 ? ALICE : BOB, i));
        }
        writeEvents(directory, events, 16);

        assertEquals(300 / 16 + 1, blocks(directory.openEvents(true)));
        try (EventJournalReader reader = new EventJournalReader(directory))
        {
            assertEquals(sequence, reader.lastEventSequence());
            final EventSlot slot = new EventSlot();
            long expected = 0;
            while (reader.next(slot))
            {
                assertEquals(++expected, slot.eventSequence());
            }
            assertEquals(sequence, expected);
        }
    }

    @Test
    void shouldHandOverAnAccountsStreamFromInsideBlocksWhateverTheBudgets()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final List<EventSlot> events = new ArrayList<>();
        long aliceSeqNum = 0;
        long bobSeqNum = 0;
        for (int i = 1; i <= 700; i++)
        {
            final boolean alice = i % 5 == 0;
            events.add(event(i, i, alice ? ALICE : BOB, alice ? ++aliceSeqNum : ++bobSeqNum));
        }
        writeEvents(directory, events, 23);

        for (final int budget : new int[]{ 1, 3, 64, 10_000 })
        {
            try (SingleChronicleQueue queue = AccountStreamReplay.openEvents(directory);
                 AccountStreamReplay replay =
                     new AccountStreamReplay(queue, ALICE, 37, budget, budget, Long.MAX_VALUE, Long.MAX_VALUE))
            {
                assertEquals(sequences(37, 90), drain(replay, 90), "budget " + budget);
                assertEquals(sequences(91, 140), drain(replay, 140), "budget " + budget);
                replay.beginTurn();
                assertFalse(replay.next(new EventSlot(), Long.MAX_VALUE), "nothing after the journal's last");
            }
        }
    }

    @Test
    void shouldRecordTheJournalFormatAndRefuseOneItDoesNotKnow() throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final io.matchpoint.engine.match.EngineConfig config = new io.matchpoint.engine.match.EngineConfig();
        EngineCapacityFile.recordOrCheck(directory, config);
        final Path file = data.resolve("engine.properties");
        final String written = java.nio.file.Files.readString(file);
        assertTrue(written.contains("journalFormat=" + JournalFormat.FORMAT_VERSION), written);

        java.nio.file.Files.writeString(file, written.replace("journalFormat=2", "journalFormat=1"));
        assertEquals(config.toString(), EngineCapacityFile.read(directory).toString(), "format 1 is read too");
        java.nio.file.Files.writeString(file, written.replace("journalFormat=2", "journalFormat=3"));
        final IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> EngineCapacityFile.read(directory));
        assertTrue(refused.getMessage().contains("format 3"), refused.getMessage());
    }

    /**
     * Writes commands 1 to {@code count} through the command journal's stage, a batch every {@code batch}; the entries
     * of the sequences in {@code failing} fail.
     */
    private static List<CommandSlot> writeCommands(
        final JournalDirectory directory, final int count, final int batch, final Set<Long> failing)
    {
        final List<CommandSlot> slots = new ArrayList<>();
        try (CommandJournalWriter writer = new CommandJournalWriter(directory, new SystemEpochNanoClock(),
            error -> { }, sequence ->
            {
                if (failing.contains(sequence))
                {
                    throw new IOException("injected");
                }
            }))
        {
            writer.onStart();
            final UnsafeBuffer message = new UnsafeBuffer(new byte[24]);
            for (int i = 1; i <= count; i++)
            {
                message.putLong(0, i);
                final CommandSlot slot = new CommandSlot().load(i, 100 + i, 200 + i, 1_000L * i, message, 0, 24);
                slots.add(slot);
                writer.onEvent(slot, i, i % batch == 0 || i == count);
            }
        }
        return slots;
    }

    private static void writeEvents(final JournalDirectory directory, final List<EventSlot> events, final int batch)
    {
        try (EventJournalWriter writer = new EventJournalWriter(
            directory, new SystemEpochNanoClock(), error -> { }, JournalFaultInjector.NONE))
        {
            writer.onStart();
            for (int i = 0; i < events.size(); i++)
            {
                writer.onEvent(events.get(i), i, (i + 1) % batch == 0 || i == events.size() - 1);
            }
        }
    }

    /**
     * An event to an account whose message's first field after the SBE header is the account's stream number.
     */
    private static EventSlot event(final long eventSequence, final long commandSequence, final long account,
        final long seqNum)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        message.putLong(8, seqNum, ByteOrder.LITTLE_ENDIAN);
        return new EventSlot().load(eventSequence, commandSequence, commandSequence * 10, EventSlot.TARGET_ACCOUNT,
            account, message, 0, 16);
    }

    /**
     * @return the sequences of the commands read, each checked to carry its own header and message (as
     * {@link #writeCommands} or {@link RawJournalEntries#command} wrote them).
     */
    private static List<Long> readCommands(final CommandJournalReader reader)
    {
        final List<Long> read = new ArrayList<>();
        final CommandSlot slot = new CommandSlot();
        while (reader.next(slot))
        {
            read.add(slot.sequence());
            final boolean raw = slot.sessionId() == 1000 + slot.sequence();
            assertEquals(raw ? 2000 + slot.sequence() : 200 + slot.sequence(), slot.accountId());
            assertEquals(raw ? 0x0706050403020100L : slot.sequence(), slot.buffer().getLong(0),
                "the message is the command's own");
        }
        return read;
    }

    private static List<Long> drain(final AccountStreamReplay replay, final long upTo)
    {
        final List<Long> handed = new ArrayList<>();
        final EventSlot slot = new EventSlot();
        for (int calls = 0; calls < 1_000_000 && replay.nextSeqNum() <= upTo; calls++)
        {
            replay.beginTurn();
            if (replay.next(slot, upTo))
            {
                assertEquals(ALICE, slot.targetId());
                handed.add(slot.buffer().getLong(8, ByteOrder.LITTLE_ENDIAN));
            }
        }
        return handed;
    }

    private static int blocks(final SingleChronicleQueue queue)
    {
        int blocks = 0;
        try (queue; ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        return blocks;
                    }
                    blocks++;
                }
            }
        }
    }

    private static List<Long> sequences(final long from, final long to)
    {
        final List<Long> sequences = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++)
        {
            sequences.add(sequence);
        }
        return sequences;
    }
}
