package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.OrderAddDecoder;
import io.matchpoint.codec.md.OrderExecutedDecoder;
import io.matchpoint.engine.match.BookVisitor;
import io.matchpoint.engine.match.Command;
import io.matchpoint.engine.match.EngineCommands;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.RandomCommandStream;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;
import io.matchpoint.marketdata.BookOrder;
import io.matchpoint.marketdata.InstrumentBook;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataListener;
import io.matchpoint.marketdata.PriceLevel;

/**
 * The market data the service emits rebuilds the engine's books exactly: seeded random command streams of every mix
 * the core's differential test uses (over a million commands in all) go through a {@link MatchingService} as SBE
 * commands; a subscriber's {@link MarketDataBooks} is fed the INCREMENTAL and ORDERS messages alone, and every few
 * commands each instrument's L2 (levels, from INCREMENTAL) and L3 (orders in priority, from ORDERS) must equal the
 * engine's book, level for level and order for order, with no gap and nothing stale, across a restart half way
 * (the service's state saved and loaded into a fresh one, which goes on with the feed). Icebergs too: the engine's book
 * as {@link MatchingEngine#visitBook} shows it counts their slices only, and so must the feed; besides the mixes of
 * the core's differential test, {@link #OWN_ICEBERGS} is a stream of this test's own, dense with refills, reductions,
 * replaces and self-trade decrements of icebergs.
 */
class MarketDataDifferentialTest
{
    private static final int COMMANDS_PER_RUN = 40_000;
    private static final long[] SEEDS = { 1, 2 };
    private static final int CHECK_INTERVAL = 50;
    /** Half way, the service is saved and a fresh one loaded from that state takes over. */
    private static final int RESTART_AT = COMMANDS_PER_RUN / 2;
    /** The run of {@link IcebergStream}, this test's own iceberg commands. */
    private static final String OWN_ICEBERGS = "OWN_ICEBERGS";

