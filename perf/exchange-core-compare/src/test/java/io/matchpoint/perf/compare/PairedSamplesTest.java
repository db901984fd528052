package io.matchpoint.perf.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PairedSamplesTest
{
    @Test
    void shouldTakeEachPairsRatioSecondOverFirstAndSortThem()
    {
        final PairedSamples samples = new PairedSamples();
        samples.add(10, 9);
        samples.add(20, 10);
        samples.add(4, 4);

        assertArrayEquals(new double[]{ 0.5, 0.9, 1.0 }, samples.ratios());
        assertArrayEquals(new double[]{ 4, 10, 20 }, samples.firstRates());
        assertArrayEquals(new double[]{ 10, 20, 4 }, samples.firstRatesInOrder());
    }

    @Test
    void shouldBoundTheMedianOfAHundredByTheOrderStatisticsOfASignTest()
    {
        final double[] sorted = new double[100];
        for (int i = 0; i < sorted.length; i++)
        {
            sorted[i] = i + 1;
        }

        // 100 / 2 - 2.5758 * sqrt(100) / 2 = 37.1: the 38th value from either end
        assertArrayEquals(new double[]{ 38, 63 }, PairedSamples.medianInterval99(sorted));
        assertEquals(50, PairedSamples.quantile(sorted, 0.5));
        assertEquals(10, PairedSamples.quantile(sorted, 0.1));
        assertEquals(90, PairedSamples.quantile(sorted, 0.9));
    }

    @Test
    void shouldGiveTheWholeRangeWhenTooFewPairsBoundTheMedian()
    {
        assertArrayEquals(new double[]{ 1, 5 }, PairedSamples.medianInterval99(new double[]{ 1, 2, 3, 4, 5 }));
    }

    @Test
    void shouldPoolTheSamplesOfSeveralForks()
    {
        final PairedSamples fork = new PairedSamples();
        for (int i = 0; i < 1500; i++)
        {
            fork.add(2, 1);
        }
        final PairedSamples all = new PairedSamples();
        all.addAll(fork);
        all.addAll(fork);

        assertEquals(3000, all.count());
        assertEquals(0.5, PairedSamples.quantile(all.ratios(), 0.5));
    }
}
