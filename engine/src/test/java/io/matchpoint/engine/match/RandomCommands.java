package io.matchpoint.engine.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of engine commands. It reads the state of a {@link ReferenceEngine} (that the caller keeps in step
 * by applying each command to it) to aim cancels and replaces at live orders and crossing orders at the opposite
 * best price. Small id spaces and narrow price ranges make collisions, self-trades and crossings frequent.
 * <p>
 * The same seed, mix and command history give the same stream.
 */
final class RandomCommands
{
    /**
     * The largest maximum quantity an instrument may have with the 4,096-order pools of the roomy mixes: the core
     * refuses larger ones so that no sum of resting quantities can overflow.
     */
    static final long HUGE_QUANTITY = Long.MAX_VALUE / 4096;

    /** The kinds of command the generator draws from, each with a weight per {@link Mix}. */
    enum Kind
    {
        DEFINE, HALT, RESUME, PASSIVE, CROSSING, TAKER, CANCEL_BY_ID, CANCEL_BY_CLIENT_ID, REPLACE, MASS_CANCEL,
        SESSION_CANCEL, KILL, REVIVE, COLLAR, RISK_LIMITS, STOP
    }

    /** The instruments a mix trades: starting definitions and how quantities are drawn. */
    enum Universe
    {
        /** Bands of about 60 ticks around small prices, negative ones included. */
        NORMAL(new long[][]{
            { 1, 1, 1, 1, 500, 70, 130, 2, 2 },
            { 2, 5, 10, 10, 2000, -150, 150, 10, 5 },
            { 7, 25, 100, 100, 10000, 1000, 2500, 50, 200 },
            { 1000, 2, 5, 5, 300, -60, 60, 4, 1 },
            { 0, 10, 1, 1, 100, -300, 300, 20, 3 },
        }, false),
        /** Bands of thousands of ticks, for sparse books whose levels lie far apart. */
        WIDE(new long[][]{
            { 1, 1, 1, 1, 500, 0, 4000, 2, 2 },
            { 2, 5, 10, 10, 2000, -10_000, 10_000, 10, 5 },
            { 7, 25, 100, 100, 10000, -50_000, 50_000, 50, 200 },
            { 1000, 2, 5, 5, 300, -2000, 2000, 4, 1 },
        }, false),
        /** Bands of tens of thousands of ticks: multi-word ladder bitmaps, far-apart levels. */
        HUGE(new long[][]{
            { 1, 1, 1, 1, 500, 0, 60_000, 2, 2 },
            { 2, 5, 10, 10, 2000, -150_000, 150_000, 10, 5 },
            { 7, 25, 100, 100, 10000, -750_000, 750_000, 50, 200 },
        }, false),
        /** Prices at the ends of the long range, huge ticks and quantities: overflow hunting. */
        EXTREME(new long[][]{
            { 1, 1, 1, 1, HUGE_QUANTITY, Long.MAX_VALUE - 60, Long.MAX_VALUE, 3, 7 },
            { 2, 1_000_000_000_000L, 1_000_000, 1_000_000, HUGE_QUANTITY / 1_000_000 * 1_000_000,
                -9_223_372_000_000_000_000L, -9_223_372_000_000_000_000L + 60 * 1_000_000_000_000L,
                2_000_000_000_000L, 1000 },
            { 7, 1L << 61, 1, 1, 1000, -1L << 62, 1L << 61, 1L << 62, 2 },
            { 9, 1L << 61, 1, 1, 1000, -3L << 61, 3L << 61, 1L << 62, 2 },
            { 1000, 1, 1, 1, HUGE_QUANTITY, Long.MIN_VALUE, Long.MIN_VALUE + 60, 2, 1 },
        }, true);

        private final long[][] templates;
        private final boolean hugeQuantities;

        Universe(final long[][] templates, final boolean hugeQuantities)
        {
            this.templates = templates;
            this.hugeQuantities = hugeQuantities;
        }
    }

