package io.matchpoint.journal;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads one account's sequenced stream back from the event journal, for a session that reconnects and asks for what
 * it missed. Every message addressed to an account carries the next number of that account's stream (the matcher
 * stamps it, so the journal holds exactly the bytes that were sent); this finds the first one after what the client
 * has, walking back from the end of the journal, then hands them over in order, never past a bound the caller sets
 * (what the caller has seen go by live, so a message is neither lost nor given twice at the hand-over).
 * <p>
 * One thread; made when a session logs on (it allocates then), reads without allocating afterwards.
 */
public final class AccountStreamReplay implements AutoCloseable
{
    /** The seqNum field's offset in every session-level message. */
    private static final int SEQ_NUM_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final ExcerptTailer tailer;
    private final long accountId;
    private final byte[] scratch = new byte[MessageLimits.MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private long nextSeqNum;

    /**
     * @param events      the event journal, opened read-only by the caller (one queue for all replays).
     * @param accountId   whose stream.
     * @param fromSeqNum  the first sequence number wanted.
     */
    public AccountStreamReplay(final SingleChronicleQueue events, final long accountId, final long fromSeqNum)
    {
        this.tailer = events.createTailer();
        this.accountId = accountId;
        this.nextSeqNum = fromSeqNum;
        positionBefore(fromSeqNum);
    }

    /**
     * Opens the event journal read-only, for {@link #AccountStreamReplay(SingleChronicleQueue, long, long)}.
     */
    public static SingleChronicleQueue openEvents(final JournalDirectory directory)
    {
        return directory.openEvents(true);
    }

    private void positionBefore(final long fromSeqNum)
    {
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
                final long seqNum = accountSeqNum(document.wire().bytes());
                if (seqNum != 0 && seqNum < fromSeqNum)
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
        }
        else
        {
            tailer.moveToIndex(index);
            tailer.readingDocument().close(); // step over the entry found: the stream resumes after it
        }
    }

    /**
     * @return the account's sequence number in this entry, 0 if it is not one of the account's sequenced messages;
     * leaves the read position at the entry's start.
     */
    private long accountSeqNum(final Bytes<?> bytes)
    {
        final long start = bytes.readPosition();
        try
        {
            bytes.readSkip(32);
            final byte targetKind = bytes.readByte();
            final long targetId = bytes.readLong();
            if (targetKind != EventSlot.TARGET_ACCOUNT || targetId != accountId)
            {
                return 0;
            }
            bytes.readSkip(4 + SEQ_NUM_OFFSET);
            return bytes.readLong();
        }
        finally
        {
            bytes.readPosition(start);
        }
    }

    /**
     * Fills {@code slot} with the next message of the stream, if the journal has it and it is not past
     * {@code maxSeqNum}.
     *
     * @return false if there is none for now (the journal may not have it yet, or it is past the bound).
     */
    public boolean next(final EventSlot slot, final long maxSeqNum)
    {
        while (nextSeqNum <= maxSeqNum)
        {
            final long index;
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long seqNum = accountSeqNum(bytes);
                if (seqNum == 0 || seqNum < nextSeqNum)
                {
                    continue;
                }
                if (seqNum > maxSeqNum)
                {
                    index = document.index();
                    document.rollbackOnClose();
                }
                else
                {
                    final long eventSequence = bytes.readLong();
                    final long commandSequence = bytes.readLong();
                    final long timestampNs = bytes.readLong();
                    bytes.readLong();
                    final byte targetKind = bytes.readByte();
                    final long targetId = bytes.readLong();
                    final int length = bytes.readInt();
                    bytes.read(scratch, 0, length);
                    slot.load(eventSequence, commandSequence, timestampNs, targetKind, targetId, scratchBuffer, 0,
                        length);
                    nextSeqNum = seqNum + 1;
                    return true;
                }
            }
            tailer.moveToIndex(index);
            return false;
        }
        return false;
    }

    /**
     * @return the sequence number the stream hands over next.
     */
    public long nextSeqNum()
    {
        return nextSeqNum;
    }

    public void close()
    {
        tailer.close();
    }
}
