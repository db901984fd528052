package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * The gateway agent driven one duty cycle at a time by the test, over a real socket, with the time the test gives:
 * a connection that sends a burst is handled a budget of frames per cycle, the rest waiting in its buffer for the
 * next cycles, so that it cannot take a whole cycle from the other connections; nothing it sent is lost.
 */
class GatewayReadBudgetTest
{
    private static final int BUDGET = 64;
    private static final int ORDERS = 300;

    @Test
    void shouldHandleAtMostItsBudgetOfFramesFromOneConnectionInADutyCycleAndTheRestInTheNext() throws IOException
    {
        // the pipeline is not started: the test reads how far the gateway got from the inbound ring's cursor
        final Pipeline pipeline = new Pipeline(TestServers.pipelineContext().threadingMode(ThreadingMode.INVOKER)
            .sender((slot, sequence, endOfBatch) -> { }));
        final CommandPublisher publisher = pipeline.commandPublisher();
        final GatewayContext context = TestServers.gatewayContext().framesPerSessionTurn(BUDGET);
        final SessionHandoff handoff = new SessionHandoff(context.maxSessions());
        final GatewayAgent gateway = new GatewayAgent(context, publisher, handoff);
        final long nowNs = TimeUnit.SECONDS.toNanos(1_000);
        try (RawClient alice = new RawClient(gateway.localAddress()))
        {
            gateway.open();
            alice.logon("alice", "alice-pw", true);
            final long opened = publisher.nextSequence() + 1;
            cycleUntil(gateway, publisher, opened, nowNs);
            handoff.accept(0); // as the sender does when the engine's LogonAccepted reaches it (the first slot's)

            for (int i = 1; i <= ORDERS; i++)
            {
                alice.buy(i, 100, 1);
            }
            int most = 0;
            int cycles = 0;
            final long start = publisher.nextSequence();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (publisher.nextSequence() - start < ORDERS && System.nanoTime() < deadlineNs)
            {
                final long before = publisher.nextSequence();
                gateway.doWork(nowNs);
                most = Math.max(most, (int)(publisher.nextSequence() - before));
                cycles++;
            }

            assertEquals(ORDERS, publisher.nextSequence() - start, "every order reached the ring");
            assertEquals(BUDGET, most, "no cycle took more than the budget from the connection, and some took all");
            assertTrue(cycles >= ORDERS / BUDGET, cycles + " cycles");
        }
        finally
        {
            gateway.onClose();
        }
    }

    private static void cycleUntil(
        final GatewayAgent gateway, final CommandPublisher publisher, final long nextSequence, final long nowNs)
        throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.nextSequence() < nextSequence && System.nanoTime() < deadlineNs)
        {
            gateway.doWork(nowNs);
        }
        assertEquals(nextSequence, publisher.nextSequence(), "the logon reached the ring");
    }
}
