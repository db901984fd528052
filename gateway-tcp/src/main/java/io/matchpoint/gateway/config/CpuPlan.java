package io.matchpoint.gateway.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which CPU each hot thread of the low-latency profile runs on. Four threads busy-spin there (in {@link #ROLES}
 * order: the matcher first, as it decides latency most; the gateway does each connection's socket I/O, reads and
 * writes); the JVM's other threads and the OS need at least one more CPU, so a host must offer five. Pure logic over
 * CPU sets, so it is tested without touching a real affinity mask.
 *
 * @param cpus   the CPU of each role, in {@link #ROLES} order.
 * @param source how they were chosen, for the banner.
 */
public record CpuPlan(List<Integer> cpus, String source)
{
    /** The hot threads, in the order of the {@code cpus} setting and of {@code --cpus}. */
    public static final List<String> ROLES = List.of("matcher", "gateway", "command-journal", "event-journal");
    /** One CPU for each hot thread plus one for everything else. */
    public static final int CPUS_NEEDED = ROLES.size() + 1;

    public CpuPlan
    {
        cpus = List.copyOf(cpus);
    }

    /**
     * @param role one of {@link #ROLES}.
     * @return the CPU that role's thread is pinned to.
     */
    public int cpuOf(final String role)
    {
        final int index = ROLES.indexOf(role);
        if (index < 0)
        {
            throw new IllegalArgumentException("no hot thread has the role " + role);
        }
        return cpus.get(index);
    }

    /**
     * Checks the shape of a configured list, whatever the profile (the default profile ignores it).
     *
     * @throws BadConfigException unless it is empty or four distinct CPU numbers from 0.
     */
    static void checkConfigured(final String key, final List<Integer> cpus)
    {
        if (cpus.isEmpty())
        {
            return;
        }
        if (cpus.size() != ROLES.size())
        {
            throw new BadConfigException(key, "must name " + ROLES.size() + " CPUs, one for each of " +
                String.join(", ", ROLES) + " (in that order), or none to let the server choose; got " + cpus);
        }
        final BitSet seen = new BitSet();
        for (final int cpu : cpus)
        {
            if (cpu < 0)
            {
                throw new BadConfigException(key, "CPU numbers start at 0, got " + cpu);
            }
            if (seen.get(cpu))
            {
                throw new BadConfigException(key, "names CPU " + cpu + " twice: each hot thread busy-spins and " +
                    "needs a CPU of its own");
            }
            seen.set(cpu);
        }
    }

    /**
     * Chooses the CPUs: the configured ones if any, else the first four isolated CPUs the process may use, else the
     * four highest CPUs it may use (the lower ones stay for the rest of the JVM and the OS).
     *
     * @param configured the {@code cpus} setting, empty or four CPUs.
     * @param allowed    the CPUs this process may run on (its affinity mask).
     * @param isolated   the CPUs the kernel isolated ({@code isolcpus}), possibly none.
     * @return the plan.
     * @throws IllegalStateException with the reason and the fix, when the host cannot give each hot thread a CPU of
     *                               its own and keep one for everything else.
     */
    public static CpuPlan choose(final List<Integer> configured, final BitSet allowed, final BitSet isolated)
    {
        if (allowed.cardinality() < CPUS_NEEDED)
        {
            throw new IllegalStateException("the low-latency profile needs " + CPUS_NEEDED + " CPUs: " +
                ROLES.size() + " for its busy-spinning threads (" + String.join(", ", ROLES) + ") and 1 for " +
                "everything else, but this process may use " + allowed.cardinality() + " (" + CpuList.format(allowed) +
                "). Spinning threads on too few CPUs starve each other; run with --profile default here.");
        }
        if (!configured.isEmpty())
        {
            for (final int cpu : configured)
            {
                if (!allowed.get(cpu))
                {
                    throw new IllegalStateException("CPU " + cpu + " of the cpus setting is not one this process " +
                        "may run on (" + CpuList.format(allowed) + "); check taskset, the cgroup's cpuset or " +
                        "affinity-scripts/pin");
                }
            }
            // four distinct CPUs out of at least five allowed: one is always left for the rest
            return new CpuPlan(configured, "configured");
        }
        final BitSet usableIsolated = (BitSet)isolated.clone();
        usableIsolated.and(allowed);
        if (usableIsolated.cardinality() >= ROLES.size())
        {
            final BitSet rest = (BitSet)allowed.clone();
            rest.andNot(usableIsolated);
            if (!rest.isEmpty() || usableIsolated.cardinality() > ROLES.size())
            {
                return new CpuPlan(first(usableIsolated, ROLES.size()), "the first isolated CPUs");
            }
        }
        final List<Integer> highest = new ArrayList<>();
        for (int cpu = allowed.length() - 1; cpu >= 0 && highest.size() < ROLES.size(); cpu--)
        {
            if (allowed.get(cpu))
            {
                highest.add(0, cpu);
            }
        }
        return new CpuPlan(highest, "the highest CPUs this process may use (none isolated)");
    }

    private static List<Integer> first(final BitSet cpus, final int count)
    {
        final List<Integer> chosen = new ArrayList<>(count);
        for (int cpu = cpus.nextSetBit(0); cpu >= 0 && chosen.size() < count; cpu = cpus.nextSetBit(cpu + 1))
        {
            chosen.add(cpu);
        }
        return chosen;
    }
}
