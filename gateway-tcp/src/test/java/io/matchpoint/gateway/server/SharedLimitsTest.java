package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * The limits sessions share (an account's and an IP address's message rate, and the logon rates), proven on the
 * gateway agent alone: the test calls its duty cycle with its own clock and reads what it put on the inbound ring
 * (the pipeline is not started, so nothing consumes it). Real sockets; connections from 127.0.0.2 look to the server
 * like another host. No sleeps: time passes only when the test moves its clock.
 */
class SharedLimitsTest
{
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
    private static final InetAddress OTHER_HOST = loopback(2);

    private final List<RawClient> clients = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private Pipeline pipeline;
    private CommandPublisher publisher;
    private SessionHandoff handoff;
    private GatewayAgent gateway;
    private long nowNs = TimeUnit.SECONDS.toNanos(1_000);
    private long ringBase;
    private long ringRead;

    private void start(final GatewayContext context) throws IOException
    {
        pipeline = new Pipeline(TestServers.pipelineContext().threadingMode(ThreadingMode.INVOKER)
            .sender((slot, sequence, endOfBatch) -> { }));
        publisher = pipeline.commandPublisher();
        handoff = new SessionHandoff(context.maxSessions());
        gateway = new GatewayAgent(context.throttleWindowNs(WINDOW_NS).logonRateWindowNs(WINDOW_NS), publisher, handoff);
        gateway.open();
        ringBase = publisher.nextSequence(); // the global sequence of ring slot 0
        ringRead = ringBase;
    }

    @AfterEach
    void stop()
    {
        clients.forEach(CloseHelper::quietClose);
        if (gateway != null)
        {
            gateway.onClose();
        }
    }

    @Test
    void shouldLimitAllSessionsOfAnAccountTogetherAndKeepTheLimitAcrossReconnects() throws IOException
    {
        start(TestServers.gatewayContext().accountThrottleMessages(10));
        final RawClient first = loggedOn("alice", null);
        final RawClient second = loggedOn("alice", null);
        final RawClient bob = loggedOn("bob", null);
        for (int i = 1; i <= 6; i++)
        {
            first.buy(i, 100, 1);
            second.buy(100 + i, 100, 1);
        }
        bob.buy(1, 100, 1);

        assertEquals(new Counts(11, 2, 10), drain(13), "alice's 10, bob's 1; alice's 11th and 12th throttled");

        first.close();
        final RawClient again = loggedOn("alice", null);
        again.buy(200, 100, 1);
        final Counts afterReconnect = drain(1);
        assertEquals(1, afterReconnect.throttled, "a new session of alice starts with alice's spent bucket");
        assertEquals(10, afterReconnect.lastMaxMessages, "the reject names the account's limit");

        nowNs += WINDOW_NS;
        again.buy(201, 100, 1);
        assertEquals(1, drain(1).orders, "a window later the bucket has refilled");
    }

    @Test
    void shouldLimitAllSessionsFromAnAddressTogetherAndNoOther() throws IOException
    {
        start(TestServers.gatewayContext().addressThrottleMessages(5));
        final RawClient alice = loggedOn("alice", null);
        final RawClient bob = loggedOn("bob", null);
        final RawClient carol = loggedOn("carol", OTHER_HOST);
        for (int i = 1; i <= 3; i++)
        {
            alice.buy(i, 100, 1);
            bob.buy(i, 100, 1);
        }
        for (int i = 1; i <= 5; i++)
        {
            carol.buy(i, 100, 1);
        }

        final Counts counts = drain(11);
        assertEquals(10, counts.orders, "five from 127.0.0.1 (alice and bob together) and carol's five");
        assertEquals(1, counts.throttled);
        assertEquals(5, counts.lastMaxMessages, "the reject names the address's limit");
    }

    @Test
    void shouldLimitLogonAttemptsFromAnAddressWhateverTheirOutcome() throws IOException
    {
        start(TestServers.gatewayContext().logonsPerAddress(2));
        try (RawClient guess = connect(null))
        {
            guess.logon("alice", "wrong", false);
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, logonRejected(guess).reason());
        }
        loggedOn("bob", null);
        try (RawClient third = connect(null))
        {
            third.logon("carol", "carol-pw", false);
            final LogonRejectedDecoder rejected = logonRejected(third);
            assertEquals(LogonRejectReason.LOCKED_OUT, rejected.reason());
            assertTrue(rejected.retryAfterMs() > 0 && rejected.retryAfterMs() <= 1_000, rejected.toString());
        }
        loggedOn("carol", OTHER_HOST); // another address has its own allowance

