package io.matchpoint.perf.compare;

import io.matchpoint.engine.match.CancelReason;
import io.matchpoint.engine.match.EngineListener;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.RejectReason;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * An {@link EngineListener} that ignores every event except that it counts rejects: subclasses override what they
 * need. A valid workload is never rejected, so {@link #rejects()} is checked after set-up and in the tests.
 */
abstract class ListenerAdapter implements EngineListener
{
    long rejects;

    long rejects()
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
    }

    @Override
    public void onInstrumentRejected(final int instrumentId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
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
        final long quantity)
    {
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
        final boolean priorityKept)
    {
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
    }

    @Override
    public void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
    }
}
