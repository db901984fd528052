package io.matchpoint.perf.compare;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@link MixedWorkloadBenchmark}'s workload through two engines in the same JMH fork, taking turns: each invocation is
 * one pass of each (an untimed reset and a timed replay of the measured commands, as {@link MixedWorkloadBenchmark}
 * times them), the order swapped every invocation. Each engine is loaded by a class loader of its own
 * ({@link IsolatedDriver}), so neither's profile shapes how the other is compiled.
 * <p>
 * Why: where {@link MixedWorkloadBenchmark} runs one engine's forks and then the other's, minutes apart, a shared
 * host moves either engine's rate by a third for seconds at a time, more than the differences worth measuring. Here
 * both see the same machine to within a pass. The figures to read are the secondary results {@code baseline} and
 * {@code candidate}: each engine's timed nanoseconds in the iteration, whose ratio is the ratio of their rates (the
 * launcher prints it per iteration and overall). The primary score counts both engines' measured commands over the
 * whole invocation, resets included: not a rate to quote.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PairedMixedWorkloadBenchmark
{
    @Param(MixedWorkloadBenchmark.MATCHPOINT)
    public String baseline;

    @Param(MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS)
    public String candidate;

    @Param("65536")
    public int maxOrders;

    private IsolatedDriver baselineDriver;
    private IsolatedDriver candidateDriver;
    private boolean candidateFirst;

    /** Each engine's timed nanoseconds in the iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class PassNanos
    {
        public long baseline;
        public long candidate;

        @Setup(Level.Iteration)
        public void clear()
        {
            baseline = 0;
            candidate = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final String classPath = System.getProperty("java.class.path");
        baselineDriver = new IsolatedDriver(PairedComparison.classPath(classPath), baseline, maxOrders);
        candidateDriver = new IsolatedDriver(PairedComparison.classPath(classPath), candidate, maxOrders);
    }

    @TearDown(Level.Trial)
    public void check() throws IOException
    {
        baselineDriver.checkNoFailures();
        candidateDriver.checkNoFailures();
        baselineDriver.close();
        candidateDriver.close();
    }

    @Benchmark
    @OperationsPerInvocation(2 * MixedWorkloadBenchmark.MEASURED_COMMANDS)
    public void pair(final PassNanos nanos)
    {
        if (candidateFirst)
        {
            nanos.candidate += candidateDriver.timedPass();
            nanos.baseline += baselineDriver.timedPass();
        }
        else
        {
            nanos.baseline += baselineDriver.timedPass();
            nanos.candidate += candidateDriver.timedPass();
        }
        candidateFirst = !candidateFirst;
    }
}
