package io.matchpoint.bench;

import io.matchpoint.perf.support.tape.TapeRecord;

/**
 * How the load driver's commands reach the engine and their answers reach the session trackers: client sessions over
 * TCP, or the rings in-process.
 */
interface Transport extends AutoCloseable
{
    /**
     * @param trackers one per session, answered by this transport from now on.
     */
    void bind(SessionTracker[] trackers);

    /**
     * @param latencies the run's, for what the transport measures beside the sessions (the market data feed).
     */
    default void latencies(final LatencyRecorder latencies)
    {
    }

    /**
     * @param session the session (account) that sends it.
     * @param record  the tape command.
     * @param orderId for a move, the engine's id of the order, 0 if not known yet.
     * @return false when pushed back (nothing sent): poll, then try again.
     */
    boolean send(int session, TapeRecord record, long orderId);

    /**
     * @return answers handled on this thread (TCP); 0 where they arrive on another thread.
     */
    int poll();

    /**
     * @return why a session ended, null while none has.
     */
    String disconnected();

    @Override
    void close();
}
