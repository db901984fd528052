package io.matchpoint.engine.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a {@link MatchingEngine} and a {@link ReferenceEngine} with the same commands and compares what they do:
 * the events of every command, and on request the whole observable state (digest, counters, best prices, books).
 * Also replays and shrinks command lists. Test-only.
 */
final class DifferentialHarness
{
    /** Where and how the two disagreed. */
    record Divergence(int index, Command command, String reason, List<EngineEvent> expected, List<EngineEvent> actual)
    {
        String describe()
        {
            final StringBuilder sb = new StringBuilder();
            sb.append("command #").append(index).append(": ").append(command.toJava()).append('\n');
            sb.append("  ").append(reason).append('\n');
            if (expected != null)
            {
                appendEvents(sb, expected, actual);
            }
            return sb.toString();
        }
    }

    /** A book entry as {@link BookVisitor} reports it: a level or an order. */
    record LevelEntry(Side side, long price, long totalQuantity, int orderCount)
    {
    }

    record OrderEntry(
        Side side, long price, long orderId, long accountId, long clientOrderId, long leavesQuantity,
        SelfTradePrevention selfTradePrevention, boolean postOnly)
    {
    }

    /** Records a book walk. */
    static final class BookSnapshot implements BookVisitor
    {
        final List<Object> entries = new ArrayList<>();

        @Override
        public void onLevel(final Side side, final long price, final long totalQuantity, final int orderCount)
        {
            entries.add(new LevelEntry(side, price, totalQuantity, orderCount));
        }

        @Override
        public void onOrder(
            final Side side,
            final long price,
            final long orderId,
            final long accountId,
            final long clientOrderId,
            final long leavesQuantity,
            final SelfTradePrevention selfTradePrevention,
            final boolean postOnly)
        {
            entries.add(new OrderEntry(
                side, price, orderId, accountId, clientOrderId, leavesQuantity, selfTradePrevention, postOnly));
        }
    }

    private final RecordingListener engineEvents = new RecordingListener();
    private final RecordingListener modelEvents = new RecordingListener();
    private final MatchingEngine engine;
    private final EngineCommands engineCommands;
    private final ReferenceEngine model;
    private boolean engineBroken;

    DifferentialHarness(final EngineConfig engineConfig, final EngineConfig modelConfig)
    {
        engine = new MatchingEngine(engineConfig, engineEvents);
        engineCommands = EngineCommands.of(engine);
        model = new ReferenceEngine(modelConfig, modelEvents);
    }

    ReferenceEngine model()
    {
        return model;
    }

    /**
     * Applies one command to both and compares the events.
     *
     * @return the divergence, or null if both emitted the same events.
     */
    Divergence step(final int index, final Command command)
    {
        command.applyTo(model);
        try
        {
            command.applyTo(engineCommands);
        }
        catch (final Throwable ex)
        {
            engineBroken = true;
            final List<EngineEvent> actual = engineEvents.drain();
            return new Divergence(
                index, command, "engine threw " + ex + "\n    at " + stackTop(ex), modelEvents.drain(), actual);
        }
        final List<EngineEvent> expected = modelEvents.drain();
        final List<EngineEvent> actual = engineEvents.drain();
        if (!expected.equals(actual))
        {
            return new Divergence(index, command, "events differ", expected, actual);
        }
        return null;
    }

    /**
     * Compares all observable state.
     *
     * @return the divergence, or null if the same.
     */
    Divergence checkState(final int index, final Command lastCommand)
    {
        if (engineBroken)
        {
            return null;
        }
        final StringBuilder diff = new StringBuilder();
        compare(diff, "restingOrderCount", model.restingOrderCount(), engine.restingOrderCount());
        compare(diff, "priceLevelCount", model.priceLevelCount(), engine.priceLevelCount());
        compare(diff, "accountCount", model.accountCount(), engine.accountCount());
        compare(diff, "instrumentCount", model.instrumentCount(), engine.instrumentCount());
        compare(diff, "nextOrderSequence", model.nextOrderSequence(), engine.nextOrderSequence());
        compare(diff, "nextTradeId", model.nextTradeId(), engine.nextTradeId());
        for (final int instrumentId : model.instrumentIds())
        {
            compare(diff, "isHalted(" + instrumentId + ")", model.isHalted(instrumentId),
                engine.isHalted(instrumentId));
            compare(diff, "bestBid(" + instrumentId + ")", model.bestBid(instrumentId), engine.bestBid(instrumentId));
            compare(diff, "bestAsk(" + instrumentId + ")", model.bestAsk(instrumentId), engine.bestAsk(instrumentId));
            final BookSnapshot expected = new BookSnapshot();
            final BookSnapshot actual = new BookSnapshot();
            model.visitBook(instrumentId, expected);
            engine.visitBook(instrumentId, actual);
            if (!expected.entries.equals(actual.entries))
            {
                diff.append("book of instrument ").append(instrumentId).append(" differs:\n    expected ")
                    .append(expected.entries).append("\n    actual   ").append(actual.entries).append('\n');
            }
        }
        if (diff.length() == 0)
        {
            compare(diff, "digest", Long.toHexString(model.digest()), Long.toHexString(engine.digest()));
        }
        return diff.length() == 0 ? null :
            new Divergence(index, lastCommand, "state differs after it:\n" + diff, null, null);
    }

