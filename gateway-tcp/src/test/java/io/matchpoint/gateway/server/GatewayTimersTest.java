package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.SessionRejectReason;

/**
 * The gateway's timers on its own duty cycle at the test's time ({@link GatewayHarness}): the logon timeout and the
 * silent-peer timeout fire exactly when their time has passed, and not a duty cycle before; any traffic resets the
 * silence. No sleeps, no real-time waits.
 */
class GatewayTimersTest
{
    private static final long LOGON_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int HEARTBEAT_MS = 1_000;
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS);

    private GatewayHarness gateway;

    @AfterEach
    void stop()
    {
        if (gateway != null)
        {
            gateway.close();
        }
    }

    @Test
    void shouldCloseAConnectionThatHasNotLoggedOnWhenTheLogonTimeoutHasPassed() throws IOException
    {
        gateway = new GatewayHarness(TestServers.gatewayContext().logonTimeoutNs(LOGON_TIMEOUT_NS));
        final RawClient silent = gateway.connect(null);
        gateway.cycle(); // accepted now

        gateway.advance(LOGON_TIMEOUT_NS);
        gateway.cycle();
        assertEquals(0, silent.available(), "not a nanosecond early");

        gateway.advance(TimeUnit.MILLISECONDS.toNanos(20)); // past it, and past the gateway's 10 ms timer tick
        assertEquals(SessionRejectReason.LOGON_TIMEOUT, gateway.sessionReject(silent).reason());
        assertTrue(silent.awaitClosed());
    }

    @Test
    void shouldEndASessionSilentForThreeHeartbeatIntervalsAndNotBefore() throws IOException
    {
        gateway = new GatewayHarness(TestServers.gatewayContext());
        gateway.loggedOn("alice", null, HEARTBEAT_MS);

        gateway.advance(3 * INTERVAL_NS);
        assertEquals(0, gateway.drain(0).closed, "three intervals exactly: still open");

        gateway.advance(TimeUnit.MILLISECONDS.toNanos(20));
        final GatewayHarness.Ring ring = gateway.drain(1);
        assertEquals(1, ring.closed, ring.toString());
        assertEquals("HEARTBEAT_TIMEOUT", ring.lastCloseReason, "its end enters the engine, for cancel-on-disconnect");
    }

    @Test
    void shouldCountAnyTrafficAsALifeSign() throws IOException
    {
        gateway = new GatewayHarness(TestServers.gatewayContext());
        final RawClient alice = gateway.loggedOn("alice", null, HEARTBEAT_MS);

        gateway.advance(2 * INTERVAL_NS);
        alice.heartbeat();
        gateway.drain(0); // the heartbeat is read at this time
        gateway.advance(2 * INTERVAL_NS);
        assertEquals(0, gateway.drain(0).closed, "four intervals since logon, two since the heartbeat");

        gateway.advance(INTERVAL_NS + TimeUnit.MILLISECONDS.toNanos(20));
        assertEquals(1, gateway.drain(1).closed, "three intervals and a tick since the heartbeat");
    }
}
