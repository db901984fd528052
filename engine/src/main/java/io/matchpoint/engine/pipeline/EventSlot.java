package io.matchpoint.engine.pipeline;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.service.Egress;

/**
 * One preallocated slot of the outbound ring: one encoded server-to-client (or session control) SBE message plus
 * where it goes and which command caused it. The session sequence number field is left 0: each session's sender
 * stamps its own, since one event may go to several sessions of an account.
 * <p>
 * Written only by the matcher (the matching service, through its egress) between claim and publish; read by the
 * sender and the event journal.
 */
public final class EventSlot
{
    /** Deliver to one session: {@link #targetId()} is its session id. */
    public static final byte TARGET_SESSION = Egress.TARGET_SESSION;
    /** Deliver to every session logged on for an account: {@link #targetId()} is the account id. */
    public static final byte TARGET_ACCOUNT = Egress.TARGET_ACCOUNT;
    /** Deliver to every session. */
    public static final byte TARGET_ALL = Egress.TARGET_ALL;
    /** The market data INCREMENTAL channel: {@link #targetId()} is the message's channel sequence; never durable. */
    public static final byte TARGET_MD_INCREMENTAL = Egress.TARGET_MD_INCREMENTAL;
    /** The market data ORDERS channel: as {@link #TARGET_MD_INCREMENTAL}. */
    public static final byte TARGET_MD_ORDERS = Egress.TARGET_MD_ORDERS;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private long eventSequence;
    private long commandSequence;
    private long timestampNs;
    private long targetId;
    private byte targetKind;
    private int length;

    void set(
        final long eventSequence,
        final long commandSequence,
        final long timestampNs,
        final byte targetKind,
        final long targetId)
    {
        this.eventSequence = eventSequence;
        this.commandSequence = commandSequence;
        this.timestampNs = timestampNs;
        this.targetKind = targetKind;
        this.targetId = targetId;
    }

    void length(final int length)
    {
        this.length = length;
    }

    /**
     * Fills the slot with an event read back from a journal, for comparison and dumps.
     *
     * @return this.
     */
    public EventSlot load(
        final long eventSequence,
        final long commandSequence,
        final long timestampNs,
        final byte targetKind,
        final long targetId,
        final org.agrona.DirectBuffer source,
        final int offset,
        final int length)
    {
        set(eventSequence, commandSequence, timestampNs, targetKind, targetId);
        buffer.putBytes(0, source, offset, length);
        this.length = length;
        return this;
    }

    /**
     * @return the event's global sequence, from 1, counted by the matcher over every event of a journaled command;
     * 0 for an event that goes to clients but not to the event journal (the answer to a command the command journal
     * could not append).
     */
    public long eventSequence()
    {
        return eventSequence;
    }

    /**
     * @return true if this event belongs in the event journal (market data never does: the command journal decides
     * it).
     */
    public boolean isDurable()
    {
        return eventSequence != 0;
    }

    /**
     * @return the global sequence of the command that caused this event.
     */
    public long commandSequence()
    {
        return commandSequence;
    }

    /**
     * @return the causing command's gateway timestamp, nanoseconds since the epoch.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @return {@link #TARGET_SESSION}, {@link #TARGET_ACCOUNT}, {@link #TARGET_ALL}, {@link #TARGET_MD_INCREMENTAL} or
     * {@link #TARGET_MD_ORDERS}.
     */
    public byte targetKind()
    {
        return targetKind;
    }

    /**
     * @return a session id, an account id or a market data channel sequence, depending on {@link #targetKind()}.
     */
    public long targetId()
    {
        return targetId;
    }

    public int length()
    {
        return length;
    }

    /**
     * @return the slot's bytes: an SBE message header at offset 0, then the body.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the same bytes as {@link #buffer()}, for the matcher's writers that address them directly.
     */
    UnsafeBuffer unsafeBuffer()
    {
        return buffer;
    }
}
