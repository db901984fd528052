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
 * Stop and stop-limit orders over real sockets, on instrument TEST (2 decimals, tick and lot 1, band 1.00..150.00):
 * a stop is acknowledged with its type and stop price and waits; a trade between two other clients that reaches its
 * stop price triggers it, and its owner is told TRIGGERED, then of its own trade, as is the drop copy account; a
 * triggered stop-limit rests what it cannot fill; a waiting stop is replaced with a new stop price (or keeps its own)
 * and cancelled; stop prices the rules refuse are rejected with INVALID_STOP_PRICE or STOP_ALREADY_TRIGGERED; and a
 * client still on schema version 0 (a ReplaceOrder without the stop price) replaces a waiting stop, which keeps its
 * stop price.
 */
class StopOrderTest
{
    @Test
    void aStopIsTriggeredByAnotherClientsTradeAndItsOwnerAndTheDropCopyAccountAreTold() throws Exception
    {
        try (GatewayServer server =
                TestServers.start(TestServers.gatewayContext(), TestServers.pipelineContext(), true);
            MatchpointClient alice = logon(server, "alice"); MatchpointClient bob = logon(server, "bob");
            MatchpointClient carol = logon(server, "carol"); MatchpointClient audit = logon(server, "audit"))
        {
            final RecordedReports carols = new RecordedReports(carol);
            limit(carol, 1, Side.BUY, 9_950, 10);
            carols.await(1);
            final RecordedReports alices = new RecordedReports(alice);
            assertTrue(alice.newStopOrder(1, 1, Side.SELL, OrdType.STOP, TimeInForce.IOC, 0, 9_950, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(1);
            assertEquals("EXEC NEW      order=* clOrd=1 SELL 5 TEST @ MKT IOC leaves=5 stop=99.50",
                alices.lines.get(0));
            assertEquals(OrdType.STOP, alices.ordTypes.get(0));
            assertEquals(9_950L, alices.stopPrices.get(0));

            // bob's trade at 99.50 reaches the sell stop, which then sells into what is left of carol's bid
            limit(bob, 1, Side.SELL, 9_950, 1);
            alices.await(3);
            assertEquals(List.of(
                "EXEC TRIGGERED order=* clOrd=1 SELL TEST stop=99.50",
                "EXEC TRADE    order=* clOrd=1 SELL 5 TEST @ 99.50 trade=* leaves=0 TAKER"),
                alices.lines.subList(1, 3));
            assertEquals(List.of(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE), alices.execTypes);
            assertEquals(List.of(9_950L, 9_950L, 0L), alices.stopPrices, "NEW and TRIGGERED: the stop price");
            carols.await(3);
            assertEquals("EXEC TRADE    order=* clOrd=1 BUY 5 TEST @ 99.50 trade=* leaves=4 MAKER",
                carols.lines.get(2));

            final List<String> copies = new ArrayList<>();
            final ReportFormatter formatter = new ReportFormatter(audit::instrumentById);
            final ClientListener copied = new ClientListener()
            {
                public void onDropCopyReport(final DropCopyReportDecoder copy)
                {
                    copies.add(RecordedReports.masked(formatter.dropCopyReport(copy)));
                }
            };
            TestServers.pollUntil(
                audit, copied, () -> copies.stream().filter(c -> c.startsWith("COPY account=1 ")).count() >= 3, copies);
            assertTrue(copies.contains("COPY account=1 seq=2 EXEC TRIGGERED order=* clOrd=1 SELL TEST stop=99.50"),
                copies.toString());
        }
    }

    @Test
    void aTriggeredStopLimitRestsWhatItCannotFillAtItsPrice() throws Exception
    {
        try (GatewayServer server = TestServers.start(); MatchpointClient alice = logon(server, "alice");
            MatchpointClient bob = logon(server, "bob"); MatchpointClient carol = logon(server, "carol"))
        {
            final RecordedReports carols = new RecordedReports(carol);
            limit(carol, 1, Side.SELL, 10_010, 3);
            carols.await(1);
            final RecordedReports alices = new RecordedReports(alice);
            assertTrue(alice.newStopOrder(1, 1, Side.BUY, OrdType.STOP_LIMIT, TimeInForce.GTC, 10_020, 10_010, 10,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(1);
            assertEquals("EXEC NEW      order=* clOrd=1 BUY 10 TEST @ 100.20 GTC leaves=10 stop=100.10",
                alices.lines.get(0));
            assertEquals(OrdType.STOP_LIMIT, alices.ordTypes.get(0));

            limit(bob, 1, Side.BUY, 10_010, 1);
            alices.await(3);
            assertEquals(List.of(
                "EXEC TRIGGERED order=* clOrd=1 BUY TEST stop=100.10",
                "EXEC TRADE    order=* clOrd=1 BUY 2 TEST @ 100.10 trade=* leaves=8 TAKER"),
                alices.lines.subList(1, 3));

            // the 8 left rest at 100.20: carol's sell there is the maker's trade for alice
            limit(carol, 2, Side.SELL, 10_020, 8);
            alices.await(4);
            assertEquals("EXEC TRADE    order=* clOrd=1 BUY 8 TEST @ 100.20 trade=* leaves=0 MAKER",
                alices.lines.get(3));
        }
    }

    @Test
    void aWaitingStopTakesANewStopPriceOrKeepsItsOwnOnAReplaceAndTriggersAtTheNewOne() throws Exception
    {
        try (GatewayServer server = TestServers.start(); MatchpointClient alice = logon(server, "alice");
            MatchpointClient bob = logon(server, "bob"); MatchpointClient carol = logon(server, "carol"))
        {
            final RecordedReports alices = new RecordedReports(alice);
            assertTrue(alice.newStopOrder(1, 1, Side.SELL, OrdType.STOP_LIMIT, TimeInForce.GTC, 9_930, 9_950, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(1);
            final long orderId = alices.orderIds.get(0);

            assertTrue(alice.replaceOrder(orderId, 2, 9_930, 5, 9_960) > 0);
            alices.await(2);
            assertTrue(alice.replaceOrder(orderId, 3, 9_930, 4) > 0);
            alices.await(3);
            assertEquals(List.of(
                "EXEC REPLACED order=* clOrd=2 TEST @ 99.30 leaves=5 priority=LOST stop=99.60",
                "EXEC REPLACED order=* clOrd=3 TEST @ 99.30 leaves=4 priority=KEPT stop=99.60"),
                alices.lines.subList(1, 3));

            // a trade at 99.55 reaches the new stop price, not the old one
            final RecordedReports carols = new RecordedReports(carol);
            limit(carol, 1, Side.BUY, 9_955, 10);
            carols.await(1);
            limit(bob, 1, Side.SELL, 9_955, 1);
            alices.await(5);
            assertEquals(List.of(
                "EXEC TRIGGERED order=* clOrd=3 SELL TEST stop=99.60",
                "EXEC TRADE    order=* clOrd=3 SELL 4 TEST @ 99.55 trade=* leaves=0 TAKER"),
                alices.lines.subList(3, 5));
        }
    }

    @Test
    void aWaitingStopIsCancelledAsAnyOrder() throws Exception
    {
        try (GatewayServer server = TestServers.start(); MatchpointClient alice = logon(server, "alice"))
        {
            final RecordedReports alices = new RecordedReports(alice);
            assertTrue(alice.newStopOrder(1, 1, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 10_100, 7,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(1);

            assertTrue(alice.cancelOrder(alices.orderIds.get(0)) > 0);
            alices.await(2);

            assertEquals("EXEC CANCELLED order=* clOrd=1 qty=7 reason=CLIENT_REQUEST", alices.lines.get(1));
            assertEquals(0L, alices.stopPrices.get(1));
        }
    }

    @Test
    void stopPricesTheRulesRefuseAreRejectedWithTheirReasons() throws Exception
    {
        try (GatewayServer server = TestServers.start(); MatchpointClient alice = logon(server, "alice");
            MatchpointClient bob = logon(server, "bob"); MatchpointClient carol = logon(server, "carol"))
        {
            final RecordedReports alices = new RecordedReports(alice);
            // above the band, and none at all (a STOP sent as a plain order carries stop price 0)
            assertTrue(alice.newStopOrder(1, 1, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 20_000, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            assertTrue(alice.newOrder(2, 1, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 5, false,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(2);
            assertEquals(List.of(
                "EXEC REJECTED clOrd=1 TEST reason=INVALID_STOP_PRICE",
                "EXEC REJECTED clOrd=2 TEST reason=INVALID_STOP_PRICE"), alices.lines);

            // the last trade at 100.00 already reaches a buy stop at 99.00 and a sell stop at 100.00
            final RecordedReports carols = new RecordedReports(carol);
            limit(carol, 1, Side.BUY, 10_000, 1);
            carols.await(1);
            limit(bob, 1, Side.SELL, 10_000, 1);
            carols.await(2);
            assertTrue(alice.newStopOrder(3, 1, Side.BUY, OrdType.STOP_LIMIT, TimeInForce.GTC, 9_950, 9_900, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            assertTrue(alice.newStopOrder(4, 1, Side.SELL, OrdType.STOP, TimeInForce.IOC, 0, 10_000, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(4);
            assertEquals(List.of(
                "EXEC REJECTED clOrd=3 TEST reason=STOP_ALREADY_TRIGGERED",
                "EXEC REJECTED clOrd=4 TEST reason=STOP_ALREADY_TRIGGERED"), alices.lines.subList(2, 4));

            // a waiting stop's replace is checked as a new stop's
            assertTrue(alice.newStopOrder(5, 1, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 10_100, 5,
                SelfTradePrevention.CANCEL_TAKER) > 0);
            alices.await(5);
            assertTrue(alice.replaceOrder(alices.orderIds.get(4), 6, 0, 5, 9_900) > 0);
            alices.await(6);
            assertEquals("CANCEL-REJECT order=* reason=STOP_ALREADY_TRIGGERED clOrd=6 on=REPLACE",
                alices.lines.get(5));
        }
    }

    @Test
    void aVersionZeroReplaceOrderWithoutAStopPriceStillReplacesAWaitingStopWhichKeepsItsStopPrice() throws Exception
    {
        try (GatewayServer server = TestServers.start(); RawClient alice = new RawClient(server.localAddress()))
        {
            alice.logon("alice", "alice-pw", true);
            alice.expect(io.matchpoint.codec.sbe.LogonAcceptedDecoder.TEMPLATE_ID);
            alice.expect(io.matchpoint.codec.sbe.InstrumentDefinitionDecoder.TEMPLATE_ID);
            alice.stopOrder(1, 1, Side.SELL, OrdType.STOP_LIMIT, TimeInForce.GTC, 9_940, 5, 9_950);
            final ExecutionReportDecoder accepted = alice.expectReport();
            assertEquals(ExecType.NEW, accepted.execType());
            final long orderId = accepted.orderId();

            // read past its block, the replace would carry stop price -1, refused with a CancelReject
            alice.replaceAtVersionZero(orderId, 2, 9_930, 4);

            // an ExecutionReport (expectReport fails on a SessionReject or a CancelReject)
            final ExecutionReportDecoder replaced = alice.expectReport();
            assertEquals(ExecType.REPLACED, replaced.execType());
            assertEquals(9_930, replaced.price());
            assertEquals(4, replaced.leavesQuantity());
            assertEquals(9_950, replaced.stopPrice(), "kept");

            // and the session goes on at the current version
            alice.replace(orderId, 3, 9_930, 4, 9_945);
            assertEquals(9_945, alice.expectReport().stopPrice());
            alice.newOrder(4, 1, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_010, 20);
            final ExecutionReportDecoder plain = alice.expectReport();
            assertEquals(ExecType.NEW, plain.execType());
            assertEquals(RejectReason.NONE, plain.rejectReason());
            assertEquals(0, plain.stopPrice());
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

    private static void limit(
        final MatchpointClient client, final long clOrdId, final Side side, final long price, final long quantity)
    {
        assertTrue(client.newOrder(clOrdId, 1, side, OrdType.LIMIT, TimeInForce.GTC, price, quantity, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }
}
