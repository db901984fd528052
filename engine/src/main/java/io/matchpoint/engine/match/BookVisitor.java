package io.matchpoint.engine.match;

/**
 * Walks one instrument's book: bids from best to worst, then asks from best to worst; for each level
 * {@link #onLevel} first, then its orders in time priority. For tests, digests and snapshots: not the hot path.
 */
public interface BookVisitor
{
    void onLevel(Side side, long price, long totalQuantity, int orderCount);

    void onOrder(
        Side side,
        long price,
        long orderId,
        long accountId,
        long clientOrderId,
        long leavesQuantity,
        SelfTradePrevention selfTradePrevention,
        boolean postOnly);
}
