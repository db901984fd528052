package io.matchpoint.engine.service;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.matchpoint.codec.md.DeleteReason;
import io.matchpoint.codec.md.InstrumentDefinitionEncoder;
import io.matchpoint.codec.md.LevelUpdateEncoder;
import io.matchpoint.codec.md.MessageHeaderEncoder;
import io.matchpoint.codec.md.OrderAddEncoder;
import io.matchpoint.codec.md.OrderDeleteEncoder;
import io.matchpoint.codec.md.OrderExecutedEncoder;
import io.matchpoint.codec.md.OrderReducedEncoder;
import io.matchpoint.codec.md.TradeEncoder;
import io.matchpoint.codec.md.TradingStatus;
import io.matchpoint.codec.md.TradingStatusUpdateEncoder;
import io.matchpoint.codec.md.UpdateAction;
import io.matchpoint.engine.match.OrderIdScheme;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns what the core reports into the public market data messages ({@code market-data-schema.xml}): price levels,
 * trades, trading status and definitions on the INCREMENTAL channel, the order-by-order view on the ORDERS channel.
 * Each message goes out through the {@link Egress} addressed to its channel ({@link Egress#TARGET_MD_INCREMENTAL},
 * {@link Egress#TARGET_MD_ORDERS}) with its channel sequence as the target id and event sequence 0: it is no
 * session's and stays out of the event journal, because the command journal alone decides it.
 * <p>
 * The sequence numbers (each channel's, and each instrument's rptSeq on each channel) are part of the service's
 * deterministic state: they advance for every message whether or not it is published ({@link #publishing}), are
 * saved with the service's state, and so continue after a restart exactly where the journal says.
 * <p>
 * The core reports levels and execution reports, not "this order now rests". What rests is read from the order of the
 * core's events, as {@code MATCHING-RULES.md} fixes it: an order accepted (or replaced without keeping priority) is
 * the command's taker; the only change to a level on the taker's own side, at its price, while it matches is its
 * resting there, since matching changes the other side only. A replace that loses priority first leaves its level
 * (its next level change), and that change is not a rest even at the same price. Cancels and reductions of the taker
 * concern an order not on the book; of any other order, a resting one.
 * <p>
 * A stop order is no taker when it is accepted: it waits off the book, so nothing of its acceptance, replaces or
 * cancel reaches the ORDERS channel. The proxy keeps, at its slot, that it waits and what it will be once triggered
 * (its price, quantity and whether it may rest), since {@code onStopTriggered} says none of that; at that event it
 * becomes the taker, as an accepted order does, and what it leaves rests or is cancelled like any taker's.
 * <p>
 * An iceberg shows its slice only, never its hidden part: the core's execution reports give whole-order leaves, so
 * the proxy keeps, at each resting order's pool slot (its id carries it), the display quantity and the shown and
 * hidden parts, as the rules page's "Iceberg orders" moves them. A maker fill is an execution of the slice; a refill
 * is the slice executed to 0 (OrderExecuted, leaves 0), then the new slice added at the back of the level (OrderAdd,
 * same id); a reduction that takes only hidden quantity publishes nothing on the ORDERS channel.
 * <p>
 * Matcher thread only; allocates nothing.
 */
final class MarketDataProxy
{
    private static final int NONE = -1;
    /** No taker in the current command, or its part in the book is settled. */
    private static final int NO_TAKER = 0;
    /** A replace that lost priority: its next level change is its leaving the old level. */
    private static final int TAKER_LEAVING = 1;
    /** Matching: a change to its own side at its price is its resting there. */
    private static final int TAKER_MATCHING = 2;

    /** The fields of {@link #bySlot}, by offset in a slot's row (48 bytes a slot: 48 MiB for a million orders). */
    private static final int SLOT_FIELDS = 6;
    private static final int DISPLAY = 0;
    private static final int SHOWN = 1;
    private static final int HIDDEN = 2;
    private static final int WAITING = 3;
    private static final int WAITING_PRICE = 4;
    private static final int WAITING_QUANTITY = 5;
    /** A slot's order is not a waiting stop: on the book, a taker, or gone. */
    private static final byte NOT_WAITING = 0;
    /** A waiting stop that will not rest once triggered: a STOP (a market order then), or an IOC or FOK STOP_LIMIT. */
    private static final byte WAITING_TO_TAKE = 1;
    /** A waiting GTC STOP_LIMIT: once triggered, what it does not fill rests at its price. */
    private static final byte WAITING_MAY_REST = 2;

    private final InstrumentDirectory instruments;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final TradingStatusUpdateEncoder tradingStatus = new TradingStatusUpdateEncoder();
    private final LevelUpdateEncoder levelUpdate = new LevelUpdateEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final OrderAddEncoder orderAdd = new OrderAddEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderReducedEncoder orderReduced = new OrderReducedEncoder();
    private final OrderDeleteEncoder orderDelete = new OrderDeleteEncoder();

    /** By instrument index: the last rptSeq sent on each channel. */
    private final long[] incrementalRptSeq;
    private final long[] ordersRptSeq;
    private long lastIncrementalSequence;
    private long lastOrdersSequence;

    private Egress egress;
    private boolean publishing;
    private long commandSequence;
    private long timestampNs;
    private int cachedInstrumentId;
    private int cachedInstrumentIndex = NONE;

    private int takerState = NO_TAKER;
    private boolean takerMayRest;
    private long takerOrderId;
    private int takerInstrumentId;
    private Side takerSide;
    private long takerPrice;
    private long takerLeaves;
    /** The taker's display quantity: above 0 for an iceberg, which rests with a slice of it. */
    private long takerDisplay;
    /** A replace that kept priority and may have shrunk the order: told at its level change, if there is one. */
    private long reducedOrderId;
    private long reducedLeaves;

    /** Where a resting order's id says its slot is; null until {@link #orderCapacity}. */
    private OrderIdScheme ids;
    /**
     * By pool slot, {@link #SLOT_FIELDS} longs in a row, so what the proxy keeps of one order shares a cache line or
     * two rather than taking one per field: the display quantity (0 for an order that is not an iceberg), an iceberg's shown
     * slice and hidden part (written when an order takes the slot and whenever it rests, so a slot's last occupant
     * never speaks for the next), and while a stop order waits there (written at its acceptance, its replaces or a
     * restart; cleared at its trigger or cancel) {@link #WAITING_TO_TAKE} or {@link #WAITING_MAY_REST}, its limit
     * price and its quantity.
     */
    private long[] bySlot;

    MarketDataProxy(final Egress egress, final InstrumentDirectory instruments)
    {
        this.egress = egress;
        this.instruments = instruments;
        incrementalRptSeq = new long[instruments.capacity()];
        ordersRptSeq = new long[instruments.capacity()];
    }

    /**
     * Sizes the per-order table for the core's order pool; once, before the first command (it allocates).
     *
     * @param maxOrders the core's order capacity, which fixes its ids' slot layout.
     */
    void orderCapacity(final int maxOrders)
    {
        ids = new OrderIdScheme(maxOrders);
        bySlot = new long[maxOrders * SLOT_FIELDS];
    }

    /**
     * A resting iceberg as a recovered core holds it, so that the proxy goes on showing its slice only.
     */
    void restingIceberg(final long orderId, final long display, final long shown, final long hidden)
    {
        final int slot = ids.slot(orderId);
        bySlot[slot * SLOT_FIELDS + DISPLAY] = display;
        bySlot[slot * SLOT_FIELDS + SHOWN] = shown;
        bySlot[slot * SLOT_FIELDS + HIDDEN] = hidden;
    }

    /**
     * A waiting stop order as a recovered core holds it, so that its trigger makes it the taker it would have been.
     */
    void waitingStop(
        final long orderId,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        waiting(ids.slot(orderId), orderType, timeInForce, price, quantity);
    }

    void egress(final Egress egress)
    {
        this.egress = egress;
    }

    /**
     * @param publishing whether messages go to the egress; the sequence numbers advance either way.
     */
    void publishing(final boolean publishing)
    {
        this.publishing = publishing;
    }

    /**
     * Starts a command: what follows is caused by it.
     */
    void command(final long commandSequence, final long timestampNs)
    {
        this.commandSequence = commandSequence;
        this.timestampNs = timestampNs;
        takerState = NO_TAKER;
        reducedOrderId = 0;
    }

    long lastIncrementalSequence()
    {
        return lastIncrementalSequence;
    }

    long lastOrdersSequence()
    {
        return lastOrdersSequence;
    }

    long incrementalRptSeq(final int instrumentIndex)
    {
        return incrementalRptSeq[instrumentIndex];
    }

    long ordersRptSeq(final int instrumentIndex)
    {
        return ordersRptSeq[instrumentIndex];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Core events, as the event proxy hears them
    // ---------------------------------------------------------------------------------------------------------------

    void onInstrumentDefined(final int index)
    {
        final long rptSeq = ++incrementalRptSeq[index];
        final long sequence = ++lastIncrementalSequence;
        if (publishing)
        {
            final int length = definition(index, rptSeq, claim(Egress.TARGET_MD_INCREMENTAL, sequence));
            egress.publish(length);
        }
    }

    /**
     * Encodes the instrument's definition message (header included) at 0 of {@code buffer}.
     *
     * @return its length.
     */
    int definition(final int index, final long rptSeq, final org.agrona.MutableDirectBuffer buffer)
    {
        definition.wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instruments.id(index))
            .rptSeq(rptSeq)
            .transactTime(timestampNs)
            .putSymbol(instruments.symbols(), index * InstrumentDirectory.SYMBOL_LENGTH)
            .priceDecimals((short)instruments.priceDecimals(index))
            .status(instruments.halted(index) ? TradingStatus.HALTED : TradingStatus.TRADING)
            .tickSize(instruments.tickSize(index))
            .lotSize(instruments.lotSize(index))
            .minQuantity(instruments.minQuantity(index))
            .maxQuantity(instruments.maxQuantity(index))
            .lowPrice(instruments.lowPrice(index))
            .highPrice(instruments.highPrice(index));
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    void onTradingStatusChanged(final int instrumentId, final boolean halted)
    {
        final long rptSeq = ++incrementalRptSeq[index(instrumentId)];
        final long sequence = ++lastIncrementalSequence;
        if (publishing)
        {
            tradingStatus.wrapAndApplyHeader(claim(Egress.TARGET_MD_INCREMENTAL, sequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(rptSeq)
                .transactTime(timestampNs)
                .status(halted ? TradingStatus.HALTED : TradingStatus.TRADING);
            publish(tradingStatus.encodedLength());
        }
    }

    void onOrderAccepted(
        final long orderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long stopPrice)
    {
        final int slot = ids.slot(orderId);
        if (slot != NONE)
        {
            // from now on the slot speaks for this order, whether it rests or waits off the book (a stop)
            bySlot[slot * SLOT_FIELDS + DISPLAY] = displayQuantity;
            bySlot[slot * SLOT_FIELDS + SHOWN] = 0;
            bySlot[slot * SLOT_FIELDS + HIDDEN] = 0;
            bySlot[slot * SLOT_FIELDS + WAITING] = NOT_WAITING;
        }
        if (orderType == OrderType.STOP || orderType == OrderType.STOP_LIMIT)
        {
            // no taker: it waits off the book with no other event, until onStopTriggered makes it one
            waiting(slot, orderType, timeInForce, price, quantity);
            takerState = NO_TAKER;
            return;
        }
        taker(orderId, instrumentId, side, price, quantity, TAKER_MATCHING);
        takerMayRest = orderType == OrderType.LIMIT && timeInForce == TimeInForce.GTC;
        takerDisplay = displayQuantity;
    }

    /**
     * A waiting stop order is entered: from here it is the command's taker, as a new order of its kind with what
     * its acceptance or last replace left it (never an iceberg), whose remainder may rest.
     */
    void onStopTriggered(final long orderId, final int instrumentId, final Side side)
    {
        final int slot = ids.slot(orderId);
        final int row = slot * SLOT_FIELDS;
        taker(orderId, instrumentId, side, bySlot[row + WAITING_PRICE], bySlot[row + WAITING_QUANTITY], TAKER_MATCHING);
        takerMayRest = bySlot[slot * SLOT_FIELDS + WAITING] == WAITING_MAY_REST;
        bySlot[slot * SLOT_FIELDS + WAITING] = NOT_WAITING;
    }

    void onOrderReplaced(
        final long orderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long leavesQuantity,
        final boolean priorityKept,
        final long stopPrice)
    {
        final int slot = ids.slot(orderId);
        if (bySlot[slot * SLOT_FIELDS + WAITING] != NOT_WAITING)
        {
            // off the book, kept place or not: only what it will be once triggered changes
            bySlot[slot * SLOT_FIELDS + WAITING_PRICE] = price;
            bySlot[slot * SLOT_FIELDS + WAITING_QUANTITY] = leavesQuantity;
            return;
        }
        if (priorityKept)
        {
            if (bySlot[slot * SLOT_FIELDS + DISPLAY] == 0)
            {
                reducedOrderId = orderId; // told at its level change, the sign that the quantity changed
                reducedLeaves = leavesQuantity;
            }
            else if (reduceIceberg(slot, leavesQuantity))
            {
                reducedOrderId = orderId;
                reducedLeaves = bySlot[slot * SLOT_FIELDS + SHOWN];
            }
            return;
        }
        orderDelete(orderId, instrumentId, DeleteReason.REPLACED);
        taker(orderId, instrumentId, side, price, leavesQuantity, TAKER_LEAVING);
        takerMayRest = true;
        // it never changes: the replaced iceberg rests with a slice again
        takerDisplay = bySlot[slot * SLOT_FIELDS + DISPLAY];
    }

    /**
     * A resting order's slice was all traded and a new one is shown at the back of its level: to a subscriber, the
     * old slice executed away (the OrderExecuted of {@link #onTrade} said leaves 0) and a new order under the same id.
     */
    void onOrderRefilled(
        final long orderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long displayedQuantity,
        final long hiddenQuantity)
    {
        final int slot = ids.slot(orderId);
        bySlot[slot * SLOT_FIELDS + SHOWN] = displayedQuantity;
        bySlot[slot * SLOT_FIELDS + HIDDEN] = hiddenQuantity;
        orderAdd(instrumentId, side, orderId, price, displayedQuantity);
    }

    void onTrade(
        final long tradeId,
        final int instrumentId,
        final Side aggressorSide,
        final long price,
        final long quantity,
        final long takerLeavesQuantity,
        final long makerOrderId,
        final long makerLeavesQuantity)
    {
        takerLeaves = takerLeavesQuantity;
        final long makerShownLeaves = shownAfterFill(makerOrderId, makerLeavesQuantity);
        final int index = index(instrumentId);
        final long tradeRptSeq = ++incrementalRptSeq[index];
        final long tradeSequence = ++lastIncrementalSequence;
        final long executedRptSeq = ++ordersRptSeq[index];
        final long executedSequence = ++lastOrdersSequence;
        if (publishing)
        {
            trade.wrapAndApplyHeader(claim(Egress.TARGET_MD_INCREMENTAL, tradeSequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(tradeRptSeq)
                .transactTime(timestampNs)
                .aggressorSide(toWire(aggressorSide))
                .tradeId(tradeId)
                .price(price)
                .quantity(quantity);
            publish(trade.encodedLength());
            orderExecuted.wrapAndApplyHeader(claim(Egress.TARGET_MD_ORDERS, executedSequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(executedRptSeq)
                .transactTime(timestampNs)
                .orderId(makerOrderId)
                .tradeId(tradeId)
                .price(price)
                .quantity(quantity)
                .leavesQuantity(makerShownLeaves);
            publish(orderExecuted.encodedLength());
        }
    }

    void onOrderCancelled(final long orderId, final int instrumentId)
    {
        if (takerState != NO_TAKER && orderId == takerOrderId)
        {
            takerState = NO_TAKER; // what the taker could not fill, or self-trade prevention took: never on the book
            return;
        }
        final int slot = ids.slot(orderId);
        if (slot != NONE && bySlot[slot * SLOT_FIELDS + WAITING] != NOT_WAITING)
        {
            bySlot[slot * SLOT_FIELDS + WAITING] = NOT_WAITING; // a waiting stop: never on the book
            return;
        }
        orderDelete(orderId, instrumentId, DeleteReason.CANCELLED);
    }

    void onOrderReduced(final long orderId, final int instrumentId, final long leavesQuantity)
    {
        if (takerState != NO_TAKER && orderId == takerOrderId)
        {
            takerLeaves = leavesQuantity;
            return;
        }
        final int slot = ids.slot(orderId);
        if (bySlot[slot * SLOT_FIELDS + DISPLAY] == 0)
        {
            orderReduced(orderId, instrumentId, leavesQuantity);
        }
        else if (reduceIceberg(slot, leavesQuantity))
        {
            orderReduced(orderId, instrumentId, bySlot[slot * SLOT_FIELDS + SHOWN]);
        }
    }

    void onPriceLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        boolean rested = false;
        if (takerState != NO_TAKER && side == takerSide && instrumentId == takerInstrumentId)
        {
            if (takerState == TAKER_LEAVING)
            {
                takerState = TAKER_MATCHING; // the replaced order leaving its old level
            }
            else if (price == takerPrice && takerMayRest)
            {
                rested = true;
                takerState = NO_TAKER;
                rest(instrumentId, side, price);
            }
        }
        else if (reducedOrderId != 0)
        {
            orderReduced(reducedOrderId, instrumentId, reducedLeaves);
            reducedOrderId = 0;
        }

        final long rptSeq = ++incrementalRptSeq[index(instrumentId)];
        final long sequence = ++lastIncrementalSequence;
        if (publishing)
        {
            final UpdateAction action = orderCount == 0 ? UpdateAction.DELETE :
                rested && orderCount == 1 ? UpdateAction.NEW : UpdateAction.CHANGE;
            levelUpdate.wrapAndApplyHeader(claim(Egress.TARGET_MD_INCREMENTAL, sequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(rptSeq)
                .transactTime(timestampNs)
                .side(toWire(side))
                .action(action)
                .orderCount(orderCount)
                .price(price)
                .quantity(totalQuantity);
            publish(levelUpdate.encodedLength());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Writes the channels' last sequences and each defined instrument's last rptSeqs.
     */
    void saveState(final DataOutput out) throws IOException
    {
        out.writeLong(lastIncrementalSequence);
        out.writeLong(lastOrdersSequence);
        final int count = instruments.count();
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(incrementalRptSeq[i]);
            out.writeLong(ordersRptSeq[i]);
        }
    }

    /**
     * @return what {@link #saveState} wrote, checked against the number of instruments the state defines, as
     * {@code [lastIncrementalSequence, lastOrdersSequence, incremental rptSeq 0, orders rptSeq 0, ...]}.
     */
    static long[] readState(final DataInput in, final int instrumentCount) throws IOException
    {
        final long lastIncremental = in.readLong();
        final long lastOrders = in.readLong();
        final int count = in.readInt();
        if (count != instrumentCount || lastIncremental < 0 || lastOrders < 0)
        {
            throw new IllegalStateException("bad market data state: " + count + " instruments where the core has " +
                instrumentCount + ", last sequences " + lastIncremental + " and " + lastOrders);
        }
        final long[] state = new long[2 + 2 * count];
        state[0] = lastIncremental;
        state[1] = lastOrders;
        for (int i = 2; i < state.length; i++)
        {
            final long rptSeq = in.readLong();
            if (rptSeq < 0 || rptSeq > (i % 2 == 0 ? lastIncremental : lastOrders))
            {
                throw new IllegalStateException("bad market data state: rptSeq " + rptSeq + " of instrument index " +
                    (i - 2) / 2 + " beyond its channel's last sequence");
            }
            state[i] = rptSeq;
        }
        return state;
    }

    /**
     * @param state from {@link #readState}, into a proxy that has counted nothing yet.
     */
    void loadState(final long[] state)
    {
        lastIncrementalSequence = state[0];
        lastOrdersSequence = state[1];
        for (int i = 0, count = (state.length - 2) / 2; i < count; i++)
        {
            incrementalRptSeq[i] = state[2 + 2 * i];
            ordersRptSeq[i] = state[3 + 2 * i];
        }
    }

    boolean hasCountedNothing()
    {
        return lastIncrementalSequence == 0 && lastOrdersSequence == 0;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void taker(
        final long orderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final int state)
    {
        takerState = state;
        takerOrderId = orderId;
        takerInstrumentId = instrumentId;
        takerSide = side;
        takerPrice = price;
        takerLeaves = quantity;
        takerDisplay = 0; // an iceberg's caller says so after
    }

    private void waiting(
        final int slot, final OrderType orderType, final TimeInForce timeInForce, final long price, final long quantity)
    {
        bySlot[slot * SLOT_FIELDS + WAITING] = orderType == OrderType.STOP_LIMIT && timeInForce == TimeInForce.GTC ?
            WAITING_MAY_REST : WAITING_TO_TAKE;
        bySlot[slot * SLOT_FIELDS + WAITING_PRICE] = price;
        bySlot[slot * SLOT_FIELDS + WAITING_QUANTITY] = quantity;
    }

    /**
     * The taker rests with what it has left: all of it, or an iceberg's first slice.
     */
    private void rest(final int instrumentId, final Side side, final long price)
    {
        final int slot = ids.slot(takerOrderId);
        final long shown = takerDisplay == 0 ? takerLeaves : Math.min(takerDisplay, takerLeaves);
        bySlot[slot * SLOT_FIELDS + DISPLAY] = takerDisplay;
        bySlot[slot * SLOT_FIELDS + SHOWN] = shown;
        bySlot[slot * SLOT_FIELDS + HIDDEN] = takerLeaves - shown;
        orderAdd(instrumentId, side, takerOrderId, price, shown);
    }

    /**
     * @return what a maker shows after a fill that left it {@code leaves} in all: an iceberg's hidden part stays
     * until a refill, so it is out of the slice's leaves (0 when the slice is all traded and a refill follows).
     */
    private long shownAfterFill(final long orderId, final long leaves)
    {
        final int slot = ids.slot(orderId);
        if (bySlot[slot * SLOT_FIELDS + DISPLAY] == 0)
        {
            return leaves;
        }
        final long shown = leaves - bySlot[slot * SLOT_FIELDS + HIDDEN];
        bySlot[slot * SLOT_FIELDS + SHOWN] = shown;
        return shown;
    }

    /**
     * A resting iceberg now has {@code leaves} in all: the reduction came out of its hidden part first, then its
     * slice.
     *
     * @return whether the slice changed (what the ORDERS channel shows).
     */
    private boolean reduceIceberg(final int slot, final long leaves)
    {
        final long shownBefore = bySlot[slot * SLOT_FIELDS + SHOWN];
        final long shown = Math.min(shownBefore, leaves);
        bySlot[slot * SLOT_FIELDS + SHOWN] = shown;
        bySlot[slot * SLOT_FIELDS + HIDDEN] = leaves - shown;
        return shown != shownBefore;
    }

    private void orderAdd(
        final int instrumentId, final Side side, final long orderId, final long price, final long quantity)
    {
        final long rptSeq = ++ordersRptSeq[index(instrumentId)];
        final long sequence = ++lastOrdersSequence;
        if (publishing)
        {
            orderAdd.wrapAndApplyHeader(claim(Egress.TARGET_MD_ORDERS, sequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(rptSeq)
                .transactTime(timestampNs)
                .side(toWire(side))
                .orderId(orderId)
                .price(price)
                .quantity(quantity);
            publish(orderAdd.encodedLength());
        }
    }

    private void orderReduced(final long orderId, final int instrumentId, final long leavesQuantity)
    {
        final long rptSeq = ++ordersRptSeq[index(instrumentId)];
        final long sequence = ++lastOrdersSequence;
        if (publishing)
        {
            orderReduced.wrapAndApplyHeader(claim(Egress.TARGET_MD_ORDERS, sequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(rptSeq)
                .transactTime(timestampNs)
                .orderId(orderId)
                .leavesQuantity(leavesQuantity);
            publish(orderReduced.encodedLength());
        }
    }

    private void orderDelete(final long orderId, final int instrumentId, final DeleteReason reason)
    {
        final long rptSeq = ++ordersRptSeq[index(instrumentId)];
        final long sequence = ++lastOrdersSequence;
        if (publishing)
        {
            orderDelete.wrapAndApplyHeader(claim(Egress.TARGET_MD_ORDERS, sequence), 0, header)
                .instrumentId(instrumentId)
                .rptSeq(rptSeq)
                .transactTime(timestampNs)
                .orderId(orderId)
                .reason(reason);
            publish(orderDelete.encodedLength());
        }
    }

    /**
     * @return the instrument's index; a command's events are nearly all about one instrument, so the last answer is
     * kept rather than asking the directory's map each time.
     */
    private int index(final int instrumentId)
    {
        if (instrumentId != cachedInstrumentId || cachedInstrumentIndex == NONE)
        {
            cachedInstrumentIndex = instruments.indexOf(instrumentId);
            cachedInstrumentId = instrumentId;
        }
        return cachedInstrumentIndex;
    }

    private static io.matchpoint.codec.md.Side toWire(final Side side)
    {
        return side == Side.BUY ? io.matchpoint.codec.md.Side.BUY : io.matchpoint.codec.md.Side.SELL;
    }

    private UnsafeBuffer claim(final byte channel, final long sequence)
    {
        return egress.claim(0, commandSequence, timestampNs, channel, sequence);
    }

    private void publish(final int bodyLength)
    {
        egress.publish(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
