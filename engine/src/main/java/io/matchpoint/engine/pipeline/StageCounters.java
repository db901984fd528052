package io.matchpoint.engine.pipeline;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.Cursored;
import com.lmax.disruptor.Sequence;

/**
 * What a stage reading a ring shows while it runs: how many slots it has handled, and how many are published that it
 * has not yet reached (its backlog: the ring's occupancy as this stage sees it). Written by the stage's own duty
 * cycle, once per cycle, with ordered stores: no lock, no allocation.
 */
final class StageCounters
{
    private final AtomicCounter handled;
    private final AtomicCounter backlog;
    private final Cursored ring;

    StageCounters(final CountersManager counters, final String role, final Cursored ring)
    {
        handled = counters.newCounter(role + ": slots handled");
        backlog = counters.newCounter(role + ": backlog (slots)");
        this.ring = ring;
    }

    /**
     * @param taken    slots handled in this duty cycle.
     * @param position the stage's sequence: the last slot it is done with.
     */
    void onDutyCycle(final int taken, final Sequence position)
    {
        if (taken > 0)
        {
            handled.getAndAddRelease(taken);
        }
        backlog.setRelease(ring.getCursor() - position.get());
    }
}
