package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The closer on a real loopback connection, with the time given by the test: the peer reads what was written and
 * then end of stream, while its own unread input is drained; the connection closes when the peer closes, or at the
 * linger deadline, not before.
 */
class LingeringCloserTest
{
    private static final long LINGER_NS = TimeUnit.SECONDS.toNanos(2);
    private ServerSocketChannel listener;
    private Socket peer;
    private SocketChannel channel;

    @BeforeEach
    void connect() throws IOException
    {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        peer = new Socket("127.0.0.1", ((InetSocketAddress)listener.getLocalAddress()).getPort());
        peer.setSoTimeout(10_000);
        channel = listener.accept();
        channel.configureBlocking(false);
    }

    @AfterEach
    void close()
    {
        CloseHelper.quietCloseAll(peer, channel, listener);
    }

    @Test
    void shouldLetThePeerReadTheLastWordsThenEndOfStreamThoughItsOwnBytesWereNeverRead() throws IOException
    {
        peer.getOutputStream().write(new byte[256 * 1024]); // unread: closing now would reset the connection
        final byte[] goodbye = { 1, 2, 3, 4, 5 };
        channel.write(ByteBuffer.wrap(goodbye));
        final LingeringCloser closer = new LingeringCloser(4, LINGER_NS);

        closer.close(channel, 0);

        final DataInputStream in = new DataInputStream(peer.getInputStream());
        final byte[] received = new byte[goodbye.length];
        in.readFully(received);
        assertArrayEquals(goodbye, received);
        assertEquals(-1, in.read(), "end of stream after the last words");
        assertEquals(0, closer.doWork(1), "the peer has not closed yet");
        assertEquals(1, closer.lingering());
        assertTrue(channel.isOpen());

        peer.close();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closer.lingering() > 0 && System.nanoTime() < deadlineNs)
        {
            closer.doWork(2); // the test's clock stands still: only the peer's end can close it
        }
        assertEquals(0, closer.lingering());
        assertFalse(channel.isOpen());
    }

    @Test
    void shouldCloseAtTheLingerDeadlineWhenThePeerNeverCloses() throws IOException
    {
        final LingeringCloser closer = new LingeringCloser(4, LINGER_NS);
        closer.close(channel, 1_000);

        assertEquals(0, closer.doWork(1_000 + LINGER_NS - 1));
        assertTrue(channel.isOpen());

        assertEquals(1, closer.doWork(1_000 + LINGER_NS));
        assertFalse(channel.isOpen());
        assertEquals(0, closer.lingering());
    }

    @Test
    void shouldCloseAtOnceWhenFull() throws IOException
    {
        final LingeringCloser closer = new LingeringCloser(0, LINGER_NS);

        closer.close(channel, 0);

        assertFalse(channel.isOpen());
        assertEquals(0, closer.lingering());
    }
}
