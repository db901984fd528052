package io.matchpoint.engine.match;

/**
 * The command half of {@link MatchingEngine}, so that one command stream can drive both the engine and the
 * {@link ReferenceEngine}. Test-only.
 */
public interface EngineCommands
{
    void defineInstrument(
        int instrumentId,
        CharSequence symbol,
        long tickSize,
        long lotSize,
        long minQuantity,
        long maxQuantity,
        long lowPrice,
        long highPrice);

    void haltTrading(int instrumentId);

    void resumeTrading(int instrumentId);

    /**
     * A new order entered by no session: {@link MatchingEngine#NO_SESSION}.
     */
    default void newOrder(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        newOrder(
            accountId, MatchingEngine.NO_SESSION, clientOrderId, instrumentId, side, orderType, timeInForce, price,
            quantity, postOnly, selfTradePrevention);
    }

    /**
     * A new order that is not an iceberg (display quantity 0).
     */
    default void newOrder(
        final long accountId,
        final long sessionId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        newOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity, 0,
            postOnly, selfTradePrevention);
    }

    /**
     * A new order that is not a stop order (stop price 0, which only stop orders read).
     */
    default void newOrder(
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
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        newOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
            displayQuantity, 0, postOnly, selfTradePrevention);
    }

    void newOrder(
        long accountId,
        long sessionId,
        long clientOrderId,
        int instrumentId,
        Side side,
        OrderType orderType,
        TimeInForce timeInForce,
        long price,
        long quantity,
        long displayQuantity,
        long stopPrice,
        boolean postOnly,
        SelfTradePrevention selfTradePrevention);

    void cancelOrder(long accountId, long orderId);

    void cancelOrderByClientId(long accountId, long clientOrderId);

    void replaceOrder(long accountId, long orderId, long newClientOrderId, long newPrice, long newQuantity);

    /**
     * A replace that also sets a waiting stop order's stop price (ignored for any other order).
     */
    void replaceOrder(
        long accountId, long orderId, long newClientOrderId, long newPrice, long newQuantity, long newStopPrice);

    void massCancel(long accountId, int instrumentId);

    void cancelSessionOrders(long accountId, long sessionId);

    void killAccount(long accountId);

    void setPriceCollar(int instrumentId, long collarTicks, long basisPoints);

    void reviveAccount(long accountId);

    void setRiskLimits(
        long accountId,
        long maxOrderQuantity,
        long maxOrderNotional,
        long maxOpenOrders,
        long instrumentCredit,
        long totalCredit,
        long positionLimit);

    void clearRiskLimits(long accountId);

    /**
     * Adapts a {@link MatchingEngine} to this interface.
     *
     * @param engine to drive.
     * @return an adapter that forwards every command unchanged.
     */
    static EngineCommands of(final MatchingEngine engine)
    {
        return new EngineCommands()
        {
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
                engine.defineInstrument(
                    instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
            }

            @Override
            public void haltTrading(final int instrumentId)
            {
                engine.haltTrading(instrumentId);
            }

            @Override
            public void resumeTrading(final int instrumentId)
            {
                engine.resumeTrading(instrumentId);
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
                engine.newOrder(
                    accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
                    displayQuantity, stopPrice, postOnly, selfTradePrevention);
            }

            @Override
            public void cancelOrder(final long accountId, final long orderId)
            {
                engine.cancelOrder(accountId, orderId);
            }

            @Override
            public void cancelOrderByClientId(final long accountId, final long clientOrderId)
            {
                engine.cancelOrderByClientId(accountId, clientOrderId);
            }

            @Override
            public void replaceOrder(
                final long accountId,
                final long orderId,
                final long newClientOrderId,
                final long newPrice,
                final long newQuantity)
            {
                engine.replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity);
            }

            @Override
            public void replaceOrder(
                final long accountId,
                final long orderId,
                final long newClientOrderId,
                final long newPrice,
                final long newQuantity,
                final long newStopPrice)
            {
                engine.replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
            }

            @Override
            public void massCancel(final long accountId, final int instrumentId)
            {
                engine.massCancel(accountId, instrumentId);
            }

            @Override
            public void cancelSessionOrders(final long accountId, final long sessionId)
            {
                engine.cancelSessionOrders(accountId, sessionId);
            }

            @Override
            public void killAccount(final long accountId)
            {
                engine.killAccount(accountId);
            }

            @Override
            public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
            {
                engine.setPriceCollar(instrumentId, collarTicks, basisPoints);
            }

            @Override
            public void reviveAccount(final long accountId)
            {
                engine.reviveAccount(accountId);
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
                engine.setRiskLimits(
                    accountId, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
                    positionLimit);
            }

            @Override
            public void clearRiskLimits(final long accountId)
            {
                engine.clearRiskLimits(accountId);
            }
        };
    }
}
