package io.matchpoint.bench;

/**
 * One run's shape.
 *
 * @param rate          commands per second in open loop; 0 for closed loop.
 * @param warmupSeconds sending at the rate before measuring (after the tape's build-up).
 * @param seconds       the measured duration (open loop).
 * @param commands      measured commands (closed loop).
 * @param window        commands in flight per session at most (closed loop's window; open loop's bound).
 * @param maxShortfallPercent open loop: the run is UNDER-SENT if the sender reached less than the rate by more than
 *                      this share (or fell more than a second behind schedule).
 */
record RunPlan(long rate, int warmupSeconds, int seconds, long commands, int window, double maxShortfallPercent)
{
    /**
     * Closed loop: unmeasured commands before the measured ones, at least (as many as are measured, if fewer). A
     * fifth of a 2 M run (0.4 M, half a second) ended before the JIT had settled: the same server measured 0.84 to
     * 1.04 M commands/s over 2 M commands after it, 1.35 to 1.44 M/s over 12 M and 40 M. The open loop warms up for
     * {@code --warmup} seconds.
     */
    static final long MIN_CLOSED_LOOP_WARMUP = 2_000_000;

    boolean openLoop()
    {
        return rate > 0;
    }

    /**
     * @return warm-up and measured commands the tape must hold after its build-up.
     */
    long tapeCommands()
    {
        return openLoop() ? rate * (warmupSeconds + seconds) : commands + warmupCommands();
    }

    /**
     * @return warm-up commands (after the build-up).
     */
    long warmupCommands()
    {
        return openLoop() ? rate * warmupSeconds : Math.max(commands / 5, Math.min(commands, MIN_CLOSED_LOOP_WARMUP));
    }
}
