package io.matchpoint.bench;

/**
 * One run's shape.
 *
 * @param rate          commands per second in open loop; 0 for closed loop.
 * @param warmupSeconds sending at the rate before measuring (after the tape's build-up).
 * @param seconds       the measured duration (open loop).
 * @param commands      measured commands (closed loop).
 * @param window        commands in flight per session at most (closed loop's window; open loop's bound).
 */
record RunPlan(long rate, int warmupSeconds, int seconds, long commands, int window)
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
