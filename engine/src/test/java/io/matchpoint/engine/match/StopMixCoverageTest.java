package io.matchpoint.engine.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stop mixes reach what they are there for: a stream in which no trade triggers two stops, or no triggered stop
 * triggers another, would pass against a core that gets those wrong. Runs the mixes through the
 * {@link ReferenceEngine} alone and counts, from its events and the stops that waited before each command, the stop
 * cases of {@code MATCHING-RULES.md}.
 */
class StopMixCoverageTest
{
    private static final long SEED = 1;
    /** A refused triggered stop-limit is rare (the trade that triggers it frees levels): several seeds are needed. */
    private static final long[] SEEDS = { 1, 2, 3, 4 };
    private static final int COMMANDS = 30_000;

    /** What happened to stops over a stream. */
    private static final class Counts
    {
        final Map<String, Integer> counts = new HashMap<>();

        void add(final String key)
        {
            counts.merge(key, 1, Integer::sum);
        }

        int get(final String key)
        {
            return counts.getOrDefault(key, 0);
        }

        void assertAtLeast(final String key, final int minimum)
        {
            assertTrue(get(key) >= minimum, key + ": " + get(key) + " < " + minimum + " in " + counts);
        }
    }

    /** A waiting stop as it was before the command: what a trade of the command may trigger. */
    private record Waiting(
        long orderId, int instrumentId, Side side, OrderType orderType, TimeInForce timeInForce, long stopPrice,
        SelfTradePrevention selfTradePrevention)
    {
        boolean reachedBy(final EngineEvent.Trade trade)
        {
            return trade.instrumentId() == instrumentId &&
                (side == Side.BUY ? stopPrice <= trade.price() : stopPrice >= trade.price());
        }
    }

    @Test
    void stopMixShouldTriggerCascadeRestCancelReplaceAndRefuseStops()
    {
        final Counts counts = run(RandomCommands.Mix.STOP);

        counts.assertAtLeast("accepted.STOP", 500);
        counts.assertAtLeast("accepted.STOP_LIMIT", 500);
        counts.assertAtLeast("triggered", 4000);
        counts.assertAtLeast("triggered.byOneTrade.several", 400);
        counts.assertAtLeast("triggered.byOneSweep.atSeveralPrices", 20);
        counts.assertAtLeast("triggered.byATriggeredStop", 200);
        counts.assertAtLeast("triggered.byAReplace", 5);
        counts.assertAtLeast("triggered.STOP_LIMIT.rested", 100);
        counts.assertAtLeast("triggered.STOP.traded", 200);
        counts.assertAtLeast("triggered.cancelled.OUTSIDE_COLLAR", 5);
        counts.assertAtLeast("triggered.cancelled.FOK_NOT_FILLABLE", 50);
        counts.assertAtLeast("triggered.cancelled.PRICE_LEVEL_CAPACITY_EXHAUSTED", 1);
        counts.assertAtLeast("triggered.cancelled.NO_LIQUIDITY", 50);
        counts.assertAtLeast("triggered.STOP.collared", 20);
        counts.assertAtLeast("replace.waiting.kept", 100);
        counts.assertAtLeast("replace.waiting.notKept", 100);
        counts.assertAtLeast("replace.waiting.newStopPrice", 100);
        counts.assertAtLeast("cancelled.waiting.CLIENT_REQUEST", 100);
        counts.assertAtLeast("cancelled.waiting.MASS_CANCEL", 10);
        counts.assertAtLeast("cancelled.waiting.KILL_SWITCH", 5);
        counts.assertAtLeast("cancelled.waiting.OUTSIDE_BAND", 10);
        counts.assertAtLeast("rejected.INVALID_STOP_PRICE", 50);
        counts.assertAtLeast("rejected.STOP_ALREADY_TRIGGERED", 50);
        counts.assertAtLeast("replaceRejected.INVALID_STOP_PRICE", 10);
        counts.assertAtLeast("replaceRejected.STOP_ALREADY_TRIGGERED", 10);
        counts.assertAtLeast("instrumentRejected.INSTRUMENT_BOOK_NOT_EMPTY", 2);
    }

