package io.matchpoint.engine.match;

/**
 * One engine command as a value, so that a generated stream can be replayed, shrunk and printed as Java.
 */
public sealed interface Command
{
    void applyTo(EngineCommands engine);

    /**
     * @return the command as a Java statement against a variable named {@code engine}.
     */
    String toJava();

    record DefineInstrument(
        int instrumentId, String symbol, long tickSize, long lotSize, long minQuantity, long maxQuantity,
        long lowPrice, long highPrice) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.defineInstrument(
                instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
        }

        @Override
        public String toJava()
        {
            return "engine.defineInstrument(" + instrumentId + ", \"" + symbol + "\", " + tickSize + ", " + lotSize +
                ", " + minQuantity + ", " + maxQuantity + ", " + lowPrice + ", " + highPrice + ");";
        }
    }

    record HaltTrading(int instrumentId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.haltTrading(instrumentId);
        }

        @Override
        public String toJava()
        {
            return "engine.haltTrading(" + instrumentId + ");";
        }
    }

    record ResumeTrading(int instrumentId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.resumeTrading(instrumentId);
        }

        @Override
        public String toJava()
        {
            return "engine.resumeTrading(" + instrumentId + ");";
        }
    }

    /**
     * A new order; {@code displayQuantity} above 0 makes an iceberg, and anything but 0 asks for one; {@code stopPrice}
     * is read for a STOP or STOP_LIMIT order only.
     */
    record NewOrder(
        long accountId, long sessionId, long clientOrderId, int instrumentId, Side side, OrderType orderType,
        TimeInForce timeInForce, long price, long quantity, long displayQuantity, long stopPrice, boolean postOnly,
        SelfTradePrevention selfTradePrevention) implements Command
    {
        /** A new order that is not a stop order. */
        public NewOrder(
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
            this(accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
                displayQuantity, 0, postOnly, selfTradePrevention);
        }

        /** A new order that is not an iceberg. */
        public NewOrder(
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
            this(accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity, 0,
                0, postOnly, selfTradePrevention);
        }

        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.newOrder(
                accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
                displayQuantity, stopPrice, postOnly, selfTradePrevention);
        }

        @Override
        public String toJava()
        {
            // the display quantity and the stop price only when there is one, so that the common forms stay short
            return "engine.newOrder(" + accountId + ", " + sessionId + ", " + clientOrderId + ", " + instrumentId +
                ", Side." + side +
                ", OrderType." + orderType + ", TimeInForce." + timeInForce + ", " + price + ", " + quantity + ", " +
                (displayQuantity != 0 || stopPrice != 0 ? displayQuantity + "L, " : "") +
                (stopPrice != 0 ? stopPrice + "L, " : "") +
                postOnly + ", SelfTradePrevention." + selfTradePrevention + ");";
        }
    }

    record CancelOrder(long accountId, long orderId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.cancelOrder(accountId, orderId);
        }

        @Override
        public String toJava()
        {
            return "engine.cancelOrder(" + accountId + ", " + orderId + ");";
        }
    }

    record CancelOrderByClientId(long accountId, long clientOrderId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.cancelOrderByClientId(accountId, clientOrderId);
        }

        @Override
        public String toJava()
        {
            return "engine.cancelOrderByClientId(" + accountId + ", " + clientOrderId + ");";
        }
    }

    record ReplaceOrder(long accountId, long orderId, long newClientOrderId, long newPrice, long newQuantity)
        implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity);
        }

        @Override
        public String toJava()
        {
            return "engine.replaceOrder(" + accountId + ", " + orderId + ", " + newClientOrderId + ", " + newPrice +
                ", " + newQuantity + ");";
        }
    }

    /** A replace that names a stop price: read for a waiting stop order only, which the other form leaves as it is. */
    record ReplaceStop(
        long accountId, long orderId, long newClientOrderId, long newPrice, long newQuantity, long newStopPrice)
        implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
        }

        @Override
        public String toJava()
        {
            return "engine.replaceOrder(" + accountId + ", " + orderId + ", " + newClientOrderId + ", " + newPrice +
                ", " + newQuantity + ", " + newStopPrice + "L);";
        }
    }

    record MassCancel(long accountId, int instrumentId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.massCancel(accountId, instrumentId);
        }

        @Override
        public String toJava()
        {
            return "engine.massCancel(" + accountId + ", " +
                (instrumentId == MatchingEngine.ALL_INSTRUMENTS ? "MatchingEngine.ALL_INSTRUMENTS" : instrumentId) +
                ");";
        }
    }

    record SetPriceCollar(int instrumentId, long collarTicks, long basisPoints) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.setPriceCollar(instrumentId, collarTicks, basisPoints);
        }

        @Override
        public String toJava()
        {
            return "engine.setPriceCollar(" + instrumentId + ", " + collarTicks + "L, " + basisPoints + "L);";
        }
    }

    record SetRiskLimits(
        long accountId,
        long maxOrderQuantity,
        long maxOrderNotional,
        long maxOpenOrders,
        long instrumentCredit,
        long totalCredit,
        long positionLimit) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.setRiskLimits(
                accountId, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
                positionLimit);
        }

        @Override
        public String toJava()
        {
            return "engine.setRiskLimits(" + accountId + "L, " + maxOrderQuantity + "L, " + maxOrderNotional + "L, " +
                maxOpenOrders + "L, " + instrumentCredit + "L, " + totalCredit + "L, " + positionLimit + "L);";
        }
    }

    record ClearRiskLimits(long accountId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.clearRiskLimits(accountId);
        }

        @Override
        public String toJava()
        {
            return "engine.clearRiskLimits(" + accountId + "L);";
        }
    }

    record KillAccount(long accountId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.killAccount(accountId);
        }

        @Override
        public String toJava()
        {
            return "engine.killAccount(" + accountId + ");";
        }
    }

    record ReviveAccount(long accountId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.reviveAccount(accountId);
        }

        @Override
        public String toJava()
        {
            return "engine.reviveAccount(" + accountId + ");";
        }
    }

    record CancelSessionOrders(long accountId, long sessionId) implements Command
    {
        @Override
        public void applyTo(final EngineCommands engine)
        {
            engine.cancelSessionOrders(accountId, sessionId);
        }

        @Override
        public String toJava()
        {
            return "engine.cancelSessionOrders(" + accountId + ", " + sessionId + ");";
        }
    }
}
