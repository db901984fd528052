package io.matchpoint.bench;

import org.HdrHistogram.Histogram;

/**
 * The latencies of one run: send-to-acknowledgement of every measured command, send-to-first-fill of every measured
 * command that traded on arrival, and the acknowledgement latencies of each second of the run (for the
 * latency-over-time plot and the live p99). Nanoseconds, 3 significant digits, up to a minute.
 * <p>
 * Single-threaded: the load driver's thread records; the report reads after the run.
 */
final class LatencyRecorder
{
    static final long HIGHEST_NS = 60_000_000_000L;
    private static final int DIGITS = 3;

    private final Histogram ack = new Histogram(HIGHEST_NS, DIGITS);
    private final Histogram fill = new Histogram(HIGHEST_NS, DIGITS);
    private final Histogram[] perSecond;
    private final long measureStartNs;
    private long saturated;

    /**
     * @param measureStartNs the intended send time of the first measured command.
     * @param seconds        the measured duration, rounded up (later records go to the last second).
     */
    LatencyRecorder(final long measureStartNs, final int seconds)
    {
        this.measureStartNs = measureStartNs;
        perSecond = new Histogram[Math.max(1, seconds)];
        for (int i = 0; i < perSecond.length; i++)
        {
            perSecond[i] = new Histogram(HIGHEST_NS, 2);
        }
    }

    void recordAck(final long sentNs, final long latencyNs)
    {
        final long value = clamp(latencyNs);
        ack.recordValue(value);
        perSecond[secondOf(sentNs)].recordValue(value);
    }

    void recordFill(final long latencyNs)
    {
        fill.recordValue(clamp(latencyNs));
    }

    private long clamp(final long latencyNs)
    {
        if (latencyNs > HIGHEST_NS)
        {
            saturated++;
            return HIGHEST_NS;
        }
        return Math.max(0, latencyNs);
    }

    private int secondOf(final long sentNs)
    {
        final long second = (sentNs - measureStartNs) / 1_000_000_000L;
        return (int)Math.max(0, Math.min(perSecond.length - 1, second));
    }

    Histogram ack()
    {
        return ack;
    }

    Histogram fill()
    {
        return fill;
    }

    Histogram second(final int index)
    {
        return perSecond[index];
    }

    int seconds()
    {
        return perSecond.length;
    }

    /**
     * @return latencies beyond a minute, recorded as a minute.
     */
    long saturated()
    {
        return saturated;
    }
}
