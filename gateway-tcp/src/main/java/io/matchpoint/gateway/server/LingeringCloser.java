package io.matchpoint.gateway.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.agrona.CloseHelper;

/**
 * Closes connections without losing what was last said to them. Closing a TCP socket that still has unread input
 * makes the kernel reset the connection, and a reset makes the peer's kernel throw away everything it had received
 * and not yet handed to the client: the last execution reports, the reject and the logout that explain the close.
 * So a connection is closed in steps: its owner writes what it has to say; then its output is shut down (the peer
 * reads that, then end of stream); then its input is read and thrown away until the peer closes its side or the
 * linger time is up; only then is it closed.
 * <p>
 * Owned by one agent, which calls {@link #doWork(long)} in its duty cycle; preallocated, allocates nothing. When more
 * connections are closing than it holds, the newest is closed at once (as before this class existed).
 */
final class LingeringCloser
{
    private final SocketChannel[] channels;
    private final long[] deadlinesNs;
    private final long lingerNs;
    /** Reads of a lingering connection per duty cycle at most: a peer that keeps sending cannot hold the agent. */
    private static final int MAX_READS = 4;

    private final ByteBuffer discard = ByteBuffer.allocateDirect(64 * 1024);
    private int count;

    /**
     * @param capacity connections that may linger at once.
     * @param lingerNs how long a closing connection waits for its peer to close at most.
     */
    LingeringCloser(final int capacity, final long lingerNs)
    {
        channels = new SocketChannel[capacity];
        deadlinesNs = new long[capacity];
        this.lingerNs = lingerNs;
    }

    /**
     * Shuts the connection's output down (what was written still reaches the peer, then end of stream) and keeps it
     * until the peer closes or the linger time is up.
     *
     * @param channel a connected channel, non-blocking, whose owner has written everything it had to say.
     * @param nowNs   the time.
     */
    void close(final SocketChannel channel, final long nowNs)
    {
        try
        {
            channel.shutdownOutput();
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel); // already reset or closed by the peer: nothing left to protect
            return;
        }
        if (count == channels.length)
        {
            CloseHelper.quietClose(channel);
            return;
        }
        channels[count] = channel;
        deadlinesNs[count] = nowNs + lingerNs;
        count++;
    }

    /**
     * Reads and discards what each lingering connection has; closes those whose peer has closed, or whose time is up.
     *
     * @param nowNs the time.
     * @return connections closed.
     */
    int doWork(final long nowNs)
    {
        int closed = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            if (peerClosed(channels[i]) || nowNs - deadlinesNs[i] >= 0)
            {
                CloseHelper.quietClose(channels[i]);
                count--;
                channels[i] = channels[count];
                deadlinesNs[i] = deadlinesNs[count];
                channels[count] = null;
                closed++;
            }
        }
        return closed;
    }

    private boolean peerClosed(final SocketChannel channel)
    {
        try
        {
            int read;
            int reads = 0;
            do
            {
                discard.clear();
                read = channel.read(discard);
            }
            while (read > 0 && ++reads < MAX_READS);
            return read < 0;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    /**
     * @return connections lingering now.
     */
    int lingering()
    {
        return count;
    }

    /**
     * Closes every lingering connection at once (the server is stopping), each after one last read of its input, so
     * that a peer which has stopped sending gets no reset.
     */
    void closeAll()
    {
        for (int i = 0; i < count; i++)
        {
            peerClosed(channels[i]);
            CloseHelper.quietClose(channels[i]);
            channels[i] = null;
        }
        count = 0;
    }
}
