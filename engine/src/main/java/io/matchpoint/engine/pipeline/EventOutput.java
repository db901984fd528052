package io.matchpoint.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * Where the matcher's events go: the outbound ring while the server runs, or straight to one handler on the
 * matcher's own thread while a journal is replayed (recovery, verify), where there is no ring and nothing is sent.
 */
abstract class EventOutput
{
    abstract EventSlot claim();

    abstract void publish();

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

        Ring(final RingBuffer<EventSlot> ringBuffer)
        {
            this.ringBuffer = ringBuffer;
        }

        void whileFull(final Runnable whileFull)
        {
            this.whileFull = whileFull;
        }

        EventSlot claim()
        {
            while (true)
            {
                try
                {
                    claimed = ringBuffer.tryNext();
                    return ringBuffer.get(claimed);
                }
                catch (final InsufficientCapacityException ex)
                {
                    whileFull.run(); // a preallocated exception without a stack trace: nothing is allocated
                }
            }
        }

        void publish()
        {
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

        EventSlot claim()
        {
            return slot;
        }

        void publish()
        {
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
