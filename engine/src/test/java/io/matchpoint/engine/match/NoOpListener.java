package io.matchpoint.engine.match;

/**
 * Ignores every event but counts the trades, the stops triggered, and the orders and replaces a risk limit refused (by reason, in an array
 * allocated up front), so a test can check that its workload actually trades and meets every limit.
 */
final class NoOpListener extends EngineListenerAdapter
{
    long trades;
    long stopsTriggered;
    final long[] rejectsByReason = new long[RejectReason.values().length];

    @Override
    public void onOrderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        rejectsByReason[reason.ordinal()]++;
    }

    @Override
    public void onReplaceRejected(
        final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        rejectsByReason[reason.ordinal()]++;
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
        stopsTriggered++;
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
    }
}
