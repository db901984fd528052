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
 * The session agent's write step, the last of its duty cycle: reads the outbound ring and writes to the sessions'
 * sockets. For each event it finds the target sessions (one, an account's, or all), frames it (the matcher already
 * numbered it in its account's stream, or left it unsequenced) and appends it to the session's bounded buffer, where
 * the read step's own answers (session, throttle and logon rejects) already wait; at the end of the cycle it writes
 * what each socket takes, one write per session, without ever blocking. A session whose buffer cannot take the next
 * frame reads too slowly: it is dropped (the read step publishes its end, so cancel-on-disconnect applies) and the
 * matcher and the other sessions never wait for it. In cycles without events it sends heartbeats, replays journaled
 * messages to reconnecting sessions and retries blocked sockets.
 * <p>
 * It shares the sessions with the read step ({@link GatewayAgent}) and runs on the same thread, after it, in every
 * threading mode ({@link io.matchpoint.engine.pipeline.ThreadingMode}): one owner per connection, no atomics.
 */
public final class SessionSender implements EventHandler<EventSlot>, IdleTurn
{
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long one turn reads replays from the event journal, all replaying sessions together. */
    private static final long REPLAY_TURN_NS = io.matchpoint.journal.AccountStreamReplay.TIME_BUDGET_NS;
    private static final int SEQ_NUM_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int LOGOUT_FRAME_LENGTH =
        SofhFlyweight.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + LogoutEncoder.BLOCK_LENGTH;

    private final Session[] sessions;
    private final int[] firstSessionOfAccount;
    /** The last number of each account's stream that went by: a replay hands over to live traffic after it. */
    private final long[] lastSeenSeqNum;
    private final io.matchpoint.journal.JournalDirectory journal;
    private net.openhft.chronicle.queue.impl.single.SingleChronicleQueue replayEvents;
    private final EventSlot replayed = new EventSlot();
    private int replaying;
    private int nextReplayServed;
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
    private int notices;
    private SenderCounters counters = new SenderCounters(CountersFile.inMemory().manager());

    /**
     * @param context the sessions' buffers and limits; concluded here.
     * @param clock   for heartbeats and lingering closes.
     * @param journal where to replay a reconnecting session's missed messages from; null without a journal (then a
     *                session that asks for a replay gets none, and sees the gap).
     */
    SessionSender(
        final GatewayContext context,
        final org.agrona.concurrent.NanoClock clock,
        final io.matchpoint.journal.JournalDirectory journal)
    {
        context.conclude();
        this.journal = journal;
        lastSeenSeqNum = new long[context.maxAccountId()];
        this.clock = clock;
        sessions = new Session[context.maxSessions()];
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = new Session(i, context.sessionInboundBufferBytes(), context.sessionOutboundBufferBytes(),
                context.throttleMessages(), context.throttleWindowNs());
        }
        dirty = new int[sessions.length];
        closer = new LingeringCloser(sessions.length, GatewayAgent.LINGER_NS);
        firstSessionOfAccount = new int[context.maxAccountId()];
        Arrays.fill(firstSessionOfAccount, Session.NONE);
    }

    /**
     * @return the sessions, one per slot, shared with the read step.
     */
    Session[] sessions()
    {
        return sessions;
    }

    /**
     * @return how many notices for the read step this step left on the sessions since the read step last took them:
     * logons the engine accepted ({@link Session#engineAccepted}) and sessions to end ({@link Session#endRequest}).
     */
    int notices()
    {
        return notices;
    }

    /**
     * The read step took every notice.
     */
    void noticesTaken()
    {
        notices = 0;
    }

    /**
     * An answer of the read step to a logged-on session's own frame (a session, throttle, logon or business reject,
     * unsequenced): it goes out in this duty cycle's write, ahead of events still in the rings, as answers outside
     * the account's stream may.
     *
     * @param session the session answered.
     * @param message the SBE message, header first, from offset 0.
     * @param length  of the message.
     */
    void answer(final Session session, final org.agrona.DirectBuffer message, final int length)
    {
        if (session.writing)
        {
            append(session, message, length);
        }
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
                    for (int i = firstSessionOfAccount[(int)targetId]; i != Session.NONE; )
                    {
                        final Session session = sessions[i];
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
                for (final Session session : sessions)
                {
                    if (session.writing)
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
        final Session session = sessions[slot];
        final MutableDirectBuffer buffer = event.buffer();
        header.wrap(buffer, 0);
        final int templateId = header.templateId();
        if (templateId == LogonAcceptedDecoder.TEMPLATE_ID)
        {
            if (!session.held || session.writing || session.sessionId != sessionId)
            {
                return; // not this slot's current session (one of a run with fewer slots, closed at this start)
            }
            logonAccepted.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            activate(session, logonAccepted.accountId());
            session.engineAccepted = true; // the read step reads its commands from its next duty cycle on
            notices++;
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
        else if (templateId == LogonRejectedDecoder.TEMPLATE_ID && session.held && !session.writing &&
            !session.closing && session.sessionId == sessionId)
        {
            refuseLogon(session, buffer, event.length());
            return;
        }
        if (!session.writing || session.sessionId != sessionId)
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

    private void activate(final Session session, final long accountId)
    {
        session.writing = true;
        session.lastSendNs = clock.nanoTime();
        final int account = (int)accountId;
        session.previousInAccount = Session.NONE;
        session.nextInAccount = firstSessionOfAccount[account];
        if (session.nextInAccount != Session.NONE)
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
    private void close(final Session session, final short logoutReason)
    {
        final boolean peerGone = logoutReason == LogoutReason.PEER_CLOSED.value() ||
            logoutReason == LogoutReason.IO_ERROR.value();
        if (!session.dropped && !peerGone)
        {
            flush(session);
            // an ending session whose buffer is still too full for the logout is not a slow reader to drop (that
            // would count it): what it has still goes out, without the logout
            if (!session.dropped && session.writeBuffer.remaining() >= LOGOUT_FRAME_LENGTH)
            {
                logout.wrapAndApplyHeader(scratch, 0, headerEncoder).seqNum(0).reason(LogoutReason.get(logoutReason));
                append(session, scratch, MessageHeaderEncoder.ENCODED_LENGTH + logout.encodedLength());
                flush(session);
            }
        }
        endReplay(session);
        unlink(session);
        session.writing = false;
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
     * The engine refused a logon the read step let through (a resume beyond the account's stream): the session never
     * started. Its answer goes out, the connection closes without a reset, and the read step is asked to end its
     * side, which it does without having read any of the session's commands.
     */
    private void refuseLogon(final Session session, final MutableDirectBuffer answer, final int length)
    {
        append(session, answer, length);
        flush(session);
        requestEnd(session, LogoutReason.SESSION_REJECT);
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
     * Nothing more goes out to this slot's connection: the channel is closed, or the closer's now. The slot is free
     * for a new connection once the read step is done with it too.
     */
    private void giveBack(final Session session)
    {
        session.closing = false;
        session.held = false;
        session.writeBuffer.clear();
    }

    /**
     * Writes what the ended sessions still hold; one whose buffer is written, or whose time is up, goes to the
     * closer.
     */
    private int finishClosing()
    {
        int work = 0;
        for (final Session session : sessions)
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

    private void unlink(final Session session)
    {
        if (session.previousInAccount != Session.NONE)
        {
            sessions[session.previousInAccount].nextInAccount = session.nextInAccount;
        }
        else
        {
            firstSessionOfAccount[(int)session.accountId] = session.nextInAccount;
        }
        if (session.nextInAccount != Session.NONE)
        {
            sessions[session.nextInAccount].previousInAccount = session.previousInAccount;
        }
        session.nextInAccount = Session.NONE;
        session.previousInAccount = Session.NONE;
    }

    private void append(final Session session, final org.agrona.DirectBuffer message, final int length)
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
            final Session session = sessions[dirty[i]];
            session.dirty = false;
            if (session.writing && !session.dropped)
            {
                flush(session);
            }
        }
        dirtyCount = 0;
        return flushed;
    }

    private void flush(final Session session)
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

    private void drop(final Session session, final LogoutReason reason)
    {
        session.dropped = true;
        session.writeBuffer.clear();
        if (reason == LogoutReason.SLOW_CONSUMER)
        {
            slowReadersDropped++;
            counters.slowConsumersDropped.incrementRelease();
        }
        requestEnd(session, reason);
    }

    /**
     * Asks the read step to end the session (in its next duty cycle, so never from inside its own parsing): it
     * publishes the end, and cancel-on-disconnect applies.
     */
    private void requestEnd(final Session session, final LogoutReason reason)
    {
        if (session.endRequest == 0)
        {
            session.endRequest = reason.value();
            notices++;
        }
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
            final Session session = sessions[(first + i) % sessions.length];
            final io.matchpoint.journal.AccountStreamReplay replay = session.replay;
            if (replay == null || !session.writing || session.dropped)
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

    private void endReplay(final Session session)
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
        for (final Session session : sessions)
        {
            if (!session.writing || session.dropped)
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
        for (final Session session : sessions)
        {
            if (session.writing || session.closing)
            {
                endReplay(session);
                flush(session);
                CloseHelper.quietClose(session.channel);
                session.writing = false;
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
