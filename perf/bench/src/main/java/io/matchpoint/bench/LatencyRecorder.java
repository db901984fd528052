package io.matchpoint.bench;

import org.HdrHistogram.Histogram;

/**
 * The latencies of one run: send-to-acknowledgement of every measured command, send-to-first-fill of every measured
 * command that traded on arrival, send-to-that-trade-on-the-market-data-feed (when a {@link MarketDataProbe} reads
 * it), and the acknowledgement latencies of each second of the run (for the latency-over-time plot and the live p99).
 * Nanoseconds, 3 significant digits, up to a minute.
 * <p>
 * A trade reaches the session (its fill) and the feed (its Trade message) by different paths, in either order: each
 * side waits for the other by trade id, the fill in a map until the feed's trade arrives, the feed's trade in a
 * ring of recent arrivals until its fill does.
 * <p>
 * Single-threaded: the load driver's thread records; the report reads after the run.
 */
final class LatencyRecorder
{
    static final long HIGHEST_NS = 60_000_000_000L;
    private static final int DIGITS = 3;
    private static final int EARLY_RING = 1 << 16;

    private final Histogram ack = new Histogram(HIGHEST_NS, DIGITS);
    private final Histogram fill = new Histogram(HIGHEST_NS, DIGITS);
    private final Histogram marketData = new Histogram(HIGHEST_NS, DIGITS);
    /** Trade id to the send time of the measured command whose first fill it was, until the feed carries it. */
    private final org.agrona.collections.Long2LongHashMap sentByTrade = new org.agrona.collections.Long2LongHashMap(-1);
    /** Trades the feed carried before their fill reached the session: by trade id modulo the ring's size. */
    private final long[] earlyTradeIds = new long[EARLY_RING];
    private final long[] earlyArrivalNs = new long[EARLY_RING];
    private final Histogram[] perSecond;
    private final long measureStartNs;
    private long saturated;
    private boolean readingFeed;

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

    /**
     * The first fill of a measured command, sent at {@code sentNs}: its trade's time on the feed is measured from then.
     */
    void commandTraded(final long tradeId, final long sentNs)
    {
        if (!readingFeed)
        {
            return;
        }
        final int slot = (int)(tradeId & (EARLY_RING - 1));
        if (earlyTradeIds[slot] == tradeId)
        {
            earlyTradeIds[slot] = 0;
            marketData.recordValue(clamp(earlyArrivalNs[slot] - sentNs));
        }
        else
        {
            sentByTrade.put(tradeId, sentNs);
        }
    }

    /**
     * Says that a feed is read: from now on the commands' trades wait for it.
     */
    void readingFeed()
    {
        readingFeed = true;
    }

    /**
     * A trade the feed carried, read at {@code arrivalNs}.
     */
    void tradeOnFeed(final long tradeId, final long arrivalNs)
    {
        final long sentNs = sentByTrade.remove(tradeId);
        if (sentNs != sentByTrade.missingValue())
        {
            marketData.recordValue(clamp(arrivalNs - sentNs));
        }
        else
        {
            final int slot = (int)(tradeId & (EARLY_RING - 1));
            earlyTradeIds[slot] = tradeId;
            earlyArrivalNs[slot] = arrivalNs;
        }
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

    /**
     * @return send to the command's trade on the market data feed; empty when no feed was read.
     */
    Histogram marketData()
    {
        return marketData;
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
