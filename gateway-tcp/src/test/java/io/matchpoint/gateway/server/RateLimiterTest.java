package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The shared limits' token bucket, from tables of times: no socket, no clock but the test's.
 */
class RateLimiterTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @ParameterizedTest(name = "limit {0}: a burst of {0}, then one every {1} ns")
    @CsvSource({ "1, 1000000000", "4, 250000000", "10, 100000000", "20000, 50000", "3, 333333333" })
    void shouldAdmitABurstOfTheLimitThenOneEachIntervalOfTheWindow(final int limit, final long intervalNs)
    {
        final RateLimiter limiter = new RateLimiter(limit, SECOND);
        final long start = 5 * SECOND;
        for (int i = 0; i < limit; i++)
        {
            assertTrue(limiter.tryTake(start), "burst message " + i);
        }
        assertFalse(limiter.tryTake(start), "one over the burst");
        assertEquals(intervalNs, limiter.nanosUntilAdmitted(start));
        assertFalse(limiter.tryTake(start + intervalNs - 1), "a nanosecond too early");
        assertTrue(limiter.tryTake(start + intervalNs), "one interval later, one more");
        assertFalse(limiter.tryTake(start + intervalNs));
    }

    @Test
    void shouldNeverAdmitMoreThanTheLimitPlusOneWindowsWorthOverAnyWindow()
    {
        final RateLimiter limiter = new RateLimiter(100, SECOND);
        int admitted = 0;
        for (long t = 0; t < SECOND; t += 1_000_000) // asking 1,000 times in one window, evenly
        {
            for (int i = 0; i < 10; i++)
            {
                admitted += limiter.tryTake(10 * SECOND + t) ? 1 : 0;
            }
        }
        assertTrue(admitted >= 100 && admitted <= 200, "admitted " + admitted);
    }

    @Test
    void shouldTakeNothingWhenAskedOrRefused()
    {
        final RateLimiter limiter = new RateLimiter(2, SECOND);
        assertTrue(limiter.admits(0));
        assertTrue(limiter.admits(0), "asking takes nothing");
        limiter.take(0);
        limiter.take(0);
        assertFalse(limiter.admits(0));
        assertFalse(limiter.tryTake(0));
        assertEquals(SECOND / 2, limiter.nanosUntilAdmitted(0), "refusals did not push the next admission back");
    }

    @Test
    void shouldBeIdleOnceTheBucketHasRefilledEntirely()
    {
        final RateLimiter limiter = new RateLimiter(4, SECOND);
        assertTrue(limiter.isIdle(0));
        limiter.take(0);
        assertFalse(limiter.isIdle(0));
        assertFalse(limiter.isIdle(SECOND / 4 - 1));
        assertTrue(limiter.isIdle(SECOND / 4));
    }

    @Test
    void shouldRefuseALimitOrWindowBelowOne()
    {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0));
    }
}
