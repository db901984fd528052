package io.matchpoint.journal;

import static io.matchpoint.journal.RawJournalEntries.append;
import static io.matchpoint.journal.RawJournalEntries.command;
import static io.matchpoint.journal.RawJournalEntries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * The readers check each entry's size once and then read its fields straight from the mapped file: an entry too
 * short for its header, or whose message length runs past its end, must be refused by name, never read past.
 */
class CorruptEntryTest
{
    @TempDir
    Path data;

    @Test
    void shouldReadAWellFormedEntryOfEachJournal()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 7, 3));
        append(directory, false, bytes -> event(bytes, 9, 3));

        try (CommandJournalReader commands = new CommandJournalReader(directory);
             EventJournalReader events = new EventJournalReader(directory))
        {
            final CommandSlot command = new CommandSlot();
            assertTrue(commands.next(command));
            assertEquals(7, command.sequence());
            assertEquals(70, command.timestampNs());
            assertEquals(700, commands.journalTimeNs());
            assertEquals(1007, command.sessionId());
            assertEquals(2007, command.accountId());
            assertEquals(3, command.length());
            assertEquals(2, command.buffer().getByte(2));
            assertFalse(commands.next(command));

            assertTrue(events.advance());
            assertEquals(9, events.eventSequence());
            assertEquals(8, events.commandSequence());
            assertEquals(90, events.timestampNs());
            assertEquals(900, events.journalTimeNs());
            assertEquals(EventSlot.TARGET_ACCOUNT, events.targetKind());
            assertEquals(2009, events.targetId());
            assertEquals(3, events.length());
            assertEquals(2, events.message().getByte(2));
            assertFalse(events.advance());
        }
    }

    @Test
    void shouldReadACommandInPlaceExactlyAsACopyAndRefuseAShortOneLeavingNothingOfIt()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> command(bytes, 7, 3));
        append(directory, true, bytes -> bytes.writeLong(8).writeLong(2));
        append(directory, true, bytes -> command(bytes, 9, 4));

        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            assertTrue(commands.advance());
            assertEquals(7, commands.sequence());
            assertEquals(70, commands.timestampNs());
            assertEquals(700, commands.journalTimeNs());
            assertEquals(1007, commands.sessionId());
            assertEquals(2007, commands.accountId());
            assertEquals(3, commands.length());
            assertEquals(3, commands.message().capacity(), "a view of the message alone");
            assertEquals(2, commands.message().getByte(2));

            final CorruptJournalException refused = assertThrows(CorruptJournalException.class, commands::advance);
            assertTrue(refused.getMessage().contains("holds 16 bytes, less than a command entry's header"),
                refused.getMessage());
            assertEquals(0, commands.length(), "nothing of the refused entry or the one before is left to read");
            assertEquals(0, commands.message().capacity());

            final CommandSlot copy = new CommandSlot();
            assertTrue(commands.next(copy), "the reader goes on past the refused entry");
            assertEquals(9, copy.sequence());
            assertEquals(4, copy.length());
            assertEquals(3, copy.buffer().getByte(3));
            assertEquals(0, commands.message().capacity(), "a copying read leaves no view behind");
            assertFalse(commands.advance());
        }
    }

    @Test
    void shouldRefuseACommandEntryShorterThanItsHeader()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> bytes.writeLong(1).writeLong(2));

        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            final CorruptJournalException refused =
                assertThrows(CorruptJournalException.class, () -> commands.next(new CommandSlot()));
            assertTrue(refused.getMessage().contains("holds 16 bytes, less than a command entry's header"),
                refused.getMessage());
        }
    }

    @Test
    void shouldRefuseACommandEntryWhoseMessageRunsPastItsEnd()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes ->
        {
            command(bytes, 5, 3);
            bytes.writeSkip(-3); // the length says 3 bytes follow; none do
        });

        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            final CorruptJournalException refused =
                assertThrows(CorruptJournalException.class, () -> commands.next(new CommandSlot()));
            assertTrue(refused.getMessage().contains("(sequence 5) claims 3 bytes"), refused.getMessage());
        }
    }

    @Test
    void shouldRefuseAnEventEntryShorterThanItsHeaderAndLeaveNothingOfItOrTheEntryBefore()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, false, bytes -> event(bytes, 1, 3));
        append(directory, false, bytes -> bytes.writeLong(2).writeLong(1).writeLong(3).writeLong(4).writeByte((byte)2));
        append(directory, false, bytes -> event(bytes, 3, 3));

        try (EventJournalReader events = new EventJournalReader(directory))
        {
            assertTrue(events.advance());
            assertEquals(3, events.length());
            final CorruptJournalException refused = assertThrows(CorruptJournalException.class, events::advance);
            assertTrue(refused.getMessage().contains("holds 33 bytes, less than an event entry's header"),
                refused.getMessage());
            assertEquals(0, events.length(), "nothing of the refused entry or the one before is left to read");
            assertEquals(0, events.message().capacity());
            assertTrue(events.advance(), "the reader goes on past the refused entry");
            assertEquals(3, events.eventSequence());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, MessageLimits.MAX_MESSAGE_LENGTH + 1, Integer.MAX_VALUE})
    void shouldRefuseAnEntryWhoseLengthIsNegativeOrBeyondAnyMessage(final int length)
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, true, bytes -> bytes.writeLong(1).writeLong(2).writeLong(3).writeLong(4).writeLong(5)
            .writeInt(length).writeLong(0));
        append(directory, false, bytes -> bytes.writeLong(1).writeLong(2).writeLong(3).writeLong(4)
            .writeByte(EventSlot.TARGET_SESSION).writeLong(5).writeInt(length).writeLong(0));

        try (CommandJournalReader commands = new CommandJournalReader(directory);
             EventJournalReader events = new EventJournalReader(directory))
        {
            final CorruptJournalException command =
                assertThrows(CorruptJournalException.class, () -> commands.next(new CommandSlot()));
            assertTrue(command.getMessage().contains("(sequence 1) claims " + length + " bytes"), command.getMessage());
            final CorruptJournalException event = assertThrows(CorruptJournalException.class, events::advance);
            assertTrue(event.getMessage().contains("(event 1) claims " + length + " bytes"), event.getMessage());
        }
    }

    @Test
    void shouldRefuseAnEventEntryWhoseMessageRunsPastItsEnd()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        append(directory, false, bytes ->
        {
            event(bytes, 4, 3);
            bytes.writeSkip(-1);
        });

        try (EventJournalReader events = new EventJournalReader(directory))
        {
            final CorruptJournalException refused = assertThrows(CorruptJournalException.class, events::advance);
            assertTrue(refused.getMessage().contains("(event 4) claims 3 bytes"), refused.getMessage());
        }
    }
}
