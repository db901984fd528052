package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Reads the event journal in order, with constant memory, either into an {@link EventSlot} ({@link #next}) or in
 * place ({@link #advance}): the entry's fields and a view of its message where it was read, for a reader that only
 * compares and should not pay for another copy. Opens the queue read-only. One thread at a time, as a Chronicle
 * tailer.
 * <p>
 * Most entries are read a block at a time from the file into a buffer ({@link EntryRun}), the rest (after a metadata
 * entry, at a file's end, near a live journal's end) through the tailer over the mapped file; the same checks either
 * way.
 */
public final class EventJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    /** Where {@link #advance} reads: its message stays in view, in place, until the next call. */
    private final EntryCursor entries;
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private long eventSequence;
    private long commandSequence;
    private long timestampNs;
    private long journalTimeNs;
    private byte targetKind;
    private long targetId;
    private int length;

    public EventJournalReader(final JournalDirectory directory)
    {
        queue = directory.openEvents(true);
        tailer = queue.createTailer();
        entries = new EntryCursor(tailer, JournalFormat.EVENT);
    }

    /**
     * @param slot filled with the next event.
     * @return false at the end of the journal.
     */
    public boolean next(final EventSlot slot)
    {
        if (!advance())
        {
            return false;
        }
        copyTo(slot);
        release();
        return true;
    }

    /**
     * Moves to the next entry and leaves it open: its fields and {@link #message()} stay valid until the next call to
     * this reader, and the message is a view of the entry where it was read, not a copy of it.
     *
     * @return false at the end of the journal.
     * @throws CorruptJournalException when the entry is too short for its header or its message length does not fit
     *                                  its block; nothing of it is left to read, and the next call reads on from the
     *                                  next block.
     */
    public boolean advance()
    {
        try
        {
            if (entries.next())
            {
                read(entries.address());
                return true;
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
    private void read(final long entry)
    {
        eventSequence = JournalFormat.getLong(entry, JournalFormat.EVENT_SEQUENCE_OFFSET);
        commandSequence = JournalFormat.getLong(entry, JournalFormat.EVENT_COMMAND_SEQUENCE_OFFSET);
        timestampNs = JournalFormat.getLong(entry, JournalFormat.EVENT_GATEWAY_TIME_OFFSET);
        journalTimeNs = JournalFormat.getLong(entry, JournalFormat.EVENT_JOURNAL_TIME_OFFSET);
        targetKind = JournalFormat.getByte(entry, JournalFormat.EVENT_TARGET_KIND_OFFSET);
        targetId = JournalFormat.getLong(entry, JournalFormat.EVENT_TARGET_ID_OFFSET);
        length = JournalFormat.getInt(entry, JournalFormat.EVENT_LENGTH_OFFSET);
        message.wrap(entry + JournalFormat.EVENT_HEADER_LENGTH, length);
    }

    /**
     * Copies the entry {@link #advance} is on into a slot, to keep it past the next call.
     */
    public void copyTo(final EventSlot slot)
    {
        slot.load(eventSequence, commandSequence, timestampNs, targetKind, targetId, message, 0, length);
    }

    public long eventSequence()
    {
        return eventSequence;
    }

    public long commandSequence()
    {
        return commandSequence;
    }

    /**
     * @return the causing command's gateway time, as the matcher used it.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    public byte targetKind()
    {
        return targetKind;
    }

    public long targetId()
    {
        return targetId;
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
     * @return the sequence of the last event in the journal, 0 if it is empty; leaves the reader at the start.
     */
    public long lastEventSequence()
    {
        release();
        entries.reset();
        return JournalFormat.lastSequence(tailer, JournalFormat.EVENT);
    }

    /**
     * @return when the last event read reached the journal, nanoseconds since the epoch.
     */
    public long journalTimeNs()
    {
        return journalTimeNs;
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
