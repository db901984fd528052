package io.matchpoint.gateway.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.agrona.CloseHelper;

/**
 * The bench's baseline: a raw TCP echo inside the server process, so that {@code ./matchpoint bench} can measure a
 * round trip of frames the size of its orders between the same two processes, over as many connections as the run
 * has sessions, with none of the engine in the way, and report the engine's latency and throughput as ratios over
 * it. Started only when the bench asks (system property {@value #PROPERTY}); it is not part of the trading protocol.
 * <p>
 * One thread serves every connection the way the gateway does: a selector, non-blocking reads of whatever a socket
 * has, written straight back. In the default profile it waits in {@code select} when idle, as the gateway's thread
 * does; in the low-latency profile it busy-polls.
 */
final class EchoEndpoint implements AutoCloseable
{
    static final String PROPERTY = "matchpoint.bench.echo";
    private static final int BUFFER_BYTES = 256 * 1024;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final boolean busyPoll;
    private volatile boolean closed;

    EchoEndpoint(final String host, final boolean busyPoll) throws IOException
    {
        this.busyPoll = busyPoll;
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, 0));
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        final Thread thread = new Thread(this::serve, "matchpoint-bench-echo");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress)listener.getLocalAddress();
    }

    private void serve()
    {
        try
        {
            while (!closed)
            {
                if (busyPoll)
                {
                    selector.selectNow(this::onReady);
                }
                else
                {
                    selector.select(this::onReady);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!closed)
            {
                System.err.println("matchpoint: bench echo: " + ex);
            }
        }
        finally
        {
            for (final SelectionKey key : selector.keys())
            {
                CloseHelper.quietClose(key.channel());
            }
            CloseHelper.quietClose(selector);
        }
    }

    private void onReady(final SelectionKey key)
    {
        if (key.isAcceptable())
        {
            accept();
        }
        else if (key.isReadable())
        {
            try
            {
                echo((SocketChannel)key.channel(), (ByteBuffer)key.attachment());
            }
            catch (final IOException ex)
            {
                key.cancel();
                CloseHelper.quietClose(key.channel()); // that client went away: the others go on
            }
        }
    }

    private void accept()
    {
        while (true)
        {
            SocketChannel channel = null;
            try
            {
                channel = listener.accept();
                if (channel == null)
                {
                    return;
                }
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER_BYTES));
            }
            catch (final IOException ex)
            {
                CloseHelper.quietClose(channel); // this connection failed: the listener and the others go on
                if (channel == null)
                {
                    return;
                }
            }
        }
    }

    private static void echo(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        buffer.clear();
        if (channel.read(buffer) < 0)
        {
            throw new IOException("closed by the client");
        }
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer); // the bench reads as it sends: a full socket drains in moments
        }
    }

    @Override
    public void close()
    {
        closed = true;
        selector.wakeup();
        CloseHelper.quietClose(listener);
    }
}
