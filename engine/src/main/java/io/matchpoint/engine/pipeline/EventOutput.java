package io.matchpoint.engine.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import io.matchpoint.engine.service.Egress;

/**
 * The pipeline's two {@link Egress}es for the matching service's events: the outbound ring while the server runs, or
 * straight to one handler on the matcher's own thread while a journal is replayed (recovery, verify), where there is
 * no ring and nothing is sent. Both fill an {@link EventSlot}, so a replayed event looks exactly like a live one.
 * These two are the only egresses a server loads, which keeps the service's claim and publish calls bimorphic.
 */
abstract class EventOutput extends Egress
{
    /**
     * The outbound ring. A claim never blocks the thread in the ring's own wait: when the ring is full it runs
     * {@link #whileFull(Runnable)}'s action and tries again. Where the ring's consumers run on other threads that action
     * yields; where they share the matcher's thread it is their duty cycles, which is what makes the ring drain.
     */
    static final class Ring extends EventOutput
    {
        private final RingBuffer<EventSlot> ringBuffer;
        private Runnable whileFull = Thread::yield;
        private long claimed;
        private EventSlot slot;

        Ring(final RingBuffer<EventSlot> ringBuffer)
        {
            this.ringBuffer = ringBuffer;
        }

        void whileFull(final Runnable whileFull)
        {
            this.whileFull = whileFull;
        }

        public UnsafeBuffer claim(
            final long eventSequence,
            final long commandSequence,
            final long timestampNs,
            final byte targetKind,
            final long targetId)
        {
            while (true)
            {
                try
                {
                    claimed = ringBuffer.tryNext();
                    break;
                }
                catch (final InsufficientCapacityException ex)
                {
                    whileFull.run(); // a preallocated exception without a stack trace: nothing is allocated
                }
            }
            slot = ringBuffer.get(claimed);
            slot.set(eventSequence, commandSequence, timestampNs, targetKind, targetId);
            return slot.unsafeBuffer();
        }

        public void publish(final int length)
        {
            slot.length(length);
            ringBuffer.publish(claimed);
        }
    }

    static final class Direct extends EventOutput
    {
        private final EventSlot slot = new EventSlot();
        private final EventHandler<EventSlot> handler;
        private long count;

        Direct(final EventHandler<EventSlot> handler)
        {
            this.handler = handler;
        }

        public UnsafeBuffer claim(
            final long eventSequence,
            final long commandSequence,
            final long timestampNs,
            final byte targetKind,
            final long targetId)
        {
            slot.set(eventSequence, commandSequence, timestampNs, targetKind, targetId);
            return slot.unsafeBuffer();
        }

        public void publish(final int length)
        {
            slot.length(length);
            try
            {
                handler.onEvent(slot, count++, true);
            }
            catch (final RuntimeException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }
}
