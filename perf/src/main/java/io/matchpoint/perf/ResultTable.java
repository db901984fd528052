package io.matchpoint.perf;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Prints JMH results of average-time benchmarks (ns/op) as a compact table: benchmark and parameters, time per op
 * with its 99.9% error, the throughput that time implies on one thread, and {@code gc.alloc.rate.norm} (bytes
 * allocated per op, from the GC profiler; it includes anything the benchmark's own fixtures allocate).
 */
public final class ResultTable
{
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private ResultTable()
    {
    }

    public static void print(final Collection<RunResult> results, final PrintStream out)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{ "benchmark", "params", "ns/op", "± (99.9%)", "Mops/s", "alloc B/op" });
        for (final RunResult result : results)
        {
            final BenchmarkParams params = result.getParams();
            final Result<?> primary = result.getPrimaryResult();
            final double nsPerOp = primary.getScore();
            rows.add(new String[]{
                shortName(params.getBenchmark()),
                paramsText(params),
                format("%.1f", nsPerOp),
                format("%.1f", primary.getScoreError()),
                format("%.2f", 1_000.0 / nsPerOp),
                allocText(result) });
        }
        printRows(rows, out);
    }

    /** The benchmark's class and method, without the package. */
    public static String shortName(final String benchmark)
    {
        final int method = benchmark.lastIndexOf('.');
        final int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    public static String paramsText(final BenchmarkParams params)
    {
        final StringBuilder text = new StringBuilder();
        for (final String key : params.getParamsKeys())
        {
            if (text.length() > 0)
            {
                text.append(' ');
            }
            text.append(key).append('=').append(params.getParam(key));
        }
        return text.toString();
    }

    public static String allocText(final RunResult result)
    {
        final Result<?> alloc = result.getSecondaryResults().get(ALLOC_NORM);
        return alloc == null ? "n/a" : format("%.3f", alloc.getScore());
    }

    public static String format(final String pattern, final double value)
    {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
    }

    /** Left-aligns the first two columns and right-aligns the rest. */
    public static void printRows(final List<String[]> rows, final PrintStream out)
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
