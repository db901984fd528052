package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * The session agent alone, driven by the test: each {@link #cycle()} is one duty cycle (its read step, then its write
 * step) at the test's own time ({@link #advance}); what it put on the inbound ring is read back, and what it answered
 * the clients directly is read from their sockets ({@link #drain}). The pipeline is not started, so nothing consumes
 * the ring, no event comes back but the LogonAccepted the test gives ({@link #loggedOn}), and no thread runs. Clients
 * are real sockets.
 */
final class GatewayHarness implements AutoCloseable
{
    private final List<RawClient> clients = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandPublisher publisher;
    private final SessionSender writeStep;
    private final GatewayAgent gateway;
    private final EventSlot event = new EventSlot();
    private final UnsafeBuffer eventBuffer = new UnsafeBuffer(new byte[256]);
    private final long ringBase;
    private long ringRead;
    private long nowNs = TimeUnit.SECONDS.toNanos(1_000);
    private long eventSequence;

    GatewayHarness(final GatewayContext context) throws IOException
    {
        final Pipeline pipeline = new Pipeline(TestServers.pipelineContext().threadingMode(ThreadingMode.INVOKER)
            .sender((slot, sequence, endOfBatch) -> { }));
        publisher = pipeline.commandPublisher();
        writeStep = new SessionSender(context, () -> nowNs, null);
        gateway = new GatewayAgent(context, publisher, writeStep);
        gateway.open();
        ringBase = publisher.nextSequence(); // the global sequence of ring slot 0
        ringRead = ringBase;
    }

    void advance(final long ns)
    {
        nowNs += ns;
    }

    void cycle() throws IOException
    {
        gateway.doWork(nowNs);
        writeStep.onIdleTurn();
    }

    /**
     * @return how many commands the gateway has put on the ring in all.
     */
    long published()
    {
        return publisher.nextSequence() - ringBase;
    }

    RawClient connect(final InetAddress from) throws IOException
    {
        final RawClient client = new RawClient(gateway.localAddress(), 0, from);
        clients.add(client);
        return client;
    }

    /**
     * Logs on (30 s heartbeat interval), then gives the write step the engine's LogonAccepted, as the outbound ring
     * would.
     */
    RawClient loggedOn(final String account, final InetAddress from) throws IOException
    {
        return loggedOn(account, from, 30_000);
    }

    RawClient loggedOn(final String account, final InetAddress from, final int heartbeatIntervalMs)
        throws IOException
    {
        final RawClient client = connect(from);
        client.logon(account, account + "-pw", false, heartbeatIntervalMs);
        final Ring ring = drain(1);
        assertEquals(1, ring.opened, account + "'s logon reached the ring");
        final LogonAcceptedEncoder accepted = new LogonAcceptedEncoder()
            .wrapAndApplyHeader(eventBuffer, 0, new MessageHeaderEncoder())
            .seqNum(0)
            .sessionId(ring.lastSessionId)
            .accountId(ring.lastAccountId)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .instrumentCount(0)
            .nextSeqNum(1)
            .replayFromSeqNum(0);
        event.load(++eventSequence, 0, nowNs, EventSlot.TARGET_SESSION, ring.lastSessionId, eventBuffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + accepted.encodedLength());
        writeStep.onEvent(event, eventSequence, true);
        cycle();
        client.expect(LogonAcceptedDecoder.TEMPLATE_ID);
        return client;
    }

    /**
     * Runs duty cycles (at the current time) until this many more commands are on the ring and answers at the
     * clients together, or 10 s pass, then a few more, and counts what arrived by kind.
     */
    Ring drain(final int expected) throws IOException
    {
        final Ring ring = new Ring();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ring.total() < expected && System.nanoTime() < deadlineNs)
        {
            cycle();
            collect(ring);
        }
        for (int i = 0; i < 3; i++)
        {
            cycle(); // and a few more: anything beyond the expected shows up in the counts
            collect(ring);
        }
        return ring;
    }

    private void collect(final Ring ring) throws IOException
    {
        for (final RawClient client : clients)
        {
            while (!client.isClosed() && client.available() > 0)
            {
                final UnsafeBuffer message = client.read();
                switch (header.wrap(message, 0).templateId())
                {
                    case ThrottleRejectDecoder.TEMPLATE_ID ->
                    {
                        ring.throttled++;
                        ring.lastMaxMessages = (int)new ThrottleRejectDecoder().wrap(message,
                            MessageHeaderDecoder.ENCODED_LENGTH, ThrottleRejectDecoder.BLOCK_LENGTH, 0).maxMessages();
                    }
                    case HeartbeatDecoder.TEMPLATE_ID -> { }
                    default -> ring.answers++;
                }
            }
        }
        for (; ringRead < publisher.nextSequence(); ringRead++)
        {
            final MutableDirectBuffer buffer = publisher.slot(ringRead - ringBase).buffer();
            switch (header.wrap(buffer, 0).templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID -> ring.orders++;
                case SessionOpenedDecoder.TEMPLATE_ID ->
                {
                    ring.opened++;
                    final SessionOpenedDecoder opened = new SessionOpenedDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, SessionOpenedDecoder.BLOCK_LENGTH, 0);
                    ring.lastSessionId = opened.sessionId();
                    ring.lastAccountId = opened.accountId();
                }
                case SessionClosedDecoder.TEMPLATE_ID ->
                {
                    ring.closed++;
                    ring.lastCloseReason = new SessionClosedDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, SessionClosedDecoder.BLOCK_LENGTH, 0).reason().name();
                }
                default -> ring.others++;
            }
        }
    }

    /**
     * Runs duty cycles until the gateway's direct answer has reached the client (or 10 s pass), then reads it.
     */
    UnsafeBuffer answer(final RawClient client, final int templateId) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.available() == 0 && System.nanoTime() < deadlineNs)
        {
            cycle();
        }
        return client.expect(templateId);
    }

    LogonRejectedDecoder logonRejected(final RawClient client) throws IOException
    {
        return new LogonRejectedDecoder().wrap(answer(client, LogonRejectedDecoder.TEMPLATE_ID),
            MessageHeaderDecoder.ENCODED_LENGTH, LogonRejectedDecoder.BLOCK_LENGTH, 0);
    }

    SessionRejectDecoder sessionReject(final RawClient client) throws IOException
    {
        return new SessionRejectDecoder().wrap(answer(client, SessionRejectDecoder.TEMPLATE_ID),
            MessageHeaderDecoder.ENCODED_LENGTH, SessionRejectDecoder.BLOCK_LENGTH, 0);
    }

    public void close()
    {
        clients.forEach(CloseHelper::quietClose);
        gateway.onClose();
    }

    /**
     * What the session agent put on the ring since the last {@link #drain}, by kind, and what it answered the clients
     * directly (throttle rejects, and the rest as answers; heartbeats not counted).
     */
    static final class Ring
    {
        int orders;
        int throttled;
        int answers;
        int opened;
        int closed;
        int others;
        int lastMaxMessages;
        long lastSessionId;
        long lastAccountId;
        String lastCloseReason;

        int total()
        {
            return orders + throttled + answers + opened + closed + others;
        }

        @Override
        public String toString()
        {
            return "orders=" + orders + " throttled=" + throttled + " answers=" + answers + " opened=" + opened +
                " closed=" + closed + " others=" + others + " lastMaxMessages=" + lastMaxMessages +
                " lastCloseReason=" + lastCloseReason;
        }
    }
}
