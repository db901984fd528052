package io.matchpoint.engine.pipeline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * Busy-spins like {@code BusySpinWaitStrategy}, but gives up after a timeout so the handler's {@code onTimeout}
 * runs (the sender's heartbeats and socket retries) while no events arrive. For the low-latency profile, where the
 * handler owns a core; the default profile uses {@code TimeoutBlockingWaitStrategy}.
 */
public final class BusySpinTimeoutWaitStrategy implements WaitStrategy
{
    private final long timeoutNs;

    public BusySpinTimeoutWaitStrategy(final long timeout, final TimeUnit unit)
    {
        this.timeoutNs = unit.toNanos(timeout);
    }

    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, TimeoutException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw TimeoutException.INSTANCE;
            }
        }
        return available;
    }

    public void signalAllWhenBlocking()
    {
    }
}
