package io.matchpoint.journal;

import org.agrona.UnsafeApi;

import io.matchpoint.codec.MessageLimits;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The layout of the journals. Each Chronicle document is a <em>block</em> of one or more entries back to back, in
 * sequence order: the entries one stage appended in one duty cycle (one ring batch), so that the queue's cost per
 * document (its write lock, header, index and checks, about as much again as a small entry's own bytes) is paid once
 * a batch rather than once a command or event. A block holds at most {@link #MAX_BLOCK_ENTRIES} entries and is closed
 * once it passes {@link #BLOCK_BYTES}. Journals written before blocks (one entry a document) are blocks of one.
 * <p>
 * The layout of one entry, ahead of the message's own SBE bytes (header and body, exactly as on the ring). All fields
 * little-endian, as SBE's (Chronicle writes in the native order, which is little-endian on every host it supports).
 * <pre>
 * command entry                          event entry
 *   0  int64 sequence (global, from 1)      0  int64 eventSequence (global, from 1)
 *   8  int64 gateway receive time, ns       8  int64 commandSequence (the command that caused it)
 *  16  int64 journal write time, ns        16  int64 the command's gateway time, ns
 *  24  int64 sessionId (0: the server)     24  int64 journal write time, ns
 *  32  int64 accountId                     32  int8  target kind (1 session, 2 account, 3 all)
 *  40  int32 SBE length                    33  int64 target id
 *  44  SBE message                         41  int32 SBE length
 *                                          45  SBE message
 * </pre>
 * Times are nanoseconds since the epoch. The gateway time is the one the matcher used; the journal time is only for
 * the auditor: when the block holding the entry was begun (one clock read a block), just before it reached the queue.
 */
final class JournalFormat
{
    /** Written to the data directory's capacity file: 2 is blocks of entries; 1 (or none) one entry a document. */
    static final int FORMAT_VERSION = 2;
    /** A block is closed once its entries pass this many bytes: it bounds what a reader copies at once. */
    static final int BLOCK_BYTES = 64 * 1024;
    /** And once it holds this many entries. */
    static final int MAX_BLOCK_ENTRIES = 1024;

    static final int COMMAND_HEADER_LENGTH = 44;
    static final int EVENT_HEADER_LENGTH = 45;
    /** The longest block a writer closes: one entry, of the longest message, past {@link #BLOCK_BYTES}. */
    static final int MAX_BLOCK_LENGTH =
        BLOCK_BYTES + Math.max(COMMAND_HEADER_LENGTH, EVENT_HEADER_LENGTH) + MessageLimits.MAX_MESSAGE_LENGTH;

    static final int COMMAND_SEQUENCE_OFFSET = 0;
    static final int COMMAND_GATEWAY_TIME_OFFSET = 8;
    static final int COMMAND_JOURNAL_TIME_OFFSET = 16;
    static final int COMMAND_SESSION_ID_OFFSET = 24;
    static final int COMMAND_ACCOUNT_ID_OFFSET = 32;
    static final int COMMAND_LENGTH_OFFSET = 40;

    static final int EVENT_SEQUENCE_OFFSET = 0;
    static final int EVENT_COMMAND_SEQUENCE_OFFSET = 8;
    static final int EVENT_GATEWAY_TIME_OFFSET = 16;
    static final int EVENT_JOURNAL_TIME_OFFSET = 24;
    static final int EVENT_TARGET_KIND_OFFSET = 32;
    static final int EVENT_TARGET_ID_OFFSET = 33;
    static final int EVENT_LENGTH_OFFSET = 41;

    private JournalFormat()
    {
    }

    /**
     * Reads a header field of an entry already mapped and known to hold the whole header: readers check the entry's
     * length once, then read each field without the per-read checks of Chronicle's {@code Bytes}. In the native byte
     * order, as Chronicle's {@code writeLong} wrote it (little-endian on every host Chronicle Queue supports).
     */
    static long getLong(final long entryAddress, final int offset)
    {
        return UnsafeApi.getLong(null, entryAddress + offset);
    }

    static int getInt(final long entryAddress, final int offset)
    {
        return UnsafeApi.getInt(null, entryAddress + offset);
    }

    static byte getByte(final long entryAddress, final int offset)
    {
        return UnsafeApi.getByte(null, entryAddress + offset);
    }

    /**
     * @return the first field (the sequence) of the last whole entry of the queue's last block, 0 for an empty queue;
     * leaves the tailer at the start, reading forward.
     */
    static long lastSequence(final ExcerptTailer tailer, final EntryLayout layout)
    {
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return 0;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long start = bytes.readPosition();
            final long blockLength = bytes.readRemaining();
            long sequence = blockLength >= Long.BYTES ? bytes.readLong(start) : 0;
            long offset = 0;
            while (blockLength - offset >= layout.headerLength())
            {
                final int messageLength = bytes.readInt(start + offset + layout.lengthOffset());
                if (messageLength < 0 || messageLength > blockLength - offset - layout.headerLength())
                {
                    break; // a damaged entry: the last whole one before it is the answer
                }
                sequence = bytes.readLong(start + offset);
                offset += layout.headerLength() + messageLength;
            }
            return sequence;
        }
        finally
        {
            tailer.direction(TailerDirection.FORWARD).toStart();
        }
    }

    /**
     * @return the first field (the sequence) of a block's first entry.
     */
    static long firstSequence(final Bytes<?> block)
    {
        return block.readLong(block.readPosition());
    }

    /**
     * What a reader needs to step from one entry of a block to the next: the header's length and where in it the
     * message's length lies.
     *
     * @param kind          "command" or "event", for messages.
     * @param sequenceLabel what the entry's first field is called in messages.
     * @param headerLength  bytes ahead of the message.
     * @param lengthOffset  where the message's length lies in the header.
     */
    record EntryLayout(String kind, String sequenceLabel, int headerLength, int lengthOffset)
    {
    }

    static final EntryLayout COMMAND =
        new EntryLayout("command", "sequence", COMMAND_HEADER_LENGTH, COMMAND_LENGTH_OFFSET);
    static final EntryLayout EVENT = new EntryLayout("event", "event", EVENT_HEADER_LENGTH, EVENT_LENGTH_OFFSET);
}
