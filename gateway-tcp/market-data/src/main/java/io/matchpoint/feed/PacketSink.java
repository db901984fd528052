package io.matchpoint.feed;

import org.agrona.DirectBuffer;

/**
 * Where a channel's packets go: an Aeron publication in a server, a recorder in tests.
 */
@FunctionalInterface
public interface PacketSink
{
    /** The transport took the packet. */
    int SENT = 0;
    /** Nobody subscribes: the packet went nowhere, which is no loss to anyone. */
    int NOT_CONNECTED = 1;
    /** The transport is full (a slow subscriber, a busy network): the packet is dropped. */
    int BACK_PRESSURED = 2;
    /** The transport is closed or failed: the packet is dropped. */
    int FAILED = 3;

    /**
     * Offers one packet, without waiting.
     *
     * @return {@link #SENT}, {@link #NOT_CONNECTED}, {@link #BACK_PRESSURED} or {@link #FAILED}.
     */
    int offer(DirectBuffer buffer, int offset, int length);

    /**
     * @return the longest packet the sink takes in one piece (for Aeron, a publication's largest payload that is not
     * fragmented).
     */
    default int maxPacketLength()
    {
        return 1376;
    }
}
