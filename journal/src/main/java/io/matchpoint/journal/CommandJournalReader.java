package io.matchpoint.journal;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.pipeline.CommandSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the command journal in order, one entry at a time into a {@link CommandSlot}, with constant memory whatever
 * the journal's size. Opens the queue read-only: it takes no lock a running server would wait on.
 */
public final class CommandJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    /** The entry's message read in place, over the mapped file, so that it is copied once: into the slot. */
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private long journalTimeNs;
    private long lastIndex = -1;

    public CommandJournalReader(final JournalDirectory directory)
    {
        queue = directory.openCommands(true);
        tailer = queue.createTailer();
    }

    /**
     * Positions the reader so that {@link #next} returns the first command after {@code sequence}. Walks back from
     * the end, so it costs what the tail holds (the part recovery replays anyway).
     *
     * @param sequence the last command already applied (a snapshot's); 0 for the start.
     */
    public void seekAfter(final long sequence)
    {
        tailer.toStart();
        if (sequence <= 0)
        {
            return;
        }
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        long index = -1;
        while (true)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    break;
                }
                if (document.wire().bytes().readLong() <= sequence)
                {
                    index = document.index();
                    break;
                }
            }
        }
        tailer.direction(TailerDirection.FORWARD);
        if (index < 0)
        {
            tailer.toStart();
            return;
        }
        tailer.moveToIndex(index);
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                throw new IllegalStateException("journal entry at index " + Long.toHexString(index) + " vanished");
            }
        }
    }

    /**
     * @return the sequence of the last command in the journal, 0 if it is empty; leaves the reader at the start.
     */
    public long lastSequence()
    {
        return JournalFormat.lastSequence(tailer);
    }

    /**
     * Positions the reader after the command at a known journal index, checking it is the expected command: O(1),
     * where {@link #seekAfter(long)} walks the tail.
     *
     * @param index    the command's Chronicle index (from a snapshot), -1 if unknown.
     * @param sequence the command's sequence.
     * @return false if the index is unknown or does not hold that command (then the reader is at the start).
     */
    public boolean seekAfter(final long index, final long sequence)
    {
        tailer.direction(TailerDirection.FORWARD);
        if (index >= 0 && tailer.moveToIndex(index))
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (document.isPresent() && document.wire().bytes().readLong() == sequence)
                {
                    return true;
                }
            }
        }
        tailer.toStart();
        return false;
    }

    /**
     * @param slot filled with the next command.
     * @return false at the end of the journal (for now: a live journal may grow).
     */
    public boolean next(final CommandSlot slot)
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long remaining = bytes.readRemaining();
            if (remaining < JournalFormat.COMMAND_HEADER_LENGTH)
            {
                throw new CorruptJournalException("command entry at index " + Long.toHexString(document.index()) +
                    " holds " + remaining + " bytes, less than a command entry's header");
            }
            final long entry = bytes.addressForRead(
                bytes.readPosition(), (int)Math.min(remaining, JournalFormat.MAX_COMMAND_ENTRY));
            final long sequence = JournalFormat.getLong(entry, JournalFormat.COMMAND_SEQUENCE_OFFSET);
            final long timestampNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_GATEWAY_TIME_OFFSET);
            journalTimeNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_JOURNAL_TIME_OFFSET);
            final long sessionId = JournalFormat.getLong(entry, JournalFormat.COMMAND_SESSION_ID_OFFSET);
            final long accountId = JournalFormat.getLong(entry, JournalFormat.COMMAND_ACCOUNT_ID_OFFSET);
            final int length = JournalFormat.getInt(entry, JournalFormat.COMMAND_LENGTH_OFFSET);
            if (length < 0 || length > MessageLimits.MAX_MESSAGE_LENGTH ||
                remaining - JournalFormat.COMMAND_HEADER_LENGTH < length)
            {
                throw new CorruptJournalException("command entry at index " + Long.toHexString(document.index()) +
                    " (sequence " + sequence + ") claims " + length + " bytes");
            }
            message.wrap(entry + JournalFormat.COMMAND_HEADER_LENGTH, length);
            slot.load(sequence, sessionId, accountId, timestampNs, message, 0, length);
            lastIndex = document.index();
            return true;
        }
    }

    /**
     * @return when the last command read reached the journal, nanoseconds since the epoch.
     */
    public long journalTimeNs()
    {
        return journalTimeNs;
    }

    /**
     * @return the Chronicle index of the last command read, -1 before the first.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    public void close()
    {
        tailer.close();
        queue.close();
    }
}
