package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.client.ReportFormatter;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RiskLimitsReportDecoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * Risk limits over real sockets and a real journal: defaults set at start-up refuse alice's fat-finger order with
 * ORDER_QUANTITY_LIMIT; the admin gives bob his own, looser limits at run time and reads them back with what bob has
 * at stake; a limit below -1 comes back as a BusinessReject with the core's reason followed by what stands; an account
 * no one can log on to and a non-admin are refused at the gateway; and after a restart on the same journal the run-time
 * limits still hold, since they were journaled commands.
 */
class RiskLimitsTest
{
    private static final long NO_LIMIT = MatchpointClient.NO_LIMIT;

    @Test
    void limitsSetAtStartUpAndByAnAdminRefuseOrdersAndSurviveARestart() throws Exception
    {
        final java.nio.file.Path data = java.nio.file.Files.createTempDirectory("risk-limits");
        try
        {
            try (GatewayServer server = start(data);
                MatchpointClient alice = logon(server, "alice");
                MatchpointClient bob = logon(server, "bob");
                MatchpointClient admin = logon(server, "admin"))
            {
                final List<String> alices = new ArrayList<>();
                order(alice, 1, 100, 60);
                order(alice, 2, 100, 40);
                await(alice, alices, 2);
                assertEquals(List.of("REJECTED ORDER_QUANTITY_LIMIT", "NEW NONE"), alices);

                final List<String> admins = new ArrayList<>();
                assertTrue(admin.setRiskLimits(2, 100, NO_LIMIT, 1, NO_LIMIT, NO_LIMIT, NO_LIMIT) > 0);
                await(admin, admins, 1);
                assertEquals("LIMITS 2 own max-order-qty=100 max-order-notional=none max-open-orders=1 " +
                    "instrument-credit=none total-credit=none position-limit=none open-orders=0 open-notional=0",
                    admins.get(0));

                final List<String> bobs = new ArrayList<>();
                order(bob, 1, 9_000, 60);
                order(bob, 2, 9_500, 60);
                await(bob, bobs, 2);
                assertEquals(List.of("NEW NONE", "REJECTED OPEN_ORDERS_LIMIT"), bobs);

                assertTrue(admin.showRiskLimits(2) > 0);
                await(admin, admins, 2);
                assertTrue(admins.get(1).endsWith("open-orders=1 open-notional=540000"), admins.get(1));

                assertTrue(admin.setRiskLimits(1, -5, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT) > 0);
                await(admin, admins, 4);
                assertTrue(admins.get(2).startsWith("BUSINESS-REJECT") && admins.get(2).contains("INVALID_RISK_LIMITS"),
                    admins.get(2));
                assertTrue(admins.get(3).startsWith("LIMITS 1 defaults max-order-qty=50 "), admins.get(3));

                assertTrue(admin.setRiskLimits(4_242, 1, 1, 1, 1, 1, 1) > 0);
                assertTrue(bob.setRiskLimits(2, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT) > 0);
                await(admin, admins, 5);
                assertTrue(admins.get(4).contains("UNKNOWN_ACCOUNT"), admins.get(4));
                final List<String> bobsRejects = new ArrayList<>();
                await(bob, bobsRejects, 1);
                assertTrue(bobsRejects.get(0).contains("NOT_PERMITTED"), bobsRejects.get(0));
            }

            try (GatewayServer server = start(data); MatchpointClient bob = logon(server, "bob"))
            {
                final List<String> bobs = new ArrayList<>();
                order(bob, 3, 9_500, 60);
                order(bob, 4, 9_500, 200);
                await(bob, bobs, 2);
                assertEquals(List.of("REJECTED OPEN_ORDERS_LIMIT", "REJECTED ORDER_QUANTITY_LIMIT"), bobs,
                    "bob's own limits, set at run time, came back with the journal");
            }
        }
        finally
        {
            org.agrona.IoUtil.delete(data.toFile(), true);
        }
    }

    private static GatewayServer start(final java.nio.file.Path data) throws Exception
    {
        final GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext(),
            new JournalOptions(new io.matchpoint.journal.JournalDirectory(data), line -> { },
                io.matchpoint.journal.JournalFaultInjector.NONE));
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
        server.setRiskLimits(MatchpointClient.ALL_ACCOUNTS, 50, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
        server.start();
        return server;
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

    private static void order(final MatchpointClient client, final long clOrdId, final long price, final long qty)
    {
        assertTrue(client.newOrder(clOrdId, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, price, qty, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }

    private static void await(final MatchpointClient client, final List<String> lines, final int count)
    {
        final ReportFormatter formatter = new ReportFormatter(client::instrumentById);
        final ClientListener listener = new ClientListener()
        {
            public void onExecutionReport(final ExecutionReportDecoder report)
            {
                lines.add(report.execType() + " " + (report.rejectReason().name().equals("NONE") ?
                    report.cancelReason().name() : report.rejectReason().name()));
            }

            public void onRiskLimitsReport(final RiskLimitsReportDecoder report)
            {
                lines.add(formatter.riskLimits(report));
            }

            public void onBusinessReject(final BusinessRejectDecoder reject)
            {
                lines.add(formatter.businessReject(reject));
            }
        };
        TestServers.pollUntil(client, listener, () -> lines.size() >= count, lines);
    }
}
