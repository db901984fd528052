package io.matchpoint.client;

import static io.matchpoint.client.FakeServer.pollUntil;
import static io.matchpoint.client.ServerFrames.concat;
import static io.matchpoint.client.ServerFrames.executionReport;
import static io.matchpoint.client.ServerFrames.frame;
import static io.matchpoint.client.ServerFrames.heartbeat;
import static io.matchpoint.client.ServerFrames.instrument;
import static io.matchpoint.client.ServerFrames.logonAccepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedEncoder;
import io.matchpoint.codec.sbe.LogoutEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SessionRejectEncoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.ThrottleRejectEncoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateEncoder;

class MatchpointClientReceiveTest
{
    private final RecordingListener listener = new RecordingListener();
    private FakeServer server;
    private MatchpointClient client;

    @BeforeEach
    void setUp() throws IOException
    {
        server = new FakeServer();
        client = MatchpointClient.connect(server.host(), server.port(), FakeServer.TIMEOUT_MS);
        server.accept();
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(client, server);
    }

    @Test
    void shouldDeliverLogonAcceptedAndInstrumentsToListenerAndCache() throws IOException
    {
        client.logon("alice", "secret", true, 1_000);
        server.readFrame();
        server.write(concat(
            logonAccepted(7, 3, 1_000, 2), instrument(1, "DEMO1", false), instrument(2, "DEMO2", true)));

        final LogonResult result = client.awaitLogon(listener, FakeServer.TIMEOUT_MS);

        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        assertEquals(7, result.sessionId());
        assertEquals(3, result.accountId());
        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=2",
            "instrument 1 DEMO1",
            "instrument 2 DEMO2 HALTED"), listener.events);
        final ClientInstrument demo1 = new ClientInstrument(1, "DEMO1", 2, 5, 10, 10, 1_000_000, 9_000, 11_000, false);
        assertEquals(demo1, client.instrument("DEMO1"));
        assertEquals(demo1, client.instrumentById(1));
        assertTrue(client.instrumentById(2).halted());
        assertEquals(List.of(demo1, client.instrument("DEMO2")), client.instruments());
        assertEquals(7, client.sessionId());
        assertEquals(3, client.accountId());
        assertTrue(client.isLoggedOn());
    }

    @Test
    void shouldTimeOutLogonWhileAnnouncedInstrumentsAreMissing() throws IOException
    {
        client.logon("alice", "secret", true, 1_000);
        server.write(concat(logonAccepted(7, 3, 1_000, 2), instrument(1, "DEMO1", false)));

        final LogonResult result = client.awaitLogon(listener, 200);

        assertEquals(LogonResult.Outcome.TIMED_OUT, result.outcome());
        assertEquals("accepted, but 1 of 2 instrument definitions after 200 ms", result.detail());
        assertTrue(client.isConnected());
    }

    @Test
    void shouldReturnRejectedLogonResultWithReasonAndRetryAfter() throws IOException
    {
        client.logon("alice", "wrong", true, 1_000);
        server.write(frame(new LogonRejectedEncoder(), e -> e
            .seqNum(0).reason(LogonRejectReason.LOCKED_OUT).retryAfterMs(30_000)));
        server.closePeer();

        final LogonResult result = client.awaitLogon(listener, FakeServer.TIMEOUT_MS);

        assertEquals(LogonResult.Outcome.REJECTED, result.outcome());
        assertEquals(LogonRejectReason.LOCKED_OUT, result.rejectReason());
        assertEquals(30_000, result.retryAfterMs());
        assertEquals("logonRejected LOCKED_OUT retryAfter=30000", listener.events.get(0));
        assertFalse(client.isLoggedOn());
    }

    @Test
    void shouldStayLoggedOnWhenASecondLogonIsRefusedAsAlreadyLoggedOn() throws IOException
    {
        client.logon("alice", "secret", true, 1_000);
        server.write(logonAccepted(7, 3, 1_000, 0));
        assertEquals(LogonResult.Outcome.ACCEPTED, client.awaitLogon(listener, FakeServer.TIMEOUT_MS).outcome());

        server.write(frame(new LogonRejectedEncoder(), e -> e
            .seqNum(0).reason(LogonRejectReason.ALREADY_LOGGED_ON).retryAfterMs(0)));
        pollUntil(client, listener, () -> listener.events.size() == 2, "the refusal");

        assertEquals("logonRejected ALREADY_LOGGED_ON retryAfter=0", listener.events.get(1));
        assertTrue(client.isLoggedOn(), "the refusal was of the second logon, not of the session");
        assertEquals(7, client.sessionId());
    }

    @Test
    void shouldDispatchSeveralFramesArrivingInOneRead() throws IOException
    {
        server.write(concat(
            logonAccepted(7, 3, 1_000, 0), heartbeat(), executionReport(1, 42, 1, ExecType.NEW), heartbeat()));

        int handled = 0;
        final long deadlineNs = FakeServer.deadlineNs();
        while (0 == handled)
        {
            handled = client.poll(listener);
            FakeServer.checkDeadline(deadlineNs, "frames");
        }

        assertEquals(4, handled, "all four frames from the one read");
        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "heartbeat seq=0",
            "exec seq=1 NEW order=42 clOrd=1",
            "heartbeat seq=0"), listener.events);
    }

    @Test
    void shouldReassembleFramesSplitAcrossReadsByteByByte() throws IOException
    {
        final byte[] bytes = concat(executionReport(0, 42, 1, ExecType.NEW), heartbeat());
        final int firstFrameLength = bytes.length - heartbeat().length;

        for (int i = 0; i < bytes.length; i++)
        {
            server.write(new byte[]{ bytes[i] });
            final int received = i + 1;
            final boolean secondWhole = received == bytes.length;
            final int buffered = received < firstFrameLength ? received : received - firstFrameLength;
            final int expectedBuffered = secondWhole ? 0 : buffered;
            pollUntil(client, listener, () -> client.inboundBufferedBytes() == expectedBuffered, "byte " + i);
            final int whole = (received >= firstFrameLength ? 1 : 0) + (secondWhole ? 1 : 0);
            assertEquals(whole, listener.events.size(), "messages after byte " + i);
        }

        assertEquals(List.of("exec seq=0 NEW order=42 clOrd=1", "heartbeat seq=0"), listener.events);
    }

    @Test
    void shouldReportProtocolErrorAndDisconnectOnSequenceGap() throws IOException
    {
        server.write(concat(logonAccepted(7, 3, 1_000, 0), executionReport(1, 42, 1, ExecType.NEW),
            executionReport(3, 43, 2, ExecType.NEW)));

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "exec seq=1 NEW order=42 clOrd=1",
            "protocolError gap in the account's sequence numbers: received 3 for template 34 after 1",
            "disconnected protocol error: gap in the account's sequence numbers: received 3 for template 34 after 1"),
            listener.events);
    }

    @Test
    void shouldDeliverARepeatedSequenceNumberOnlyOnce() throws IOException
    {
        server.write(concat(logonAccepted(7, 3, 1_000, 0), executionReport(1, 42, 1, ExecType.NEW),
            executionReport(2, 43, 2, ExecType.NEW), executionReport(2, 43, 2, ExecType.NEW), heartbeat()));

        pollUntil(client, listener, () -> listener.count("heartbeat") == 1, "the heartbeat");

        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "exec seq=1 NEW order=42 clOrd=1",
            "exec seq=2 NEW order=43 clOrd=2",
            "heartbeat seq=0"), listener.events);
        assertTrue(client.isConnected());
        assertEquals(2, client.lastSeqNum());
    }

    @Test
    void shouldReportProtocolErrorAndDisconnectOnBadEncodingType() throws IOException
    {
        final byte[] frame = heartbeat();
        frame[5] = 0x51;
        server.write(frame);

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(List.of(
            "protocolError bad encoding type 0xeb51 (expected 0xeb50) after account seqNum none",
            "disconnected protocol error: bad encoding type 0xeb51 (expected 0xeb50) after account seqNum none"),
            listener.events);
    }

    @Test
    void shouldReportProtocolErrorOnFrameLengthAboveTheLimit() throws IOException
    {
        final byte[] frame = heartbeat();
        frame[3] = (byte)(MessageLimits.MAX_FRAME_LENGTH + 1);
        server.write(frame);

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(
            "protocolError bad frame length 135 (expected 22 to 134) after account seqNum none", listener.events.get(0));
        assertEquals(1, listener.count("disconnected"));
    }

    @Test
    void shouldReportProtocolErrorOnForeignSchemaId() throws IOException
    {
        final byte[] frame = heartbeat();
        frame[ServerFrames.SBE_HEADER_OFFSET + 4] = 1;
        frame[ServerFrames.SBE_HEADER_OFFSET + 5] = 0;
        server.write(frame);

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals("protocolError bad schema id 1 (expected 7400)", listener.events.get(0));
    }

    @Test
    void shouldReportProtocolErrorOnTemplateOnlyClientsSend() throws IOException
    {
        server.write(frame(new NewOrderEncoder(), e -> e.seqNum(1)));

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals("protocolError template 10 is never sent by a server", listener.events.get(0));
    }

    @Test
    void shouldReportProtocolErrorOnBlockLengthTooShortForTheTemplate() throws IOException
    {
        final byte[] frame = executionReport(1, 42, 1, ExecType.NEW);
        frame[ServerFrames.SBE_HEADER_OFFSET] = 8;
        server.write(frame);

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(
            "protocolError bad block length 8 for template 34 in a frame of 106 bytes (at least 92)",
            listener.events.get(0));
    }

    @Test
    void shouldDeliverTheShorterExecutionReportOfAServerOnSchemaVersionZero() throws IOException
    {
        server.write(concat(logonAccepted(7, 3, 1_000, 0),
            ServerFrames.versionZeroExecutionReport(1, 42, 1, ExecType.NEW), heartbeat()));

        pollUntil(client, listener, () -> listener.count("heartbeat") == 1, "the heartbeat");

        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "exec seq=1 NEW order=42 clOrd=1",
            "heartbeat seq=0"), listener.events);
        assertTrue(client.isConnected());
    }

    @Test
    void shouldDeliverAStopsTriggeredReportBeforeItsTradeAsAnyExecutionReport() throws IOException
    {
        server.write(concat(logonAccepted(7, 3, 1_000, 0),
            ServerFrames.executionReport(1, 42, 1, ExecType.TRIGGERED),
            ServerFrames.executionReport(2, 42, 1, ExecType.TRADE), heartbeat()));

        pollUntil(client, listener, () -> listener.count("heartbeat") == 1, "the heartbeat");

        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "exec seq=1 TRIGGERED order=42 clOrd=1",
            "exec seq=2 TRADE order=42 clOrd=1",
            "heartbeat seq=0"), listener.events);
    }

    @Test
    void shouldSkipUnknownSessionTemplateButCountItsSequenceNumber() throws IOException
    {
        final byte[] unknown = heartbeat();
        unknown[ServerFrames.SBE_HEADER_OFFSET + 2] = 49; // a server template a later version may add
        server.write(concat(unknown, heartbeat()));

        pollUntil(client, listener, () -> !listener.events.isEmpty(), "the heartbeat");

        assertEquals(List.of("heartbeat seq=0"), listener.events);
        assertTrue(client.isConnected());
    }

    @Test
    void shouldDispatchEachServerMessageToItsCallback() throws IOException
    {
        server.write(concat(
            logonAccepted(7, 3, 1_000, 0),
            frame(new CancelRejectEncoder(), e -> e
                .seqNum(1).orderId(99).clOrdId(5).responseTo(CancelRejectResponseTo.CANCEL)
                .reason(RejectReason.UNKNOWN_ORDER)),
            frame(new MassCancelReportEncoder(), e -> e
                .seqNum(2).instrumentId(-1).cancelledCount(3).reason(CancelReason.MASS_CANCEL)),
            frame(new TradingStatusUpdateEncoder(), e -> e
                .seqNum(0).instrumentId(1).status(TradingStatus.HALTED)),
            frame(new SessionRejectEncoder(), e -> e
                .seqNum(0).reason(SessionRejectReason.UNKNOWN_TEMPLATE).refSeqNum(9).refTemplateId(77)),
            frame(new ThrottleRejectEncoder(), e -> e
                .seqNum(0).refSeqNum(12).refTemplateId(10).maxMessages(100).windowMs(1_000)),
            frame(new BusinessRejectEncoder(), e -> e
                .seqNum(0).refTemplateId(14).instrumentId(1).reason(RejectReason.NOT_PERMITTED))));

        pollUntil(client, listener, () -> listener.events.size() == 7, "seven messages");

        assertEquals(List.of(
            "logonAccepted session=7 account=3 heartbeat=1000 instruments=0",
            "cancelReject seq=1 order=99 UNKNOWN_ORDER",
            "massCancel seq=2 cancelled=3",
            "status seq=0 1 HALTED",
            "sessionReject seq=0 UNKNOWN_TEMPLATE",
            "throttleReject seq=0 ref=12",
            "businessReject seq=0 NOT_PERMITTED"), listener.events);
    }

    @Test
    void shouldMarkCachedInstrumentHaltedOnTradingStatusUpdate() throws IOException
    {
        server.write(concat(
            instrument(1, "DEMO1", false),
            frame(new TradingStatusUpdateEncoder(), e -> e.seqNum(0).instrumentId(1).status(TradingStatus.HALTED))));

        pollUntil(client, listener, () -> listener.events.size() == 2, "two messages");

        assertTrue(client.instrument("DEMO1").halted());
        assertTrue(client.instrumentById(1).halted());
    }

    @Test
    void shouldForgetOldSymbolWhenInstrumentIsRedefined() throws IOException
    {
        server.write(concat(instrument(1, "OLD", false), instrument(1, "NEW", false)));

        pollUntil(client, listener, () -> listener.events.size() == 2, "two definitions");

        assertNull(client.instrument("OLD"));
        assertEquals("NEW", client.instrumentById(1).symbol());
    }

    @Test
    void shouldReportDisconnectedOnceOnEndOfStream()
    {
        server.closePeer();

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");
        for (int i = 0; i < 10; i++)
        {
            client.poll(listener);
        }

        assertEquals(List.of("disconnected end of stream: the server closed the connection"), listener.events);
    }

    @Test
    void shouldReturnNotConnectedFromSendsAfterDisconnect()
    {
        server.closePeer();
        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(MatchpointClient.NOT_CONNECTED, client.heartbeat());
        assertEquals(MatchpointClient.NOT_CONNECTED, client.cancelOrder(1));
    }

    @Test
    void shouldDeliverServerLogoutReasonBeforeTheDisconnect() throws IOException
    {
        server.write(frame(new LogoutEncoder(), e -> e.seqNum(0).reason(LogoutReason.SERVER_SHUTDOWN)));
        server.closePeer();

        pollUntil(client, listener, () -> !client.isConnected(), "the disconnect");

        assertEquals(List.of(
            "logout SERVER_SHUTDOWN",
            "disconnected end of stream: the server closed the connection"), listener.events);
    }

    @Test
    void shouldNotReportDisconnectAfterApplicationClose()
    {
        client.close();

        assertEquals(0, client.poll(listener));
        assertFalse(client.isConnected());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void shouldFailToConnectWhenNothingListens() throws IOException
    {
        final int port;
        try (ServerSocketChannel closed = ServerSocketChannel.open())
        {
            closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress)closed.getLocalAddress()).getPort();
        }

        assertThrows(IOException.class, () -> MatchpointClient.connect(server.host(), port, 1_000));
    }
}