    @Test
    void stopSelfTradeMixShouldMeetOwnOrdersWithTriggeredStopsUnderEveryMode()
    {
        final Counts counts = run(RandomCommands.Mix.STOP_SELF_TRADE);

        counts.assertAtLeast("triggered", 1000);
        counts.assertAtLeast("triggered.byATriggeredStop", 50);
        for (final SelfTradePrevention mode : SelfTradePrevention.values())
        {
            counts.assertAtLeast("triggered.selfTrade." + mode, 30);
        }
    }

    @Test
    void otherMixesShouldNeverAskForAStop()
    {
        // their seeds must keep the streams they had before stops: no stop order, no stop price, no extra draws
        for (final RandomCommands.Mix mix : RandomCommands.Mix.values())
        {
            if (mix.stops())
            {
                continue;
            }
            final ReferenceEngine model = new ReferenceEngine(mix.config(), new RecordingListener());
            final RandomCommands generator = new RandomCommands(SEED, mix, model);
            for (int i = 0; i < 3_000; i++)
            {
                final Command command = generator.next();
                if (command instanceof Command.NewOrder order)
                {
                    assertEquals(0, order.stopPrice(), mix + " #" + i);
                    assertTrue(order.orderType() == OrderType.LIMIT || order.orderType() == OrderType.MARKET);
                }
                assertTrue(!(command instanceof Command.ReplaceStop), mix + " #" + i);
                command.applyTo(model);
            }
        }
    }

    private static Counts run(final RandomCommands.Mix mix)
    {
        final Counts counts = new Counts();
        for (final long seed : SEEDS)
        {
            run(counts, mix, seed);
        }
        return counts;
    }

    private static void run(final Counts counts, final RandomCommands.Mix mix, final long seed)
    {
        final RecordingListener listener = new RecordingListener();
        final ReferenceEngine model = new ReferenceEngine(mix.config(), listener);
        final RandomCommands generator = new RandomCommands(seed, mix, model);
        for (int i = 0; i < COMMANDS; i++)
        {
            final Command command = generator.next();
            final Map<Long, Waiting> waiting = new LinkedHashMap<>();
            for (final ReferenceEngine.Order stop : model.waitingStops())
            {
                waiting.put(stop.orderId, new Waiting(
                    stop.orderId, stop.instrumentId, stop.side, stop.orderType, stop.timeInForce, stop.stopPrice,
                    stop.selfTradePrevention));
            }
            command.applyTo(model);
            classify(counts, command, waiting, model, listener.drain());
        }
    }

