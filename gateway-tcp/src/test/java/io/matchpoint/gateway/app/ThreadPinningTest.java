package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.matchpoint.gateway.config.CpuPlan;

/**
 * Pinning for real, through the OS: each role's thread lands on its CPU and the report says so as the OS sees it.
 * Every role goes to the lowest CPU this process may use, so the test runs on any host, a 2-core one included.
 */
class ThreadPinningTest
{
    @Test
    void shouldPinEachRolesThreadAndReportWhereTheOsPutIt() throws Exception
    {
        final BitSet allowed = ThreadPinning.allowedCpus();
        final int cpu = allowed.nextSetBit(0);
        final ThreadPinning pinning = new ThreadPinning(new CpuPlan(List.of(cpu, cpu, cpu, cpu), "test"));
        final List<Thread> threads = new ArrayList<>();
        for (final String role : CpuPlan.ROLES)
        {
            final Thread thread = new Thread(() -> pinning.accept(role), "pin-" + role);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(10_000);
        }

        assertEquals("matcher -> CPU " + cpu + ", gateway -> CPU " + cpu + ", command-journal -> CPU " + cpu +
            ", event-journal -> CPU " + cpu, pinning.await());
        assertEquals(allowed, ThreadPinning.allowedCpus(), "the test's own thread keeps its mask");
    }
}
