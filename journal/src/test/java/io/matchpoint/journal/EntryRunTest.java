package io.matchpoint.journal;

import static io.matchpoint.journal.RawJournalEntries.append;
import static io.matchpoint.journal.RawJournalEntries.appendMetadata;
import static io.matchpoint.journal.RawJournalEntries.command;
import static io.matchpoint.journal.RawJournalEntries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The journal readers read most entries a block at a time from the file ({@link EntryRun}) and hand back to the
 * Chronicle tailer wherever the next entry is not a complete data entry the queue had counted as written: a metadata
 * entry, the journal's end, an entry appended since the run looked. Whichever reads it, every entry comes out once,
 * in order, with the tailer's own index, and a journal that grows after its end is read on from there.
 */
class EntryRunTest
{
    @TempDir
    Path data;

    @Test
    void shouldReadTheEntriesAfterATailersDocumentFromTheFileUpToAMetadataEntry()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 1, 3));
        append(directory, true, bytes -> command(bytes, 2, 5));
        append(directory, true, bytes -> command(bytes, 3, 6));
        appendMetadata(directory, true, bytes -> bytes.writeLong(-1));
        append(directory, true, bytes -> command(bytes, 4, 1));
        final List<Long> indexes = dataIndexes(directory.openCommands(true));

        try (SingleChronicleQueue queue = directory.openCommands(true);
             ExcerptTailer tailer = queue.createTailer();
             EntryRun run = new EntryRun(tailer))
        {
            assertFalse(run.next(), "no run before the tailer has read");
            try (DocumentContext first = tailer.readingDocument())
            {
                assertTrue(first.isPresent());
                run.startAfter(first);
            }
            assertTrue(run.next(), "the second command, read by the run");
            assertEquals((long)indexes.get(1), run.index());
            assertEquals(JournalFormat.COMMAND_HEADER_LENGTH + 5, run.entryLength());
            assertEquals(2, JournalFormat.getLong(run.entryAddress(), JournalFormat.COMMAND_SEQUENCE_OFFSET));
            assertTrue(run.next());
            assertEquals(3, JournalFormat.getLong(run.entryAddress(), JournalFormat.COMMAND_SEQUENCE_OFFSET));
            assertEquals((long)indexes.get(2), run.index());
            assertFalse(run.next(), "the metadata entry is the tailer's");
            assertFalse(run.next(), "and stays so");

            run.catchUp();
            try (DocumentContext fourth = tailer.readingDocument())
            {
                assertTrue(fourth.isPresent());
                assertEquals((long)indexes.get(3), fourth.index(), "the tailer reads on after the run's last");
                assertEquals(4, fourth.wire().bytes().readLong());
                run.startAfter(fourth);
            }
            assertFalse(run.next(), "nothing after the last entry");
            run.catchUp();
            try (DocumentContext none = tailer.readingDocument())
            {
                assertFalse(none.isPresent());
            }
        }
    }

    @Test
    void shouldLeaveToTheTailerWhatTheQueueHadNotCountedAsWrittenWhenTheRunLooked()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 1, 3));
        append(directory, true, bytes -> command(bytes, 2, 3));

        try (SingleChronicleQueue queue = directory.openCommands(true);
             ExcerptTailer tailer = queue.createTailer();
             EntryRun run = new EntryRun(tailer))
        {
            try (DocumentContext first = tailer.readingDocument())
            {
                run.startAfter(first);
            }
            assertTrue(run.next(), "the second command, written before the run looked");
            append(directory, true, bytes -> command(bytes, 3, 3));
            assertFalse(run.next(), "the third was written after: the run does not read it, whole or not");

            run.catchUp();
            try (DocumentContext third = tailer.readingDocument())
            {
                assertTrue(third.isPresent(), "the tailer reads it");
                assertEquals(3, third.wire().bytes().readLong());
            }
        }
    }

    @Test
    void shouldReadWhatWasWrittenSinceItLookedOnceItLooksAgainNotWhatItReadBefore()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 1, 3));
        append(directory, true, bytes -> command(bytes, 2, 3));

        try (SingleChronicleQueue queue = directory.openCommands(true);
             ExcerptTailer tailer = queue.createTailer();
             EntryRun run = new EntryRun(tailer, 1))
        {
            try (DocumentContext first = tailer.readingDocument())
            {
                run.startAfter(first);
            }
            assertTrue(run.next(), "the second command: the run looks, then reads the file");
            append(directory, true, bytes -> command(bytes, 3, 3));
            assertTrue(run.next(), "the third, written since: the run looks again and reads the file again");
            assertEquals(3, JournalFormat.getLong(run.entryAddress(), JournalFormat.COMMAND_SEQUENCE_OFFSET));
            assertFalse(run.next());
        }
    }

    @Test
    void shouldReadEveryCommandOnceInOrderPastMetadataEntries()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 1, 3));
        append(directory, true, bytes -> command(bytes, 2, 5));
        appendMetadata(directory, true, bytes -> bytes.writeLong(-1));
        append(directory, true, bytes -> command(bytes, 3, 7));
        appendMetadata(directory, true, bytes -> bytes.writeLong(-2));
        appendMetadata(directory, true, bytes -> bytes.writeLong(-3).writeLong(-4));
        append(directory, true, bytes -> command(bytes, 4, 1));
        append(directory, true, bytes -> command(bytes, 5, 2));
        final List<Long> indexes = dataIndexes(directory.openCommands(true));
        assertEquals(5, indexes.size());

        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            for (int i = 0; i < 5; i++)
            {
                assertTrue(commands.advance(), "command " + (i + 1));
                assertEquals(i + 1, commands.sequence());
                assertEquals(1000 + i + 1, commands.sessionId());
                assertEquals((long)indexes.get(i), commands.lastIndex(), "the tailer's index for command " + (i + 1));
            }
            assertEquals(2, commands.length());
            assertEquals(1, commands.message().getByte(1));
            assertFalse(commands.advance());
        }
    }

    @Test
    void shouldReadEveryEventOnceInOrderPastAMetadataEntry()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            final int event = sequence;
            append(directory, false, bytes -> event(bytes, event, event));
        }
        appendMetadata(directory, false, bytes -> bytes.writeInt(7));
        append(directory, false, bytes -> event(bytes, 4, 4));

        try (EventJournalReader events = new EventJournalReader(directory))
        {
            for (int sequence = 1; sequence <= 4; sequence++)
            {
                assertTrue(events.advance(), "event " + sequence);
                assertEquals(sequence, events.eventSequence());
                assertEquals(sequence, events.length());
                assertEquals(sequence - 1, events.message().getByte(sequence - 1));
            }
            assertFalse(events.advance());
        }
    }

    @Test
    void shouldReadOnWhereTheJournalGrowsAfterItsEnd()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            final int command = sequence;
            append(directory, true, bytes -> command(bytes, command, 4));
        }

        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            for (int sequence = 1; sequence <= 3; sequence++)
            {
                assertTrue(commands.advance());
                assertEquals(sequence, commands.sequence());
            }
            assertFalse(commands.advance(), "the end, for now");
            assertFalse(commands.advance(), "still the end");

            append(directory, true, bytes -> command(bytes, 4, 4));
            append(directory, true, bytes -> command(bytes, 5, 4));
            assertTrue(commands.advance());
            assertEquals(4, commands.sequence());
            assertTrue(commands.advance());
            assertEquals(5, commands.sequence());
            assertFalse(commands.advance());

            append(directory, true, bytes -> command(bytes, 6, 4));
            assertTrue(commands.advance());
            assertEquals(6, commands.sequence());
            assertFalse(commands.advance());
        }
        final List<Long> indexes = dataIndexes(directory.openCommands(true));
        assertEquals(6, indexes.size());
    }

    /**
     * The index of every data entry, as a plain tailer reads them; then closes the queue.
     */
    private static List<Long> dataIndexes(final SingleChronicleQueue queue)
    {
        final List<Long> indexes = new ArrayList<>();
        try (queue; ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        return indexes;
                    }
                    indexes.add(document.index());
                }
            }
        }
    }
}
