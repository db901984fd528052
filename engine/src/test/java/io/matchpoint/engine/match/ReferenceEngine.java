package io.matchpoint.engine.match;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple model of {@code MATCHING-RULES.md}, written from the document alone, for differential tests
 * against {@link MatchingEngine}. Plain JDK collections, boxing and allocation everywhere: clarity over speed.
 * <p>
 * Each command method follows the numbered steps of the document in order; the comments name the step they
 * implement. Not thread safe.
 * <p>
 * Where the document is silent the model reads it as follows:
 * <ul>
 *     <li>A band whose span {@code highPrice - lowPrice} does not fit a long is {@code PRICE_BAND_TOO_WIDE}, even
 *     when it holds few ticks (so does the engine); otherwise the tick count is computed exactly.</li>
 *     <li>The FOK walk stops as soon as the sum reaches the quantity, so an own order behind enough liquidity does
 *     not make the order unfillable; the sum is compared without overflow.</li>
 *     <li>A cancel or replace by id looks the id up among the resting orders. The document decodes the slot and
 *     compares the id held there; since ids are unique and a resting order's id carries its own slot, both find the
 *     same order, or none.</li>
 *     <li>Icebergs: the FOK walk through a level adds each order's slice (what the level shows), not its leaves;
 *     the hidden parts come after the walk. Counting the leaves in the walk could call an order fillable that the
 *     matching cannot fill: a refilled slice goes to the back of its level, behind an own order that stops it.</li>
 *     <li>An iceberg whose display is at or above what it rests with is still an iceberg (display above 0): the
 *     digest folds its display and a hidden part of 0.</li>
 *     <li>A slice is refilled only once it is all traded: a partial fill, a decrement or a replace that keeps
 *     priority never tops it up from the hidden part.</li>
 *     <li>Stops: mass cancel, session cancel and the kill switch take resting orders and waiting stops together, in
 *     ascending order id (waiting stops are live orders of the account, and their counts include them).</li>
 *     <li>A waiting STOP has no price: its {@code onOrderReplaced} reports price 0, as its acceptance does, whatever
 *     {@code newPrice} the replace gave, and its place is kept on the stop price and quantity alone.</li>
 *     <li>A waiting stop's replace checks its new stop price as step 6 of a new order does, already triggered
 *     included; a STOP_LIMIT's new price gets the tick and band checks but no collar check (step 6 collars LIMIT
 *     orders only; the collar refuses a stop-limit's price when it is triggered).</li>
 *     <li>A triggered stop keeps its slot while it waits in the queue, but is no longer a live order: not found by
 *     id nor client order id, counted by no risk limit, until it rests.</li>
 * </ul>
 */
public final class ReferenceEngine implements EngineCommands
{
    /** One instrument: its definition, status and both sides of its book. */
    static final class Instrument
    {
        final int id;
        String symbol;
        long tick;
        long lot;
        long minQuantity;
        long maxQuantity;
        long lowPrice;
        long highPrice;
        boolean halted;
        /** The price collar's half-width in ticks, 0 for none (or a collar in basis points). */
        long collarTicks;
        /** The price collar's half-width in basis points of the reference price, 0 for none (or one in ticks). */
        long collarBasisPoints;
        /** The last trade's price, once there was a trade. */
        Long lastTradePrice;
        /** Best (highest) bid first. */
        final TreeMap<Long, List<Order>> bids = new TreeMap<>(Collections.reverseOrder());
        /** Best (lowest) ask first. */
        final TreeMap<Long, List<Order>> asks = new TreeMap<>();
        /** "Stop orders": waiting buy stops by stop price, in triggering order (lowest stop price first). */
        final TreeMap<Long, List<Order>> buyStops = new TreeMap<>();
        /** Waiting sell stops by stop price, in triggering order (highest stop price first). */
        final TreeMap<Long, List<Order>> sellStops = new TreeMap<>(Collections.reverseOrder());

        Instrument(final int id)
        {
            this.id = id;
        }

        TreeMap<Long, List<Order>> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        TreeMap<Long, List<Order>> stops(final Side side)
        {
            return side == Side.BUY ? buyStops : sellStops;
        }

        /** No resting order and no waiting stop: what a tick or lot change needs. */
        boolean isEmpty()
        {
            return bids.isEmpty() && asks.isEmpty() && buyStops.isEmpty() && sellStops.isEmpty();
        }

        /** Its waiting stops, buy stops then sell stops, each in triggering order. */
        List<Order> waitingStops()
        {
            final List<Order> stops = new ArrayList<>();
            for (final TreeMap<Long, List<Order>> side : List.of(buyStops, sellStops))
            {
                for (final List<Order> level : side.values())
                {
                    stops.addAll(level);
                }
            }
            return stops;
        }

        long midPrice()
        {
            return lowPrice + ((highPrice / tick - lowPrice / tick) / 2) * tick;
        }

        /** The last trade's price, or before any the band's middle tick. */
        long referencePrice()
        {
            return lastTradePrice != null ? lastTradePrice : midPrice();
        }

        boolean hasCollar()
        {
            return collarTicks != 0 || collarBasisPoints != 0;
        }

        /**
         * The collar's half-width in price units: ticks times the tick, or floor(|reference| x basis points / 10000)
         * rounded down to a whole number of ticks.
         */
        java.math.BigInteger collarWidth()
        {
            final java.math.BigInteger tickSize = java.math.BigInteger.valueOf(tick);
            if (collarBasisPoints == 0)
            {
                return java.math.BigInteger.valueOf(collarTicks).multiply(tickSize);
            }
            final java.math.BigInteger raw = java.math.BigInteger.valueOf(referencePrice()).abs()
                .multiply(java.math.BigInteger.valueOf(collarBasisPoints)).divide(java.math.BigInteger.valueOf(10_000));
            return raw.divide(tickSize).multiply(tickSize);
        }

        /** Exactly, in unbounded integers: further from the reference price than the collar allows. */
        boolean outsideCollar(final long price)
        {
            if (!hasCollar())
            {
                return false;
            }
            final java.math.BigInteger distance =
                java.math.BigInteger.valueOf(price).subtract(java.math.BigInteger.valueOf(referencePrice())).abs();
            return distance.compareTo(collarWidth()) > 0;
        }

        /** The furthest price a market order of this side may trade at: reference ± width, held to the long range. */
        long collarLimit(final Side side)
        {
            final java.math.BigInteger width = collarWidth();
            final java.math.BigInteger reference = java.math.BigInteger.valueOf(referencePrice());
            final java.math.BigInteger limit = side == Side.BUY ? reference.add(width) : reference.subtract(width);
            return limit.max(java.math.BigInteger.valueOf(Long.MIN_VALUE))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
        }
    }

    /** A resting order, or the taker while it matches. */
    static final class Order
    {
        final long orderId;
        /** The pool slot it holds, or the "no slot" value for an order that never rests. */
        final int slot;
        final long accountId;
        /** The session that entered it; a replace keeps it. */
        final long sessionId;
        long clientOrderId;
        final int instrumentId;
        final Side side;
        long price;
        /** The whole open quantity: for an iceberg its slice plus its hidden part. */
        long leaves;
        /** Above 0 for an iceberg: the most it shows at a time. Never changes. */
        final long displayQuantity;
        /**
         * "Iceberg orders": the part of the leaves held back from the level; 0 for a plain order, and for any order
         * while it matches as a taker (it takes with its whole quantity and is split again when it rests).
         */
        long hidden;
        final SelfTradePrevention selfTradePrevention;
        final boolean postOnly;
        /** As entered: a stop order stays STOP or STOP_LIMIT after it was triggered. */
        final OrderType orderType;
        final TimeInForce timeInForce;
        /** A stop order's stop price, else 0. */
        long stopPrice;
        /** A stop order that waits in its stop level for a trade to reach its stop price. */
        boolean waiting;

