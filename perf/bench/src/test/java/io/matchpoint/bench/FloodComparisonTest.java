package io.matchpoint.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The verdict of a --flood comparison: PASS only when the bystanders' p50 and p99 with the flood are both within 2x
 * of the run without it.
 */
class FloodComparisonTest
{
    @Test
    void shouldPassWhenP50AndP99AreBothWithinTwiceTheRunWithout()
    {
        final String verdict = FloodComparison.verdict(latencies(100_000, 1_000_000), latencies(190_000, 1_900_000));

        assertTrue(verdict.startsWith(FloodComparison.PASS), verdict);
    }

    @Test
    void shouldFailWhenP99IsMoreThanTwiceTheRunWithoutWhateverP50()
    {
        final String verdict = FloodComparison.verdict(latencies(100_000, 1_000_000), latencies(100_000, 2_100_000));

        assertTrue(verdict.startsWith(FloodComparison.FAIL), verdict);
    }

    @Test
    void shouldFailWhenP50IsMoreThanTwiceTheRunWithoutWhateverP99()
    {
        final String verdict = FloodComparison.verdict(latencies(100_000, 1_000_000), latencies(210_000, 1_000_000));

        assertTrue(verdict.startsWith(FloodComparison.FAIL), verdict);
    }

    /**
     * @return 98 values at the median and 2 at the tail (ns): p50 is the first, p99 the second.
     */
    private static Histogram latencies(final long medianNs, final long tailNs)
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        histogram.recordValueWithCount(medianNs, 98);
        histogram.recordValueWithCount(tailNs, 2);
        return histogram;
    }
}
