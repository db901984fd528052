package io.matchpoint.engine.service;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;
import io.matchpoint.engine.match.EngineCommands;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends engine commands to a {@link MatchingService} as the host does: each encoded as its SBE command and handed to
 * {@link MatchingService#onCommand} with the next sequence and a rising timestamp. A session cancel is the journaled
 * close of a session with cancel-on-disconnect, as the gateway writes it when a connection ends.
 */
final class SbeCommands implements EngineCommands
{
    private static final long FIRST_TIMESTAMP_NS = 1_780_000_000_000_000_000L;

    private final MatchingService service;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final DefineInstrumentEncoder defineInstrument = new DefineInstrumentEncoder();
    private final TradingStatusRequestEncoder tradingStatus = new TradingStatusRequestEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final io.matchpoint.codec.sbe.RiskLimitsRequestEncoder riskLimits =
        new io.matchpoint.codec.sbe.RiskLimitsRequestEncoder();
    private final io.matchpoint.codec.sbe.KillSwitchRequestEncoder killSwitchRequest =
        new io.matchpoint.codec.sbe.KillSwitchRequestEncoder();
    private final io.matchpoint.codec.sbe.SetPriceCollarEncoder priceCollar =
        new io.matchpoint.codec.sbe.SetPriceCollarEncoder();
    private final SessionClosedEncoder sessionClosed = new SessionClosedEncoder();
    private long sequence;

    SbeCommands(final MatchingService service)
    {
        this.service = service;
    }

    /**
     * @param lastSequence the sequence of the last command the service has handled (one loaded from a saved state).
     */
    SbeCommands(final MatchingService service, final long lastSequence)
    {
        this.service = service;
        this.sequence = lastSequence;
    }

    /**
     * @return the sequence of the last command sent.
     */
    long sequence()
    {
        return sequence;
    }

    @Override
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
        defineInstrument.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId)
            .symbol(symbol.length() <= 8 ? symbol.toString() : symbol.subSequence(0, 8).toString()) // the wire's 8
            .priceDecimals((short)2)
            .tickSize(tickSize)
            .lotSize(lotSize)
            .minQuantity(minQuantity)
            .maxQuantity(maxQuantity)
            .lowPrice(lowPrice)
            .highPrice(highPrice);
        send(0, 0, defineInstrument.encodedLength());
    }

    @Override
    public void haltTrading(final int instrumentId)
    {
        tradingStatus(instrumentId, TradingStatus.HALTED);
    }

    @Override
    public void resumeTrading(final int instrumentId)
    {
        tradingStatus(instrumentId, TradingStatus.TRADING);
    }

    @Override
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
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .seqNum(1)
            .clOrdId(clientOrderId)
            .instrumentId(instrumentId)
            .side(WireEnums.toWire(side))
            .ordType(WireEnums.toWire(orderType))
            .timeInForce(WireEnums.toWire(timeInForce))
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(
                io.matchpoint.codec.sbe.SelfTradePrevention.get((short)selfTradePrevention.ordinal()))
            .price(price)
            .quantity(quantity)
            .displayQuantity(displayQuantity)
            .stopPrice(stopPrice);
        send(sessionId, accountId, newOrder.encodedLength());
    }

    @Override
    public void cancelOrder(final long accountId, final long orderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header).seqNum(1).orderId(orderId).origClOrdId(0);
        send(0, accountId, cancelOrder.encodedLength());
    }

    @Override
    public void cancelOrderByClientId(final long accountId, final long clientOrderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header).seqNum(1).orderId(0).origClOrdId(clientOrderId);
        send(0, accountId, cancelOrder.encodedLength());
    }

    @Override
    public void replaceOrder(
        final long accountId, final long orderId, final long newClientOrderId, final long newPrice,
        final long newQuantity, final long newStopPrice)
    {
        encodeReplace(accountId, orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
    }

    @Override
    public void replaceOrder(
        final long accountId, final long orderId, final long newClientOrderId, final long newPrice,
        final long newQuantity)
    {
        // the null stop price keeps a waiting stop's: the five-argument replace
        encodeReplace(accountId, orderId, newClientOrderId, newPrice, newQuantity,
            ReplaceOrderEncoder.stopPriceNullValue());
    }

    private void encodeReplace(
        final long accountId, final long orderId, final long newClientOrderId, final long newPrice,
        final long newQuantity, final long newStopPrice)
    {
        replaceOrder.wrapAndApplyHeader(buffer, 0, header)
            .seqNum(1)
            .orderId(orderId)
            .newClOrdId(newClientOrderId)
            .price(newPrice)
            .quantity(newQuantity)
            .stopPrice(newStopPrice);
        send(0, accountId, replaceOrder.encodedLength());
    }

    @Override
    public void massCancel(final long accountId, final int instrumentId)
    {
        massCancel.wrapAndApplyHeader(buffer, 0, header).seqNum(1).instrumentId(instrumentId);
        send(0, accountId, massCancel.encodedLength());
    }

    @Override
    public void cancelSessionOrders(final long accountId, final long sessionId)
    {
        sessionClosed.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId)
            .accountId(accountId)
            .cancelOnDisconnect(BooleanType.TRUE)
            .reason(LogoutReason.PEER_CLOSED);
        send(0, 0, sessionClosed.encodedLength());
    }

    @Override
    public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        priceCollar.wrapAndApplyHeader(buffer, 0, header).instrumentId(instrumentId).collarTicks(collarTicks)
            .basisPoints(basisPoints);
        send(0, 0, priceCollar.encodedLength());
    }

    @Override
    public void killAccount(final long accountId)
    {
        killSwitch(accountId, BooleanType.TRUE);
    }

    @Override
    public void reviveAccount(final long accountId)
    {
        killSwitch(accountId, BooleanType.FALSE);
    }

    @Override
    public void setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        riskLimits.wrapAndApplyHeader(buffer, 0, header).seqNum(1).accountId(accountId)
            .action(io.matchpoint.codec.sbe.RiskLimitsAction.SET).maxOrderQuantity(maxOrderQuantity)
            .maxOrderNotional(maxOrderNotional).maxOpenOrders(maxOpenOrders).instrumentCredit(instrumentCredit)
            .totalCredit(totalCredit).positionLimit(positionLimit);
        send(0, 0, riskLimits.encodedLength());
    }

    @Override
    public void clearRiskLimits(final long accountId)
    {
        riskLimits.wrapAndApplyHeader(buffer, 0, header).seqNum(1).accountId(accountId)
            .action(io.matchpoint.codec.sbe.RiskLimitsAction.CLEAR).maxOrderQuantity(-1).maxOrderNotional(-1)
            .maxOpenOrders(-1).instrumentCredit(-1).totalCredit(-1).positionLimit(-1);
        send(0, 0, riskLimits.encodedLength());
    }

    private void killSwitch(final long accountId, final BooleanType kill)
    {
        killSwitchRequest.wrapAndApplyHeader(buffer, 0, header).seqNum(1).accountId(accountId).kill(kill);
        send(0, 0, killSwitchRequest.encodedLength());
    }

    private void tradingStatus(final int instrumentId, final TradingStatus status)
    {
        tradingStatus.wrapAndApplyHeader(buffer, 0, header).seqNum(1).instrumentId(instrumentId).status(status);
        send(0, 0, tradingStatus.encodedLength());
    }

    private void send(final long sessionId, final long accountId, final int bodyLength)
    {
        sequence++;
        service.onCommand(sequence, sessionId, accountId, FIRST_TIMESTAMP_NS + sequence * 1_000, -1, true, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
