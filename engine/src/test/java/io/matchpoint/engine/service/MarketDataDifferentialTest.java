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
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
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
 * replaces and self-trade decrements of icebergs. Stop orders too: a waiting stop is in no book, the engine's or the
 * feed's, and a triggered one is the taker it becomes; {@link #OWN_STOPS} is a stream of this test's own, dense with
 * triggers (stops triggering stops), triggered stop-limits resting, and cancels and replaces of waiting stops.
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
    /** The run of {@link StopStream}, this test's own stop order commands. */
    private static final String OWN_STOPS = "OWN_STOPS";

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
            runs.add(Arguments.of(OWN_STOPS, seed));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void subscriberBooksShouldEqualTheEngineBooksAfterEveryBatch(final String mix, final long seed)
    {
        final Source stream = OWN_ICEBERGS.equals(mix) ? new IcebergStream(0x1CEB_0000L + seed) :
            OWN_STOPS.equals(mix) ? new StopStream(0x5709_0000L + seed) :
            new MixStream(new RandomCommandStream(0x4D44_0000L + seed, mix));
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
        final FeedEgress egress = new FeedEgress(subscriber, stream instanceof StopStream stops ? stops : null);
        MatchingService service = service(stream, egress);
        service.publishMarketData(true);
        EngineCommands commands = new SbeCommands(service);
        stream.engine(service.engine());
        final Set<Integer> instrumentIds = new TreeSet<>();
        final List<String> recent = new ArrayList<>();

        for (int i = 0; i < COMMANDS_PER_RUN; i++)
        {
            if (i == RESTART_AT)
            {
                service = restarted(service, stream, egress);
                commands = new SbeCommands(service, service.lastSequence());
                stream.engine(service.engine());
                if (stream instanceof StopStream stops)
                {
                    stops.restarted();
                }
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
        if (stream instanceof StopStream stops)
        {
            assertTrue(stops.triggered > 2_000, "stops triggered: " + stops.triggered);
            assertTrue(stops.triggeredRested > 500, "triggered stop-limits rested: " + stops.triggeredRested);
            assertTrue(stops.waitingCancelled > 500, "waiting stops cancelled: " + stops.waitingCancelled);
            assertTrue(stops.waitingReplaced > 500, "waiting stops replaced: " + stops.waitingReplaced);
            assertTrue(stops.triggeredAfterRestart > 0, "stops that waited at the restart triggered after it");
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
        private final io.matchpoint.codec.sbe.MessageHeaderDecoder reportHeader =
            new io.matchpoint.codec.sbe.MessageHeaderDecoder();
        private final ExecutionReportDecoder report = new ExecutionReportDecoder();
        /** Told the execution reports and the OrderAdds, or null. */
        private final StopStream stops;
        long incrementalMessages;
        long refills;
        long reductions;

        FeedEgress(final MarketDataBooks subscriber, final StopStream stops)
        {
            this.subscriber = subscriber;
            this.stops = stops;
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
            else if (stops != null && targetKind == TARGET_ACCOUNT &&
                reportHeader.wrap(scratch, 0).templateId() == ExecutionReportDecoder.TEMPLATE_ID)
            {
                stops.onReport(report.wrap(
                    scratch, reportHeader.encodedLength(), reportHeader.blockLength(), reportHeader.version()));
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
                    if (stops != null)
                    {
                        stops.onOrderAdd(added.orderId());
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

    /**
     * Stop orders among plain orders and icebergs, on two instruments around a fixed middle: stops placed a few ticks
     * beyond the last trade (STOP and STOP_LIMIT, every time in force, stop-limits at, inside and beyond their stop
     * price), takers that trade through them so that they trigger, often several in a command and stops triggering
     * stops, triggered stop-limits resting, at the back of a level or as a new one, then replaced and cancelled as
     * any resting order; waiting stops replaced (a new stop price, a new price, more or less, its place kept or lost)
     * and cancelled (by id, by client order id, mass cancel, the kill switch, a band that narrows); a collar that
     * comes and goes, halts. Waiting stops are in no book the engine visits, so the stream learns them from the
     * execution reports (an order accepted as a stop waits until it trades, rests, or is cancelled) and draws its
     * targets there; what it counts is the test's proof that the stream did what it is for.
     */
    private static final class StopStream implements Source
    {
        private static final int[] INSTRUMENTS = { 1, 2 };
        private static final long[] TICK = { 1, 5 };
        private static final long[] LOT = { 1, 10 };
        private static final long[] MIDDLE = { 1_000, 5_000 };
        private static final int ACCOUNTS = 4;
        private static final int BAND_TICKS = 100;

        private final Random random;
        private MatchingEngine engine;
        private int defined;
        private long clientOrderId;
        /** What each new stop order or replace of a waiting stop said, by its client order id, until its report. */
        private final java.util.Map<Long, Waiting> sent = new java.util.HashMap<>();
        /** The waiting stop orders, by order id, in the order they started waiting (for a reproducible draw). */
        private final java.util.Map<Long, Waiting> waiting = new java.util.LinkedHashMap<>();
        /** Stops triggered that have not yet rested, traded or been cancelled, as a new taker would. */
        private final Set<Long> triggeredNow = new java.util.HashSet<>();
        /** The stops waiting when the service restarted: the fresh one must know each when it triggers. */
        private final Set<Long> waitingAtRestart = new java.util.HashSet<>();
        long triggered;
        long triggeredAfterRestart;
        long triggeredRested;
        long waitingCancelled;
        long waitingReplaced;

        StopStream(final long seed)
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

        void restarted()
        {
            waitingAtRestart.addAll(waiting.keySet());
        }

        /**
         * An execution report: a stop order accepted starts waiting; a waiting stop that trades (as the taker, the
         * only way a stop that is off the book can) or is cancelled for a taker's reason was triggered.
         */
        void onReport(final ExecutionReportDecoder report)
        {
            final long orderId = report.orderId();
            switch (report.execType())
            {
                case NEW ->
                {
                    final Waiting stop = sent.remove(report.clOrdId());
                    if (stop != null && (report.ordType() == io.matchpoint.codec.sbe.OrdType.STOP ||
                        report.ordType() == io.matchpoint.codec.sbe.OrdType.STOP_LIMIT))
                    {
                        waiting.put(orderId, stop);
                    }
                }
                case REPLACED ->
                {
                    final Waiting replaced = sent.remove(report.clOrdId());
                    if (waiting.containsKey(orderId) && replaced != null)
                    {
                        waitingReplaced++;
                        waiting.put(orderId, replaced);
                    }
                }
                case TRADE ->
                {
                    if (waiting.remove(orderId) != null)
                    {
                        triggered(orderId);
                        triggeredNow.add(orderId); // what it leaves may rest yet
                    }
                }
                case CANCELLED ->
                {
                    if (waiting.remove(orderId) != null)
                    {
                        switch (report.cancelReason())
                        {
                            case CLIENT_REQUEST, MASS_CANCEL, CANCEL_ON_DISCONNECT, KILL_SWITCH, OUTSIDE_BAND ->
                                waitingCancelled++;
                            default -> triggered(orderId);
                        }
                    }
                }
                default ->
                {
                }
            }
        }

        /**
         * An order rests: a waiting stop that rests was triggered and did not trade; either way a stop-limit rested.
         */
        void onOrderAdd(final long orderId)
        {
            if (waiting.remove(orderId) != null)
            {
                triggered(orderId);
                triggeredNow.add(orderId);
            }
            if (triggeredNow.remove(orderId))
            {
                triggeredRested++;
            }
        }

        private void triggered(final long orderId)
        {
            triggered++;
            if (waitingAtRestart.remove(orderId))
            {
                triggeredAfterRestart++;
            }
        }

        public Step next()
        {
            if (defined < INSTRUMENTS.length)
            {
                final int i = defined++;
                return define(i, BAND_TICKS);
            }
            triggeredNow.clear();
            final int i = random.nextInt(INSTRUMENTS.length);
            final int draw = random.nextInt(100);
            if (draw < 24)
            {
                return stop(i);
            }
            if (draw < 42)
            {
                final long quantity = lots(i, 1 + random.nextInt(30));
                final long display = random.nextInt(5) == 0 ? lots(i, 1 + random.nextInt(8)) : 0;
                return order(i, OrderType.LIMIT, TimeInForce.GTC, near(i, 5), quantity, display);
            }
            if (draw < 60)
            {
                final int kind = random.nextInt(4);
                return order(i, kind == 0 ? OrderType.MARKET : OrderType.LIMIT,
                    kind == 1 ? TimeInForce.FOK : TimeInForce.IOC, near(i, 4), lots(i, 1 + random.nextInt(40)), 0);
            }
            final java.util.Map.Entry<Long, Waiting> stop = waitingStop(i);
            if (draw < 71 && stop != null)
            {
                return replaceStop(stop.getKey(), stop.getValue());
            }
            if (draw < 77 && stop != null)
            {
                final long orderId = stop.getKey();
                final Waiting target = stop.getValue();
                return random.nextBoolean() ?
                    new Step(e -> e.cancelOrder(target.account, orderId),
                        "engine.cancelOrder(" + target.account + ", " + orderId + ");", NO_INSTRUMENT) :
                    new Step(e -> e.cancelOrderByClientId(target.account, target.clientOrderId),
                        "engine.cancelOrderByClientId(" + target.account + ", " + target.clientOrderId + ");",
                        NO_INSTRUMENT);
            }
            final Resting resting = resting(INSTRUMENTS[i]);
            if (draw < 88 && resting != null)
            {
                final long price = random.nextBoolean() ? resting.price : near(i, 5);
                final long quantity = lots(i, 1 + random.nextInt(30));
                final long id = ++clientOrderId;
                return new Step(e -> e.replaceOrder(resting.accountId, resting.orderId, id, price, quantity),
                    "engine.replaceOrder(" + resting.accountId + ", " + resting.orderId + ", " + id + ", " + price +
                    ", " + quantity + ");", NO_INSTRUMENT);
            }
            if (draw < 94 && resting != null)
            {
                return new Step(e -> e.cancelOrder(resting.accountId, resting.orderId),
                    "engine.cancelOrder(" + resting.accountId + ", " + resting.orderId + ");", NO_INSTRUMENT);
            }
            final long account = 1 + random.nextInt(ACCOUNTS);
            final int instrumentId = INSTRUMENTS[i];
            // the kill switch and halts are undone soon, so that most stops wait for a trade rather than a refusal
            return switch (random.nextInt(20))
            {
                case 0, 1, 2 -> new Step(e -> e.massCancel(account, instrumentId),
                    "engine.massCancel(" + account + ", " + instrumentId + ");", NO_INSTRUMENT);
                case 3 -> new Step(e -> e.killAccount(account), "engine.killAccount(" + account + ");",
                    NO_INSTRUMENT);
                case 4, 5, 6, 7, 8 -> new Step(e -> e.reviveAccount(account),
                    "engine.reviveAccount(" + account + ");", NO_INSTRUMENT);
                case 9 -> new Step(e -> e.haltTrading(instrumentId),
                    "engine.haltTrading(" + instrumentId + ");", NO_INSTRUMENT);
                case 10, 11, 12, 13, 14 -> new Step(e -> e.resumeTrading(instrumentId),
                    "engine.resumeTrading(" + instrumentId + ");", NO_INSTRUMENT);
                case 15, 16 ->
                {
                    final long collarTicks = random.nextBoolean() ? 0 : 3 + random.nextInt(6);
                    yield new Step(e -> e.setPriceCollar(instrumentId, collarTicks, 0),
                        "engine.setPriceCollar(" + instrumentId + ", " + collarTicks + ", 0);", NO_INSTRUMENT);
                }
                case 17 -> define(i, 20 + random.nextInt(30));
                default -> define(i, BAND_TICKS);
            };
        }

        /**
         * The instrument's definition, or a redefinition with a band of {@code bandTicks} each side of its middle
         * (the same tick and lot): a narrow one cancels the waiting stops and resting orders outside it.
         */
        private Step define(final int i, final int bandTicks)
        {
            final int id = INSTRUMENTS[i];
            final long tick = TICK[i];
            final long lot = LOT[i];
            final long low = MIDDLE[i] - bandTicks * tick;
            final long high = MIDDLE[i] + bandTicks * tick;
            return new Step(e -> e.defineInstrument(id, "STP" + id, tick, lot, lot, 10_000 * lot, low, high),
                "engine.defineInstrument(" + id + ", \"STP" + id + "\", " + tick + ", " + lot + ", " + lot +
                ", " + 10_000 * lot + ", " + low + ", " + high + ");", id);
        }

        /**
         * A stop order whose stop price is a few ticks beyond the last trade (now and then at it: refused as already
         * triggered), a stop-limit's price around its stop price.
         */
        private Step stop(final int i)
        {
            final long account = 1 + random.nextInt(ACCOUNTS);
            final long id = ++clientOrderId;
            final int instrumentId = INSTRUMENTS[i];
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final OrderType orderType = random.nextInt(3) == 0 ? OrderType.STOP : OrderType.STOP_LIMIT;
            final int tifDraw = random.nextInt(10);
            final TimeInForce timeInForce = tifDraw < 7 ? TimeInForce.GTC : tifDraw < 9 ? TimeInForce.IOC :
                TimeInForce.FOK;
            final long stopPrice = stopPrice(i, side);
            final long price = orderType == OrderType.STOP ? 0 : stopPrice + (random.nextInt(9) - 4) * TICK[i];
            final long quantity = lots(i, 1 + random.nextInt(20));
            final int mode = random.nextInt(10);
            final SelfTradePrevention stp = mode < 4 ? SelfTradePrevention.CANCEL_TAKER :
                SelfTradePrevention.values()[mode % SelfTradePrevention.values().length];
            sent.put(id, new Waiting(i, side, account, id));
            return new Step(
                e -> e.newOrder(account, MatchingEngine.NO_SESSION, id, instrumentId, side, orderType, timeInForce,
                    price, quantity, 0, stopPrice, false, stp),
                "engine.newOrder(" + account + ", MatchingEngine.NO_SESSION, " + id + ", " + instrumentId +
                ", Side." + side + ", OrderType." + orderType + ", TimeInForce." + timeInForce + ", " + price + ", " +
                quantity + ", 0, " + stopPrice + ", false, SelfTradePrevention." + stp + ");", NO_INSTRUMENT);
        }

        /**
         * A replace of a waiting stop: a new stop price (or the same, through the five-argument form), a new price or
         * the same, less or more.
         */
        private Step replaceStop(final long orderId, final Waiting target)
        {
            final int i = target.instrument;
            final long id = ++clientOrderId;
            final long quantity = lots(i, 1 + random.nextInt(20));
            final long price = near(i, 6);
            sent.put(id, new Waiting(i, target.side, target.account, id));
            if (random.nextInt(3) == 0)
            {
                return new Step(e -> e.replaceOrder(target.account, orderId, id, price, quantity),
                    "engine.replaceOrder(" + target.account + ", " + orderId + ", " + id + ", " + price + ", " +
                    quantity + ");", NO_INSTRUMENT);
            }
            final long stopPrice = stopPrice(i, target.side);
            return new Step(e -> e.replaceOrder(target.account, orderId, id, price, quantity, stopPrice),
                "engine.replaceOrder(" + target.account + ", " + orderId + ", " + id + ", " + price + ", " +
                quantity + ", " + stopPrice + ");", NO_INSTRUMENT);
        }

        /**
         * @return a stop price 0 to 4 ticks beyond the last trade for the side (0: already reached, refused).
         */
        private long stopPrice(final int i, final Side side)
        {
            final long reference = engine.referencePrice(INSTRUMENTS[i]);
            final long ticks = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(4);
            return reference + (side == Side.BUY ? ticks : -ticks) * TICK[i];
        }

        private Step order(
            final int i, final OrderType orderType, final TimeInForce timeInForce, final long price,
            final long quantity, final long display)
        {
            final long account = 1 + random.nextInt(ACCOUNTS);
            final long id = ++clientOrderId;
            final int instrumentId = INSTRUMENTS[i];
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long orderPrice = orderType == OrderType.MARKET ? 0 : price;
            final int mode = random.nextInt(10);
            final SelfTradePrevention stp = mode < 4 ? SelfTradePrevention.CANCEL_TAKER :
                SelfTradePrevention.values()[mode % SelfTradePrevention.values().length];
            return new Step(
                e -> e.newOrder(account, MatchingEngine.NO_SESSION, id, instrumentId, side, orderType, timeInForce,
                    orderPrice, quantity, display, false, stp),
                "engine.newOrder(" + account + ", MatchingEngine.NO_SESSION, " + id + ", " + instrumentId +
                ", Side." + side + ", OrderType." + orderType + ", TimeInForce." + timeInForce + ", " + orderPrice +
                ", " + quantity + ", " + display + ", false, SelfTradePrevention." + stp + ");", NO_INSTRUMENT);
        }

        /**
         * @return a price up to {@code ticks} from the last trade, so that books cross there and stops trigger.
         */
        private long near(final int i, final int ticks)
        {
            return engine.referencePrice(INSTRUMENTS[i]) + (random.nextInt(2 * ticks + 1) - ticks) * TICK[i];
        }

        private static long lots(final int i, final long count)
        {
            return count * LOT[i];
        }

        /**
         * @return a waiting stop order of the instrument of index {@code i}, drawn at random, or null for none.
         */
        private java.util.Map.Entry<Long, Waiting> waitingStop(final int i)
        {
            final List<java.util.Map.Entry<Long, Waiting>> stops = new ArrayList<>();
            for (final java.util.Map.Entry<Long, Waiting> stop : waiting.entrySet())
            {
                if (stop.getValue().instrument == i)
                {
                    stops.add(stop);
                }
            }
            return stops.isEmpty() ? null : stops.get(random.nextInt(stops.size()));
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
                    orders.add(new Resting(orderId, accountId, price));
                }
            });
            return orders.isEmpty() ? null : orders.get(random.nextInt(orders.size()));
        }

        /** A waiting stop order: its instrument's index, side, account and client order id (its last replace's). */
        private record Waiting(int instrument, Side side, long account, long clientOrderId)
        {
        }

        private record Resting(long orderId, long accountId, long price)
        {
        }
    }
}