    /**
     * A flavour of command stream: engine capacity, how many accounts and instruments take part, how often each kind
     * of command comes, how often parameters are broken on purpose and how deep books get.
     */
    enum Mix
    {
        /** A bit of everything with roomy capacity. */
        BALANCED(roomy(128), Universe.NORMAL, 4, 3, 0.04, 6,
            new double[]{ 1, 0.3, 1, 30, 15, 10, 12, 6, 12, 1, 1 }),
        /** Mostly resting orders and cancels: deep books, many levels. */
        PASSIVE(roomy(128), Universe.NORMAL, 6, 3, 0.02, 14,
            new double[]{ 0.2, 0.05, 0.2, 50, 5, 3, 12, 8, 10, 0.2, 0.2 }),
        /** Crossing limit, IOC, FOK and market orders against shallow books. */
        AGGRESSIVE(roomy(128), Universe.NORMAL, 5, 3, 0.03, 4,
            new double[]{ 0.5, 0.1, 0.4, 25, 25, 25, 8, 4, 8, 0.5, 0.5 }),
        /** Two accounts trading against each other and themselves: self-trade prevention everywhere. */
        SELF_TRADE(roomy(128), Universe.NORMAL, 2, 2, 0.02, 3,
            new double[]{ 0.3, 0.05, 0.2, 25, 25, 20, 8, 4, 10, 0.5, 0.5 }),
        /** Replaces up and down, at the same and new prices, crossing and not. */
        REPLACE(roomy(128), Universe.NORMAL, 3, 3, 0.03, 5,
            new double[]{ 0.5, 0.1, 0.4, 30, 10, 5, 6, 3, 40, 0.5, 0.5 }),
        /** Halts, resumes, band moves, tick and lot changes, mass cancels. */
        ADMIN(roomy(128), Universe.NORMAL, 4, 4, 0.05, 6, new double[]{ 8, 3, 6, 30, 12, 8, 8, 4, 8, 4, 2 }),
        /** Broken parameters: off tick, off lot, out of band and range, unknown ids, odd accounts, instrument 0. */
        INVALID(roomy(128), Universe.NORMAL, 4, 5, 0.35, 6,
            new double[]{ 3, 1, 1.5, 25, 10, 10, 10, 8, 12, 2, 1 }),
        /** Tiny pools: level, account and instrument capacity rejects, and recovery from them. */
        TINY_CAPACITY(
            new EngineConfig().maxOrders(8).maxPriceLevels(6).maxAccounts(3).maxInstruments(2).ticksPerBook(64),
            Universe.NORMAL, 4, 3, 0.03, 5, new double[]{ 1, 0.3, 0.6, 35, 15, 10, 12, 5, 12, 3, 1 }),
        /** Small pools where the order pool fills before the level pool. */
        SMALL_CAPACITY(
            new EngineConfig().maxOrders(16).maxPriceLevels(24).maxAccounts(5).maxInstruments(3).ticksPerBook(64),
            Universe.NORMAL, 6, 4, 0.03, 8, new double[]{ 1, 0.3, 0.6, 40, 12, 8, 10, 5, 12, 2, 1 }),
        /** Bands of thousands of ticks and orders spread across them: sparse ladders, long sweeps. */
        WIDE(roomy(4096), Universe.WIDE, 4, 4, 0.03, 700,
            new double[]{ 2, 0.2, 0.4, 40, 8, 8, 8, 4, 10, 0.5, 0.5 }),
        /**
         * Account, client order and session ids that differ only in high bits, zero, negative, the ends of the long
         * range.
         */
        ODD_IDS(
            new EngineConfig().maxOrders(256).maxPriceLevels(64).maxAccounts(7).maxInstruments(4).ticksPerBook(64),
            Universe.NORMAL, 9, 3, 0.03, 5, new double[]{ 0.5, 0.2, 0.4, 30, 15, 10, 12, 8, 12, 1, 2 }),
        /** A ladder of 65536 ticks with orders strewn thousands of ticks apart. */
        HUGE_LADDER(roomy(1 << 16), Universe.HUGE, 4, 3, 0.03, 12_000,
            new double[]{ 2, 0.2, 0.4, 40, 8, 8, 8, 4, 10, 0.5, 0.5 }),
        /** Extreme prices, ticks and quantities. */
        EXTREME(roomy(64), Universe.EXTREME, 3, 5, 0.05, 5,
            new double[]{ 2, 0.2, 0.4, 30, 15, 12, 8, 4, 10, 1, 1 }),
        /**
         * Few accounts, each trading from several sessions, with frequent session cancels (what
         * cancel-on-disconnect does), mass cancels and replaces: a session cancel must take exactly its session's
         * orders, replaced ones included, and leave the account's other sessions' orders in their place.
         */
        SESSIONS(roomy(128), Universe.NORMAL, 3, 3, 0.02, 10,
            new double[]{ 0.3, 0.05, 0.2, 40, 10, 6, 8, 4, 15, 1, 6 }),
        /**
         * The kill switch: accounts stopped with orders resting and without, revived, stopped again; their orders
         * and replaces refused meanwhile, the other accounts trading on. (A mix's weights may stop before the last
         * kinds: those it never draws.)
         */
        KILL_SWITCH(roomy(128), Universe.NORMAL, 4, 3, 0.03, 6,
            new double[]{ 0.3, 0.05, 0.2, 30, 15, 10, 8, 4, 10, 0.5, 0.5, 1.5, 2.5 }),
        /**
         * Price collars set, moved and lifted while orders, market orders above all, trade the reference price
         * around: refused limit prices and replaces, market orders stopped at the collar's edge.
         */
        COLLAR(roomy(128), Universe.NORMAL, 4, 3, 0.03, 8,
            new double[]{ 1, 0.1, 0.3, 25, 20, 25, 6, 3, 10, 0.3, 0.3, 0, 0, 3 }),
        /** Collars on the extreme universe: references and widths at the ends of the long range. */
        COLLAR_EXTREME(roomy(64), Universe.EXTREME, 3, 5, 0.05, 5,
            new double[]{ 2, 0.2, 0.4, 30, 15, 12, 8, 4, 10, 1, 1, 0, 0, 3 }),
        /**
         * Risk limits, defaults and accounts' own, set, loosened, tightened under resting orders and cleared while
         * accounts build positions: every limit refusing orders and replaces, replaces that shrink getting through,
         * market orders' notional at the collar or the band's edge.
         */
        RISK(roomy(128), Universe.NORMAL, 4, 3, 0.03, 8,
            new double[]{ 0.5, 0.1, 0.3, 30, 15, 15, 8, 4, 12, 0.5, 0.3, 0.2, 0.3, 0.5, 3 }),
        /** Risk limits on the extreme universe: notionals and positions far beyond the long range. */
        RISK_EXTREME(roomy(64), Universe.EXTREME, 3, 5, 0.05, 5,
            new double[]{ 2, 0.2, 0.4, 30, 15, 12, 8, 4, 10, 1, 1, 0, 0, 1, 1 }),
        /**
         * Icebergs: most GTC limit orders show one to three lots of tens, so that makers refill, sweeps take several
         * slices of one order in turn, FOK orders count on hidden quantity, and replaces shrink the hidden part or
         * the slice or re-enter; cancels, kills, band moves and risk limits take whole icebergs. Now and then a
         * display quantity the core must refuse: negative, off lot, or on an IOC, FOK or market order.
         */
        ICEBERG(roomy(128), Universe.NORMAL, 4, 3, 0.03, 6,
            new double[]{ 0.4, 0.05, 0.5, 30, 18, 18, 6, 3, 14, 0.4, 0.3, 0.03, 0.3, 0, 0.05 }, 0.6),
        /**
         * Icebergs of two accounts trading against each other and themselves, with every self-trade mode and
         * {@code DECREMENT_AND_CANCEL} above all: a decrement takes the hidden part first, then the slice.
         */
        ICEBERG_SELF_TRADE(roomy(128), Universe.NORMAL, 2, 2, 0.02, 3,
            new double[]{ 0.3, 0.05, 0.2, 30, 25, 15, 6, 3, 12, 0.4, 0.3 }, 0.6),
        /**
         * Stop and stop-limit orders of every time in force around the last trade's price, so that most trigger: one
         * trade triggering several, a sweep triggering stops at several prices, triggered stops' own trades
         * triggering more (cascades); triggered stop-limits resting, refused by the collar that moved, by a level
         * pool a few levels wide, or killed by FOK; waiting stops replaced (stop price, price, quantity; place kept
         * or lost), cancelled one by one, by mass and session cancels, the kill switch and band moves; stop prices
         * the core must refuse (off tick, outside the band, already reached). Icebergs, collars and risk limits now
         * and then.
         */
        STOP(new EngineConfig().maxOrders(512).maxPriceLevels(32).maxAccounts(64).maxInstruments(8).ticksPerBook(128),
            Universe.NORMAL, 5, 3, 0.03, 6,
            new double[]{ 0.6, 0.05, 0.3, 26, 16, 12, 6, 3, 10, 0.4, 0.3, 0.05, 0.5, 0.25, 0.3, 22 }, 0.15),
        /**
         * Stops of two accounts: triggered stops meet their own account's resting orders under every self-trade
         * mode, as market and as limit orders.
         */
        STOP_SELF_TRADE(roomy(128), Universe.NORMAL, 2, 2, 0.02, 3,
            new double[]{ 0.3, 0.05, 0.2, 30, 20, 12, 6, 3, 10, 0.4, 0.3, 0, 0, 0, 0, 20 });

