package io.matchpoint.gateway.server;

import org.agrona.concurrent.EpochNanoClock;

/**
 * Epoch nanoseconds that never go backwards and never allocate: the wall clock read once at start-up plus the
 * monotonic time elapsed since. It may drift from the wall clock by what NTP corrects during the process's life
 * (typically milliseconds a day); in exchange, timestamps in the journal are strictly ordered like the commands.
 * Agrona's {@code OffsetEpochNanoClock} resamples with a fresh object now and then, which a zero-allocation
 * thread cannot afford.
 */
public final class MonotonicEpochClock implements EpochNanoClock
{
    private final long baseEpochNs;
    private final long baseNanoTime;

    public MonotonicEpochClock()
    {
        baseNanoTime = System.nanoTime();
        baseEpochNs = System.currentTimeMillis() * 1_000_000L;
    }

    public long nanoTime()
    {
        return baseEpochNs + (System.nanoTime() - baseNanoTime);
    }
}
