package io.matchpoint.feed;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.md.InstrumentDefinitionDecoder;
import io.matchpoint.codec.md.InstrumentDefinitionEncoder;
import io.matchpoint.codec.md.LevelUpdateDecoder;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.OrderAddDecoder;
import io.matchpoint.codec.md.OrderDeleteDecoder;
import io.matchpoint.codec.md.OrderExecutedDecoder;
import io.matchpoint.codec.md.OrderReducedDecoder;
import io.matchpoint.codec.md.TradeDecoder;
import io.matchpoint.codec.md.TradingStatus;
import io.matchpoint.codec.md.TradingStatusUpdateDecoder;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.match.OrderIdScheme;

/**
 * The market data agent's own copy of every book, built from the feed's messages alone (never from the matcher's
 * books), so that it can publish snapshots: each instrument's last definition and status, its levels as the
 * INCREMENTAL channel gave them, its resting orders in priority as the ORDERS channel gave them, and the last rptSeq
 * of each channel applied. The two depths are kept apart, each in step with its own channel: a ring batch may end
 * between a command's ORDERS and INCREMENTAL messages, and a snapshot taken there must still be exact for each.
 * <p>
 * It is kept in the core's own book structures: a copy of each resting order lives at the pool slot its exchange id
 * carries ({@link OrderIdScheme}, {@code MATCHING-RULES.md} "Units and ids"), so no hash map is needed to find one;
 * levels live in {@link PriceLevelPool}s (the INCREMENTAL copy's hold only totals) and each side's ladder in a
 * {@link PriceLadder}. Sized as the engine is, it never grows. The market data agent's thread only; allocates nothing
 * but an instrument's ladders when the instrument is first defined.
 */
final class ShadowBooks
{
    static final int NONE = -1;
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final OrderIdScheme ids;
    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final PriceLevelPool totals;
    private final int ticksPerBook;
    private final Int2IntHashMap indexById;
    private final int[] instrumentIds;
    private final PriceLadder[] ladders;
    private final PriceLadder[] totalLadders;
    private final long[] incrementalRptSeq;
    private final long[] ordersRptSeq;
    private final boolean[] halted;
    private final UnsafeBuffer definitions;
    private final int[] definitionLengths;
    private int instrumentCount;
    private long lastIncrementalSequence;
    private long lastOrdersSequence;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final InstrumentDefinitionEncoder definitionEncoder = new InstrumentDefinitionEncoder();
    private final TradingStatusUpdateDecoder status = new TradingStatusUpdateDecoder();
    private final LevelUpdateDecoder levelUpdate = new LevelUpdateDecoder();
    private final OrderAddDecoder orderAdd = new OrderAddDecoder();
    private final OrderExecutedDecoder orderExecuted = new OrderExecutedDecoder();
    private final OrderReducedDecoder orderReduced = new OrderReducedDecoder();
    private final OrderDeleteDecoder orderDelete = new OrderDeleteDecoder();

    /**
     * @param maxOrders      the engine's order capacity (the exchange ids' slot layout depends on it).
     * @param maxPriceLevels the engine's price level capacity.
     * @param maxInstruments the engine's instrument capacity.
     * @param ticksPerBook   the engine's ladder length.
     */
    ShadowBooks(final int maxOrders, final int maxPriceLevels, final int maxInstruments, final int ticksPerBook)
    {
        ids = new OrderIdScheme(maxOrders);
        orders = new OrderPool(maxOrders);
        levels = new PriceLevelPool(maxPriceLevels);
        totals = new PriceLevelPool(maxPriceLevels);
        this.ticksPerBook = ticksPerBook;
        indexById = new Int2IntHashMap(maxInstruments * 2, Hashing.DEFAULT_LOAD_FACTOR, NONE);
        instrumentIds = new int[maxInstruments];
        ladders = new PriceLadder[2 * maxInstruments];
        totalLadders = new PriceLadder[2 * maxInstruments];
        incrementalRptSeq = new long[maxInstruments];
        ordersRptSeq = new long[maxInstruments];
        halted = new boolean[maxInstruments];
        definitions = new UnsafeBuffer(new byte[maxInstruments * io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH]);
        definitionLengths = new int[maxInstruments];
    }

    int instrumentCount()
    {
        return instrumentCount;
    }

    int instrumentId(final int index)
    {
        return instrumentIds[index];
    }

    long incrementalRptSeq(final int index)
    {
        return incrementalRptSeq[index];
    }

    long ordersRptSeq(final int index)
    {
        return ordersRptSeq[index];
    }

    boolean halted(final int index)
    {
        return halted[index];
    }

    void halted(final int index, final boolean isHalted)
    {
        halted[index] = isHalted;
    }

