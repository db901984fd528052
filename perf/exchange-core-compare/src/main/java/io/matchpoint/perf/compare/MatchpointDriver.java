package io.matchpoint.perf.compare;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * Replays a {@link MixedWorkload} on a Matchpoint {@link MatchingEngine}: the full core, validation, self-trade
 * checks, client-order-id and per-account indexes and aggregated level events included, since that is what a command
 * costs in Matchpoint. New orders are GTC or IOC limit orders with self-trade prevention {@code CANCEL_TAKER} (it
 * never fires: see {@link MixedWorkloadGenerator}); a move is a replace to the new price with the order's open
 * quantity and unchanged client order id. Matchpoint's order ids carry the order's pool slot, so they cannot be
 * computed from the stream: the driver learns each one from its acceptance (the client order id is the stream's order
 * number) and looks it up in an array for the cancels and moves. Allocation-free after construction.
 */
final class MatchpointDriver implements WorkloadDriver
{
    private final MixedWorkload workload;
    private final MatchingEngine engine;
    private final Sink sink;
    private int[] resting = new int[0];
    private long[] restingAccounts = new long[0];
    private long tradingCommands;
    private long failures;

    /**
     * @param maxOrders the engine's order capacity: it sizes the engine's order pool and client-order-id hash table
     */
    MatchpointDriver(final MixedWorkload workload, final int maxOrders, final boolean riskLimits)
    {
        this.workload = workload;
        int lastOrder = 0;
        for (int i = 0; i < workload.size(); i++)
        {
            lastOrder = Math.max(lastOrder, workload.order[i]);
        }
        sink = new Sink(lastOrder);
        engine = new MatchingEngine(
            new EngineConfig().maxOrders(maxOrders).maxAccounts(2 * MixedWorkloadGenerator.ACCOUNTS), sink);
        engine.defineInstrument(
            MixedWorkloadGenerator.INSTRUMENT_ID, "MIXED", 1, 1, 1, MixedWorkloadGenerator.MAX_QUANTITY,
            MixedWorkloadGenerator.ANCHOR_PRICE - MixedWorkloadGenerator.BAND_HALF_WIDTH,
            MixedWorkloadGenerator.ANCHOR_PRICE + MixedWorkloadGenerator.BAND_HALF_WIDTH);
        if (riskLimits)
        {
            // every limit set, none binding: the checks and the exposure updates cost what they cost, no reject skews
            engine.setRiskLimits(
                MatchingEngine.ALL_ACCOUNTS, MixedWorkloadGenerator.MAX_QUANTITY,
                MixedWorkloadGenerator.MAX_QUANTITY *
                    (MixedWorkloadGenerator.ANCHOR_PRICE + MixedWorkloadGenerator.BAND_HALF_WIDTH),
                maxOrders, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    @Override
    public void prepare()
    {
        final long[] orderIds = sink.orderIds;
        for (int i = 0; i < resting.length; i++)
        {
            engine.cancelOrder(restingAccounts[i], orderIds[resting[i]]);
        }
        failures += sink.rejects();
        sink.rejects = 0;
        if (engine.restingOrderCount() != 0)
        {
            throw new IllegalStateException("Matchpoint book not empty after reset: " + engine.restingOrderCount());
        }
        replay(0, workload.warmUpCommands);
        resting = workload.restingAfterWarmUp;
        restingAccounts = workload.restingAfterWarmUpAccounts;
    }

    @Override
    public long runMeasured()
    {
        replay(workload.warmUpCommands, workload.size());
        resting = workload.restingAtEnd;
        restingAccounts = workload.restingAtEndAccounts;
        return sink.sink;
    }

    @Override
    public void replay(final int from, final int to)
    {
        final MatchingEngine engine = this.engine;
        final Sink sink = this.sink;
        final byte[] type = workload.type;
        final byte[] side = workload.side;
        final int[] order = workload.order;
        final long[] account = workload.account;
        final long[] price = workload.price;
        final long[] quantity = workload.quantity;
        final long[] orderIds = sink.orderIds;
        long tradingCommands = 0;
        for (int i = from; i < to; i++)
        {
            final long fillsBefore = sink.fills;
            switch (type[i])
            {
                case MixedWorkload.GTC:
                    engine.newOrder(
                        account[i], order[i], MixedWorkloadGenerator.INSTRUMENT_ID, Side.fromCode(side[i]),
                        OrderType.LIMIT, TimeInForce.GTC, price[i], quantity[i], false,
                        SelfTradePrevention.CANCEL_TAKER);
                    break;

                case MixedWorkload.IOC:
                    engine.newOrder(
                        account[i], order[i], MixedWorkloadGenerator.INSTRUMENT_ID, Side.fromCode(side[i]),
                        OrderType.LIMIT, TimeInForce.IOC, price[i], quantity[i], false,
                        SelfTradePrevention.CANCEL_TAKER);
                    break;

                case MixedWorkload.CANCEL:
                    engine.cancelOrder(account[i], orderIds[order[i]]);
                    break;

                default:
                    engine.replaceOrder(account[i], orderIds[order[i]], order[i], price[i], quantity[i]);
                    break;
            }
            if (sink.fills != fillsBefore)
            {
                tradingCommands++;
            }
        }
        this.tradingCommands += tradingCommands;
        failures += sink.rejects();
        sink.rejects = 0;
    }

    @Override
    public long fills()
    {
        return sink.fills;
    }

    @Override
    public long tradedQuantity()
    {
        return sink.tradedQuantity;
    }

    @Override
    public long tradingCommands()
    {
        return tradingCommands;
    }

    @Override
    public long failures()
    {
        return failures;
    }

    @Override
    public int restingOrders()
    {
        return engine.restingOrderCount();
    }

    @Override
    public int priceLevels()
    {
        return engine.priceLevelCount();
    }

    /**
     * Folds event fields into {@link #sink}, counts fills and keeps each accepted order's id by its order number;
     * every other event is a near no-op.
     */
    private static final class Sink extends ListenerAdapter
    {
        /** Matchpoint's id of the workload's order {@code n} (its client order id), from its latest acceptance. */
        final long[] orderIds;
        long sink;
        long fills;
        long tradedQuantity;

        Sink(final int lastOrder)
        {
            orderIds = new long[lastOrder + 1];
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
            orderIds[(int)clientOrderId] = orderId;
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
            fills++;
            tradedQuantity += quantity;
            sink += price ^ makerOrderId;
        }

        @Override
        public void onPriceLevelChanged(
            final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
        {
            sink += totalQuantity;
        }
    }
}
