package io.matchpoint.engine.match;

import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, for each {@link RandomCommands.Mix}, how often each kind of command comes and each event and reason occurs,
 * to check that a mix reaches what it is meant to reach. Not a test: run its {@code main} by hand, with an optional
 * seed, command count and mix name (all mixes without one).
 */
public final class CommandMixCoverage
{
    private CommandMixCoverage()
    {
    }

    public static void main(final String[] args)
    {
        final long seed = args.length > 0 ? Long.decode(args[0]) : 1;
        final int count = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        for (final RandomCommands.Mix mix : RandomCommands.Mix.values())
        {
            if (args.length > 2 && !mix.name().equalsIgnoreCase(args[2]))
            {
                continue;
            }
            final RecordingListener listener = new RecordingListener();
            final ReferenceEngine model = new ReferenceEngine(mix.config(), listener);
            final RandomCommands generator = new RandomCommands(seed, mix, model);
            final Map<String, Integer> counts = new TreeMap<>();
            int maxResting = 0;
            int maxLevels = 0;
            for (int i = 0; i < count; i++)
            {
                final Command command = generator.next();
                command.applyTo(model);
                counts.merge("command." + command.getClass().getSimpleName(), 1, Integer::sum);
                maxResting = Math.max(maxResting, model.restingOrderCount());
                maxLevels = Math.max(maxLevels, model.priceLevelCount());
                for (final EngineEvent event : listener.drain())
                {
                    counts.merge(key(command, event), 1, Integer::sum);
                }
            }
            System.out.println("=== " + mix + " maxResting=" + maxResting + " maxLevels=" + maxLevels +
                " orders=" + (model.nextOrderSequence() - 1) + " trades=" + (model.nextTradeId() - 1));
            counts.forEach((key, value) -> System.out.println("    " + key + " " + value));
        }
    }

    private static String key(final Command command, final EngineEvent event)
    {
        final String name = event.getClass().getSimpleName();
        if (event instanceof EngineEvent.OrderRejected e)
        {
            return name + "." + e.reason();
        }
        if (event instanceof EngineEvent.OrderCancelled e)
        {
            final boolean bySession = command instanceof Command.CancelSessionOrders;
            return name + "." + e.reason() + (bySession ? ".session" : "");
        }
        if (event instanceof EngineEvent.OrderReduced e)
        {
            return name + "." + e.reason();
        }
        if (event instanceof EngineEvent.ReplaceRejected e)
        {
            return name + "." + e.reason();
        }
        if (event instanceof EngineEvent.InstrumentRejected e)
        {
            return name + "." + e.reason();
        }
        if (event instanceof EngineEvent.CancelRejected e)
        {
            return name + "." + e.reason();
        }
        if (event instanceof EngineEvent.OrderReplaced e)
        {
            return name + ".priorityKept=" + e.priorityKept();
        }
        if (event instanceof EngineEvent.OrderAccepted e)
        {
            return name + "." + e.orderType() + "." + e.timeInForce() + (e.displayQuantity() > 0 ? ".iceberg" : "");
        }
        if (event instanceof EngineEvent.StopTriggered e)
        {
            return name + "." + e.side();
        }
        if (event instanceof EngineEvent.MassCancelled e)
        {
            final String by = command instanceof Command.CancelSessionOrders ? ".session" : ".account";
            return name + by + (e.cancelledCount() > 0 ? ".some" : ".none");
        }
        return name;
    }
}
