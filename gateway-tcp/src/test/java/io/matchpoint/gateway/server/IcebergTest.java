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
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * Icebergs over real sockets, on instrument TEST (2 decimals, tick and lot 1): alice's iceberg is acknowledged with
 * its display quantity; bob's buy sweeps its slice, and alice is told of the trade, then of the refill (the new slice
 * shown, and all the order has left), then of the trade with the new slice; the drop copy account sees the refill
 * too. A display quantity the rules refuse is rejected with INVALID_DISPLAY_QUANTITY, and a client still on schema
 * version 0 (a NewOrder without the field) still trades plain orders.
 */
class IcebergTest
{
    @Test
    void aSweptSliceIsRefilledAndItsOwnerAndTheDropCopyAccountAreTold() throws Exception
    {
        try (GatewayServer server =
                TestServers.start(TestServers.gatewayContext(), TestServers.pipelineContext(), true);
            MatchpointClient alice = logon(server, "alice"); MatchpointClient bob = logon(server, "bob");
            MatchpointClient audit = logon(server, "audit"))
        {
            final RecordedReports alices = new RecordedReports(alice);
            order(alice, 1, Side.SELL, TimeInForce.GTC, 10_000, 100, 30);
            alices.await(1);
            assertEquals("EXEC NEW      order=* clOrd=1 SELL 100 TEST @ 100.00 GTC leaves=100 display=30",
                alices.lines.get(0));

            // 30 from the slice shown; the refill (30 of the 70 left) goes to the back of the level, where the rest
            // of bob's 40 meets it
            final RecordedReports bobs = new RecordedReports(bob);
            order(bob, 1, Side.BUY, TimeInForce.GTC, 10_000, 40, 0);
            alices.await(4);
            assertEquals(List.of(
                "EXEC TRADE    order=* clOrd=1 SELL 30 TEST @ 100.00 trade=* leaves=70 MAKER",
                "EXEC REFILLED order=* clOrd=1 SELL TEST @ 100.00 shown=30 leaves=70",
                "EXEC TRADE    order=* clOrd=1 SELL 10 TEST @ 100.00 trade=* leaves=60 MAKER"),
                alices.lines.subList(1, 4));
            assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.REFILLED, ExecType.TRADE), alices.execTypes);
            assertEquals(List.of(30L, 0L, 30L, 0L), alices.displayQuantities, "NEW: the display; REFILLED: the slice");
            bobs.await(3);
            assertEquals(List.of(ExecType.NEW, ExecType.TRADE, ExecType.TRADE), bobs.execTypes, "no refill for bob");

            final List<String> copies = new ArrayList<>();
            final ReportFormatter formatter = new ReportFormatter(audit::instrumentById);
            final ClientListener copied = new ClientListener()
            {
                public void onDropCopyReport(final DropCopyReportDecoder copy)
                {
                    copies.add(RecordedReports.masked(formatter.dropCopyReport(copy)));
                }
            };
            TestServers.pollUntil(audit, copied, () -> copies.size() >= 7, copies);
            assertTrue(copies.contains("COPY account=1 seq=3 EXEC REFILLED order=* clOrd=1 SELL TEST @ 100.00 " +
                "shown=30 leaves=70"), copies.toString());
        }
    }

    @Test
    void aDisplayQuantityTheRulesRefuseIsRejectedWithItsReason() throws Exception
    {
        try (GatewayServer server = TestServers.start(); MatchpointClient alice = logon(server, "alice"))
        {
            final RecordedReports alices = new RecordedReports(alice);
            order(alice, 1, Side.SELL, TimeInForce.IOC, 10_000, 100, 10);
            order(alice, 2, Side.SELL, TimeInForce.GTC, 10_000, 100, -10);
            assertTrue(alice.newOrder(3, 1, Side.SELL, OrdType.MARKET, TimeInForce.IOC, 0, 100, 10, false,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(3);

            for (int i = 0; i < 3; i++)
            {
                assertEquals("EXEC REJECTED clOrd=" + (i + 1) + " TEST reason=INVALID_DISPLAY_QUANTITY",
                    alices.lines.get(i));
            }
            assertEquals(0, server.matcher().engine().restingOrderCount());
        }
    }

    @Test
    void aVersionZeroNewOrderWithoutADisplayQuantityIsStillAcceptedAsAPlainOrder() throws Exception
    {
        try (GatewayServer server = TestServers.start(); RawClient alice = new RawClient(server.localAddress()))
        {
            alice.logon("alice", "alice-pw", true);
            alice.expect(io.matchpoint.codec.sbe.LogonAcceptedDecoder.TEMPLATE_ID);
            alice.expect(io.matchpoint.codec.sbe.InstrumentDefinitionDecoder.TEMPLATE_ID);

            alice.newOrderAtVersionZero(1, 1, Side.SELL, 10_000, 50);

            // an ExecutionReport (expectReport fails on a SessionReject), and not a REJECTED one
            final ExecutionReportDecoder accepted = alice.expectReport();
            assertEquals(ExecType.NEW, accepted.execType());
            assertEquals(50, accepted.leavesQuantity());
            assertEquals(0, accepted.displayQuantity());

            // and the session goes on at the current version
            alice.newOrder(2, 1, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_001, 20, 10);
            final ExecutionReportDecoder iceberg = alice.expectReport();
            assertEquals(ExecType.NEW, iceberg.execType());
            assertEquals(10, iceberg.displayQuantity());
            assertEquals(RejectReason.NONE, iceberg.rejectReason());
        }
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
        final MatchpointClient client, final long clOrdId, final Side side, final TimeInForce tif, final long price,
        final long quantity, final long displayQuantity)
    {
        assertTrue(client.newOrder(clOrdId, 1, side, OrdType.LIMIT, tif, price, quantity, displayQuantity, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }
}
