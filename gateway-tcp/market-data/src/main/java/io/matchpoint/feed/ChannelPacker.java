package io.matchpoint.feed;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderEncoder;
import io.matchpoint.codec.md.PacketHeaderEncoder;

/**
 * Packs one channel's messages into packets: a PacketHeader (the first message's channel sequence, the count, the
 * send time), then consecutive messages, as many as fit the sink's packet length. A packet is offered when the next
 * message would not fit or would not follow on, and whenever the publisher says a batch ended, so a message waits
 * for no later one. A packet the sink does not take is dropped and counted.
 * <p>
 * The market data agent's thread only; allocates nothing after construction.
 */
final class ChannelPacker
{
    static final int PACKET_HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + PacketHeaderEncoder.BLOCK_LENGTH;
    /** The packet header counts messages in 16 bits. */
    private static final int MAX_MESSAGES = 0xFFFF;

    private final MdChannel channel;
    private final PacketSink sink;
    private final EpochNanoClock clock;
    private final UnsafeBuffer packet;
    private final int maxLength;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PacketHeaderEncoder packetHeader = new PacketHeaderEncoder();
    private AtomicCounter packetsSent;
    private AtomicCounter messagesSent;
    private AtomicCounter packetsDropped;
    private AtomicCounter packetsUnheard;
    private long firstSequence;
    private int count;
    private int length;

    ChannelPacker(
        final MdChannel channel, final PacketSink sink, final EpochNanoClock clock, final CountersManager counters)
    {
        this.channel = channel;
        this.sink = sink;
        this.clock = clock;
        maxLength = sink.maxPacketLength();
        if (maxLength < PACKET_HEADER_LENGTH + io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("packets of " + maxLength + " bytes cannot hold the longest message");
        }
        packet = new UnsafeBuffer(new byte[maxLength]);
        counters(counters);
    }

    /**
     * Allocates the packer's counters (from 0) in {@code counters}; before the agent runs.
     */
    void counters(final CountersManager counters)
    {
        final String name = "market data " + channel.name().toLowerCase(java.util.Locale.ROOT);
        packetsSent = counters.newCounter(name + ": packets sent");
        messagesSent = counters.newCounter(name + ": messages sent");
        packetsDropped = counters.newCounter(name + ": packets dropped (back pressure)");
        packetsUnheard = counters.newCounter(name + ": packets with no subscriber");
    }

    /**
     * Adds a message with its channel sequence, offering the packet so far first if the message cannot join it.
     */
    void add(final long sequence, final DirectBuffer message, final int messageLength)
    {
        if (count > 0 && (sequence != firstSequence + count || length + messageLength > maxLength))
        {
            flush();
        }
        if (count == 0)
        {
            firstSequence = sequence;
            length = PACKET_HEADER_LENGTH;
        }
        packet.putBytes(length, message, 0, messageLength);
        length += messageLength;
        if (++count == MAX_MESSAGES)
        {
            flush();
        }
    }

    /**
     * Offers the packet so far, if any.
     */
    void flush()
    {
        if (count == 0)
        {
            return;
        }
        packetHeader.wrapAndApplyHeader(packet, 0, header)
            .sequence(firstSequence)
            .sendingTime(clock.nanoTime())
            .messageCount(count)
            .channel(channel);
        final int result = sink.offer(packet, 0, length);
        if (result == PacketSink.SENT)
        {
            packetsSent.incrementRelease();
            messagesSent.getAndAddRelease(count);
        }
        else if (result == PacketSink.NOT_CONNECTED)
        {
            packetsUnheard.incrementRelease();
        }
        else
        {
            packetsDropped.incrementRelease();
        }
        count = 0;
    }

    long packetsSent()
    {
        return packetsSent.get();
    }

    long messagesSent()
    {
        return messagesSent.get();
    }

    long packetsDropped()
    {
        return packetsDropped.get();
    }

    long packetsUnheard()
    {
        return packetsUnheard.get();
    }
}
