package io.matchpoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The verdict of {@code ./matchpoint bench --flood}: the bystanders' send -&gt; answer latency in the run without the
 * flood and in the run with it (the same tape, rate and server configuration), the ratios, and whether p50 and p99
 * stayed within {@value #MAX_RATIO}x of the run without (the criterion of the issue on reconnect floods). Text only:
 * the bench's exit code says whether the runs completed and sent their rate, as without {@code --flood}, never
 * whether the criterion held.
 */
final class FloodComparison
{
    static final double MAX_RATIO = 2.0;
    static final String PASS = "FLOOD PASS";
    static final String FAIL = "FLOOD FAIL";

    private FloodComparison()
    {
    }

    /**
     * @param without     the run without the flood.
     * @param with        the same tape at the same rate with the flood.
     * @param connections the flood's connections.
     * @return the report's lines: the two rows and their ratios, warnings, and the verdict.
     */
    static List<String> lines(final BenchCommand.Outcome without, final BenchCommand.Outcome with,
        final int connections)
    {
        final List<String> lines = new ArrayList<>();
        final String rate = RateConverter.format(without.plan().rate()) + "/s";
        lines.add(String.format("== flood comparison at %s: the bystanders without and with a flood of %d " +
            "connections", rate, connections));
        if (with.failure() != null)
        {
            lines.add(String.format("%s: the run with the flood failed: %s", FAIL, with.failure()));
        }
        if (without.result() == null || with.result() == null)
        {
            if (without.failure() != null)
            {
                lines.add(String.format("%s: no comparison: the run without the flood failed: %s", FAIL,
                    without.failure()));
            }
            else if (without.result() == null || with.failure() == null)
            {
                lines.add(String.format("%s: no comparison: the run %s the flood was refused (it could not send " +
                    "at %s on this host)", FAIL, without.result() == null ? "without" : "with", rate));
            }
            return lines;
        }
        final Histogram quiet = without.result().latencies().ack();
        final Histogram flooded = with.result().latencies().ack();
        lines.add(LatencyTable.header("send -> answer (µs)"));
        lines.add(LatencyTable.row("without the flood", quiet));
        lines.add(LatencyTable.row("with the flood", flooded));
        lines.add(LatencyTable.ratioRow("with / without", flooded, quiet));
        if (without.collections() != null && with.collections() != null)
        {
            lines.add(String.format("bench JVM garbage collections during the run: without %d (%d ms), with %d " +
                "(%d ms)", without.collections().count(), without.collections().millis(),
                with.collections().count(), with.collections().millis()));
        }
        for (final BenchCommand.Outcome outcome : List.of(without, with))
        {
            final String who = outcome == without ? "without" : "with";
            if (outcome.result().underSent())
            {
                lines.add(String.format("WARNING: the run %s the flood was UNDER-SENT (%,.0f commands/s of %,d): its " +
                    "latencies measure a saturated system", who, outcome.result().sendRate(), outcome.plan().rate()));
            }
            final long throttled = throttled(outcome.result().rejects().byName());
            if (throttled > 0)
            {
                lines.add(String.format("WARNING: the bystanders were throttled %,d times in the run %s the flood: " +
                    "the limits fitted to them were too tight", throttled, who));
            }
        }
        lines.add(verdict(quiet, flooded));
        return lines;
    }

    /**
     * @return the verdict line: PASS when the flooded run's p50 and p99 are both within {@value #MAX_RATIO}x of the
     * quiet run's.
     */
    static String verdict(final Histogram without, final Histogram with)
    {
        if (without.getTotalCount() == 0 || with.getTotalCount() == 0)
        {
            return FAIL + ": no comparison: a run measured nothing";
        }
        final double p50 = ratio(with, without, 50);
        final double p99 = ratio(with, without, 99);
        final boolean pass = p50 <= MAX_RATIO && p99 <= MAX_RATIO;
        return String.format("%s: with the flood the bystanders' p50 was %.2fx and their p99 %.2fx of the run " +
            "without it (%s %.0fx)", pass ? PASS : FAIL, p50, p99, pass ? "both within" : "not both within",
            MAX_RATIO);
    }

    private static double ratio(final Histogram numerator, final Histogram denominator, final double percentile)
    {
        return (double)numerator.getValueAtPercentile(percentile) /
            Math.max(1, denominator.getValueAtPercentile(percentile));
    }

    private static long throttled(final Map<String, Long> rejects)
    {
        long throttled = 0;
        for (final Map.Entry<String, Long> reject : rejects.entrySet())
        {
            if (reject.getKey().startsWith("ThrottleReject"))
            {
                throttled += reject.getValue();
            }
        }
        return throttled;
    }
}
