package io.matchpoint.engine.match;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZeroAllocationTest
{
    private static final int WARM_UP_COMMANDS = 1_000_000;
    private static final int MEASURED_COMMANDS = 1_000_000;

    @Test
    void shouldAllocateNothingAfterWarmUpAcrossAMillionMixedCommands()
    {
        final CommandTape tape = CommandTape.record(42, WARM_UP_COMMANDS + MEASURED_COMMANDS);
        final NoOpListener listener = new NoOpListener();
        final MatchingEngine engine = new MatchingEngine(CommandTape.config(), listener);
        CommandTape.defineInstruments(engine);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

        replay(tape, engine, 0, WARM_UP_COMMANDS);
        final long tradesBefore = listener.trades;

        final long before = threads.getCurrentThreadAllocatedBytes();
        replay(tape, engine, WARM_UP_COMMANDS, WARM_UP_COMMANDS + MEASURED_COMMANDS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated by " + MEASURED_COMMANDS + " commands after warm-up");
        assertTrue(listener.trades - tradesBefore > MEASURED_COMMANDS / 20, "the measured mix trades");
        assertTrue(engine.restingOrderCount() > 100, "the measured mix keeps a book");
    }

    private static void replay(final CommandTape tape, final MatchingEngine engine, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            tape.apply(engine, i);
        }
    }
}
