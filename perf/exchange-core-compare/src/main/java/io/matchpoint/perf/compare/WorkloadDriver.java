package io.matchpoint.perf.compare;

/**
 * Replays a {@link MixedWorkload} on one engine. {@link #prepare()} (untimed) empties the book and replays the
 * warm-up; {@link #runMeasured()} (timed) replays the measured commands. Both engines' drivers do the same
 * bookkeeping per command: count fills, traded quantity and commands that traded, fold event fields into a sink.
 * Single-threaded.
 */
public interface WorkloadDriver
{
    /** Cancels whatever the last pass left resting, then replays the warm-up onto the empty book. */
    void prepare();

    /**
     * Replays the measured commands.
     *
     * @return a value that depends on every event, for JMH to consume
     */
    long runMeasured();

    /**
     * Replays commands {@code [from, to)} as they are, without the bookkeeping {@link #prepare()} relies on: for tests
     * that watch the book in the middle of a pass. Once used, the driver must not be prepared again.
     */
    void replay(int from, int to);

    /** Fills (one per maker an order traded with) since construction. */
    long fills();

    long tradedQuantity();

    /** Commands that produced at least one fill, since construction. */
    long tradingCommands();

    /** Commands the engine refused, or cancels of orders it did not have: zero for a valid workload. */
    long failures();

    /** Orders resting now (may walk the book: not for the timed path). */
    int restingOrders();

    /** Non-empty price levels now, both sides (may walk the book: not for the timed path). */
    int priceLevels();
}
