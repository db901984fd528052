package io.matchpoint.client;

import java.nio.channels.SocketChannel;

import org.agrona.CloseHelper;

/**
 * The socket of one {@link MatchpointClient} and how it ended: the one place that closes it, remembers why, and
 * reports that once. Used by the client's thread only.
 */
final class ClientConnection
{
    private final SocketChannel channel;
    private boolean closed;
    private String disconnectReason;
    private boolean disconnectReported;

    ClientConnection(final SocketChannel channel)
    {
        this.channel = channel;
    }

    SocketChannel channel()
    {
        return channel;
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * @return why the connection ended, or {@code null} while it lasts or when the application closed it.
     */
    String disconnectReason()
    {
        return disconnectReason;
    }

    /**
     * Ends the connection for a reason that the next {@link #reportDisconnect(ClientListener)} hands to the listener.
     * Does nothing when it has already ended.
     *
     * @param reason what ended it.
     */
    void disconnect(final String reason)
    {
        if (!closed)
        {
            closed = true;
            disconnectReason = reason;
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * Ends the connection at the application's request: nothing is reported.
     */
    void close()
    {
        if (!closed)
        {
            closed = true;
            disconnectReported = true;
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * Tells {@code listener} why the connection ended, the first time this is called after it ended for a reason.
     *
     * @param listener to tell.
     */
    void reportDisconnect(final ClientListener listener)
    {
        if (null != disconnectReason && !disconnectReported)
        {
            disconnectReported = true;
            listener.onDisconnected(disconnectReason);
        }
    }
}
