package io.matchpoint.marketdata;

import org.agrona.DirectBuffer;

/**
 * Told of each whole packet a {@link MarketDataSubscriber} receives, on the polling thread: a
 * {@link MarketDataBooks} ({@code books::onPacket}), or something that records the packets before handing them on.
 */
@FunctionalInterface
public interface PacketHandler
{
    /**
     * @param buffer holding the packet: a PacketHeader, then its messages; valid during the call only.
     * @param offset where it starts.
     * @param length its length.
     */
    void onPacket(DirectBuffer buffer, int offset, int length);
}
