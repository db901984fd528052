package io.matchpoint.journal;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the event journal in order, one entry at a time into an {@link EventSlot}, with constant memory. Opens the
 * queue read-only.
 */
public final class EventJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final byte[] scratch = new byte[MessageLimits.MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private long journalTimeNs;

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
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            read(document, slot);
            return true;
        }
    }

    /**
     * @return the sequence of the last event in the journal, 0 if it is empty; leaves the reader at the start.
     */
    public long lastEventSequence()
    {
        return JournalFormat.lastSequence(tailer);
    }

    private void read(final DocumentContext document, final EventSlot slot)
    {
        final Bytes<?> bytes = document.wire().bytes();
        final long eventSequence = bytes.readLong();
        final long commandSequence = bytes.readLong();
        final long timestampNs = bytes.readLong();
        journalTimeNs = bytes.readLong();
        final byte targetKind = bytes.readByte();
        final long targetId = bytes.readLong();
        final int length = bytes.readInt();
        if (length < 0 || length > scratch.length || bytes.readRemaining() < length)
        {
            throw new CorruptJournalException("event entry at index " + Long.toHexString(document.index()) +
                " (event " + eventSequence + ") claims " + length + " bytes");
        }
        bytes.read(scratch, 0, length);
        slot.load(eventSequence, commandSequence, timestampNs, targetKind, targetId, scratchBuffer, 0, length);
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
        tailer.close();
        queue.close();
    }
}
