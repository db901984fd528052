package io.matchpoint.gateway.server;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.journal.AccountStreamReplay;

/**
 * One connection, whole: what the session agent knows of it on the way in (read buffer, logon, sequence number
 * expected next, throttle, timers) and on the way out (the bounded buffer of bytes its socket has not taken yet, the
 * heartbeat timer, its place in its account's list, a replay from the journal). Preallocated per slot and reused;
 * read and written by the session agent's thread only, by its read step ({@link GatewayAgent}) and its write step
 * ({@link SessionSender}), which run one after the other on that thread in every threading mode.
 */
final class Session
{
    /** No connection. */
    static final int FREE = 0;
    /** Connected, no logon yet: nothing reaches the rings; answers are written at once and the connection closed. */
    static final int AWAITING_LOGON = 1;
    /** Logged on: its commands enter the inbound ring (once the engine accepted it), its events come back. */
    static final int ACTIVE = 2;
    /** Not read any more; its end is on the inbound ring (or waits for room), its last events may still go out. */
    static final int ENDED = 3;

    static final int NONE = -1;

    final int slot;

    // --- the way in ----------------------------------------------------------------------------------------------
    final ByteBuffer readBuffer;
    final UnsafeBuffer readView;
    final SlidingWindowThrottle throttle;
    int state = FREE;
    SocketChannel channel;
    SelectionKey key;
    InetAddress peer;
    long sessionId;
    long accountId;
    boolean admin;
    /** A drop copy account's session: read-only, it may send heartbeats and a logout only. */
    boolean dropCopy;
    boolean cancelOnDisconnect;
    long heartbeatIntervalNs;
    long expectedSeqNum;
    long connectedNs;
    long lastReceiveNs;
    int throttleRejects;
    long throttleRejectWindowStartNs;
    /** Reading stopped because the inbound ring was full; unparsed bytes wait in the read buffer. */
    boolean paused;
    /** Its turn's frame budget ran out with frames left in the read buffer: they go first in the next cycle. */
    boolean deferred;
    /**
     * Logged on as far as the session agent can tell, but the engine has not yet accepted it (it may still refuse: a
     * resume beyond the account's stream). Frames after the Logon wait in the read buffer until it does, so no
     * command of a refused logon ever reaches the engine.
     */
    boolean awaitingEngine;
    /** The limits this connection shares with the others from its IP address; null once it has ended. */
    SharedLimits addressLimits;
    /** The duty cycle this session's frames were last counted in, and how many it had in it. */
    long dutyCycle;
    int framesThisCycle;
    /** A session end that could not yet be published for lack of ring space: its logout reason, else 0. */
    int pendingEndReason;

    // --- the way out ---------------------------------------------------------------------------------------------
    final ByteBuffer writeBuffer;
    final UnsafeBuffer writeView;
    /**
     * From the logon's publication until the engine's answer has run its course (the session's end went by, or the
     * refused logon was answered): events for this slot may still come, so it is not given to a new connection.
     */
    boolean held;
    /** Events reach it: from the engine's LogonAccepted until its SessionClosed. */
    boolean writing;
    /** Dropped as a slow reader or on a write error: events for it are discarded until its end arrives. */
    boolean dropped;
    /** The write step saw the engine accept the logon: the read step may read the session's commands. */
    boolean engineAccepted;
    /** The write step asks the read step to end the session with this logout reason (0: no request). */
    int endRequest;
    boolean dirty;
    /** Ended: the rest of its buffer (the last reports, the logout) is still being written before it is closed. */
    boolean closing;
    long closeDeadlineNs;
    /** While the session catches up on its account's stream from the event journal; null once live. */
    AccountStreamReplay replay;
    long lastSendNs;
    int nextInAccount = NONE;
    int previousInAccount = NONE;

    Session(
        final int slot,
        final int readBufferBytes,
        final int writeBufferBytes,
        final int throttleMessages,
        final long throttleWindowNs)
    {
        this.slot = slot;
        readBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        readView = new UnsafeBuffer(readBuffer);
        throttle = new SlidingWindowThrottle(throttleMessages, throttleWindowNs);
        writeBuffer = ByteBuffer.allocateDirect(writeBufferBytes);
        writeView = new UnsafeBuffer(writeBuffer);
    }

    void open(final SocketChannel channel, final SelectionKey key, final InetAddress peer, final long nowNs)
    {
        this.channel = channel;
        this.key = key;
        this.peer = peer;
        state = AWAITING_LOGON;
        sessionId = 0;
        accountId = 0;
        admin = false;
        dropCopy = false;
        cancelOnDisconnect = false;
        heartbeatIntervalNs = 0;
        expectedSeqNum = 1;
        connectedNs = nowNs;
        lastReceiveNs = nowNs;
        throttleRejects = 0;
        throttleRejectWindowStartNs = nowNs;
        paused = false;
        deferred = false;
        awaitingEngine = false;
        pendingEndReason = 0;
        endRequest = 0;
        engineAccepted = false;
        dropped = false;
        readBuffer.clear();
        writeBuffer.clear();
        throttle.reset();
    }

    /**
     * @return whether a new connection may take this slot: nothing of an earlier one is left to read, publish or write.
     */
    boolean isReusable()
    {
        return !held && !closing && (state == FREE || (state == ENDED && pendingEndReason == 0));
    }

    void free()
    {
        state = FREE;
        channel = null;
        key = null;
        peer = null;
    }
}