    static Stream<Arguments> runs()
    {
        final List<Arguments> runs = new ArrayList<>();
        for (final String mix : RandomCommandStream.mixes())
        {
            for (final long seed : SEEDS)
            {
                runs.add(Arguments.of(mix, seed));
            }
        }
        for (final long seed : SEEDS)
        {
            runs.add(Arguments.of(OWN_ICEBERGS, seed));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void subscriberBooksShouldEqualTheEngineBooksAfterEveryBatch(final String mix, final long seed)
    {
        final Source stream = OWN_ICEBERGS.equals(mix) ?
            new IcebergStream(0x1CEB_0000L + seed) : new MixStream(new RandomCommandStream(0x4D44_0000L + seed, mix));
        final List<String> problems = new ArrayList<>();
        final MarketDataBooks subscriber = new MarketDataBooks(new MarketDataListener()
        {
            public void onChannelGap(final MdChannel channel, final long expected, final long received)
            {
                problems.add(channel + " gap: expected " + expected + ", received " + received);
            }

            public void onStale(final InstrumentBook book, final MdChannel channel, final String why)
            {
                problems.add("instrument " + book.instrumentId() + " stale on " + channel + ": " + why);
            }
        });
        final FeedEgress egress = new FeedEgress(subscriber);
        MatchingService service = service(stream, egress);
        service.publishMarketData(true);
        EngineCommands commands = new IcebergsPastTheWire(service, new SbeCommands(service));
        stream.engine(service.engine());
        final Set<Integer> instrumentIds = new TreeSet<>();
        final List<String> recent = new ArrayList<>();

        for (int i = 0; i < COMMANDS_PER_RUN; i++)
        {
            if (i == RESTART_AT)
            {
                service = restarted(service, stream, egress);
                commands = new IcebergsPastTheWire(service, new SbeCommands(service, service.lastSequence()));
                stream.engine(service.engine());
            }
            final Step command = stream.next();
            if (command.definedInstrumentId() != NO_INSTRUMENT)
            {
                instrumentIds.add(command.definedInstrumentId());
            }
            command.action().accept(commands);
            recent.add(command.java());
            if (recent.size() > 20)
            {
                recent.remove(0);
            }
            if (!problems.isEmpty())
            {
                fail(report(mix, seed, i, recent, problems.toString()));
            }
            if ((i + 1) % CHECK_INTERVAL == 0 || i == COMMANDS_PER_RUN - 1)
            {
                for (final int instrumentId : instrumentIds)
                {
                    final String difference = difference(service, subscriber, instrumentId);
                    if (difference != null)
                    {
                        fail(report(mix, seed, i, recent, difference));
                    }
                }
            }
        }
        assertEquals(service.lastIncrementalSequence(), subscriber.nextSequence(MdChannel.INCREMENTAL) - 1);
        assertEquals(service.lastOrdersSequence(), subscriber.nextSequence(MdChannel.ORDERS) - 1);
        assertFalse(egress.incrementalMessages == 0, "the feed said nothing");
        if (OWN_ICEBERGS.equals(mix))
        {
            // some 9,000 a run: the stream is there for them
            assertTrue(egress.refills > 1_000, "refills: " + egress.refills);
            assertTrue(egress.reductions > 100, "reductions: " + egress.reductions);
        }
    }

    private static MatchingService service(final Source stream, final Egress egress)
    {
        return new MatchingService(stream.config(), egress, new CountersManager(
            new UnsafeBuffer(new byte[1 << 20]), new UnsafeBuffer(new byte[1 << 16])));
    }

    /**
     * @return a fresh service loaded with the state {@code service} saves, publishing where it did: the feed goes on
     * from the saved sequences, and the subscriber never sees the restart.
     */
    private static MatchingService restarted(
        final MatchingService service, final Source stream, final Egress egress)
    {
        try
        {
            final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            service.saveState(new java.io.DataOutputStream(bytes));
            final MatchingService fresh = service(stream, egress);
            fresh.loadState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                service.lastSequence());
            fresh.publishMarketData(true);
            return fresh;
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static String report(
        final String mix, final long seed, final int index, final List<String> recent, final String problem)
    {
        final StringBuilder sb = new StringBuilder("mix=" + mix + " seed=" + seed + " after command #" + index +
            ": " + problem + "\nlast commands:\n");
        for (final String command : recent)
        {
            sb.append("  ").append(command).append('\n');
        }
        return sb.toString();
    }

    /**
     * @return how the subscriber's book of the instrument differs from the engine's, or null.
     */
    private static String difference(
        final MatchingService service, final MarketDataBooks subscriber, final int instrumentId)
    {
        final EngineBook engine = new EngineBook();
        service.engine().visitBook(instrumentId, engine);
        final InstrumentBook book = subscriber.book(instrumentId);
        final List<String> levels = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        if (book != null)
        {
            for (final io.matchpoint.codec.md.Side side : io.matchpoint.codec.md.Side.values())
            {
                if (side == io.matchpoint.codec.md.Side.NULL_VAL)
                {
                    continue;
                }
                for (final PriceLevel level : book.levels(side))
                {
                    levels.add(side.name() + " " + level.price() + " " + level.quantity() + " x" + level.orderCount());
                }
                for (final BookOrder order : book.orders(side))
                {
                    orders.add(side.name() + " " + order.price() + " #" + order.orderId() + " " + order.quantity());
                }
            }
        }
        if (!engine.levels.equals(levels))
        {
            return "instrument " + instrumentId + " levels differ:\n  engine " + engine.levels + "\n  feed   " + levels;
        }
        if (!engine.orders.equals(orders))
        {
            return "instrument " + instrumentId + " orders differ:\n  engine " + engine.orders + "\n  feed   " + orders;
        }
        return null;
    }

    /** The engine's book as strings the subscriber's must equal. */
    private static final class EngineBook implements BookVisitor
    {
        final List<String> levels = new ArrayList<>();
        final List<String> orders = new ArrayList<>();

        public void onLevel(final Side side, final long price, final long totalQuantity, final int orderCount)
        {
            levels.add(side.name() + " " + price + " " + totalQuantity + " x" + orderCount);
        }

        public void onOrder(
            final Side side,
            final long price,
            final long orderId,
            final long accountId,
            final long clientOrderId,
            final long leavesQuantity,
            final SelfTradePrevention selfTradePrevention,
            final boolean postOnly)
        {
            orders.add(side.name() + " " + price + " #" + orderId + " " + leavesQuantity);
        }
    }

    /**
     * Hands each market data message straight to the subscriber, as one message a packet would; drops the events for
     * sessions.
     */
    private static final class FeedEgress extends Egress
    {
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        private final MarketDataBooks subscriber;
        private byte targetKind;
        private long targetId;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderExecutedDecoder executed = new OrderExecutedDecoder();
        private final OrderAddDecoder added = new OrderAddDecoder();
        /** Orders whose shown quantity executed to 0: an OrderAdd of one of them is an iceberg's refill. */
        private final Set<Long> executedAway = new java.util.HashSet<>();
        long incrementalMessages;
        long refills;
        long reductions;

        FeedEgress(final MarketDataBooks subscriber)
        {
            this.subscriber = subscriber;
        }

        public UnsafeBuffer claim(
            final long eventSequence,
            final long commandSequence,
            final long timestampNs,
            final byte targetKind,
            final long targetId)
        {
            this.targetKind = targetKind;
            this.targetId = targetId;
            return scratch;
        }

        public void publish(final int length)
        {
            if (targetKind == TARGET_MD_INCREMENTAL)
            {
                incrementalMessages++;
                subscriber.onMessage(MdChannel.INCREMENTAL, targetId, scratch, 0, length);
            }
            else if (targetKind == TARGET_MD_ORDERS)
            {
                count();
                subscriber.onMessage(MdChannel.ORDERS, targetId, scratch, 0, length);
            }
        }

        private void count()
        {
            header.wrap(scratch, 0);
            final int body = MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case OrderExecutedDecoder.TEMPLATE_ID ->
                {
                    executed.wrap(scratch, body, header.blockLength(), header.version());
                    if (executed.leavesQuantity() == 0)
                    {
                        executedAway.add(executed.orderId());
                    }
                }
                case OrderAddDecoder.TEMPLATE_ID ->
                {
                    added.wrap(scratch, body, header.blockLength(), header.version());
                    if (executedAway.remove(added.orderId()))
                    {
                        refills++;
                    }
                }
                case io.matchpoint.codec.md.OrderReducedDecoder.TEMPLATE_ID -> reductions++;
                default ->
                {
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Command streams
    // ---------------------------------------------------------------------------------------------------------------

    private static final int NO_INSTRUMENT = Integer.MIN_VALUE;

    /**
     * One command: what it does, as Java for a failure's report, and the instrument it defines, if it is a definition.
     */
    private record Step(Consumer<EngineCommands> action, String java, int definedInstrumentId)
    {
    }

    private interface Source
    {
        EngineConfig config();

        /**
         * @param engine the engine under test, whose book a stream may draw its targets from.
         */
        void engine(MatchingEngine engine);

        Step next();
    }

    /** A mix of the core's differential test, drawn against its reference model. */
    private static final class MixStream implements Source
    {
        private final RandomCommandStream stream;

        MixStream(final RandomCommandStream stream)
        {
            this.stream = stream;
        }

        public EngineConfig config()
        {
            return stream.config();
        }

        public void engine(final MatchingEngine engine)
        {
        }

        public Step next()
        {
            final Command command = stream.next();
            return new Step(command::applyTo, command.toJava(),
                command instanceof Command.DefineInstrument definition ? definition.instrumentId() : NO_INSTRUMENT);
        }
    }

    /**
     * Icebergs against plain orders and each other, on two instruments around a fixed middle so that books cross all
     * the time: large takers eat through several slices (refills), replaces keep or lose priority and shrink the
     * hidden part, the slice or both, four accounts trade against themselves with every self-trade mode (decrement the
     * most), and cancels, mass cancels, the kill switch and halts take whole icebergs. Targets of cancels and
     * replaces are drawn from the engine's own book. No reference model: the engine's book is what the feed must
     * show, whatever the engine decided.
     */
    private static final class IcebergStream implements Source
    {
        private static final int[] INSTRUMENTS = { 1, 2 };
        private static final long[] TICK = { 1, 5 };
        private static final long[] LOT = { 1, 10 };
        private static final long[] MIDDLE = { 1_000, 5_000 };
        private static final int ACCOUNTS = 4;

        private final Random random;
        private MatchingEngine engine;
        private int defined;
        private long clientOrderId;

        IcebergStream(final long seed)
        {
            random = new Random(seed);
        }

        public EngineConfig config()
        {
            return new EngineConfig().maxOrders(4096).maxPriceLevels(1024).maxAccounts(64).maxInstruments(8)
                .ticksPerBook(512);
        }

        public void engine(final MatchingEngine engine)
        {
            this.engine = engine;
        }

        public Step next()
        {
            if (defined < INSTRUMENTS.length)
            {
                final int i = defined++;
                final int id = INSTRUMENTS[i];
                final long tick = TICK[i];
                final long lot = LOT[i];
                final long low = MIDDLE[i] - 100 * tick;
                final long high = MIDDLE[i] + 100 * tick;
                return new Step(e -> e.defineInstrument(id, "ICE" + id, tick, lot, lot, 10_000 * lot, low, high),
                    "engine.defineInstrument(" + id + ", \"ICE" + id + "\", " + tick + ", " + lot + ", " + lot +
                    ", " + 10_000 * lot + ", " + low + ", " + high + ");", id);
            }
            final int i = random.nextInt(INSTRUMENTS.length);
            final int draw = random.nextInt(100);
            if (draw < 36)
            {
                final long quantity = lots(i, 1 + random.nextInt(60));
                final long display = random.nextInt(10) == 0 ? quantity + lots(i, random.nextInt(3)) :
                    lots(i, 1 + random.nextInt(12));
                return order(i, OrderType.LIMIT, TimeInForce.GTC, quantity, display);
            }
            if (draw < 50)
            {
                return order(i, OrderType.LIMIT, TimeInForce.GTC, lots(i, 1 + random.nextInt(30)), 0);
            }
            if (draw < 62)
            {
                final int kind = random.nextInt(4);
                return order(i, kind == 0 ? OrderType.MARKET : OrderType.LIMIT,
                    kind == 1 ? TimeInForce.FOK : TimeInForce.IOC, lots(i, 1 + random.nextInt(120)), 0);
            }
            final Resting target = resting(INSTRUMENTS[i]);
            if (draw < 84 && target != null)
            {
                return replace(i, target);
            }
            if (draw < 95 && target != null)
            {
                final long account = random.nextInt(8) == 0 ? 1 + random.nextInt(ACCOUNTS) : target.accountId;
                return new Step(e -> e.cancelOrder(account, target.orderId),
                    "engine.cancelOrder(" + account + ", " + target.orderId + ");", NO_INSTRUMENT);
            }
            final long account = 1 + random.nextInt(ACCOUNTS);
            return switch (random.nextInt(6))
            {
                case 0 -> new Step(e -> e.massCancel(account, INSTRUMENTS[i]),
                    "engine.massCancel(" + account + ", " + INSTRUMENTS[i] + ");", NO_INSTRUMENT);
                case 1 -> new Step(e -> e.killAccount(account), "engine.killAccount(" + account + ");",
                    NO_INSTRUMENT);
                case 2, 3 -> new Step(e -> e.reviveAccount(account), "engine.reviveAccount(" + account + ");",
                    NO_INSTRUMENT);
                case 4 -> new Step(e -> e.haltTrading(INSTRUMENTS[i]),
                    "engine.haltTrading(" + INSTRUMENTS[i] + ");", NO_INSTRUMENT);
                default -> new Step(e -> e.resumeTrading(INSTRUMENTS[i]),
                    "engine.resumeTrading(" + INSTRUMENTS[i] + ");", NO_INSTRUMENT);
            };
        }

        private Step order(
            final int i, final OrderType orderType, final TimeInForce timeInForce, final long quantity,
            final long display)
        {
            final long account = 1 + random.nextInt(ACCOUNTS);
            final long id = ++clientOrderId;
            final int instrumentId = INSTRUMENTS[i];
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long price = orderType == OrderType.MARKET ? 0 : price(i);
            final boolean postOnly = orderType == OrderType.LIMIT && timeInForce == TimeInForce.GTC &&
                random.nextInt(12) == 0;
            final int mode = random.nextInt(10);
            final SelfTradePrevention stp = mode < 4 ? SelfTradePrevention.DECREMENT_AND_CANCEL :
                SelfTradePrevention.values()[mode % SelfTradePrevention.values().length];
            return new Step(
                e -> e.newOrder(account, MatchingEngine.NO_SESSION, id, instrumentId, side, orderType, timeInForce,
                    price, quantity, display, postOnly, stp),
                "engine.newOrder(" + account + ", MatchingEngine.NO_SESSION, " + id + ", " + instrumentId +
                ", Side." + side + ", OrderType." + orderType + ", TimeInForce." + timeInForce + ", " + price + ", " +
                quantity + ", " + display + ", " + postOnly + ", SelfTradePrevention." + stp + ");", NO_INSTRUMENT);
        }

        /**
         * Same price and less (the hidden part, the slice or both given up: the engine's book shows the slice only,
         * so anything up to a few times it), same price and more, or a new price.
         */
        private Step replace(final int i, final Resting target)
        {
            final int kind = random.nextInt(10);
            final long price = kind < 6 ? target.price : price(i);
            final long quantity = kind < 5 ?
                lots(i, 1 + random.nextInt((int)Math.max(1, 3 * target.shown / LOT[i]))) :
                lots(i, 1 + random.nextInt(60));
            final long id = ++clientOrderId;
            return new Step(e -> e.replaceOrder(target.accountId, target.orderId, id, price, quantity),
                "engine.replaceOrder(" + target.accountId + ", " + target.orderId + ", " + id + ", " + price + ", " +
                quantity + ");", NO_INSTRUMENT);
        }

        private long price(final int i)
        {
            return MIDDLE[i] + (random.nextInt(13) - 6) * TICK[i];
        }

        private static long lots(final int i, final long count)
        {
            return count * LOT[i];
        }

        /**
         * @return a resting order of the instrument drawn at random from the engine's book, or null for none.
         */
        private Resting resting(final int instrumentId)
        {
            final List<Resting> orders = new ArrayList<>();
            engine.visitBook(instrumentId, new BookVisitor()
            {
                public void onLevel(final Side side, final long price, final long totalQuantity, final int count)
                {
                }

                public void onOrder(
                    final Side side,
                    final long price,
                    final long orderId,
                    final long accountId,
                    final long clientOrderId,
                    final long leavesQuantity,
                    final SelfTradePrevention selfTradePrevention,
                    final boolean postOnly)
                {
                    orders.add(new Resting(orderId, accountId, price, leavesQuantity));
                }
            });
            return orders.isEmpty() ? null : orders.get(random.nextInt(orders.size()));
        }

        private record Resting(long orderId, long accountId, long price, long shown)
        {
        }
    }
}
