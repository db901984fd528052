package io.matchpoint.journal;

import org.agrona.UnsafeApi;

import io.matchpoint.codec.MessageLimits;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The layout of one journal entry, ahead of the message's own SBE bytes (header and body, exactly as on the ring).
 * All fields little-endian, as SBE's (Chronicle writes in the native order, which is little-endian on every host it
 * supports).
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
 * the auditor (when it reached the disk).
 */
final class JournalFormat
{
    static final int COMMAND_HEADER_LENGTH = 44;
    static final int EVENT_HEADER_LENGTH = 45;
    /** The most of an entry a reader maps: its header and the longest message. */
    static final int MAX_COMMAND_ENTRY = COMMAND_HEADER_LENGTH + MessageLimits.MAX_MESSAGE_LENGTH;
    static final int MAX_EVENT_ENTRY = EVENT_HEADER_LENGTH + MessageLimits.MAX_MESSAGE_LENGTH;

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
     * @return the first field (the sequence) of the queue's last entry, 0 for an empty queue; leaves the tailer at
     * the start, reading forward.
     */
    static long lastSequence(final ExcerptTailer tailer)
    {
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext document = tailer.readingDocument())
        {
            return document.isPresent() ? document.wire().bytes().readLong() : 0;
        }
        finally
        {
            tailer.direction(TailerDirection.FORWARD).toStart();
        }
    }
}
