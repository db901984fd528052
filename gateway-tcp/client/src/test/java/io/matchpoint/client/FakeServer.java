package io.matchpoint.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;

/**
 * A scripted stand-in for the server: listens on a loopback port chosen by the system, accepts one connection, reads
 * the client's frames and writes whatever bytes a test crafts. Every wait has a deadline; nothing sleeps. Used by one
 * thread at a time.
 */
final class FakeServer implements AutoCloseable
{
    static final long TIMEOUT_MS = 10_000;

    private final ServerSocketChannel acceptor;
    private final ByteBuffer inbound = ByteBuffer.allocateDirect(256 * 1024);
    private SocketChannel peer;

    FakeServer() throws IOException
    {
        this(0);
    }

    /**
     * @param receiveBufferBytes the accepted socket's receive buffer, or 0 for the system's default.
     * @throws IOException when it cannot listen.
     */
    FakeServer(final int receiveBufferBytes) throws IOException
    {
        acceptor = ServerSocketChannel.open();
        if (receiveBufferBytes > 0)
        {
            acceptor.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        }
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor.configureBlocking(false);
        inbound.limit(0);
    }

    int port()
    {
        try
        {
            return ((InetSocketAddress)acceptor.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    String host()
    {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    SocketChannel accept() throws IOException
    {
        final long deadlineNs = deadlineNs();
        while (null == peer)
        {
            peer = acceptor.accept();
            checkDeadline(deadlineNs, "accept");
        }
        peer.configureBlocking(false);
        peer.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);

        return peer;
    }

    /**
     * @return the next whole frame the client sent, copied.
     * @throws IOException when the connection fails.
     */
    UnsafeBuffer readFrame() throws IOException
    {
        final long deadlineNs = deadlineNs();
        UnsafeBuffer frame;
        while (null == (frame = pollFrame()))
        {
            checkDeadline(deadlineNs, "frame from the client");
        }

        return frame;
    }

    /**
     * Reads what is available without blocking.
     *
     * @return the next whole frame the client sent, copied, or {@code null} when none has arrived whole yet.
     * @throws IOException when the connection fails.
     */
    UnsafeBuffer pollFrame() throws IOException
    {
        UnsafeBuffer frame = bufferedFrame();
        if (null == frame)
        {
            inbound.compact();
            final int read = peer.read(inbound);
            inbound.flip();
            if (read < 0)
            {
                fail("the client closed the connection");
            }
            frame = bufferedFrame();
        }

        return frame;
    }

    private UnsafeBuffer bufferedFrame()
    {
        if (inbound.remaining() < SofhFlyweight.HEADER_LENGTH)
        {
            return null;
        }

        final UnsafeBuffer view = new UnsafeBuffer(inbound, inbound.position(), inbound.remaining());
        final long length = SofhFlyweight.messageLength(view, 0);
        if (length < SofhFlyweight.HEADER_LENGTH || length > MessageLimits.MAX_FRAME_LENGTH)
        {
            fail("the client sent a frame of length " + length);
        }
        if (inbound.remaining() < length)
        {
            return null;
        }

        final byte[] frame = new byte[(int)length];
        inbound.get(frame);

        return new UnsafeBuffer(frame);
    }

    void write(final byte[] bytes) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final long deadlineNs = deadlineNs();
        while (buffer.hasRemaining())
        {
            peer.write(buffer);
            checkDeadline(deadlineNs, "writing to the client");
        }
    }

    void closePeer()
    {
        CloseHelper.quietClose(peer);
    }

    public void close()
    {
        CloseHelper.quietCloseAll(peer, acceptor);
    }

    static long deadlineNs()
    {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    }

    /**
     * Polls {@code client} until {@code condition} holds, failing after {@link #TIMEOUT_MS}.
     *
     * @param client    to poll.
     * @param listener  to poll with.
     * @param condition to wait for.
     * @param what      what is awaited, for the failure message.
     */
    static void pollUntil(
        final MatchpointClient client,
        final ClientListener listener,
        final BooleanSupplier condition,
        final String what)
    {
        final long deadlineNs = deadlineNs();
        while (!condition.getAsBoolean())
        {
            client.poll(listener);
            checkDeadline(deadlineNs, what);
        }
    }

    static void checkDeadline(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            fail("no " + what + " within " + TIMEOUT_MS + " ms");
        }
    }
}
