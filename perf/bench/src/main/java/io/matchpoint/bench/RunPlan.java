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
    boolean openLoop()
    {
        return rate > 0;
    }

    /**
     * @return warm-up and measured commands the tape must hold after its build-up.
     */
    long tapeCommands()
    {
        return openLoop() ? rate * (warmupSeconds + seconds) : commands + commands / 5;
    }

    /**
     * @return warm-up commands (after the build-up).
     */
    long warmupCommands()
    {
        return openLoop() ? rate * warmupSeconds : commands / 5;
    }
}
