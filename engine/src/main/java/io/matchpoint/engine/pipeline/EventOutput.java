package io.matchpoint.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * Where the matcher's events go: the outbound ring while the server runs, or straight to one handler on the
 * matcher's own thread while a journal is replayed (recovery, verify), where there is no ring and nothing is sent.
 */
abstract class EventOutput
{
    abstract EventSlot claim();

    abstract void publish();

    static final class Ring extends EventOutput
    {
        private final RingBuffer<EventSlot> ringBuffer;
        private long claimed;

        Ring(final RingBuffer<EventSlot> ringBuffer)
        {
            this.ringBuffer = ringBuffer;
        }

        EventSlot claim()
        {
            claimed = ringBuffer.next();
            return ringBuffer.get(claimed);
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
