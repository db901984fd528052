package io.matchpoint.engine.match;

/**
 * Ignores every event but counts them, so the JIT cannot discard the work that produced them.
 */
final class NoOpListener implements EngineListener
{
    long events;
    long trades;

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
        events++;
    }

    @Override
    public void onInstrumentRejected(final int instrumentId, final RejectReason reason)
    {
        events++;
    }

    @Override
    public void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
        events++;
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
        events++;
    }

    @Override
    public void onOrderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        events++;
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
        events++;
        trades++;
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
        events++;
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
        events++;
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
        events++;
    }

    @Override
    public void onCancelRejected(
        final long accountId, final long orderId, final long clientOrderId, final RejectReason reason)
    {
        events++;
    }

    @Override
    public void onReplaceRejected(
        final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        events++;
    }

    @Override
    public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
    {
        events++;
    }

    @Override
    public void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        events++;
    }
}
