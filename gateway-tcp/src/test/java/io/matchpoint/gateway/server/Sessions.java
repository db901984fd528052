package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;

/**
 * Shared steps of the gateway tests.
 */
final class Sessions
{
    private static long nextClOrdId = 1_000_000;

    private Sessions()
    {
    }

    static RawClient loggedOn(final GatewayServer server, final String account) throws IOException
    {
        final RawClient client = new RawClient(server.localAddress());
        client.logon(account, account + "-pw", true);
        client.expect(LogonAcceptedDecoder.TEMPLATE_ID);
        client.expect(InstrumentDefinitionDecoder.TEMPLATE_ID);
        return client;
    }

    /**
     * Proves a session still works end to end: an order is accepted and cancelled, with the reports to show it.
     */
    static void assertTrades(final RawClient client) throws IOException
    {
        final long clOrdId = nextClOrdId++;
        client.buy(clOrdId, 100, 1);
        final ExecutionReportDecoder accepted = client.expectReport();
        assertEquals(ExecType.NEW, accepted.execType());
        assertEquals(clOrdId, accepted.clOrdId());
        client.cancel(accepted.orderId());
        assertEquals(ExecType.CANCELLED, client.expectReport().execType());
    }
}
