package io.matchpoint.engine.pipeline;

import org.agrona.DirectBuffer;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * The single producer's side of the inbound ring: claim a slot, fill it, publish it. A full ring is a return value,
 * never a wait, so the gateway can stop reading sockets (TCP backpressure) instead of blocking its I/O thread or
 * dropping anything.
 * <p>
 * Not thread safe: exactly one thread publishes at a time (the gateway's I/O thread; the server's start-up thread
 * before the I/O thread starts).
 */
public final class CommandPublisher
{
    /** Returned by {@link #tryClaim()} when the ring has no free slot. */
    public static final long RING_FULL = -1;

    private final RingBuffer<CommandSlot> ringBuffer;
    private final long firstSequence;

    CommandPublisher(final RingBuffer<CommandSlot> ringBuffer, final long firstSequence)
    {
        this.ringBuffer = ringBuffer;
        this.firstSequence = firstSequence;
    }

    /**
     * @return a claimed ring sequence to pass to {@link #slot(long)} and then {@link #publish(long)}, or
     * {@link #RING_FULL}.
     */
    public long tryClaim()
    {
        try
        {
            final long claimed = ringBuffer.tryNext();
            ringBuffer.get(claimed).claimed(firstSequence + claimed);
            return claimed;
        }
        catch (final InsufficientCapacityException ex)
        {
            return RING_FULL; // a preallocated singleton: nothing is allocated
        }
    }

    /**
     * @param claimed a sequence from {@link #tryClaim()}.
     * @return the claimed slot, to fill before publishing.
     */
    public CommandSlot slot(final long claimed)
    {
        return ringBuffer.get(claimed);
    }

    /**
     * Makes a filled slot visible to the handlers.
     *
     * @param claimed a sequence from {@link #tryClaim()}.
     */
    public void publish(final long claimed)
    {
        ringBuffer.publish(claimed);
    }

    /**
     * Copies one SBE message into a slot and publishes it.
     *
     * @param sessionId   see {@link CommandSlot#header(long, long, long)}.
     * @param accountId   see {@link CommandSlot#header(long, long, long)}.
     * @param timestampNs see {@link CommandSlot#header(long, long, long)}.
     * @param source      holding the SBE message (header and body).
     * @param offset      of the message in source.
     * @param length      of the message.
     * @return false, having done nothing, if the ring is full.
     */
    public boolean offer(
        final long sessionId,
        final long accountId,
        final long timestampNs,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        final long claimed = tryClaim();
        if (claimed == RING_FULL)
        {
            return false;
        }
        final CommandSlot slot = ringBuffer.get(claimed);
        slot.header(sessionId, accountId, timestampNs);
        slot.buffer().putBytes(0, source, offset, length);
        slot.length(length);
        ringBuffer.publish(claimed);
        return true;
    }

    /**
     * @param slots how many slots the caller needs.
     * @return whether that many slots are free now.
     */
    public boolean hasCapacity(final int slots)
    {
        return ringBuffer.hasAvailableCapacity(slots);
    }

    /**
     * @return the global sequence the next claimed slot will carry.
     */
    public long nextSequence()
    {
        return firstSequence + ringBuffer.getCursor() + 1;
    }
}
