package io.matchpoint.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * Sends orders and cancels through a real socket to a server thread that answers each with an execution report, and
 * counts the bytes the sending and polling thread allocates.
 */
class MatchpointClientZeroAllocationTest
{
    private static final int MESSAGES_PER_ROUND = 100_000;
    private static final int WINDOW = 500;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 3;

    private final CountingListener listener = new CountingListener();
    private long nextClOrdId = 1;

    @Test
    void shouldAllocateNothingSendingOrdersAndCancelsAndPollingReportsAfterWarmUp() throws Exception
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final FakeServer server = new FakeServer();
        final MatchpointClient client = MatchpointClient.connect(server.host(), server.port(), FakeServer.TIMEOUT_MS);
        final ExecutionServer executionServer = new ExecutionServer(server.accept());
        final Thread serverThread = new Thread(executionServer, "execution-server");
        serverThread.setDaemon(true);
        serverThread.start();
        try
        {
            final LogonResult logon = client.logonAndWait(listener, "alice", "pw", true, 60_000, FakeServer.TIMEOUT_MS);
            assertTrue(logon.accepted(), logon.detail());

            for (int i = 0; i < WARM_UP_ROUNDS; i++)
            {
                round(client);
            }

            long quietest = Long.MAX_VALUE;
            for (int i = 0; i < MEASURED_ROUNDS; i++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                round(client);
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                quietest = Math.min(quietest, allocated);
            }

            final long rounds = WARM_UP_ROUNDS + MEASURED_ROUNDS;
            assertEquals(0, quietest, "bytes allocated by the quietest round of " + MESSAGES_PER_ROUND + " sends");
            assertEquals(rounds * MESSAGES_PER_ROUND, listener.reports);
            assertEquals(rounds * MESSAGES_PER_ROUND / 2, listener.cancelled);
            assertTrue(client.isConnected());
        }
        finally
        {
            CloseHelper.quietClose(client);
            serverThread.join(FakeServer.TIMEOUT_MS);
            CloseHelper.quietClose(server);
        }
        assertNull(executionServer.failure);
    }

    private void round(final MatchpointClient client)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60_000);
        for (int sent = 0; sent < MESSAGES_PER_ROUND; sent += 2 * WINDOW)
        {
            listener.windowCount = 0;
            for (int i = 0; i < WINDOW; i++)
            {
                final long clOrdId = nextClOrdId++;
                while (client.newOrder(clOrdId, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 10_125, 10, false,
                    SelfTradePrevention.CANCEL_TAKER) < 0)
                {
                    pollOnce(client, deadlineNs);
                }
            }
            awaitWindow(client, deadlineNs);

            listener.windowCount = 0;
            for (int i = 0; i < WINDOW; i++)
            {
                while (client.cancelOrder(listener.windowOrderIds[i]) < 0)
                {
                    pollOnce(client, deadlineNs);
                }
            }
            awaitWindow(client, deadlineNs);
        }
    }

    private void awaitWindow(final MatchpointClient client, final long deadlineNs)
    {
        while (listener.windowCount < WINDOW)
        {
            pollOnce(client, deadlineNs);
        }
    }

    private void pollOnce(final MatchpointClient client, final long deadlineNs)
    {
        client.poll(listener);
        if (!client.isConnected() || System.nanoTime() - deadlineNs > 0)
        {
            throw new AssertionError("the round did not complete: connected=" + client.isConnected());
        }
    }

    /**
     * Counts reports into primitive fields and remembers the order ids of the current window.
     */
    static final class CountingListener implements ClientListener
    {
        final long[] windowOrderIds = new long[WINDOW];
        int windowCount;
        long reports;
        long cancelled;

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            reports++;
            if (ExecType.NEW.value() == report.execTypeRaw())
            {
                windowOrderIds[windowCount] = report.orderId();
            }
            else if (ExecType.CANCELLED.value() == report.execTypeRaw())
            {
                cancelled++;
            }
            windowCount++;
        }
    }

    /**
     * Answers a Logon with LogonAccepted, each NewOrder with an ExecutionReport NEW and each CancelOrder with an
     * ExecutionReport CANCELLED, numbering what it sends from 1. Runs on its own thread with a blocking socket until
     * the client closes the connection.
     */
    static final class ExecutionServer implements Runnable
    {
        private final SocketChannel peer;
        private final ByteBuffer inbound = ByteBuffer.allocateDirect(64 * 1024);
        private final UnsafeBuffer inboundBuffer = new UnsafeBuffer(inbound);
        private final ByteBuffer outbound = ByteBuffer.allocateDirect(256 * 1024);
        private final UnsafeBuffer outboundBuffer = new UnsafeBuffer(outbound);
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
        private final CancelOrderDecoder cancelOrderDecoder = new CancelOrderDecoder();
        private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        private final LogonAcceptedEncoder logonAcceptedEncoder = new LogonAcceptedEncoder();
        private final ExecutionReportEncoder reportEncoder = new ExecutionReportEncoder();
        private long seqNum = 1;
        private long nextOrderId = 1;
        volatile Throwable failure;

        ExecutionServer(final SocketChannel peer)
        {
            this.peer = peer;
        }

        public void run()
        {
            try
            {
                peer.configureBlocking(true);
                while (peer.read(inbound) >= 0)
                {
                    inbound.flip();
                    answerWholeFrames();
                    inbound.compact();
                    writeAll();
                }
            }
            catch (final IOException ex)
            {
                // The client closed the connection: the end of the test.
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            finally
            {
                CloseHelper.quietClose(peer);
            }
        }

        private void answerWholeFrames()
        {
            while (inbound.remaining() >= SofhFlyweight.HEADER_LENGTH)
            {
                final int offset = inbound.position();
                final int length = (int)SofhFlyweight.messageLength(inboundBuffer, offset);
                if (inbound.remaining() < length)
                {
                    return;
                }

                headerDecoder.wrap(inboundBuffer, offset + ServerFrames.SBE_HEADER_OFFSET);
                final int bodyOffset = offset + ServerFrames.BODY_OFFSET;
                switch (headerDecoder.templateId())
                {
                    case LogonDecoder.TEMPLATE_ID:
                        logonAcceptedEncoder.wrapAndApplyHeader(outboundBuffer, claim(), headerEncoder)
                            .seqNum(0).sessionId(1).accountId(1).heartbeatIntervalMs(60_000).instrumentCount(0)
                            .nextSeqNum(seqNum).replayFromSeqNum(0);
                        commit(logonAcceptedEncoder.encodedLength());
                        break;

                    case NewOrderDecoder.TEMPLATE_ID:
                        newOrderDecoder.wrap(
                            inboundBuffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                        report(nextOrderId++, newOrderDecoder.clOrdId(), ExecType.NEW, CancelReason.NONE);
                        break;

                    case CancelOrderDecoder.TEMPLATE_ID:
                        cancelOrderDecoder.wrap(
                            inboundBuffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
                        report(cancelOrderDecoder.orderId(), 0, ExecType.CANCELLED, CancelReason.CLIENT_REQUEST);
                        break;

                    default:
                        break;
                }
                inbound.position(offset + length);
            }
        }

        private void report(
            final long orderId, final long clOrdId, final ExecType execType, final CancelReason cancelReason)
        {
            reportEncoder.wrapAndApplyHeader(outboundBuffer, claim(), headerEncoder)
                .seqNum(seqNum++)
                .transactTime(System.nanoTime())
                .orderId(orderId)
                .clOrdId(clOrdId)
                .instrumentId(1)
                .execType(execType)
                .side(io.matchpoint.codec.sbe.Side.BUY)
                .ordType(OrdType.LIMIT)
                .timeInForce(io.matchpoint.codec.sbe.TimeInForce.GTC)
                .price(10_125)
                .quantity(10)
                .leavesQuantity(ExecType.NEW == execType ? 10 : 0)
                .tradeId(0)
                .liquidity(Liquidity.NONE)
                .rejectReason(RejectReason.NONE)
                .cancelReason(cancelReason)
                .priorityKept(BooleanType.FALSE);
            commit(reportEncoder.encodedLength());
        }

        private int claim()
        {
            return outbound.position() + ServerFrames.SBE_HEADER_OFFSET;
        }

        private void commit(final int bodyLength)
        {
            final int sbeLength = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
            SofhFlyweight.wrapSbe(outboundBuffer, outbound.position(), sbeLength);
            outbound.position(outbound.position() + SofhFlyweight.HEADER_LENGTH + sbeLength);
        }

        private void writeAll() throws IOException
        {
            outbound.flip();
            while (outbound.hasRemaining())
            {
                peer.write(outbound);
            }
            outbound.clear();
        }
    }
}