        nowNs += WINDOW_NS;
        loggedOn("carol", null);
    }

    @Test
    void shouldLimitLogonsOfAnAccountButNotCountFailedOnes() throws IOException
    {
        start(TestServers.gatewayContext().logonsPerAccount(1));
        for (int i = 0; i < 3; i++)
        {
            try (RawClient guesser = connect(OTHER_HOST))
            {
                guesser.logon("alice", "guess-" + i, false);
                assertEquals(LogonRejectReason.BAD_CREDENTIALS, logonRejected(guesser).reason());
            }
        }
        loggedOn("alice", null); // the guesses did not spend alice's allowance
        try (RawClient again = connect(null))
        {
            again.logon("alice", "alice-pw", false);
            assertEquals(LogonRejectReason.LOCKED_OUT, logonRejected(again).reason());
        }
        loggedOn("bob", null);

        nowNs += WINDOW_NS;
        loggedOn("alice", null);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private RawClient connect(final InetAddress from) throws IOException
    {
        final RawClient client = new RawClient(gateway.localAddress(), 0, from);
        clients.add(client);
        return client;
    }

    /**
     * Logs on, then tells the gateway the engine accepted it, as the sender would on the engine's LogonAccepted.
     */
    private RawClient loggedOn(final String account, final InetAddress from) throws IOException
    {
        final RawClient client = connect(from);
        client.logon(account, account + "-pw", false);
        final Counts counts = drain(1);
        assertEquals(1, counts.opened, account + "'s logon reached the ring");
        handoff.accept(counts.lastSessionSlot);
        cycle();
        return client;
    }

    private void cycle() throws IOException
    {
        gateway.doWork(nowNs);
    }

    /**
     * Runs duty cycles until this many more commands are on the ring (or 10 s pass), then counts them by kind.
     */
    private Counts drain(final int expected) throws IOException
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
        final Counts counts = new Counts(0, 0, 0);
        for (; ringRead < publisher.nextSequence(); ringRead++)
        {
            final MutableDirectBuffer buffer = publisher.slot(ringRead - ringBase).buffer();
            switch (header.wrap(buffer, 0).templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID -> counts.orders++;
                case ThrottleRejectDecoder.TEMPLATE_ID ->
                {
                    counts.throttled++;
                    counts.lastMaxMessages = (int)new ThrottleRejectDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, ThrottleRejectDecoder.BLOCK_LENGTH, 0).maxMessages();
                }
                case SessionOpenedDecoder.TEMPLATE_ID ->
                {
                    counts.opened++;
                    counts.lastSessionSlot = SessionIds.slot(new SessionOpenedDecoder().wrap(buffer,
                        MessageHeaderDecoder.ENCODED_LENGTH, SessionOpenedDecoder.BLOCK_LENGTH, 0).sessionId());
                }
                default -> counts.others++;
            }
        }
        return counts;
    }

    /**
     * Runs duty cycles until the gateway's answer has reached the client, then reads it.
     */
    private LogonRejectedDecoder logonRejected(final RawClient client) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.available() == 0 && System.nanoTime() < deadlineNs)
        {
            cycle();
        }
        final UnsafeBuffer message = client.expect(LogonRejectedDecoder.TEMPLATE_ID);
        return new LogonRejectedDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, LogonRejectedDecoder.BLOCK_LENGTH, 0);
    }

    private static InetAddress loopback(final int last)
    {
        try
        {
            return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte)last });
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Counts
    {
        int orders;
        int throttled;
        int opened;
        int others;
        int lastMaxMessages;
        int lastSessionSlot;

        Counts(final int orders, final int throttled, final int lastMaxMessages)
        {
            this.orders = orders;
            this.throttled = throttled;
            this.lastMaxMessages = lastMaxMessages;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Counts that && orders == that.orders && throttled == that.throttled &&
                lastMaxMessages == that.lastMaxMessages && opened == that.opened && others == that.others;
        }

        @Override
        public int hashCode()
        {
            return orders * 31 + throttled;
        }

        @Override
        public String toString()
        {
            return "orders=" + orders + " throttled=" + throttled + " opened=" + opened + " others=" + others +
                " lastMaxMessages=" + lastMaxMessages;
        }
    }
}