    private static void compare(final StringBuilder diff, final String what, final Object expected, final Object actual)
    {
        if (!Objects.equals(expected, actual))
        {
            diff.append("    ").append(what).append(": expected ").append(expected).append(", actual ").append(actual)
                .append('\n');
        }
    }

    /**
     * Replays a command list on fresh engines.
     *
     * @param mix        whose configuration both engines get.
     * @param commands   to replay.
     * @param stateEvery compare state after every this many commands (and after the last).
     * @return the first divergence, or null.
     */
    static Divergence replay(final RandomCommands.Mix mix, final List<Command> commands, final int stateEvery)
    {
        final DifferentialHarness harness = new DifferentialHarness(mix.config(), mix.config());
        for (int i = 0; i < commands.size(); i++)
        {
            final Divergence divergence = harness.step(i, commands.get(i));
            if (divergence != null)
            {
                return divergence;
            }
            if ((i + 1) % stateEvery == 0 || i == commands.size() - 1)
            {
                final Divergence stateDivergence = harness.checkState(i, commands.get(i));
                if (stateDivergence != null)
                {
                    return stateDivergence;
                }
            }
        }
        return null;
    }

    /**
     * Shrinks a failing command list: first to a short failing tail (keeping the instrument definitions at the
     * start), then by removing chunks (delta debugging), within a time budget.
     *
     * @param mix        whose configuration to use.
     * @param failing    a list whose replay diverges at its last command.
     * @param budgetNs   time to spend.
     * @return a shorter list that still diverges at its last command (the input if nothing shorter was found).
     */
    static List<Command> shrink(final RandomCommands.Mix mix, final List<Command> failing, final long budgetNs)
    {
        final long deadlineNs = System.nanoTime() + budgetNs;
        List<Command> current = failing;

        final List<Command> head = new ArrayList<>();
        for (final Command command : failing)
        {
            if (!(command instanceof Command.DefineInstrument))
            {
                break;
            }
            head.add(command);
        }
        for (int tail = 10; tail < current.size() - head.size() && System.nanoTime() < deadlineNs; tail *= 2)
        {
            final List<Command> candidate = new ArrayList<>(head);
            candidate.addAll(current.subList(current.size() - tail, current.size()));
            final List<Command> result = failingPrefix(mix, candidate);
            if (result != null)
            {
                current = result;
                break;
            }
        }

        int granularity = 2;
        while (current.size() >= 2 && System.nanoTime() < deadlineNs)
        {
            final int chunk = (current.size() + granularity - 1) / granularity;
            boolean reduced = false;
            for (int start = 0; start < current.size() && System.nanoTime() < deadlineNs; start += chunk)
            {
                final List<Command> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                final List<Command> result = failingPrefix(mix, candidate);
                if (result != null)
                {
                    current = result;
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced)
            {
                if (granularity >= current.size())
                {
                    break;
                }
                granularity = Math.min(current.size(), granularity * 2);
            }
        }
        return current;
    }

    private static List<Command> failingPrefix(final RandomCommands.Mix mix, final List<Command> candidate)
    {
        if (candidate.isEmpty())
        {
            return null;
        }
        final Divergence divergence = replay(mix, candidate, candidate.size() <= 2000 ? 1 : 64);
        return divergence == null ? null : new ArrayList<>(candidate.subList(0, divergence.index() + 1));
    }

    static String toJava(final RandomCommands.Mix mix, final List<Command> commands)
    {
        final EngineConfig c = mix.config();
        final StringBuilder sb = new StringBuilder();
        sb.append("final MatchingEngine engine = new MatchingEngine(new EngineConfig()")
            .append(".maxOrders(").append(c.maxOrders()).append(").maxPriceLevels(").append(c.maxPriceLevels())
            .append(").maxAccounts(").append(c.maxAccounts()).append(").maxInstruments(").append(c.maxInstruments())
            .append(").ticksPerBook(").append(c.ticksPerBook()).append(").conclude(), listener);\n");
        for (final Command command : commands)
        {
            sb.append(command.toJava()).append('\n');
        }
        return sb.toString();
    }

    static void appendEvents(final StringBuilder sb, final List<EngineEvent> expected, final List<EngineEvent> actual)
    {
        int firstDifference = 0;
        while (firstDifference < Math.min(expected.size(), actual.size()) &&
            expected.get(firstDifference).equals(actual.get(firstDifference)))
        {
            firstDifference++;
        }
        sb.append("  expected (model), first difference at event ").append(firstDifference).append(":\n");
        for (int i = 0; i < expected.size(); i++)
        {
            sb.append(i == firstDifference ? "  > " : "    ").append(expected.get(i)).append('\n');
        }
        sb.append("  actual (engine):\n");
        for (int i = 0; i < actual.size(); i++)
        {
            sb.append(i == firstDifference ? "  > " : "    ").append(actual.get(i)).append('\n');
        }
    }

    private static String stackTop(final Throwable ex)
    {
        final StackTraceElement[] trace = ex.getStackTrace();
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(6, trace.length); i++)
        {
            sb.append(i == 0 ? "" : "\n    at ").append(trace[i]);
        }
        return sb.toString();
    }
}
