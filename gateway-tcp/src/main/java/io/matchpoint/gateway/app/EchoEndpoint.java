package io.matchpoint.gateway.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The bench's baseline: a raw TCP echo inside the server process, so that {@code ./matchpoint bench} can measure a
 * round trip of frames the size of its orders between the same two processes, with none of the engine in the way,
 * and report the engine's latency as a ratio over it. Started only when the bench asks (system property
 * {@value #PROPERTY}); it is not part of the trading protocol.
 * <p>
 * One connection at a time, bytes written back as they arrive. In the default profile it blocks in {@code read}, as
 * the gateway blocks in {@code select}; in the low-latency profile it busy-polls, as the gateway does.
 */
final class EchoEndpoint implements AutoCloseable
{
    static final String PROPERTY = "matchpoint.bench.echo";

    private final ServerSocketChannel listener;
    private final boolean busyPoll;
    private final Thread thread;
    private volatile boolean closed;

    EchoEndpoint(final String host, final boolean busyPoll) throws IOException
    {
        this.listener = ServerSocketChannel.open();
        this.listener.bind(new InetSocketAddress(host, 0));
        this.busyPoll = busyPoll;
        this.thread = new Thread(this::serve, "matchpoint-bench-echo");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress)listener.getLocalAddress();
    }

    private void serve()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        while (!closed)
        {
            try (SocketChannel channel = listener.accept())
            {
                channel.socket().setTcpNoDelay(true);
                channel.configureBlocking(!busyPoll);
                while (!closed)
                {
                    buffer.clear();
                    final int read = channel.read(buffer);
                    if (read < 0)
                    {
                        break;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining())
                    {
                        channel.write(buffer);
                    }
                }
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    System.err.println("matchpoint: bench echo: " + ex);
                }
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        listener.close();
    }
}