        Order(
            final long orderId,
            final int slot,
            final long accountId,
            final long sessionId,
            final long clientOrderId,
            final int instrumentId,
            final Side side,
            final long price,
            final long leaves,
            final long displayQuantity,
            final SelfTradePrevention selfTradePrevention,
            final boolean postOnly,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final long stopPrice)
        {
            this.orderType = orderType;
            this.timeInForce = timeInForce;
            this.stopPrice = stopPrice;
            this.orderId = orderId;
            this.slot = slot;
            this.accountId = accountId;
            this.sessionId = sessionId;
            this.clientOrderId = clientOrderId;
            this.instrumentId = instrumentId;
            this.side = side;
            this.price = price;
            this.leaves = leaves;
            this.displayQuantity = displayQuantity;
            this.selfTradePrevention = selfTradePrevention;
            this.postOnly = postOnly;
        }

        boolean isIceberg()
        {
            return displayQuantity > 0;
        }

        boolean isStop()
        {
            return orderType == OrderType.STOP || orderType == OrderType.STOP_LIMIT;
        }

        /**
         * The price the risk limits and the digest take it at: its price, but a waiting STOP's stop price (it has no
         * price of its own).
         */
        long exposurePrice()
        {
            return waiting && orderType == OrderType.STOP ? stopPrice : price;
        }

        /** What its level shows of it: all its leaves unless it is an iceberg. */
        long slice()
        {
            return leaves - hidden;
        }

        /** "Resting": the slice is min(displayQuantity, left), the rest hidden; a plain order shows all. */
        void split()
        {
            hidden = isIceberg() ? leaves - Math.min(displayQuantity, leaves) : 0;
        }

        /**
         * Gives up {@code quantity} of the leaves (less than all of them), from the hidden part first, then from the
         * slice, as a self-trade decrement and a replace that keeps priority do.
         *
         * @return true if the slice changed (so its level did).
         */
        boolean reduce(final long quantity)
        {
            final long sliceBefore = slice();
            hidden -= Math.min(quantity, hidden);
            leaves -= quantity;
            return slice() != sliceBefore;
        }

        @Override
        public String toString()
        {
            return "Order{id=" + orderId + ", slot=" + slot + ", account=" + accountId + ", session=" + sessionId +
                ", clOrdId=" + clientOrderId + ", instrument=" + instrumentId + ", " + side + ' ' + leaves + " @ " +
                price + (isIceberg() ? ", display=" + displayQuantity + ", hidden=" + hidden : "") +
                (isStop() ? ", " + orderType + " " + timeInForce + " stop=" + stopPrice : "") +
                (waiting ? ", waiting" : "") + ", " +
                selfTradePrevention + (postOnly ? ", postOnly" : "") + '}';
        }
    }

    private final EngineConfig config;
    private final EngineListener listener;
    /** In definition order (a redefinition keeps its place). */
    private final LinkedHashMap<Integer, Instrument> instruments = new LinkedHashMap<>();
    /**
     * Resting orders and waiting stops by order id, ascending: the account's live orders, which cancels, replaces,
     * mass cancels, the kill switch and the risk limits all reach.
     */
    private final TreeMap<Long, Order> restingById = new TreeMap<>();
    /** "Stop orders": stops a trade triggered, to enter in this order once the command has given its own events. */
    private final ArrayDeque<Order> triggeredStops = new ArrayDeque<>();
    /** Accounts the kill switch stopped, ascending. */
    private final java.util.TreeSet<Long> killedAccounts = new java.util.TreeSet<>();
    /** Resting orders and waiting stops by account, then client order id. */
    private final Map<Long, Map<Long, Order>> restingByClientId = new HashMap<>();
    /** In registration order (the digest folds positions and limits in it). */
    private final Set<Long> accounts = new java.util.LinkedHashSet<>();
    /** "Risk limits": the defaults and accounts' own sets, in the order setRiskLimits takes them. */
    private long[] defaultLimits = { -1, -1, -1, -1, -1, -1 };
    private final Map<Long, long[]> ownLimits = new HashMap<>();
    /** Net executed positions by account and instrument; a missing entry is 0. */
    private final Map<Long, Map<Integer, Long>> positions = new HashMap<>();
    /** "Units and ids": the bits of an order id that hold its slot, enough to write maxOrders. */
    private final int slotBits;
    /** The slot part of the id of an order that takes no slot: all ones. */
    private final int noSlot;
    /** Slots freed and still free, the last freed first (push and pop at the front). */
    private final ArrayDeque<Integer> freedSlots = new ArrayDeque<>();
    /** Slots 0 to this - 1 have been taken at least once. */
    private int slotsEverTaken;
    private long nextOrderSequence = 1;
    private long nextTradeId = 1;
    /** Every order id handed out, for the command generator's stale and forged ids. */
    private final List<Long> issuedOrderIds = new ArrayList<>();

    public ReferenceEngine(final EngineConfig config, final EngineListener listener)
    {
        this.config = config;
        this.listener = listener;
        int bits = 0;
        while ((1L << bits) <= config.maxOrders())
        {
            bits++;
        }
        slotBits = bits;
        noSlot = (1 << bits) - 1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Instruments
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void defineInstrument(
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        // 1. invalid definition
        if (instrumentId == MatchingEngine.ALL_INSTRUMENTS || tickSize <= 0 || lotSize <= 0 || minQuantity <= 0 ||
            maxQuantity < minQuantity || maxQuantity > Long.MAX_VALUE / config.maxOrders() || lowPrice > highPrice ||
            lowPrice % tickSize != 0 || highPrice % tickSize != 0 || symbol == null || symbol.length() == 0)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.INVALID_INSTRUMENT_DEFINITION);
            return;
        }

