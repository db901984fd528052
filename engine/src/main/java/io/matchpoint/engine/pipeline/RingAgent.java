package io.matchpoint.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;

/**
 * A stage that reads its ring through a Disruptor {@link EventPoller} and hands each slot to an
 * {@link EventHandler}, as a {@code BatchEventProcessor} would, but inside a duty cycle that any thread may run: a
 * thread of its own, a thread shared with other agents, or a caller ({@link ThreadingMode}). Each
 * {@link #doWork()} takes what is published up to the poller's gate, at most {@code batchLimit} slots, so one busy
 * stage cannot keep the others of a shared thread waiting; the last slot it takes is the handler's end of batch. A
 * duty cycle that finds nothing calls the handler's {@link IdleTurn} if it has one (timers, retries) and counts its
 * work, or else {@link EventHandler#onTimeout(long)}.
 * <p>
 * A handler that throws is reported to the error handler and the agent goes on with the next slot: no input stops a
 * stage.
 *
 * @param <T> the ring's slot.
 */
final class RingAgent<T> implements Agent, EventPoller.Handler<T>
{
    private final String roleName;
    private final EventPoller<T> poller;
    private final EventHandler<? super T> handler;
    private final IdleTurn idleTurn;
    private final int batchLimit;
    private final ErrorHandler errorHandler;
    private final AtomicLong errors;
    private final StageCounters counters;
    private int taken;
    private long lastSequence = -1;

    RingAgent(
        final String roleName,
        final EventPoller<T> poller,
        final EventHandler<? super T> handler,
        final int batchLimit,
        final ErrorHandler errorHandler,
        final AtomicLong errors,
        final StageCounters counters)
    {
        this.roleName = roleName;
        this.counters = counters;
        this.poller = poller;
        this.handler = handler;
        this.idleTurn = handler instanceof IdleTurn ? (IdleTurn)handler : null;
        this.batchLimit = batchLimit;
        this.errorHandler = errorHandler;
        this.errors = errors;
    }

    public String roleName()
    {
        return roleName;
    }

    public void onStart()
    {
        try
        {
            handler.onStart();
        }
        catch (final Throwable ex)
        {
            report(new IllegalStateException(roleName + " failed to start", ex));
        }
    }

    public int doWork()
    {
        taken = 0;
        try
        {
            poller.poll(this);
        }
        catch (final Exception ex)
        {
            report(new IllegalStateException(roleName + " failed to poll its ring", ex)); // onEvent catches the rest
        }
        counters.onDutyCycle(taken, poller.getSequence());
        if (taken == 0)
        {
            try
            {
                if (idleTurn != null)
                {
                    return idleTurn.onIdleTurn();
                }
                handler.onTimeout(lastSequence);
            }
            catch (final Throwable ex)
            {
                report(new IllegalStateException(roleName + " failed in its idle turn", ex));
            }
        }
        return taken;
    }

    public boolean onEvent(final T slot, final long sequence, final boolean endOfBatch)
    {
        taken++;
        final boolean last = endOfBatch || taken == batchLimit;
        lastSequence = sequence;
        try
        {
            handler.onEvent(slot, sequence, last);
        }
        catch (final Throwable ex)
        {
            report(new IllegalStateException(roleName + " failed on ring sequence " + sequence, ex));
        }
        return !last;
    }

    public void onClose()
    {
        try
        {
            handler.onShutdown();
        }
        catch (final Throwable ex)
        {
            report(new IllegalStateException(roleName + " failed to shut down", ex));
        }
    }

    /**
     * @return the poller's sequence: the last slot this agent is done with, for the stages gated on it.
     */
    com.lmax.disruptor.Sequence sequence()
    {
        return poller.getSequence();
    }

    private void report(final Throwable error)
    {
        errors.incrementAndGet();
        errorHandler.onError(error);
    }
}
