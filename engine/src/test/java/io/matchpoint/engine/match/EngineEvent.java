package io.matchpoint.engine.match;

/**
 * The events of {@link EngineListener} as small value objects, so that tests compare whole sequences with
 * {@code equals} and print readable differences.
 */
public sealed interface EngineEvent
{
    record InstrumentDefined(
        int instrumentId, String symbol, long tickSize, long lotSize, long minQuantity, long maxQuantity,
        long lowPrice, long highPrice) implements EngineEvent
    {
    }

    record InstrumentRejected(int instrumentId, RejectReason reason) implements EngineEvent
    {
    }

    record TradingStatusChanged(int instrumentId, boolean halted) implements EngineEvent
    {
    }

    record OrderAccepted(
        long orderId, long accountId, long clientOrderId, int instrumentId, Side side, OrderType orderType,
        TimeInForce timeInForce, long price, long quantity, long displayQuantity, long stopPrice)
        implements EngineEvent
    {
        /** Any order but an iceberg or a stop. */
        public OrderAccepted(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId, final Side side,
            final OrderType orderType, final TimeInForce timeInForce, final long price, final long quantity)
        {
            this(orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity, 0, 0);
        }

        /** Any order but a stop. */
        public OrderAccepted(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId, final Side side,
            final OrderType orderType, final TimeInForce timeInForce, final long price, final long quantity,
            final long displayQuantity)
        {
            this(
                orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
                displayQuantity, 0);
        }
    }

    record OrderRejected(long accountId, long clientOrderId, int instrumentId, RejectReason reason)
        implements EngineEvent
    {
    }

    record Trade(
        long tradeId, int instrumentId, Side aggressorSide, long price, long quantity,
        long takerOrderId, long takerAccountId, long takerClientOrderId, long takerLeavesQuantity,
        long makerOrderId, long makerAccountId, long makerClientOrderId, long makerLeavesQuantity)
        implements EngineEvent
    {
    }

    record OrderCancelled(
        long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long cancelledQuantity,
        CancelReason reason) implements EngineEvent
    {
    }

    record OrderReduced(
        long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long reducedQuantity,
        long leavesQuantity, CancelReason reason) implements EngineEvent
    {
    }

    record OrderReplaced(
        long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long price,
        long leavesQuantity, boolean priorityKept, long stopPrice) implements EngineEvent
    {
        /** Any order but a waiting stop. */
        public OrderReplaced(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId, final Side side,
            final long price, final long leavesQuantity, final boolean priorityKept)
        {
            this(orderId, accountId, clientOrderId, instrumentId, side, price, leavesQuantity, priorityKept, 0);
        }
    }

    record OrderRefilled(
        long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long price,
        long displayedQuantity, long hiddenQuantity) implements EngineEvent
    {
    }

    record StopTriggered(long orderId, long accountId, long clientOrderId, int instrumentId, Side side, long stopPrice)
        implements EngineEvent
    {
    }

    record CancelRejected(long accountId, long orderId, long clientOrderId, RejectReason reason)
        implements EngineEvent
    {
    }

    record ReplaceRejected(long accountId, long orderId, long newClientOrderId, RejectReason reason)
        implements EngineEvent
    {
    }

    record MassCancelled(long accountId, int instrumentId, int cancelledCount) implements EngineEvent
    {
    }

    record KillSwitch(long accountId, boolean killed, int cancelledCount) implements EngineEvent
    {
    }

    record PriceCollarSet(int instrumentId, long collarTicks, long basisPoints) implements EngineEvent
    {
        PriceCollarSet(final int instrumentId, final long collarTicks)
        {
            this(instrumentId, collarTicks, 0);
        }
    }

    record RiskLimitsSet(
        long accountId,
        boolean own,
        long maxOrderQuantity,
        long maxOrderNotional,
        long maxOpenOrders,
        long instrumentCredit,
        long totalCredit,
        long positionLimit) implements EngineEvent
    {
    }

    record RiskLimitsRejected(long accountId, RejectReason reason) implements EngineEvent
    {
    }

    record PriceLevelChanged(int instrumentId, Side side, long price, long totalQuantity, int orderCount)
        implements EngineEvent
    {
    }
}
