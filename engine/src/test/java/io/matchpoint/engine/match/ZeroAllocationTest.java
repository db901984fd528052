package io.matchpoint.engine.match;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZeroAllocationTest
{
    private static final int WARM_UP_COMMANDS = 1_000_000;
    private static final int MEASURED_COMMANDS = 1_000_000;
    private static final int ROUNDS = 5;

    /**
     * With risk limits every order and replace also runs the six checks, and every rest, fill and cancel updates the
     * account's exposure: all limits are set, tight enough that each refuses some orders (quantities reach 200, prices
     * about 10,000, so notionals 2.5 million; positions drift as accounts trade).
     */
    @ParameterizedTest(name = "risk limits: {0}")
    @ValueSource(booleans = { false, true })
    void shouldAllocateNothingAfterWarmUpAcrossAMillionMixedCommands(final boolean riskLimits)
    {
        final CommandTape tape = CommandTape.record(42, WARM_UP_COMMANDS + MEASURED_COMMANDS);
        final NoOpListener listener = new NoOpListener();
        final MatchingEngine engine = new MatchingEngine(CommandTape.config(), listener);
        CommandTape.defineInstruments(engine);
        if (riskLimits)
        {
            engine.setRiskLimits(MatchingEngine.ALL_ACCOUNTS, 190, 1_800_000, 40, 15_000_000, 25_000_000, 20_000);
        }
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

        replay(tape, engine, 0, WARM_UP_COMMANDS);
        final long tradesBefore = listener.trades;
        final long stopsBefore = listener.stopsTriggered;

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
        assertTrue(listener.stopsTriggered - stopsBefore > MEASURED_COMMANDS / 100,
            "the measured mix triggers stops: " + (listener.stopsTriggered - stopsBefore));
        assertTrue(engine.restingOrderCount() > 100, "the measured mix keeps a book");
        if (riskLimits)
        {
            for (final RejectReason limit : new RejectReason[]{ RejectReason.ORDER_QUANTITY_LIMIT,
                RejectReason.ORDER_NOTIONAL_LIMIT, RejectReason.OPEN_ORDERS_LIMIT, RejectReason.INSTRUMENT_CREDIT_LIMIT,
                RejectReason.CREDIT_LIMIT, RejectReason.POSITION_LIMIT })
            {
                assertTrue(listener.rejectsByReason[limit.ordinal()] > 0, limit + " refused some orders: " +
                    java.util.Arrays.toString(listener.rejectsByReason));
            }
        }
    }

    private static void replay(final CommandTape tape, final MatchingEngine engine, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            tape.apply(engine, i);
        }
    }
}
