package io.matchpoint.perf.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paired comparison's parts on a real workload, without timing anything: each engine in a class loader of its
 * own, and a fork's passes written as pairs of rates.
 */
class PairedComparisonTest
{
    @Test
    void shouldLoadEachEngineWithClassesOfItsOwnAndReplayTheWorkloadWithoutAFailure() throws Exception
    {
        final String classPath = System.getProperty("java.class.path");
        try (IsolatedDriver first = new IsolatedDriver(PairedComparison.classPath(classPath), "matchpoint", 65536);
            IsolatedDriver second = new IsolatedDriver(
                PairedComparison.classPath(classPath), MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS, 65536))
        {
            assertNotSame(first.driverClass(), second.driverClass());
            assertNotSame(MatchpointDriver.class, first.driverClass());
            assertEquals(MatchpointDriver.class.getName(), first.driverClass().getName());
            for (int pass = 0; pass < 2; pass++)
            {
                assertTrue(first.pass() > 0);
                assertTrue(second.pass() > 0);
            }
            assertEquals(0, first.failures());
            assertEquals(0, second.failures());
        }
    }

    @Test
    void shouldWriteOnePairOfRatesForEachPairOfPassesInAFork(@TempDir final Path dir) throws Exception
    {
        final Path pairs = dir.resolve("pairs.txt");

        final int exit = new CommandLine(new PairedComparison()).execute(
            "--engines=matchpoint,matchpoint", "--warmup-seconds=0", "--seconds=1", "--in-fork=" + pairs);

        assertEquals(0, exit);
        final List<String> lines = Files.readAllLines(pairs, StandardCharsets.US_ASCII);
        assertTrue(lines.size() >= 2 && lines.size() % 2 == 0, "pairs come two at a time (A B B A): " + lines.size());
        for (final String line : lines)
        {
            final String[] rates = line.split(" ");
            assertEquals(2, rates.length, line);
            assertTrue(Double.parseDouble(rates[0]) > 0 && Double.parseDouble(rates[1]) > 0, line);
        }
    }

    @Test
    void shouldTimeOnePassOfEachEngineAnInvocationInTheJmhBenchmark() throws Exception
    {
        final PairedMixedWorkloadBenchmark benchmark = new PairedMixedWorkloadBenchmark();
        benchmark.baseline = MixedWorkloadBenchmark.MATCHPOINT;
        benchmark.candidate = MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS;
        benchmark.maxOrders = 65536;
        final PairedMixedWorkloadBenchmark.PassNanos nanos = new PairedMixedWorkloadBenchmark.PassNanos();
        benchmark.setUp();

        benchmark.pair(nanos);
        final long baselineOnce = nanos.baseline;
        final long candidateOnce = nanos.candidate;
        benchmark.pair(nanos);

        assertTrue(baselineOnce > 0 && candidateOnce > 0);
        assertTrue(nanos.baseline > baselineOnce && nanos.candidate > candidateOnce);
        nanos.clear();
        assertEquals(0, nanos.baseline + nanos.candidate);
        benchmark.check(); // no command refused
    }

    @Test
    void shouldRefuseAnythingButTwoEngines()
    {
        final CommandLine commandLine = new CommandLine(new PairedComparison());
        commandLine.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertEquals(2, commandLine.execute("--engines=matchpoint"));
    }
}
