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

import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * The gateway agent alone, driven by the test: each {@link #cycle()} is one duty cycle at the test's own time
 * ({@link #advance}), and what the gateway put on the inbound ring is read back ({@link #drain}); the pipeline is not
 * started, so nothing consumes the ring and no thread runs. Clients are real sockets.
 */
final class GatewayHarness implements AutoCloseable
{
    private final List<RawClient> clients = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandPublisher publisher;
    private final SessionHandoff handoff;
    private final GatewayAgent gateway;
    private final long ringBase;
    private long ringRead;
    private long nowNs = TimeUnit.SECONDS.toNanos(1_000);

    GatewayHarness(final GatewayContext context) throws IOException
    {
        final Pipeline pipeline = new Pipeline(TestServers.pipelineContext().threadingMode(ThreadingMode.INVOKER)
            .sender((slot, sequence, endOfBatch) -> { }));
        publisher = pipeline.commandPublisher();
        handoff = new SessionHandoff(context.maxSessions());
        gateway = new GatewayAgent(context, publisher, handoff);
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
     * Logs on (30 s heartbeat interval), then tells the gateway the engine accepted it, as the sender would on the
     * engine's LogonAccepted.
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
        handoff.accept(ring.lastSessionSlot);
        cycle();
        return client;
    }

    /**
     * Runs duty cycles (at the current time) until this many more commands are on the ring, or 10 s pass, then a few
     * more, and counts what arrived by kind.
     */
    Ring drain(final int expected) throws IOException
    {
        final long target = ringRead + expected;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.nextSequence() < target && System.nanoTime() < deadlineNs)
        {
            cycle();
        }
        for (int i = 0; i < 3; i++)
        {
            cycle(); // and a few more: anything beyond the expected shows up in the counts
        }
        final Ring ring = new Ring();
        for (; ringRead < publisher.nextSequence(); ringRead++)
        {
            final MutableDirectBuffer buffer = publisher.slot(ringRead - ringBase).buffer();
            switch (header.wrap(buffer, 0).templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID -> ring.orders++;
                case ThrottleRejectDecoder.TEMPLATE_ID ->
                {
                    ring.throttled++;
                    ring.lastMaxMessages = (int)new ThrottleRejectDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, ThrottleRejectDecoder.BLOCK_LENGTH, 0).maxMessages();
                }
                case SessionOpenedDecoder.TEMPLATE_ID ->
                {
                    ring.opened++;
                    ring.lastSessionSlot = SessionIds.slot(new SessionOpenedDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, SessionOpenedDecoder.BLOCK_LENGTH, 0).sessionId());
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
        return ring;
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
     * What the gateway put on the ring since the last {@link #drain}, by kind.
     */
    static final class Ring
    {
        int orders;
        int throttled;
        int opened;
        int closed;
        int others;
        int lastMaxMessages;
        int lastSessionSlot;
        String lastCloseReason;

        @Override
        public String toString()
        {
            return "orders=" + orders + " throttled=" + throttled + " opened=" + opened + " closed=" + closed +
                " others=" + others + " lastMaxMessages=" + lastMaxMessages + " lastCloseReason=" + lastCloseReason;
        }
    }
}
