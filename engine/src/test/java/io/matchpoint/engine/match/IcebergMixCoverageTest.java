package io.matchpoint.engine.match;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iceberg mixes reach what they are there for: a differential test is only as good as the cases its streams
 * reach, and a stream with no refill in it would pass against a core that never refills. Runs the mixes through the
 * {@link ReferenceEngine} alone and counts, from its events, the iceberg cases of {@code MATCHING-RULES.md}.
 */
class IcebergMixCoverageTest
{
    private static final long SEED = 1;
    private static final int COMMANDS = 30_000;

    /** What happened to icebergs over a stream. */
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

    @Test
    void icebergMixShouldRefillSweepFokOnHiddenQuantityReplaceAndRefuseDisplays()
    {
        final Counts counts = run(RandomCommands.Mix.ICEBERG);

        counts.assertAtLeast("accepted.iceberg", 2000);
        counts.assertAtLeast("refill", 1000);
        counts.assertAtLeast("refill.sameOrderTwiceInOneCommand", 50);
        counts.assertAtLeast("refill.intoEmptyHidden", 50);
        counts.assertAtLeast("fok.filledOnHiddenQuantity", 20);
        counts.assertAtLeast("fok.notFillable", 20);
        counts.assertAtLeast("rejected.INVALID_DISPLAY_QUANTITY", 50);
        counts.assertAtLeast("replace.iceberg.kept.sliceUnchanged", 20);
        counts.assertAtLeast("replace.iceberg.kept.sliceChanged", 20);
        counts.assertAtLeast("replace.iceberg.lostPriority", 50);
        counts.assertAtLeast("cancelled.iceberg.CLIENT_REQUEST", 50);
        counts.assertAtLeast("filled.iceberg", 50);
    }

    @Test
    void icebergSelfTradeMixShouldDecrementHiddenThenSliceAndCancelWholeIcebergs()
    {
        final Counts counts = run(RandomCommands.Mix.ICEBERG_SELF_TRADE);

        counts.assertAtLeast("refill", 500);
        counts.assertAtLeast("reduced.icebergMaker.hiddenOnly", 50);
        counts.assertAtLeast("reduced.icebergMaker.sliceToo", 20);
        counts.assertAtLeast("cancelled.iceberg.SELF_TRADE", 100);
        counts.assertAtLeast("fok.filledOnHiddenQuantity", 5);
    }

