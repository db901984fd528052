package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;

/**
 * The limits sessions share (an account's and an IP address's message rate, and the logon rates), proven on the
 * gateway agent alone ({@link GatewayHarness}: duty cycles at the test's time, the ring read back). Real sockets;
 * connections from 127.0.0.2 look to the server like another host. No sleeps: time passes only when the test
 * moves it.
 */
class SharedLimitsTest
{
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
    private static final InetAddress OTHER_HOST = loopback(2);

    private GatewayHarness gateway;

    private void start(final GatewayContext context) throws IOException
    {
        gateway = new GatewayHarness(context.throttleWindowNs(WINDOW_NS).logonRateWindowNs(WINDOW_NS));
    }

    @AfterEach
    void stop()
    {
        if (gateway != null)
        {
            gateway.close();
        }
    }

    @Test
    void shouldLimitAllSessionsOfAnAccountTogetherAndKeepTheLimitAcrossReconnects() throws IOException
    {
        start(TestServers.gatewayContext().accountThrottleMessages(10));
        final RawClient first = gateway.loggedOn("alice", null);
        final RawClient second = gateway.loggedOn("alice", null);
        final RawClient bob = gateway.loggedOn("bob", null);
        for (int i = 1; i <= 6; i++)
        {
            first.buy(i, 100, 1);
            second.buy(100 + i, 100, 1);
        }
        bob.buy(1, 100, 1);

        final GatewayHarness.Ring ring = gateway.drain(13);
        assertEquals(11, ring.orders, "alice's 10 and bob's 1: " + ring);
        assertEquals(2, ring.throttled, "alice's 11th and 12th: " + ring);
        assertEquals(10, ring.lastMaxMessages, "the reject names the account's limit");

        first.close();
        final RawClient again = gateway.loggedOn("alice", null);
        again.buy(200, 100, 1);
        final GatewayHarness.Ring afterReconnect = gateway.drain(1);
        assertEquals(1, afterReconnect.throttled, "a new session of alice starts with alice's spent bucket");
        assertEquals(10, afterReconnect.lastMaxMessages);

        gateway.advance(WINDOW_NS);
        again.buy(201, 100, 1);
        assertEquals(1, gateway.drain(1).orders, "a window later the bucket has refilled");
    }

    @Test
    void shouldLimitAllSessionsFromAnAddressTogetherAndNoOther() throws IOException
    {
        start(TestServers.gatewayContext().addressThrottleMessages(5));
        final RawClient alice = gateway.loggedOn("alice", null);
        final RawClient bob = gateway.loggedOn("bob", null);
        final RawClient carol = gateway.loggedOn("carol", OTHER_HOST);
        for (int i = 1; i <= 3; i++)
        {
            alice.buy(i, 100, 1);
            bob.buy(i, 100, 1);
        }
        for (int i = 1; i <= 5; i++)
        {
            carol.buy(i, 100, 1);
        }

        final GatewayHarness.Ring ring = gateway.drain(11);
        assertEquals(10, ring.orders, "five from 127.0.0.1 (alice and bob together) and carol's five: " + ring);
        assertEquals(1, ring.throttled);
        assertEquals(5, ring.lastMaxMessages, "the reject names the address's limit");
    }

    @Test
    void shouldLimitLogonAttemptsFromAnAddressWhateverTheirOutcome() throws IOException
    {
        start(TestServers.gatewayContext().logonsPerAddress(2));
        try (RawClient guess = gateway.connect(null))
        {
            guess.logon("alice", "wrong", false);
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, gateway.logonRejected(guess).reason());
        }
        gateway.loggedOn("bob", null);
        try (RawClient third = gateway.connect(null))
        {
            third.logon("carol", "carol-pw", false);
            final LogonRejectedDecoder rejected = gateway.logonRejected(third);
            assertEquals(LogonRejectReason.LOCKED_OUT, rejected.reason());
            assertTrue(rejected.retryAfterMs() > 0 && rejected.retryAfterMs() <= 1_000, rejected.toString());
        }
        gateway.loggedOn("carol", OTHER_HOST); // another address has its own allowance

        gateway.advance(WINDOW_NS);
        gateway.loggedOn("carol", null);
    }

    @Test
    void shouldRefuseConnectionsFromAnAddressOverItsLogonRateAtOnceAndAcceptOnlyAFewInEachDutyCycle()
        throws IOException
    {
        start(TestServers.gatewayContext().logonsPerAddress(1));
        gateway.loggedOn("alice", null); // the address's one logon in this window
        final List<RawClient> storm = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            storm.add(gateway.connect(null)); // connected: each waits in the listen backlog, sends nothing
        }

        int answered = 0;
        for (int cycle = 1; cycle <= 3; cycle++)
        {
            gateway.cycle();
            answered = 0;
            for (final RawClient client : storm)
            {
                answered += client.available() > 0 ? 1 : 0;
            }
            assertEquals(Math.min(40, cycle * GatewayAgent.ACCEPTS_PER_CYCLE), answered, "after cycle " + cycle);
        }
        for (final RawClient client : storm)
        {
            final LogonRejectedDecoder rejected = new LogonRejectedDecoder().wrap(
                client.expect(LogonRejectedDecoder.TEMPLATE_ID), MessageHeaderDecoder.ENCODED_LENGTH,
                LogonRejectedDecoder.BLOCK_LENGTH, 0);
            assertEquals(LogonRejectReason.LOCKED_OUT, rejected.reason(), "refused before it sent anything");
            assertTrue(rejected.retryAfterMs() > 0 && rejected.retryAfterMs() <= 1_001, rejected.toString());
            assertTrue(client.awaitClosed());
        }
        assertEquals(0, gateway.drain(0).total(), "none of them reached the ring");

        gateway.advance(WINDOW_NS);
        gateway.loggedOn("bob", null); // the window has passed: the address may log on again
    }

    @Test
    void shouldLimitLogonsOfAnAccountButNotCountFailedOnes() throws IOException
    {
        start(TestServers.gatewayContext().logonsPerAccount(1));
        for (int i = 0; i < 3; i++)
        {
            try (RawClient guesser = gateway.connect(OTHER_HOST))
            {
                guesser.logon("alice", "guess-" + i, false);
                assertEquals(LogonRejectReason.BAD_CREDENTIALS, gateway.logonRejected(guesser).reason());
            }
        }
        gateway.loggedOn("alice", null); // the guesses did not spend alice's allowance
        try (RawClient again = gateway.connect(null))
        {
            again.logon("alice", "alice-pw", false);
            assertEquals(LogonRejectReason.LOCKED_OUT, gateway.logonRejected(again).reason());
        }
        gateway.loggedOn("bob", null);

        gateway.advance(WINDOW_NS);
        gateway.loggedOn("alice", null);
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
}
