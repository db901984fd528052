package io.matchpoint.engine.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every event as an {@link EngineEvent}, in order. Test-only: it allocates per event.
 */
public final class RecordingListener implements EngineListener
{
    private final List<EngineEvent> events = new ArrayList<>();

    public List<EngineEvent> events()
    {
        return events;
    }

    /**
     * @return the events recorded since the last call, and forgets them
     */
    public List<EngineEvent> drain()
    {
        final List<EngineEvent> drained = new ArrayList<>(events);
        events.clear();
        return drained;
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
        events.add(new EngineEvent.InstrumentDefined(
            instrumentId, symbol.toString(), tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice));
    }

    @Override
    public void onInstrumentRejected(final int instrumentId, final RejectReason reason)
    {
        events.add(new EngineEvent.InstrumentRejected(instrumentId, reason));
    }

    @Override
    public void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
        events.add(new EngineEvent.TradingStatusChanged(instrumentId, halted));
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
        events.add(new EngineEvent.OrderAccepted(
            orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
            displayQuantity, stopPrice));
    }

    @Override
    public void onOrderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        events.add(new EngineEvent.OrderRejected(accountId, clientOrderId, instrumentId, reason));
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
        events.add(new EngineEvent.Trade(
            tradeId, instrumentId, aggressorSide, price, quantity, takerOrderId, takerAccountId, takerClientOrderId,
            takerLeavesQuantity, makerOrderId, makerAccountId, makerClientOrderId, makerLeavesQuantity));
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
        events.add(new EngineEvent.OrderCancelled(
            orderId, accountId, clientOrderId, instrumentId, side, cancelledQuantity, reason));
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
        events.add(new EngineEvent.OrderReduced(
            orderId, accountId, clientOrderId, instrumentId, side, reducedQuantity, leavesQuantity, reason));
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
        events.add(new EngineEvent.OrderReplaced(
            orderId, accountId, clientOrderId, instrumentId, side, price, leavesQuantity, priorityKept, stopPrice));
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
        events.add(new EngineEvent.OrderRefilled(
            orderId, accountId, clientOrderId, instrumentId, side, price, displayedQuantity, hiddenQuantity));
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
        events.add(new EngineEvent.StopTriggered(orderId, accountId, clientOrderId, instrumentId, side, stopPrice));
    }

    @Override
    public void onCancelRejected(
        final long accountId, final long orderId, final long clientOrderId, final RejectReason reason)
    {
        events.add(new EngineEvent.CancelRejected(accountId, orderId, clientOrderId, reason));
    }

    @Override
    public void onReplaceRejected(
        final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        events.add(new EngineEvent.ReplaceRejected(accountId, orderId, newClientOrderId, reason));
    }

    @Override
    public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
    {
        events.add(new EngineEvent.MassCancelled(accountId, instrumentId, cancelledCount));
    }

    @Override
    public void onKillSwitch(final long accountId, final boolean killed, final int cancelledCount)
    {
        events.add(new EngineEvent.KillSwitch(accountId, killed, cancelledCount));
    }

    @Override
    public void onPriceCollarSet(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        events.add(new EngineEvent.PriceCollarSet(instrumentId, collarTicks, basisPoints));
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
        events.add(new EngineEvent.RiskLimitsSet(
            accountId, own, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
            positionLimit));
    }

    @Override
    public void onRiskLimitsRejected(final long accountId, final RejectReason reason)
    {
        events.add(new EngineEvent.RiskLimitsRejected(accountId, reason));
    }

    @Override
    public void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        events.add(new EngineEvent.PriceLevelChanged(instrumentId, side, price, totalQuantity, orderCount));
    }
}
