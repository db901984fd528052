package io.matchpoint.engine.pipeline;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;

/**
 * One preallocated slot of the inbound ring: the bytes of one SBE message (header and body, without the SOFH) plus
 * the few primitive fields the gateway stamps before publishing. Everything the matcher reads comes from here, which
 * is what makes a journaled command stream replayable: the global sequence and the timestamp are assigned once,
 * before journaling, and never read from a clock inside the matcher.
 * <p>
 * Written only by the single producer between claim and publish; read by the handlers after publication.
 */
public final class CommandSlot
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private long sequence;
    private long sessionId;
    private long accountId;
    private long timestampNs;
    private int length;
    private boolean journaled = true;
    private long journalPosition = -1;

    /**
     * Stamps the slot's header fields.
     *
     * @param sessionId   of the session the command came from, 0 for the server's own commands.
     * @param accountId   the session's account, assigned at logon (a client never names its account per message).
     * @param timestampNs gateway receive time, nanoseconds since the epoch.
     * @return this for a fluent interface.
     */
    public CommandSlot header(final long sessionId, final long accountId, final long timestampNs)
    {
        this.sessionId = sessionId;
        this.accountId = accountId;
        this.timestampNs = timestampNs;
        return this;
    }

    void claimed(final long sequence)
    {
        this.sequence = sequence;
        this.journaled = true;
        this.journalPosition = -1;
    }

    /**
     * Fills the slot with a command read back from a journal, for replay outside the rings.
     *
     * @return this.
     */
    public CommandSlot load(
        final long sequence,
        final long sessionId,
        final long accountId,
        final long timestampNs,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        claimed(sequence);
        header(sessionId, accountId, timestampNs);
        buffer.putBytes(0, source, offset, length);
        this.length = length;
        return this;
    }

    /**
     * Called by the command journal when it could not append this command: the matcher then refuses it with
     * {@code JOURNAL_UNAVAILABLE} and changes no state, so the book never holds what the journal does not.
     */
    public void markNotJournaled()
    {
        journaled = false;
    }

    /**
     * @param journalPosition where the command journal put this command (opaque to the engine: a snapshot records it,
     *                        so that recovery can go straight to the next command).
     */
    public void journalPosition(final long journalPosition)
    {
        this.journalPosition = journalPosition;
    }

    /**
     * @return where the command journal put this command, -1 if it did not say.
     */
    public long journalPosition()
    {
        return journalPosition;
    }

    /**
     * @return false if the command journal failed to append this command.
     */
    public boolean isJournaled()
    {
        return journaled;
    }

    /**
     * @param length of the SBE message written into {@link #buffer()} from offset 0.
     */
    public void length(final int length)
    {
        this.length = length;
    }

    /**
     * @return the global command sequence, from 1, unique across the life of the journal.
     */
    public long sequence()
    {
        return sequence;
    }

    public long sessionId()
    {
        return sessionId;
    }

    public long accountId()
    {
        return accountId;
    }

    public long timestampNs()
    {
        return timestampNs;
    }

    public int length()
    {
        return length;
    }

    /**
     * @return the slot's bytes: an SBE message header at offset 0, then the body; capacity
     * {@link MessageLimits#MAX_MESSAGE_LENGTH}.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }
}
