package io.matchpoint.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.HeartbeatEncoder;
import io.matchpoint.codec.sbe.KillSwitchRequestEncoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogoutEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.SnapshotRequestEncoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;

/**
 * One client connection to a Matchpoint server: encodes order entry into SOFH-framed SBE messages, reads what the
 * server sends, checks its framing and sequence numbers, and hands each message to a {@link ClientListener}.
 * <p>
 * <b>Threading.</b> A client belongs to one thread: every method, {@link #poll(ClientListener)} included, must be
 * called from it. Nothing here blocks except {@link #connect(String, int, long)}, {@link #awaitLogon} and
 * {@link #logonAndWait}.
 * <p>
 * <b>Sending.</b> Each send encodes one message into a preallocated outbound buffer and, by default, writes what the
 * socket takes at once; the rest stays buffered and goes out on later sends and polls, in order. With
 * {@link #autoFlush(boolean) autoFlush(false)} sends are staged instead and go out together, in one {@code write},
 * on {@link #flush()} or the next poll (or when the buffer fills): a burst of orders for one system call, and for
 * the server one read and one batch. A send returns the
 * message's sequence number (the client numbers what it sends from 1, the Logon being 1), or a negative code:
 * {@link #BACK_PRESSURED} when the outbound buffer has no room for the message (nothing was encoded, no sequence
 * number was used; poll and try again) or {@link #NOT_CONNECTED}. Sends and polls allocate nothing after warm-up.
 * <p>
 * <b>Receiving.</b> {@link #poll(ClientListener)} flushes pending output, makes one non-blocking read into a
 * preallocated buffer, and dispatches every complete frame in it (a frame may arrive in pieces; a read may hold many
 * frames). A frame whose encoding type is not {@link SofhFlyweight#SBE_LITTLE_ENDIAN}, whose length is outside
 * {@code [22, MessageLimits.MAX_FRAME_LENGTH]} (22: framing header, SBE header and seqNum), whose schema id is not
 * Matchpoint's, whose block length is shorter than its template needs or overruns the frame, whose template is one
 * only a client or the engine sends, or whose sequence number is not exactly one more than the previous message's
 * (the server numbers from 1) is a protocol error: the listener gets
 * {@link ClientListener#onProtocolError(String)}, the connection is closed and
 * {@link ClientListener#onDisconnected(String)} follows. A session-level template (below 50) this build does not know
 * is sequence-checked and skipped, so a newer server can add messages. The schema version is not checked: the
 * decoders read a newer server's longer blocks by the block length in the header.
 * <p>
 * <b>Heartbeats.</b> Once the Logon is sent, a poll sends a Heartbeat when nothing was sent for one heartbeat
 * interval (the one asked for in the Logon, then the one the server confirms), and ends the connection when nothing
 * arrived for {@value #SERVER_SILENCE_INTERVALS} intervals. Time comes from the {@link NanoClock} given at
 * construction, read once per poll and once per send; poll often enough, at least several times per interval.
 * <p>
 * <b>Reference data.</b> The client keeps every InstrumentDefinition it receives, updated by TradingStatusUpdate,
 * as immutable {@link ClientInstrument} values: see {@link #instrument(String)} and {@link #instrumentById(int)}.
 */
public final class MatchpointClient implements AutoCloseable
{
    /** A send found no room in the outbound buffer: nothing was encoded and no sequence number was used. */
    public static final long BACK_PRESSURED = -1;
    /** A risk limit that is not set. */
    public static final long NO_LIMIT = -1;
    /** The account id of the default risk limits, which every account without its own follows. */
    public static final long ALL_ACCOUNTS = Long.MIN_VALUE;

    /** A send on a client whose connection has ended or was closed. */
    public static final long NOT_CONNECTED = -2;

    /**
     * "None" for {@link #lastSeqNum()} and {@link #resumeAfter(long)}: no sequenced message seen, start live.
     */
    public static final long NO_SEQ_NUM = ServerMessageAdapter.NO_SEQ_NUM;

    /** Default size of the outbound buffer, which holds what the socket has not yet taken. */
    public static final int DEFAULT_OUTBOUND_BUFFER_LENGTH = 64 * 1024;

    /** Size of the inbound buffer that each poll reads into. */
    public static final int INBOUND_BUFFER_LENGTH = 64 * 1024;

    /** How many heartbeat intervals of silence from the server end the connection. */
    public static final int SERVER_SILENCE_INTERVALS = 3;

    private static final int SBE_OFFSET = SofhFlyweight.HEADER_LENGTH;
    private static final int FRAME_OVERHEAD = SofhFlyweight.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH;

