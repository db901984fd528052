package io.matchpoint.feed;

import org.agrona.BufferUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * The market data agent's handler of the outbound ring: each feed message the matching service put there goes to its
 * channel's packer, and every packet is offered when the ring's batch ends. Events for sessions pass by untouched.
 * Nothing here waits: a packet the transport refuses is dropped and counted, so the matcher, the sender and the
 * journal never slow down for a subscriber.
 * <p>
 * The market data agent's thread only; allocates nothing after construction.
 */
public final class MarketDataPublisher implements EventHandler<EventSlot>
{
    private final ChannelPacker incremental;
    private final ChannelPacker orders;

    /**
     * A publisher whose counters live in memory of its own until {@link #counters(CountersManager)} moves them.
     *
     * @param incremental where INCREMENTAL packets go.
     * @param orders      where ORDERS packets go.
     * @param clock       stamps each packet's send time.
     */
    public MarketDataPublisher(final PacketSink incremental, final PacketSink orders, final EpochNanoClock clock)
    {
        this(incremental, orders, clock, new CountersManager(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(16 * 1024, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(2048, 64))));
    }

    /**
     * @param incremental where INCREMENTAL packets go.
     * @param orders      where ORDERS packets go.
     * @param clock       stamps each packet's send time.
     * @param counters    where the packets' counters are allocated.
     */
    public MarketDataPublisher(
        final PacketSink incremental,
        final PacketSink orders,
        final EpochNanoClock clock,
        final CountersManager counters)
    {
        this.incremental = new ChannelPacker(MdChannel.INCREMENTAL, incremental, clock, counters);
        this.orders = new ChannelPacker(MdChannel.ORDERS, orders, clock, counters);
    }

    /**
     * Allocates the counters (packets and messages sent, dropped, unheard, per channel) in {@code counters}, where
     * {@code ./matchpoint stat} reads them; before the agent runs.
     */
    public void counters(final CountersManager counters)
    {
        incremental.counters(counters);
        orders.counters(counters);
    }

    @Override
    public void onEvent(final EventSlot event, final long sequence, final boolean endOfBatch)
    {
        final byte kind = event.targetKind();
        if (kind == EventSlot.TARGET_MD_INCREMENTAL)
        {
            incremental.add(event.targetId(), event.buffer(), event.length());
        }
        else if (kind == EventSlot.TARGET_MD_ORDERS)
        {
            orders.add(event.targetId(), event.buffer(), event.length());
        }
        if (endOfBatch)
        {
            incremental.flush();
            orders.flush();
        }
    }

    /**
     * @return packets the transport took, on the channel (INCREMENTAL or ORDERS).
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
        return channel == MdChannel.ORDERS ? orders : incremental;
    }
}
