package io.matchpoint.engine.pipeline;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Wraps the agent a thread runs (one, or the composite of a shared thread) and counts its duty cycles: how many, how
 * long they worked in all (busy time: its change over a second is the thread's load), and the longest one. The time a
 * cycle took is what a command waited behind it; idle waiting is not counted. Two clock reads a cycle; written by the
 * thread itself with ordered stores.
 */
final class DutyCycleCounters implements Agent
{
    private final Agent agent;
    private final AtomicCounter cycles;
    private final AtomicCounter busyNs;
    private final AtomicCounter longestNs;
    private long longest;

    DutyCycleCounters(final Agent agent, final CountersManager counters, final String threadName)
    {
        this.agent = agent;
        cycles = counters.newCounter(threadName + ": duty cycles");
        busyNs = counters.newCounter(threadName + ": busy ns");
        longestNs = counters.newCounter(threadName + ": longest duty cycle ns");
    }

    public int doWork() throws Exception
    {
        final long startNs = System.nanoTime();
        final int work = agent.doWork();
        final long tookNs = System.nanoTime() - startNs;
        cycles.incrementRelease();
        if (work > 0)
        {
            busyNs.getAndAddRelease(tookNs);
            if (tookNs > longest)
            {
                longest = tookNs;
                longestNs.setRelease(tookNs);
            }
        }
        return work;
    }

    public void onStart()
    {
        agent.onStart();
    }

    public void onClose()
    {
        agent.onClose();
    }

    public String roleName()
    {
        return agent.roleName();
    }
}
