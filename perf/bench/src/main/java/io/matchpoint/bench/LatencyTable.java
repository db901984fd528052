package io.matchpoint.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The percentile rows of the report (µs), the {@code .hlog} files and the {@code .hgrm} files: HdrHistogram's percentile distribution text,
 * in microseconds, which HdrHistogram's own plotter and most latency tools read.
 */
final class LatencyTable
{
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private LatencyTable()
    {
    }

    static String header(final String first)
    {
        return String.format("%-28s %9s %9s %9s %9s %9s %9s %11s", first, "p50", "p90", "p99", "p99.9", "p99.99",
            "max", "count");
    }

    static String row(final String name, final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return String.format("%-28s %9s", name, "(none)");
        }
        final StringBuilder row = new StringBuilder(String.format("%-28s", name));
        for (final double percentile : PERCENTILES)
        {
            row.append(String.format(" %9s", micros(histogram.getValueAtPercentile(percentile))));
        }
        row.append(String.format(" %9s %,11d", micros(histogram.getMaxValue()), histogram.getTotalCount()));
        return row.toString();
    }

    static String ratioRow(final String name, final Histogram numerator, final Histogram denominator)
    {
        if (numerator.getTotalCount() == 0 || denominator.getTotalCount() == 0)
        {
            return String.format("%-28s %9s", name, "(none)");
        }
        final StringBuilder row = new StringBuilder(String.format("%-28s", name));
        for (final double percentile : PERCENTILES)
        {
            row.append(String.format(" %8.2fx", (double)numerator.getValueAtPercentile(percentile) /
                Math.max(1, denominator.getValueAtPercentile(percentile))));
        }
        row.append(String.format(" %8.2fx", (double)numerator.getMaxValue() / Math.max(1, denominator.getMaxValue())));
        return row.toString();
    }

    static String micros(final long nanos)
    {
        final double micros = nanos / 1000.0;
        return micros >= 1000 ? String.format("%,.0f", micros) : micros >= 100 ? String.format("%.0f", micros) :
            String.format("%.1f", micros);
    }

    /**
     * The histogram itself, losslessly, in HdrHistogram's log format (nanoseconds): for tools that merge or re-plot
     * runs, and for the tests.
     */
    static void writeHlog(final Path file, final Histogram histogram) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(histogram);
        }
    }

    static Histogram readHlog(final Path file) throws IOException
    {
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            return (Histogram)reader.nextIntervalHistogram();
        }
    }

    static void writeHgrm(final Path file, final Histogram histogram) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
    }
}
