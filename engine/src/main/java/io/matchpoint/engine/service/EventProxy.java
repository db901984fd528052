package io.matchpoint.engine.service;

import io.matchpoint.codec.sbe.AccountStatusEncoder;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.DropCopyReportEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedEncoder;
import io.matchpoint.codec.sbe.MassCancelReportEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.RiskLimitsReportEncoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateEncoder;
import io.matchpoint.engine.match.EngineListener;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import org.agrona.DirectBuffer;
import org.agrona.BitUtil;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongLongFunction;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes what the core reports straight into the room its {@link Egress} claims (a slot of the outbound ring while
 * the server runs), addressed to the sessions that must see
 * it: order events to every session of the owning account (a trade to both the taker's and the maker's), reference
 * data and trading status to every session, session replies to one session. Price levels, trades and the
 * order-by-order view go to the market data channels through {@link MarketDataProxy}. Each sequenced execution report
 * is then copied, as a DropCopyReport numbered in their own streams, to the drop copy accounts that watch its account
 * ({@link DropCopies}), as is each AccountStatus the kill switch sends it.
 * <p>
 * The service's thread only (the matcher thread). Before each command the service sets the command's context
 * ({@link #command(long, long, long, boolean)}); every event it causes carries that command's sequence and
 * timestamp, and every event of a journaled command the next event sequence.
 * What a claim does when there is no room (a full ring) is the egress's business.
 */
final class EventProxy implements EngineListener
{
    /** An account's first sequenced message is 1; each after it, one more. */
    private static final LongLongFunction NEXT_IN_STREAM = (last, one) -> last + one;
    /** Where the ExecutionReport's fields after its seqNum start; a DropCopyReport has them after its own three. */
    private static final int REPORT_TAIL = MessageHeaderEncoder.ENCODED_LENGTH +
        ExecutionReportEncoder.transactTimeEncodingOffset();
    private static final int DROP_COPY_TAIL = MessageHeaderEncoder.ENCODED_LENGTH +
        DropCopyReportEncoder.transactTimeEncodingOffset();
    private static final int DROP_COPY_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + DropCopyReportEncoder.BLOCK_LENGTH;
    /** What {@link #copyToWatchers} sends: the execution report just published, or the account status. */
    private static final int COPY_REPORT = 0;
    private static final int COPY_STATUS = 1;

    static
    {
        // a drop copy is the report's bytes behind a longer head: the schema must keep the two tails alike
        if (DropCopyReportEncoder.BLOCK_LENGTH - DROP_COPY_TAIL != ExecutionReportEncoder.BLOCK_LENGTH - REPORT_TAIL ||
            DropCopyReportEncoder.priorityKeptEncodingOffset() - DROP_COPY_TAIL !=
            ExecutionReportEncoder.priorityKeptEncodingOffset() - REPORT_TAIL ||
            DropCopyReportEncoder.displayQuantityEncodingOffset() - DROP_COPY_TAIL !=
            ExecutionReportEncoder.displayQuantityEncodingOffset() - REPORT_TAIL ||
            DropCopyReportEncoder.stopPriceEncodingOffset() - DROP_COPY_TAIL !=
            ExecutionReportEncoder.stopPriceEncodingOffset() - REPORT_TAIL)
        {
            throw new IllegalStateException("DropCopyReport's fields after accountSeqNum must be laid out as " +
                "ExecutionReport's after seqNum");
        }
    }

    private final InstrumentDirectory instruments;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExecutionReportFlyweight executionReport = new ExecutionReportFlyweight();
    private final CancelRejectEncoder cancelReject = new CancelRejectEncoder();
    private final MassCancelReportEncoder massCancelReport = new MassCancelReportEncoder();
    private final TradingStatusUpdateEncoder tradingStatus = new TradingStatusUpdateEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final LogonAcceptedEncoder logonAccepted = new LogonAcceptedEncoder();
    private final LogonRejectedEncoder logonRejected = new LogonRejectedEncoder();
    private final BusinessRejectEncoder businessReject = new BusinessRejectEncoder();
    private final DropCopyReportEncoder dropCopyReport = new DropCopyReportEncoder();
    private final AccountStatusEncoder accountStatus = new AccountStatusEncoder();
    private final RiskLimitsReportEncoder riskLimitsReport = new RiskLimitsReportEncoder();
    private final io.matchpoint.codec.sbe.PriceCollarReportEncoder priceCollarReport =
        new io.matchpoint.codec.sbe.PriceCollarReportEncoder();
    private final MarketDataProxy marketData;
    private final DropCopies dropCopies = new DropCopies();
    /** The execution report being encoded: where, whose, its number in its account's stream, and a copy of it. */
    private UnsafeBuffer reportBuffer;
    private long reportAccountId;
    private long reportSeqNum;
    private final UnsafeBuffer reportCopy = new UnsafeBuffer(new byte[ExecutionReportFlyweight.LENGTH]);
    /** The account status being copied to the drop copy accounts. */
    private boolean statusKilled;
    private int statusCancelledCount;

    private Egress egress;
    private long nextEventSequence = 1;
    private boolean durable = true;
    private long commandSequence;
    private long sessionId;
    private long timestampNs;
    private int templateId;
    private int priceDecimals;
    private CancelReason massCancelReason = CancelReason.MASS_CANCEL;
    /** The sequence number the event being encoded carries: the next of its account's stream, or 0 (unsequenced). */
    private long streamSeqNum;
    /**
     * Each account's last sequenced message: the stream a reconnecting session resumes. Sized for every account the
     * core may hold, so a new account never grows it on the matcher thread.
     */
    private final Long2LongHashMap lastStreamSeqNum;
    private final MatcherCounters counters;

    EventProxy(
        final Egress egress,
        final InstrumentDirectory instruments,
        final int maxAccounts,
        final MatcherCounters counters)
    {
        this.counters = counters;
        lastStreamSeqNum = new Long2LongHashMap(
            BitUtil.findNextPositivePowerOfTwo(maxAccounts * 2), Hashing.DEFAULT_LOAD_FACTOR, 0);
        this.egress = egress;
        this.instruments = instruments;
        marketData = new MarketDataProxy(egress, instruments);
    }

    /**
     * @return what turns the core's events into market data, in step with this proxy.
     */
    MarketDataProxy marketData()
    {
        return marketData;
    }

    /**
     * @return which drop copy accounts watch which accounts.
     */
    DropCopies dropCopies()
    {
        return dropCopies;
    }

    /**
     * @param egress where events go from the next claim on.
     */
    void egress(final Egress egress)
    {
        this.egress = egress;
        marketData.egress(egress);
    }

    /**
     * @param durable false for a command the command journal could not append: its answers get event sequence 0 and
     *                stay out of the event journal, and they consume nothing of the deterministic state.
     */
    void command(final long commandSequence, final long sessionId, final long timestampNs, final boolean durable)
    {
        this.commandSequence = commandSequence;
        this.sessionId = sessionId;
        this.timestampNs = timestampNs;
        this.durable = durable;
        this.massCancelReason = CancelReason.MASS_CANCEL;
        marketData.command(commandSequence, timestampNs);
    }

    /**
     * @return the sequence the next durable event will carry.
     */
    long nextEventSequence()
    {
        return nextEventSequence;
    }

    void nextEventSequence(final long nextEventSequence)
    {
        this.nextEventSequence = nextEventSequence;
    }

    void saveStreams(final java.io.DataOutput out) throws java.io.IOException
    {
        LongMapState.save(lastStreamSeqNum, out);
    }

    /**
     * @return whether no durable event has been sequenced and no stream numbered yet.
     */
    boolean hasSentNothing()
    {
        return nextEventSequence == 1 && lastStreamSeqNum.isEmpty();
    }

    /**
     * @return what {@link #saveStreams} wrote, in a new map; this proxy is unchanged.
     */
    Long2LongHashMap readStreams(final java.io.DataInput in) throws java.io.IOException
    {
        return LongMapState.read(in, lastStreamSeqNum.missingValue(), "stream");
    }

    /**
     * @param streams from {@link #readStreams}, into a proxy that has sent nothing yet.
     */
    void loadStreams(final Long2LongHashMap streams)
    {
        LongMapState.load(streams, lastStreamSeqNum);
    }

    void templateId(final int templateId)
    {
        this.templateId = templateId;
    }

    /**
     * @param priceDecimals of the instrument being defined by the current command (the core does not keep it).
     */
    void priceDecimals(final int priceDecimals)
    {
        this.priceDecimals = priceDecimals;
    }

    /**
     * Reports the current command's mass cancel as cancel-on-disconnect rather than a requested mass cancel.
     */
    void cancelOnDisconnect()
    {
        massCancelReason = CancelReason.CANCEL_ON_DISCONNECT;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Core events
    // ---------------------------------------------------------------------------------------------------------------

    public void onInstrumentDefined(
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        instruments.define(
            instrumentId, symbol, priceDecimals, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
        final int index = instruments.indexOf(instrumentId);
        instrumentDefinition(Egress.TARGET_ALL, 0, index);
        marketData.onInstrumentDefined(index);
    }

    public void onInstrumentRejected(final int instrumentId, final io.matchpoint.engine.match.RejectReason reason)
    {
        businessReject(instrumentId, WireEnums.toWire(reason));
    }

    public void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
        instruments.halted(instrumentId, halted);
        tradingStatus.wrapAndApplyHeader(claim(Egress.TARGET_ALL, 0), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .transactTime(timestampNs)
            .instrumentId(instrumentId)
            .status(halted ? TradingStatus.HALTED : TradingStatus.TRADING);
        publish(tradingStatus.encodedLength());
        marketData.onTradingStatusChanged(instrumentId, halted);
    }

    public void onOrderAccepted(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long stopPrice)
    {
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.NEW)
            .side(WireEnums.toWire(side))
            .ordType(WireEnums.toWire(orderType))
            .timeInForce(WireEnums.toWire(timeInForce))
            .price(price)
            .quantity(quantity)
            .leavesQuantity(quantity)
            .displayQuantity(displayQuantity)
            .stopPrice(stopPrice);
        publishExecutionReport();
        marketData.onOrderAccepted(
            orderId, instrumentId, side, orderType, timeInForce, price, quantity, displayQuantity, stopPrice);
    }

    public void onOrderRejected(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final io.matchpoint.engine.match.RejectReason reason)
    {
        orderRejected(accountId, clientOrderId, instrumentId, WireEnums.toWire(reason));
    }

    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final Side aggressorSide,
        final long price,
        final long quantity,
        final long takerOrderId,
        final long takerAccountId,
        final long takerClientOrderId,
        final long takerLeavesQuantity,
        final long makerOrderId,
        final long makerAccountId,
        final long makerClientOrderId,
        final long makerLeavesQuantity)
    {
        counters.onTrade();
        trade(makerAccountId, makerOrderId, makerClientOrderId, instrumentId, aggressorSide.opposite(), price,
            quantity, makerLeavesQuantity, tradeId, Liquidity.MAKER);
        trade(takerAccountId, takerOrderId, takerClientOrderId, instrumentId, aggressorSide, price,
            quantity, takerLeavesQuantity, tradeId, Liquidity.TAKER);
        marketData.onTrade(
            tradeId, instrumentId, aggressorSide, price, quantity, takerLeavesQuantity, makerOrderId,
            makerLeavesQuantity);
    }

    public void onOrderCancelled(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long cancelledQuantity,
        final io.matchpoint.engine.match.CancelReason reason)
    {
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.CANCELLED)
            .side(WireEnums.toWire(side))
            .quantity(cancelledQuantity)
            .cancelReason(cancelReason(reason));
        publishExecutionReport();
        marketData.onOrderCancelled(orderId, instrumentId);
    }

    public void onOrderReduced(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long reducedQuantity,
        final long leavesQuantity,
        final io.matchpoint.engine.match.CancelReason reason)
    {
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.REDUCED)
            .side(WireEnums.toWire(side))
            .quantity(reducedQuantity)
            .leavesQuantity(leavesQuantity)
            .cancelReason(cancelReason(reason));
        publishExecutionReport();
        marketData.onOrderReduced(orderId, instrumentId, leavesQuantity);
    }

    public void onOrderReplaced(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long leavesQuantity,
        final boolean priorityKept,
        final long stopPrice)
    {
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.REPLACED)
            .side(WireEnums.toWire(side))
            .price(price)
            .quantity(leavesQuantity)
            .leavesQuantity(leavesQuantity)
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE)
            .stopPrice(stopPrice);
        publishExecutionReport();
        marketData.onOrderReplaced(orderId, instrumentId, side, price, leavesQuantity, priorityKept, stopPrice);
    }

    @Override
    public void onOrderRefilled(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long displayedQuantity,
        final long hiddenQuantity)
    {
        // the owner's report (copied to its drop copies as any): its leaves are the whole order's, shown and hidden
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.REFILLED)
            .side(WireEnums.toWire(side))
            .price(price)
            .quantity(displayedQuantity)
            .leavesQuantity(displayedQuantity + hiddenQuantity)
            .displayQuantity(displayedQuantity);
        publishExecutionReport();
        marketData.onOrderRefilled(orderId, instrumentId, side, price, displayedQuantity, hiddenQuantity);
    }

    @Override
    public void onStopTriggered(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long stopPrice)
    {
        // the owner's report (copied to its drop copies as any); the order's trades and its rest or cancel follow
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.TRIGGERED)
            .side(WireEnums.toWire(side))
            .price(stopPrice)
            .stopPrice(stopPrice);
        publishExecutionReport();
        marketData.onStopTriggered(orderId, instrumentId, side);
    }

    public void onCancelRejected(
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final io.matchpoint.engine.match.RejectReason reason)
    {
        cancelReject(accountId, orderId, clientOrderId, CancelRejectResponseTo.CANCEL, WireEnums.toWire(reason));
    }

    public void onReplaceRejected(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final io.matchpoint.engine.match.RejectReason reason)
    {
        cancelReject(accountId, orderId, newClientOrderId, CancelRejectResponseTo.REPLACE, WireEnums.toWire(reason));
    }

    public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
    {
        massCancelReport.wrapAndApplyHeader(claim(Egress.TARGET_ACCOUNT, accountId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .transactTime(timestampNs)
            .instrumentId(instrumentId)
            .cancelledCount(cancelledCount)
            .reason(massCancelReason);
        publish(massCancelReport.encodedLength());
    }

    public void onKillSwitch(final long accountId, final boolean killed, final int cancelledCount)
    {
        // the account's sessions in their stream, after the cancels; the drop copy accounts watching it in theirs;
        // the admin who asked, unsequenced
        accountStatus(Egress.TARGET_ACCOUNT, accountId, accountId, killed, cancelledCount);
        if (durable && !dropCopies.isEmpty())
        {
            statusKilled = killed;
            statusCancelledCount = cancelledCount;
            copyToWatchers(accountId, COPY_STATUS);
        }
        if (sessionId != 0)
        {
            accountStatus(Egress.TARGET_SESSION, sessionId, accountId, killed, cancelledCount);
        }
    }

    public void onPriceCollarSet(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        // the service answers an admin who asked with priceCollarReport; start-up configuration tells no one
    }

    /**
     * Unsequenced, to the admin session whose request this is (nobody, for the server's start-up configuration).
     */
    void priceCollarReport(
        final int instrumentId, final long collarTicks, final long basisPoints, final long referencePrice)
    {
        if (sessionId == 0)
        {
            return;
        }
        priceCollarReport.wrapAndApplyHeader(claim(Egress.TARGET_SESSION, sessionId), 0, headerEncoder)
            .seqNum(0)
            .transactTime(timestampNs)
            .instrumentId(instrumentId)
            .collarTicks(collarTicks)
            .basisPoints(basisPoints)
            .referencePrice(referencePrice);
        publish(priceCollarReport.encodedLength());
    }

    public void onRiskLimitsSet(
        final long accountId,
        final boolean own,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        // the service answers the admin who asked with riskLimitsReport, with what the account has at stake
    }

    public void onRiskLimitsRejected(final long accountId, final io.matchpoint.engine.match.RejectReason reason)
    {
        businessReject(0, WireEnums.toWire(reason));
    }

    /**
     * Unsequenced, to the admin session whose request this is (nobody, for the server's start-up configuration).
     *
     * @param limits six, in the order {@link io.matchpoint.engine.match.MatchingEngine#setRiskLimits} takes them.
     */
    void riskLimitsReport(
        final long accountId, final boolean own, final long[] limits, final int openOrders, final long openNotional)
    {
        if (sessionId == 0)
        {
            return;
        }
        riskLimitsReport.wrapAndApplyHeader(claim(Egress.TARGET_SESSION, sessionId), 0, headerEncoder)
            .seqNum(0)
            .transactTime(timestampNs)
            .accountId(accountId)
            .ownLimits(own ? BooleanType.TRUE : BooleanType.FALSE)
            .maxOrderQuantity(limits[0])
            .maxOrderNotional(limits[1])
            .maxOpenOrders(limits[2])
            .instrumentCredit(limits[3])
            .totalCredit(limits[4])
            .positionLimit(limits[5])
            .openOrders(openOrders)
            .openNotional(openNotional);
        publish(riskLimitsReport.encodedLength());
    }

    private void accountStatus(
        final byte targetKind, final long targetId, final long accountId, final boolean killed,
        final int cancelledCount)
    {
        accountStatus.wrapAndApplyHeader(claim(targetKind, targetId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .transactTime(timestampNs)
            .accountId(accountId)
            .killed(killed ? BooleanType.TRUE : BooleanType.FALSE)
            .cancelledCount(cancelledCount);
        publish(accountStatus.encodedLength());
    }

    public void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        marketData.onPriceLevelChanged(instrumentId, side, price, totalQuantity, orderCount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Replies the service itself makes
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * An order refused before it reached the core (an enum field with a value the schema does not define).
     */
    void orderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        counters.onReject(reason);
        executionReport(accountId, 0, clientOrderId, instrumentId, ExecType.REJECTED).rejectReason(reason);
        publishExecutionReport();
    }

    /**
     * A cancel or replace refused before it reached the core.
     */
    void cancelRejected(
        final long accountId, final long orderId, final long clientOrderId, final boolean replace,
        final RejectReason reason)
    {
        cancelReject(
            accountId, orderId, clientOrderId, replace ? CancelRejectResponseTo.REPLACE : CancelRejectResponseTo.CANCEL,
            reason);
    }

    /**
     * A request with no better answer than a business reject, sent to the current command's session.
     */
    void businessReject(final int instrumentId, final RejectReason reason)
    {
        counters.onReject(reason);
        if (sessionId == 0)
        {
            return; // the server's own start-up commands: nobody to tell; the core's counters still show it
        }
        businessReject.wrapAndApplyHeader(claim(Egress.TARGET_SESSION, sessionId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .transactTime(timestampNs)
            .refTemplateId(templateId)
            .instrumentId(instrumentId)
            .reason(reason);
        publish(businessReject.encodedLength());
    }

    /**
     * @param lastSeqNum the last number of the account's stream a logon says its client processed, or null.
     * @return whether it is beyond what the account's stream has sent: a client that claims to have processed
     * messages the server never sent has lost track of its stream, and resuming it would skip whatever comes next.
     */
    boolean resumesBeyondStream(final long accountId, final long lastSeqNum)
    {
        return lastSeqNum != io.matchpoint.codec.sbe.SessionOpenedDecoder.lastSeqNumNullValue() &&
            lastSeqNum > lastStreamSeqNum.get(accountId);
    }

    /**
     * A logon the gateway let through and the engine refuses: LogonRejected, unsequenced, to that session only.
     */
    void logonRejected(final long sessionId, final LogonRejectReason reason)
    {
        counters.onLogonRefused();
        logonRejected.wrapAndApplyHeader(claim(Egress.TARGET_SESSION, sessionId), 0, headerEncoder)
            .seqNum(0)
            .reason(reason)
            .retryAfterMs(0);
        publish(logonRejected.encodedLength());
    }

    /**
     * A logon the gateway accepted: LogonAccepted, then the definition of every instrument, to that session only.
     */
    void logonAccepted(
        final long sessionId, final long accountId, final long heartbeatIntervalMs, final long lastSeqNum)
    {
        final long nextSeqNum = lastStreamSeqNum.get(accountId) + 1;
        final boolean replay = lastSeqNum != io.matchpoint.codec.sbe.SessionOpenedDecoder.lastSeqNumNullValue() &&
            lastSeqNum + 1 < nextSeqNum;
        logonAccepted.wrapAndApplyHeader(claim(Egress.TARGET_SESSION, sessionId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .sessionId(sessionId)
            .accountId(accountId)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .instrumentCount(instruments.count())
            .nextSeqNum(nextSeqNum)
            .replayFromSeqNum(replay ? lastSeqNum + 1 : 0);
        publish(logonAccepted.encodedLength());
        for (int i = 0, count = instruments.count(); i < count; i++)
        {
            instrumentDefinition(Egress.TARGET_SESSION, sessionId, i);
        }
    }

    /**
     * Forwards a message the gateway produced for one of its sessions (a session reject, a throttle reject, a
     * session's end) in command order, so that the sender alone writes to sockets and the journal sees it.
     */
    void forward(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final MutableDirectBuffer target = claim(Egress.TARGET_SESSION, sessionId);
        target.putBytes(0, buffer, offset, length);
        egress.publish(length);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Starts an ExecutionReport to the account's sessions: every field not given here is at its default until set.
     */
    private ExecutionReportFlyweight executionReport(
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final ExecType execType)
    {
        reportBuffer = claim(Egress.TARGET_ACCOUNT, accountId);
        reportAccountId = accountId;
        reportSeqNum = streamSeqNum;
        return executionReport.wrap(
            reportBuffer, streamSeqNum, timestampNs, orderId, clientOrderId, instrumentId, execType);
    }

    private void trade(
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long tradeId,
        final Liquidity liquidity)
    {
        executionReport(accountId, orderId, clientOrderId, instrumentId, ExecType.TRADE)
            .side(WireEnums.toWire(side))
            .price(price)
            .quantity(quantity)
            .leavesQuantity(leavesQuantity)
            .tradeId(tradeId)
            .liquidity(liquidity);
        publishExecutionReport();
    }

    private void cancelReject(
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final CancelRejectResponseTo responseTo,
        final RejectReason reason)
    {
        counters.onReject(reason);
        cancelReject.wrapAndApplyHeader(claim(Egress.TARGET_ACCOUNT, accountId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .transactTime(timestampNs)
            .orderId(orderId)
            .clOrdId(clientOrderId)
            .responseTo(responseTo)
            .reason(reason);
        publish(cancelReject.encodedLength());
    }

    private void instrumentDefinition(final byte targetKind, final long targetId, final int index)
    {
        instrumentDefinition.wrapAndApplyHeader(claim(targetKind, targetId), 0, headerEncoder)
            .seqNum(streamSeqNum)
            .instrumentId(instruments.id(index))
            .putSymbol(instruments.symbols(), index * InstrumentDirectory.SYMBOL_LENGTH)
            .priceDecimals((short)instruments.priceDecimals(index))
            .tickSize(instruments.tickSize(index))
            .lotSize(instruments.lotSize(index))
            .minQuantity(instruments.minQuantity(index))
            .maxQuantity(instruments.maxQuantity(index))
            .lowPrice(instruments.lowPrice(index))
            .highPrice(instruments.highPrice(index))
            .status(instruments.halted(index) ? TradingStatus.HALTED : TradingStatus.TRADING);
        publish(instrumentDefinition.encodedLength());
    }

    private CancelReason cancelReason(final io.matchpoint.engine.match.CancelReason reason)
    {
        return reason == io.matchpoint.engine.match.CancelReason.MASS_CANCEL ? massCancelReason :
            WireEnums.toWire(reason);
    }

    private UnsafeBuffer claim(final byte targetKind, final long targetId)
    {
        if (targetKind == Egress.TARGET_ACCOUNT && durable)
        {
            streamSeqNum = lastStreamSeqNum.merge(targetId, 1, NEXT_IN_STREAM); // one probe, not a get and a put
        }
        else
        {
            streamSeqNum = 0;
        }
        return egress.claim(durable ? nextEventSequence++ : 0, commandSequence, timestampNs, targetKind, targetId);
    }

    private void publishExecutionReport()
    {
        if (!durable || dropCopies.isEmpty())
        {
            egress.publish(ExecutionReportFlyweight.LENGTH);
            return;
        }
        // the slot is the ring's once published: the copies are made from this copy of it
        reportCopy.putBytes(0, reportBuffer, 0, ExecutionReportFlyweight.LENGTH);
        egress.publish(ExecutionReportFlyweight.LENGTH);
        copyToWatchers(reportAccountId, COPY_REPORT);
    }

    /**
     * Sends what was just published of an account to each drop copy account watching it, once each: those watching
     * every account first, then those granted it by name, in the order of their grants.
     *
     * @param what {@link #COPY_REPORT} (the execution report in {@link #reportCopy}) or {@link #COPY_STATUS} (the
     *             account status in {@link #statusKilled} and {@link #statusCancelledCount}).
     */
    private void copyToWatchers(final long accountId, final int what)
    {
        final LongArrayList watchingEveryAccount = dropCopies.watchingEveryAccount();
        for (int i = 0, size = watchingEveryAccount.size(); i < size; i++)
        {
            copyTo(watchingEveryAccount.getLong(i), accountId, what);
        }
        final LongArrayList watchers = dropCopies.watchersOf(accountId);
        if (watchers != null)
        {
            for (int i = 0, size = watchers.size(); i < size; i++)
            {
                final long dropCopyAccountId = watchers.getLong(i);
                if (!watchingEveryAccount.containsLong(dropCopyAccountId))
                {
                    copyTo(dropCopyAccountId, accountId, what);
                }
            }
        }
    }

    private void copyTo(final long dropCopyAccountId, final long accountId, final int what)
    {
        if (dropCopyAccountId == accountId)
        {
            return;
        }
        if (what == COPY_REPORT)
        {
            dropCopy(dropCopyAccountId);
        }
        else
        {
            accountStatus(Egress.TARGET_ACCOUNT, dropCopyAccountId, accountId, statusKilled, statusCancelledCount);
        }
    }

    /**
     * The report just published, to a drop copy account's sessions, numbered in its stream (and journaled: a drop
     * copy session resumes after a disconnect as any session does).
     */
    private void dropCopy(final long dropCopyAccountId)
    {
        final UnsafeBuffer buffer = claim(Egress.TARGET_ACCOUNT, dropCopyAccountId);
        dropCopyReport.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .seqNum(streamSeqNum)
            .accountId(reportAccountId)
            .accountSeqNum(reportSeqNum);
        buffer.putBytes(DROP_COPY_TAIL, reportCopy, REPORT_TAIL, ExecutionReportFlyweight.LENGTH - REPORT_TAIL);
        egress.publish(DROP_COPY_LENGTH);
    }

    private void publish(final int bodyLength)
    {
        egress.publish(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
