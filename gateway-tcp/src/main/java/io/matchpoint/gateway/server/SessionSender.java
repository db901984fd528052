package io.matchpoint.gateway.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.HeartbeatEncoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.IdleTurn;

/**
 * The sender: the only writer of logged-on sessions' sockets. For each event it finds the target sessions (one, an
 * account's, or all), frames it (the matcher already numbered it in its account's stream, or left it unsequenced)
 * and appends it to the session's bounded buffer; at the end of each batch it writes what the sockets take, without ever blocking. A
 * session whose buffer cannot take the next frame reads too slowly: it is dropped (its end goes back to the gateway
 * as a command, so cancel-on-disconnect applies) and the matcher and the other sessions never wait for it. While
 * no events come, the ring's wait strategy times out and the sender sends heartbeats and retries blocked sockets.
 */
public final class SessionSender implements EventHandler<EventSlot>, IdleTurn
{
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long one turn reads replays from the event journal, all replaying sessions together. */
    private static final long REPLAY_TURN_NS = io.matchpoint.journal.AccountStreamReplay.TIME_BUDGET_NS;
    private static final int SEQ_NUM_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int LOGOUT_FRAME_LENGTH =
        SofhFlyweight.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + LogoutEncoder.BLOCK_LENGTH;

    private final OutboundSession[] sessions;
    private final int[] firstSessionOfAccount;
    /** The last number of each account's stream that went by: a replay hands over to live traffic after it. */
    private final long[] lastSeenSeqNum;
    private final io.matchpoint.journal.JournalDirectory journal;
    private net.openhft.chronicle.queue.impl.single.SingleChronicleQueue replayEvents;
    private final EventSlot replayed = new EventSlot();
    private int replaying;
    private int nextReplayServed;
    private final SessionHandoff handoff;
    private final LingeringCloser closer;
    private int closing;
    // single writer (this agent), read by a stopping server's thread
    private volatile int pendingCloses;
    private final org.agrona.concurrent.NanoClock clock;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LogonAcceptedDecoder logonAccepted = new LogonAcceptedDecoder();
    private final SessionClosedDecoder sessionClosed = new SessionClosedDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final LogoutEncoder logout = new LogoutEncoder();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH]);
    private final int[] dirty;
    private int dirtyCount;
    private long nowNs;
    private long nextHousekeepingNs;
    private volatile long slowReadersDropped; // single writer: this thread
    private SenderCounters counters = new SenderCounters(CountersFile.inMemory().manager());

    /**
     * @param journal where to replay a reconnecting session's missed messages from; null without a journal (then a
     *                session that asks for a replay gets none, and sees the gap).
     */
    SessionSender(
        final GatewayContext context,
        final SessionHandoff handoff,
        final org.agrona.concurrent.NanoClock clock,
        final io.matchpoint.journal.JournalDirectory journal)
    {
        this.journal = journal;
        lastSeenSeqNum = new long[context.maxAccountId()];
        this.handoff = handoff;
        this.clock = clock;
        sessions = new OutboundSession[context.maxSessions()];
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = new OutboundSession(i, context.sessionOutboundBufferBytes());
        }
        dirty = new int[sessions.length];
        closer = new LingeringCloser(sessions.length, GatewayAgent.LINGER_NS);
        firstSessionOfAccount = new int[context.maxAccountId()];
        Arrays.fill(firstSessionOfAccount, OutboundSession.NONE);
    }

    public void onEvent(final EventSlot event, final long sequence, final boolean endOfBatch)
    {
        final long targetId = event.targetId();
        switch (event.targetKind())
        {
            case EventSlot.TARGET_SESSION:
                onSessionEvent(event, targetId);
                break;

            case EventSlot.TARGET_ACCOUNT:
                if (targetId >= 0 && targetId < firstSessionOfAccount.length)
                {
                    final long seqNum = event.buffer().getLong(SEQ_NUM_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    if (seqNum != 0)
                    {
                        lastSeenSeqNum[(int)targetId] = seqNum;
                    }
                    for (int i = firstSessionOfAccount[(int)targetId]; i != OutboundSession.NONE; )
                    {
                        final OutboundSession session = sessions[i];
                        i = session.nextInAccount;
                        // a session catching up gets the stream from the journal; an unsequenced answer (to a
                        // command the journal could not take) is in no stream and no journal, so it goes live
                        if (session.replay == null || seqNum == 0)
                        {
                            append(session, event.buffer(), event.length());
                        }
                    }
                }
                break;

            case EventSlot.TARGET_ALL:
                for (final OutboundSession session : sessions)
                {
                    if (session.active)
                    {
                        append(session, event.buffer(), event.length());
                    }
                }
                break;

            default:
                break;
        }
        if (endOfBatch)
        {
            endOfBatch();
        }
    }

    /**
     * A duty cycle without events: replays, heartbeats and retries of blocked sockets.
     *
     * @return the work done.
     */
    public int onIdleTurn()
    {
        return endOfBatch();
    }

    private int endOfBatch()
    {
        nowNs = clock.nanoTime();
        int work = 0;
        if (replaying > 0)
        {
            work += pumpReplays();
        }
        if (nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += housekeeping();
            if (closing > 0)
            {
                work += finishClosing();
            }
            if (closer.lingering() > 0)
            {
                work += closer.doWork(nowNs);
            }
            updatePendingCloses();
        }
        return work + flushDirty();
    }

    private void updatePendingCloses()
    {
        final int pending = closing + closer.lingering();
        if (pending != pendingCloses)
        {
            pendingCloses = pending;
        }
    }

    /**
     * @return sessions ended but not yet closed (their last bytes still going out, or their peer not yet gone), as of
     * the sender's last housekeeping: a stopping server waits for these a moment.
     */
    int pendingCloses()
    {
        return pendingCloses;
    }

    private void onSessionEvent(final EventSlot event, final long sessionId)
    {
        final int slot = SessionIds.slot(sessionId);
        if (slot >= sessions.length)
        {
            return; // a session of a run with more slots, closed at this start: it has no socket here
        }
        final OutboundSession session = sessions[slot];
        final MutableDirectBuffer buffer = event.buffer();
        header.wrap(buffer, 0);
        final int templateId = header.templateId();
        if (templateId == LogonAcceptedDecoder.TEMPLATE_ID)
        {
            logonAccepted.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            activate(session, sessionId, logonAccepted.accountId(), logonAccepted.heartbeatIntervalMs());
            handoff.accept(session.slot);
            final int account = (int)logonAccepted.accountId();
            // exact at this point of the ring, and the only way to know it after a restart
            lastSeenSeqNum[account] = Math.max(lastSeenSeqNum[account], logonAccepted.nextSeqNum() - 1);
            final long replayFrom = logonAccepted.replayFromSeqNum();
            if (replayFrom > 0 && journal != null)
            {
                if (replayEvents == null)
                {
                    replayEvents = io.matchpoint.journal.AccountStreamReplay.openEvents(journal);
                }
                session.replay = new io.matchpoint.journal.AccountStreamReplay(replayEvents, account, replayFrom);
                replaying++;
            }
        }
        else if (templateId == LogonRejectedDecoder.TEMPLATE_ID && !session.active && !session.closing &&
            !handoff.isReleased(session.slot))
        {
            refuseLogon(session, buffer, event.length());
            return;
        }
        if (!session.active || session.sessionId != sessionId)
        {
            return; // an event for a session that already ended
        }
        if (templateId == SessionClosedDecoder.TEMPLATE_ID)
        {
            sessionClosed.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            close(session, sessionClosed.reasonRaw());
            return;
        }
        append(session, buffer, event.length());
    }

    private void activate(
        final OutboundSession session, final long sessionId, final long accountId, final long heartbeatIntervalMs)
    {
        session.active = true;
        session.dropped = false;
        session.dirty = false;
        session.channel = handoff.channel(session.slot);
        session.sessionId = sessionId;
        session.accountId = accountId;
        session.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        session.lastSendNs = clock.nanoTime();
        session.writeBuffer.clear();
        final int account = (int)accountId;
        session.previousInAccount = OutboundSession.NONE;
        session.nextInAccount = firstSessionOfAccount[account];
        if (session.nextInAccount != OutboundSession.NONE)
        {
            sessions[session.nextInAccount].previousInAccount = session.slot;
        }
        firstSessionOfAccount[account] = session.slot;
    }

    /**
     * Says goodbye where the peer can still hear it and ends the session: no more events reach it. What its buffer
     * still holds (the last reports, the logout) is written as the socket takes it, for up to the linger time; then the
     * connection is closed without a reset ({@link LingeringCloser}) and the slot given back.
     */
    private void close(final OutboundSession session, final short logoutReason)
    {
        final boolean peerGone = logoutReason == LogoutReason.PEER_CLOSED.value() ||
            logoutReason == LogoutReason.IO_ERROR.value();
        if (!session.dropped && !peerGone)
        {
            flush(session);
            // an ending session whose buffer is still too full for the logout is not a slow reader to drop (that
            // would count it, and ask the gateway to end it again): what it has still goes out, without the logout
            if (!session.dropped && session.writeBuffer.remaining() >= LOGOUT_FRAME_LENGTH)
            {
                logout.wrapAndApplyHeader(scratch, 0, headerEncoder).seqNum(0).reason(LogoutReason.get(logoutReason));
                append(session, scratch, MessageHeaderEncoder.ENCODED_LENGTH + logout.encodedLength());
                flush(session);
            }
        }
        endReplay(session);
        unlink(session);
        session.active = false;
        session.dirty = false;
        if (peerGone)
        {
            CloseHelper.quietClose(session.channel);
            giveBack(session);
        }
        else if (session.dropped || session.writeBuffer.position() == 0)
        {
            // everything said (or a slow reader, owed nothing more): stop writing, wait for the peer's end
            closer.close(session.channel, nowNs);
            giveBack(session);
        }
        else
        {
            session.closing = true;
            session.closeDeadlineNs = nowNs + GatewayAgent.LINGER_NS;
            closing++;
        }
        updatePendingCloses();
    }

    /**
     * The engine refused a logon the gateway let through (a resume beyond the account's stream): the session never
     * started. Its answer goes out, the connection closes without a reset, and the gateway is asked to end its side,
     * which it does without having read any of the session's commands.
     */
    private void refuseLogon(final OutboundSession session, final MutableDirectBuffer answer, final int length)
    {
        session.channel = handoff.channel(session.slot);
        session.dropped = false;
        session.writeBuffer.clear();
        append(session, answer, length);
        flush(session);
        handoff.requestDrop(session.slot, LogoutReason.SESSION_REJECT.value());
        if (session.dropped || session.writeBuffer.position() == 0)
        {
            closer.close(session.channel, nowNs);
            giveBack(session);
        }
        else
        {
            session.closing = true;
            session.closeDeadlineNs = nowNs + GatewayAgent.LINGER_NS;
            closing++;
        }
        updatePendingCloses();
    }

    /**
     * The slot is free for the gateway's next connection; the channel is closed, or the closer's now.
     */
    private void giveBack(final OutboundSession session)
    {
        session.channel = null;
        session.closing = false;
        session.writeBuffer.clear();
        handoff.release(session.slot);
    }

    /**
     * Writes what the ended sessions still hold; one whose buffer is written, or whose time is up, goes to the
     * closer.
     */
    private int finishClosing()
    {
        int work = 0;
        for (final OutboundSession session : sessions)
        {
            if (!session.closing)
            {
                continue;
            }
            flush(session);
            if (session.writeBuffer.position() == 0 || session.dropped || nowNs - session.closeDeadlineNs >= 0)
            {
                closer.close(session.channel, nowNs);
                giveBack(session);
                closing--;
                work++;
            }
        }
        return work;
    }

    private void unlink(final OutboundSession session)
    {
        if (session.previousInAccount != OutboundSession.NONE)
        {
            sessions[session.previousInAccount].nextInAccount = session.nextInAccount;
        }
        else
        {
            firstSessionOfAccount[(int)session.accountId] = session.nextInAccount;
        }
        if (session.nextInAccount != OutboundSession.NONE)
        {
            sessions[session.nextInAccount].previousInAccount = session.previousInAccount;
        }
        session.nextInAccount = OutboundSession.NONE;
        session.previousInAccount = OutboundSession.NONE;
    }

    private void append(final OutboundSession session, final org.agrona.DirectBuffer message, final int length)
    {
        if (session.dropped)
        {
            return;
        }
        final ByteBuffer out = session.writeBuffer;
        final int frameLength = SofhFlyweight.HEADER_LENGTH + length;
        if (out.remaining() < frameLength)
        {
            flush(session);
            if (session.dropped || out.remaining() < frameLength)
            {
                drop(session, LogoutReason.SLOW_CONSUMER);
                return;
            }
        }
        final int offset = out.position();
        final UnsafeBuffer view = session.writeView;
        SofhFlyweight.wrapSbe(view, offset, length);
        view.putBytes(offset + SofhFlyweight.HEADER_LENGTH, message, 0, length);
        out.position(offset + frameLength);
        if (!session.dirty)
        {
            session.dirty = true;
            dirty[dirtyCount++] = session.slot;
        }
    }

    private int flushDirty()
    {
        final int flushed = dirtyCount;
        for (int i = 0; i < dirtyCount; i++)
        {
            final OutboundSession session = sessions[dirty[i]];
            session.dirty = false;
            if (session.active && !session.dropped)
            {
                flush(session);
            }
        }
        dirtyCount = 0;
        return flushed;
    }

    private void flush(final OutboundSession session)
    {
        final ByteBuffer out = session.writeBuffer;
        if (out.position() == 0)
        {
            return;
        }
        out.flip();
        final int written;
        try
        {
            written = session.channel.write(out);
        }
        catch (final IOException ex)
        {
            out.clear();
            drop(session, LogoutReason.IO_ERROR);
            return;
        }
        counters.writes.incrementRelease();
        counters.bytesOut.getAndAddRelease(written);
        out.compact();
        session.lastSendNs = nowNs;
    }

    private void drop(final OutboundSession session, final LogoutReason reason)
    {
        session.dropped = true;
        session.writeBuffer.clear();
        if (reason == LogoutReason.SLOW_CONSUMER)
        {
            slowReadersDropped++;
            counters.slowConsumersDropped.incrementRelease();
        }
        handoff.requestDrop(session.slot, reason.value());
    }

    /**
     * Feeds each replaying session from the event journal while its buffer has room, never past what went by live;
     * once it has everything up to there, it takes live traffic again. All the replays of a turn share one deadline
     * ({@link #REPLAY_TURN_NS}), so many sessions catching up at once (every client after a restart) cost the live
     * ones no more than one; the session served first rotates, so each gets its share.
     */
    private int pumpReplays()
    {
        int work = 0;
        final long deadlineNs = System.nanoTime() + REPLAY_TURN_NS;
        final int first = nextReplayServed;
        nextReplayServed = first + 1 == sessions.length ? 0 : first + 1;
        for (int i = 0; i < sessions.length; i++)
        {
            final OutboundSession session = sessions[(first + i) % sessions.length];
            final io.matchpoint.journal.AccountStreamReplay replay = session.replay;
            if (replay == null || !session.active || session.dropped)
            {
                continue;
            }
            final long upTo = lastSeenSeqNum[(int)session.accountId];
            final ByteBuffer out = session.writeBuffer;
            replay.beginTurn(deadlineNs);
            while (out.remaining() >= 2 * io.matchpoint.codec.MessageLimits.MAX_FRAME_LENGTH &&
                replay.next(replayed, upTo))
            {
                append(session, replayed.buffer(), replayed.length());
                work++;
            }
            if (replay.nextSeqNum() > upTo)
            {
                endReplay(session); // caught up: from the next event on, live traffic reaches it
                work++;
            }
            else if (out.remaining() >= 2 * io.matchpoint.codec.MessageLimits.MAX_FRAME_LENGTH)
            {
                work++; // the turn's time ran out with room left: more to read, the thread must not idle meanwhile
            }
        }
        return work;
    }

    private void endReplay(final OutboundSession session)
    {
        if (session.replay != null)
        {
            session.replay.close();
            session.replay = null;
            replaying--;
        }
    }

    /**
     * Retries sockets that did not take everything and queues a heartbeat for every session idle for an interval.
     */
    private int housekeeping()
    {
        int work = 0;
        for (final OutboundSession session : sessions)
        {
            if (!session.active || session.dropped)
            {
                continue;
            }
            if (session.writeBuffer.position() > 0)
            {
                flush(session);
                work++;
            }
            else if (nowNs - session.lastSendNs >= session.heartbeatIntervalNs)
            {
                heartbeat.wrapAndApplyHeader(scratch, 0, headerEncoder).seqNum(0);
                append(session, scratch, MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength());
                work++;
            }
        }
        return work;
    }

    /**
     * Closes the sockets of sessions still open when the pipeline stops.
     */
    public void onShutdown()
    {
        for (final OutboundSession session : sessions)
        {
            if (session.active || session.closing)
            {
                endReplay(session);
                flush(session);
                CloseHelper.quietClose(session.channel);
                session.active = false;
                session.closing = false;
            }
        }
        closer.closeAll();
        CloseHelper.quietClose(replayEvents);
    }

    /**
     * Where this sender's counters go: the server's, once its pipeline (and so its counters file) exists; call before
     * the pipeline starts.
     */
    void counters(final CountersManager counters)
    {
        this.counters = new SenderCounters(counters);
    }

    /**
     * @return sessions dropped for reading too slowly.
     */
    long slowReadersDropped()
    {
        return slowReadersDropped;
    }
}
