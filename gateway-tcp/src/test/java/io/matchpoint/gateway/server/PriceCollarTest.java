package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * A price collar set at start-up reaches the wire: instrument TEST (band 1.00 to 150.00, tick 0.01, so its middle is
 * 75.50) with a collar of 100 ticks refuses a limit order at 74.49 with PRICE_OUTSIDE_COLLAR and accepts one at 74.50;
 * once trades have moved the reference, a market order stops at the collar's edge and what is left, with liquidity
 * beyond, is cancelled with OUTSIDE_COLLAR.
 */
class PriceCollarTest
{
    @Test
    void aCollarSetAtStartUpRefusesPricesOutsideItAndStopsMarketOrdersAtItsEdge() throws Exception
    {
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext());
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
        server.setPriceCollar(1, 100);
        server.start();
        try (server; MatchpointClient alice = logon(server, "alice"); MatchpointClient bob = logon(server, "bob"))
        {
            final List<String> alices = new ArrayList<>();
            final List<String> bobs = new ArrayList<>();
            order(alice, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_449, 1);
            order(alice, 2, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_450, 1);
            await(alice, alices, 2);
            assertEquals(List.of("REJECTED PRICE_OUTSIDE_COLLAR", "NEW NONE"), alices);

            // a trade at 76.50 moves the reference there (collar 75.50 to 77.50), an ask rests at 77.50, and a trade
            // at 75.50 brings the reference back (collar 74.50 to 76.50): the ask at 77.50 now lies beyond it
            order(bob, 1, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 7_650, 5);
            await(bob, bobs, 1);
            order(alice, 3, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_650, 1);
            await(alice, alices, 4);
            order(bob, 2, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 7_750, 5);
            order(bob, 3, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 7_550, 1);
            await(bob, bobs, 4);
            order(alice, 4, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_550, 1);
            await(alice, alices, 6);

            order(alice, 5, Side.BUY, OrdType.MARKET, TimeInForce.IOC, 0, 15);
            await(alice, alices, 9);
            assertEquals(List.of("NEW NONE", "TRADE NONE", "CANCELLED OUTSIDE_COLLAR"), alices.subList(6, 9),
                "the 4 left at 76.50 taken, the other 11 cancelled: only the ask at 77.50, beyond the collar, is left");
        }
    }

    /**
     * An admin changes the collar at run time, to 1% of the reference price (75.50 before any trade: 0.755, so 75 ticks
     * of 0.01 either side, 74.75 to 76.25), and reads back what stands; a collar in ticks and percent at once is
     * refused with the core's reason, and the collar stays; bob, not an admin, is refused.
     */
    @Test
    void anAdminChangesTheCollarAtRunTimeInPercent() throws Exception
    {
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext());
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
        server.start();
        try (server; MatchpointClient alice = logon(server, "alice"); MatchpointClient admin = logon(server, "admin");
            MatchpointClient bob = logon(server, "bob"))
        {
            final List<String> admins = new ArrayList<>();
            assertTrue(admin.priceCollar(1, 0, 100) > 0);
            answers(admin, admins, 1);
            assertEquals("COLLAR TEST percent=1.00% reference=75.50", admins.get(0));

            final List<String> alices = new ArrayList<>();
            order(alice, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_474, 1);
            order(alice, 2, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 7_475, 1);
            await(alice, alices, 2);
            assertEquals(List.of("REJECTED PRICE_OUTSIDE_COLLAR", "NEW NONE"), alices);

            assertTrue(admin.priceCollar(1, 5, 100) > 0);
            answers(admin, admins, 3);
            assertTrue(admins.get(1).contains("INVALID_INSTRUMENT_DEFINITION"), admins.get(1));
            assertEquals("COLLAR TEST percent=1.00% reference=75.50", admins.get(2), "what stands");

            final List<String> bobs = new ArrayList<>();
            assertTrue(bob.priceCollar(1, 0, 0) > 0);
            answers(bob, bobs, 1);
            assertTrue(bobs.get(0).contains("NOT_PERMITTED"), bobs.get(0));
        }
    }

    private static void answers(final MatchpointClient client, final List<String> lines, final int count)
    {
        final io.matchpoint.client.ReportFormatter formatter =
            new io.matchpoint.client.ReportFormatter(client::instrumentById);
        final ClientListener listener = new ClientListener()
        {
            public void onPriceCollarReport(final io.matchpoint.codec.sbe.PriceCollarReportDecoder report)
            {
                lines.add(formatter.priceCollar(report));
            }

            public void onBusinessReject(final io.matchpoint.codec.sbe.BusinessRejectDecoder reject)
            {
                lines.add(formatter.businessReject(reject));
            }
        };
        TestServers.pollUntil(client, listener, () -> lines.size() >= count, lines);
    }

    private static MatchpointClient logon(final GatewayServer server, final String account) throws Exception
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(), 5_000);
        final LogonResult result = client.logonAndWait(new ClientListener()
        {
        }, account, account + "-pw", false, 5_000, 10_000);
        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        return client;
    }

    private static void order(
        final MatchpointClient client, final long clOrdId, final Side side, final OrdType type, final TimeInForce tif,
        final long price, final long quantity)
    {
        assertTrue(client.newOrder(clOrdId, 1, side, type, tif, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }

    private static void await(final MatchpointClient client, final List<String> reports, final int count)
    {
        final ClientListener listener = new ClientListener()
        {
            public void onExecutionReport(final ExecutionReportDecoder report)
            {
                reports.add(report.execType() + " " + (report.rejectReason().name().equals("NONE") ?
                    report.cancelReason().name() : report.rejectReason().name()));
            }
        };
        TestServers.pollUntil(client, listener, () -> reports.size() >= count, reports);
    }
}
