package io.matchpoint.perf.compare;

import io.matchpoint.engine.match.CancelReason;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates a {@link MixedWorkload} modelled on exchange-core's published single-symbol throughput benchmark: about
 * 9% GTC limit orders, 3% IOC orders, 6% cancels and 82% moves (a resting order re-priced, keeping its open
 * quantity), with about 1,000 orders resting over about 750 price levels and about 6% of commands trading. The
 * generator is our own (it is not exchange-core's {@code TestOrdersGenerator}); it aims at the same figures.
 * <p>
 * How: a seeded random stream, simulated as it is generated on a Matchpoint {@link MatchingEngine} so that every
 * cancel and move names a live order with its true open quantity, and the statistics are counted from the engine's
 * events. The mix is drawn per command at the fixed shares above. Passive GTC orders (90% of GTC) rest behind the
 * opposite best at a depth of {@code DEPTH * u^2} ticks, most of them near the top; the other 10% are larger and
 * priced at the opposite best. IOC orders are small (1 or 2 lots against makers of up to 40) and cross by up to one
 * tick, so they mostly trade without emptying a maker. A move re-prices the order nearest the mid among four random
 * picks (quotes near the top move most): usually one or two ticks toward or away from the spread, sometimes straight
 * to the opposite best, where it trades.
 * <p>
 * Why those shapes: with 9% adds and 6% cancels, trades must remove about 3% of commands' worth of resting orders,
 * and every fill empties one of its two sides. IOC fills are nearly free (the IOC dies, not a resting order); each
 * crossing move or GTC costs about one resting order. So at most about 3% + 3% of commands can trade at a steady
 * book; this stream reaches about 5.5%. The share of moves sent through the spread follows the book size, which holds
 * it at the target; the side of crossing orders leans against any drift of the mid price, and passive orders lean
 * toward the thinner side.
 * <p>
 * Client order ids are the sequence numbers and never change on a move (exchange-core has none).
 * <p>
 * Buy orders come from even accounts and sell orders from odd ones (500 each), so no order can ever meet one of its
 * own account's: Matchpoint's self-trade prevention never fires, and the stream means the same thing to an engine
 * without it (exchange-core). Generation allocates freely; it is not measured.
 */
public final class MixedWorkloadGenerator
{
    public static final int INSTRUMENT_ID = 1;
    public static final long ANCHOR_PRICE = 100_000;
    public static final long BAND_HALF_WIDTH = 8_000;
    public static final long MAX_QUANTITY = 1L << 40;
    public static final int ACCOUNTS = 1_000;
    /** Warm-up commands after the initial fill, per target resting order: enough to reach the steady state. */
    static final int WARM_UP_PER_ORDER = 10;


    /** Depth behind the opposite best, in ticks, of the deepest passive order: depth = DEPTH * u^2, u uniform. */
    static final double DEPTH = 1_000;
    /** Share of GTC orders priced at the opposite best. */
    static final double CROSSING_GTC = 0.1;
    /** Share of moves sent to the opposite best when the book is at its target size (more above it, fewer below). */
    static final double BASE_CROSSING_MOVE = 0.016;
    static final int MAX_GTC_QUANTITY = 40;
    static final int MAX_IOC_QUANTITY = 2;
    /** Of the moves that do not go through the spread, the share that steps toward it. */
    static final double TOWARD_SPREAD = 0.5;
    /** A move re-prices the order nearest the spread among this many random picks: quotes near the top move most. */
    static final int MOVE_PICKS = 4;

    private final SplittableRandom random;
    private final int targetOrders;
    private final Mix mix;
    private final Tracker tracker;
    private final MatchingEngine engine;

    private final byte[] type;
    private final byte[] side;
    private final int[] order;
    private final long[] account;
    private final long[] price;
    private final long[] quantity;
    private int commands;
    private int nextOrder = 1;

    private MixedWorkloadGenerator(final long seed, final int targetOrders, final int capacity, final Mix mix)
    {
        this.random = new SplittableRandom(seed);
        this.targetOrders = targetOrders;
        this.mix = mix;
        this.tracker = new Tracker(capacity + 1);
        this.engine = new MatchingEngine(
            new EngineConfig().maxOrders(Math.max(1 << 12, targetOrders * 4)).maxAccounts(2 * ACCOUNTS), tracker);
        engine.defineInstrument(
            INSTRUMENT_ID, "MIXED", 1, 1, 1, MAX_QUANTITY, ANCHOR_PRICE - BAND_HALF_WIDTH,
            ANCHOR_PRICE + BAND_HALF_WIDTH);
        type = new byte[capacity];
        side = new byte[capacity];
        order = new int[capacity];
        account = new long[capacity];
        price = new long[capacity];
        quantity = new long[capacity];
    }

    /**
     * @param seed             the random seed: the same arguments give the same stream
     * @param targetOrders     resting orders to aim at (about 1,000 in exchange-core's benchmark)
     * @param measuredCommands commands after the warm-up
     */
    public static MixedWorkload generate(final long seed, final int targetOrders, final int measuredCommands)
    {
        return generate(seed, targetOrders, measuredCommands, Mix.DEFAULT);
    }

    /**
     * The same with other shares of command types. Mixes whose adds outrun their cancels and trades grow the book
     * until the engine's capacity (4 times the target) refuses orders; those refusals are in the stream too.
     *
     * @param mix the shares of GTC, IOC, cancel and move.
     */
    public static MixedWorkload generate(
        final long seed, final int targetOrders, final int measuredCommands, final Mix mix)
    {
        final int warmUpMixed = targetOrders * WARM_UP_PER_ORDER;
        final MixedWorkloadGenerator generator =
            new MixedWorkloadGenerator(seed, targetOrders, targetOrders + warmUpMixed + measuredCommands, mix);
        return generator.run(warmUpMixed, measuredCommands);
    }

    private MixedWorkload run(final int warmUpMixed, final int measuredCommands)
    {
        while (engine.restingOrderCount() < targetOrders)
        {
            final byte orderSide = random.nextBoolean() ? MixedWorkload.BUY : MixedWorkload.SELL;
            newOrder(MixedWorkload.GTC, orderSide, passivePrice(orderSide), 1 + random.nextInt(MAX_GTC_QUANTITY));
        }
        for (int i = 0; i < warmUpMixed; i++)
        {
            mixedCommand();
        }
        final int warmUpCommands = commands;
        final int warmUpOrders = nextOrder - 1;
        final int[] restingAfterWarmUp = tracker.liveOrders();
        final long[] restingAfterWarmUpAccounts = tracker.accountsOf(restingAfterWarmUp);

        final MixedWorkload.Stats stats = new MixedWorkload.Stats();
        for (int i = 0; i < measuredCommands; i++)
        {
            final long fillsBefore = tracker.fills;
            final long quantityBefore = tracker.tradedQuantity;
            final byte commandType = mixedCommand();
            stats.commands++;
            stats.commandsByType[commandType]++;
            if (tracker.fills != fillsBefore)
            {
                stats.tradingCommands++;
                stats.tradingByType[commandType]++;
                stats.fills += tracker.fills - fillsBefore;
                stats.tradedQuantity += tracker.tradedQuantity - quantityBefore;
            }
            stats.sample(engine.restingOrderCount(), engine.priceLevelCount());
        }

        final int[] restingAtEnd = tracker.liveOrders();
        return new MixedWorkload(
            type, side, order, account, price, quantity, warmUpCommands, warmUpOrders, restingAfterWarmUp,
            restingAfterWarmUpAccounts, restingAtEnd, tracker.accountsOf(restingAtEnd), stats);
    }

    private byte mixedCommand()
    {
        int draw = random.nextInt(1_000);
        if (tracker.liveCount == 0 && draw >= mix.gtcPerMille() + mix.iocPerMille())
        {
            draw = 0;
        }
        if (draw < mix.gtcPerMille())
        {
            final boolean crossing = random.nextDouble() < CROSSING_GTC;
            final byte orderSide = crossing ? aggressorSide() : passiveSide();
            if (crossing)
            {
                newOrder(MixedWorkload.GTC, orderSide, crossingPrice(orderSide, 0), 1 + random.nextInt(2 * MAX_GTC_QUANTITY));
            }
            else
            {
                newOrder(MixedWorkload.GTC, orderSide, passivePrice(orderSide), 1 + random.nextInt(MAX_GTC_QUANTITY));
            }
            return MixedWorkload.GTC;
        }
        if (draw < mix.gtcPerMille() + mix.iocPerMille())
        {
            final byte orderSide = aggressorSide();
            newOrder(MixedWorkload.IOC, orderSide, crossingPrice(orderSide, random.nextInt(2)), 1 + random.nextInt(MAX_IOC_QUANTITY));
            return MixedWorkload.IOC;
        }
        if (draw < mix.gtcPerMille() + mix.iocPerMille() + mix.cancelPerMille())
        {
            cancel(tracker.live[random.nextInt(tracker.liveCount)]);
            return MixedWorkload.CANCEL;
        }
        move(moveTarget());
        return MixedWorkload.MOVE;
    }

    private int moveTarget()
    {
        final long mid = midPrice();
        int target = tracker.live[random.nextInt(tracker.liveCount)];
        for (int i = 1; i < MOVE_PICKS; i++)
        {
            final int pick = tracker.live[random.nextInt(tracker.liveCount)];
            if (Math.abs(tracker.price[pick] - mid) < Math.abs(tracker.price[target] - mid))
            {
                target = pick;
            }
        }
        return target;
    }

    /** Grows with the book beyond its target: every crossing move takes at least one order out. */
    private double crossingMoveShare()
    {
        final double excess = (double)(engine.restingOrderCount() - targetOrders) / targetOrders;
        return Math.max(0, Math.min(0.2, BASE_CROSSING_MOVE + 0.5 * excess));
    }

    /** Leans against a drift of the mid price away from the anchor. */
    private byte aggressorSide()
    {
        final double lean = Math.max(-0.3, Math.min(0.3, (ANCHOR_PRICE - midPrice()) / 200.0));
        return random.nextDouble() < 0.5 + lean ? MixedWorkload.BUY : MixedWorkload.SELL;
    }

    /** Leans toward the thinner side. */
    private byte passiveSide()
    {
        final double lean = Math.max(
            -0.3, Math.min(0.3, (double)(tracker.sideCount[1] - tracker.sideCount[0]) / (0.2 * targetOrders)));
        return random.nextDouble() < 0.5 + lean ? MixedWorkload.BUY : MixedWorkload.SELL;
    }

    private long midPrice()
    {
        final long bid = engine.bestBid(INSTRUMENT_ID);
        final long ask = engine.bestAsk(INSTRUMENT_ID);
        if (bid == MatchingEngine.NULL_PRICE)
        {
            return ask == MatchingEngine.NULL_PRICE ? ANCHOR_PRICE : ask - 1;
        }
        return ask == MatchingEngine.NULL_PRICE ? bid + 1 : (bid + ask) / 2;
    }

    /** One tick inside the opposite best (or the mid when that side is empty), then a random depth behind it. */
    private long passivePrice(final byte orderSide)
    {
        final long depth = (long)(DEPTH * square(random.nextDouble()));
        if (orderSide == MixedWorkload.BUY)
        {
            final long ask = engine.bestAsk(INSTRUMENT_ID);
            final long top = ask == MatchingEngine.NULL_PRICE ? midPrice() : ask - 1;
            return clamp(top - depth);
        }
        final long bid = engine.bestBid(INSTRUMENT_ID);
        final long top = bid == MatchingEngine.NULL_PRICE ? midPrice() : bid + 1;
        return clamp(top + depth);
    }

    /** {@code through} ticks through the opposite best. */
    private long crossingPrice(final byte orderSide, final long through)
    {
        if (orderSide == MixedWorkload.BUY)
        {
            final long ask = engine.bestAsk(INSTRUMENT_ID);
            return clamp(ask == MatchingEngine.NULL_PRICE ? midPrice() : ask + through);
        }
        final long bid = engine.bestBid(INSTRUMENT_ID);
        return clamp(bid == MatchingEngine.NULL_PRICE ? midPrice() : bid - through);
    }

    private static double square(final double x)
    {
        return x * x;
    }

    private static long clamp(final long price)
    {
        return Math.max(ANCHOR_PRICE - BAND_HALF_WIDTH, Math.min(ANCHOR_PRICE + BAND_HALF_WIDTH, price));
    }

    private void newOrder(final byte orderType, final byte orderSide, final long limitPrice, final long orderQuantity)
    {
        final int seq = nextOrder++;
        final long orderAccount = 2L * (1 + random.nextInt(ACCOUNTS / 2)) - orderSide;
        append(orderType, orderSide, seq, orderAccount, limitPrice, orderQuantity);

        tracker.leaves[seq] = orderQuantity;
        tracker.account[seq] = orderAccount;
        tracker.side[seq] = orderSide;
        final boolean gtc = orderType == MixedWorkload.GTC;
        engine.newOrder(
            orderAccount, seq, INSTRUMENT_ID, Side.fromCode(orderSide), OrderType.LIMIT,
            gtc ? TimeInForce.GTC : TimeInForce.IOC, limitPrice, orderQuantity, false, SelfTradePrevention.CANCEL_TAKER);
        tracker.requireValid();
        if (gtc && tracker.leaves[seq] > 0)
        {
            tracker.price[seq] = limitPrice;
            tracker.addLive(seq);
        }
    }

    private void cancel(final int seq)
    {
        append(MixedWorkload.CANCEL, (byte)0, seq, tracker.account[seq], 0, 0);
        engine.cancelOrder(tracker.account[seq], tracker.orderId[seq]);
        tracker.requireValid();
        tracker.removeLive(seq);
    }

    /** A small step toward or away from the spread; never zero, so the order always loses its place. */
    private void move(final int seq)
    {
        final long oldPrice = tracker.price[seq];
        final long newPrice;
        if (random.nextDouble() < crossingMoveShare())
        {
            newPrice = crossingPrice(tracker.side[seq], 0);
        }
        else
        {
            final long step = 1 + random.nextInt(2);
            final boolean toward = random.nextDouble() < TOWARD_SPREAD;
            final boolean up = (tracker.side[seq] == MixedWorkload.BUY) == toward;
            newPrice = clamp(up ? oldPrice + step : oldPrice - step);
        }
        if (newPrice == oldPrice)
        {
            cancel(seq);
            return;
        }
        final long leaves = tracker.leaves[seq];
        append(MixedWorkload.MOVE, (byte)0, seq, tracker.account[seq], newPrice, leaves);
        engine.replaceOrder(tracker.account[seq], tracker.orderId[seq], seq, newPrice, leaves);
        tracker.requireValid();
        tracker.price[seq] = newPrice;
        if (tracker.leaves[seq] == 0)
        {
            tracker.removeLive(seq);
        }
    }

    private void append(
        final byte commandType,
        final byte orderSide,
        final int seq,
        final long orderAccount,
        final long limitPrice,
        final long orderQuantity)
    {
        final int i = commands++;
        type[i] = commandType;
        side[i] = orderSide;
        order[i] = seq;
        account[i] = orderAccount;
        price[i] = limitPrice;
        quantity[i] = orderQuantity;
    }

    /**
     * Follows the simulation engine's events: open quantities, the live set (a dense array for a uniform random
     * pick), orders per side, fills. Orders are known by their sequence numbers, which are their client order ids
     * (never changed by a move); the engine's own order id of each, which carries its pool slot, is learnt from its
     * acceptance, for the cancels and moves that name it.
     */
    private final class Tracker extends ListenerAdapter
    {
        final long[] orderId;
        final long[] leaves;
        final long[] price;
        final long[] account;
        final byte[] side;
        final int[] livePosition;
        final int[] live;
        final int[] sideCount = new int[2];
        int liveCount;
        long fills;
        long tradedQuantity;
        long selfTrades;

        Tracker(final int capacity)
        {
            orderId = new long[capacity];
            leaves = new long[capacity];
            price = new long[capacity];
            account = new long[capacity];
            side = new byte[capacity];
            livePosition = new int[capacity];
            live = new int[capacity];
            Arrays.fill(livePosition, -1);
        }

        void addLive(final int seq)
        {
            livePosition[seq] = liveCount;
            live[liveCount++] = seq;
            sideCount[side[seq]]++;
        }

        void removeLive(final int seq)
        {
            final int position = livePosition[seq];
            if (position < 0)
            {
                return;
            }
            final int last = live[--liveCount];
            live[position] = last;
            livePosition[last] = position;
            livePosition[seq] = -1;
            sideCount[side[seq]]--;
        }

        int[] liveOrders()
        {
            final int[] orders = Arrays.copyOf(live, liveCount);
            Arrays.sort(orders);
            return orders;
        }

        long[] accountsOf(final int[] orders)
        {
            final long[] accounts = new long[orders.length];
            for (int i = 0; i < orders.length; i++)
            {
                accounts[i] = account[orders[i]];
            }
            return accounts;
        }

        void requireValid()
        {
            if (rejects != 0 || selfTrades != 0)
            {
                throw new IllegalStateException(
                    "generator bug: " + rejects + " rejects, " + selfTrades + " self-trades at command " + commands);
            }
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final Side aggressorSide,
            final long tradePrice,
            final long tradeQuantity,
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
            tradedQuantity += tradeQuantity;
            leaves[(int)takerClientOrderId] = takerLeavesQuantity;
            leaves[(int)makerClientOrderId] = makerLeavesQuantity;
            if (makerLeavesQuantity == 0)
            {
                removeLive((int)makerClientOrderId);
            }
        }

        @Override
        public void onOrderAccepted(
            final long orderId,
            final long accountId,
            final long clientOrderId,
            final int instrumentId,
            final Side orderSide,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final long orderPrice,
            final long orderQuantity,
            final long displayQuantity,
            final long stopPrice)
        {
            this.orderId[(int)clientOrderId] = orderId;
        }

        @Override
        public void onOrderCancelled(
            final long orderId,
            final long accountId,
            final long clientOrderId,
            final int instrumentId,
            final Side orderSide,
            final long cancelledQuantity,
            final CancelReason reason)
        {
            if (reason == CancelReason.SELF_TRADE)
            {
                selfTrades++;
            }
        }
    }
}
