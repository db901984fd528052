package io.matchpoint.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.Aeron;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.BookVisitor;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.marketdata.BookOrder;
import io.matchpoint.marketdata.InstrumentBook;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataSubscriber;
import io.matchpoint.marketdata.PriceLevel;

/**
 * The feed end to end on one machine: the live pipeline (run by the test, Aeron's invoker way) publishes through a
 * real embedded media driver in its own temporary directory, and a subscriber on another Aeron client rebuilds the
 * books from the packets alone. Also over UDP on loopback with dynamic multi-destination cast (the server's default
 * kind of channel), and with a subscriber that stops reading: the pipeline never waits for it, the packets it could
 * not take are dropped and counted, and the subscriber sees the gap when it reads again.
 */
class MarketDataOverAeronTest
{
    private static final int INSTRUMENT = 1;
    /**
     * A burst the subscriber has not read yet may fill half a term before the publisher drops; and the driver, parked
     * up to 1 ms when idle, moves the window on only when it next runs. 1 MiB (sparse: no memory until written) is
     * more than the tests that read as they go ever have in flight, and a twentieth of what the stopped one is sent.
     */
    private static final int TERM_LENGTH = 1 << 20;
    private static final long SNAPSHOT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path temp;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final List<MarketDataSubscriber> subscribers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAndCheckNothingIsLeft() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
        assertEquals(List.of(), errors);
        try (Stream<Path> left = Files.walk(temp))
        {
            assertEquals(List.of(temp.toString()), left.map(Path::toString).toList(),
                "the embedded driver deletes its directory at close");
        }
    }

    @Test
    void shouldRebuildTheEngineBooksAtASubscriberOverIpc()
    {
        final Feed feed = feed("aeron:ipc", "aeron:ipc");
        publishOrders(feed, 3_000, new Random(5), true);
        drain(feed);

        assertSameBooks(feed.pipeline, feed.books.book(INSTRUMENT), "the subscriber's");
        assertEquals(0, feed.books.channelGaps());
        assertEquals(0, feed.publisher.packetsDropped(MdChannel.INCREMENTAL));
        assertTrue(feed.publisher.messagesSent(MdChannel.INCREMENTAL) > feed.publisher.packetsSent(
            MdChannel.INCREMENTAL), "several messages a packet");
    }

    @Test
    void shouldReachASubscriberOverUdpLoopbackWithDynamicMultiDestinationCastOnAPortTheSystemGives()
    {
        final Feed feed = feed("aeron:udp?control=127.0.0.1:0|control-mode=dynamic", null);
        publishOrders(feed, 3_000, new Random(6), true);
        drain(feed);
        final InstrumentBook book = feed.books.book(INSTRUMENT);
        if (feed.publisher.packetsDropped(MdChannel.INCREMENTAL) + feed.publisher.packetsDropped(MdChannel.ORDERS) > 0)
        {
            // over UDP a subscriber thread that two CPUs could not run in time falls a window behind, and the
            // publisher drops rather than waits: the subscriber saw the gap
            assertTrue(feed.books.channelGaps() > 0);
        }
        if (book.isStale(MdChannel.INCREMENTAL) || book.isStale(MdChannel.ORDERS))
        {
            // what it missed (dropped by the publisher, or lost by the host beyond what Aeron retransmits) is
            // recovered from the next snapshot
            snapshot(feed, feed.subscriber, feed.books);
        }

        assertSameBooks(feed.pipeline, feed.books.book(INSTRUMENT), "the subscriber's");
    }

    @Test
    void shouldDropWhatAStoppedSubscriberCannotTakeWithoutHoldingUpThePipelineAndLetItSeeTheGap()
    {
        final Feed feed = feed("aeron:ipc", "aeron:ipc");
        // the subscriber reads nothing while far more than its window of packets is published
        publishOrders(feed, 20_000, new Random(7), false);
        assertTrue(feed.pipeline.awaitQuiet(10, TimeUnit.SECONDS), "the pipeline did not wait for the subscriber");
        assertTrue(feed.publisher.packetsDropped(MdChannel.INCREMENTAL) > 0, "packets dropped");
        final long sent = feed.publisher.packetsSent(MdChannel.INCREMENTAL);

        // it reads again: what the window held, then the next packets, after the ones dropped
        awaitTrue(() -> feed.subscriber.poll(256) == 0 && feed.books.nextSequence(MdChannel.INCREMENTAL) > 1);
        assertEquals(0, feed.books.channelGaps(), "nothing missing within what the window held");
        // each stream's publication may still be refused until the driver next moves its window on, and the two
        // move on independently: it keeps publishing until the last message of both streams has come through
        final Random more = new Random(8);
        awaitTrue(() ->
        {
            publishOrders(feed, 20, more, true);
            for (int i = 0; i < 100 && !caughtUp(feed, feed.books); i++)
            {
                feed.pipeline.invoke();
                feed.pollAll();
            }
            return caughtUp(feed, feed.books);
        });
        assertTrue(feed.publisher.packetsSent(MdChannel.INCREMENTAL) > sent);
        assertTrue(feed.books.channelGaps() > 0, "the subscriber saw the gap");
        assertTrue(feed.books.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL), "the instrument is marked stale");
        assertEquals(feed.publisher.packetsDropped(MdChannel.ORDERS) > 0,
            feed.books.book(INSTRUMENT).isStale(MdChannel.ORDERS), "its orders are stale if any were dropped");

        // the next snapshot recovers it, and what arrived meanwhile is applied after it
        snapshot(feed, feed.subscriber, feed.books);
        publishOrders(feed, 500, more, true);
        drain(feed);
        assertSameBooks(feed.pipeline, feed.books.book(INSTRUMENT), "the subscriber's");
    }

    @Test
    void shouldLetALateJoinerConvergeFromTheSnapshotChannel()
    {
        final Feed feed = feed("aeron:ipc", "aeron:ipc");
        publishOrders(feed, 3_000, new Random(9), true);
        drain(feed);

        final MarketDataBooks late = new MarketDataBooks();
        final MarketDataSubscriber lateSubscriber = subscriber(feed.aeron, feed.subscribeTo, late);
        publishOrders(feed, 300, new Random(10), true);
        drain(feed);
        lateSubscriber.poll(1024);
        assertTrue(late.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL), "a late joiner starts stale");

        snapshot(feed, lateSubscriber, late);
        publishOrders(feed, 300, new Random(11), true);
        drain(feed, late);
        drain(feed);

        assertSameBooks(feed.pipeline, late.book(INSTRUMENT), "the late joiner's");
        assertEquals("TEST", late.book(INSTRUMENT).symbol(), "the definition came with the snapshot");
        assertSameBooks(feed.pipeline, feed.books.book(INSTRUMENT), "the first subscriber's, unmoved");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Feed(
        Pipeline pipeline,
        MarketDataPublisher publisher,
        MarketDataSubscriber subscriber,
        MarketDataBooks books,
        Aeron aeron,
        String subscribeTo,
        AtomicLong timer,
        List<MarketDataSubscriber> subscribers)
    {
        /** Every subscriber reads what has arrived: on IPC the slowest holds the publisher back. */
        void pollAll()
        {
            for (final MarketDataSubscriber each : subscribers)
            {
                each.poll(1024);
            }
        }
    }

    private Feed feed(final String publicationChannel, final String subscriptionChannel)
    {
        final File driverDirectory = temp.resolve("aeron").toFile();
        final MarketDataMedia media = MarketDataMedia.launch(driverDirectory, null, publicationChannel, 1001, 1002,
            1003, TERM_LENGTH, false, errors::add);
        closeables.add(media);
        final String subscribeTo = subscriptionChannel != null ? subscriptionChannel :
            MarketDataSubscriber.subscriptionChannel(media.channel(), "127.0.0.1");
        assertFalse(media.channel().contains(":0|"), media.channel());
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(media.aeronDirectory())
            .errorHandler(errors::add));
        closeables.add(aeron);
        final MarketDataBooks books = new MarketDataBooks();
        final MarketDataSubscriber subscriber = subscriber(aeron, subscribeTo, books);

        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024]));
        final EngineConfig engineConfig =
            new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 10).maxAccounts(16);
        final AtomicLong timer = new AtomicLong();
        final MarketDataPublisher publisher = new MarketDataPublisher(media.incremental(), media.orders(),
            media.snapshot(), new SystemEpochNanoClock(), timer::get, SNAPSHOT_INTERVAL_NS, engineConfig.conclude());
        publisher.counters(counters);
        final Pipeline pipeline = new Pipeline(new PipelineContext()
            .engineConfig(engineConfig)
            .inboundRingSize(1024)
            .outboundRingSize(1024)
            .threadingMode(ThreadingMode.INVOKER)
            .counters(counters)
            .sender((event, sequence, endOfBatch) -> { })
            .marketData(publisher));
        closeables.add(pipeline);
        pipeline.start();
        define(pipeline.commandPublisher());
        return new Feed(pipeline, publisher, subscriber, books, aeron, subscribeTo, timer, subscribers);
    }

    private MarketDataSubscriber subscriber(final Aeron aeron, final String channel, final MarketDataBooks books)
    {
        final MarketDataSubscriber subscriber = new MarketDataSubscriber(aeron, channel, 1001, 1002, 1003, books);
        closeables.add(subscriber);
        subscribers.add(subscriber);
        awaitTrue(subscriber::isConnected);
        return subscriber;
    }

    /**
     * Runs the pipeline and the subscriber in turn until everything published has been read.
     */
    private void drain(final Feed feed)
    {
        drain(feed, feed.books);
    }

    /**
     * Runs the pipeline and every subscriber until {@code books} has read everything published.
     */
    private void drain(final Feed feed, final MarketDataBooks books)
    {
        awaitTrue(() ->
        {
            feed.pipeline.invoke();
            feed.pollAll();
            return caughtUp(feed, books);
        });
    }

    /**
     * @return whether the pipeline is quiet and {@code books} has the last message it published on both streams.
     */
    private static boolean caughtUp(final Feed feed, final MarketDataBooks books)
    {
        return feed.pipeline.awaitQuiet(0, TimeUnit.NANOSECONDS) &&
            books.nextSequence(MdChannel.INCREMENTAL) ==
                feed.pipeline.matcher().service().lastIncrementalSequence() + 1 &&
            books.nextSequence(MdChannel.ORDERS) == feed.pipeline.matcher().service().lastOrdersSequence() + 1;
    }

    /**
     * Moves the publisher's timer on by an interval and runs everything until the subscriber has its snapshot.
     */
    private void snapshot(final Feed feed, final MarketDataSubscriber subscriber, final MarketDataBooks books)
    {
        final long recoveries = books.recoveries();
        final InstrumentBook book = books.book(INSTRUMENT);
        feed.timer.addAndGet(SNAPSHOT_INTERVAL_NS);
        awaitTrue(() ->
        {
            feed.pipeline.invoke();
            feed.pollAll();
            return books.recoveries() > recoveries && !book.isStale(MdChannel.INCREMENTAL) &&
                !book.isStale(MdChannel.ORDERS);
        });
    }

    private static void awaitTrue(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("not within 10 s");
            }
            Thread.yield();
        }
    }

    private void define(final CommandPublisher publisher)
    {
        final long claimed = publisher.tryClaim();
        final CommandSlot slot = publisher.slot(claimed).header(0, 0, 1);
        final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
        define.wrapAndApplyHeader(slot.buffer(), 0, header).instrumentId(INSTRUMENT).symbol("TEST")
            .priceDecimals((short)2).tickSize(1).lotSize(1).minQuantity(1).maxQuantity(1_000).lowPrice(9_000)
            .highPrice(11_000);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + define.encodedLength());
        publisher.publish(claimed);
    }

    /**
     * @param reading whether the subscriber reads as the pipeline runs (else it reads nothing meanwhile).
     */
    private void publishOrders(final Feed feed, final int count, final Random random, final boolean reading)
    {
        final Pipeline pipeline = feed.pipeline;
        final CommandPublisher publisher = pipeline.commandPublisher();
        final NewOrderEncoder order = new NewOrderEncoder();
        for (int i = 1; i <= count; i++)
        {
            long claimed;
            while ((claimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
            {
                pipeline.invoke();
                if (reading)
                {
                    feed.pollAll();
                }
            }
            final long account = 1 + random.nextInt(4);
            final CommandSlot slot = publisher.slot(claimed).header(account, account, 1_000 + i);
            order.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(i).clOrdId(i).instrumentId(INSTRUMENT)
                .side(random.nextBoolean() ? Side.BUY : Side.SELL).ordType(OrdType.LIMIT)
                .timeInForce(random.nextInt(10) == 0 ? TimeInForce.IOC : TimeInForce.GTC)
                .postOnly(BooleanType.FALSE).selfTradePrevention(SelfTradePrevention.CANCEL_MAKER)
                .price(9_980 + random.nextInt(40)).quantity(1 + random.nextInt(9)).displayQuantity(0).stopPrice(0);
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
            publisher.publish(claimed);
            if (i % 64 == 0)
            {
                pipeline.invoke();
                if (reading)
                {
                    feed.pollAll();
                }
            }
        }
    }

    /**
     * The subscriber's book must equal the engine's: its levels (from INCREMENTAL) level for level, its orders (from
     * ORDERS) order for order.
     */
    private static void assertSameBooks(final Pipeline pipeline, final InstrumentBook book, final String whose)
    {
        final List<String> engineLevels = new ArrayList<>();
        final List<String> engineOrders = new ArrayList<>();
        pipeline.matcher().service().engine().visitBook(INSTRUMENT, new BookVisitor()
        {
            public void onLevel(
                final io.matchpoint.engine.match.Side side, final long price, final long total, final int count)
            {
                engineLevels.add(side.name() + " " + price + " " + total + " x" + count);
            }

            public void onOrder(
                final io.matchpoint.engine.match.Side side, final long price, final long orderId,
                final long accountId, final long clientOrderId, final long leaves,
                final io.matchpoint.engine.match.SelfTradePrevention stp, final boolean postOnly)
            {
                engineOrders.add(side.name() + " " + price + " #" + orderId + " " + leaves);
            }
        });
        final List<String> levels = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        for (final io.matchpoint.codec.md.Side side :
            List.of(io.matchpoint.codec.md.Side.BUY, io.matchpoint.codec.md.Side.SELL))
        {
            for (final PriceLevel level : book.levels(side))
            {
                levels.add(side.name() + " " + level.price() + " " + level.quantity() + " x" + level.orderCount());
            }
            for (final BookOrder order : book.orders(side))
            {
                orders.add(side.name() + " " + order.price() + " #" + order.orderId() + " " + order.quantity());
            }
        }
        assertEquals(engineLevels, levels, whose + " levels");
        assertEquals(engineOrders, orders, whose + " orders");
    }
}