    private final ClientConnection connection;
    private final NanoClock clock;
    private final IdleStrategy awaitIdleStrategy = new BackoffIdleStrategy();
    private final InstrumentCache instruments = new InstrumentCache();
    private final ServerMessageAdapter adapter;

    private final ByteBuffer outboundByteBuffer;
    private final UnsafeBuffer outboundBuffer;
    private final int outboundCapacity;
    private int outboundStart;
    private int outboundEnd;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LogonEncoder logonEncoder = new LogonEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final LogoutEncoder logoutEncoder = new LogoutEncoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrderEncoder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrderEncoder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancelEncoder = new MassCancelEncoder();
    private final SnapshotRequestEncoder snapshotRequestEncoder = new SnapshotRequestEncoder();
    private final TradingStatusRequestEncoder tradingStatusRequestEncoder = new TradingStatusRequestEncoder();
    private final KillSwitchRequestEncoder killSwitchRequestEncoder = new KillSwitchRequestEncoder();
    private final io.matchpoint.codec.sbe.RiskLimitsRequestEncoder riskLimitsRequestEncoder =
        new io.matchpoint.codec.sbe.RiskLimitsRequestEncoder();
    private final io.matchpoint.codec.sbe.PriceCollarRequestEncoder priceCollarRequestEncoder =
        new io.matchpoint.codec.sbe.PriceCollarRequestEncoder();

    private long nextSeqNum = 1;
    private boolean autoFlush = true;
    private boolean logonSent;
    private long requestedHeartbeatIntervalMs;
    private long lastSendNs;

    /**
     * Wraps a connected channel, which the client then owns: it is made non-blocking, gets TCP_NODELAY, and is
     * closed with the client (also when this constructor fails).
     *
     * @param channel              a connected socket channel.
     * @param clock                the time source for heartbeats and deadlines.
     * @param outboundBufferLength bytes of the outbound buffer, at least {@link MessageLimits#MAX_FRAME_LENGTH}.
     * @throws IOException when the channel cannot be configured.
     */
    public MatchpointClient(final SocketChannel channel, final NanoClock clock, final int outboundBufferLength)
        throws IOException
    {
        Objects.requireNonNull(channel, "channel");
        try
        {
            this.clock = Objects.requireNonNull(clock, "clock");
            if (outboundBufferLength < MessageLimits.MAX_FRAME_LENGTH)
            {
                throw new IllegalArgumentException(
                    "outboundBufferLength " + outboundBufferLength + " < " + MessageLimits.MAX_FRAME_LENGTH);
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }

        connection = new ClientConnection(channel);
        adapter = new ServerMessageAdapter(connection, instruments, INBOUND_BUFFER_LENGTH);
        outboundCapacity = outboundBufferLength;
        outboundByteBuffer = ByteBuffer.allocateDirect(outboundBufferLength);
        outboundBuffer = new UnsafeBuffer(outboundByteBuffer);
        lastSendNs = clock.nanoTime();
    }

    /**
     * Connects to a server, waiting at most {@code timeoutMs}, with the system's monotonic clock and a
     * {@value #DEFAULT_OUTBOUND_BUFFER_LENGTH}-byte outbound buffer.
     *
     * @param host      server host name or address.
     * @param port      server port.
     * @param timeoutMs how long the TCP connect may take; more than 0.
     * @return a connected client, not yet logged on.
     * @throws IOException when the connection cannot be made in time.
     */
    public static MatchpointClient connect(final String host, final int port, final long timeoutMs) throws IOException
    {
        return connect(host, port, timeoutMs, SystemNanoClock.INSTANCE, DEFAULT_OUTBOUND_BUFFER_LENGTH);
    }

    /**
     * Connects to a server, waiting at most {@code timeoutMs}.
     *
     * @param host                 server host name or address.
     * @param port                 server port.
     * @param timeoutMs            how long the TCP connect may take; more than 0.
     * @param clock                the time source for heartbeats and deadlines.
     * @param outboundBufferLength bytes of the outbound buffer, at least {@link MessageLimits#MAX_FRAME_LENGTH}.
     * @return a connected client, not yet logged on.
     * @throws IOException when the connection cannot be made in time.
     */
    public static MatchpointClient connect(
        final String host,
        final int port,
        final long timeoutMs,
        final NanoClock clock,
        final int outboundBufferLength) throws IOException
    {
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be more than 0: " + timeoutMs);
        }

        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.socket().connect(new InetSocketAddress(host, port), (int)Math.min(timeoutMs, Integer.MAX_VALUE));
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }

