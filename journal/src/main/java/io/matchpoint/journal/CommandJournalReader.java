package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.pipeline.CommandSlot;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the command journal in order, with constant memory whatever the journal's size, either into a
 * {@link CommandSlot} ({@link #next}) or in place ({@link #advance}): the entry's fields and a view of its message
 * where it was read, for a replay that hands the message to the matching service and should not pay for another
 * copy. Opens the queue read-only: it takes no lock a running server would wait on. One thread at a time, as a
 * Chronicle tailer.
 * <p>
 * Most entries are read a block at a time from the file into a buffer ({@link EntryRun}), the rest (after a metadata
 * entry, at a file's end, near a live journal's end) through the tailer over the mapped file; the same checks either
 * way.
 */
public final class CommandJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    /** Where {@link #advance} reads: its message stays in view, in place, until the next call. */
    private final EntryCursor entries;
    /** The entry's message where it was read (the run's buffer or the mapped file): copied only by {@link #next}. */
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private long sequence;
    private long timestampNs;
    private long journalTimeNs;
    private long sessionId;
    private long accountId;
    private int length;
    private long lastIndex = -1;

    public CommandJournalReader(final JournalDirectory directory)
    {
        queue = directory.openCommands(true);
        tailer = queue.createTailer();
        entries = new EntryCursor(tailer, JournalFormat.MAX_COMMAND_ENTRY);
    }

    /**
     * Positions the reader so that {@link #next} returns the first command after {@code sequence}. Walks back from
     * the end, so it costs what the tail holds (the part recovery replays anyway).
     *
     * @param sequence the last command already applied (a snapshot's); 0 for the start.
     */
    public void seekAfter(final long sequence)
    {
        release();
        entries.reset();
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
        release();
        entries.reset();
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
        release();
        entries.reset();
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
     * @param slot filled with the next command (a copy, kept past the next call).
     * @return false at the end of the journal (for now: a live journal may grow).
     * @throws CorruptJournalException see {@link #advance()}.
     */
    public boolean next(final CommandSlot slot)
    {
        if (!advance())
        {
            return false;
        }
        slot.load(sequence, sessionId, accountId, timestampNs, message, 0, length);
        release();
        return true;
    }

    /**
     * Moves to the next entry and leaves it open: its fields and {@link #message()} stay valid until the next call to
     * this reader, and the message is a view of the entry where it was read, not a copy of it. A replay hands it to
     * the matching service as it is.
     *
     * @return false at the end of the journal (for now: a live journal may grow).
     * @throws CorruptJournalException when the entry is too short for its header or its message length does not fit
     *                                  the entry; the entry is released first, and the next call reads the one after.
     */
    public boolean advance()
    {
        if (!entries.next())
        {
            release();
            return false;
        }
        return read(entries.address(), entries.length(), entries.index());
    }

    /**
     * Reads the header of an entry whose bytes lie from address {@code entry} on, after checking it is long enough, and
     * leaves the message in view.
     */
    private boolean read(final long entry, final long entryLength, final long index)
    {
        if (entryLength < JournalFormat.COMMAND_HEADER_LENGTH)
        {
            throw corrupt(index, "holds " + entryLength + " bytes, less than a command entry's header");
        }
        sequence = JournalFormat.getLong(entry, JournalFormat.COMMAND_SEQUENCE_OFFSET);
        timestampNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_GATEWAY_TIME_OFFSET);
        journalTimeNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_JOURNAL_TIME_OFFSET);
        sessionId = JournalFormat.getLong(entry, JournalFormat.COMMAND_SESSION_ID_OFFSET);
        accountId = JournalFormat.getLong(entry, JournalFormat.COMMAND_ACCOUNT_ID_OFFSET);
        final int messageLength = JournalFormat.getInt(entry, JournalFormat.COMMAND_LENGTH_OFFSET);
        if (messageLength < 0 || messageLength > MessageLimits.MAX_MESSAGE_LENGTH ||
            entryLength - JournalFormat.COMMAND_HEADER_LENGTH < messageLength)
        {
            throw corrupt(index, "(sequence " + sequence + ") claims " + messageLength + " bytes");
        }
        length = messageLength;
        message.wrap(entry + JournalFormat.COMMAND_HEADER_LENGTH, messageLength);
        lastIndex = index;
        return true;
    }

    private CorruptJournalException corrupt(final long index, final String problem)
    {
        release(); // nothing of the refused entry, or of the one before, is left to read
        return new CorruptJournalException("command entry at index " + Long.toHexString(index) + " " + problem);
    }

    /**
     * @return the global sequence of the entry {@link #advance} is on.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the gateway receive time of that entry, nanoseconds since the epoch: the time the matcher used.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    public long sessionId()
    {
        return sessionId;
    }

    public long accountId()
    {
        return accountId;
    }

    /**
     * @return the SBE message of the entry {@link #advance} is on, where it was read: valid until the next call.
     */
    public DirectBuffer message()
    {
        return message;
    }

    public int length()
    {
        return length;
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
        release();
        entries.close();
        tailer.close();
        queue.close();
    }

    /**
     * Closes the entry left open, if the tailer read it, and leaves nothing of it to read.
     */
    private void release()
    {
        entries.closeOpen();
        message.wrap(0, 0);
        length = 0;
    }
}
