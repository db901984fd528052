package io.matchpoint.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the low-latency profile places its four busy-spinning threads: never on too few CPUs, never outside the
 * process's affinity mask, isolated CPUs first, and always one CPU left for everything else.
 */
class CpuPlanTest
{
    @Test
    void shouldRefuseAHostWithFewerThanFiveUsableCpusAndSayWhy()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> CpuPlan.choose(List.of(), CpuList.parse("0-1"), CpuList.parse("")));

        assertEquals("the low-latency profile needs 5 CPUs: 4 for its busy-spinning threads (matcher, gateway, " +
            "command-journal, event-journal) and 1 for everything else, but this process may use 2 (0-1). " +
            "Spinning threads on too few CPUs starve each other; run with --profile default here.", ex.getMessage());
    }

    @Test
    void shouldRefuseConfiguredCpusEvenWhenTheHostIsTooSmall()
    {
        assertThrows(IllegalStateException.class,
            () -> CpuPlan.choose(List.of(0, 1, 2, 3), CpuList.parse("0-3"), CpuList.parse("")));
    }

    @Test
    void shouldPlanOnFiveCpusLeavingTheLowestForEverythingElse()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(), CpuList.parse("0-4"), CpuList.parse(""));

        assertEquals(List.of(1, 2, 3, 4), plan.cpus());
    }

    @Test
    void shouldTakeTheFirstFourIsolatedCpus()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(), CpuList.parse("0-15"), CpuList.parse("2-7,12"));

        assertEquals(List.of(2, 3, 4, 5), plan.cpus());
        assertEquals(2, plan.cpuOf("matcher"));
        assertEquals(5, plan.cpuOf("event-journal"));
    }

    @Test
    void shouldIgnoreIsolatedCpusTheProcessMayNotUse()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(), CpuList.parse("0-5,8-9"), CpuList.parse("5-11"));

        assertEquals(List.of(4, 5, 8, 9), plan.cpus(), "only 3 isolated CPUs usable: the four highest instead");
    }

    @Test
    void shouldTakeTheFourHighestCpusWhenNoneAreIsolated()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(), CpuList.parse("0-7"), CpuList.parse(""));

        assertEquals(List.of(4, 5, 6, 7), plan.cpus());
        assertTrue(plan.source().contains("none isolated"), plan.source());
    }

    @Test
    void shouldKeepConfiguredCpusInRoleOrder()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(9, 3, 4, 10), CpuList.parse("0-15"), CpuList.parse("8-15"));

        assertEquals(9, plan.cpuOf("matcher"));
        assertEquals(3, plan.cpuOf("gateway"));
        assertEquals(4, plan.cpuOf("command-journal"));
        assertEquals(10, plan.cpuOf("event-journal"));
    }

    @Test
    void shouldHaveNoSenderRoleSinceTheGatewayWritesToo()
    {
        final CpuPlan plan = CpuPlan.choose(List.of(), CpuList.parse("0-7"), CpuList.parse(""));

        assertThrows(IllegalArgumentException.class, () -> plan.cpuOf("sender"));
    }

    @Test
    void shouldRefuseAConfiguredCpuOutsideTheAffinityMask()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> CpuPlan.choose(List.of(1, 2, 3, 12), CpuList.parse("0-7"), CpuList.parse("")));

        assertTrue(ex.getMessage().startsWith("CPU 12 of the cpus setting is not one this process may run on (0-7)"),
            ex.getMessage());
    }

    @Test
    void shouldReadAndWriteTheKernelsCpuListNotation()
    {
        assertEquals("0-3,8,10-11", CpuList.format(CpuList.parse("0-3,8,10-11")));
        assertEquals("none", CpuList.format(CpuList.parse(" \n")));
        assertEquals("2-7", CpuList.format(CpuList.parse("2,3,4-6,7\n")));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("a-b"));
    }
}
