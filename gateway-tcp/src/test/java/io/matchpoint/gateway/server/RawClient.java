package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.HeartbeatEncoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogoutEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;

/**
 * A deliberately simple, blocking test client over a plain socket: it writes frames (well-formed or not) byte for
 * byte as a test wants them and reads the server's frames one at a time, checking their sequence numbers. Tests of
 * bad input need this control; the real client library is tested on its own.
 */
final class RawClient implements AutoCloseable
{
    static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long nextSeqNum = 1;
    private long lastStreamSeqNum;

    RawClient(final InetSocketAddress address) throws IOException
    {
        this(address, 0);
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF to ask for before connecting (a slow reader's small window), 0 for default.
     */
    RawClient(final InetSocketAddress address, final int receiveBufferBytes) throws IOException
    {
        this(address, receiveBufferBytes, null);
    }

    /**
     * @param localAddress the address to connect from (another loopback address, 127.0.0.2, looks to the server like
     *                     another host), or null for any.
     */
    RawClient(final InetSocketAddress address, final int receiveBufferBytes, final java.net.InetAddress localAddress)
        throws IOException
    {
        socket = new Socket();
        if (receiveBufferBytes > 0)
        {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (localAddress != null)
        {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(address, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /**
     * @return whether this side has closed the connection.
     */
    boolean isClosed()
    {
        return socket.isClosed();
    }

    /**
     * @return bytes that can be read now without waiting.
     */
    int available() throws IOException
    {
        return in.available();
    }

    long nextSeqNum()
    {
        return nextSeqNum;
    }

    void skipSeqNum()
    {
        nextSeqNum++;
    }

    /**
     * Logs on with a 30 s heartbeat interval: this client never heartbeats by itself, and the server ends a session
     * silent for three intervals, which a test's slow step on a loaded machine must not reach. Heartbeat tests give
     * their own interval.
     */
    void logon(final String account, final String password, final boolean cancelOnDisconnect) throws IOException
    {
        logon(account, password, cancelOnDisconnect, 30_000);
    }

    void logon(
        final String account, final String password, final boolean cancelOnDisconnect, final int heartbeatIntervalMs)
        throws IOException
    {
        logon(account, password, cancelOnDisconnect, heartbeatIntervalMs, LogonEncoder.lastSeqNumNullValue());
    }

    /**
     * @param lastSeqNum the last number of the account's stream this client says it processed (the server replays
     *                   what follows), or the null value to start live.
     */
    void logon(
        final String account,
        final String password,
        final boolean cancelOnDisconnect,
        final int heartbeatIntervalMs,
        final long lastSeqNum)
        throws IOException
    {
        final LogonEncoder logon = new LogonEncoder();
        logon.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .cancelOnDisconnect(cancelOnDisconnect ? BooleanType.TRUE : BooleanType.FALSE)
            .account(account)
            .credential(password)
            .lastSeqNum(lastSeqNum);
        sendFrame(logon.encodedLength());
    }

    void newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce tif,
        final long price,
        final long quantity) throws IOException
    {
        newOrder(clOrdId, instrumentId, side, ordType, tif, price, quantity, 0);
    }

    /**
     * @param displayQuantity above 0 for an iceberg.
     */
    void newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce tif,
        final long price,
        final long quantity,
        final long displayQuantity) throws IOException
    {
        sendFrame(encodeNewOrder(clOrdId, instrumentId, side, ordType, tif, price, quantity)
            .displayQuantity(displayQuantity).stopPrice(0).encodedLength());
    }

    /**
     * @param ordType   STOP or STOP_LIMIT (or any other, to see the stop price ignored).
     * @param price     the limit price once triggered (STOP_LIMIT); ignored for a STOP.
     * @param stopPrice the price a trade must reach to trigger the order.
     */
    void stopOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce tif,
        final long price,
        final long quantity,
        final long stopPrice) throws IOException
    {
        sendFrame(encodeNewOrder(clOrdId, instrumentId, side, ordType, tif, price, quantity)
            .displayQuantity(0).stopPrice(stopPrice).encodedLength());
    }

    /**
     * A NewOrder as a client built against schema version 0 sends it: that version in its header and that version's
     * block, which ends before displayQuantity. The bytes after it in this client's buffer are set to read as a
     * display quantity of -1, so that a server reading past the block would refuse the order.
     */
    void newOrderAtVersionZero(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity) throws IOException
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0xFF);
        encodeNewOrder(clOrdId, instrumentId, side, OrdType.LIMIT, TimeInForce.GTC, price, quantity);
        final int versionZeroBlockLength = NewOrderEncoder.displayQuantityEncodingOffset();
        headerEncoder.blockLength(versionZeroBlockLength).version(0);
        sendFrame(versionZeroBlockLength);
    }

    private NewOrderEncoder encodeNewOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce tif,
        final long price,
        final long quantity)
    {
        return new NewOrderEncoder().wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++)
            .clOrdId(clOrdId)
            .instrumentId(instrumentId)
            .side(side)
            .ordType(ordType)
            .timeInForce(tif)
            .postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
            .price(price)
            .quantity(quantity);
    }

    void buy(final long clOrdId, final long price, final long quantity) throws IOException
    {
        newOrder(clOrdId, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, price, quantity);
    }

    void sell(final long clOrdId, final long price, final long quantity) throws IOException
    {
        newOrder(clOrdId, 1, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, price, quantity);
    }

    void cancel(final long orderId) throws IOException
    {
        final CancelOrderEncoder cancel = new CancelOrderEncoder();
        cancel.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).orderId(orderId).origClOrdId(0);
        sendFrame(cancel.encodedLength());
    }

    void cancelByClientOrderId(final long origClOrdId) throws IOException
    {
        final CancelOrderEncoder cancel = new CancelOrderEncoder();
        cancel.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).orderId(0).origClOrdId(origClOrdId);
        sendFrame(cancel.encodedLength());
    }

    /**
     * A replace that keeps a waiting stop order's stop price (the null stop price).
     */
    void replace(final long orderId, final long newClOrdId, final long price, final long quantity) throws IOException
    {
        replace(orderId, newClOrdId, price, quantity, ReplaceOrderEncoder.stopPriceNullValue());
    }

    void replace(
        final long orderId, final long newClOrdId, final long price, final long quantity, final long stopPrice)
        throws IOException
    {
        final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
        replace.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).orderId(orderId).newClOrdId(newClOrdId).price(price).quantity(quantity)
            .stopPrice(stopPrice);
        sendFrame(replace.encodedLength());
    }

    /**
     * A ReplaceOrder as a client built against schema version 0 sends it: that version in its header and that
     * version's block, which ends before stopPrice. The bytes after it in this client's buffer are set to read as a
     * stop price of -1, so that a server reading past the block would refuse a stop's replace (INVALID_STOP_PRICE).
     */
    void replaceAtVersionZero(final long orderId, final long newClOrdId, final long price, final long quantity)
        throws IOException
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0xFF);
        new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).orderId(orderId).newClOrdId(newClOrdId).price(price).quantity(quantity);
        final int versionZeroBlockLength = ReplaceOrderEncoder.stopPriceEncodingOffset();
        headerEncoder.blockLength(versionZeroBlockLength).version(0);
        sendFrame(versionZeroBlockLength);
    }

    void massCancel(final int instrumentId) throws IOException
    {
        final MassCancelEncoder massCancel = new MassCancelEncoder();
        massCancel.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).instrumentId(instrumentId);
        sendFrame(massCancel.encodedLength());
    }

    void tradingStatus(final int instrumentId, final TradingStatus status) throws IOException
    {
        final TradingStatusRequestEncoder request = new TradingStatusRequestEncoder();
        request.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).instrumentId(instrumentId).status(status);
        sendFrame(request.encodedLength());
    }

    void heartbeat() throws IOException
    {
        final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
        heartbeat.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder).seqNum(nextSeqNum++);
        sendFrame(heartbeat.encodedLength());
    }

    void logout() throws IOException
    {
        final LogoutEncoder logout = new LogoutEncoder();
        logout.wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, headerEncoder)
            .seqNum(nextSeqNum++).reason(LogoutReason.CLIENT_LOGOUT);
        sendFrame(logout.encodedLength());
    }

    private void sendFrame(final int bodyLength) throws IOException
    {
        final int sbeLength = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        SofhFlyweight.wrapSbe(buffer, 0, sbeLength);
        out.write(buffer.byteArray(), 0, SofhFlyweight.HEADER_LENGTH + sbeLength);
        out.flush();
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /**
     * @return the next frame's SBE message (header at offset 0), its sequence number checked.
     */
    UnsafeBuffer read() throws IOException
    {
        final byte[] sofh = new byte[SofhFlyweight.HEADER_LENGTH];
        in.readFully(sofh);
        final UnsafeBuffer sofhView = new UnsafeBuffer(sofh);
        assertEquals(SofhFlyweight.SBE_LITTLE_ENDIAN, SofhFlyweight.encodingType(sofhView, 0));
        final byte[] message = new byte[(int)SofhFlyweight.messageLength(sofhView, 0) - SofhFlyweight.HEADER_LENGTH];
        in.readFully(message);
        final UnsafeBuffer view = new UnsafeBuffer(message);
        final long seqNum = view.getLong(MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
        if (header.wrap(view, 0).templateId() == io.matchpoint.codec.sbe.LogonAcceptedDecoder.TEMPLATE_ID)
        {
            final io.matchpoint.codec.sbe.LogonAcceptedDecoder accepted = new io.matchpoint.codec.sbe.LogonAcceptedDecoder()
                .wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            lastStreamSeqNum = accepted.nextSeqNum() - 1;
        }
        if (seqNum != 0)
        {
            assertEquals(lastStreamSeqNum + 1, seqNum, "the account's stream runs without gap");
            lastStreamSeqNum = seqNum;
        }
        return view;
    }

    /**
     * Reads frames, skipping heartbeats, until one of the given template arrives.
     */
    UnsafeBuffer expect(final int templateId) throws IOException
    {
        while (true)
        {
            final UnsafeBuffer message = read();
            final int actual = header.wrap(message, 0).templateId();
            if (actual == templateId)
            {
                return message;
            }
            if (actual != HeartbeatEncoder.TEMPLATE_ID)
            {
                fail("expected template " + templateId + " but got " + actual);
            }
        }
    }

    /**
     * Reads the next frame, which must be of the given template (heartbeats included).
     */
    UnsafeBuffer expectExactly(final int templateId) throws IOException
    {
        final UnsafeBuffer message = read();
        assertEquals(templateId, header.wrap(message, 0).templateId());
        return message;
    }

    ExecutionReportDecoder expectReport() throws IOException
    {
        final UnsafeBuffer message = expect(ExecutionReportDecoder.TEMPLATE_ID);
        return new ExecutionReportDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, ExecutionReportDecoder.BLOCK_LENGTH,
            ExecutionReportDecoder.SCHEMA_VERSION);
    }

    /**
     * @return true if the server closed the connection (after any frames still in flight, which are skipped).
     */
    boolean awaitClosed() throws IOException
    {
        try
        {
            while (true)
            {
                if (in.read() < 0)
                {
                    return true;
                }
            }
        }
        catch (final EOFException | java.net.SocketException ex)
        {
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
    }

    /**
     * Asserts that the server ended the connection cleanly: end of stream next, not a reset (a reset would have thrown
     * away whatever the server wrote last).
     */
    void expectEndOfStream() throws IOException
    {
        try
        {
            assertEquals(-1, in.read(), "end of stream, with nothing more before it");
        }
        catch (final java.net.SocketException ex)
        {
            fail("the server reset the connection instead of closing it: " + ex);
        }
    }

    void shutdownOutput() throws IOException
    {
        socket.shutdownOutput();
    }

    public void close() throws IOException
    {
        socket.close();
    }
}