        private final EngineConfig config;
        private final Universe universe;
        private final int accounts;
        private final int instruments;
        private final double invalidRate;
        private final int depth;
        private final double[] weights;
        /** How often a GTC limit order is an iceberg; above 0 also draws refused display quantities. */
        private final double icebergRate;

        Mix(
            final EngineConfig config,
            final Universe universe,
            final int accounts,
            final int instruments,
            final double invalidRate,
            final int depth,
            final double[] weights)
        {
            this(config, universe, accounts, instruments, invalidRate, depth, weights, 0);
        }

        Mix(
            final EngineConfig config,
            final Universe universe,
            final int accounts,
            final int instruments,
            final double invalidRate,
            final int depth,
            final double[] weights,
            final double icebergRate)
        {
            this.config = config;
            this.universe = universe;
            this.accounts = accounts;
            this.instruments = instruments;
            this.invalidRate = invalidRate;
            this.depth = depth;
            this.weights = weights;
            this.icebergRate = icebergRate;
        }

        /** A mix that draws stop orders: only those draw what stops need, so the others keep their streams. */
        boolean stops()
        {
            return weights.length > Kind.STOP.ordinal() && weights[Kind.STOP.ordinal()] > 0;
        }

        private static EngineConfig roomy(final int ticksPerBook)
        {
            return new EngineConfig().maxOrders(4096).maxPriceLevels(1024).maxAccounts(64).maxInstruments(8)
                .ticksPerBook(ticksPerBook);
        }

        /**
         * @return a fresh configuration (the engine may keep what it is given).
         */
        EngineConfig config()
        {
            return config.copy().conclude();
        }
    }

    /** Starting definitions: id, tick, lot, min, max, low, high; alternative tick and lot for redefinitions. */
    private final long[][] templates;
    private static final String[] SYMBOLS = { "AAA", "BBB", "CCC", "DDD", "EEE" };
    private static final int[] UNKNOWN_INSTRUMENTS = { 3, 999, -7, Integer.MIN_VALUE };
    private static final long ACCOUNT_BASE = 10;
    private static final long[] ODD_ACCOUNTS = {
        0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 48, 1, (1L << 32) + 1, 1L << 16 };
    private static final long[] ALIAS_BITS = { 0, 0, 0, 1L << 16, 1L << 31, 1L << 32, 1L << 48, 1L << 62, 1L << 63 };
    /** Every account trades from these sessions, so that several sessions share an account and a session id. */
    private static final long[] SESSION_IDS = { MatchingEngine.NO_SESSION, 1, 2, 3 };
    private static final long[] ODD_SESSION_IDS = {
        MatchingEngine.NO_SESSION, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, (1L << 32) + 1 };

    private final Random random;
    private final Mix mix;
    private final ReferenceEngine view;
    private final int ticksPerBook;
    private final double totalWeight;
    private final Map<Long, Long> nextClientOrderId = new HashMap<>();
    private final List<Command> pending = new ArrayList<>();

    RandomCommands(final long seed, final Mix mix, final ReferenceEngine view)
    {
        this.random = new Random(seed);
        this.mix = mix;
        this.view = view;
        this.ticksPerBook = mix.config.ticksPerBook();
        this.templates = mix.universe.templates;
        double total = 0;
        for (final double weight : mix.weights)
        {
            total += weight;
        }
        this.totalWeight = total;
        for (int i = 0; i < mix.instruments; i++)
        {
            pending.add(template(i));
        }
    }

    /**
     * @return the next command; apply it to the view before asking for another.
     */
    Command next()
    {
        if (!pending.isEmpty())
        {
            return pending.remove(0);
        }

        switch (nextKind())
        {
            case DEFINE:
                return define();
            case HALT:
                return new Command.HaltTrading(instrumentId());
            case RESUME:
                return new Command.ResumeTrading(haltedInstrumentId());
            case PASSIVE:
                return passive();
            case CROSSING:
                return crossing();
            case TAKER:
                return taker();
            case CANCEL_BY_ID:
                return cancelById();
            case CANCEL_BY_CLIENT_ID:
                return cancelByClientId();
            case REPLACE:
                return replace();
            case MASS_CANCEL:
                return massCancel();
            case SESSION_CANCEL:
                return sessionCancel();
            case KILL:
                return kill();
            case REVIVE:
                return revive();
            case COLLAR:
                return collar();
            case RISK_LIMITS:
                return riskLimits();
            case STOP:
                return stopOrder();
            default:
                throw new IllegalStateException();
        }
    }

    private Kind nextKind()
    {
        double pick = random.nextDouble() * totalWeight;
        final Kind[] kinds = Kind.values();
        for (int i = 0; i < Math.min(kinds.length, mix.weights.length); i++)
        {
            pick -= mix.weights[i];
            if (pick < 0)
            {
                return kinds[i];
            }
        }
        return Kind.PASSIVE;
    }

    private boolean chance(final double probability)
    {
        return random.nextDouble() < probability;
    }