        // 2. (highPrice - lowPrice) / tick + 1 > ticksPerBook. The document does not say what happens when
        // highPrice - lowPrice does not fit a long; like the engine, the model calls such a band too wide.
        final boolean spanOverflows = lowPrice < 0 && highPrice > Long.MAX_VALUE + lowPrice;
        final BigInteger ticks = BigInteger.valueOf(highPrice)
            .subtract(BigInteger.valueOf(lowPrice))
            .divide(BigInteger.valueOf(tickSize))
            .add(BigInteger.ONE);
        if (spanOverflows || ticks.compareTo(BigInteger.valueOf(config.ticksPerBook())) > 0)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.PRICE_BAND_TOO_WIDE);
            return;
        }

        // 3. capacity for a new id; tick or lot change of a non-empty book
        Instrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            if (instruments.size() >= config.maxInstruments())
            {
                listener.onInstrumentRejected(instrumentId, RejectReason.INSTRUMENT_CAPACITY_EXHAUSTED);
                return;
            }
        }
        else if ((instrument.tick != tickSize || instrument.lot != lotSize) && !instrument.isEmpty())
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.INSTRUMENT_BOOK_NOT_EMPTY);
            return;
        }

        // 4. defined; a redefinition keeps status and orders
        if (instrument == null)
        {
            instrument = new Instrument(instrumentId);
            instruments.put(instrumentId, instrument);
        }
        instrument.symbol = symbol.toString();
        instrument.tick = tickSize;
        instrument.lot = lotSize;
        instrument.minQuantity = minQuantity;
        instrument.maxQuantity = maxQuantity;
        instrument.lowPrice = lowPrice;
        instrument.highPrice = highPrice;
        listener.onInstrumentDefined(
            instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);

        // then every resting order outside the new band: bids best to worst, then asks, each level in time priority
        for (final Side side : new Side[]{ Side.BUY, Side.SELL })
        {
            final List<Order> outside = new ArrayList<>();
            for (final List<Order> level : instrument.side(side).values())
            {
                for (final Order order : level)
                {
                    if (order.price < lowPrice || order.price > highPrice)
                    {
                        outside.add(order);
                    }
                }
            }
            for (final Order order : outside)
            {
                cancelResting(instrument, order, order.leaves, CancelReason.OUTSIDE_BAND);
            }
        }
        // then the waiting stops whose stop price, or STOP_LIMIT price, is outside it: buy stops, then sell stops,
        // each in triggering order
        for (final Order stop : instrument.waitingStops())
        {
            final boolean priceOutside =
                stop.orderType == OrderType.STOP_LIMIT && (stop.price < lowPrice || stop.price > highPrice);
            if (stop.stopPrice < lowPrice || stop.stopPrice > highPrice || priceOutside)
            {
                cancelResting(instrument, stop, stop.leaves, CancelReason.OUTSIDE_BAND);
            }
        }
    }

    @Override
    public void haltTrading(final int instrumentId)
    {
        setHalted(instrumentId, true);
    }

    @Override
    public void resumeTrading(final int instrumentId)
    {
        setHalted(instrumentId, false);
    }

    private void setHalted(final int instrumentId, final boolean halted)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        instrument.halted = halted;
        listener.onTradingStatusChanged(instrumentId, halted);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // New order
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void newOrder(
        final long accountId,
        final long sessionId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long stopPrice,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        // before the checks: an order of a killed account
        if (killedAccounts.contains(accountId))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.ACCOUNT_KILLED);
            return;
        }
        final Instrument instrument = instruments.get(instrumentId);
        final boolean isLimit = orderType == OrderType.LIMIT;
        final boolean isStop = orderType == OrderType.STOP || orderType == OrderType.STOP_LIMIT;
        // a LIMIT or STOP_LIMIT order's price is read; a MARKET or STOP order's is ignored
        final boolean hasPrice = isLimit || orderType == OrderType.STOP_LIMIT;
        final boolean mayRest = isLimit && timeInForce == TimeInForce.GTC;
        // "the order may rest, or wait": it takes a slot, and counts as an order that may rest for the risk limits
        final boolean takesSlot = mayRest || isStop;

        // 1. unknown instrument
        if (instrument == null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        // 2. halted
        if (instrument.halted)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.INSTRUMENT_HALTED);
            return;
        }
        // 3. post-only and not (LIMIT and GTC)
        if (postOnly && !mayRest)
        {
            listener.onOrderRejected(
                accountId, clientOrderId, instrumentId, RejectReason.POST_ONLY_REQUIRES_GTC_LIMIT);
            return;
        }
        // 4. - 6. quantity range, lot, the display quantity, and for a LIMIT or STOP_LIMIT order tick and band
        final RejectReason invalid =
            checkQuantityAndPrice(instrument, hasPrice, mayRest, price, quantity, displayQuantity);
        if (invalid != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, invalid);
            return;
        }
        // 6b. a LIMIT price further from the reference price than the collar allows
        if (isLimit && instrument.outsideCollar(price))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.PRICE_OUTSIDE_COLLAR);
            return;
        }
        // 6c. a stop order's stop price: on tick and in the band, and not already reached by the last trade
        if (isStop)
        {
            final RejectReason badStop = checkStopPrice(instrument, side, stopPrice);
            if (badStop != null)
            {
                listener.onOrderRejected(accountId, clientOrderId, instrumentId, badStop);
                return;
            }
        }
        // 7. unknown account and the account table full; else the account is registered now
        if (!accounts.contains(accountId))
        {
            if (accounts.size() >= config.maxAccounts())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED);
                return;
            }
            accounts.add(accountId);
        }
        // 8. the account has a resting order (or a waiting stop) with this client order id
        if (findByClientId(accountId, clientOrderId) != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        // 9. post-only and the opposite best price is at or through the limit
        if (postOnly && wouldCross(instrument, side, price))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }
        // 10. the id sequence used up (whatever the type); then GTC LIMIT and stop orders: order pool, then level
        // pool (a stop's level is the stop level at its stop price on its side)
        if (nextOrderSequence > Long.MAX_VALUE >>> slotBits)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.ORDER_CAPACITY_EXHAUSTED);
            return;
        }
        if (takesSlot)
        {
            if (freedSlots.isEmpty() && slotsEverTaken == config.maxOrders())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.ORDER_CAPACITY_EXHAUSTED);
                return;
            }
            final boolean hasLevel = isStop ?
                instrument.stops(side).containsKey(stopPrice) : instrument.side(side).containsKey(price);
            if (!hasLevel && priceLevelCount() >= config.maxPriceLevels())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
                return;
            }
        }

        // 11. risk limits; a market order's notional at the furthest price it may trade at, a STOP's at its stop
        // price
        final long notionalPrice = hasPrice ? price : orderType == OrderType.STOP ? stopPrice :
            instrument.hasCollar() ? instrument.collarLimit(side) :
            side == Side.BUY ? instrument.highPrice : instrument.lowPrice;
        final RejectReason breach = newOrderBreach(accountId, instrument, side, takesSlot, notionalPrice, quantity);
        if (breach != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, breach);
            return;
        }

        // a GTC LIMIT or stop order takes its slot now, before matching; its id is sequence << b | slot
        final int slot = takesSlot ? takeSlot() : noSlot;
        final long orderId = (nextOrderSequence++ << slotBits) | slot;
        issuedOrderIds.add(orderId);
        final long reportedPrice = hasPrice ? price : 0;
        listener.onOrderAccepted(
            orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, reportedPrice, quantity,
            displayQuantity, isStop ? stopPrice : 0);

        final Order order = new Order(
            orderId, slot, accountId, sessionId, clientOrderId, instrumentId, side, reportedPrice, quantity,
            displayQuantity, selfTradePrevention, postOnly, orderType, timeInForce, isStop ? stopPrice : 0);
        if (isStop)
        {
            // "Waiting": at the back of its stop level, with no other event
            waitStop(instrument, order);
            return;
        }
        enter(instrument, order, !isLimit);
        enterTriggeredStops();
    }

    /**
     * An accepted order from the FOK check on: matches, then rests (GTC LIMIT) or is cancelled; an order with a slot
     * that does not rest frees it when its matching ends. Also how a triggered stop enters.
     *
     * @param market a market order, or a triggered STOP: under a collar it trades as a limit order at the collar's
     *               edge with the reference of this moment.
     */
    private void enter(final Instrument instrument, final Order taker, final boolean market)
    {
        final Side side = taker.side;
        final boolean mayRest = !market && taker.timeInForce == TimeInForce.GTC;
        final boolean collared = market && instrument.hasCollar();
        if (market)
        {
            taker.price = collared ? instrument.collarLimit(side) : 0;
        }
        final boolean walkAll = market && !collared;
        final boolean hasSlot = taker.slot != noSlot;

        if (taker.timeInForce == TimeInForce.FOK && !isFillable(instrument, taker, walkAll))
        {
            listener.onOrderCancelled(
                taker.orderId, taker.accountId, taker.clientOrderId, taker.instrumentId, side, taker.leaves,
                CancelReason.FOK_NOT_FILLABLE);
            if (hasSlot)
            {
                freeSlot(taker);
            }
            return;
        }

        final boolean takerCancelled = match(instrument, taker, walkAll);
        if (taker.leaves > 0 && !takerCancelled)
        {
            if (mayRest)
            {
                rest(instrument, taker);
                return;
            }
            final boolean beyondCollar = collared && !instrument.side(side.opposite()).isEmpty();
            listener.onOrderCancelled(
                taker.orderId, taker.accountId, taker.clientOrderId, taker.instrumentId, side, taker.leaves,
                beyondCollar ? CancelReason.OUTSIDE_COLLAR : CancelReason.NO_LIQUIDITY);
        }
        if (hasSlot)
        {
            // nothing left to rest: the slot is freed when matching ends, after the slots of the makers it removed
            freeSlot(taker);
        }
    }

    /** Step 6 for a stop price: off tick or outside the band, then already reached by the last trade. */
    private static RejectReason checkStopPrice(final Instrument instrument, final Side side, final long stopPrice)
    {
        if (stopPrice % instrument.tick != 0 || stopPrice < instrument.lowPrice || stopPrice > instrument.highPrice)
        {
            return RejectReason.INVALID_STOP_PRICE;
        }
        if (instrument.lastTradePrice != null && reaches(side, stopPrice, instrument.lastTradePrice))
        {
            return RejectReason.STOP_ALREADY_TRIGGERED;
        }
        return null;
    }

    /** A trade at {@code tradePrice} reaches a buy stop at or below it, a sell stop at or above it. */
    private static boolean reaches(final Side side, final long stopPrice, final long tradePrice)
    {
        return side == Side.BUY ? stopPrice <= tradePrice : stopPrice >= tradePrice;
    }

    /** A stop order starts waiting, or waits anew after a replace that lost its place: the back of its stop level. */
    private void waitStop(final Instrument instrument, final Order stop)
    {
        stop.waiting = true;
        instrument.stops(stop.side).computeIfAbsent(stop.stopPrice, (price) -> new ArrayList<>()).add(stop);
        restingById.put(stop.orderId, stop);
        restingByClientId.computeIfAbsent(stop.accountId, (account) -> new HashMap<>())
            .put(stop.clientOrderId, stop);
    }

    /** Takes a waiting stop out of its stop level and the indexes, without events; its slot stays taken. */
    private void removeStop(final Instrument instrument, final Order stop)
    {
        final TreeMap<Long, List<Order>> stops = instrument.stops(stop.side);
        final List<Order> level = stops.get(stop.stopPrice);
        if (level == null || !level.remove(stop))
        {
            throw new IllegalStateException("not in its stop level: " + stop);
        }
        if (level.isEmpty())
        {
            stops.remove(stop.stopPrice);
        }
        restingById.remove(stop.orderId);
        if (restingByClientId.get(stop.accountId).remove(stop.clientOrderId) != stop)
        {
            throw new IllegalStateException("client order id index broken: " + stop);
        }
        stop.waiting = false;
    }

    /**
     * "Triggering": a trade at {@code tradePrice} moves the stops it reaches to the end of the queue, buy stops from
     * the lowest stop price up, then sell stops from the highest down, each stop level in its order. Nothing is
     * reported yet.
     */
    private void triggerStops(final Instrument instrument, final long tradePrice)
    {
        for (final TreeMap<Long, List<Order>> stops : List.of(instrument.buyStops, instrument.sellStops))
        {
            // in either map's order, the stop prices a trade at this price reaches come first
            final List<Order> reached = new ArrayList<>();
            for (final List<Order> level : stops.headMap(tradePrice, true).values())
            {
                reached.addAll(level);
            }
            for (final Order stop : reached)
            {
                removeStop(instrument, stop);
                triggeredStops.addLast(stop);
            }
        }
    }

    /**
     * "Entering": once the command has given its own events, the triggered stops from the front of the queue, each
     * reported then entered as a market (STOP) or limit (STOP_LIMIT) order with its time in force, without the risk
     * checks; their own trades trigger more, which join the end of the queue.
     */
    private void enterTriggeredStops()
    {
        while (!triggeredStops.isEmpty())
        {
            final Order stop = triggeredStops.pollFirst();
            final Instrument instrument = instruments.get(stop.instrumentId);
            listener.onStopTriggered(
                stop.orderId, stop.accountId, stop.clientOrderId, stop.instrumentId, stop.side, stop.stopPrice);
            final boolean stopLimit = stop.orderType == OrderType.STOP_LIMIT;
            if (stopLimit && instrument.outsideCollar(stop.price))
            {
                cancelTriggered(stop, CancelReason.OUTSIDE_COLLAR);
                continue;
            }
            final boolean noLevel = !instrument.side(stop.side).containsKey(stop.price);
            if (stopLimit && stop.timeInForce == TimeInForce.GTC && noLevel &&
                priceLevelCount() >= config.maxPriceLevels())
            {
                cancelTriggered(stop, CancelReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
                continue;
            }
            enter(instrument, stop, !stopLimit);
        }
    }

    /** A triggered stop refused before it enters: cancelled with all its quantity, its slot freed. */
    private void cancelTriggered(final Order stop, final CancelReason reason)
    {
        freeSlot(stop);
        listener.onOrderCancelled(
            stop.orderId, stop.accountId, stop.clientOrderId, stop.instrumentId, stop.side, stop.leaves, reason);
    }

    /** The most recently freed slot still free, else the lowest never taken. */
    private int takeSlot()
    {
        if (!freedSlots.isEmpty())
        {
            return freedSlots.pop();
        }
        return slotsEverTaken++;
    }

    private void freeSlot(final Order order)
    {
        freedSlots.push(order.slot);
    }

    private static RejectReason checkQuantityAndPrice(
        final Instrument instrument,
        final boolean isLimit,
        final boolean mayRest,
        final long price,
        final long quantity,
        final long displayQuantity)
    {
        if (quantity < instrument.minQuantity || quantity > instrument.maxQuantity)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (quantity % instrument.lot != 0)
        {
            return RejectReason.QUANTITY_OFF_LOT;
        }
        // 5, then: a display other than 0 must be a positive multiple of the lot on an order that may rest (-lot is
        // a multiple of the lot too, hence the sign on its own)
        if (displayQuantity != 0 && (displayQuantity < 0 || displayQuantity % instrument.lot != 0 || !mayRest))
        {
            return RejectReason.INVALID_DISPLAY_QUANTITY;
        }
        if (isLimit)
        {
            if (price % instrument.tick != 0)
            {
                return RejectReason.PRICE_OFF_TICK;
            }
            if (price < instrument.lowPrice || price > instrument.highPrice)
            {
                return RejectReason.PRICE_OUTSIDE_BAND;
            }
        }
        return null;
    }

    /** Bid {@code >=} best ask, or ask {@code <=} best bid. */
    private static boolean wouldCross(final Instrument instrument, final Side side, final long price)
    {
        final TreeMap<Long, List<Order>> opposite = instrument.side(side.opposite());
        return !opposite.isEmpty() && crosses(side, price, opposite.firstKey());
    }

    private static boolean crosses(final Side takerSide, final long limit, final long levelPrice)
    {
        return takerSide == Side.BUY ? levelPrice <= limit : levelPrice >= limit;
    }

    /**
     * The FOK check, without side effects: each level's orders in time priority, their slices only, then the hidden
     * parts of the other accounts' icebergs there, which their refills bring back at that price.
     */
    private static boolean isFillable(final Instrument instrument, final Order taker, final boolean isMarket)
    {
        long sum = 0;
        for (final Map.Entry<Long, List<Order>> entry : instrument.side(taker.side.opposite()).entrySet())
        {
            if (!isMarket && !crosses(taker.side, taker.price, entry.getKey()))
            {
                break;
            }
            long hidden = 0;
            for (final Order maker : entry.getValue())
            {
                if (maker.accountId == taker.accountId)
                {
                    if (taker.selfTradePrevention == SelfTradePrevention.CANCEL_MAKER)
                    {
                        continue;
                    }
                    return false;
                }
                // sum < taker.leaves here, so this cannot overflow where "sum + slice >= quantity" could
                if (maker.slice() >= taker.leaves - sum)
                {
                    return true;
                }
                sum += maker.slice();
                hidden += maker.hidden;
            }
            // hidden, a sum of resting quantities, fits a long (every maximum quantity is below MAX_VALUE / maxOrders)
            if (hidden >= taker.leaves - sum)
            {
                return true;
            }
            sum += hidden;
        }
        return false;
    }

    /**
     * Matches the taker against the opposite side.
     *
     * @return true if self-trade prevention cancelled the taker.
     */
    private boolean match(final Instrument instrument, final Order taker, final boolean isMarket)
    {
        final TreeMap<Long, List<Order>> opposite = instrument.side(taker.side.opposite());
        while (taker.leaves > 0 && !opposite.isEmpty())
        {
            final long levelPrice = opposite.firstKey();
            if (!isMarket && !crosses(taker.side, taker.price, levelPrice))
            {
                return false;
            }
            final List<Order> level = opposite.get(levelPrice);
            final Order maker = level.get(0);
            if (maker.accountId != taker.accountId)
            {
                // a maker trades its slice only (a plain order's slice is all its leaves)
                final long quantity = Math.min(taker.leaves, maker.slice());
                taker.leaves -= quantity;
                maker.leaves -= quantity;
                instrument.lastTradePrice = maker.price;
                addToPosition(taker.accountId, instrument.id, taker.side, quantity);
                addToPosition(maker.accountId, instrument.id, maker.side, quantity);
                listener.onTrade(
                    nextTradeId++, instrument.id, taker.side, maker.price, quantity,
                    taker.orderId, taker.accountId, taker.clientOrderId, taker.leaves,
                    maker.orderId, maker.accountId, maker.clientOrderId, maker.leaves);
                if (maker.leaves == 0)
                {
                    remove(instrument, maker);
                    freeSlot(maker);
                }
                else if (maker.slice() == 0)
                {
                    refill(instrument, level, maker);
                }
                emitLevel(instrument, maker.side, maker.price);
                // every trade, whatever command made it, triggers the waiting stops its price reaches
                triggerStops(instrument, maker.price);
                continue;
            }

            switch (taker.selfTradePrevention)
            {
                case CANCEL_TAKER:
                    cancelTaker(taker, taker.leaves);
                    return true;

                case CANCEL_MAKER:
                    cancelResting(instrument, maker, maker.leaves, CancelReason.SELF_TRADE);
                    break;

                case CANCEL_BOTH:
                    cancelResting(instrument, maker, maker.leaves, CancelReason.SELF_TRADE);
                    cancelTaker(taker, taker.leaves);
                    return true;

                case DECREMENT_AND_CANCEL:
                {
                    final long left = taker.leaves;
                    final long d = Math.min(left, maker.leaves);
                    if (maker.leaves == d)
                    {
                        cancelResting(instrument, maker, d, CancelReason.SELF_TRADE);
                    }
                    else
                    {
                        // hidden first, then the slice: the level changes only when the slice does
                        final boolean sliceChanged = maker.reduce(d);
                        listener.onOrderReduced(
                            maker.orderId, maker.accountId, maker.clientOrderId, maker.instrumentId, maker.side, d,
                            maker.leaves, CancelReason.SELF_TRADE);
                        if (sliceChanged)
                        {
                            emitLevel(instrument, maker.side, maker.price);
                        }
                    }
                    if (left == d)
                    {
                        cancelTaker(taker, d);
                        return true;
                    }
                    taker.leaves = left - d;
                    listener.onOrderReduced(
                        taker.orderId, taker.accountId, taker.clientOrderId, taker.instrumentId, taker.side, d,
                        taker.leaves, CancelReason.SELF_TRADE);
                    break;
                }

                default:
                    throw new IllegalStateException("unknown mode " + taker.selfTradePrevention);
            }
        }
        return false;
    }

    /**
     * "Iceberg orders": the slice was all traded and something is hidden: a new slice from the hidden part, shown at
     * the back of the level (the caller emits the level's change after this).
     */
    private void refill(final Instrument instrument, final List<Order> level, final Order maker)
    {
        final long slice = Math.min(maker.displayQuantity, maker.hidden);
        maker.hidden -= slice;
        level.remove(maker);
        level.add(maker);
        listener.onOrderRefilled(
            maker.orderId, maker.accountId, maker.clientOrderId, instrument.id, maker.side, maker.price, slice,
            maker.hidden);
    }

    private void cancelTaker(final Order taker, final long quantity)
    {
        taker.leaves = 0;
        listener.onOrderCancelled(
            taker.orderId, taker.accountId, taker.clientOrderId, taker.instrumentId, taker.side, quantity,
            CancelReason.SELF_TRADE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cancel
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void cancelOrder(final long accountId, final long orderId)
    {
        final Order order = restingById.get(orderId);
        if (order == null || order.accountId != accountId)
        {
            listener.onCancelRejected(accountId, orderId, MatchingEngine.NULL_ID, RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancelResting(instruments.get(order.instrumentId), order, order.leaves, CancelReason.CLIENT_REQUEST);
    }

    @Override
    public void cancelOrderByClientId(final long accountId, final long clientOrderId)
    {
        final Order order = findByClientId(accountId, clientOrderId);
        if (order == null)
        {
            listener.onCancelRejected(accountId, MatchingEngine.NULL_ID, clientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancelResting(instruments.get(order.instrumentId), order, order.leaves, CancelReason.CLIENT_REQUEST);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Replace
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final long newStopPrice)
    {
        replace(accountId, orderId, newClientOrderId, newPrice, newQuantity, newStopPrice);
    }

    @Override
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity)
    {
        // the form without a stop price keeps a waiting stop's
        replace(accountId, orderId, newClientOrderId, newPrice, newQuantity, null);
    }

    /**
     * @param newStopPrice read only for a waiting stop; null keeps its stop price.
     */
    private void replace(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final Long newStopPrice)
    {
        // before the checks: a replace of a killed account
        if (killedAccounts.contains(accountId))
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.ACCOUNT_KILLED);
            return;
        }
        final Order order = restingById.get(orderId);
        // 1. no resting order (nor waiting stop) with that id for that account
        if (order == null || order.accountId != accountId)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final Instrument instrument = instruments.get(order.instrumentId);
        if (order.waiting)
        {
            replaceStop(
                instrument, order, newClientOrderId, newPrice, newQuantity,
                newStopPrice != null ? newStopPrice : order.stopPrice);
            return;
        }
        // 2. halted
        if (instrument.halted)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.INSTRUMENT_HALTED);
            return;
        }
        // 3. - 5. quantity range, lot, tick, band
        final RejectReason invalid = checkQuantityAndPrice(instrument, true, true, newPrice, newQuantity, 0);
        if (invalid != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, invalid);
            return;
        }
        // 5b. a new price further from the reference price than the collar allows
        if (newPrice != order.price && instrument.outsideCollar(newPrice))
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.PRICE_OUTSIDE_COLLAR);
            return;
        }
        // 6. a new client order id that another resting order of the account has
        if (newClientOrderId != order.clientOrderId && findByClientId(accountId, newClientOrderId) != null)
        {
            listener.onReplaceRejected(
                accountId, orderId, newClientOrderId, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        // 7. priority
        final boolean kept = newPrice == order.price && newQuantity <= order.leaves;
        if (!kept)
        {
            if (order.postOnly && wouldCross(instrument, order.side, newPrice))
            {
                listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.POST_ONLY_WOULD_CROSS);
                return;
            }
            final boolean aloneOnOldLevel = instrument.side(order.side).get(order.price).size() == 1;
            if (!instrument.side(order.side).containsKey(newPrice) &&
                priceLevelCount() >= config.maxPriceLevels() &&
                !aloneOnOldLevel)
            {
                listener.onReplaceRejected(
                    accountId, orderId, newClientOrderId, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
                return;
            }
        }
        // 8. risk limits
        final RejectReason breach = replaceBreach(order, instrument, newPrice, newQuantity);
        if (breach != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, breach);
            return;
        }

        listener.onOrderReplaced(
            orderId, accountId, newClientOrderId, order.instrumentId, order.side, newPrice, newQuantity, kept, 0);

        if (kept)
        {
            // leaves - newQuantity given up from the hidden part first, then the slice
            setClientOrderId(order, newClientOrderId);
            if (order.reduce(order.leaves - newQuantity))
            {
                emitLevel(instrument, order.side, order.price);
            }
            return;
        }

        // the order leaves its level, then matches as an incoming GTC limit order and rests what is left
        remove(instrument, order);
        emitLevel(instrument, order.side, order.price);
        order.clientOrderId = newClientOrderId;
        order.price = newPrice;
        order.leaves = newQuantity;
        // as a taker it matches with its whole quantity; rest() splits it again
        order.hidden = 0;
        final boolean takerCancelled = match(instrument, order, false);
        if (order.leaves > 0 && !takerCancelled)
        {
            rest(instrument, order);
        }
        else
        {
            freeSlot(order);
        }
        // the stops its trades triggered, after the replace's own events
        enterTriggeredStops();
    }

    /**
     * "Stop orders", Replace: a waiting stop's replace never trades nor triggers it; it keeps its place among the
     * stops of its stop price, or goes to the back of its new stop price's level.
     */
    private void replaceStop(
        final Instrument instrument,
        final Order stop,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final long newStopPrice)
    {
        final long accountId = stop.accountId;
        final long orderId = stop.orderId;
        final boolean stopLimit = stop.orderType == OrderType.STOP_LIMIT;
        // 2. halted
        if (instrument.halted)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.INSTRUMENT_HALTED);
            return;
        }
        // 3. - 5. quantity range, lot, then step 6 of a new order for its type: a STOP_LIMIT's tick and band (no
        // collar: that is for LIMIT orders only), a STOP's price ignored; then the stop price
        RejectReason invalid = checkQuantityAndPrice(instrument, stopLimit, false, newPrice, newQuantity, 0);
        if (invalid == null)
        {
            invalid = checkStopPrice(instrument, stop.side, newStopPrice);
        }
        if (invalid != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, invalid);
            return;
        }
        // 6. a new client order id that another live order of the account has
        if (newClientOrderId != stop.clientOrderId && findByClientId(accountId, newClientOrderId) != null)
        {
            listener.onReplaceRejected(
                accountId, orderId, newClientOrderId, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        // 7. the new stop price's level missing while the level pool is full, unless the stop leaves its old one
        final TreeMap<Long, List<Order>> stops = instrument.stops(stop.side);
        final boolean aloneOnOldLevel = stops.get(stop.stopPrice).size() == 1;
        if (!stops.containsKey(newStopPrice) && priceLevelCount() >= config.maxPriceLevels() && !aloneOnOldLevel)
        {
            listener.onReplaceRejected(
                accountId, orderId, newClientOrderId, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
            return;
        }
        // 8. risk limits, a STOP taken at its stop price
        final long reportedPrice = stopLimit ? newPrice : 0;
        final RejectReason breach =
            replaceBreach(stop, instrument, stopLimit ? newPrice : newStopPrice, newQuantity);
        if (breach != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, breach);
            return;
        }

        // its place is kept when the stop price and the price (a STOP has none) stay and the quantity does not grow
        final boolean kept =
            newStopPrice == stop.stopPrice && reportedPrice == stop.price && newQuantity <= stop.leaves;
        listener.onOrderReplaced(
            orderId, accountId, newClientOrderId, stop.instrumentId, stop.side, reportedPrice, newQuantity, kept,
            newStopPrice);
        if (kept)
        {
            setClientOrderId(stop, newClientOrderId);
            stop.leaves = newQuantity;
            return;
        }
        removeStop(instrument, stop);
        stop.clientOrderId = newClientOrderId;
        stop.price = reportedPrice;
        stop.leaves = newQuantity;
        stop.stopPrice = newStopPrice;
        waitStop(instrument, stop);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mass cancel
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void massCancel(final long accountId, final int instrumentId)
    {
        final List<Order> toCancel = new ArrayList<>();
        for (final Order order : restingById.values())
        {
            if (order.accountId == accountId &&
                (instrumentId == MatchingEngine.ALL_INSTRUMENTS || order.instrumentId == instrumentId))
            {
                toCancel.add(order);
            }
        }
        for (final Order order : toCancel)
        {
            cancelResting(instruments.get(order.instrumentId), order, order.leaves, CancelReason.MASS_CANCEL);
        }
        listener.onMassCancelled(accountId, instrumentId, toCancel.size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Price collar
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        // ticks or basis points (0.01% to 100%), not both
        if (collarTicks < 0 || basisPoints < 0 || basisPoints > 10_000 || collarTicks != 0 && basisPoints != 0)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.INVALID_INSTRUMENT_DEFINITION);
            return;
        }
        instrument.collarTicks = collarTicks;
        instrument.collarBasisPoints = basisPoints;
        listener.onPriceCollarSet(instrumentId, collarTicks, basisPoints);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Risk limits
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        final long[] limits =
            { maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit, positionLimit };
        for (final long limit : limits)
        {
            if (limit < MatchingEngine.NO_LIMIT)
            {
                listener.onRiskLimitsRejected(accountId, RejectReason.INVALID_RISK_LIMITS);
                return;
            }
        }
        if (accountId == MatchingEngine.ALL_ACCOUNTS)
        {
            defaultLimits = limits;
        }
        else
        {
            if (!accounts.contains(accountId))
            {
                if (accounts.size() >= config.maxAccounts())
                {
                    listener.onRiskLimitsRejected(accountId, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED);
                    return;
                }
                accounts.add(accountId);
            }
            ownLimits.put(accountId, limits);
        }
        listener.onRiskLimitsSet(
            accountId, true, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
            positionLimit);
    }

    @Override
    public void clearRiskLimits(final long accountId)
    {
        if (accountId != MatchingEngine.ALL_ACCOUNTS)
        {
            ownLimits.remove(accountId);
        }
        final long[] d = defaultLimits;
        listener.onRiskLimitsSet(accountId, false, d[0], d[1], d[2], d[3], d[4], d[5]);
    }

    private long[] limitsOf(final long accountId)
    {
        return ownLimits.getOrDefault(accountId, defaultLimits);
    }

    private static boolean isSet(final long limit)
    {
        return limit != MatchingEngine.NO_LIMIT;
    }

    private static BigInteger notional(final long price, final long quantity)
    {
        return BigInteger.valueOf(price).abs().multiply(BigInteger.valueOf(quantity));
    }

    private static boolean above(final BigInteger value, final long limit)
    {
        return value.compareTo(BigInteger.valueOf(limit)) > 0;
    }

    private BigInteger openNotional(final long accountId, final Integer instrumentId)
    {
        BigInteger sum = BigInteger.ZERO;
        for (final Order order : restingById.values())
        {
            if (order.accountId == accountId && (instrumentId == null || order.instrumentId == instrumentId))
            {
                sum = sum.add(notional(order.exposurePrice(), order.leaves));
            }
        }
        return sum;
    }

    private BigInteger openQuantity(final long accountId, final int instrumentId, final Side side)
    {
        BigInteger sum = BigInteger.ZERO;
        for (final Order order : restingById.values())
        {
            if (order.accountId == accountId && order.instrumentId == instrumentId && order.side == side)
            {
                sum = sum.add(BigInteger.valueOf(order.leaves));
            }
        }
        return sum;
    }

    private long position(final long accountId, final int instrumentId)
    {
        return positions.getOrDefault(accountId, Map.of()).getOrDefault(instrumentId, 0L);
    }

    /** A fill moves the position by its quantity, held to the long range. */
    private void addToPosition(final long accountId, final int instrumentId, final Side side, final long quantity)
    {
        final BigInteger moved = BigInteger.valueOf(position(accountId, instrumentId))
            .add(BigInteger.valueOf(side == Side.BUY ? quantity : -quantity));
        final long held = moved.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE))
            .longValueExact();
        positions.computeIfAbsent(accountId, (account) -> new HashMap<>()).put(instrumentId, held);
    }

    /** What the position could reach on this side: net + open buys + more, or open sells + more - net. */
    private BigInteger reach(final long accountId, final int instrumentId, final Side side, final BigInteger open)
    {
        final BigInteger net = BigInteger.valueOf(position(accountId, instrumentId));
        return side == Side.BUY ? net.add(open) : open.subtract(net);
    }

    private RejectReason newOrderBreach(
        final long accountId,
        final Instrument instrument,
        final Side side,
        final boolean mayRest,
        final long notionalPrice,
        final long quantity)
    {
        final long[] limits = limitsOf(accountId);
        final BigInteger notional = notional(notionalPrice, quantity);
        if (isSet(limits[0]) && quantity > limits[0])
        {
            return RejectReason.ORDER_QUANTITY_LIMIT;
        }
        if (isSet(limits[1]) && above(notional, limits[1]))
        {
            return RejectReason.ORDER_NOTIONAL_LIMIT;
        }
        if (mayRest && isSet(limits[2]))
        {
            final long open = restingById.values().stream().filter((order) -> order.accountId == accountId).count();
            if (open >= limits[2])
            {
                return RejectReason.OPEN_ORDERS_LIMIT;
            }
        }
        if (isSet(limits[3]) && above(openNotional(accountId, instrument.id).add(notional), limits[3]))
        {
            return RejectReason.INSTRUMENT_CREDIT_LIMIT;
        }
        if (isSet(limits[4]) && above(openNotional(accountId, null).add(notional), limits[4]))
        {
            return RejectReason.CREDIT_LIMIT;
        }
        if (isSet(limits[5]) && above(reach(accountId, instrument.id, side,
            openQuantity(accountId, instrument.id, side).add(BigInteger.valueOf(quantity))), limits[5]))
        {
            return RejectReason.POSITION_LIMIT;
        }
        return null;
    }

    /**
     * @param newPrice the price the limits take the replaced order at: for a waiting STOP, its new stop price.
     */
    private RejectReason replaceBreach(
        final Order order, final Instrument instrument, final long newPrice, final long newQuantity)
    {
        final long[] limits = limitsOf(order.accountId);
        final BigInteger newNotional = notional(newPrice, newQuantity);
        final BigInteger oldNotional = notional(order.exposurePrice(), order.leaves);
        if (isSet(limits[0]) && newQuantity > limits[0])
        {
            return RejectReason.ORDER_QUANTITY_LIMIT;
        }
        if (isSet(limits[1]) && above(newNotional, limits[1]))
        {
            return RejectReason.ORDER_NOTIONAL_LIMIT;
        }
        if (newNotional.compareTo(oldNotional) > 0)
        {
            if (isSet(limits[3]) && above(
                openNotional(order.accountId, instrument.id).subtract(oldNotional).add(newNotional), limits[3]))
            {
                return RejectReason.INSTRUMENT_CREDIT_LIMIT;
            }
            if (isSet(limits[4]) &&
                above(openNotional(order.accountId, null).subtract(oldNotional).add(newNotional), limits[4]))
            {
                return RejectReason.CREDIT_LIMIT;
            }
        }
        if (isSet(limits[5]) && newQuantity > order.leaves)
        {
            final BigInteger open = openQuantity(order.accountId, instrument.id, order.side)
                .subtract(BigInteger.valueOf(order.leaves)).add(BigInteger.valueOf(newQuantity));
            if (above(reach(order.accountId, instrument.id, order.side, open), limits[5]))
            {
                return RejectReason.POSITION_LIMIT;
            }
        }
        return null;
    }

    /** Some account's own or the default limits, for the command generator; null when none is set. */
    long[] limitsFor(final long accountId)
    {
        return limitsOf(accountId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kill switch
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void killAccount(final long accountId)
    {
        // every resting order of the account, any instrument, in ascending order id
        final List<Order> toCancel = new ArrayList<>();
        for (final Order order : restingById.values())
        {
            if (order.accountId == accountId)
            {
                toCancel.add(order);
            }
        }
        for (final Order order : toCancel)
        {
            cancelResting(instruments.get(order.instrumentId), order, order.leaves, CancelReason.KILL_SWITCH);
        }
        killedAccounts.add(accountId);
        listener.onKillSwitch(accountId, true, toCancel.size());
    }

    @Override
    public void reviveAccount(final long accountId)
    {
        killedAccounts.remove(accountId);
        listener.onKillSwitch(accountId, false, 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Session cancel
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public void cancelSessionOrders(final long accountId, final long sessionId)
    {
        // every resting order of the account entered by that session, any instrument, in ascending order id
        final List<Order> toCancel = new ArrayList<>();
        for (final Order order : restingById.values())
        {
            if (order.accountId == accountId && order.sessionId == sessionId)
            {
                toCancel.add(order);
            }
        }
        for (final Order order : toCancel)
        {
            cancelResting(instruments.get(order.instrumentId), order, order.leaves, CancelReason.MASS_CANCEL);
        }
        listener.onMassCancelled(accountId, MatchingEngine.ALL_INSTRUMENTS, toCancel.size());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book keeping
    // ---------------------------------------------------------------------------------------------------------------

    private void rest(final Instrument instrument, final Order order)
    {
        order.split();
        instrument.side(order.side).computeIfAbsent(order.price, (price) -> new ArrayList<>()).add(order);
        restingById.put(order.orderId, order);
        restingByClientId.computeIfAbsent(order.accountId, (account) -> new HashMap<>())
            .put(order.clientOrderId, order);
        emitLevel(instrument, order.side, order.price);
    }

    /** Takes a resting order out of its level and the indexes, without events; its slot stays taken. */
    private void remove(final Instrument instrument, final Order order)
    {
        final TreeMap<Long, List<Order>> side = instrument.side(order.side);
        final List<Order> level = side.get(order.price);
        if (!level.remove(order))
        {
            throw new IllegalStateException("not in its level: " + order);
        }
        if (level.isEmpty())
        {
            side.remove(order.price);
        }
        restingById.remove(order.orderId);
        final Map<Long, Order> byClientId = restingByClientId.get(order.accountId);
        if (byClientId.remove(order.clientOrderId) != order)
        {
            throw new IllegalStateException("client order id index broken: " + order);
        }
    }

    private void cancelResting(
        final Instrument instrument, final Order order, final long quantity, final CancelReason reason)
    {
        if (order.waiting)
        {
            // a waiting stop is in no price level: no level event
            removeStop(instrument, order);
            freeSlot(order);
            listener.onOrderCancelled(
                order.orderId, order.accountId, order.clientOrderId, order.instrumentId, order.side, quantity, reason);
            return;
        }
        remove(instrument, order);
        freeSlot(order);
        listener.onOrderCancelled(
            order.orderId, order.accountId, order.clientOrderId, order.instrumentId, order.side, quantity, reason);
        emitLevel(instrument, order.side, order.price);
    }

    private void setClientOrderId(final Order order, final long clientOrderId)
    {
        final Map<Long, Order> byClientId = restingByClientId.get(order.accountId);
        byClientId.remove(order.clientOrderId);
        order.clientOrderId = clientOrderId;
        byClientId.put(clientOrderId, order);
    }

    private void emitLevel(final Instrument instrument, final Side side, final long price)
    {
        final List<Order> level = instrument.side(side).get(price);
        long total = 0;
        int count = 0;
        if (level != null)
        {
            for (final Order order : level)
            {
                total += order.slice();
                count++;
            }
        }
        listener.onPriceLevelChanged(instrument.id, side, price, total, count);
    }

    private Order findByClientId(final long accountId, final long clientOrderId)
    {
        final Map<Long, Order> byClientId = restingByClientId.get(accountId);
        return byClientId == null ? null : byClientId.get(clientOrderId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @return the accounts the kill switch has stopped, ascending (a copy).
     */
    public List<Long> killedAccounts()
    {
        return new ArrayList<>(killedAccounts);
    }

    /**
     * The digest of {@code MATCHING-RULES.md}: instruments in definition order, each with its status and book, the
     * two id counters, then the slots ever taken and the freed slots, top of the stack first, then (only when any) the
     * number of killed accounts and their ids ascending.
     *
     * @return the state digest.
     */
    public long digest()
    {
        long hash = StateDigest.SEED;
        for (final Instrument instrument : instruments.values())
        {
            hash = StateDigest.mix(hash, instrument.id);
            hash = StateDigest.mix(hash, instrument.halted ? 1 : 0);
            hash = StateDigest.mix(hash, instrument.collarTicks);
            if (instrument.collarBasisPoints != 0)
            {
                hash = StateDigest.mix(hash, instrument.collarBasisPoints);
            }
            hash = StateDigest.mix(hash, instrument.referencePrice());
            for (final TreeMap<Long, List<Order>> side : List.of(instrument.bids, instrument.asks))
            {
                for (final Map.Entry<Long, List<Order>> level : side.entrySet())
                {
                    hash = StateDigest.mix(hash, level.getKey());
                    for (final Order order : level.getValue())
                    {
                        hash = StateDigest.mix(hash, order.orderId);
                        hash = StateDigest.mix(hash, order.accountId);
                        hash = StateDigest.mix(hash, order.sessionId);
                        hash = StateDigest.mix(hash, order.clientOrderId);
                        hash = StateDigest.mix(hash, order.side.code());
                        hash = StateDigest.mix(hash, order.price);
                        hash = StateDigest.mix(hash, order.slice());
                        hash = StateDigest.mix(hash, order.selfTradePrevention.ordinal());
                        hash = StateDigest.mix(hash, order.postOnly ? 1 : 0);
                        if (order.isIceberg())
                        {
                            hash = StateDigest.mix(hash, order.displayQuantity);
                            hash = StateDigest.mix(hash, order.hidden);
                        }
                    }
                }
            }
            // only when it has any: its waiting stops, buy stops then sell stops, each in triggering order
            final List<Order> stops = instrument.waitingStops();
            if (!stops.isEmpty())
            {
                hash = StateDigest.mix(hash, stops.size());
                for (final Order stop : stops)
                {
                    hash = StateDigest.mix(hash, stop.orderId);
                    hash = StateDigest.mix(hash, stop.accountId);
                    hash = StateDigest.mix(hash, stop.sessionId);
                    hash = StateDigest.mix(hash, stop.clientOrderId);
                    hash = StateDigest.mix(hash, stop.side.code());
                    hash = StateDigest.mix(hash, stop.orderType.ordinal());
                    hash = StateDigest.mix(hash, stop.timeInForce.ordinal());
                    hash = StateDigest.mix(hash, stop.exposurePrice());
                    hash = StateDigest.mix(hash, stop.stopPrice);
                    hash = StateDigest.mix(hash, stop.leaves);
                    hash = StateDigest.mix(hash, stop.selfTradePrevention.ordinal());
                }
            }
        }
        hash = StateDigest.mix(hash, nextOrderSequence);
        hash = StateDigest.mix(hash, nextTradeId);
        hash = StateDigest.mix(hash, slotsEverTaken);
        for (final int slot : freedSlots)
        {
            hash = StateDigest.mix(hash, slot);
        }
        if (!killedAccounts.isEmpty())
        {
            hash = StateDigest.mix(hash, killedAccounts.size());
            for (final long accountId : killedAccounts)
            {
                hash = StateDigest.mix(hash, accountId);
            }
        }
        for (final long accountId : accounts)
        {
            for (final int instrumentId : instruments.keySet())
            {
                final long position = position(accountId, instrumentId);
                if (position != 0)
                {
                    hash = StateDigest.mix(hash, accountId);
                    hash = StateDigest.mix(hash, instrumentId);
                    hash = StateDigest.mix(hash, position);
                }
            }
        }
        boolean anyDefault = false;
        for (final long limit : defaultLimits)
        {
            anyDefault |= isSet(limit);
        }
        if (anyDefault || !ownLimits.isEmpty())
        {
            for (final long limit : defaultLimits)
            {
                hash = StateDigest.mix(hash, limit);
            }
            hash = StateDigest.mix(hash, ownLimits.size());
            for (final long accountId : accounts)
            {
                final long[] own = ownLimits.get(accountId);
                if (own != null)
                {
                    hash = StateDigest.mix(hash, accountId);
                    for (final long limit : own)
                    {
                        hash = StateDigest.mix(hash, limit);
                    }
                }
            }
        }
        return hash;
    }

    /**
     * Walks one instrument's book as {@link MatchingEngine#visitBook} does: bids best to worst, then asks best to
     * worst, each level then its orders in time priority. Nothing for an unknown instrument.
     *
     * @param instrumentId to walk.
     * @param visitor      to call.
     */
    public void visitBook(final int instrumentId, final BookVisitor visitor)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            return;
        }
        for (final Side side : new Side[]{ Side.BUY, Side.SELL })
        {
            for (final Map.Entry<Long, List<Order>> level : instrument.side(side).entrySet())
            {
                long total = 0;
                for (final Order order : level.getValue())
                {
                    total += order.slice();
                }
                visitor.onLevel(side, level.getKey(), total, level.getValue().size());
                for (final Order order : level.getValue())
                {
                    visitor.onOrder(
                        side, order.price, order.orderId, order.accountId, order.clientOrderId, order.slice(),
                        order.selfTradePrevention, order.postOnly);
                }
            }
        }
    }

    public long bestBid(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        return instrument == null || instrument.bids.isEmpty() ? MatchingEngine.NULL_PRICE : instrument.bids.firstKey();
    }

    public long bestAsk(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        return instrument == null || instrument.asks.isEmpty() ? MatchingEngine.NULL_PRICE : instrument.asks.firstKey();
    }

    public boolean isHalted(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        return instrument != null && instrument.halted;
    }

    /** Resting orders and waiting stops: each holds a slot of the pool. */
    public int restingOrderCount()
    {
        return restingById.size();
    }

    /** Price levels and stop levels: they come from one pool. */
    public int priceLevelCount()
    {
        int count = 0;
        for (final Instrument instrument : instruments.values())
        {
            count += instrument.bids.size() + instrument.asks.size();
            count += instrument.buyStops.size() + instrument.sellStops.size();
        }
        return count;
    }

    public int accountCount()
    {
        return accounts.size();
    }

    public int instrumentCount()
    {
        return instruments.size();
    }

    public long nextOrderSequence()
    {
        return nextOrderSequence;
    }

    /** The bits of an order id that hold its slot. */
    int slotBits()
    {
        return slotBits;
    }

    /** Some order id handed out so far (most no longer rest), or 0 if none was; for the command generator. */
    long randomIssuedOrderId(final Random random)
    {
        return issuedOrderIds.isEmpty() ? 0 : issuedOrderIds.get(random.nextInt(issuedOrderIds.size()));
    }

    /** The id the next GTC limit order would get; for the command generator. */
    long nextRestingOrderId()
    {
        return (nextOrderSequence << slotBits) | (freedSlots.isEmpty() ? slotsEverTaken : freedSlots.peek());
    }

    public long nextTradeId()
    {
        return nextTradeId;
    }

    /** Instrument ids in definition order. */
    List<Integer> instrumentIds()
    {
        return new ArrayList<>(instruments.keySet());
    }

    /** The definition and book of an instrument, or null; for the command generator. */
    Instrument instrument(final int instrumentId)
    {
        return instruments.get(instrumentId);
    }

    /** Some resting order, or null when none rests; for the command generator. */
    Order randomRestingOrder(final Random random)
    {
        if (restingById.isEmpty())
        {
            return null;
        }
        final long first = restingById.firstKey();
        final long last = restingById.lastKey();
        final long pick = first + (long)(random.nextDouble() * (last - first + 1));
        final Map.Entry<Long, Order> entry = restingById.ceilingEntry(pick);
        return entry != null ? entry.getValue() : restingById.lastEntry().getValue();
    }

    /** Every waiting stop, by instrument in definition order, each in triggering order; for tests. */
    List<Order> waitingStops()
    {
        final List<Order> stops = new ArrayList<>();
        for (final Instrument instrument : instruments.values())
        {
            stops.addAll(instrument.waitingStops());
        }
        return stops;
    }

    /** Some waiting stop, or null when none waits; for the command generator. */
    Order randomWaitingStop(final Random random)
    {
        final List<Order> stops = waitingStops();
        return stops.isEmpty() ? null : stops.get(random.nextInt(stops.size()));
    }

    /** The resting order or waiting stop with that id, or null; for the command generator. */
    Order restingOrder(final long orderId)
    {
        return restingById.get(orderId);
    }

    /** Some resting order of an account, or null; for the command generator. */
    Order randomRestingOrder(final Random random, final long accountId)
    {
        final Map<Long, Order> byClientId = restingByClientId.get(accountId);
        if (byClientId == null || byClientId.isEmpty())
        {
            return null;
        }
        int index = random.nextInt(byClientId.size());
        for (final Order order : byClientId.values())
        {
            if (index-- == 0)
            {
                return order;
            }
        }
        return null;
    }
}