    long lastIncrementalSequence()
    {
        return lastIncrementalSequence;
    }

    long lastOrdersSequence()
    {
        return lastOrdersSequence;
    }

    /**
     * Where the books stand when the agent starts: the channels' last sequences as the matcher's state says.
     */
    void sequences(final long lastIncrementalSequence, final long lastOrdersSequence)
    {
        this.lastIncrementalSequence = lastIncrementalSequence;
        this.lastOrdersSequence = lastOrdersSequence;
    }

    /**
     * Where an instrument stands when the agent starts: its rptSeqs as the matcher's state says.
     */
    void rptSeqs(final int instrumentId, final long incremental, final long ordersChannel)
    {
        final int index = indexById.get(instrumentId);
        if (index != NONE)
        {
            incrementalRptSeq[index] = incremental;
            ordersRptSeq[index] = ordersChannel;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Applying the feed
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Applies one INCREMENTAL message with its channel sequence.
     */
    void onIncremental(final long sequence, final DirectBuffer buffer, final int length)
    {
        lastIncrementalSequence = sequence;
        header.wrap(buffer, 0);
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
            {
                definition.wrap(buffer, body, header.blockLength(), header.version());
                final int index = define(definition.instrumentId(), definition.tickSize(), buffer, length);
                incrementalRptSeq[index] = definition.rptSeq();
                halted[index] = definition.status() == TradingStatus.HALTED;
            }
            case TradingStatusUpdateDecoder.TEMPLATE_ID ->
            {
                status.wrap(buffer, body, header.blockLength(), header.version());
                final int index = indexById.get(status.instrumentId());
                if (index == NONE)
                {
                    return; // only messages of instruments the feed defined reach here: never
                }
                incrementalRptSeq[index] = status.rptSeq();
                halted[index] = status.status() == TradingStatus.HALTED;
            }
            case LevelUpdateDecoder.TEMPLATE_ID ->
            {
                levelUpdate.wrap(buffer, body, header.blockLength(), header.version());
                final int index = indexById.get(levelUpdate.instrumentId());
                if (index == NONE)
                {
                    return;
                }
                incrementalRptSeq[index] = levelUpdate.rptSeq();
                total(index, levelUpdate.side() == io.matchpoint.codec.md.Side.BUY ? BIDS : ASKS, levelUpdate.price(),
                    levelUpdate.quantity(), levelUpdate.orderCount());
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                // instrument id then rptSeq lead every instrument message of the schema
                final int index = indexById.get(buffer.getInt(body, java.nio.ByteOrder.LITTLE_ENDIAN));
                if (index == NONE)
                {
                    return;
                }
                incrementalRptSeq[index] = buffer.getLong(body + 4, java.nio.ByteOrder.LITTLE_ENDIAN);
            }
            default ->
            {
            }
        }
    }

    /**
     * Applies one ORDERS message with its channel sequence.
     */
    void onOrders(final long sequence, final DirectBuffer buffer)
    {
        lastOrdersSequence = sequence;
        header.wrap(buffer, 0);
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case OrderAddDecoder.TEMPLATE_ID ->
            {
                orderAdd.wrap(buffer, body, header.blockLength(), header.version());
                final int index = indexById.get(orderAdd.instrumentId());
                if (index == NONE)
                {
                    return;
                }
                ordersRptSeq[index] = orderAdd.rptSeq();
                add(index, orderAdd.side() == io.matchpoint.codec.md.Side.BUY ? BIDS : ASKS, orderAdd.orderId(),
                    orderAdd.price(), orderAdd.quantity());
            }
            case OrderExecutedDecoder.TEMPLATE_ID ->
            {
                orderExecuted.wrap(buffer, body, header.blockLength(), header.version());
                rptSeq(orderExecuted.instrumentId(), orderExecuted.rptSeq());
                leaves(orderExecuted.orderId(), orderExecuted.leavesQuantity());
            }
            case OrderReducedDecoder.TEMPLATE_ID ->
            {
                orderReduced.wrap(buffer, body, header.blockLength(), header.version());
                rptSeq(orderReduced.instrumentId(), orderReduced.rptSeq());
                leaves(orderReduced.orderId(), orderReduced.leavesQuantity());
            }
            case OrderDeleteDecoder.TEMPLATE_ID ->
            {
                orderDelete.wrap(buffer, body, header.blockLength(), header.version());
                rptSeq(orderDelete.instrumentId(), orderDelete.rptSeq());
                leaves(orderDelete.orderId(), 0);
            }
            default ->
            {
            }
        }
    }

    private void rptSeq(final int instrumentId, final long rptSeq)
    {
        final int index = indexById.get(instrumentId);
        if (index != NONE)
        {
            ordersRptSeq[index] = rptSeq;
        }
    }