    private int between(final int lowInclusive, final int highInclusive)
    {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Ids
    // ---------------------------------------------------------------------------------------------------------------

    private Command.DefineInstrument template(final int slot)
    {
        final long[] t = templates[slot];
        return new Command.DefineInstrument((int)t[0], SYMBOLS[slot], t[1], t[2], t[3], t[4], t[5], t[6]);
    }

    private int slot()
    {
        return random.nextInt(mix.instruments);
    }

    /** Mostly one of the mix's instruments (defined or not), now and then an id never defined. */
    private int instrumentId()
    {
        if (chance(0.05 + mix.invalidRate * 0.2))
        {
            return UNKNOWN_INSTRUMENTS[random.nextInt(UNKNOWN_INSTRUMENTS.length)];
        }
        return (int)templates[slot()][0];
    }

    /** Mostly a halted instrument, if any. */
    private int haltedInstrumentId()
    {
        final int instrumentId = instrumentId();
        if (chance(0.8))
        {
            for (final int id : view.instrumentIds())
            {
                if (view.isHalted(id))
                {
                    return id;
                }
            }
        }
        return instrumentId;
    }

    private long accountId()
    {
        if (mix == Mix.INVALID && chance(0.03))
        {
            return chance(0.5) ? 0 : -5;
        }
        if ((mix == Mix.TINY_CAPACITY || mix == Mix.SMALL_CAPACITY) && chance(0.02))
        {
            return 100 + random.nextInt(50);
        }
        return account(random.nextInt(mix.accounts));
    }

    private long account(final int index)
    {
        return mix == Mix.ODD_IDS ? ODD_ACCOUNTS[index] : ACCOUNT_BASE + index;
    }

    private long otherAccount(final long accountId)
    {
        if (mix.accounts < 2)
        {
            return accountId + 1;
        }
        long other = accountId;
        while (other == accountId)
        {
            other = account(random.nextInt(mix.accounts));
        }
        return other;
    }

    /** One of the few sessions every account trades from. */
    private long sessionId()
    {
        final long[] sessions = mix == Mix.ODD_IDS ? ODD_SESSION_IDS : SESSION_IDS;
        return sessions[random.nextInt(sessions.length)];
    }

    private long freshClientOrderId(final long accountId)
    {
        if (mix == Mix.ODD_IDS)
        {
            // a small number with a high bit flipped now and then: aliases for any key that packs or truncates ids
            return (1 + random.nextInt(12)) ^ ALIAS_BITS[random.nextInt(ALIAS_BITS.length)];
        }
        final long next = nextClientOrderId.getOrDefault(accountId, 1L);
        nextClientOrderId.put(accountId, next + 1);
        return next;
    }

    /** Fresh mostly; sometimes a live one of the account (duplicate) or an old one. */
    private long clientOrderId(final long accountId)
    {
        final double pick = random.nextDouble();
        if (pick < 0.10)
        {
            final ReferenceEngine.Order live = view.randomRestingOrder(random, accountId);
            if (live != null)
            {
                return live.clientOrderId;
            }
        }
        else if (pick < 0.20)
        {
            final long next = nextClientOrderId.getOrDefault(accountId, 1L);
            return 1 + (long)(random.nextDouble() * next);
        }
        else if (pick < 0.20 + mix.invalidRate * 0.05)
        {
            return chance(0.5) ? 0 : -1 - random.nextInt(3);
        }
        return freshClientOrderId(accountId);
    }

    private SelfTradePrevention stp()
    {
        if (mix == Mix.ICEBERG_SELF_TRADE && chance(0.4))
        {
            return SelfTradePrevention.DECREMENT_AND_CANCEL;
        }
        final SelfTradePrevention[] modes = SelfTradePrevention.values();
        return modes[random.nextInt(modes.length)];
    }

    private Side side()
    {
        return random.nextBoolean() ? Side.BUY : Side.SELL;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Prices and quantities
    // ---------------------------------------------------------------------------------------------------------------

    private static long clamp(final ReferenceEngine.Instrument instrument, final long price)
    {
        return Math.max(instrument.lowPrice, Math.min(instrument.highPrice, price));
    }

    /** A resting price on the order's own side: behind the opposite best or around the middle of the band. */
    private long passivePrice(final ReferenceEngine.Instrument instrument, final Side side)
    {
        final long tick = instrument.tick;
        final long oppositeBest = side == Side.BUY ? view.bestAsk(instrument.id) : view.bestBid(instrument.id);
        final int away = random.nextInt(mix.depth + 1);
        final long price;
        if (oppositeBest != MatchingEngine.NULL_PRICE)
        {
            price = side == Side.BUY ? oppositeBest - tick * (1 + away) : oppositeBest + tick * (1 + away);
        }
        else
        {
            final long mid = instrument.midPrice();
            price = side == Side.BUY ? mid - tick * away : mid + tick * away;
        }
        return clamp(instrument, price);
    }

    /** A price at or through the opposite best, so that the order trades if anything is there. */
    private long crossingPrice(final ReferenceEngine.Instrument instrument, final Side side)
    {
        final long tick = instrument.tick;
        final long oppositeBest = side == Side.BUY ? view.bestAsk(instrument.id) : view.bestBid(instrument.id);
        final long base = oppositeBest != MatchingEngine.NULL_PRICE ? oppositeBest : instrument.midPrice();
        final int through = random.nextInt(4);
        return clamp(instrument, side == Side.BUY ? base + tick * through : base - tick * through);
    }

    /** Breaks the price on purpose now and then: off tick or outside the band. */
    private long maybeBreakPrice(final ReferenceEngine.Instrument instrument, final long price)
    {
        if (!chance(mix.invalidRate * 0.5))
        {
            return price;
        }
        if (instrument.tick > 1 && random.nextBoolean())
        {
            return price + between(1, (int)Math.min(instrument.tick - 1, 1000));
        }
        return random.nextBoolean() ?
            instrument.highPrice + instrument.tick * between(1, 3) :
            instrument.lowPrice - instrument.tick * between(1, 3);
    }

    /** A valid quantity, small mostly, large now and then to sweep several levels. */
    private long quantity(final ReferenceEngine.Instrument instrument, final boolean large)
    {
        final long lot = instrument.lot;
        final long minLots = Math.max(1, (instrument.minQuantity + lot - 1) / lot);
        final long maxLots = instrument.maxQuantity / lot;
        if (maxLots < minLots)
        {
            return instrument.minQuantity;
        }
        if (mix.universe.hugeQuantities && chance(0.5))
        {
            // near the maximum: a few of these overflow any long sum of them
            final long lots = maxLots - (long)(random.nextDouble() * Math.max(1, (maxLots - minLots) / 2));
            return lot * Math.max(minLots, lots);
        }
        final long span = Math.min(maxLots - minLots, large ? 40 : 6);
        return lot * (minLots + (long)(random.nextDouble() * (span + 1)));
    }

    /** Breaks the quantity on purpose now and then: off lot, out of range, zero or negative. */
    private long maybeBreakQuantity(final ReferenceEngine.Instrument instrument, final long quantity)
    {
        if (!chance(mix.invalidRate * 0.5))
        {
            return quantity;
        }
        switch (random.nextInt(5))
        {
            case 0:
                return instrument.lot > 1 ? quantity + 1 : quantity + instrument.maxQuantity;
            case 1:
                return instrument.maxQuantity + instrument.lot;
            case 2:
                return instrument.minQuantity - instrument.lot;
            case 3:
                return 0;
            default:
                return -instrument.lot;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands
    // ---------------------------------------------------------------------------------------------------------------

    private Command define()
    {
        final int slot = slot();
        final ReferenceEngine.Instrument current = view.instrument((int)templates[slot][0]);
        if (current == null || chance(0.05))
        {
            return template(slot);
        }

        final int id = current.id;
        final String symbol = current.symbol;
        final long tick = current.tick;
        final long lot = current.lot;
        final long min = current.minQuantity;
        final long max = current.maxQuantity;
        final long low = current.lowPrice;
        final long high = current.highPrice;
        final long widthTicks = high / tick - low / tick;
        if (mix.universe == Universe.EXTREME && chance(0.03))
        {
            // the widest band on tick: its span does not fit a long
            return new Command.DefineInstrument(
                id, symbol, tick, lot, min, max, Long.MIN_VALUE / tick * tick, Long.MAX_VALUE / tick * tick);
        }
        final int shiftTicks = (int)Math.max(8, widthTicks / 6);
        final double pick = random.nextDouble();
        if (pick < 0.05)
        {
            // jump the band far: most or all orders end up outside it
            final long shift = tick * between((int)-widthTicks * 2, (int)widthTicks * 2);
            return new Command.DefineInstrument(id, symbol, tick, lot, min, max, low + shift, high + shift);
        }
        if (pick < 0.40)
        {
            // move the band, keeping its width
            final long shift = tick * between(-shiftTicks, shiftTicks);
            return new Command.DefineInstrument(id, symbol, tick, lot, min, max, low + shift, high + shift);
        }
        if (pick < 0.55)
        {
            // narrow or widen either edge
            final long newLow = low + tick * between(-4, 10);
            final long newHigh = high - tick * between(-4, 10);
            return new Command.DefineInstrument(id, symbol, tick, lot, min, max, newLow, newHigh);
        }
        if (pick < 0.65)
        {
            // quantity limits (which apply to new orders and replaces only)
            final long newMin = lot * between(1, 3) + (chance(0.1) ? 1 : 0);
            final long newMax = lot * between(3, 60);
            final String newSymbol = symbol.length() < 64 ? symbol + "X" : SYMBOLS[slot];
            return new Command.DefineInstrument(id, newSymbol, tick, lot, newMin, newMax, low, high);
        }
        if (pick < 0.77)
        {
            // tick or lot change: only while the book is empty
            final long[] t = templates[slot];
            final long newTick = tick == t[1] ? t[7] : t[1];
            final long newLot = chance(0.5) ? lot : (lot == t[2] ? t[8] : t[2]);
            final long newLow = Math.floorDiv(low, newTick) * newTick;
            final long newHigh = Math.min(newLow + newTick * (ticksPerBook - 1), Math.floorDiv(high, newTick) * newTick);
            return new Command.DefineInstrument(
                id, symbol, chance(0.5) ? newTick : tick, newLot, Math.max(min, newLot), Math.max(max, newLot * 4),
                newLow, Math.max(newLow, newHigh));
        }
        if (pick < 0.85)
        {
            // band exactly as wide as a book allows, or one tick wider
            final long ticks = ticksPerBook - 1 + (chance(0.5) ? 1 : 0);
            final long newLow = low - tick * between(0, (int)Math.max(0, ticks - widthTicks));
            return new Command.DefineInstrument(id, symbol, tick, lot, min, max, newLow, newLow + tick * ticks);
        }
        // invalid
        switch (random.nextInt(8))
        {
            case 0:
                return new Command.DefineInstrument(id, symbol, 0, lot, min, max, low, high);
            case 1:
                return new Command.DefineInstrument(id, symbol, tick, -lot, min, max, low, high);
            case 2:
                return new Command.DefineInstrument(id, symbol, tick, lot, 0, max, low, high);
            case 3:
                return new Command.DefineInstrument(id, symbol, tick, lot, min, min - 1, low, high);
            case 4:
                return new Command.DefineInstrument(id, symbol, tick, lot, min, max, high + tick, high);
            case 5:
                return new Command.DefineInstrument(
                    id, symbol, tick, lot, min, max, tick > 1 ? low + 1 : low, tick > 1 ? high : high);
            case 6:
                return new Command.DefineInstrument(id, "", tick, lot, min, max, low, high);
            default:
                return new Command.DefineInstrument(id, symbol, tick, lot, min, max, low, high);
        }
    }

    private Command order(
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean crossing,
        final boolean postOnly)
    {
        final long accountId = accountId();
        final long sessionId = sessionId();
        final long clientOrderId = clientOrderId(accountId);
        final int instrumentId = chance(0.97 - mix.invalidRate * 0.1) ?
            (int)templates[slot()][0] : UNKNOWN_INSTRUMENTS[random.nextInt(UNKNOWN_INSTRUMENTS.length)];
        final ReferenceEngine.Instrument instrument = view.instrument(instrumentId);
        // mixes without icebergs draw nothing more than they ever did, so that their seeds keep their streams
        final boolean icebergs = mix.icebergRate > 0;
        if (instrument == null)
        {
            return new Command.NewOrder(
                accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, between(-10, 200),
                between(1, 50), icebergs && chance(0.3) ? between(-2, 5) : 0, postOnly, stp());
        }
        final long price;
        if (orderType == OrderType.MARKET)
        {
            // ignored by the engine: anything goes
            price = chance(0.5) ? 0 : instrument.highPrice + between(-1000, 1000);
        }
        else
        {
            price = maybeBreakPrice(
                instrument, crossing ? crossingPrice(instrument, side) : passivePrice(instrument, side));
        }
        // an iceberg is large, so that its few lots shown refill many times
        final boolean iceberg = icebergs && orderType == OrderType.LIMIT && timeInForce == TimeInForce.GTC &&
            chance(mix.icebergRate);
        final long quantity = maybeBreakQuantity(
            instrument, quantity(instrument, iceberg || crossing && chance(icebergs ? 0.5 : 0.3)));
        final long displayQuantity = icebergs ? displayQuantity(instrument, iceberg, orderType, timeInForce) : 0;
        return new Command.NewOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
            displayQuantity, postOnly, stp());
    }

    /**
     * An iceberg's display: one to three lots mostly, now and then as much as the order or more (nothing hidden), or
     * one the core refuses (negative, off lot). An order that never rests asks for one now and then, to be refused;
     * a plain GTC limit order has none.
     */
    private long displayQuantity(
        final ReferenceEngine.Instrument instrument,
        final boolean iceberg,
        final OrderType orderType,
        final TimeInForce timeInForce)
    {
        final long lot = instrument.lot;
        if (!iceberg)
        {
            final boolean mayRest = orderType == OrderType.LIMIT && timeInForce == TimeInForce.GTC;
            return !mayRest && chance(0.06) ? lot * between(1, 3) : 0;
        }
        final double pick = random.nextDouble();
        if (pick < 0.03)
        {
            return chance(0.8) ? -lot * between(1, 2) : Long.MIN_VALUE;
        }
        if (pick < 0.06)
        {
            return lot > 1 ? lot * between(0, 2) + between(1, (int)Math.min(lot - 1, 1000)) : -1;
        }
        if (pick < 0.14)
        {
            return lot * between(4, 60);
        }
        return lot * between(1, 3);
    }

    private Command passive()
    {
        final boolean postOnly = chance(0.12);
        final TimeInForce timeInForce = chance(0.97) ? TimeInForce.GTC : (random.nextBoolean() ?
            TimeInForce.IOC : TimeInForce.FOK);
        return order(side(), OrderType.LIMIT, timeInForce, false, postOnly);
    }

    private Command crossing()
    {
        final double pick = random.nextDouble();
        final TimeInForce timeInForce = pick < 0.6 ? TimeInForce.GTC : pick < 0.8 ? TimeInForce.IOC : TimeInForce.FOK;
        return order(side(), OrderType.LIMIT, timeInForce, true, chance(0.04));
    }

    private Command taker()
    {
        final double pick = random.nextDouble();
        final TimeInForce[] all = TimeInForce.values();
        if (pick < 0.35)
        {
            return order(side(), OrderType.LIMIT, TimeInForce.IOC, true, chance(0.02));
        }
        if (pick < 0.65)
        {
            return order(side(), OrderType.LIMIT, TimeInForce.FOK, true, chance(0.02));
        }
        return order(side(), OrderType.MARKET, all[random.nextInt(all.length)], true, chance(0.03));
    }

    private Command cancelById()
    {
        final double pick = random.nextDouble();
        final ReferenceEngine.Order live = liveOrder();
        if (live != null && pick < 0.70)
        {
            return new Command.CancelOrder(live.accountId, live.orderId);
        }
        if (live != null && pick < 0.80)
        {
            return new Command.CancelOrder(otherAccount(live.accountId), live.orderId);
        }
        if (pick < 0.88)
        {
            final long stale = view.randomIssuedOrderId(random);
            return new Command.CancelOrder(chance(0.7) ? ownerOrAny(stale) : accountId(), stale);
        }
        return new Command.CancelOrder(accountId(), forgedOrderId());
    }

    /**
     * An order id no order may be found by, or one a live order only seems to have: random bits, the ends of the
     * long range, a live order's id with the slot part or the sequence changed, a slot part beyond the pool, the next
     * id to come. The engine must answer each as an unknown order (or find exactly the order the model finds) and
     * never throw.
     */
    private long forgedOrderId()
    {
        final int bits = view.slotBits();
        final long slotMask = (1L << bits) - 1;
        final ReferenceEngine.Order live = view.randomRestingOrder(random);
        final long liveId = live != null ? live.orderId : view.randomIssuedOrderId(random);
        switch (random.nextInt(9))
        {
            case 0:
                return random.nextLong();
            case 1:
            {
                final long[] odd = { 0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, slotMask, slotMask + 1, 1L << bits };
                return odd[random.nextInt(odd.length)];
            }
            case 2:
                // the same sequence, another slot (perhaps another live order's)
                return (liveId & ~slotMask) | random.nextInt((int)slotMask + 1);
            case 3:
                // the same slot, a neighbouring sequence
                return liveId + (random.nextBoolean() ? 1L : -1L) * (1L << bits) * (1 + random.nextInt(3));
            case 4:
                // a slot part beyond the pool (up to "no slot" itself)
                return (liveId & ~slotMask) | (mix.config().maxOrders() + random.nextInt((int)slotMask + 1 -
                    mix.config().maxOrders()));
            case 5:
                return view.nextRestingOrderId();
            case 6:
                // a high bit set on a live id: negative, or a sequence far ahead
                return liveId | (1L << (62 + random.nextInt(2)));
            case 7:
                return -liveId;
            default:
                return liveId ^ (1L << random.nextInt(64));
        }
    }

    /** Some resting order or waiting stop; in the stop mixes a waiting stop a third of the time, when one waits. */
    private ReferenceEngine.Order liveOrder()
    {
        if (mix.stops() && chance(0.35))
        {
            final ReferenceEngine.Order stop = view.randomWaitingStop(random);
            if (stop != null)
            {
                return stop;
            }
        }
        return view.randomRestingOrder(random);
    }

    /** The account of the live order with that id if one rests, else any account. */
    private long ownerOrAny(final long orderId)
    {
        final ReferenceEngine.Order live = view.restingOrder(orderId);
        return live != null ? live.accountId : accountId();
    }

    private Command cancelByClientId()
    {
        final double pick = random.nextDouble();
        final ReferenceEngine.Order live = liveOrder();
        if (live != null && pick < 0.70)
        {
            return new Command.CancelOrderByClientId(live.accountId, live.clientOrderId);
        }
        if (live != null && pick < 0.80)
        {
            return new Command.CancelOrderByClientId(otherAccount(live.accountId), live.clientOrderId);
        }
        final long accountId = accountId();
        if (pick < 0.95)
        {
            final long next = nextClientOrderId.getOrDefault(accountId, 1L);
            return new Command.CancelOrderByClientId(accountId, 1 + (long)(random.nextDouble() * next));
        }
        return new Command.CancelOrderByClientId(accountId, chance(0.5) ? 0 : Long.MIN_VALUE);
    }

    private Command replace()
    {
        if (mix.stops() && chance(0.45))
        {
            final ReferenceEngine.Order stop = view.randomWaitingStop(random);
            if (stop != null)
            {
                return replaceStop(stop);
            }
        }
        final ReferenceEngine.Order live = view.randomRestingOrder(random);
        final double who = random.nextDouble();
        if (live == null || who > 0.92)
        {
            final long orderId = chance(0.5) ? forgedOrderId() : view.randomIssuedOrderId(random);
            return new Command.ReplaceOrder(
                chance(0.5) ? ownerOrAny(orderId) : accountId(), orderId, between(1, 20), between(-100, 1000),
                between(1, 100));
        }
        final long accountId = who < 0.85 ? live.accountId : otherAccount(live.accountId);
        final ReferenceEngine.Instrument instrument = view.instrument(live.instrumentId);
        final long tick = instrument.tick;
        final long lot = instrument.lot;

        final double cl = random.nextDouble();
        final long newClientOrderId;
        if (cl < 0.65)
        {
            newClientOrderId = live.clientOrderId;
        }
        else if (cl < 0.85)
        {
            newClientOrderId = freshClientOrderId(live.accountId);
        }
        else
        {
            final ReferenceEngine.Order sibling = view.randomRestingOrder(random, live.accountId);
            newClientOrderId = sibling != null ? sibling.clientOrderId : live.clientOrderId;
        }

        final double p = random.nextDouble();
        long newPrice;
        if (p < 0.40)
        {
            newPrice = live.price;
        }
        else if (p < 0.75)
        {
            newPrice = clamp(instrument, live.price + tick * between(-3, 3));
        }
        else
        {
            newPrice = crossingPrice(instrument, live.side);
        }
        newPrice = maybeBreakPrice(instrument, newPrice);

        final double q = random.nextDouble();
        long newQuantity;
        if (mix.icebergRate > 0 && q < 0.12)
        {
            // down to a few lots: an iceberg keeping priority gives up all it hides and some of its slice
            newQuantity = lot * between(1, 3);
        }
        else if (q < 0.30)
        {
            newQuantity = live.leaves;
        }
        else if (q < 0.60)
        {
            newQuantity = live.leaves - lot * between(1, 3);
        }
        else
        {
            newQuantity = live.leaves + lot * between(1, 5);
        }
        if (newQuantity <= 0 && chance(0.7))
        {
            newQuantity = lot;
        }
        newQuantity = maybeBreakQuantity(instrument, newQuantity);
        if (mix.stops() && chance(0.1))
        {
            // a stop price on an order that does not wait: ignored
            return new Command.ReplaceStop(
                accountId, live.orderId, newClientOrderId, newPrice, newQuantity, stopPrice(instrument, live.side));
        }
        return new Command.ReplaceOrder(accountId, live.orderId, newClientOrderId, newPrice, newQuantity);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stop orders
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A STOP or STOP_LIMIT order of any time in force, its stop price just beyond the last trade's price mostly (so
     * that the next trades reach it), now and then at or behind it (already triggered) or broken.
     */
    private Command stopOrder()
    {
        final long accountId = accountId();
        final long sessionId = sessionId();
        final long clientOrderId = clientOrderId(accountId);
        // now and then at the stop price of a stop that waits already: one trade triggers several of the same price
        final ReferenceEngine.Order twin = chance(0.3) ? view.randomWaitingStop(random) : null;
        final int instrumentId = twin != null ? twin.instrumentId : chance(0.97 - mix.invalidRate * 0.1) ?
            (int)templates[slot()][0] : UNKNOWN_INSTRUMENTS[random.nextInt(UNKNOWN_INSTRUMENTS.length)];
        final Side side = twin != null ? twin.side : side();
        final OrderType orderType = random.nextBoolean() ? OrderType.STOP : OrderType.STOP_LIMIT;
        final double pick = random.nextDouble();
        final TimeInForce timeInForce = pick < 0.6 ? TimeInForce.GTC : pick < 0.8 ? TimeInForce.IOC : TimeInForce.FOK;
        // a stop order is never post-only nor an iceberg: now and then one asks, to be refused
        final boolean postOnly = chance(0.01);
        final ReferenceEngine.Instrument instrument = view.instrument(instrumentId);
        if (instrument == null)
        {
            return new Command.NewOrder(
                accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, between(-10, 200),
                between(1, 50), 0, between(-10, 200), postOnly, stp());
        }
        final long tick = instrument.tick;
        final long stopPrice =
            twin != null ? twin.stopPrice : maybeBreakStopPrice(instrument, stopPrice(instrument, side));
        final long price;
        if (orderType == OrderType.STOP)
        {
            // ignored by the engine: anything goes
            price = chance(0.7) ? 0 : between(-50, 200);
        }
        else if (chance(0.06))
        {
            // far beyond the stop price: the collar may refuse it once triggered
            price = clamp(instrument, side == Side.BUY ? stopPrice + tick * between(8, 25) :
                stopPrice - tick * between(8, 25));
        }
        else if (chance(0.35))
        {
            // well behind it, to rest once triggered: stops that share a stop price each want a level of their own,
            // so that a full level pool refuses some
            price = clamp(instrument, side == Side.BUY ? stopPrice - tick * between(5, 16) :
                stopPrice + tick * between(5, 16));
        }
        else
        {
            // a little beyond the stop price mostly, so that it trades when triggered; behind it now and then, to rest
            final long beyond = tick * between(-3, 4);
            price = maybeBreakPrice(instrument, clamp(instrument, side == Side.BUY ?
                stopPrice + beyond : stopPrice - beyond));
        }
        final long quantity = maybeBreakQuantity(instrument, quantity(instrument, chance(0.4)));
        final long displayQuantity = chance(0.01) ? instrument.lot : 0;
        return new Command.NewOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
            displayQuantity, stopPrice, postOnly, stp());
    }

    /**
     * One or two ticks beyond the last trade's price mostly (the band's middle before any, or once a band move left
     * it outside), a few more now and then, at or behind it now and then: already triggered.
     */
    private long stopPrice(final ReferenceEngine.Instrument instrument, final Side side)
    {
        final long reference = instrument.referencePrice();
        final long last = reference >= instrument.lowPrice && reference <= instrument.highPrice ?
            reference : instrument.midPrice();
        final int away = chance(0.06) ? -between(0, 2) : chance(0.7) ? between(1, 2) : between(3, 6);
        return clamp(instrument, side == Side.BUY ? last + instrument.tick * away : last - instrument.tick * away);
    }

    /** Breaks a stop price on purpose now and then: off tick or outside the band. */
    private long maybeBreakStopPrice(final ReferenceEngine.Instrument instrument, final long stopPrice)
    {
        if (!chance(0.03 + mix.invalidRate * 0.3))
        {
            return stopPrice;
        }
        if (instrument.tick > 1 && random.nextBoolean())
        {
            return stopPrice + between(1, (int)Math.min(instrument.tick - 1, 1000));
        }
        return random.nextBoolean() ?
            instrument.highPrice + instrument.tick * between(1, 3) :
            instrument.lowPrice - instrument.tick * between(1, 3);
    }

    /**
     * A waiting stop's replace: its stop price kept, moved a few ticks, moved to or through the last trade's price
     * (already triggered) or broken; a STOP_LIMIT's price kept or moved; the quantity kept, shrunk or grown; mostly
     * with a stop price, now and then in the form that keeps it.
     */
    private Command replaceStop(final ReferenceEngine.Order stop)
    {
        final ReferenceEngine.Instrument instrument = view.instrument(stop.instrumentId);
        final long tick = instrument.tick;
        final long lot = instrument.lot;
        final long accountId = chance(0.92) ? stop.accountId : otherAccount(stop.accountId);

        final double cl = random.nextDouble();
        final long newClientOrderId;
        if (cl < 0.65)
        {
            newClientOrderId = stop.clientOrderId;
        }
        else if (cl < 0.85)
        {
            newClientOrderId = freshClientOrderId(stop.accountId);
        }
        else
        {
            final ReferenceEngine.Order sibling = view.randomRestingOrder(random, stop.accountId);
            newClientOrderId = sibling != null ? sibling.clientOrderId : stop.clientOrderId;
        }

        final double s = random.nextDouble();
        long newStopPrice;
        if (s < 0.35)
        {
            newStopPrice = stop.stopPrice;
        }
        else if (s < 0.80)
        {
            newStopPrice = clamp(instrument, stop.stopPrice + tick * between(-3, 3));
        }
        else
        {
            newStopPrice = stopPrice(instrument, stop.side);
        }
        newStopPrice = maybeBreakStopPrice(instrument, newStopPrice);

        final long newPrice;
        if (stop.orderType == OrderType.STOP)
        {
            newPrice = chance(0.85) ? 0 : between(-50, 200);
        }
        else
        {
            final double p = random.nextDouble();
            newPrice = maybeBreakPrice(instrument,
                p < 0.5 ? stop.price : clamp(instrument, stop.price + tick * between(-3, 3)));
        }

        final double q = random.nextDouble();
        long newQuantity = q < 0.35 ? stop.leaves : q < 0.65 ? stop.leaves - lot * between(1, 3) :
            stop.leaves + lot * between(1, 5);
        if (newQuantity <= 0 && chance(0.7))
        {
            newQuantity = lot;
        }
        newQuantity = maybeBreakQuantity(instrument, newQuantity);
        if (chance(0.15))
        {
            return new Command.ReplaceOrder(accountId, stop.orderId, newClientOrderId, newPrice, newQuantity);
        }
        return new Command.ReplaceStop(accountId, stop.orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
    }

    private Command massCancel()
    {
        final long accountId = chance(0.85) ? accountId() : 500 + random.nextInt(3);
        final double pick = random.nextDouble();
        final int instrumentId = pick < 0.5 ? MatchingEngine.ALL_INSTRUMENTS : instrumentId();
        return new Command.MassCancel(accountId, instrumentId);
    }

    /** Mostly a live order's account and session; now and then another account's, or any, or an unknown account. */
    private Command collar()
    {
        if (mix.stops())
        {
            // lifted often and seldom narrow, so that refused limit prices do not starve the stops of the trades
            // that trigger them
            final double pick = random.nextDouble();
            final int instrumentId = instrumentId();
            return pick < 0.45 ? new Command.SetPriceCollar(instrumentId, 0, 0) :
                pick < 0.9 ? new Command.SetPriceCollar(instrumentId, between(2, 10), 0) :
                new Command.SetPriceCollar(instrumentId, 0, between(300, 3000));
        }
        final double pick = random.nextDouble();
        if (pick < 0.35)
        {
            // in basis points of the reference: 0.01% to 5% mostly, now and then 100%, too wide, or with ticks too
            final long basisPoints = pick < 0.3 ? 1 + random.nextInt(500) : pick < 0.32 ? 10_000 :
                pick < 0.34 ? 10_001 + random.nextInt(3) : 1 + random.nextInt(50);
            return new Command.SetPriceCollar(instrumentId(), pick >= 0.34 ? 1 + random.nextInt(3) : 0, basisPoints);
        }
        final long ticks = pick < 0.45 ? 0 : pick < 0.9 ? 1 + random.nextInt(12) :
            pick < 0.95 ? Long.MAX_VALUE / (1 + random.nextInt(3)) : -1 - random.nextInt(3);
        return new Command.SetPriceCollar(instrumentId(), ticks, 0);
    }

    /**
     * Limits for the defaults (a quarter of the time) or one account, each unset, 0, or drawn around the scale of an
     * instrument of the mix (its maximum quantity, its largest price times that), so that they bite often; now and
     * then an invalid one. Sometimes an account drops its own.
     */
    private Command riskLimits()
    {
        final long accountId = chance(0.25) ? MatchingEngine.ALL_ACCOUNTS : accountId();
        if (chance(0.15))
        {
            return new Command.ClearRiskLimits(accountId);
        }
        final long[] t = templates[slot()];
        final double quantity = t[4];
        final double notional = quantity * Math.max(Math.abs((double)t[5]), Math.abs((double)t[6]));
        // at the ends of the long range most notionals pass any long: set there, a notional limit refuses nearly all
        final double unsetNotional = mix.universe.hugeQuantities ? 0.8 : 0.45;
        return new Command.SetRiskLimits(
            accountId, limit(quantity, 0.45), limit(notional, unsetNotional), limit(mix.depth * 10, 0.45),
            limit(notional * 4, unsetNotional), limit(notional * 8, unsetNotional), limit(quantity * 3, 0.45));
    }

    private long limit(final double scale, final double unset)
    {
        final double pick = random.nextDouble();
        if (pick < unset)
        {
            return MatchingEngine.NO_LIMIT;
        }
        if (pick < unset + mix.invalidRate * 0.3)
        {
            return chance(0.5) ? Long.MIN_VALUE : -2 - random.nextInt(3);
        }
        if (pick < unset + 0.07)
        {
            return chance(0.3) ? 0 : Long.MAX_VALUE;
        }
        final double value = scale * random.nextDouble() * 3;
        return value >= Long.MAX_VALUE ? Long.MAX_VALUE : (long)value;
    }

    private Command kill()
    {
        final ReferenceEngine.Order live = view.randomRestingOrder(random);
        if (live != null && chance(0.7))
        {
            return new Command.KillAccount(live.accountId);
        }
        return new Command.KillAccount(chance(0.9) ? accountId() : 500 + random.nextInt(3));
    }

    private Command revive()
    {
        final List<Long> killed = view.killedAccounts();
        if (!killed.isEmpty() && chance(0.85))
        {
            return new Command.ReviveAccount(killed.get(random.nextInt(killed.size())));
        }
        return new Command.ReviveAccount(accountId());
    }

    private Command sessionCancel()
    {
        final double pick = random.nextDouble();
        final ReferenceEngine.Order live = view.randomRestingOrder(random);
        if (live != null && pick < 0.70)
        {
            return new Command.CancelSessionOrders(live.accountId, live.sessionId);
        }
        if (live != null && pick < 0.80)
        {
            return new Command.CancelSessionOrders(otherAccount(live.accountId), live.sessionId);
        }
        final long accountId = pick < 0.95 ? accountId() : 500 + random.nextInt(3);
        return new Command.CancelSessionOrders(accountId, sessionId());
    }
}
