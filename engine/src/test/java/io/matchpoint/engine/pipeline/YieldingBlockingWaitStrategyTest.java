package io.matchpoint.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;

/**
 * Two stages in a row on one ring, as the command journal and the matcher are: the second sees every event, after
 * the first, whether events come in bursts or after the stages have gone to sleep, and halting wakes a blocked stage.
 */
class YieldingBlockingWaitStrategyTest
{
    private static final class Slot
    {
        long value;
        long firstSaw;
    }

    @Test
    void shouldHandEveryEventThroughBothStagesInBurstsAndAfterIdlePeriods() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createSingleProducer(
            Slot::new, 64, new YieldingBlockingWaitStrategy(1, 100, TimeUnit.MICROSECONDS));
        final AtomicLong secondSum = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final SequenceBarrier firstBarrier = ring.newBarrier();
        final BatchEventProcessor<Slot> first = new BatchEventProcessorBuilder().build(ring, firstBarrier,
            (slot, sequence, endOfBatch) -> slot.firstSaw = slot.value);
        final BatchEventProcessor<Slot> second = new BatchEventProcessorBuilder().build(ring,
            ring.newBarrier(first.getSequence()), (slot, sequence, endOfBatch) ->
            {
                if (slot.firstSaw != slot.value)
                {
                    outOfOrder.incrementAndGet();
                }
                secondSum.addAndGet(slot.value);
            });
        ring.addGatingSequences(second.getSequence());
        final Thread firstThread = new Thread(first, "first");
        final Thread secondThread = new Thread(second, "second");
        firstThread.start();
        secondThread.start();

        long expected = 0;
        for (int round = 0; round < 20; round++)
        {
            for (int i = 1; i <= 500; i++)
            {
                final long claimed = ring.next();
                ring.get(claimed).value = i;
                ring.publish(claimed);
                expected += i;
            }
            Thread.sleep(2); // both stages go past spinning and yielding to blocking
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (secondSum.get() != expected && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(1);
        }

        assertEquals(expected, secondSum.get(), "every event reached the second stage");
        assertEquals(0, outOfOrder.get(), "never before the first stage had it");

        first.halt();
        second.halt();
        firstThread.join(10_000);
        secondThread.join(10_000);
        assertTrue(!firstThread.isAlive() && !secondThread.isAlive(), "halting wakes blocked stages");
    }
}
