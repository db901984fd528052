package io.matchpoint.engine.service;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.engine.match.EngineCommands;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * The service's commands as SBE, as the host hands them, except what the order entry wire cannot carry yet: a new
 * order with a display quantity, a stop order (its stop price) and a replace with a new stop price. Those go to the
 * service's core directly, right after a command that does nothing (a snapshot request with no snapshot hook) has
 * started the events' command, as each command does. What reaches the feed is the same: the core's events through
 * the service's event proxy.
 */
final class IcebergsPastTheWire implements EngineCommands
{
    private final MatchingService service;
    private final SbeCommands wire;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TakeSnapshotEncoder noOp = new TakeSnapshotEncoder();

    IcebergsPastTheWire(final MatchingService service, final SbeCommands wire)
    {
        this.service = service;
        this.wire = wire;
    }

    public void defineInstrument(
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        wire.defineInstrument(
            instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
    }

    public void haltTrading(final int instrumentId)
    {
        wire.haltTrading(instrumentId);
    }

    public void resumeTrading(final int instrumentId)
    {
        wire.resumeTrading(instrumentId);
    }

    public void newOrder(
        final long accountId,
        final long sessionId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long stopPrice,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        if (displayQuantity == 0 && orderType != OrderType.STOP && orderType != OrderType.STOP_LIMIT)
        {
            wire.newOrder(accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price,
                quantity, 0, stopPrice, postOnly, selfTradePrevention);
            return;
        }
        startCommand(sessionId, accountId);
        service.engine().newOrder(accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce,
            price, quantity, displayQuantity, stopPrice, postOnly, selfTradePrevention);
    }

    public void cancelOrder(final long accountId, final long orderId)
    {
        wire.cancelOrder(accountId, orderId);
    }

    public void cancelOrderByClientId(final long accountId, final long clientOrderId)
    {
        wire.cancelOrderByClientId(accountId, clientOrderId);
    }

    public void replaceOrder(
        final long accountId, final long orderId, final long newClientOrderId, final long newPrice,
        final long newQuantity)
    {
        wire.replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity);
    }

    public void replaceOrder(
        final long accountId, final long orderId, final long newClientOrderId, final long newPrice,
        final long newQuantity, final long newStopPrice)
    {
        startCommand(MatchingEngine.NO_SESSION, accountId);
        service.engine().replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
    }

    private void startCommand(final long sessionId, final long accountId)
    {
        noOp.wrapAndApplyHeader(buffer, 0, header).requestedBy(0);
        // the last command's sequence again: the feed's numbering is its own, and nothing here reads the other
        service.onCommand(wire.sequence(), sessionId, accountId, 0, -1, true, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + noOp.encodedLength());
    }

    public void massCancel(final long accountId, final int instrumentId)
    {
        wire.massCancel(accountId, instrumentId);
    }

    public void cancelSessionOrders(final long accountId, final long sessionId)
    {
        wire.cancelSessionOrders(accountId, sessionId);
    }

    public void killAccount(final long accountId)
    {
        wire.killAccount(accountId);
    }

    public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        wire.setPriceCollar(instrumentId, collarTicks, basisPoints);
    }

    public void reviveAccount(final long accountId)
    {
        wire.reviveAccount(accountId);
    }

    public void setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        wire.setRiskLimits(accountId, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit,
            totalCredit, positionLimit);
    }

    public void clearRiskLimits(final long accountId)
    {
        wire.clearRiskLimits(accountId);
    }
}
