package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the event journal in order, with constant memory, either into an {@link EventSlot} ({@link #next}) or in
 * place ({@link #advance}): the entry's fields and a view of its message straight over the mapped file, for a reader
 * that only compares and should not pay for a copy. Opens the queue read-only.
 */
public final class EventJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    /** The entry {@link #advance} left open: its message is read in place until the next call. */
    private DocumentContext open;
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
     * this reader, and the message is a view of the mapped journal, not a copy.
     *
     * @return false at the end of the journal.
     * @throws CorruptJournalException when the entry is too short for its header or its message length does not fit
     *                                  the entry; the entry is released first.
     */
    public boolean advance()
    {
        release();
        final DocumentContext document = tailer.readingDocument();
        if (!document.isPresent())
        {
            document.close();
            return false;
        }
        open = document;
        final Bytes<?> bytes = document.wire().bytes();
        final long remaining = bytes.readRemaining();
        if (remaining < JournalFormat.EVENT_HEADER_LENGTH)
        {
            throw corrupt(document, "holds " + remaining + " bytes, less than an event entry's header");
        }
        final long entry = bytes.addressForRead(
            bytes.readPosition(), (int)Math.min(remaining, JournalFormat.MAX_EVENT_ENTRY));
        eventSequence = JournalFormat.getLong(entry, JournalFormat.EVENT_SEQUENCE_OFFSET);
        commandSequence = JournalFormat.getLong(entry, JournalFormat.EVENT_COMMAND_SEQUENCE_OFFSET);
        timestampNs = JournalFormat.getLong(entry, JournalFormat.EVENT_GATEWAY_TIME_OFFSET);
        journalTimeNs = JournalFormat.getLong(entry, JournalFormat.EVENT_JOURNAL_TIME_OFFSET);
        targetKind = JournalFormat.getByte(entry, JournalFormat.EVENT_TARGET_KIND_OFFSET);
        targetId = JournalFormat.getLong(entry, JournalFormat.EVENT_TARGET_ID_OFFSET);
        length = JournalFormat.getInt(entry, JournalFormat.EVENT_LENGTH_OFFSET);
        if (length < 0 || length > MessageLimits.MAX_MESSAGE_LENGTH ||
            remaining - JournalFormat.EVENT_HEADER_LENGTH < length)
        {
            throw corrupt(document, "(event " + eventSequence + ") claims " + length + " bytes");
        }
        message.wrap(entry + JournalFormat.EVENT_HEADER_LENGTH, length);
        return true;
    }

    private CorruptJournalException corrupt(final DocumentContext document, final String problem)
    {
        final long index = document.index();
        release();
        return new CorruptJournalException("event entry at index " + Long.toHexString(index) + " " + problem);
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
     * @return the SBE message of the entry {@link #advance} is on, read in place: valid until the next call.
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
        return JournalFormat.lastSequence(tailer);
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
        tailer.close();
        queue.close();
    }

    private void release()
    {
        if (open != null)
        {
            message.wrap(0, 0);
            length = 0; // nothing stale for copyTo or message() to read once the entry is gone
            final DocumentContext document = open;
            open = null;
            document.close();
        }
    }
}
