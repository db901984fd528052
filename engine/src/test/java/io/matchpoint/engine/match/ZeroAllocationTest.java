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
    private static final int ROUNDS = 5;

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

        // Five rounds of 200,000: one of them must be exactly 0, and all together stay under one byte per 50
        // commands, as the journal threads. A late JIT deoptimisation on a loaded machine can materialise objects
        // once (seen: 232 bytes in one round here, up to 1,008 on the pipeline's matcher); an allocation per
        // command, even one in a thousand commands, would show in every round.
        long total = 0;
        long quietest = Long.MAX_VALUE;
        final int roundLength = MEASURED_COMMANDS / ROUNDS;
        for (int round = 0; round < ROUNDS; round++)
        {
            final int from = WARM_UP_COMMANDS + round * roundLength;
            final long before = threads.getCurrentThreadAllocatedBytes();
            replay(tape, engine, from, from + roundLength);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            total += allocated;
            quietest = Math.min(quietest, allocated);
        }

        assertEquals(0, quietest, "bytes allocated by the quietest " + roundLength + " commands after warm-up");
        assertTrue(total < MEASURED_COMMANDS / 50,
            "bytes allocated by " + MEASURED_COMMANDS + " commands after warm-up: " + total);
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
