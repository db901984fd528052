package io.matchpoint.gateway.server;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A connection's state on the gateway's I/O thread: its read buffer, where it stands in the logon protocol, the
 * sequence number it must send next, its throttle and its timers. Preallocated per slot and reused; written and
 * read by the I/O thread only.
 */
final class InboundSession
{
    static final int FREE = 0;
    /** Connected, no logon yet: nothing reaches the rings; replies are written directly. */
    static final int AWAITING_LOGON = 1;
    /** Logged on: everything it sends and receives passes through the rings. */
    static final int ACTIVE = 2;
    /** Its end is published (or waiting for ring space); the sender closes the channel and releases the slot. */
    static final int ENDED = 3;

    final int slot;
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
     * Logged on as far as the gateway can tell, but the engine has not yet accepted it (it may still refuse: a resume
     * beyond the account's stream). Frames after the Logon wait in the read buffer until it does, so no command of a
     * refused logon ever reaches the engine.
     */
    boolean awaitingEngine;
    /** The limits this connection shares with the others from its IP address; null once it has ended. */
    SharedLimits addressLimits;
    /** The gateway's duty cycle this session's frames were last counted in, and how many it had in it. */
    long dutyCycle;
    int framesThisCycle;
    /** A session end that could not yet be published for lack of ring space: its logout reason, else 0. */
    int pendingEndReason;

    InboundSession(final int slot, final int readBufferBytes, final int throttleMessages, final long throttleWindowNs)
    {
        this.slot = slot;
        readBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        readView = new UnsafeBuffer(readBuffer);
        throttle = new SlidingWindowThrottle(throttleMessages, throttleWindowNs);
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
        readBuffer.clear();
        throttle.reset();
    }

    void free()
    {
        state = FREE;
        channel = null;
        key = null;
        peer = null;
    }
}
