package io.matchpoint.perf.xcore;

import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;

/**
 * exchange-core's results consumer (the {@code resultsConsumer} of {@code ExchangeCore.builder()}), called on its
 * results thread for every command once the matching engine is done with it, in ring order. It records, for each
 * order command (place, move, cancel; set-up commands are ignored):
 * <ul>
 *     <li>ack latency: the time of this call minus {@code cmd.timestamp}, which the sender set to the command's
 *     intended send time (open loop) or its actual submit time (closed loop);</li>
 *     <li>fill latency, for a command whose event chain holds a trade: the same difference. exchange-core hangs the
 *     taker's trades on the command itself, so its first trade reaches the client in the same callback as the result
 *     (its {@code SimpleEventsProcessor} turns that chain into {@code IEventsHandler.tradeEvent} in the same call);
 *     reading the chain here gives the same time without the events processor's allocations;</li>
 *     <li>the result code of each command.</li>
 * </ul>
 * Results before the sender's {@link #measureFrom(long) measured phase} go into a separate warm-up histogram. Ring
 * order is send order (one publisher), so the k-th order result is the k-th command sent.
 * <p>
 * Threads: {@link #accept} runs on exchange-core's results thread only (the single writer of everything here except
 * {@link #measureFrom}, written once by the sender before it publishes the first measured command). Interval
 * histograms are taken by another thread through the {@link SingleWriterRecorder}s; the counters are read after
 * {@link #resultsReceived()} has reached the number sent.
 */
final class ResultsRecorder implements ObjLongConsumer<OrderCommand>
{
    /** Latencies above this are recorded as this (one hour). */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);
    private static final CommandResultCode[] CODES = CommandResultCode.values();

    private final SingleWriterRecorder ack = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, 3);
    private final SingleWriterRecorder fill = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, 3);
    private final Histogram warmup = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
    private final long[] measuredCodes = new long[CODES.length];
    private final long[] warmupCodes = new long[CODES.length];
    private final AtomicLong received = new AtomicLong();
    private volatile long measureFromIndex = Long.MAX_VALUE;

    private long index;
    private long acked;
    private long rejected;
    private long fills;
    private long trades;
    private long warmupFills;
    private long firstMeasuredResultNs;
    private long lastResultNs;
    private long clamped;

    @Override
    public void accept(final OrderCommand cmd, final long sequence)
    {
        final OrderCommandType command = cmd.command;
        if (command != OrderCommandType.PLACE_ORDER &&
            command != OrderCommandType.MOVE_ORDER &&
            command != OrderCommandType.CANCEL_ORDER)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        long latencyNs = nowNs - cmd.timestamp;
        if (latencyNs < 1)
        {
            latencyNs = 1;
        }
        else if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            latencyNs = HIGHEST_TRACKABLE_NS;
            clamped++;
        }

        int tradeEvents = 0;
        for (MatcherTradeEvent event = cmd.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                tradeEvents++;
            }
        }

        final long k = index++;
        if (k >= measureFromIndex)
        {
            if (acked + rejected == 0)
            {
                firstMeasuredResultNs = nowNs;
            }
            ack.recordValue(latencyNs);
            if (tradeEvents > 0)
            {
                fill.recordValue(latencyNs);
                fills++;
                trades += tradeEvents;
            }
            if (cmd.resultCode == CommandResultCode.SUCCESS)
            {
                acked++;
            }
            else
            {
                rejected++;
            }
            measuredCodes[cmd.resultCode.ordinal()]++;
            lastResultNs = nowNs;
        }
        else
        {
            warmup.recordValue(latencyNs);
            warmupCodes[cmd.resultCode.ordinal()]++;
            if (tradeEvents > 0)
            {
                warmupFills++;
            }
        }
        received.lazySet(k + 1);
    }

    /**
     * Called by the sender once, before it publishes command {@code index}: results from that one on are measured.
     */
    void measureFrom(final long index)
    {
        measureFromIndex = index;
    }

    /**
     * @return order results received so far (warm-up and measured); safe from any thread.
     */
    long resultsReceived()
    {
        return received.get();
    }

    SingleWriterRecorder ackRecorder()
    {
        return ack;
    }

    SingleWriterRecorder fillRecorder()
    {
        return fill;
    }

    Histogram warmupHistogram()
    {
        return warmup;
    }

    long acked()
    {
        return acked;
    }

    long rejected()
    {
        return rejected;
    }

    long fills()
    {
        return fills;
    }

    long trades()
    {
        return trades;
    }

    long warmupFills()
    {
        return warmupFills;
    }

    long clamped()
    {
        return clamped;
    }

    long lastResultNs()
    {
        return lastResultNs;
    }

    long firstMeasuredResultNs()
    {
        return firstMeasuredResultNs;
    }

    /**
     * @return the measured phase's result codes with their counts, e.g.
     * {@code SUCCESS:123,MATCHING_UNKNOWN_ORDER_ID:4}.
     */
    String measuredCodes()
    {
        return codes(measuredCodes);
    }

    String warmupCodes()
    {
        return codes(warmupCodes);
    }

    private static String codes(final long[] counts)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++)
        {
            if (counts[i] != 0)
            {
                if (text.length() > 0)
                {
                    text.append(',');
                }
                text.append(CODES[i].name()).append(':').append(counts[i]);
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }
}
