package io.matchpoint.gateway.server;

/**
 * An exact sliding-window rate limit: at most {@code maxMessages} in any {@code windowNs}. It remembers the time of
 * the last {@code maxMessages} admissions in a ring; a message is admitted when the oldest of them has left the
 * window. Unlike a fixed window it admits no burst of twice the limit across a window edge. Preallocated, one per
 * session slot, used by the I/O thread only.
 */
final class SlidingWindowThrottle
{
    private final long[] admittedAtNs;
    private final long windowNs;
    private int oldest;
    private int admitted;

    SlidingWindowThrottle(final int maxMessages, final long windowNs)
    {
        this.admittedAtNs = new long[maxMessages];
        this.windowNs = windowNs;
    }

    void reset()
    {
        oldest = 0;
        admitted = 0;
    }

    /**
     * @param nowNs current time.
     * @return true, counting the message, if it fits the window; false if it exceeds the limit.
     */
    boolean tryAcquire(final long nowNs)
    {
        final int capacity = admittedAtNs.length;
        if (admitted < capacity)
        {
            admittedAtNs[(oldest + admitted++) % capacity] = nowNs;
            return true;
        }
        if (nowNs - admittedAtNs[oldest] >= windowNs)
        {
            admittedAtNs[oldest] = nowNs; // the oldest leaves, the newest takes its place
            oldest = (oldest + 1) % capacity;
            return true;
        }
        return false;
    }

    int maxMessages()
    {
        return admittedAtNs.length;
    }

    long windowNs()
    {
        return windowNs;
    }
}
