package io.matchpoint.perf;

import io.matchpoint.perf.support.RunSettings;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;

/**
 * Runs the matching core's microbenchmarks ({@link PassiveOrderBenchmark}, {@link AggressiveOrderBenchmark},
 * {@link ReplaceBenchmark}) with the GC profiler and prints a compact table. Options: see {@link RunSettings}
 * ({@code --quick} for a smoke run).
 */
public final class CoreBenchmarks
{
    private CoreBenchmarks()
    {
    }

    public static void main(final String[] args) throws RunnerException
    {
        final RunSettings settings;
        try
        {
            settings = RunSettings.parse(args, new RunSettings.Defaults(1, 2, "2g"));
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        final Collection<RunResult> results = new Runner(
            settings.applyTo(new OptionsBuilder(), "io\\.matchpoint\\.perf\\.[A-Za-z]+Benchmark\\.").build()).run();

        System.out.println();
        System.out.println("Matchpoint core benchmarks" + (settings.quick() ? " (quick run)" : "") +
            ", one thread, AverageTime; Mops/s = 1000 / (ns/op)");
        ResultTable.print(results, System.out);
    }
}
