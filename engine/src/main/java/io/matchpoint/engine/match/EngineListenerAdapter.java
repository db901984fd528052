package io.matchpoint.engine.match;

/**
 * An {@link EngineListener} that ignores every event: extend it and override what you need (tests, benchmarks, a
 * market-data consumer that only wants level changes).
 */
public class EngineListenerAdapter implements EngineListener
{
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
        final long quantity,
        final long displayQuantity,
        final long stopPrice)
    {
    }

    @Override
    public void onOrderRejected(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final RejectReason reason)
    {
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
        final boolean priorityKept,
        final long stopPrice)
    {
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
    }

    @Override
    public void onCancelRejected(
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final RejectReason reason)
    {
    }

    @Override
    public void onReplaceRejected(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final RejectReason reason)
    {
    }

    @Override
    public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
    {
    }

    @Override
    public void onKillSwitch(final long accountId, final boolean killed, final int cancelledCount)
    {
    }

    @Override
    public void onPriceCollarSet(final int instrumentId, final long collarTicks, final long basisPoints)
    {
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
    }

    @Override
    public void onRiskLimitsRejected(final long accountId, final RejectReason reason)
    {
    }

    @Override
    public void onPriceLevelChanged(
        final int instrumentId,
        final Side side,
        final long price,
        final long totalQuantity,
        final int orderCount)
    {
    }
}
