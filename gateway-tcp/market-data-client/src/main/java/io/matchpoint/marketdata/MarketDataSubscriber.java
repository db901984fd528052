package io.matchpoint.marketdata;

import org.agrona.CloseHelper;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;

/**
 * Subscribes to the feed's INCREMENTAL, ORDERS and SNAPSHOT streams over Aeron and hands every packet to a
 * {@link MarketDataBooks}, which recovers from the snapshots by itself (or to any {@link PacketHandler}). The caller
 * owns the {@link Aeron} client (and its media driver) and calls {@link #poll} from one thread, as Aeron's
 * subscriptions ask.
 */
public final class MarketDataSubscriber implements AutoCloseable
{
    private final Subscription incremental;
    private final Subscription orders;
    private final Subscription snapshot;
    private final FragmentHandler handler;

    /**
     * @param channel the subscription channel (see {@link #subscriptionChannel}).
     */
    public MarketDataSubscriber(
        final Aeron aeron,
        final String channel,
        final int incrementalStreamId,
        final int ordersStreamId,
        final int snapshotStreamId,
        final MarketDataBooks books)
    {
        this(aeron, channel, incrementalStreamId, ordersStreamId, snapshotStreamId, (PacketHandler)books::onPacket);
    }

    /**
     * @param channel the subscription channel (see {@link #subscriptionChannel}).
     * @param packets told of each packet, whole, from every stream, in the order polled.
     */
    public MarketDataSubscriber(
        final Aeron aeron,
        final String channel,
        final int incrementalStreamId,
        final int ordersStreamId,
        final int snapshotStreamId,
        final PacketHandler packets)
    {
        handler = new FragmentAssembler((buffer, offset, length, header) -> packets.onPacket(buffer, offset, length));
        Subscription incremental = null;
        Subscription orders = null;
        try
        {
            incremental = aeron.addSubscription(channel, incrementalStreamId);
            orders = aeron.addSubscription(channel, ordersStreamId);
            snapshot = aeron.addSubscription(channel, snapshotStreamId);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(incremental, orders);
            throw ex;
        }
        this.incremental = incremental;
        this.orders = orders;
    }

    /**
     * The channel a subscriber uses for a publication channel: the same, except that a publication with dynamic
     * multi-destination control ({@code control-mode=dynamic}) is joined from an endpoint of the subscriber's own,
     * on {@code localAddress} and a port the system picks.
     */
    public static String subscriptionChannel(final String publicationChannel, final String localAddress)
    {
        final ChannelUri uri = ChannelUri.parse(publicationChannel);
        if (CommonContext.MDC_CONTROL_MODE_DYNAMIC.equals(uri.get(CommonContext.MDC_CONTROL_MODE_PARAM_NAME)) &&
            uri.get(CommonContext.ENDPOINT_PARAM_NAME) == null)
        {
            uri.put(CommonContext.ENDPOINT_PARAM_NAME, localAddress + ":0");
        }
        return uri.toString();
    }

    /**
     * Applies what has arrived, up to {@code fragmentLimit} fragments a stream.
     *
     * @return fragments read.
     */
    public int poll(final int fragmentLimit)
    {
        return incremental.poll(handler, fragmentLimit) + orders.poll(handler, fragmentLimit) +
            snapshot.poll(handler, fragmentLimit);
    }

    /**
     * @return whether every stream has a publisher connected.
     */
    public boolean isConnected()
    {
        return incremental.isConnected() && orders.isConnected() && snapshot.isConnected();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(incremental, orders, snapshot);
    }
}
