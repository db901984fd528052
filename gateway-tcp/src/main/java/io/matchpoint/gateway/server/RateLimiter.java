package io.matchpoint.gateway.server;

/**
 * A token bucket in the form of the generic cell rate algorithm (GCRA, ITU-T I.371): a burst of up to
 * {@code limit} at once, then {@code limit} per {@code windowNs} sustained. It keeps one time, however large the
 * limit, where the exact sliding window of {@link SlidingWindowThrottle} keeps one per message of its window: too
 * much for limits that many sessions share. Allocation-free; one thread only.
 */
final class RateLimiter
{
    private final int limit;
    private final long windowNs;
    private final long intervalNs;
    private final long toleranceNs;
    /** When the bucket would be full again were nothing more taken; in the past means it is full. */
    private long theoreticalArrivalNs = Long.MIN_VALUE;

    /**
     * @param limit    the burst, and how many per window are admitted sustained; at least 1.
     * @param windowNs the window; at least 1.
     */
    RateLimiter(final int limit, final long windowNs)
    {
        if (limit < 1 || windowNs < 1)
        {
            throw new IllegalArgumentException("limit and window must be positive: " + limit + ", " + windowNs);
        }
        this.limit = limit;
        this.windowNs = windowNs;
        intervalNs = Math.max(1, windowNs / limit);
        // from the rounded interval, so that the burst is exactly the limit when the window does not divide evenly
        toleranceNs = intervalNs * (limit - 1);
    }

    /**
     * @return whether {@link #take(long)} now would stay within the limit; takes nothing.
     */
    boolean admits(final long nowNs)
    {
        return Math.max(theoreticalArrivalNs, nowNs) - nowNs <= toleranceNs;
    }

    /**
     * Takes one, whether or not it {@link #admits(long)}: an admission already granted by the caller's checks.
     */
    void take(final long nowNs)
    {
        theoreticalArrivalNs = Math.max(theoreticalArrivalNs, nowNs) + intervalNs;
    }

    /**
     * @return true, taking one, if the limit admits it now; false, taking nothing, if not.
     */
    boolean tryTake(final long nowNs)
    {
        if (!admits(nowNs))
        {
            return false;
        }
        take(nowNs);
        return true;
    }

    /**
     * @return how long until {@link #admits(long)} is true again; 0 when it is now.
     */
    long nanosUntilAdmitted(final long nowNs)
    {
        return Math.max(0, Math.max(theoreticalArrivalNs, nowNs) - toleranceNs - nowNs);
    }

    /**
     * @return whether the bucket has refilled entirely: nothing taken would still count against the limit.
     */
    boolean isIdle(final long nowNs)
    {
        return theoreticalArrivalNs == Long.MIN_VALUE || theoreticalArrivalNs - nowNs <= 0;
    }

    int limit()
    {
        return limit;
    }

    long windowNs()
    {
        return windowNs;
    }
}