        return new MatchpointClient(channel, clock, outboundBufferLength);
    }

    /**
     * Sends the Logon, which must be the first message of a connection (sequence number 1). The heartbeat interval
     * starts to count from here.
     *
     * @param account             account name, at most 16 ASCII characters; sent NUL-padded.
     * @param password            password, at most 32 ASCII characters; sent NUL-padded, never logged.
     * @param cancelOnDisconnect  whether the server cancels the account's orders when this session ends.
     * @param heartbeatIntervalMs how often each side sends at least something; more than 0.
     * @return the Logon's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     * @throws IllegalArgumentException when a name is too long or not ASCII, or the interval is not positive.
     */
    public long logon(
        final String account,
        final String password,
        final boolean cancelOnDisconnect,
        final int heartbeatIntervalMs)
    {
        checkAscii("account", account, LogonEncoder.accountLength());
        checkAscii("password", password, LogonEncoder.credentialLength());
        if (heartbeatIntervalMs <= 0)
        {
            throw new IllegalArgumentException("heartbeatIntervalMs must be more than 0: " + heartbeatIntervalMs);
        }

        final int offset = claim(LogonEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        logonEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .cancelOnDisconnect(cancelOnDisconnect ? BooleanType.TRUE : BooleanType.FALSE)
            .account(account)
            .credential(password)
            .lastSeqNum(adapter.resumeAfterSeqNum());

        requestedHeartbeatIntervalMs = heartbeatIntervalMs;
        logonSent = true;
        adapter.lastReceiveNs(clock.nanoTime());

        return commit(offset, LogonEncoder.BLOCK_LENGTH, true);
    }

    /**
     * Polls until the Logon sent with {@link #logon} is answered: accepted with all announced instrument definitions
     * received, rejected, the connection ended, or {@code timeoutMs} passed on the client's clock. Every message
     * read meanwhile, instrument definitions included, reaches {@code listener}. Idles with a backoff between
     * empty polls. Returns after one poll when the logon was already answered. The deadline is read from the
     * client's clock: with a test clock that does not advance, only an answer or a disconnect ends the wait.
     *
     * @param listener  receives everything read meanwhile.
     * @param timeoutMs how long to wait, on the client's clock.
     * @return how the logon ended.
     * @throws IllegalStateException when no Logon was sent.
     */
    public LogonResult awaitLogon(final ClientListener listener, final long timeoutMs)
    {
        if (!logonSent)
        {
            throw new IllegalStateException("no Logon was sent");
        }

        final long deadlineNs = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        awaitIdleStrategy.reset();
        while (true)
        {
            final int work = poll(listener);
            final LogonResult result = logonResult(timeoutMs, deadlineNs);
            if (null != result)
            {
                return result;
            }
            awaitIdleStrategy.idle(work);
        }
    }

    /**
     * {@link #logon Sends the Logon} and {@link #awaitLogon waits} for its answer.
     *
     * @param listener            receives everything read meanwhile.
     * @param account             account name, at most 16 ASCII characters.
     * @param password            password, at most 32 ASCII characters.
     * @param cancelOnDisconnect  whether the server cancels the account's orders when this session ends.
     * @param heartbeatIntervalMs how often each side sends at least something; more than 0.
     * @param timeoutMs           how long to wait for the answer, on the client's clock.
     * @return how the logon ended.
     */
    public LogonResult logonAndWait(
        final ClientListener listener,
        final String account,
        final String password,
        final boolean cancelOnDisconnect,
        final int heartbeatIntervalMs,
        final long timeoutMs)
    {
        final long result = logon(account, password, cancelOnDisconnect, heartbeatIntervalMs);
        if (BACK_PRESSURED == result)
        {
            return new LogonResult(
                LogonResult.Outcome.TIMED_OUT, 0, 0, 0, null, 0, "the Logon found the outbound buffer full");
        }
        if (result < 0)
        {
            poll(listener);
            return new LogonResult(LogonResult.Outcome.DISCONNECTED, 0, 0, 0, null, 0, disconnectDetail());
        }

        return awaitLogon(listener, timeoutMs);
    }

    /**
     * Sends a NewOrder that is not an iceberg: {@link #newOrder(long, int, Side, OrdType, TimeInForce, long, long,
     * long, boolean, SelfTradePrevention)} with a display quantity of 0. Allocates nothing.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     * @throws IllegalArgumentException when an enum is its {@code NULL_VAL}, which no order may carry.
     */
    public long newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        return newOrder(
            clOrdId, instrumentId, side, orderType, timeInForce, price, quantity, 0, postOnly, selfTradePrevention);
    }

    /**
     * Sends a NewOrder that is not a stop order (for those, {@link #newStopOrder}). Allocates nothing.
     * <p>
     * An iceberg ({@code displayQuantity} above 0, GTC LIMIT only) shows at most that much of itself in the book at a
     * time. Its NEW report carries the display quantity; each time its shown slice trades away, a TRADE report is
     * followed by a REFILLED one (the new slice in {@code quantity} and {@code displayQuantity}, and in
     * {@code leavesQuantity} all the order has left, hidden part included). Leaves in every report are the whole
     * order's.
     *
     * @param clOrdId           the client's id for the order, unique among the account's live orders.
     * @param instrumentId      the instrument.
     * @param side              buy or sell.
     * @param orderType         limit or market (a stop order sent this way has no stop price: the server refuses it
     *                          with INVALID_STOP_PRICE).
     * @param timeInForce       how long the order may live.
     * @param price             limit price in the instrument's price unit; ignored for market orders.
     * @param quantity          quantity in the instrument's unit.
     * @param displayQuantity   above 0 for an iceberg: at most this much shows at a time, in the quantity's unit (a
     *                          multiple of the lot); 0 for a plain order. The server refuses anything else with
     *                          INVALID_DISPLAY_QUANTITY.
     * @param postOnly          whether the order must rest without trading on arrival.
     * @param selfTradePrevention what happens instead of trading against the account's own resting order.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     * @throws IllegalArgumentException when an enum is its {@code NULL_VAL}, which no order may carry.
     */
    public long newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        if (side == Side.NULL_VAL || orderType == OrdType.NULL_VAL || timeInForce == TimeInForce.NULL_VAL ||
            selfTradePrevention == SelfTradePrevention.NULL_VAL)
        {
            throw new IllegalArgumentException("NULL_VAL is not a value to send: the server would reject the order");
        }
        return sendNewOrder(clOrdId, instrumentId, side, orderType, timeInForce, price, quantity, displayQuantity, 0,
            postOnly, selfTradePrevention);
    }

    /**
     * Sends a stop or stop-limit order: a NewOrder that waits off the book until a trade reaches its stop price (a
     * buy stop: a trade at or above it; a sell stop: at or below it), then enters as a market order (STOP) or as a
     * limit order at {@code price} (STOP_LIMIT), with its time in force from then on. Allocates nothing.
     * <p>
     * A method of its own rather than another overload of {@link #newOrder}: a stop order is never post-only nor an
     * iceberg, so those parameters have no place here, and a fourth price or quantity in a row of {@code long}s is
     * too easy to pass in the wrong place.
     * <p>
     * Its NEW report carries the stop price ({@code stopPrice()}; a STOP's {@code price()} is 0). When a trade
     * triggers it, a TRIGGERED report ({@code price()} and {@code stopPrice()} the stop price) comes before the
     * order's own trades, and its rest or cancel, as for any new order. The server refuses a stop price off tick or
     * outside the band (INVALID_STOP_PRICE) and one the instrument's last trade already reaches
     * (STOP_ALREADY_TRIGGERED). {@link #replaceOrder(long, long, long, long, long)} changes a waiting stop's stop
     * price; {@link #cancelOrder} cancels it.
     *
     * @param clOrdId             the client's id for the order, unique among the account's live orders.
     * @param instrumentId        the instrument.
     * @param side                buy or sell.
     * @param orderType           {@link OrdType#STOP} or {@link OrdType#STOP_LIMIT}.
     * @param timeInForce         how long the order may live once triggered.
     * @param price               STOP_LIMIT: the limit price once triggered; ignored for a STOP.
     * @param stopPrice           the price a trade must reach to trigger the order, in the instrument's price unit.
     * @param quantity            quantity in the instrument's unit.
     * @param selfTradePrevention what happens instead of trading against the account's own resting order.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     * @throws IllegalArgumentException when the order type is not a stop type, or an enum is its {@code NULL_VAL}.
     */
    public long newStopOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long quantity,
        final SelfTradePrevention selfTradePrevention)
    {
        if (orderType != OrdType.STOP && orderType != OrdType.STOP_LIMIT)
        {
            throw new IllegalArgumentException("a stop order is STOP or STOP_LIMIT, not " + orderType);
        }
        if (side == Side.NULL_VAL || timeInForce == TimeInForce.NULL_VAL ||
            selfTradePrevention == SelfTradePrevention.NULL_VAL)
        {
            throw new IllegalArgumentException("NULL_VAL is not a value to send: the server would reject the order");
        }
        return sendNewOrder(clOrdId, instrumentId, side, orderType, timeInForce, price, quantity, 0, stopPrice, false,
            selfTradePrevention);
    }

    private long sendNewOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long stopPrice,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        final int offset = claim(NewOrderEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        newOrderEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .clOrdId(clOrdId)
            .instrumentId(instrumentId)
            .side(side)
            .ordType(orderType)
            .timeInForce(timeInForce)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(selfTradePrevention)
            .price(price)
            .quantity(quantity)
            .displayQuantity(displayQuantity)
            .stopPrice(stopPrice);

        return commit(offset, NewOrderEncoder.BLOCK_LENGTH);
    }

    /**
     * Sends a CancelOrder for an order by the engine's id. Allocates nothing.
     *
     * @param orderId the engine's id of the order, from its execution reports; not 0.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long cancelOrder(final long orderId)
    {
        return cancel(orderId, 0);
    }

    /**
     * Sends a CancelOrder for an order by the client order id it was entered (or last replaced) with.
     * Allocates nothing.
     *
     * @param origClOrdId the order's client order id.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long cancelByClientOrderId(final long origClOrdId)
    {
        return cancel(0, origClOrdId);
    }

    /**
     * Sends a ReplaceOrder (cancel/replace); a waiting stop order keeps its stop price. Allocates nothing.
     *
     * @param orderId    the engine's id of the order.
     * @param newClOrdId the client order id the order carries from now on.
     * @param price      the new limit price (ignored for a waiting STOP order).
     * @param quantity   the new open (leaves) quantity.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long replaceOrder(final long orderId, final long newClOrdId, final long price, final long quantity)
    {
        return replaceOrder(orderId, newClOrdId, price, quantity, ReplaceOrderEncoder.stopPriceNullValue());
    }

    /**
     * Sends a ReplaceOrder (cancel/replace) that gives a waiting stop order a new stop price, checked as a new stop
     * order's is; for an order that is not a waiting stop the stop price is ignored. Allocates nothing.
     *
     * @param orderId    the engine's id of the order.
     * @param newClOrdId the client order id the order carries from now on.
     * @param price      the new limit price (ignored for a waiting STOP order).
     * @param quantity   the new open (leaves) quantity.
     * @param stopPrice  the new stop price; {@link ReplaceOrderEncoder#stopPriceNullValue()} keeps the order's.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long replaceOrder(
        final long orderId, final long newClOrdId, final long price, final long quantity, final long stopPrice)
    {
        final int offset = claim(ReplaceOrderEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        replaceOrderEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .orderId(orderId)
            .newClOrdId(newClOrdId)
            .price(price)
            .quantity(quantity)
            .stopPrice(stopPrice);

        return commit(offset, ReplaceOrderEncoder.BLOCK_LENGTH);
    }

    /**
     * Sends a MassCancel of the account's orders. Allocates nothing.
     *
     * @param instrumentId the instrument, or -1 for all instruments.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long massCancel(final int instrumentId)
    {
        final int offset = claim(MassCancelEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        massCancelEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .instrumentId(instrumentId);

        return commit(offset, MassCancelEncoder.BLOCK_LENGTH);
    }

    /**
     * Asks the server to write a snapshot of the engine now (admin accounts only; others get a
     * {@code BusinessReject(NOT_PERMITTED)}). There is no answer: the server logs where it wrote it.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long snapshotRequest()
    {
        final int offset = claim(SnapshotRequestEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }
        snapshotRequestEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum);
        return commit(offset, SnapshotRequestEncoder.BLOCK_LENGTH);
    }

    /**
     * Sends a TradingStatusRequest, which only an admin account may send. Allocates nothing.
     *
     * @param instrumentId the instrument.
     * @param halt         true to halt trading, false to resume it.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long tradingStatus(final int instrumentId, final boolean halt)
    {
        final int offset = claim(TradingStatusRequestEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        tradingStatusRequestEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .instrumentId(instrumentId)
            .status(halt ? TradingStatus.HALTED : TradingStatus.TRADING);

        return commit(offset, TradingStatusRequestEncoder.BLOCK_LENGTH);
    }

    /**
     * Admin accounts only: sets an account's own pre-trade risk limits, or with {@link #ALL_ACCOUNTS} the defaults
     * every account without its own follows; each limit at or above 0, or {@link #NO_LIMIT}. Answered with a
     * RiskLimitsReport ({@link ClientListener#onRiskLimitsReport}), after a BusinessReject if refused. Allocates
     * nothing.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        return riskLimitsRequest(accountId, io.matchpoint.codec.sbe.RiskLimitsAction.SET, maxOrderQuantity,
            maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit, positionLimit);
    }

    /**
     * Admin accounts only: the account drops its own risk limits and follows the defaults. Answered as
     * {@link #setRiskLimits}.
     */
    public long clearRiskLimits(final long accountId)
    {
        return riskLimitsRequest(accountId, io.matchpoint.codec.sbe.RiskLimitsAction.CLEAR,
            NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
    }

    /**
     * Admin accounts only: asks for the risk limits that apply to an account (or the defaults) and what it has at
     * stake, in a RiskLimitsReport; changes nothing.
     */
    public long showRiskLimits(final long accountId)
    {
        return riskLimitsRequest(accountId, io.matchpoint.codec.sbe.RiskLimitsAction.SHOW,
            NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT);
    }

    private long riskLimitsRequest(
        final long accountId,
        final io.matchpoint.codec.sbe.RiskLimitsAction action,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        final int length = io.matchpoint.codec.sbe.RiskLimitsRequestEncoder.BLOCK_LENGTH;
        final int offset = claim(length);
        if (offset < 0)
        {
            return offset;
        }
        riskLimitsRequestEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .accountId(accountId)
            .action(action)
            .maxOrderQuantity(maxOrderQuantity)
            .maxOrderNotional(maxOrderNotional)
            .maxOpenOrders(maxOpenOrders)
            .instrumentCredit(instrumentCredit)
            .totalCredit(totalCredit)
            .positionLimit(positionLimit);
        return commit(offset, length);
    }

    /**
     * Admin accounts only: sets an instrument's price collar now, in ticks either side of its reference price or in
     * basis points of it (1 to 10,000; at most one of the two above 0; both 0 lift it). Answered with a
     * PriceCollarReport ({@link ClientListener#onPriceCollarReport}), after a BusinessReject if refused. Allocates
     * nothing.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long priceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        final int length = io.matchpoint.codec.sbe.PriceCollarRequestEncoder.BLOCK_LENGTH;
        final int offset = claim(length);
        if (offset < 0)
        {
            return offset;
        }
        priceCollarRequestEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .instrumentId(instrumentId)
            .collarTicks(collarTicks)
            .basisPoints(basisPoints);
        return commit(offset, length);
    }

    /**
     * Admin accounts only: the kill switch. Killing an account cancels all its resting orders and refuses its new
     * orders and replaces until it is revived; the answer is an {@code AccountStatus} ({@link
     * ClientListener#onAccountStatus}). Allocates nothing.
     *
     * @param kill true to kill, false to revive.
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long killSwitch(final long accountId, final boolean kill)
    {
        final int offset = claim(KillSwitchRequestEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        killSwitchRequestEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .accountId(accountId)
            .kill(kill ? BooleanType.TRUE : BooleanType.FALSE);

        return commit(offset, KillSwitchRequestEncoder.BLOCK_LENGTH);
    }

    /**
     * Sends a Heartbeat now; {@link #poll(ClientListener)} does so by itself when one is due. Allocates nothing.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long heartbeat()
    {
        final int offset = claim(HeartbeatEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        heartbeatEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder).seqNum(nextSeqNum);

        return commit(offset, HeartbeatEncoder.BLOCK_LENGTH, true);
    }

    /**
     * Asks the server to end the session (reason CLIENT_LOGOUT). The server answers with a Logout and closes the
     * connection; keep polling to see both, then {@link #close()}. Allocates nothing.
     *
     * @return the message's sequence number, or {@link #BACK_PRESSURED} or {@link #NOT_CONNECTED}.
     */
    public long logout()
    {
        final int offset = claim(LogoutEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        logoutEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .reason(LogoutReason.CLIENT_LOGOUT);

        return commit(offset, LogoutEncoder.BLOCK_LENGTH, true);
    }

    /**
     * Does the connection's work: flushes pending output, reads once without blocking, checks and dispatches every
     * complete message read to {@code listener}, sends a heartbeat when one is due and ends the connection when the
     * server has been silent too long. Reports the end of the connection to {@code listener} once, on the poll that
     * sees it or the first poll after a send saw it. Allocates nothing after warm-up unless the connection ends or
     * reference data arrives.
     *
     * @param listener receives what arrived; must not call {@code poll} itself.
     * @return how many messages were dispatched to the listener.
     */
    public int poll(final ClientListener listener)
    {
        int handled = 0;
        if (!connection.isClosed())
        {
            final long nowNs = clock.nanoTime();
            flush();
            if (!connection.isClosed())
            {
                handled = adapter.receive(listener, nowNs);
            }
            if (!connection.isClosed())
            {
                checkTimers(nowNs);
            }
        }
        connection.reportDisconnect(listener);

        return handled;
    }

    /**
     * @return true until the connection ends or the client is closed.
     */
    public boolean isConnected()
    {
        return !connection.isClosed();
    }

    /**
     * @return true when the server accepted the logon and the connection has not ended.
     */
    public boolean isLoggedOn()
    {
        return !connection.isClosed() && ServerMessageAdapter.LOGON_ACCEPTED == adapter.logonState();
    }

    /**
     * @return the server's id for this session once the logon is accepted; else 0.
     */
    public long sessionId()
    {
        return adapter.sessionId();
    }

    /**
     * @return the account's id once the logon is accepted; else 0.
     */
    public long accountId()
    {
        return adapter.accountId();
    }

    /**
     * @return the heartbeat interval in force: the one the server confirmed, else the one asked for; 0 before the
     * Logon.
     */
    public long heartbeatIntervalMs()
    {
        final long confirmedMs = adapter.heartbeatIntervalMs();

        return confirmedMs > 0 ? confirmedMs : requestedHeartbeatIntervalMs;
    }

    /**
     * @return the last number of the account's stream this client processed (execution reports, cancel rejects,
     * mass cancel reports are numbered per account), {@link #NO_SEQ_NUM} before the logon; keep it to resume with
     * {@link #resumeAfter(long)} on the next connection.
     */
    public long lastSeqNum()
    {
        return adapter.lastSeqNum();
    }

    /**
     * Resumes an account's stream where an earlier connection left it: call before {@link #logon}, with that
     * connection's {@link #lastSeqNum()}. The server then replays every execution report, cancel reject and mass
     * cancel report after it (from its event journal, across its restarts too) before new ones, and this client
     * delivers each exactly once: what it has already seen is dropped.
     *
     * @param lastSeqNum the last number of the account's stream processed; {@link #NO_SEQ_NUM} to start live.
     * @throws IllegalStateException after the Logon was sent.
     */
    public void resumeAfter(final long lastSeqNum)
    {
        if (logonSent)
        {
            throw new IllegalStateException("resumeAfter comes before logon");
        }
        adapter.resumeAfter(lastSeqNum);
    }

    /**
     * @return the sequence number the next message sent will carry.
     */
    public long nextSeqNum()
    {
        return nextSeqNum;
    }

    /**
     * @return bytes encoded but not yet taken by the socket.
     */
    public int pendingOutboundBytes()
    {
        return outboundEnd - outboundStart;
    }

    /**
     * @param symbol an instrument's symbol.
     * @return the instrument's latest reference data, or {@code null} when none arrived for that symbol.
     */
    public ClientInstrument instrument(final String symbol)
    {
        return instruments.bySymbol(symbol);
    }

    /**
     * @param instrumentId an instrument's id.
     * @return the instrument's latest reference data, or {@code null} when none arrived for that id.
     */
    public ClientInstrument instrumentById(final int instrumentId)
    {
        return instruments.byId(instrumentId);
    }

    /**
     * @return a snapshot of every instrument received so far, by ascending id.
     */
    public List<ClientInstrument> instruments()
    {
        return instruments.snapshot();
    }

    /**
     * Closes the connection at once, dropping unsent output; not reported to any listener. Idempotent.
     * For a graceful end, {@link #logout()} and poll until {@link ClientListener#onDisconnected(String)} first.
     */
    public void close()
    {
        connection.close();
    }

    /**
     * @return bytes received and not yet dispatched: the start of a frame still incomplete.
     */
    int inboundBufferedBytes()
    {
        return adapter.bufferedBytes();
    }

    private long cancel(final long orderId, final long origClOrdId)
    {
        final int offset = claim(CancelOrderEncoder.BLOCK_LENGTH);
        if (offset < 0)
        {
            return offset;
        }

        cancelOrderEncoder.wrapAndApplyHeader(outboundBuffer, offset + SBE_OFFSET, headerEncoder)
            .seqNum(nextSeqNum)
            .orderId(orderId)
            .origClOrdId(origClOrdId);

        return commit(offset, CancelOrderEncoder.BLOCK_LENGTH);
    }

    private int claim(final int blockLength)
    {
        if (connection.isClosed())
        {
            return (int)NOT_CONNECTED;
        }

        final int frameLength = FRAME_OVERHEAD + blockLength;
        if (outboundCapacity - outboundEnd < frameLength)
        {
            flush();
            if (connection.isClosed())
            {
                return (int)NOT_CONNECTED;
            }

            if (outboundCapacity - outboundEnd < frameLength)
            {
                if (outboundCapacity - (outboundEnd - outboundStart) < frameLength)
                {
                    return (int)BACK_PRESSURED;
                }

                outboundByteBuffer.limit(outboundEnd).position(outboundStart);
                outboundByteBuffer.compact();
                outboundEnd -= outboundStart;
                outboundStart = 0;
            }
        }

        return outboundEnd;
    }

    private long commit(final int offset, final int blockLength)
    {
        return commit(offset, blockLength, autoFlush);
    }

    private long commit(final int offset, final int blockLength, final boolean writeNow)
    {
        SofhFlyweight.wrapSbe(outboundBuffer, offset, MessageHeaderEncoder.ENCODED_LENGTH + blockLength);
        outboundEnd = offset + FRAME_OVERHEAD + blockLength;
        lastSendNs = clock.nanoTime();
        final long seqNum = nextSeqNum++;
        if (writeNow)
        {
            flush();
        }

        return connection.isClosed() ? NOT_CONNECTED : seqNum;
    }

    /**
     * @param autoFlush true (the default) to write each message as it is sent; false to stage messages until
     *                  {@link #flush()} or the next {@link #poll(ClientListener)}, so that a burst goes out in one
     *                  {@code write}. Heartbeats, the logon and the logout are written at once either way.
     * @return this.
     */
    public MatchpointClient autoFlush(final boolean autoFlush)
    {
        this.autoFlush = autoFlush;
        return this;
    }

    /**
     * Writes what the socket takes of the staged messages, without blocking; the rest stays buffered, in order.
     * Allocates nothing.
     *
     * @return true when nothing is left to write, or nothing ever can be (the connection has ended).
     */
    public boolean flush()
    {
        if (outboundEnd == outboundStart || connection.isClosed())
        {
            return true;
        }

        try
        {
            outboundByteBuffer.limit(outboundEnd).position(outboundStart);
            outboundStart += connection.channel().write(outboundByteBuffer);
            if (outboundStart == outboundEnd)
            {
                outboundStart = 0;
                outboundEnd = 0;
                return true;
            }
        }
        catch (final IOException ex)
        {
            connection.disconnect("I/O error on write: " + ex);
        }
        return false;
    }

    private void checkTimers(final long nowNs)
    {
        if (!logonSent)
        {
            return;
        }

        final long intervalMs = heartbeatIntervalMs();
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        final long silentNs = nowNs - adapter.lastReceiveNs();
        if (silentNs >= SERVER_SILENCE_INTERVALS * intervalNs)
        {
            connection.disconnect("nothing from the server for " + TimeUnit.NANOSECONDS.toMillis(silentNs) +
                " ms (heartbeat interval " + intervalMs + " ms)");
            return;
        }

        if (nowNs - lastSendNs >= intervalNs)
        {
            heartbeat();
        }
    }

    private LogonResult logonResult(final long timeoutMs, final long deadlineNs)
    {
        final int state = adapter.logonState();
        if (ServerMessageAdapter.LOGON_ACCEPTED == state &&
            adapter.instrumentsReceived() >= adapter.instrumentsExpected())
        {
            return new LogonResult(
                LogonResult.Outcome.ACCEPTED, adapter.sessionId(), adapter.accountId(), heartbeatIntervalMs(), null, 0,
                "accepted: session " + adapter.sessionId() + ", account " + adapter.accountId() + ", " +
                adapter.instrumentsReceived() + " instruments");
        }
        if (ServerMessageAdapter.LOGON_REJECTED == state)
        {
            final long retryAfterMs = adapter.retryAfterMs();
            return new LogonResult(
                LogonResult.Outcome.REJECTED, 0, 0, 0, adapter.logonRejectReason(), retryAfterMs,
                "rejected: " + adapter.logonRejectReason() +
                (retryAfterMs > 0 ? ", retry after " + retryAfterMs + " ms" : ""));
        }
        if (connection.isClosed())
        {
            return new LogonResult(LogonResult.Outcome.DISCONNECTED, 0, 0, 0, null, 0, disconnectDetail());
        }
        if (clock.nanoTime() - deadlineNs >= 0)
        {
            return new LogonResult(
                LogonResult.Outcome.TIMED_OUT, 0, 0, 0, null, 0,
                ServerMessageAdapter.LOGON_ACCEPTED == state ?
                "accepted, but " + adapter.instrumentsReceived() + " of " + adapter.instrumentsExpected() +
                " instrument definitions after " + timeoutMs + " ms" :
                "no answer to the logon after " + timeoutMs + " ms");
        }

        return null;
    }

    private String disconnectDetail()
    {
        final String reason = connection.disconnectReason();

        return null == reason ? "closed" : reason;
    }

    private static void checkAscii(final String name, final String value, final int maxLength)
    {
        Objects.requireNonNull(value, name);
        if (value.length() > maxLength)
        {
            throw new IllegalArgumentException(name + " longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == 0 || c > 127)
            {
                throw new IllegalArgumentException(name + " must be ASCII without NUL characters");
            }
        }
    }
}
