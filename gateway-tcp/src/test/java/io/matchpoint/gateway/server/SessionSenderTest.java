package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * The sender's duty cycle on the test's clock, fed events by the test as the outbound ring would, writing to a real
 * socket: heartbeats when it has sent nothing for an interval (and not before), and a reader too slow for its bounded
 * buffer dropped as a slow consumer without the sender waiting.
 */
class SessionSenderTest
{
    private static final long SESSION_ID = SessionIds.sessionId(7, 0);
    private static final long ACCOUNT = 1;
    private static final int HEARTBEAT_MS = 1_000;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
    private final EventSlot slot = new EventSlot();
    private ServerSocketChannel listener;
    private SocketChannel serverSide;
    private Socket client;
    private SessionSender sender;
    private long eventSequence;

    @BeforeEach
    void connect() throws IOException
    {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        client = new Socket();
        client.setReceiveBufferSize(4096); // a small window, so a reader that stops reading fills it soon
        client.connect(listener.getLocalAddress(), 5_000);
        client.setSoTimeout(5_000);
        serverSide = listener.accept();
        serverSide.configureBlocking(false);
        serverSide.setOption(StandardSocketOptions.SO_SNDBUF, 4096); // as the gateway can configure it
        clock.update(TimeUnit.SECONDS.toNanos(1_000));
    }

    @AfterEach
    void close()
    {
        CloseHelper.quietCloseAll(client, serverSide, listener);
    }

    private void start(final GatewayContext context)
    {
        sender = new SessionSender(context, clock, null);
        // as the read step leaves a session it has published the logon of
        final Session session = sender.sessions()[0];
        session.channel = serverSide;
        session.state = Session.ACTIVE;
        session.sessionId = SESSION_ID;
        session.accountId = ACCOUNT;
        session.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS);
        session.held = true;
        final LogonAcceptedEncoder accepted = new LogonAcceptedEncoder();
        accepted.wrapAndApplyHeader(message, 0, headerEncoder).seqNum(0).sessionId(SESSION_ID).accountId(ACCOUNT)
            .heartbeatIntervalMs(HEARTBEAT_MS).instrumentCount(0).nextSeqNum(1).replayFromSeqNum(0);
        send(EventSlot.TARGET_SESSION, SESSION_ID, MessageHeaderEncoder.ENCODED_LENGTH + accepted.encodedLength());
        assertTrue(session.engineAccepted, "the read step is told to read the session's commands");
        session.engineAccepted = false; // as the read step takes the notice
        sender.noticesTaken();
    }

    private void send(final byte targetKind, final long targetId, final int length)
    {
        slot.load(++eventSequence, eventSequence, clock.nanoTime(), targetKind, targetId, message, 0, length);
        sender.onEvent(slot, eventSequence, true);
    }

    @Test
    void shouldHeartbeatASessionItHasSentNothingToForAnIntervalAndNotBefore() throws IOException
    {
        start(TestServers.gatewayContext());
        final DataInputStream in = new DataInputStream(client.getInputStream());
        assertEquals(LogonAcceptedDecoder.TEMPLATE_ID, readTemplate(in));

        clock.advance(TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS) - 1);
        sender.onIdleTurn();
        sender.onIdleTurn();
        assertEquals(0, client.getInputStream().available(), "a nanosecond before the interval: nothing");

        clock.advance(TimeUnit.MILLISECONDS.toNanos(10)); // past the interval and the sender's 5 ms housekeeping
        sender.onIdleTurn();
        sender.onIdleTurn(); // the heartbeat is appended, then written
        assertEquals(HeartbeatDecoder.TEMPLATE_ID, readTemplate(in));
    }

    @Test
    void shouldDropAReaderTooSlowForItsBufferWithoutWaiting() throws IOException
    {
        start(TestServers.gatewayContext().sessionOutboundBufferBytes(16 * 1024));
        final ExecutionReportEncoder report = new ExecutionReportEncoder();
        int sent = 0;
        while (sender.notices() == 0 && sent < 100_000) // the client reads nothing
        {
            report.wrapAndApplyHeader(message, 0, headerEncoder).seqNum(sent + 1).orderId(sent + 1)
                .execType(ExecType.NEW);
            send(EventSlot.TARGET_ACCOUNT, ACCOUNT, MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength());
            sent++;
        }

        assertEquals(1, sender.notices(), "dropped after " + sent + " reports");
        assertEquals(LogoutReason.SLOW_CONSUMER.value(), sender.sessions()[0].endRequest,
            "the read step is asked to end it, so that cancel-on-disconnect applies");
        assertEquals(1, sender.slowReadersDropped());
        assertTrue(sent < 10_000, "soon: the buffer and the socket's windows hold a few hundred, " + sent);
    }

    private static int readTemplate(final DataInputStream in) throws IOException
    {
        final byte[] sofh = new byte[SofhFlyweight.HEADER_LENGTH];
        in.readFully(sofh);
        final byte[] body = new byte[(int)SofhFlyweight.messageLength(new UnsafeBuffer(sofh), 0) - sofh.length];
        in.readFully(body);
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(body), 0).templateId();
    }
}
