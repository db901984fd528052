package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The gateway agent driven one duty cycle at a time by the test ({@link GatewayHarness}), over a real socket, with the
 * time the test gives: a connection that sends a burst is handled a budget of frames per cycle, the rest waiting in
 * its buffer for the next cycles, so that it cannot take a whole cycle from the other connections; nothing it sent
 * is lost.
 */
class GatewayReadBudgetTest
{
    private static final int BUDGET = 64;
    private static final int ORDERS = 300;

    @Test
    void shouldHandleAtMostItsBudgetOfFramesFromOneConnectionInADutyCycleAndTheRestInTheNext() throws IOException
    {
        try (GatewayHarness gateway = new GatewayHarness(TestServers.gatewayContext().framesPerSessionTurn(BUDGET)))
        {
            final RawClient alice = gateway.loggedOn("alice", null);
            for (int i = 1; i <= ORDERS; i++)
            {
                alice.buy(i, 100, 1);
            }
            int most = 0;
            int cycles = 0;
            final long start = gateway.published();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gateway.published() - start < ORDERS && System.nanoTime() < deadlineNs)
            {
                final long before = gateway.published();
                gateway.cycle();
                most = Math.max(most, (int)(gateway.published() - before));
                cycles++;
            }

            assertEquals(ORDERS, gateway.published() - start, "every order reached the ring");
            assertEquals(BUDGET, most, "no cycle took more than the budget from the connection, and some took all");
            assertTrue(cycles >= ORDERS / BUDGET, cycles + " cycles");
        }
    }
}
