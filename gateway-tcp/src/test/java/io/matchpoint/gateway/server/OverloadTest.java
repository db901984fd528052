package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;

/**
 * Overload from the table: a client that never reads is dropped when its bounded outbound buffer fills (its orders
 * cancelled, nobody else waiting); a full inbound ring makes the gateway stop reading, and nothing is lost.
 */
class OverloadTest
{
    private GatewayServer server;

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldDropAClientThatNeverReadsAndCancelItsOrdersWhileOthersTrade() throws IOException
    {
        server = TestServers.start(
            TestServers.gatewayContext().sessionOutboundBufferBytes(32 * 1024).socketSendBufferBytes(8 * 1024),
            TestServers.pipelineContext());
        try (RawClient bob = Sessions.loggedOn(server, "bob");
            RawClient alice = new RawClient(server.localAddress(), 4 * 1024))
        {
            alice.logon("alice", "alice-pw", true);
            alice.expect(LogonAcceptedDecoder.TEMPLATE_ID);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            while (server.slowReadersDropped() == 0 && System.nanoTime() - deadlineNs < 0 && sent < 20_000)
            {
                try
                {
                    alice.sell(1 + sent, 14_000 - (sent % 100), 1); // resting orders, each one an unread report
                }
                catch (final java.net.SocketException ex)
                {
                    break; // the server dropped her and closed the socket between two checks of the counter
                }
                if (++sent % 500 == 0)
                {
                    Sessions.assertTrades(bob); // bob never waits for alice
                }
            }
            while (server.slowReadersDropped() == 0 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.yield();
            }
            assertEquals(1, server.slowReadersDropped(), "alice dropped after " + sent + " orders");
            Sessions.assertTrades(bob);
        }
        assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
        assertEquals(0, server.matcher().engine().restingOrderCount(), "cancel-on-disconnect took alice's orders");
    }

    @Test
    void shouldStopReadingWhenTheInboundRingIsFullAndLoseNothing() throws Exception
    {
        server = TestServers.start(TestServers.gatewayContext().throttleMessages(1_000_000),
            TestServers.pipelineContext().inboundRingSize(4).outboundRingSize(4));
        final int orders = 20_000;
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            final AtomicInteger accepted = new AtomicInteger();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread reader = new Thread(() ->
            {
                try
                {
                    final MessageHeaderDecoder header = new MessageHeaderDecoder();
                    final ExecutionReportDecoder report = new ExecutionReportDecoder();
                    while (accepted.get() < orders)
                    {
                        final UnsafeBuffer message = alice.expect(ExecutionReportDecoder.TEMPLATE_ID);
                        header.wrap(message, 0);
                        report.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), 0);
                        assertEquals(ExecType.NEW, report.execType());
                        assertEquals(accepted.get() + 1, report.clOrdId(), "in order, none missing");
                        accepted.incrementAndGet();
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            reader.start();
            for (int i = 1; i <= orders; i++)
            {
                alice.buy(i, 100 + (i % 50), 1);
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
            if (failure.get() != null)
            {
                throw new AssertionError(failure.get());
            }
            assertEquals(orders, accepted.get());
        }
        assertTrue(server.backPressurePauses() > 0, "the ring filled at least once");
    }
}