    @Test
    void otherMixesShouldNeverAskForAnIceberg()
    {
        // their seeds must keep the streams they had before icebergs: no display quantity, no extra draws
        for (final RandomCommands.Mix mix : RandomCommands.Mix.values())
        {
            // the stop mixes came after icebergs: they draw display quantities of their own
            if (mix == RandomCommands.Mix.ICEBERG || mix == RandomCommands.Mix.ICEBERG_SELF_TRADE || mix.stops())
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
                    assertEquals(0, order.displayQuantity(), mix + " #" + i);
                }
                command.applyTo(model);
            }
        }
    }

    private static Counts run(final RandomCommands.Mix mix)
    {
        final Counts counts = new Counts();
        final RecordingListener listener = new RecordingListener();
        final ReferenceEngine model = new ReferenceEngine(mix.config(), listener);
        final RandomCommands generator = new RandomCommands(SEED, mix, model);
        // every iceberg ever accepted, by id: ids are never reused
        final Set<Long> icebergs = new HashSet<>();
        for (int i = 0; i < COMMANDS; i++)
        {
            final Command command = generator.next();
            final long visible = command instanceof Command.NewOrder order ? visibleCrossing(model, order) : 0;
            final ReferenceEngine.Order replaced = command instanceof Command.ReplaceOrder replace ?
                model.restingOrder(replace.orderId()) : null;
            final long sliceBefore = replaced != null ? replaced.slice() : 0;
            final long leavesBefore = replaced != null ? replaced.leaves : 0;
            command.applyTo(model);
            final List<EngineEvent> events = listener.drain();
            classify(counts, icebergs, command, visible, sliceBefore, leavesBefore, model, events);
        }
        return counts;
    }

    private static void classify(
        final Counts counts,
        final Set<Long> icebergs,
        final Command command,
        final long visible,
        final long sliceBefore,
        final long leavesBefore,
        final ReferenceEngine model,
        final List<EngineEvent> events)
    {
        long takerId = command instanceof Command.ReplaceOrder replace ? replace.orderId() : 0;
        long fokQuantity = 0;
        long traded = 0;
        final Map<Long, Integer> refillsByOrder = new HashMap<>();
        for (int j = 0; j < events.size(); j++)
        {
            final EngineEvent event = events.get(j);
            if (event instanceof EngineEvent.OrderAccepted e)
            {
                takerId = e.orderId();
                if (e.displayQuantity() > 0)
                {
                    icebergs.add(e.orderId());
                    counts.add("accepted.iceberg");
                }
                if (e.timeInForce() == TimeInForce.FOK)
                {
                    fokQuantity = e.quantity();
                }
            }
            else if (event instanceof EngineEvent.OrderRejected e)
            {
                counts.add("rejected." + e.reason());
            }
            else if (event instanceof EngineEvent.Trade e)
            {
                traded += e.quantity();
                if (icebergs.contains(e.makerOrderId()) && e.makerLeavesQuantity() == 0)
                {
                    counts.add("filled.iceberg");
                }
            }
            else if (event instanceof EngineEvent.OrderRefilled e)
            {
                counts.add("refill");
                if (e.hiddenQuantity() == 0)
                {
                    counts.add("refill.intoEmptyHidden");
                }
                if (refillsByOrder.merge(e.orderId(), 1, Integer::sum) == 2)
                {
                    counts.add("refill.sameOrderTwiceInOneCommand");
                }
            }
            else if (event instanceof EngineEvent.OrderReduced e)
            {
                if (e.orderId() != takerId && icebergs.contains(e.orderId()))
                {
                    final boolean levelChanged =
                        j + 1 < events.size() && events.get(j + 1) instanceof EngineEvent.PriceLevelChanged;
                    counts.add("reduced.icebergMaker." + (levelChanged ? "sliceToo" : "hiddenOnly"));
                }
            }
            else if (event instanceof EngineEvent.OrderCancelled e)
            {
                if (e.reason() == CancelReason.FOK_NOT_FILLABLE)
                {
                    counts.add("fok.notFillable");
                }
                if (icebergs.contains(e.orderId()) && e.orderId() != takerId)
                {
                    counts.add("cancelled.iceberg." + e.reason());
                }
            }
            else if (event instanceof EngineEvent.OrderReplaced e)
            {
                if (icebergs.contains(e.orderId()))
                {
                    if (!e.priorityKept())
                    {
                        counts.add("replace.iceberg.lostPriority");
                    }
                    else if (e.leavesQuantity() != leavesBefore)
                    {
                        final boolean changed = slice(model, e.orderId()) != sliceBefore;
                        counts.add("replace.iceberg.kept." + (changed ? "sliceChanged" : "sliceUnchanged"));
                    }
                }
            }
        }
        if (fokQuantity > 0 && traded == fokQuantity && fokQuantity > visible)
        {
            counts.add("fok.filledOnHiddenQuantity");
        }
    }

    /** What the opposite side shows at prices the order may trade at (every price for a market order). */
    private static long visibleCrossing(final ReferenceEngine model, final Command.NewOrder order)
    {
        final DifferentialHarness.BookSnapshot book = new DifferentialHarness.BookSnapshot();
        model.visitBook(order.instrumentId(), book);
        long visible = 0;
        for (final Object entry : book.entries)
        {
            if (entry instanceof DifferentialHarness.LevelEntry level && level.side() != order.side() &&
                (order.orderType() == OrderType.MARKET ||
                (order.side() == Side.BUY ? level.price() <= order.price() : level.price() >= order.price())))
            {
                visible += level.totalQuantity();
            }
        }
        return visible;
    }

    /** The slice a resting order shows, or -1 once it no longer rests. */
    private static long slice(final ReferenceEngine model, final long orderId)
    {
        final ReferenceEngine.Order order = model.restingOrder(orderId);
        return order == null ? -1 : order.slice();
    }
}