    private static void classify(
        final Counts counts,
        final Command command,
        final Map<Long, Waiting> waiting,
        final ReferenceEngine model,
        final List<EngineEvent> events)
    {
        // what each trade of the command reaches, replayed from the stops that waited before it
        final Map<Long, Waiting> stillWaiting = new LinkedHashMap<>(waiting);
        final Map<Long, Waiting> triggered = new HashMap<>();
        final Map<Long, Set<Long>> triggeringPricesByTaker = new HashMap<>();
        final Set<Long> ownTakers = new HashSet<>();
        long enteringStop = 0;
        for (final EngineEvent event : events)
        {
            if (event instanceof EngineEvent.OrderAccepted e)
            {
                if (e.orderType() == OrderType.STOP || e.orderType() == OrderType.STOP_LIMIT)
                {
                    counts.add("accepted." + e.orderType());
                }
            }
            else if (event instanceof EngineEvent.OrderRejected e)
            {
                counts.add("rejected." + e.reason());
            }
            else if (event instanceof EngineEvent.ReplaceRejected e)
            {
                if (waiting.containsKey(e.orderId()))
                {
                    counts.add("replaceRejected." + e.reason());
                }
            }
            else if (event instanceof EngineEvent.InstrumentRejected e)
            {
                if (e.reason() == RejectReason.INSTRUMENT_BOOK_NOT_EMPTY && onlyStopsIn(model, e.instrumentId()))
                {
                    counts.add("instrumentRejected." + e.reason());
                }
            }
            else if (event instanceof EngineEvent.Trade e)
            {
                final List<Long> reached = new ArrayList<>();
                for (final Waiting stop : stillWaiting.values())
                {
                    if (stop.reachedBy(e))
                    {
                        reached.add(stop.orderId());
                    }
                }
                for (final long orderId : reached)
                {
                    triggered.put(orderId, stillWaiting.remove(orderId));
                }
                if (reached.size() >= 2)
                {
                    counts.add("triggered.byOneTrade.several");
                }
                if (!reached.isEmpty())
                {
                    triggeringPricesByTaker.computeIfAbsent(e.takerOrderId(), (id) -> new HashSet<>()).add(e.price());
                    if (triggered.containsKey(e.takerOrderId()))
                    {
                        counts.add("triggered.byATriggeredStop");
                    }
                    else if (command instanceof Command.ReplaceOrder || command instanceof Command.ReplaceStop)
                    {
                        counts.add("triggered.byAReplace");
                    }
                }
                if (e.takerOrderId() == enteringStop)
                {
                    counts.add("triggered." + triggered.get(enteringStop).orderType() + ".traded");
                }
            }
            else if (event instanceof EngineEvent.StopTriggered e)
            {
                counts.add("triggered");
                enteringStop = e.orderId();
                final Waiting stop = triggered.get(e.orderId());
                assertTrue(stop != null, "a stop no trade of the command reached was triggered: " + e);
                if (stop.orderType() == OrderType.STOP && collared(model, stop.instrumentId()))
                {
                    counts.add("triggered.STOP.collared");
                }
            }
            else if (event instanceof EngineEvent.OrderCancelled e)
            {
                if (e.orderId() == enteringStop && triggered.containsKey(e.orderId()))
                {
                    counts.add("triggered.cancelled." + e.reason());
                }
                if (enteringStop != 0 && e.reason() == CancelReason.SELF_TRADE)
                {
                    // the triggered stop met its own account's order: it, the maker or both cancelled
                    ownTakers.add(enteringStop);
                }
                else if (waiting.containsKey(e.orderId()) && !triggered.containsKey(e.orderId()))
                {
                    counts.add("cancelled.waiting." + e.reason());
                }
            }
            else if (event instanceof EngineEvent.OrderReduced)
            {
                if (enteringStop != 0)
                {
                    ownTakers.add(enteringStop);
                }
            }
            else if (event instanceof EngineEvent.OrderReplaced e)
            {
                if (waiting.containsKey(e.orderId()))
                {
                    counts.add("replace.waiting." + (e.priorityKept() ? "kept" : "notKept"));
                    if (e.stopPrice() != waiting.get(e.orderId()).stopPrice())
                    {
                        counts.add("replace.waiting.newStopPrice");
                    }
                }
            }
        }
        for (final Waiting stop : triggered.values())
        {
            final ReferenceEngine.Order order = model.restingOrder(stop.orderId());
            if (order != null && !order.waiting)
            {
                counts.add("triggered." + stop.orderType() + ".rested");
            }
        }
        for (final long taker : ownTakers)
        {
            counts.add("triggered.selfTrade." + triggered.get(taker).selfTradePrevention());
        }
        for (final Set<Long> prices : triggeringPricesByTaker.values())
        {
            if (prices.size() >= 2)
            {
                counts.add("triggered.byOneSweep.atSeveralPrices");
            }
        }
    }

    private static boolean collared(final ReferenceEngine model, final int instrumentId)
    {
        final ReferenceEngine.Instrument instrument = model.instrument(instrumentId);
        return instrument != null && instrument.hasCollar();
    }

    /** Nothing rests on the instrument's book: only its waiting stops refused the tick or lot change. */
    private static boolean onlyStopsIn(final ReferenceEngine model, final int instrumentId)
    {
        final ReferenceEngine.Instrument instrument = model.instrument(instrumentId);
        return instrument != null && instrument.bids.isEmpty() && instrument.asks.isEmpty();
    }
}
