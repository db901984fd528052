package io.matchpoint.engine.pipeline;

/**
 * Implemented by a ring handler that has work of its own besides the ring's slots (timers, retries, reading a
 * journal for a reconnecting session). Its {@link RingAgent} calls it in each duty cycle that brought no slot, instead
 * of {@code onTimeout}, and counts what it returns as the cycle's work, so that a thread whose agents still have
 * something to do does not idle.
 */
public interface IdleTurn
{
    /**
     * @return the work done: 0 when there was nothing to do.
     */
    int onIdleTurn();
}
