package io.matchpoint.engine.match;

/**
 * Everything the matching core reports, as primitive arguments so that a pipeline can encode each event straight
 * into a ring slot. Called on the matcher thread, synchronously, in the order the events happen; an
 * implementation must not call back into the engine. The rules behind each event are in {@code MATCHING-RULES.md}.
 * <p>
 * Ids: order ids and trade ids start at 1; {@link MatchingEngine#NULL_ID} (0) stands for "none".
 */
public interface EngineListener
{
    void onInstrumentDefined(
        int instrumentId,
        CharSequence symbol,
        long tickSize,
        long lotSize,
        long minQuantity,
        long maxQuantity,
        long lowPrice,
        long highPrice);

    /** An instrument definition, halt or resume was refused. */
    void onInstrumentRejected(int instrumentId, RejectReason reason);

    void onTradingStatusChanged(int instrumentId, boolean halted);

    /**
     * A new order passed validation and was given {@code orderId}; market and stop (market) orders report price 0.
     * An iceberg has a {@code displayQuantity} above 0, any other order 0; a stop order has its {@code stopPrice}, any
     * other order 0.
     */
    void onOrderAccepted(
        long orderId,
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        OrderType orderType,
        TimeInForce timeInForce,
        long price,
        long quantity,
        long displayQuantity,
        long stopPrice);

    void onOrderRejected(long accountId, long clientOrderId, int instrumentId, RejectReason reason);

    /**
     * One fill between a taker (the incoming or re-priced order) and a maker (the resting order), at the maker's price;
     * the leaves quantities are after the fill.
     */
    void onTrade(
        long tradeId,
        int instrumentId,
        Side aggressorSide,
        long price,
        long quantity,
        long takerOrderId,
        long takerAccountId,
        long takerClientOrderId,
        long takerLeavesQuantity,
        long makerOrderId,
        long makerAccountId,
        long makerClientOrderId,
        long makerLeavesQuantity);

    /** The order is dead; {@code cancelledQuantity} is what it had left. */
    void onOrderCancelled(
        long orderId,
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        long cancelledQuantity,
        CancelReason reason);

    /** The order lives on with less quantity (decrement-and-cancel self-trade prevention). */
    void onOrderReduced(
        long orderId,
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        long reducedQuantity,
        long leavesQuantity,
        CancelReason reason);

    /**
     * A replace was applied; {@code clientOrderId} is the new one, {@code leavesQuantity} the new open quantity;
     * {@code stopPrice} the stop price of a stop order still waiting, else 0.
     */
    void onOrderReplaced(
        long orderId,
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        long price,
        long leavesQuantity,
        boolean priorityKept,
        long stopPrice);

    /**
     * A resting iceberg's shown slice was all traded (by the {@link #onTrade} just before) and a new one is shown, at
     * the back of its price level: {@code displayedQuantity} is the new slice, {@code hiddenQuantity} what is still
     * held back. Its id, client order id and price stay.
     */
    void onOrderRefilled(
        long orderId,
        long accountId,
        long clientOrderId,
        int instrumentId,
        Side side,
        long price,
        long displayedQuantity,
        long hiddenQuantity);

    /**
     * A waiting stop order was triggered (by a trade reported before) and enters the book now, as a market or limit
     * order: the events of its matching follow.
     */
    void onStopTriggered(long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long stopPrice);

    /**
     * A cancel was refused; {@code orderId} or {@code clientOrderId}, whichever was not given, is
     * {@link MatchingEngine#NULL_ID}.
     */
    void onCancelRejected(long accountId, long orderId, long clientOrderId, RejectReason reason);

    void onReplaceRejected(long accountId, long orderId, long newClientOrderId, RejectReason reason);

    /** Ends a mass cancel, after one {@link #onOrderCancelled} per order it removed. */
    void onMassCancelled(long accountId, int instrumentId, int cancelledCount);

    /**
     * The kill switch stopped an account ({@code killed}, after one {@link #onOrderCancelled} per resting order it
     * removed, {@code cancelledCount} in all) or revived it (count 0).
     */
    void onKillSwitch(long accountId, boolean killed, int cancelledCount);

    /**
     * An instrument's price collar was set: its half-width in ticks, or in basis points of the reference price (at
     * most one above 0; both 0 for none).
     */
    void onPriceCollarSet(int instrumentId, long collarTicks, long basisPoints);

    /**
     * An account's risk limits were set ({@code own}), or it dropped its own and follows the defaults again (not
     * {@code own}, with the defaults' values); {@code accountId} {@link MatchingEngine#ALL_ACCOUNTS} for the defaults.
     * A limit {@link MatchingEngine#NO_LIMIT} is not set.
     */
    void onRiskLimitsSet(
        long accountId,
        boolean own,
        long maxOrderQuantity,
        long maxOrderNotional,
        long maxOpenOrders,
        long instrumentCredit,
        long totalCredit,
        long positionLimit);

    /** Risk limits were refused: a limit below 0 other than NO_LIMIT, or a new account with the table full. */
    void onRiskLimitsRejected(long accountId, RejectReason reason);

    /** An aggregated price level changed; {@code orderCount == 0} means the level is gone. */
    void onPriceLevelChanged(int instrumentId, Side side, long price, long totalQuantity, int orderCount);
}
