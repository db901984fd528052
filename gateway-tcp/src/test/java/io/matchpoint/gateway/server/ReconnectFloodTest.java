package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;

/**
 * The hostile client of issue 15: a flooder logged out for throttle abuse logs on again at once, every time. The
 * session's own throttle starts afresh with each connection; the account's does not, nor does the logon rate, so
 * what the flood gets processed stays within the account's limit however often it reconnects, while a bystander from
 * another address trades throughout. Real server, real sockets; counts, not timings, are asserted (the bound on what
 * the flood got is the account's burst plus its rate over the time the test measured, with slack).
 */
class ReconnectFloodTest
{
    private static final int ACCOUNT_LIMIT = 2_000;
    private static final int SESSION_LIMIT = 1_500;
    private static final long FLOOD_NS = TimeUnit.MILLISECONDS.toNanos(1_500);
    private static final int ORDERS_PER_CONNECTION = 3_000;

    private GatewayServer server;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldHoldAReconnectingFlooderToItsAccountsLimitWhileABystanderTrades() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext()
            .throttleMessages(SESSION_LIMIT)
            .accountThrottleMessages(ACCOUNT_LIMIT)
            .logonsPerAccount(20)
            .throttleRejectsBeforeClose(100), TestServers.pipelineContext());
        try (RawClient bystander = new RawClient(server.localAddress(), 0, InetAddress.getByName("127.0.0.2")))
        {
            bystander.logon("carol", "carol-pw", true);
            bystander.expect(LogonAcceptedDecoder.TEMPLATE_ID);
            bystander.expect(InstrumentDefinitionDecoder.TEMPLATE_ID);

            final long startNs = System.nanoTime();
            long accepted = 0;
            int connections = 0;
            int refusedLogons = 0;
            long clOrdId = 1;
            while (System.nanoTime() - startNs < FLOOD_NS)
            {
                try (RawClient flooder = new RawClient(server.localAddress()))
                {
                    connections++;
                    flooder.logon("alice", "alice-pw", false);
                    for (int i = 0; i < ORDERS_PER_CONNECTION; i++)
                    {
                        flooder.buy(clOrdId++, 100, 1); // rests: each accepted order is one NEW report
                    }
                    final Answers answers = readUntilClosed(flooder);
                    accepted += answers.accepted;
                    refusedLogons += answers.logonRefused ? 1 : 0;
                }
                Sessions.assertTrades(bystander);
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;

            final double bound = ACCOUNT_LIMIT + ACCOUNT_LIMIT * seconds;
            System.out.println("ReconnectFloodTest: " + accepted + " orders processed in " + seconds + " s over " +
                connections + " connections (" + refusedLogons + " logons refused)");
            assertTrue(accepted <= bound * 1.1, "the flood got " + accepted + " orders processed in " + seconds +
                " s over " + connections + " connections; the account allows about " + (long)bound);
            assertTrue(accepted >= ACCOUNT_LIMIT / 2, "the account's burst went through: " + accepted);
            assertTrue(connections - refusedLogons >= 2, "it logged on again: " + connections + " connections, " +
                refusedLogons + " logons refused");
            Sessions.assertTrades(bystander);
        }
    }

    private static final class Answers
    {
        long accepted;
        boolean logonRefused;
    }

    /**
     * Reads every answer until the server has closed the connection (it ends the session for throttle abuse, and a
     * graceful close delivers everything before the end of stream).
     */
    private static Answers readUntilClosed(final RawClient client) throws IOException
    {
        final Answers answers = new Answers();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        while (true)
        {
            final UnsafeBuffer message;
            try
            {
                message = client.read();
            }
            catch (final java.io.EOFException ex)
            {
                return answers;
            }
            switch (header.wrap(message, 0).templateId())
            {
                case ExecutionReportDecoder.TEMPLATE_ID ->
                {
                    report.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                    if (report.execType() == ExecType.NEW)
                    {
                        answers.accepted++;
                    }
                }
                case LogonRejectedDecoder.TEMPLATE_ID -> answers.logonRefused = true;
                case LogoutDecoder.TEMPLATE_ID, ThrottleRejectDecoder.TEMPLATE_ID -> { }
                default -> { }
            }
        }
    }
}
