package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.engine.match.BookVisitor;
import io.matchpoint.engine.match.Command;
import io.matchpoint.engine.match.RandomCommandStream;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
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
 * engine's book, level for level and order for order, with no gap and nothing stale.
 */
class MarketDataDifferentialTest
{
    private static final int COMMANDS_PER_RUN = 40_000;
    private static final long[] SEEDS = { 1, 2 };
    private static final int CHECK_INTERVAL = 50;

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
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void subscriberBooksShouldEqualTheEngineBooksAfterEveryBatch(final String mix, final long seed)
    {
        final RandomCommandStream stream = new RandomCommandStream(0x4D44_0000L + seed, mix);
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
        final MatchingService service = new MatchingService(
            stream.config(), egress, new CountersManager(new UnsafeBuffer(new byte[1 << 20]),
            new UnsafeBuffer(new byte[1 << 16])));
        service.publishMarketData(true);
        final SbeCommands commands = new SbeCommands(service);
        final Set<Integer> instrumentIds = new TreeSet<>();
        final List<Command> recent = new ArrayList<>();

        for (int i = 0; i < COMMANDS_PER_RUN; i++)
        {
            final Command command = stream.next();
            if (command instanceof Command.DefineInstrument definition)
            {
                instrumentIds.add(definition.instrumentId());
            }
            command.applyTo(commands);
            recent.add(command);
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
    }

    private static String report(
        final String mix, final long seed, final int index, final List<Command> recent, final String problem)
    {
        final StringBuilder sb = new StringBuilder("mix=" + mix + " seed=" + seed + " after command #" + index +
            ": " + problem + "\nlast commands:\n");
        for (final Command command : recent)
        {
            sb.append("  ").append(command.toJava()).append('\n');
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
        long incrementalMessages;

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
                subscriber.onMessage(MdChannel.ORDERS, targetId, scratch, 0, length);
            }
        }
    }
}
