package io.matchpoint.journal;

import java.util.function.Consumer;

import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Journal entries written byte by byte, past the journal writers, for tests of what the readers make of entries
 * well-formed or not. Test-only.
 */
final class RawJournalEntries
{
    private RawJournalEntries()
    {
    }

    /**
     * A command entry's header (made-up times, session and account) and {@code length} message bytes 0, 1, 2...
     */
    static void command(final Bytes<?> bytes, final long sequence, final int length)
    {
        bytes.writeLong(sequence).writeLong(sequence * 10).writeLong(sequence * 100).writeLong(1000 + sequence)
            .writeLong(2000 + sequence).writeInt(length);
        for (int i = 0; i < length; i++)
        {
            bytes.writeByte((byte)i);
        }
    }

    /**
     * An event entry's header (made-up times, to account 2000 + sequence) and {@code length} message bytes 0, 1, 2...
     */
    static void event(final Bytes<?> bytes, final long sequence, final int length)
    {
        bytes.writeLong(sequence).writeLong(sequence - 1).writeLong(sequence * 10).writeLong(sequence * 100)
            .writeByte(EventSlot.TARGET_ACCOUNT).writeLong(2000 + sequence).writeInt(length);
        for (int i = 0; i < length; i++)
        {
            bytes.writeByte((byte)i);
        }
    }

    /**
     * Appends one entry, whatever {@code entry} writes, to the command or the event journal.
     */
    static void append(final JournalDirectory directory, final boolean commands, final Consumer<Bytes<?>> entry)
    {
        try (SingleChronicleQueue queue = commands ? directory.openCommands(false) : directory.openEvents(false);
             ExcerptAppender appender = queue.createAppender();
             DocumentContext document = appender.writingDocument())
        {
            entry.accept(document.wire().bytes());
        }
    }

    /**
     * Appends one metadata entry (as Chronicle's own index blocks are), whatever {@code entry} writes: readers skip it.
     */
    static void appendMetadata(
        final JournalDirectory directory, final boolean commands, final Consumer<Bytes<?>> entry)
    {
        try (SingleChronicleQueue queue = commands ? directory.openCommands(false) : directory.openEvents(false);
             ExcerptAppender appender = queue.createAppender();
             DocumentContext document = appender.writingDocument(true))
        {
            entry.accept(document.wire().bytes());
        }
    }
}
