package io.matchpoint.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderDecoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestDecoder;

class MatchpointClientSendTest
{
    private static final int NEW_ORDER_FRAME_LENGTH = 6 + 8 + NewOrderDecoder.BLOCK_LENGTH;

    private final RecordingListener listener = new RecordingListener();
    private FakeServer server;
    private MatchpointClient client;

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietCloseAll(client, server);
    }

    @Test
    void shouldEncodeLogonWithSeqNumOneAndNulPaddedNames() throws IOException
    {
        connect();

        assertEquals(1, client.logon("alice", "s3cret", true, 1_500));

        final UnsafeBuffer frame = server.readFrame();
        assertEquals(6 + 8 + LogonDecoder.BLOCK_LENGTH, frame.capacity());
        assertEquals(frame.capacity(), SofhFlyweight.messageLength(frame, 0));
        assertEquals(0xEB50, SofhFlyweight.encodingType(frame, 0));
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, ServerFrames.SBE_HEADER_OFFSET);
        assertEquals(LogonDecoder.TEMPLATE_ID, header.templateId());
        assertEquals(LogonDecoder.SCHEMA_ID, header.schemaId());
        assertEquals(LogonDecoder.SCHEMA_VERSION, header.version());
        assertEquals(LogonDecoder.BLOCK_LENGTH, header.blockLength());
        final LogonDecoder logon = decode(new LogonDecoder(), frame);
        assertEquals(1, logon.seqNum());
        assertEquals(1_500, logon.heartbeatIntervalMs());
        assertEquals(BooleanType.TRUE, logon.cancelOnDisconnect());
        final byte[] account = new byte[16];
        logon.getAccount(account, 0);
        assertArrayEquals(padded("alice", 16), account);
        final byte[] credential = new byte[32];
        logon.getCredential(credential, 0);
        assertArrayEquals(padded("s3cret", 32), credential);
        assertEquals(2, client.nextSeqNum());
    }

    @Test
    void shouldRefuseAccountNameLongerThanSixteenCharactersWithoutSending() throws IOException
    {
        connect();

        assertThrows(
            IllegalArgumentException.class, () -> client.logon("seventeen-chars-x", "pw", true, 1_000));
        assertEquals(1, client.nextSeqNum());
        assertEquals(0, client.pendingOutboundBytes());
    }

    @Test
    void shouldStageSendsWithoutAutoFlushAndWriteThemTogetherOnFlush() throws IOException
    {
        connect();
        client.autoFlush(false);

        assertEquals(1, client.newOrder(
            11, 3, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 10_000, 5, false, SelfTradePrevention.CANCEL_TAKER));
        assertEquals(2, client.cancelOrder(42));
        assertEquals(3, client.newOrder(
            12, 3, Side.SELL, OrdType.LIMIT, TimeInForce.IOC, 10_000, 5, false, SelfTradePrevention.CANCEL_TAKER));
        assertEquals(2 * NEW_ORDER_FRAME_LENGTH + 6 + 8 + CancelOrderDecoder.BLOCK_LENGTH,
            client.pendingOutboundBytes(), "staged, not written");

        assertTrue(client.flush());

        assertEquals(0, client.pendingOutboundBytes());
        assertEquals(11, decode(new NewOrderDecoder(), server.readFrame()).clOrdId());
        assertEquals(42, decode(new CancelOrderDecoder(), server.readFrame()).orderId());
        assertEquals(12, decode(new NewOrderDecoder(), server.readFrame()).clOrdId());
    }

    @Test
    void shouldWriteAHeartbeatAtOnceEvenWhileStaging() throws IOException
    {
        connect();
        client.autoFlush(false);

        assertEquals(1, client.heartbeat());

        assertEquals(0, client.pendingOutboundBytes());
        assertEquals(1, decode(new HeartbeatDecoder(), server.readFrame()).seqNum());
    }

    @Test
    void shouldEncodeNewOrderFields() throws IOException
    {
        connect();

        assertEquals(1, client.newOrder(
            11, 3, Side.SELL, OrdType.LIMIT, TimeInForce.IOC, 10_125, 30, true,
            SelfTradePrevention.DECREMENT_AND_CANCEL));

        final NewOrderDecoder order = decode(new NewOrderDecoder(), server.readFrame());
        assertEquals(1, order.seqNum());
        assertEquals(11, order.clOrdId());
        assertEquals(3, order.instrumentId());
        assertEquals(io.matchpoint.codec.sbe.Side.SELL, order.side());
        assertEquals(io.matchpoint.codec.sbe.OrdType.LIMIT, order.ordType());
        assertEquals(io.matchpoint.codec.sbe.TimeInForce.IOC, order.timeInForce());
        assertEquals(BooleanType.TRUE, order.postOnly());
        assertEquals(io.matchpoint.codec.sbe.SelfTradePrevention.DECREMENT_AND_CANCEL, order.selfTradePrevention());
        assertEquals(10_125, order.price());
        assertEquals(30, order.quantity());
    }

    @Test
    void shouldSendAnIcebergsDisplayQuantityAndZeroForAPlainOrderAfterIt() throws IOException
    {
        connect();

        client.newOrder(1, 3, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_125, 100, 10, false,
            SelfTradePrevention.CANCEL_TAKER);
        client.newOrder(2, 3, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_125, 100, false,
            SelfTradePrevention.CANCEL_TAKER);

        final NewOrderDecoder iceberg = decode(new NewOrderDecoder(), server.readFrame());
        assertEquals(100, iceberg.quantity());
        assertEquals(10, iceberg.displayQuantity());
        assertEquals(NewOrderDecoder.SCHEMA_VERSION, iceberg.actingVersion());
        assertEquals(0, decode(new NewOrderDecoder(), server.readFrame()).displayQuantity());
    }

    @Test
    void shouldSendAStopOrdersTypeAndStopPriceAndZeroForAPlainOrderAfterIt() throws IOException
    {
        connect();

        assertEquals(1, client.newStopOrder(1, 3, Side.SELL, OrdType.STOP_LIMIT, TimeInForce.GTC, 9_940, 9_950, 20,
            SelfTradePrevention.CANCEL_MAKER));
        assertEquals(2, client.newStopOrder(2, 3, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 10_050, 5,
            SelfTradePrevention.CANCEL_TAKER));
        client.newOrder(3, 3, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_125, 100, false,
            SelfTradePrevention.CANCEL_TAKER);

        final NewOrderDecoder stopLimit = decode(new NewOrderDecoder(), server.readFrame());
        assertEquals(io.matchpoint.codec.sbe.OrdType.STOP_LIMIT, stopLimit.ordType());
        assertEquals(io.matchpoint.codec.sbe.Side.SELL, stopLimit.side());
        assertEquals(9_940, stopLimit.price());
        assertEquals(9_950, stopLimit.stopPrice());
        assertEquals(20, stopLimit.quantity());
        assertEquals(0, stopLimit.displayQuantity());
        assertEquals(BooleanType.FALSE, stopLimit.postOnly());
        assertEquals(io.matchpoint.codec.sbe.SelfTradePrevention.CANCEL_MAKER, stopLimit.selfTradePrevention());
        final NewOrderDecoder stop = decode(new NewOrderDecoder(), server.readFrame());
        assertEquals(io.matchpoint.codec.sbe.OrdType.STOP, stop.ordType());
        assertEquals(io.matchpoint.codec.sbe.TimeInForce.IOC, stop.timeInForce());
        assertEquals(10_050, stop.stopPrice());
        assertEquals(0, decode(new NewOrderDecoder(), server.readFrame()).stopPrice());
    }

    @Test
    void shouldRefuseToSendAStopOrderOfAnotherTypeOrWithANullEnumAndSendNothing() throws IOException
    {
        connect();

        for (final OrdType notAStop : new OrdType[] { OrdType.LIMIT, OrdType.MARKET, OrdType.NULL_VAL })
        {
            assertThrows(IllegalArgumentException.class, () -> client.newStopOrder(
                1, 1, Side.BUY, notAStop, TimeInForce.GTC, 100, 100, 1, SelfTradePrevention.CANCEL_TAKER));
        }
        assertThrows(IllegalArgumentException.class, () -> client.newStopOrder(
            1, 1, Side.NULL_VAL, OrdType.STOP, TimeInForce.GTC, 0, 100, 1, SelfTradePrevention.CANCEL_TAKER));
        assertThrows(IllegalArgumentException.class, () -> client.newStopOrder(
            1, 1, Side.BUY, OrdType.STOP, TimeInForce.NULL_VAL, 0, 100, 1, SelfTradePrevention.CANCEL_TAKER));
        assertThrows(IllegalArgumentException.class, () -> client.newStopOrder(
            1, 1, Side.BUY, OrdType.STOP, TimeInForce.GTC, 0, 100, 1, SelfTradePrevention.NULL_VAL));

        client.cancelOrder(42);
        assertEquals(1, decode(new CancelOrderDecoder(), server.readFrame()).seqNum());
    }

    @Test
    void shouldSendEveryEnumValueAsItself() throws IOException
    {
        connect();

        for (final Side side : sendable(Side.values(), Side.NULL_VAL))
        {
            for (final OrdType type : sendable(OrdType.values(), OrdType.NULL_VAL))
            {
                for (final TimeInForce tif : sendable(TimeInForce.values(), TimeInForce.NULL_VAL))
                {
                    for (final SelfTradePrevention stp :
                        sendable(SelfTradePrevention.values(), SelfTradePrevention.NULL_VAL))
                    {
                        client.newOrder(1, 1, side, type, tif, 100, 1, false, stp);
                        final NewOrderDecoder order = decode(new NewOrderDecoder(), server.readFrame());
                        assertEquals(side, order.side());
                        assertEquals(type, order.ordType());
                        assertEquals(tif, order.timeInForce());
                        assertEquals(stp, order.selfTradePrevention());
                        assertEquals(BooleanType.FALSE, order.postOnly());
                    }
                }
            }
        }
    }

    @Test
    void shouldRefuseToSendAnOrderWithANullEnumAndSendNothing() throws IOException
    {
        connect();

        assertThrows(IllegalArgumentException.class, () -> client.newOrder(
            1, 1, Side.NULL_VAL, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false, SelfTradePrevention.CANCEL_TAKER));
        assertThrows(IllegalArgumentException.class, () -> client.newOrder(
            1, 1, Side.BUY, OrdType.NULL_VAL, TimeInForce.GTC, 100, 1, false, SelfTradePrevention.CANCEL_TAKER));
        assertThrows(IllegalArgumentException.class, () -> client.newOrder(
            1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.NULL_VAL, 100, 1, false, SelfTradePrevention.CANCEL_TAKER));
        assertThrows(IllegalArgumentException.class, () -> client.newOrder(
            1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false, SelfTradePrevention.NULL_VAL));

        // the next message still carries the next sequence number: nothing was claimed for the refused ones
        client.cancelOrder(42);
        final CancelOrderDecoder cancel = decode(new CancelOrderDecoder(), server.readFrame());
        assertEquals(1, cancel.seqNum());
    }

    private static <E extends Enum<E>> List<E> sendable(final E[] values, final E nullValue)
    {
        final List<E> sendable = new ArrayList<>(List.of(values));
        sendable.remove(nullValue);
        return sendable;
    }

    @Test
    void shouldEncodeCancelByOrderIdWithZeroClientOrderId() throws IOException
    {
        connect();

        client.cancelOrder(42);

        final CancelOrderDecoder cancel = decode(new CancelOrderDecoder(), server.readFrame());
        assertEquals(42, cancel.orderId());
        assertEquals(0, cancel.origClOrdId());
    }

    @Test
    void shouldEncodeCancelByClientOrderIdWithZeroOrderId() throws IOException
    {
        connect();

        client.cancelByClientOrderId(7);

        final CancelOrderDecoder cancel = decode(new CancelOrderDecoder(), server.readFrame());
        assertEquals(0, cancel.orderId());
        assertEquals(7, cancel.origClOrdId());
    }

    @Test
    void shouldEncodeReplaceOrder() throws IOException
    {
        connect();

        client.replaceOrder(42, 8, 10_150, 25);

        final ReplaceOrderDecoder replace = decode(new ReplaceOrderDecoder(), server.readFrame());
        assertEquals(42, replace.orderId());
        assertEquals(8, replace.newClOrdId());
        assertEquals(10_150, replace.price());
        assertEquals(25, replace.quantity());
        assertEquals(ReplaceOrderDecoder.stopPriceNullValue(), replace.stopPrice(), "keep a waiting stop's");
    }

    @Test
    void shouldEncodeAReplaceWithANewStopPrice() throws IOException
    {
        connect();

        client.replaceOrder(42, 8, 0, 25, 9_900);

        final ReplaceOrderDecoder replace = decode(new ReplaceOrderDecoder(), server.readFrame());
        assertEquals(42, replace.orderId());
        assertEquals(25, replace.quantity());
        assertEquals(9_900, replace.stopPrice());
    }

    @Test
    void shouldEncodeMassCancelOfAllInstrumentsAsMinusOne() throws IOException
    {
        connect();

        client.massCancel(-1);

        assertEquals(-1, decode(new MassCancelDecoder(), server.readFrame()).instrumentId());
    }

    @Test
    void shouldEncodeHaltAndResumeAsTradingStatusRequests() throws IOException
    {
        connect();

        client.tradingStatus(4, true);
        client.tradingStatus(4, false);

        final TradingStatusRequestDecoder halt = decode(new TradingStatusRequestDecoder(), server.readFrame());
        assertEquals(4, halt.instrumentId());
        assertEquals(TradingStatus.HALTED, halt.status());
        assertEquals(TradingStatus.TRADING, decode(new TradingStatusRequestDecoder(), server.readFrame()).status());
    }

    @Test
    void shouldEncodeLogoutWithClientLogoutReason() throws IOException
    {
        connect();

        client.logout();

        assertEquals(LogoutReason.CLIENT_LOGOUT, decode(new LogoutDecoder(), server.readFrame()).reason());
    }

    @Test
    void shouldNumberSentMessagesConsecutivelyFromOne() throws IOException
    {
        connect();

        final long[] returned = {
            client.logon("alice", "pw", false, 1_000),
            client.newOrder(1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false,
                SelfTradePrevention.CANCEL_TAKER),
            client.cancelOrder(5),
            client.heartbeat()
        };

        assertArrayEquals(new long[]{ 1, 2, 3, 4 }, returned);
        final long[] onTheWire = new long[4];
        for (int i = 0; i < onTheWire.length; i++)
        {
            onTheWire[i] = ServerFrames.seqNum(server.readFrame());
        }
        assertArrayEquals(returned, onTheWire);
        assertEquals(5, client.nextSeqNum());
    }

    @Test
    void shouldReturnBackPressuredWithoutUsingASeqNumWhenOutboundBufferIsFull() throws IOException
    {
        connectNotReading();

        final long seqNumBefore = fillUntilBackPressured();

        assertEquals(MatchpointClient.BACK_PRESSURED, client.newOrder(
            1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false, SelfTradePrevention.CANCEL_TAKER));
        assertEquals(seqNumBefore, client.nextSeqNum());
        assertTrue(client.pendingOutboundBytes() > 1_024 - NEW_ORDER_FRAME_LENGTH, "the outbound buffer is full");
        assertTrue(client.isConnected());
    }

    @Test
    void shouldFlushBufferedOutputInOrderOnceThePeerReads() throws IOException
    {
        connectNotReading();
        final long lastSent = fillUntilBackPressured() - 1;

        long expected = 1;
        final long deadlineNs = FakeServer.deadlineNs();
        while (expected <= lastSent)
        {
            client.poll(listener);
            DirectBuffer frame;
            while (null != (frame = server.pollFrame()))
            {
                assertEquals(expected++, ServerFrames.seqNum(frame));
            }
            FakeServer.checkDeadline(deadlineNs, "all " + lastSent + " frames");
        }

        assertEquals(0, client.pendingOutboundBytes());
        assertEquals(lastSent + 1, client.heartbeat());
        assertEquals(HeartbeatDecoder.TEMPLATE_ID, ServerFrames.templateId(server.readFrame()));
    }

    private long fillUntilBackPressured()
    {
        for (int i = 0; i < 10_000_000; i++)
        {
            final long result = client.newOrder(
                i, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 100, 1, false, SelfTradePrevention.CANCEL_TAKER);
            if (MatchpointClient.BACK_PRESSURED == result)
            {
                return client.nextSeqNum();
            }
            assertEquals(i + 1, result);
        }

        throw new AssertionError("never back-pressured");
    }

    private void connect() throws IOException
    {
        server = new FakeServer();
        client = MatchpointClient.connect(server.host(), server.port(), FakeServer.TIMEOUT_MS);
        server.accept();
    }

    private void connectNotReading() throws IOException
    {
        server = new FakeServer(4_096);
        client = MatchpointClient.connect(server.host(), server.port(), FakeServer.TIMEOUT_MS,
            SystemNanoClock.INSTANCE, 1_024);
        server.accept();
    }

    private static <D extends MessageDecoderFlyweight> D decode(final D decoder, final DirectBuffer frame)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, ServerFrames.SBE_HEADER_OFFSET);
        assertEquals(decoder.sbeTemplateId(), header.templateId());
        assertEquals(frame.capacity(), frame.getInt(0, ByteOrder.BIG_ENDIAN));
        decoder.wrap(frame, ServerFrames.BODY_OFFSET, header.blockLength(), header.version());

        return decoder;
    }

    private static byte[] padded(final String text, final int length)
    {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), length);
    }
}
