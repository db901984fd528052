package io.matchpoint.client;

import static io.matchpoint.client.ServerFrames.logonAccepted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

class MatchpointClientHeartbeatTest
{
    private final CachedNanoClock clock = new CachedNanoClock();
    private final RecordingListener listener = new RecordingListener();
    private FakeServer server;
    private MatchpointClient client;

    @BeforeEach
    void setUp() throws IOException
    {
        server = new FakeServer();
        client = MatchpointClient.connect(server.host(), server.port(), FakeServer.TIMEOUT_MS, clock,
            MatchpointClient.DEFAULT_OUTBOUND_BUFFER_LENGTH);
        server.accept();
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(client, server);
    }

    @Test
    void shouldSendHeartbeatWhenNothingWasSentForOneInterval() throws IOException
    {
        client.logon("alice", "pw", true, 1_000);
        server.readFrame();

        pollAt(999);
        assertEquals(2, client.nextSeqNum(), "no heartbeat before the interval");

        pollAt(1_000);
        assertEquals(3, client.nextSeqNum());
        final DirectBuffer heartbeat = server.readFrame();
        assertEquals(HeartbeatDecoder.TEMPLATE_ID, ServerFrames.templateId(heartbeat));
        assertEquals(2, ServerFrames.seqNum(heartbeat));
    }

    @Test
    void shouldCountTheIntervalFromTheLastMessageSent()
    {
        client.logon("alice", "pw", true, 1_000);
        clock.update(ms(600));
        client.newOrder(1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false,
            SelfTradePrevention.CANCEL_TAKER);

        pollAt(1_599);
        assertEquals(3, client.nextSeqNum(), "no heartbeat within an interval of the order");

        pollAt(1_600);
        assertEquals(4, client.nextSeqNum());
    }

    @Test
    void shouldUseTheHeartbeatIntervalTheServerConfirms() throws IOException
    {
        client.logon("alice", "pw", true, 1_000);
        server.write(logonAccepted(7, 3, 500, 0));
        FakeServer.pollUntil(client, listener, client::isLoggedOn, "the logon");

        pollAt(500);

        assertEquals(500, client.heartbeatIntervalMs());
        assertEquals(3, client.nextSeqNum());
    }

    @Test
    void shouldSendNoHeartbeatBeforeTheLogon()
    {
        pollAt(60_000);

        assertEquals(1, client.nextSeqNum());
        assertTrue(client.isConnected());
    }

    @Test
    void shouldDisconnectWhenServerIsSilentForThreeIntervals()
    {
        client.logon("alice", "pw", true, 1_000);

        pollAt(2_999);
        assertTrue(client.isConnected());

        pollAt(3_000);
        assertFalse(client.isConnected());
        assertEquals(List.of("disconnected nothing from the server for 3000 ms (heartbeat interval 1000 ms)"),
            listener.events);
    }

    @Test
    void shouldStayConnectedWhileTheServerSendsHeartbeats() throws IOException
    {
        client.logon("alice", "pw", true, 1_000);

        for (int i = 1; i <= 5; i++)
        {
            server.write(ServerFrames.heartbeat());
            final int expectedHeartbeats = i;
            FakeServer.pollUntil(
                client, listener, () -> listener.events.size() == expectedHeartbeats, "heartbeat " + i);
            pollAt(i * 2_000L);
        }

        assertTrue(client.isConnected());
    }

    private void pollAt(final long millis)
    {
        clock.update(ms(millis));
        client.poll(listener);
    }

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
