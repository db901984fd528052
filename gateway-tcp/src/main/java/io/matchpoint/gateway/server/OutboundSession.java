package io.matchpoint.gateway.server;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A session's state on the sender thread: its socket for writing, the bounded buffer of bytes the socket has not
 * taken yet, its outbound sequence number and heartbeat timer, and its place in its account's list. Preallocated per
 * slot; written and read by the sender only.
 */
final class OutboundSession
{
    static final int NONE = -1;

    final int slot;
    final ByteBuffer writeBuffer;
    final UnsafeBuffer writeView;
    boolean active;
    /** Dropped as a slow reader or on a write error: events for it are discarded until its end arrives. */
    boolean dropped;
    boolean dirty;
    /** Ended: the rest of its buffer (the last reports, the logout) is still being written before it is closed. */
    boolean closing;
    long closeDeadlineNs;
    SocketChannel channel;
    long sessionId;
    long accountId;
    /** While the session catches up on its account's stream from the event journal; null once live. */
    io.matchpoint.journal.AccountStreamReplay replay;
    long heartbeatIntervalNs;
    long lastSendNs;
    int nextInAccount = NONE;
    int previousInAccount = NONE;

    OutboundSession(final int slot, final int writeBufferBytes)
    {
        this.slot = slot;
        writeBuffer = ByteBuffer.allocateDirect(writeBufferBytes);
        writeView = new UnsafeBuffer(writeBuffer);
    }
}
