package io.matchpoint.perf.compare;

import java.util.Locale;

/**
 * A pre-generated, single-instrument command stream (see {@link MixedWorkloadGenerator}) held in primitive arrays, so
 * that replaying it costs a few array reads a command. Commands {@code [0, warmUpCommands)} build the book up to its
 * steady state and are replayed, untimed, before every measured pass; commands {@code [warmUpCommands, size)} are the
 * measured ones.
 * <p>
 * Orders are named by their sequence number: the {@code n}-th new order of the stream (GTC or IOC, from 1) is order
 * {@code n}, and that is also its client order id. exchange-core takes it as its order id; Matchpoint gives ids of its
 * own (each carries the order's pool slot), which its driver learns from each acceptance by client order id.
 * Immutable after generation.
 */
public final class MixedWorkload
{
    public static final byte GTC = 0;
    public static final byte IOC = 1;
    public static final byte CANCEL = 2;
    public static final byte MOVE = 3;
    public static final int TYPES = 4;

    public static final byte BUY = 0;
    public static final byte SELL = 1;

    final byte[] type;
    /** New orders only: {@link #BUY} or {@link #SELL}. */
    final byte[] side;
    /** New orders: the order's own sequence number; cancels and moves: the target's. */
    final int[] order;
    final long[] account;
    /** New orders: limit price; moves: the new price. */
    final long[] price;
    /** New orders: quantity; moves: the order's open quantity (Matchpoint's replace wants it; exchange-core ignores it). */
    final long[] quantity;
    final int warmUpCommands;
    /** New orders in the warm-up: the sequence number the first measured new order follows. */
    final int warmUpOrders;
    /** Orders resting after the warm-up and after the whole stream (sequence numbers and accounts). */
    final int[] restingAfterWarmUp;
    final long[] restingAfterWarmUpAccounts;
    final int[] restingAtEnd;
    final long[] restingAtEndAccounts;
    final Stats stats;

    MixedWorkload(
        final byte[] type,
        final byte[] side,
        final int[] order,
        final long[] account,
        final long[] price,
        final long[] quantity,
        final int warmUpCommands,
        final int warmUpOrders,
        final int[] restingAfterWarmUp,
        final long[] restingAfterWarmUpAccounts,
        final int[] restingAtEnd,
        final long[] restingAtEndAccounts,
        final Stats stats)
    {
        this.type = type;
        this.side = side;
        this.order = order;
        this.account = account;
        this.price = price;
        this.quantity = quantity;
        this.warmUpCommands = warmUpCommands;
        this.warmUpOrders = warmUpOrders;
        this.restingAfterWarmUp = restingAfterWarmUp;
        this.restingAfterWarmUpAccounts = restingAfterWarmUpAccounts;
        this.restingAtEnd = restingAtEnd;
        this.restingAtEndAccounts = restingAtEndAccounts;
        this.stats = stats;
    }

    /** All commands, warm-up included. */
    public int size()
    {
        return type.length;
    }

    public int warmUpCommands()
    {
        return warmUpCommands;
    }

    public int measuredCommands()
    {
        return type.length - warmUpCommands;
    }

    /** Orders resting once the warm-up has been replayed on an empty book. */
    public int restingAfterWarmUp()
    {
        return restingAfterWarmUp.length;
    }

    public int restingAtEnd()
    {
        return restingAtEnd.length;
    }

    /** Statistics of the measured commands, counted while generating them. */
    public Stats stats()
    {
        return stats;
    }

    /** What the measured part of the stream does, as counted during generation. */
    public static final class Stats
    {
        final long[] commandsByType = new long[TYPES];
        final long[] tradingByType = new long[TYPES];
        long commands;
        long tradingCommands;
        long fills;
        long tradedQuantity;
        long restingOrdersSum;
        long levelsSum;
        int minRestingOrders = Integer.MAX_VALUE;
        int maxRestingOrders;
        int minLevels = Integer.MAX_VALUE;
        int maxLevels;

        void sample(final int restingOrders, final int levels)
        {
            restingOrdersSum += restingOrders;
            levelsSum += levels;
            minRestingOrders = Math.min(minRestingOrders, restingOrders);
            maxRestingOrders = Math.max(maxRestingOrders, restingOrders);
            minLevels = Math.min(minLevels, levels);
            maxLevels = Math.max(maxLevels, levels);
        }

        public long commands()
        {
            return commands;
        }

        public double fraction(final byte type)
        {
            return (double)commandsByType[type] / commands;
        }

        /** Commands that produced at least one trade, as a fraction of all. */
        public double tradingFraction()
        {
            return (double)tradingCommands / commands;
        }

        public long tradingCommands()
        {
            return tradingCommands;
        }

        public long fills()
        {
            return fills;
        }

        public long tradedQuantity()
        {
            return tradedQuantity;
        }

        /** Resting orders after each command, averaged. */
        public double meanRestingOrders()
        {
            return (double)restingOrdersSum / commands;
        }

        /** Non-empty price levels (both sides) after each command, averaged. */
        public double meanLevels()
        {
            return (double)levelsSum / commands;
        }

        public int minRestingOrders()
        {
            return minRestingOrders;
        }

        public int maxRestingOrders()
        {
            return maxRestingOrders;
        }

        public int minLevels()
        {
            return minLevels;
        }

        public int maxLevels()
        {
            return maxLevels;
        }

        @Override
        public String toString()
        {
            return String.format(
                Locale.ROOT,
                "%,d measured commands: GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, move %.1f%%; " +
                "%.2f%% trade (GTC %.2f%%, IOC %.2f%%, move %.2f%%; %,d fills, %.2f a trading command); " +
                "resting orders mean %.0f (min %d, max %d); price levels mean %.0f (min %d, max %d)",
                commands, 100 * fraction(GTC), 100 * fraction(IOC), 100 * fraction(CANCEL), 100 * fraction(MOVE),
                100 * tradingFraction(), 100.0 * tradingByType[GTC] / commands, 100.0 * tradingByType[IOC] / commands,
                100.0 * tradingByType[MOVE] / commands, fills, (double)fills / Math.max(1, tradingCommands),
                meanRestingOrders(), minRestingOrders, maxRestingOrders, meanLevels(), minLevels, maxLevels);
        }
    }
}
