package io.matchpoint.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * The hostile clients of {@code ./matchpoint bench --flood}: connections of one account, from a source address of
 * their own (by default another loopback address, which the server takes for another host), that each log on, send
 * orders as fast as the socket takes them, and connect and log on again at once whenever the server ends the session
 * (throttle abuse, a slow reader) or refuses the logon (the logon rate, too many sessions for the account, a full
 * server), for as long as the flood runs. Each reads what has arrived without ever waiting for it, only to count it
 * and to see when the server has ended it. The orders are IOC buys of one lot on an instrument of their own that
 * nobody else trades, so they never meet the bystanders' books; each one the server processes costs it what any order
 * does (the journal, the matcher, two execution reports).
 * <p>
 * <b>Threading.</b> Threads of its own (one by default), started by {@link #start} and stopped by {@link #stop()},
 * each owning its share of the connections and polling their non-blocking sockets in a loop: no selector, and a
 * 50 µs park only when a whole pass found nothing to do (otherwise a yield, so that the bench's own threads get a
 * turn on a small host). Each thread counts into its own {@link FloodCounts}; they are added up once every thread
 * has stopped.
 * <p>
 * <b>Allocation.</b> Buffers and codecs are allocated once per connection slot and thread; each new connection
 * allocates the JDK's socket objects, which the bench's own collector reclaims. Connections are closed with a reset
 * (SO_LINGER 0), as a flooding tool would, so that thousands of them a second leave no TIME_WAIT behind to use up the
 * source address's ports.
 */
final class ReconnectFlood implements AutoCloseable
{
    /** Connections at most: each holds one of the server's session slots (its buffers) while it is connected. */
    static final int MAX_CONNECTIONS = 500;
    /** Threads at most. */
    static final int MAX_THREADS = 8;
    private static final int HEARTBEAT_INTERVAL_MS = 1_000;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long IDLE_NS = 50_000;
    private static final int SBE_OFFSET = SofhFlyweight.HEADER_LENGTH;
    private static final int LOGON_FRAME = SBE_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH + LogonEncoder.BLOCK_LENGTH;
    private static final int ORDER_FRAME =
        SBE_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
    private static final int MIN_FRAME = SBE_OFFSET + MessageHeaderDecoder.ENCODED_LENGTH;
    /** A flood order's clOrdId: the connection slot's tag above these bits, its own count below. */
    private static final int TAG_SHIFT = 40;

    private static final int IDLE = 0;
    private static final int CONNECTING = 1;
    private static final int LOGGING_ON = 2;
    private static final int FLOODING = 3;

    private final InetSocketAddress server;
    private final InetSocketAddress source;
    private final int instrumentId;
    private final long price;
    private final Worker[] workers;
    private final Thread[] threads;
    private final long startNs;
    private volatile boolean running = true;
    private FloodCounts counts;
    private double seconds;

    private ReconnectFlood(final InetSocketAddress server, final InetAddress from, final int connections,
        final int threadCount, final int instrumentId, final long price)
    {
        this.server = server;
        this.source = new InetSocketAddress(from, 0);
        this.instrumentId = instrumentId;
        this.price = price;
        workers = new Worker[threadCount];
        threads = new Thread[threadCount];
        for (int t = 0; t < threadCount; t++)
        {
            // connection i belongs to thread i % threads
            workers[t] = new Worker(t, threadCount, (connections - t + threadCount - 1) / threadCount);
            threads[t] = new Thread(workers[t], "bench-flood-" + t);
            threads[t].setDaemon(true);
        }
        startNs = System.nanoTime();
    }

    /**
     * Starts the flood's threads; every connection starts at once.
     *
     * @param server       the server's address.
     * @param from         the address to connect from (see {@link #checkSource}).
     * @param connections  flooding connections, 1..{@value #MAX_CONNECTIONS}.
     * @param threadCount  threads sharing them, 1..{@value #MAX_THREADS} and at most one per connection.
     * @param instrumentId the instrument its orders name.
     * @param price        the price they carry, in the instrument's band.
     */
    static ReconnectFlood start(final InetSocketAddress server, final InetAddress from, final int connections,
        final int threadCount, final int instrumentId, final long price)
    {
        if (connections < 1 || connections > MAX_CONNECTIONS || threadCount < 1 || threadCount > MAX_THREADS ||
            threadCount > connections)
        {
            throw new IllegalArgumentException("a flood of " + connections + " connections on " + threadCount +
                " threads");
        }
        final ReconnectFlood flood = new ReconnectFlood(server, from, connections, threadCount, instrumentId, price);
        for (final Thread thread : flood.threads)
        {
            thread.start();
        }
        return flood;
    }

    /**
     * Fails early, before any run, when this host cannot connect from the address (only 127.0.0.1 is configured on
     * some systems; Linux routes the whole of 127.0.0.0/8 to the loopback interface).
     *
     * @throws IllegalArgumentException saying so.
     */
    static void checkSource(final InetAddress from)
    {
        try (SocketChannel channel = SocketChannel.open())
        {
            channel.bind(new InetSocketAddress(from, 0));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--flood-from " + from.getHostAddress() + ": cannot connect from " +
                "this address here (" + ex.getMessage() + "); give --flood-from 127.0.0.1 (the flood then shares " +
                "the bystanders' address limits)");
        }
    }

    /**
     * {@link #stop()}.
     */
    @Override
    public void close()
    {
        stop();
    }

    /**
     * Stops the threads, waits for them, and closes every connection still open; the counts are complete from here
     * on. Idempotent.
     */
    void stop()
    {
        if (counts != null)
        {
            return;
        }
        running = false;
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        seconds = (System.nanoTime() - startNs) / 1e9;
        final FloodCounts total = new FloodCounts();
        for (final Worker worker : workers)
        {
            total.add(worker.counts);
        }
        counts = total;
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return what the flood did, all threads together; null until {@link #stop()}.
     */
    FloodCounts counts()
    {
        return counts;
    }

    /**
     * @return how long it ran, start to {@link #stop()}.
     */
    double seconds()
    {
        return seconds;
    }

    int threads()
    {
        return threads.length;
    }

    /**
     * One flooding connection's slot: its buffers stay, its channel changes with each connection.
     */
    private static final class Connection
    {
        /** Its orders' clOrdIds carry it: the account's execution reports go to each of its sessions. */
        final long tag;
        final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
        final UnsafeBuffer outView = new UnsafeBuffer(out);
        final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        final UnsafeBuffer inView = new UnsafeBuffer(in);
        SocketChannel channel;
        int state = IDLE;
        /** Bytes encoded into {@link #out} from its start, not yet taken by the socket. */
        int outLength;
        long nextSeqNum;
        long orderBytesWritten;
        /** Orders of this slot so far, over all its connections: unique clOrdIds for the account. */
        long orders;

        Connection(final long tag)
        {
            this.tag = tag;
        }
    }

    /**
     * One flood thread: its connections, codecs and counts.
     */
    private final class Worker implements Runnable
    {
        final FloodCounts counts = new FloodCounts();
        private final Connection[] connections;
        private final UnsafeBuffer logonFrame = new UnsafeBuffer(new byte[LOGON_FRAME]);
        private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        private final NewOrderEncoder newOrder = new NewOrderEncoder();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ExecutionReportDecoder report = new ExecutionReportDecoder();
        private final LogonRejectedDecoder logonRejected = new LogonRejectedDecoder();
        private final LogoutDecoder logout = new LogoutDecoder();

        Worker(final int index, final int threadCount, final int connectionCount)
        {
            connections = new Connection[connectionCount];
            for (int i = 0; i < connectionCount; i++)
            {
                connections[i] = new Connection(1 + index + (long)i * threadCount);
            }
            // every logon is the same frame: sequence number 1, no replay; cancel-on-disconnect, so that each end
            // of a session costs the engine a command too
            SofhFlyweight.wrapSbe(logonFrame, 0, MessageHeaderEncoder.ENCODED_LENGTH + LogonEncoder.BLOCK_LENGTH);
            new LogonEncoder().wrapAndApplyHeader(logonFrame, SBE_OFFSET, headerEncoder)
                .seqNum(1)
                .heartbeatIntervalMs(HEARTBEAT_INTERVAL_MS)
                .cancelOnDisconnect(BooleanType.TRUE)
                .account(ServerProcess.FLOOD_ACCOUNT)
                .credential(ServerProcess.PASSWORD)
                .lastSeqNum(LogonEncoder.lastSeqNumNullValue());
        }

        @Override
        public void run()
        {
            try
            {
                while (running)
                {
                    int work = 0;
                    for (final Connection connection : connections)
                    {
                        work += step(connection);
                    }
                    if (work == 0)
                    {
                        LockSupport.parkNanos(IDLE_NS);
                    }
                    else
                    {
                        Thread.yield();
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                counts.threadFailure = ex.toString();
            }
            finally
            {
                for (final Connection connection : connections)
                {
                    if (connection.state != IDLE)
                    {
                        drop(connection);
                    }
                }
                counts.cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
        }

        private int step(final Connection connection)
        {
            switch (connection.state)
            {
                case IDLE:
                    return open(connection);
                case CONNECTING:
                    return finishConnect(connection);
                case LOGGING_ON:
                {
                    final int work = flush(connection);
                    return connection.state == LOGGING_ON ? work + read(connection) : work;
                }
                default:
                {
                    fill(connection);
                    final int work = flush(connection);
                    return connection.state == FLOODING ? work + read(connection) : work;
                }
            }
        }

        private int open(final Connection connection)
        {
            counts.connectAttempts++;
            SocketChannel channel = null;
            try
            {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.bind(source);
                connection.channel = channel;
                if (channel.connect(server))
                {
                    onConnected(connection);
                }
                else
                {
                    connection.state = CONNECTING;
                }
                return 1;
            }
            catch (final IOException ex)
            {
                CloseHelper.quietClose(channel);
                connection.channel = null;
                connection.state = IDLE;
                onConnectFailed(ex);
                return 0; // a pass of nothing but failures parks: the server may be gone
            }
        }

        private int finishConnect(final Connection connection)
        {
            try
            {
                if (!connection.channel.finishConnect())
                {
                    return 0;
                }
            }
            catch (final IOException ex)
            {
                onConnectFailed(ex);
                drop(connection);
                return 0;
            }
            onConnected(connection);
            return 1;
        }

        private void onConnectFailed(final IOException ex)
        {
            counts.connectFailures++;
            if (counts.firstConnectFailure == null)
            {
                counts.firstConnectFailure = ex.toString();
            }
        }

        private void onConnected(final Connection connection)
        {
            counts.connections++;
            connection.outView.putBytes(0, logonFrame, 0, LOGON_FRAME);
            connection.outLength = LOGON_FRAME;
            connection.nextSeqNum = 2;
            connection.state = LOGGING_ON;
        }

        /**
         * Fills the outbound buffer with orders: as many as the socket may take in the next write.
         */
        private void fill(final Connection connection)
        {
            int end = connection.outLength;
            while (end + ORDER_FRAME <= BUFFER_BYTES)
            {
                SofhFlyweight.wrapSbe(connection.outView, end,
                    MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH);
                newOrder.wrapAndApplyHeader(connection.outView, end + SBE_OFFSET, headerEncoder)
                    .seqNum(connection.nextSeqNum++)
                    .clOrdId((connection.tag << TAG_SHIFT) | connection.orders++)
                    .instrumentId(instrumentId)
                    .side(Side.BUY)
                    .ordType(OrdType.LIMIT)
                    .timeInForce(TimeInForce.IOC)
                    .postOnly(BooleanType.FALSE)
                    .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
                    .price(price)
                    .quantity(1)
                    .displayQuantity(0)
                    .stopPrice(0);
                end += ORDER_FRAME;
            }
            connection.outLength = end;
        }

        private int flush(final Connection connection)
        {
            if (connection.outLength == 0)
            {
                return 0;
            }
            final ByteBuffer out = connection.out;
            out.limit(connection.outLength).position(0);
            final int written;
            try
            {
                written = connection.channel.write(out);
            }
            catch (final IOException ex)
            {
                ended(connection);
                return 0;
            }
            if (written == 0)
            {
                return 0;
            }
            if (connection.state == FLOODING)
            {
                // the logon went out whole before it was answered: from then on every byte written is an order's
                connection.orderBytesWritten += written;
            }
            out.compact();
            connection.outLength = out.position();
            return 1;
        }

        private int read(final Connection connection)
        {
            final int bytesRead;
            try
            {
                bytesRead = connection.channel.read(connection.in);
            }
            catch (final IOException ex)
            {
                ended(connection);
                return 0;
            }
            if (bytesRead < 0)
            {
                ended(connection);
                return 0;
            }
            if (bytesRead == 0)
            {
                return 0;
            }
            final ByteBuffer in = connection.in;
            final int limit = in.position();
            int offset = 0;
            while (limit - offset >= MIN_FRAME && connection.state != IDLE)
            {
                final long length = SofhFlyweight.messageLength(connection.inView, offset);
                if (length < MIN_FRAME || length > BUFFER_BYTES)
                {
                    ended(connection); // not a Matchpoint server's framing: nothing more can be read
                    return 1;
                }
                if (limit - offset < length)
                {
                    break;
                }
                onMessage(connection, offset + SBE_OFFSET);
                offset += (int)length;
            }
            if (connection.state != IDLE)
            {
                in.limit(limit).position(offset);
                in.compact();
            }
            return 1;
        }

        private void onMessage(final Connection connection, final int offset)
        {
            header.wrap(connection.inView, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case ExecutionReportDecoder.TEMPLATE_ID ->
                {
                    report.wrap(connection.inView, body, header.blockLength(), header.version());
                    final short execType = report.execTypeRaw();
                    if (report.clOrdId() >>> TAG_SHIFT != connection.tag)
                    {
                        return; // another session's order of the account: counted by that connection
                    }
                    if (execType == ExecType.NEW.value())
                    {
                        counts.ordersAccepted++;
                    }
                    else if (execType == ExecType.REJECTED.value())
                    {
                        counts.ordersRejected++;
                    }
                }
                case ThrottleRejectDecoder.TEMPLATE_ID -> counts.throttleRejects++;
                case LogonAcceptedDecoder.TEMPLATE_ID ->
                {
                    counts.logonsAccepted++;
                    connection.state = FLOODING;
                }
                case LogonRejectedDecoder.TEMPLATE_ID ->
                {
                    logonRejected.wrap(connection.inView, body, header.blockLength(), header.version());
                    counts.logonsRefused[logonRejected.reasonRaw() & 0xFF]++;
                    drop(connection);
                }
                case LogoutDecoder.TEMPLATE_ID ->
                {
                    logout.wrap(connection.inView, body, header.blockLength(), header.version());
                    counts.logouts[logout.reasonRaw() & 0xFF]++;
                    drop(connection);
                }
                case SessionRejectDecoder.TEMPLATE_ID -> counts.sessionRejects++;
                default ->
                {
                    // instrument definitions after the logon, heartbeats, mass cancel reports: nothing to count
                }
            }
        }

        /**
         * The connection ended without a LogonRejected or Logout that says why.
         */
        private void ended(final Connection connection)
        {
            if (connection.state == FLOODING)
            {
                counts.endedWithoutLogout++;
            }
            else
            {
                counts.noLogonAnswer++;
            }
            drop(connection);
        }

        private void drop(final Connection connection)
        {
            counts.ordersSent += connection.orderBytesWritten / ORDER_FRAME;
            CloseHelper.quietClose(connection.channel);
            connection.channel = null;
            connection.state = IDLE;
            connection.outLength = 0;
            connection.orderBytesWritten = 0;
            connection.out.clear();
            connection.in.clear();
        }
    }
}
