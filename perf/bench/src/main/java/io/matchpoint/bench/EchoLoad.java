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
 * The baseline: frames the size of a NewOrder sent to the server process's raw TCP echo and back, over as many
 * connections as the run has sessions, driven as the orders are: open loop at the run's rate (latency counted from
 * each frame's due time), or closed loop with the run's window of frames in flight per connection (latency from the
 * send, and the throughput). Sends are staged and each connection written once per turn, as the order sessions are.
 * What this costs is what the machine, the kernel's loopback and the two JVMs cost before any engine work; the
 * engine's figures are reported as ratios over it.
 */
final class EchoLoad
{
    /** The size of a NewOrder on the wire: framing header, SBE header, body. */
    static final int FRAME_LENGTH =
        SofhFlyweight.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
    private static final long STALL_NS = 30_000_000_000L;

    private EchoLoad()
    {
    }

    /**
     * @param echo         the echo's address.
     * @param sessions     connections; frame {@code i} goes through connection {@code i % sessions}.
     * @param rate         frames per second; 0 for a closed loop.
     * @param window       closed loop: frames in flight per connection at most.
     * @param warmupFrames frames sent first and not measured.
     * @param frames       measured frames.
     * @return the round trips and the throughput.
     * @throws IOException when a connection fails or the echo stops answering.
     */
    static Result run(
        final InetSocketAddress echo,
        final int sessions,
        final long rate,
        final int window,
        final long warmupFrames,
        final long frames) throws IOException
    {
        final Connection[] connections = new Connection[sessions];
        try
        {
            final int ringLength = rate > 0 ? 1 << 20 : Integer.highestOneBit(Math.max(1, window - 1)) << 1;
            for (int s = 0; s < sessions; s++)
            {
                connections[s] = new Connection(echo, ringLength);
            }
            return rate > 0 ?
                openLoop(connections, rate, warmupFrames, frames) :
                closedLoop(connections, window, warmupFrames, frames);
        }
        finally
        {
            for (final Connection connection : connections)
            {
                if (connection != null)
                {
                    connection.channel.close();
                }
            }
        }
    }

    private static Result openLoop(
        final Connection[] connections, final long rate, final long warmupFrames, final long frames)
        throws IOException
    {
        final Histogram latencies = new Histogram(LatencyRecorder.HIGHEST_NS, 3);
        final long total = warmupFrames + frames;
        final long startNs = System.nanoTime() + 1_000_000L;
        final long measureFromNs = startNs + (long)(warmupFrames * (1e9 / rate));
        long sent = 0;
        long received = 0;
        long maxLagNs = 0;
        long lastProgressNs = startNs;
        while (received < total)
        {
            final long nowNs = System.nanoTime();
            // every frame that is due is staged now, so a baseline that cannot keep up shows as lag, not as less load
            while (sent < total)
            {
                final long dueNs = startNs + (long)(sent * (1e9 / rate));
                if (nowNs < dueNs)
                {
                    break;
                }
                final Connection connection = connections[(int)(sent % connections.length)];
                if (!connection.stage(dueNs))
                {
                    break; // a million frames in flight on one connection: the echo has stopped
                }
                if (sent >= warmupFrames)
                {
                    maxLagNs = Math.max(maxLagNs, nowNs - dueNs); // as for the orders: the measured part only
                }
                sent++;
            }
            final int answered = turn(connections, latencies, measureFromNs);
            received += answered;
            lastProgressNs = answered > 0 ? nowNs : lastProgressNs;
            checkStall(nowNs, lastProgressNs, received, total);
        }
        return new Result(latencies, maxLagNs, frames * 1e9 / Math.max(1, System.nanoTime() - measureFromNs));
    }

