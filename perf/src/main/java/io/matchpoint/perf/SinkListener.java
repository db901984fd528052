package io.matchpoint.perf;

import io.matchpoint.engine.match.CancelReason;
import io.matchpoint.engine.match.EngineListener;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.RejectReason;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * The benchmarks' listener: does next to nothing, but folds a few primitive arguments of every event into
 * {@link #sink()} so that the JIT cannot treat the calls as dead; a benchmark returns the sink and JMH consumes it.
 * That is cheaper than a {@code Blackhole} call per event and keeps the listener free of JMH, so tests can drive the
 * benchmark states directly. Also counts trades and rejects, which the workload tests check.
 * <p>
 * Single-threaded, like the engine that calls it. Allocates nothing.
 */
public final class SinkListener implements EngineListener
{
    private long sink;
    private long trades;
    private long tradedQuantity;
    private long rejects;
    private long lastAcceptedOrderId;

    /** A value that depends on every event seen so far. */
    public long sink()
    {
        return sink;
    }

    public long trades()
    {
        return trades;
    }

    public long tradedQuantity()
    {
        return tradedQuantity;
    }

    /**
     * @return the id of the order accepted last (ids carry the order's pool slot: they cannot be counted).
     */
    public long lastAcceptedOrderId()
    {
        return lastAcceptedOrderId;
    }

    /** Rejected orders, cancels, replaces and instrument definitions: a valid benchmark workload has none. */
    public long rejects()
    {
        return rejects;
    }

    @Override
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
        sink += instrumentId;
    }

    @Override
    public void onInstrumentRejected(final int instrumentId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
        sink += instrumentId;
    }

    @Override
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
        sink += orderId;
        lastAcceptedOrderId = orderId;
    }

    @Override
    public void onOrderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
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
        trades++;
        tradedQuantity += quantity;
        sink += price ^ makerOrderId;
    }

    @Override
    public void onOrderCancelled(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long cancelledQuantity,
        final CancelReason reason)
    {
        sink += orderId + cancelledQuantity;
    }

    @Override
    public void onOrderReduced(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long reducedQuantity,
        final long leavesQuantity,
        final CancelReason reason)
    {
        sink += orderId + leavesQuantity;
    }

    @Override
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
        sink += orderId + price;
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
        sink += orderId + displayedQuantity;
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
        sink += orderId + stopPrice;
    }

    @Override
    public void onCancelRejected(
        final long accountId, final long orderId, final long clientOrderId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onReplaceRejected(
        final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
    {
        sink += cancelledCount;
    }

    @Override
    public void onKillSwitch(final long accountId, final boolean killed, final int cancelledCount)
    {
        sink += accountId + cancelledCount;
    }

    @Override
    public void onPriceCollarSet(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        sink += instrumentId + collarTicks + basisPoints;
    }

    @Override
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
        sink += accountId + maxOrderQuantity + positionLimit;
    }

    @Override
    public void onRiskLimitsRejected(final long accountId, final RejectReason reason)
    {
        sink += accountId + reason.ordinal();
    }

    @Override
    public void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        sink += totalQuantity;
    }
}
