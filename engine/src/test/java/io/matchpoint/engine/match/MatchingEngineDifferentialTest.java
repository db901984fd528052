package io.matchpoint.engine.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random command streams through {@link MatchingEngine} and {@link ReferenceEngine}: the events of every
 * command must be equal, and every {@value #STATE_CHECK_INTERVAL} commands the digests, counters and books too.
 * By default every {@link RandomCommands.Mix} runs with four seeds of {@value #COMMANDS_PER_RUN} commands each, and
 * the newest rules' mixes ({@link #LONG_RUNS}) with four seeds of {@value #LONG_RUN_COMMANDS} (23 mixes, about 11.5
 * million commands, under 90 s on two cores). On a divergence the failure names the seed, mix and command
 * index, prints the commands leading there and the events expected and seen, and shrinks the stream to a short
 * sequence that still diverges on fresh engines. Known engine bugs it finds are pinned in
 * {@link MatchingEngineRegressionTest}.
 * <p>
 * Reproduce or explore one seed with {@code -Dmatchpoint.seed=N}, optionally {@code -Dmatchpoint.mix=NAME} and
 * {@code -Dmatchpoint.commands=N}; explore many with {@code -Dmatchpoint.seedCount=N} (seeds from
 * {@code matchpoint.seed}, default 1000, upwards):
 * <pre>
 * mvn -B -ntp test -pl engine -Dtest=MatchingEngineDifferentialTest -Dmatchpoint.seed=42 -Dmatchpoint.mix=SELF_TRADE
 * </pre>
 */
class MatchingEngineDifferentialTest
{
    private static final long[] SEEDS = { 1, 0x5EED_0002L, 0xC0FFEEL, 20_240_601L };
    private static final int COMMANDS_PER_RUN = 40_000;
    /**
     * The newest rules (the kill switch, the price collar, risk limits, icebergs, stop orders) get a million commands
     * each across the seeds, as their issue asks, until they have run as long as the others.
     */
    private static final java.util.Set<RandomCommands.Mix> LONG_RUNS = java.util.EnumSet.of(
        RandomCommands.Mix.KILL_SWITCH, RandomCommands.Mix.COLLAR, RandomCommands.Mix.COLLAR_EXTREME,
        RandomCommands.Mix.RISK, RandomCommands.Mix.RISK_EXTREME, RandomCommands.Mix.ICEBERG,
        RandomCommands.Mix.ICEBERG_SELF_TRADE, RandomCommands.Mix.STOP, RandomCommands.Mix.STOP_SELF_TRADE);
    private static final int LONG_RUN_COMMANDS = 250_000;
    private static final int STATE_CHECK_INTERVAL = 50;
    private static final int TRACE_LENGTH = 30;
    private static final long SHRINK_BUDGET_NS = TimeUnit.SECONDS.toNanos(15);
    /** Shrinking is slow on long streams: only the first few failures in a JVM get it. */
    private static final int MAX_SHRINKS = 6;
    private static final AtomicInteger SHRINKS = new AtomicInteger();

    static Stream<Arguments> runs()
    {
        final String seedProperty = System.getProperty("matchpoint.seed");
        final int seedCount = Integer.getInteger("matchpoint.seedCount", 0);
        final String mixProperty = System.getProperty("matchpoint.mix");
        final List<Arguments> runs = new ArrayList<>();
        for (final RandomCommands.Mix mix : RandomCommands.Mix.values())
        {
            if (mixProperty != null && !mixProperty.isEmpty() && !mix.name().equalsIgnoreCase(mixProperty))
            {
                continue;
            }
            if (seedCount > 0)
            {
                final long base = seedProperty != null && !seedProperty.isEmpty() ? Long.decode(seedProperty) : 1000;
                for (int i = 0; i < seedCount; i++)
                {
                    runs.add(Arguments.of(mix, base + i));
                }
            }
            else if (seedProperty != null && !seedProperty.isEmpty())
            {
                runs.add(Arguments.of(mix, Long.decode(seedProperty)));
            }
            else
            {
                for (final long seed : SEEDS)
                {
                    runs.add(Arguments.of(mix, seed));
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void shouldEmitTheSameEventsAsTheReferenceModel(final RandomCommands.Mix mix, final long seed)
    {
        final int count = Integer.getInteger("matchpoint.commands",
            LONG_RUNS.contains(mix) ? LONG_RUN_COMMANDS : COMMANDS_PER_RUN);
        final DifferentialHarness harness = new DifferentialHarness(mix.config(), mix.config());
        final RandomCommands generator = new RandomCommands(seed, mix, harness.model());
        final List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final Command command = generator.next();
            commands.add(command);
            DifferentialHarness.Divergence divergence = harness.step(i, command);
            if (divergence == null && ((i + 1) % STATE_CHECK_INTERVAL == 0 || i == count - 1))
            {
                divergence = harness.checkState(i, command);
            }
            if (divergence != null)
            {
                fail(report(mix, seed, commands, divergence));
            }
        }
    }

    private static String report(
        final RandomCommands.Mix mix,
        final long seed,
        final List<Command> commands,
        final DifferentialHarness.Divergence divergence)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("MatchingEngine diverged from ReferenceEngine: mix=").append(mix).append(" seed=").append(seed)
            .append(" at command #").append(divergence.index()).append('\n');
        sb.append(divergence.describe());
        sb.append("last commands:\n");
        for (int i = Math.max(0, commands.size() - TRACE_LENGTH); i < commands.size(); i++)
        {
            sb.append(String.format("  #%-7d %s%n", i, commands.get(i).toJava()));
        }

        if (SHRINKS.incrementAndGet() <= MAX_SHRINKS)
        {
            final List<Command> shrunk = DifferentialHarness.shrink(mix, commands, SHRINK_BUDGET_NS);
            final DifferentialHarness.Divergence shrunkDivergence = DifferentialHarness.replay(mix, shrunk, 1);
            sb.append("shrunk to ").append(shrunk.size()).append(" commands (replayed on fresh engines)");
            if (shrunk.size() <= 200)
            {
                sb.append(":\n").append(DifferentialHarness.toJava(mix, shrunk));
            }
            else
            {
                sb.append("; too long to print in full\n");
            }
            if (shrunkDivergence != null)
            {
                sb.append("which diverges at ").append(shrunkDivergence.describe());
            }
        }
        else
        {
            sb.append("not shrunk: ").append(MAX_SHRINKS).append(" failures were shrunk already; run this one alone\n");
        }
        sb.append("reproduce: mvn -B -ntp test -pl engine -Dtest=MatchingEngineDifferentialTest -Dmatchpoint.seed=")
            .append(seed).append(" -Dmatchpoint.mix=").append(mix).append(" -Dmatchpoint.commands=")
            .append(commands.size()).append('\n');
        return sb.toString();
    }
}
