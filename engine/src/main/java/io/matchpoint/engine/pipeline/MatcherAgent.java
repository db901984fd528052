package io.matchpoint.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * The matcher's duty cycle: takes journaled commands from the inbound ring (its poller is gated on the command
 * journal's) and runs each through the {@link MatcherHandler}, but only while the outbound ring has
 * {@code headroom} free slots. When the sender or the event journal fall behind, the matcher stops taking commands
 * instead of blocking in a claim: on a shared thread that is what lets them drain (nothing on a thread may wait for
 * another agent of the same thread). A single command with more events than the headroom (a sweep of a deep book)
 * still completes: its claims drain the ring through {@link EventOutput.Ring}'s full-ring action.
 */
final class MatcherAgent implements Agent, EventPoller.Handler<CommandSlot>
{
    private final EventPoller<CommandSlot> poller;
    private final MatcherHandler matcher;
    private final RingBuffer<EventSlot> outbound;
    private final int headroom;
    private final int batchLimit;
    private final ErrorHandler errorHandler;
    private final AtomicLong errors;
    private final StageCounters counters;
    private int taken;

    MatcherAgent(
        final EventPoller<CommandSlot> poller,
        final MatcherHandler matcher,
        final RingBuffer<EventSlot> outbound,
        final int headroom,
        final int batchLimit,
        final ErrorHandler errorHandler,
        final AtomicLong errors,
        final StageCounters counters)
    {
        this.poller = poller;
        this.counters = counters;
        this.matcher = matcher;
        this.outbound = outbound;
        this.headroom = headroom;
        this.batchLimit = batchLimit;
        this.errorHandler = errorHandler;
        this.errors = errors;
    }

    public String roleName()
    {
        return ThreadingMode.Roles.MATCHER;
    }

    public int doWork()
    {
        if (!outbound.hasAvailableCapacity(headroom))
        {
            counters.onDutyCycle(0, poller.getSequence());
            return 0;
        }
        taken = 0;
        try
        {
            poller.poll(this);
        }
        catch (final Exception ex)
        {
            errors.incrementAndGet(); // onEvent catches what the matcher throws: this is the poller's own failure
            errorHandler.onError(new IllegalStateException("matcher failed to poll its ring", ex));
        }
        counters.onDutyCycle(taken, poller.getSequence());
        return taken;
    }

    public boolean onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        taken++;
        try
        {
            matcher.onEvent(slot, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            // the core never throws on input; should a bug make it, the command is reported and the next one taken
            errors.incrementAndGet();
            errorHandler.onError(new IllegalStateException("matcher failed on ring sequence " + sequence, ex));
        }
        return taken < batchLimit && outbound.hasAvailableCapacity(headroom);
    }

    Sequence sequence()
    {
        return poller.getSequence();
    }
}
