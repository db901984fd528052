package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.Side;

class TwoClientsTradeTest
{
    private GatewayServer server;

    @BeforeEach
    void startServer() throws IOException
    {
        server = TestServers.start();
    }

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    @Test
    void shouldAcceptLogonAndSendTheInstrumentList() throws IOException
    {
        try (RawClient alice = new RawClient(server.localAddress()))
        {
            alice.logon("alice", "alice-pw", true);

            final UnsafeBuffer accepted = alice.expect(LogonAcceptedDecoder.TEMPLATE_ID);
            final LogonAcceptedDecoder logonAccepted = new LogonAcceptedDecoder().wrap(
                accepted, MessageHeaderDecoder.ENCODED_LENGTH, LogonAcceptedDecoder.BLOCK_LENGTH, 0);
            assertEquals(1, logonAccepted.accountId());
            assertEquals(1, logonAccepted.instrumentCount());
            final UnsafeBuffer definition = alice.expect(InstrumentDefinitionDecoder.TEMPLATE_ID);
            final InstrumentDefinitionDecoder instrument = new InstrumentDefinitionDecoder().wrap(
                definition, MessageHeaderDecoder.ENCODED_LENGTH, InstrumentDefinitionDecoder.BLOCK_LENGTH, 0);
            assertEquals("TEST", instrument.symbol().trim());
            assertEquals(2, instrument.priceDecimals());
            assertEquals(15_000, instrument.highPrice());
        }
    }

    @Test
    void shouldTradeBetweenTwoAccountsAndReportToBothSides() throws IOException
    {
        try (RawClient alice = loggedOn("alice"); RawClient bob = loggedOn("bob"))
        {
            alice.sell(11, 10_125, 10);
            final ExecutionReportDecoder aliceNew = alice.expectReport();
            assertEquals(ExecType.NEW, aliceNew.execType());
            final long aliceOrderId = aliceNew.orderId();

            bob.buy(21, 10_125, 4);
            final ExecutionReportDecoder bobNew = bob.expectReport();
            assertEquals(ExecType.NEW, bobNew.execType());
            final ExecutionReportDecoder bobFill = bob.expectReport();
            assertEquals(ExecType.TRADE, bobFill.execType());
            assertEquals(Liquidity.TAKER, bobFill.liquidity());
            assertEquals(4, bobFill.quantity());
            assertEquals(0, bobFill.leavesQuantity());
            assertEquals(10_125, bobFill.price());

            final ExecutionReportDecoder aliceFill = alice.expectReport();
            assertEquals(ExecType.TRADE, aliceFill.execType());
            assertEquals(aliceOrderId, aliceFill.orderId());
            assertEquals(11, aliceFill.clOrdId());
            assertEquals(Side.SELL, aliceFill.side());
            assertEquals(Liquidity.MAKER, aliceFill.liquidity());
            assertEquals(6, aliceFill.leavesQuantity());
            assertEquals(bobFill.tradeId(), aliceFill.tradeId());
        }
    }

    @Test
    void shouldCancelOrdersOnDisconnectWhenAsked() throws IOException
    {
        try (RawClient bob = loggedOn("bob"))
        {
            try (RawClient alice = loggedOn("alice"))
            {
                alice.sell(1, 10_000, 5);
                assertEquals(ExecType.NEW, alice.expectReport().execType());
            }
            // alice's socket closed: her order is cancelled, so bob's buy rests instead of trading
            bob.buy(2, 10_000, 5);
            final ExecutionReportDecoder bobNew = bob.expectReport();
            assertEquals(ExecType.NEW, bobNew.execType());
            final long bobOrderId = bobNew.orderId();
            bob.cancel(bobOrderId);
            final ExecutionReportDecoder cancelled = bob.expectReport();
            assertEquals(ExecType.CANCELLED, cancelled.execType());
            assertEquals(CancelReason.CLIENT_REQUEST, cancelled.cancelReason());
            assertEquals(bobOrderId, cancelled.orderId());
        }
        assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
        assertEquals(0, server.matcher().engine().restingOrderCount());
    }

    private RawClient loggedOn(final String account) throws IOException
    {
        final RawClient client = new RawClient(server.localAddress());
        client.logon(account, account + "-pw", true);
        client.expect(LogonAcceptedDecoder.TEMPLATE_ID);
        client.expect(InstrumentDefinitionDecoder.TEMPLATE_ID);
        return client;
    }
}
