package io.matchpoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A command's trade reaches the session and the market data feed in either order; the recorder pairs them by trade id
 * and measures the feed's arrival from the command's send time.
 */
class LatencyRecorderTest
{
    private final LatencyRecorder recorder = new LatencyRecorder(0, 1);

    @Test
    void shouldMeasureTheTradeOnTheFeedFromTheCommandsSendTimeWhicheverArrivesFirst()
    {
        recorder.readingFeed();
        recorder.commandTraded(7, 1_000);
        recorder.tradeOnFeed(7, 51_000);   // the fill first, then the feed
        recorder.tradeOnFeed(8, 90_000);   // the feed first, then the fill
        recorder.commandTraded(8, 20_000);
        recorder.tradeOnFeed(9, 95_000);   // a trade of no measured command: never recorded

        assertEquals(2, recorder.marketData().getTotalCount());
        assertEquals(50_000, recorder.marketData().getMinValue(), 50);
        assertEquals(70_000, recorder.marketData().getMaxValue(), 70);
    }

    @Test
    void shouldKeepNothingWhenNoFeedIsRead()
    {
        recorder.commandTraded(7, 1_000);
        recorder.tradeOnFeed(7, 51_000);

        assertEquals(0, recorder.marketData().getTotalCount());
    }
}
