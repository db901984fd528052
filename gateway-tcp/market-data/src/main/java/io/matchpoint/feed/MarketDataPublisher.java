package io.matchpoint.feed;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.IdleTurn;
import io.matchpoint.engine.service.MatchingService;

/**
 * The market data agent's handler of the outbound ring: each feed message the matching service put there goes to its
 * channel's packer and to the agent's copy of the books ({@link ShadowBooks}); every packet is offered when the ring's
 * batch ends; and every snapshot interval the SNAPSHOT channel gets every instrument's book from that copy
 * ({@link SnapshotWriter}). Events for sessions pass by untouched. Nothing here waits: a packet the transport refuses
 * is dropped and counted, so the matcher, the sender and the journal never slow down for a subscriber.
 * <p>
 * The market data agent's thread only; allocates nothing after construction (and after each instrument's first
 * definition).
 */
public final class MarketDataPublisher implements EventHandler<EventSlot>, IdleTurn
{
    private final ChannelPacker incremental;
    private final ChannelPacker orders;
    private final ChannelPacker snapshot;
    private final ShadowBooks books;
    private final SnapshotWriter snapshots;
    private final NanoClock timer;
    private final long snapshotIntervalNs;
    private long nextSnapshotNs;
    private boolean started;

    /**
     * A publisher whose counters live in memory of its own until {@link #counters(CountersManager)} moves them.
     *
     * @param incremental        where INCREMENTAL packets go.
     * @param orders             where ORDERS packets go.
     * @param snapshot           where SNAPSHOT packets go.
     * @param clock              stamps each packet's send time; one that allocates nothing (Agrona's
     *                           {@code SystemEpochNanoClock} makes an {@code Instant} a read).
     * @param timer              times the snapshots.
     * @param snapshotIntervalNs from the start of one snapshot of every book to the next.
     * @param capacity           the engine's: the copy of the books is sized to hold whatever the engine can.
     */
    public MarketDataPublisher(
        final PacketSink incremental,
        final PacketSink orders,
        final PacketSink snapshot,
        final EpochNanoClock clock,
        final NanoClock timer,
        final long snapshotIntervalNs,
        final EngineConfig capacity)
    {
        if (snapshotIntervalNs <= 0)
        {
            throw new IllegalArgumentException("snapshot interval must be positive: " + snapshotIntervalNs);
        }
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(32 * 1024, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64)));
        this.incremental = new ChannelPacker(MdChannel.INCREMENTAL, incremental, clock, counters);
        this.orders = new ChannelPacker(MdChannel.ORDERS, orders, clock, counters);
        this.snapshot = new ChannelPacker(MdChannel.SNAPSHOT, snapshot, clock, counters);
        books = new ShadowBooks(
            capacity.maxOrders(), capacity.maxPriceLevels(), capacity.maxInstruments(), capacity.ticksPerBook());
        snapshots = new SnapshotWriter(books, this.snapshot);
        this.timer = timer;
        this.snapshotIntervalNs = snapshotIntervalNs;
    }

    /**
     * Allocates the counters (packets and messages sent, dropped, unheard, per channel) in {@code counters}, where
     * {@code ./matchpoint stat} reads them; before the agent runs.
     */
    public void counters(final CountersManager counters)
    {
        incremental.counters(counters);
        orders.counters(counters);
        snapshot.counters(counters);
    }

    /**
     * Takes the books and sequences as a recovered service leaves them, so that the first snapshot is right; before
     * the agent runs, while nobody drives the service.
     */
    public void seed(final MatchingService service)
    {
        books.sequences(service.lastIncrementalSequence(), service.lastOrdersSequence());
        service.visitMarketData(new MatchingService.MarketDataVisitor()
        {
            public void onInstrument(
                final int instrumentId,
                final DirectBuffer definition,
                final int length,
                final long incrementalRptSeq,
                final long ordersRptSeq)
            {
                final io.matchpoint.codec.md.InstrumentDefinitionDecoder decoder =
                    new io.matchpoint.codec.md.InstrumentDefinitionDecoder();
                decoder.wrapAndApplyHeader(definition, 0, new io.matchpoint.codec.md.MessageHeaderDecoder());
                final int index = books.define(instrumentId, decoder.tickSize(), definition, length);
                books.halted(index, decoder.status() == io.matchpoint.codec.md.TradingStatus.HALTED);
                books.rptSeqs(instrumentId, incrementalRptSeq, ordersRptSeq);
            }

            public void onLevel(
                final int instrumentId, final boolean bid, final long price, final long quantity, final int count)
            {
                books.total(books.indexOf(instrumentId), bid ? 0 : 1, price, quantity, count);
            }

            public void onOrder(
                final int instrumentId, final boolean bid, final long orderId, final long price, final long quantity)
            {
                books.add(books.indexOf(instrumentId), bid ? 0 : 1, orderId, price, quantity);
            }
        });
    }

    @Override
    public void onEvent(final EventSlot event, final long sequence, final boolean endOfBatch)
    {
        final byte kind = event.targetKind();
        if (kind == EventSlot.TARGET_MD_INCREMENTAL)
        {
            incremental.add(event.targetId(), event.buffer(), event.length());
            books.onIncremental(event.targetId(), event.buffer(), event.length());
        }
        else if (kind == EventSlot.TARGET_MD_ORDERS)
        {
            orders.add(event.targetId(), event.buffer(), event.length());
            books.onOrders(event.targetId(), event.buffer());
        }
        if (endOfBatch)
        {
            incremental.flush();
            orders.flush();
            snapshotIfDue();
        }
    }

    @Override
    public int onIdleTurn()
    {
        return snapshotIfDue();
    }

    private int snapshotIfDue()
    {
        final long now = timer.nanoTime();
        if (!started)
        {
            started = true;
            nextSnapshotNs = now; // a late joiner need not wait a whole interval for the first
        }
        if (now - nextSnapshotNs < 0)
        {
            return 0;
        }
        nextSnapshotNs = now + snapshotIntervalNs;
        return snapshots.writeAll();
    }

    /**
     * @return packets the transport took, on the channel.
     */
    public long packetsSent(final MdChannel channel)
    {
        return packer(channel).packetsSent();
    }

    public long messagesSent(final MdChannel channel)
    {
        return packer(channel).messagesSent();
    }

    /**
     * @return packets dropped because the transport was back-pressured or failed: gaps subscribers recover from.
     */
    public long packetsDropped(final MdChannel channel)
    {
        return packer(channel).packetsDropped();
    }

    /**
     * @return packets that went nowhere because nobody subscribed.
     */
    public long packetsUnheard(final MdChannel channel)
    {
        return packer(channel).packetsUnheard();
    }

    private ChannelPacker packer(final MdChannel channel)
    {
        return switch (channel)
        {
            case ORDERS -> orders;
            case SNAPSHOT -> snapshot;
            default -> incremental;
        };
    }
}