    /**
     * Defines (or redefines) an instrument from its definition message, which is kept for snapshots.
     *
     * @return its index.
     */
    int define(final int instrumentId, final long tickSize, final DirectBuffer message, final int length)
    {
        int index = indexById.get(instrumentId);
        if (index == NONE)
        {
            index = instrumentCount++;
            indexById.put(instrumentId, index);
            instrumentIds[index] = instrumentId;
            ladders[2 * index + BIDS] = new PriceLadder(true, ticksPerBook, levels);
            ladders[2 * index + ASKS] = new PriceLadder(false, ticksPerBook, levels);
            totalLadders[2 * index + BIDS] = new PriceLadder(true, ticksPerBook, totals);
            totalLadders[2 * index + ASKS] = new PriceLadder(false, ticksPerBook, totals);
        }
        for (int side = BIDS; side <= ASKS; side++)
        {
            // the core changes a tick only while the book is empty
            if (ladders[2 * index + side].isEmpty())
            {
                ladders[2 * index + side].tickSize(tickSize);
            }
            if (totalLadders[2 * index + side].isEmpty())
            {
                totalLadders[2 * index + side].tickSize(tickSize);
            }
        }
        final int at = index * io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH;
        definitions.putBytes(at, message, 0, length);
        definitionLengths[index] = length;
        return index;
    }

    /**
     * Seeds a resting order (at start-up, from the recovered book) or applies an OrderAdd.
     */
    void add(final int index, final int side, final long orderId, final long price, final long quantity)
    {
        final int slot = ids.slot(orderId);
        final PriceLadder ladder = ladders[2 * index + side];
        int level = ladder.level(price);
        if (level == NONE)
        {
            level = levels.allocate(price);
            ladder.add(price, level);
        }
        orders.orderId(slot, orderId);
        orders.instrumentIndex(slot, index);
        orders.side(slot, side);
        orders.price(slot, price);
        orders.leaves(slot, quantity);
        levels.append(level, slot, quantity, orders);
    }

    /**
     * Seeds a level (at start-up, from the recovered book) or applies a LevelUpdate: its totals, gone at 0 orders.
     */
    void total(final int index, final int side, final long price, final long quantity, final int orderCount)
    {
        final PriceLadder ladder = totalLadders[2 * index + side];
        int level = ladder.level(price);
        if (orderCount == 0)
        {
            if (level != NONE)
            {
                ladder.remove(price);
                totals.free(level);
            }
            return;
        }
        if (level == NONE)
        {
            level = totals.allocate(price);
            ladder.add(price, level);
        }
        totals.aggregate(level, quantity, orderCount);
    }

    int indexOf(final int instrumentId)
    {
        return indexById.get(instrumentId);
    }

    private void leaves(final long orderId, final long leaves)
    {
        final int slot = ids.slot(orderId);
        if (slot == NONE || orders.orderId(slot) != orderId)
        {
            return; // not a resting order this copy knows: the feed and the copy come from one stream, so never
        }
        final int level = orders.level(slot);
        final long before = orders.leaves(slot);
        if (leaves > 0)
        {
            orders.leaves(slot, leaves);
            levels.reduce(level, before - leaves);
            return;
        }
        levels.unlink(level, slot, before, orders);
        orders.orderId(slot, 0);
        if (levels.orderCount(level) == 0)
        {
            ladders[2 * orders.instrumentIndex(slot) + orders.side(slot)].remove(levels.price(level));
            levels.free(level);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading for snapshots
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Copies the instrument's last definition into {@code target} at 0, with rptSeq 0 (as a snapshot carries it) and
     * its current status.
     *
     * @return its length, 0 if the instrument was never defined through the feed.
     */
    int definition(final int index, final MutableDirectBuffer target)
    {
        final int length = definitionLengths[index];
        if (length == 0)
        {
            return 0;
        }
        target.putBytes(0, definitions, index * io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH, length);
        header.wrap(target, 0);
        definitionEncoder.wrap(target, MessageHeaderDecoder.ENCODED_LENGTH)
            .rptSeq(0)
            .status(halted[index] ? TradingStatus.HALTED : TradingStatus.TRADING);
        return length;
    }

    /**
     * @return the side's ladder of levels with their orders (the ORDERS channel's copy).
     */
    PriceLadder ladder(final int index, final int side)
    {
        return ladders[2 * index + side];
    }

    PriceLevelPool levels()
    {
        return levels;
    }

    /**
     * @return the side's ladder of level totals (the INCREMENTAL channel's copy).
     */
    PriceLadder totalLadder(final int index, final int side)
    {
        return totalLadders[2 * index + side];
    }

    PriceLevelPool totals()
    {
        return totals;
    }

    OrderPool orders()
    {
        return orders;
    }
}
