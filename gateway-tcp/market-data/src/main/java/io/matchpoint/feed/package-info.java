/**
 * The server's market data publisher: {@link io.matchpoint.feed.MarketDataPublisher} reads the feed's messages that
 * the matching service puts on the outbound ring, packs each channel's consecutive messages into packets
 * (a {@code ChannelPacker} each) and offers them to a {@link io.matchpoint.feed.PacketSink};
 * {@link io.matchpoint.feed.MarketDataMedia} gives it Aeron publications, on an embedded media driver or an external
 * one. A packet the transport will not take at once is dropped and counted, never waited for: the subscribers see the
 * gap in the sequence numbers and recover, and the matcher never slows down for them.
 */
package io.matchpoint.feed;