    private static Result closedLoop(
        final Connection[] connections, final int window, final long warmupFrames, final long frames)
        throws IOException
    {
        final Histogram latencies = new Histogram(LatencyRecorder.HIGHEST_NS, 3);
        final long total = warmupFrames + frames;
        long sent = 0;
        long received = 0;
        long measureFromNs = Long.MAX_VALUE;
        long lastProgressNs = System.nanoTime();
        while (received < total)
        {
            final long nowNs = System.nanoTime();
            if (received >= warmupFrames && measureFromNs == Long.MAX_VALUE)
            {
                measureFromNs = nowNs;
            }
            for (final Connection connection : connections)
            {
                while (sent < total && connection.inFlight() < window && connection.stage(nowNs))
                {
                    sent++;
                }
            }
            final int answered = turn(connections, latencies, received >= warmupFrames ? 0 : Long.MAX_VALUE);
            received += answered;
            lastProgressNs = answered > 0 ? nowNs : lastProgressNs;
            checkStall(nowNs, lastProgressNs, received, total);
        }
        final long measuredNs = Math.max(1, System.nanoTime() - measureFromNs);
        return new Result(latencies, 0, frames * 1e9 / measuredNs);
    }

    /**
     * One turn: every connection writes what it staged (one {@code write}) and reads what came back (one
     * {@code read}); frames sent from {@code measureFromNs} on are recorded.
     *
     * @return frames answered in this turn.
     */
    private static int turn(final Connection[] connections, final Histogram latencies, final long measureFromNs)
        throws IOException
    {
        int answered = 0;
        for (final Connection connection : connections)
        {
            connection.flush();
        }
        final long nowNs = System.nanoTime();
        for (final Connection connection : connections)
        {
            answered += connection.receive(latencies, measureFromNs, nowNs);
        }
        return answered;
    }

    private static void checkStall(final long nowNs, final long lastProgressNs, final long received, final long total)
        throws IOException
    {
        if (nowNs - lastProgressNs > STALL_NS)
        {
            throw new IOException("the echo stopped answering after " + received + " of " + total + " frames");
        }
    }

    /**
     * One connection: staged frames, the send (or due) time of each frame in flight, bytes received so far.
     */
    private static final class Connection
    {
        final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
        private final long[] sentNs;
        private final int mask;
        private long staged;
        private long answered;
        private long partialBytes;

        Connection(final InetSocketAddress echo, final int ringLength) throws IOException
        {
            channel = SocketChannel.open(echo);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            sentNs = new long[ringLength];
            mask = ringLength - 1;
        }

        long inFlight()
        {
            return staged - answered;
        }

        boolean stage(final long timeNs)
        {
            if (staged - answered > mask || out.remaining() < FRAME_LENGTH)
            {
                return false;
            }
            out.position(out.position() + FRAME_LENGTH); // the bytes' values do not matter to an echo
            sentNs[(int)(staged & mask)] = timeNs;
            staged++;
            return true;
        }

        void flush() throws IOException
        {
            if (out.position() == 0)
            {
                return;
            }
            out.flip();
            channel.write(out);
            out.compact();
        }

        int receive(final Histogram latencies, final long measureFromNs, final long nowNs) throws IOException
        {
            in.clear();
            final int read = channel.read(in);
            if (read < 0)
            {
                throw new IOException("the echo closed the connection");
            }
            partialBytes += read;
            int frames = 0;
            while (partialBytes >= FRAME_LENGTH)
            {
                partialBytes -= FRAME_LENGTH;
                final long frameSentNs = sentNs[(int)(answered & mask)];
                if (frameSentNs >= measureFromNs)
                {
                    latencies.recordValue(Math.min(LatencyRecorder.HIGHEST_NS, nowNs - frameSentNs));
                }
                answered++;
                frames++;
            }
            return frames;
        }
    }

    /**
     * @param latencies       the round trips, from each frame's due time (open loop) or send (closed loop).
     * @param maxLagNs        how far behind its schedule the sender fell at worst in the measured part (open loop):
     *                        over a few ms, the baseline measured its own sender as much as the machine, and the
     *                        report says so.
     * @param framesPerSecond measured frames over the measured time: the echo's throughput in a closed loop.
     */
    record Result(Histogram latencies, long maxLagNs, double framesPerSecond)
    {
    }
}
