package io.matchpoint.gateway.app;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.matchpoint.gateway.config.CpuList;
import io.matchpoint.gateway.config.CpuPlan;
import net.openhft.affinity.Affinity;

/**
 * Pins each hot thread to its planned CPU, on the thread itself as it starts (the OS sets the calling thread's
 * affinity), with OpenHFT's Java-Thread-Affinity: it wraps {@code sched_setaffinity} on Linux through JNA, needs no
 * privilege to narrow a thread's own mask, and is already what Chronicle uses. Each thread records where it landed,
 * read back from the OS, so the banner reports what is true rather than what was asked.
 * <p>
 * Thread-safe: each hot thread calls {@link #accept(String)} once; the banner reads after {@link #await}.
 */
final class ThreadPinning implements Consumer<String>
{
    private final CpuPlan plan;
    private final Map<String, String> outcomes = new TreeMap<>();
    private final CountDownLatch pinned = new CountDownLatch(CpuPlan.ROLES.size());

    ThreadPinning(final CpuPlan plan)
    {
        this.plan = plan;
    }

    /**
     * @return the CPUs this process may run on, from its affinity mask.
     */
    static BitSet allowedCpus()
    {
        return Affinity.getAffinity();
    }

    /**
     * Pins the calling thread, the hot thread of {@code role}, and records where it landed.
     */
    public void accept(final String role)
    {
        final int cpu = plan.cpuOf(role);
        String outcome;
        try
        {
            Affinity.setAffinity(cpu);
            final BitSet now = Affinity.getAffinity();
            outcome = now.cardinality() == 1 && now.get(cpu) ? "CPU " + cpu :
                "NOT PINNED (asked for CPU " + cpu + ", the OS reports " + CpuList.format(now) + ")";
        }
        catch (final RuntimeException | LinkageError ex)
        {
            outcome = "NOT PINNED (CPU " + cpu + ": " + ex + ")";
        }
        synchronized (outcomes)
        {
            outcomes.put(role, outcome);
        }
        pinned.countDown();
    }

    /**
     * @return one line per hot thread, in {@link CpuPlan#ROLES} order, e.g. {@code matcher -> CPU 4}; waits up to a
     * few seconds for the threads to start.
     */
    String await() throws InterruptedException
    {
        final boolean all = pinned.await(5, TimeUnit.SECONDS);
        final StringBuilder text = new StringBuilder();
        synchronized (outcomes)
        {
            for (final String role : CpuPlan.ROLES)
            {
                text.append(text.length() == 0 ? "" : ", ").append(role).append(" -> ")
                    .append(outcomes.getOrDefault(role, all ? "?" : "not started yet"));
            }
        }
        return text.toString();
    }
}
