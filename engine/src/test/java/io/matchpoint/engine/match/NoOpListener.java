package io.matchpoint.engine.match;

/**
 * Ignores every event but counts the trades, so a test can check that its workload actually trades.
 */
final class NoOpListener extends EngineListenerAdapter
{
    long trades;

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
