package io.matchpoint.perf.compare;

import java.util.Arrays;

/**
 * The rates of two engines measured in pairs, one pass of each back to back, and what they say: each engine's
 * median and spread, and the median of the pairs' ratios with a distribution-free 99% confidence interval (from the
 * order statistics of the sorted ratios, as for a sign test). A ratio of two passes that ran within a few tens of
 * milliseconds of each other cancels what the machine did to both, such as a neighbour on the host taking the shared
 * cache for a few seconds, which on a small virtual machine moves a single engine's rate by a third.
 */
final class PairedSamples
{
    /** The normal quantile of a two-sided 99% interval. */
    private static final double Z_99 = 2.5758;

    private double[] first = new double[1024];
    private double[] second = new double[1024];
    private int count;

    void add(final double firstRate, final double secondRate)
    {
        if (count == first.length)
        {
            first = Arrays.copyOf(first, count * 2);
            second = Arrays.copyOf(second, count * 2);
        }
        first[count] = firstRate;
        second[count] = secondRate;
        count++;
    }

    void addAll(final PairedSamples other)
    {
        for (int i = 0; i < other.count; i++)
        {
            add(other.first[i], other.second[i]);
        }
    }

    int count()
    {
        return count;
    }

    double[] firstRatesInOrder()
    {
        return Arrays.copyOf(first, count);
    }

    double[] secondRatesInOrder()
    {
        return Arrays.copyOf(second, count);
    }

    /**
     * @return the first engine's rates, sorted.
     */
    double[] firstRates()
    {
        return sorted(first);
    }

    double[] secondRates()
    {
        return sorted(second);
    }

    /**
     * @return the ratios second / first of every pair, sorted.
     */
    double[] ratios()
    {
        final double[] ratios = new double[count];
        for (int i = 0; i < count; i++)
        {
            ratios[i] = second[i] / first[i];
        }
        Arrays.sort(ratios);
        return ratios;
    }

    private double[] sorted(final double[] rates)
    {
        final double[] copy = Arrays.copyOf(rates, count);
        Arrays.sort(copy);
        return copy;
    }

    /**
     * @param sorted at least one value, ascending.
     * @return the value at quantile {@code q} (0 to 1), the nearest rank.
     */
    static double quantile(final double[] sorted, final double q)
    {
        final int rank = (int)Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /**
     * @param sorted ascending.
     * @return the lower and upper bounds of a 99% confidence interval for the median: the order statistics
     * {@code n/2 -+ z sqrt(n)/2} (the whole range when there are too few values for that).
     */
    static double[] medianInterval99(final double[] sorted)
    {
        final int n = sorted.length;
        final int below = (int)Math.floor(n / 2.0 - Z_99 * Math.sqrt(n) / 2.0);
        if (below < 0)
        {
            return new double[]{ sorted[0], sorted[n - 1] };
        }
        return new double[]{ sorted[below], sorted[n - 1 - below] };
    }
}
