package io.matchpoint.perf.compare;

import io.matchpoint.perf.support.RunSettings;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link MixedWorkloadBenchmark} for both engines with the GC profiler, after printing the workload's statistics,
 * and prints a table of commands per second with the ratio Matchpoint / exchange-core. Options: see
 * {@link RunSettings} ({@code --quick} for a smoke run).
 */
public final class CompareBenchmarks
{
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";
    /** Both benchmarks of the workload: each engine in forks of its own, and two engines taking turns in one fork. */
    private static final String DEFAULT_INCLUDE =
        "\\Q" + MixedWorkloadBenchmark.class.getPackageName() + ".\\E(Paired)?MixedWorkloadBenchmark\\.";

    private CompareBenchmarks()
    {
    }

    public static void main(final String[] args) throws RunnerException
    {
        final RunSettings settings;
        try
        {
            settings = RunSettings.parse(args, new RunSettings.Defaults(2, 3, "3g"));
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        final MixedWorkload workload = MixedWorkloadBenchmark.workload();
        final String workloadText = "workload (seed " + MixedWorkloadBenchmark.SEED + ", " +
            workload.warmUpCommands() + " warm-up commands, " + workload.restingAfterWarmUp() +
            " orders resting after warm-up): " + workload.stats();
        System.out.println(workloadText);

        final Collection<RunResult> results = new Runner(
            settings.applyTo(new OptionsBuilder(), DEFAULT_INCLUDE).build()).run();

        System.out.println();
        System.out.println("Mixed workload, Matchpoint vs exchange-core" + (settings.quick() ? " (quick run)" : "") +
            ", one thread");
        System.out.println(workloadText);
        print(results, System.out);
    }

    static void print(final Collection<RunResult> results, final PrintStream out)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{ "engine", "params", "commands/s", "± (99.9%)", "ns/command", "alloc B/command" });
        for (final RunResult result : results)
        {
            if (isPaired(result))
            {
                continue;
            }
            final Result<?> primary = result.getPrimaryResult();
            rows.add(new String[]{
                result.getParams().getParam("engine"),
                "maxOrders=" + result.getParams().getParam("maxOrders"),
                format("%,.0f", primary.getScore()),
                format("%,.0f", primary.getScoreError()),
                format("%.1f", 1e9 / primary.getScore()),
                allocText(result) });
        }
        if (rows.size() > 1)
        {
            printRows(rows, out);
        }

        for (final RunResult result : results)
        {
            if (isPaired(result))
            {
                printPaired(result, out);
            }
        }

        for (final RunResult withLimits : results)
        {
            if (!MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS.equals(withLimits.getParams().getParam("engine")))
            {
                continue;
            }
            for (final RunResult without : results)
            {
                if (MixedWorkloadBenchmark.MATCHPOINT.equals(without.getParams().getParam("engine")) &&
                    withLimits.getParams().getParam("maxOrders").equals(without.getParams().getParam("maxOrders")))
                {
                    out.println(String.format(
                        Locale.ROOT, "ratio Matchpoint with risk limits / without (maxOrders=%s): %.3f",
                        without.getParams().getParam("maxOrders"),
                        withLimits.getPrimaryResult().getScore() / without.getPrimaryResult().getScore()));
                }
            }
        }

        for (final RunResult matchpoint : results)
        {
            if (!MixedWorkloadBenchmark.MATCHPOINT.equals(matchpoint.getParams().getParam("engine")))
            {
                continue;
            }
            final String maxOrders = matchpoint.getParams().getParam("maxOrders");
            for (final RunResult exchangeCore : results)
            {
                final String engine = exchangeCore.getParams().getParam("engine");
                // exchange-core ignores maxOrders, but JMH runs it once per value: pair the runs of one value
                if (engine != null && engine.startsWith(MixedWorkloadBenchmark.EXCHANGE_CORE) &&
                    maxOrders.equals(exchangeCore.getParams().getParam("maxOrders")))
                {
                    out.println(String.format(
                        Locale.ROOT, "ratio Matchpoint (maxOrders=%s) / %s: %.2f", maxOrders, engine,
                        matchpoint.getPrimaryResult().getScore() / exchangeCore.getPrimaryResult().getScore()));
                }
            }
        }
    }

    private static boolean isPaired(final RunResult result)
    {
        return result.getParams().getBenchmark().startsWith(PairedMixedWorkloadBenchmark.class.getName() + ".");
    }

    /**
     * The ratio of the two engines' rates from {@link PairedMixedWorkloadBenchmark}: their timed nanoseconds over all
     * measured iterations, and the spread of the same ratio iteration by iteration.
     */
    private static void printPaired(final RunResult result, final PrintStream out)
    {
        double baselineNanos = 0;
        double candidateNanos = 0;
        final List<Double> ratios = new ArrayList<>();
        for (final BenchmarkResult fork : result.getBenchmarkResults())
        {
            for (final IterationResult iteration : fork.getIterationResults())
            {
                final double baseline = iteration.getSecondaryResults().get("baseline").getScore();
                final double candidate = iteration.getSecondaryResults().get("candidate").getScore();
                baselineNanos += baseline;
                candidateNanos += candidate;
                ratios.add(baseline / candidate);
            }
        }
        ratios.sort(null);
        out.println(String.format(
            Locale.ROOT, "ratio %s / %s (maxOrders=%s), paired in one JVM: %.3f (%d iterations, median %.3f, " +
                "%.3f to %.3f)",
            result.getParams().getParam("candidate"), result.getParams().getParam("baseline"),
            result.getParams().getParam("maxOrders"), baselineNanos / candidateNanos, ratios.size(),
            ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1)));
    }

    private static String allocText(final RunResult result)
    {
        final Result<?> alloc = result.getSecondaryResults().get(ALLOC_NORM);
        return alloc == null ? "n/a" : format("%.3f", alloc.getScore());
    }

    private static String format(final String pattern, final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
    }

    private static void printRows(final List<String[]> rows, final PrintStream out)
    {
        final int columns = rows.get(0).length;
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                final String pad = " ".repeat(widths[c] - row[c].length());
                line.append(c < 2 ? row[c] + pad : pad + row[c]).append(c == columns - 1 ? "" : "  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
