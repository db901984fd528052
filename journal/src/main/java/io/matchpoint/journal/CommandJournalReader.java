package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

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
    /** After a seek into a block: its entries up to this sequence are stepped over, until one after it is read. */
    private long skipThrough;

    public CommandJournalReader(final JournalDirectory directory)
    {
        queue = directory.openCommands(true);
        tailer = queue.createTailer();
        entries = new EntryCursor(tailer, JournalFormat.COMMAND);
    }

    /**
     * Positions the reader so that {@link #next} returns the first command after {@code sequence}. Walks back from
     * the end, a block at a time, so it costs what the tail holds (the part recovery replays anyway).
     *
     * @param sequence the last command already applied (a snapshot's); 0 for the start.
     */
    public void seekAfter(final long sequence)
    {
        release();
        entries.reset();
        skipThrough = sequence;
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
                if (JournalFormat.firstSequence(document.wire().bytes()) <= sequence)
                {
                    index = document.index();
                    break;
                }
            }
        }
        tailer.direction(TailerDirection.FORWARD);
        if (index < 0 || !tailer.moveToIndex(index))
        {
            tailer.toStart();
        }
        // the block found starts at or before the sequence: advance steps over its entries up to it
    }

    /**
     * @return the sequence of the last command in the journal, 0 if it is empty; leaves the reader at the start.
     */
    public long lastSequence()
    {
        release();
        entries.reset();
        skipThrough = 0;
        return JournalFormat.lastSequence(tailer, JournalFormat.COMMAND);
    }

    /**
     * Positions the reader after the command at a known journal index, checking it is the expected command: O(1),
     * where {@link #seekAfter(long)} walks the tail.
     *
     * @param index    the Chronicle index of the block holding the command (from a snapshot), -1 if unknown.
     * @param sequence the command's sequence.
     * @return false if the index is unknown or its block does not hold that command (then the reader is at the start).
     */
    public boolean seekAfter(final long index, final long sequence)
    {
        release();
        entries.reset();
        skipThrough = 0;
        tailer.direction(TailerDirection.FORWARD);
        try
        {
            if (index >= 0 && tailer.moveToIndex(index))
            {
                while (entries.next() && entries.index() == index)
                {
                    if (JournalFormat.getLong(entries.address(), JournalFormat.COMMAND_SEQUENCE_OFFSET) == sequence)
                    {
                        return true; // and the cursor goes on with the entry after it
                    }
                }
            }
        }
        catch (final CorruptJournalException ex)
        {
            // not the block the snapshot named: the caller walks the journal instead
        }
        entries.reset();
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
     *                                  its block; nothing of it is left to read, and the next call reads on from the
     *                                  next block.
     */
    public boolean advance()
    {
        try
        {
            while (entries.next())
            {
                read(entries.address(), entries.index());
                if (sequence > skipThrough)
                {
                    skipThrough = 0; // past the seek: a later entry out of order is the replay's to report
                    return true;
                }
            }
        }
        catch (final CorruptJournalException ex)
        {
            release(); // nothing of the refused entry, or of the one before, is left to read
            throw ex;
        }
        release();
        return false;
    }

    /**
     * Reads the header of a whole entry (the cursor checked it fits) and leaves the message in view.
     */
    private void read(final long entry, final long index)
    {
        sequence = JournalFormat.getLong(entry, JournalFormat.COMMAND_SEQUENCE_OFFSET);
        timestampNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_GATEWAY_TIME_OFFSET);
        journalTimeNs = JournalFormat.getLong(entry, JournalFormat.COMMAND_JOURNAL_TIME_OFFSET);
        sessionId = JournalFormat.getLong(entry, JournalFormat.COMMAND_SESSION_ID_OFFSET);
        accountId = JournalFormat.getLong(entry, JournalFormat.COMMAND_ACCOUNT_ID_OFFSET);
        length = JournalFormat.getInt(entry, JournalFormat.COMMAND_LENGTH_OFFSET);
        message.wrap(entry + JournalFormat.COMMAND_HEADER_LENGTH, length);
        lastIndex = index;
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
     * @return the Chronicle index of the block of the last command read, -1 before the first.
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
        message.wrap(0, 0);
        length = 0;
    }
}
