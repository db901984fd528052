package io.matchpoint.engine.pipeline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The default profile's wait on the inbound ring, for hosts with fewer cores than hot threads: spin briefly, then
 * yield, then block until the publisher signals. Blocking is only ever for the ring's cursor, the one sequence whose
 * publisher signals. A stage that waits for an earlier stage (the matcher for the command journal) yields instead of
 * spinning or blocking while that stage works: nothing signals its progress, and Disruptor's
 * {@code BlockingWaitStrategy} (and {@code PhasedBackoffWaitStrategy}'s blocking fallback) busy-spin there, which on
 * a 2-core host starves the very thread being waited for.
 * <p>
 * An idle stage costs nothing (it blocks); a busy one yields its CPU between events.
 */
public final class YieldingBlockingWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;

    private final Object mutex = new Object();
    private final long spinNs;
    private final long yieldNs;

    /**
     * @param spin  how long to spin before yielding.
     * @param yield how long to yield before blocking on the cursor.
     * @param unit  of both.
     */
    public YieldingBlockingWaitStrategy(final long spin, final long yield, final TimeUnit unit)
    {
        this.spinNs = unit.toNanos(spin);
        this.yieldNs = unit.toNanos(yield);
    }

    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        long available;
        long startNs = 0;
        int counter = SPIN_TRIES;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (--counter > 0)
            {
                Thread.onSpinWait();
                continue;
            }
            counter = SPIN_TRIES;
            final long nowNs = System.nanoTime();
            if (startNs == 0)
            {
                startNs = nowNs;
            }
            else if (nowNs - startNs > yieldNs && cursor.get() < sequence)
            {
                blockUntilPublished(sequence, cursor, barrier);
                startNs = 0;
            }
            else if (nowNs - startNs > spinNs)
            {
                Thread.yield();
            }
        }
        return available;
    }

    private void blockUntilPublished(final long sequence, final Sequence cursor, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        synchronized (mutex)
        {
            while (cursor.get() < sequence)
            {
                barrier.checkAlert();
                mutex.wait();
            }
        }
    }

    public void signalAllWhenBlocking()
    {
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }
}
