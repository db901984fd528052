package io.matchpoint.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.HdrHistogram.Histogram;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;

/**
 * The baseline: frames the size of a NewOrder sent to the server process's raw TCP echo and back, open loop at the
 * run's rate from the same thread that drives the engine, latency counted from each frame's due time as for the
 * orders. What this costs is what the machine, the kernel's loopback and the two JVMs cost before any engine work;
 * the engine's figures are reported as a ratio over it.
 */
final class EchoLoad
{
    /** The size of a NewOrder on the wire: framing header, SBE header, body. */
    static final int FRAME_LENGTH =
        SofhFlyweight.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;

    private EchoLoad()
    {
    }

    /**
     * @param rate         frames per second; 0 for a ping-pong, one frame in flight at a time.
     * @param warmupFrames frames sent first and not measured.
     * @param frames       measured frames.
     * @return the round trips.
     */
    static Result run(final InetSocketAddress echo, final long rate, final long warmupFrames, final long frames)
        throws IOException
    {
        final Histogram latencies = new Histogram(LatencyRecorder.HIGHEST_NS, 3);
        final long total = warmupFrames + frames;
        final long[] dueNs = new long[(int)Math.min(total, 1 << 20)];
        final int mask = Integer.highestOneBit(dueNs.length) - 1;
        try (SocketChannel channel = SocketChannel.open(echo))
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            final ByteBuffer out = ByteBuffer.allocateDirect(FRAME_LENGTH);
            final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            final long startNs = System.nanoTime() + 1_000_000L;
            long sent = 0;
            long received = 0;
            long receivedBytes = 0;
            long maxLagNs = 0;
            final long deadlineNs = startNs + (rate > 0 ? (long)(total * 1e9 / rate) : 0) + 30_000_000_000L;
            while (received < total)
            {
                final long nowNs = System.nanoTime();
                if (nowNs > deadlineNs)
                {
                    throw new IOException("the echo stopped answering after " + received + " of " + total + " frames");
                }
                // every frame that is due goes now, so a baseline that cannot keep up shows as lag, not as a slower rate
                while (sent < total && (rate > 0 ? sent - received <= mask : sent == received))
                {
                    final long due = rate > 0 ? startNs + (long)(sent * (1e9 / rate)) : nowNs;
                    if (nowNs < due)
                    {
                        break;
                    }
                    out.clear();
                    while (out.hasRemaining())
                    {
                        channel.write(out);
                    }
                    dueNs[(int)(sent & mask)] = due;
                    sent++;
                    maxLagNs = Math.max(maxLagNs, System.nanoTime() - due);
                }
                in.clear();
                final int read = channel.read(in);
                if (read < 0)
                {
                    throw new IOException("the echo closed the connection");
                }
                receivedBytes += read;
                final long receivedNs = System.nanoTime();
                while (receivedBytes >= (received + 1) * FRAME_LENGTH)
                {
                    if (received >= warmupFrames)
                    {
                        latencies.recordValue(Math.min(LatencyRecorder.HIGHEST_NS,
                            receivedNs - dueNs[(int)(received & mask)]));
                    }
                    received++;
                }
            }
            return new Result(latencies, maxLagNs);
        }
    }

    /**
     * @param latencies the round trips, from each frame's due time.
     * @param maxLagNs  how far behind its schedule the sender fell at worst: over a few ms, the baseline measured its
     *                  own sender as much as the machine, and the report says so.
     */
    record Result(Histogram latencies, long maxLagNs)
    {
    }
}
