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

        Instrument(final int id)
        {
            this.id = id;
        }

        TreeMap<Long, List<Order>> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        boolean isEmpty()
        {
            return bids.isEmpty() && asks.isEmpty();
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
        long leaves;
        final SelfTradePrevention selfTradePrevention;
        final boolean postOnly;

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
            final SelfTradePrevention selfTradePrevention,
            final boolean postOnly)
        {
            this.orderId = orderId;
            this.slot = slot;
            this.accountId = accountId;
            this.sessionId = sessionId;
            this.clientOrderId = clientOrderId;
            this.instrumentId = instrumentId;
            this.side = side;
            this.price = price;
            this.leaves = leaves;
            this.selfTradePrevention = selfTradePrevention;
            this.postOnly = postOnly;
        }

        @Override
        public String toString()
        {
            return "Order{id=" + orderId + ", slot=" + slot + ", account=" + accountId + ", session=" + sessionId +
                ", clOrdId=" + clientOrderId + ", instrument=" + instrumentId + ", " + side + ' ' + leaves + " @ " +
                price + ", " + selfTradePrevention + (postOnly ? ", postOnly" : "") + '}';
        }
    }

    private final EngineConfig config;
    private final EngineListener listener;
    /** In definition order (a redefinition keeps its place). */
    private final LinkedHashMap<Integer, Instrument> instruments = new LinkedHashMap<>();
    /** Resting orders by order id, ascending. */
    private final TreeMap<Long, Order> restingById = new TreeMap<>();
    /** Accounts the kill switch stopped, ascending. */
    private final java.util.TreeSet<Long> killedAccounts = new java.util.TreeSet<>();
    /** Resting orders by account, then client order id. */
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
        final boolean mayRest = isLimit && timeInForce == TimeInForce.GTC;

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
        // 4. - 6. quantity range, lot, and for a limit order tick and band
        final RejectReason invalid = checkQuantityAndPrice(instrument, isLimit, price, quantity);
        if (invalid != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, invalid);
            return;
        }
        // 6b. a limit price further from the reference price than the collar allows
        if (isLimit && instrument.outsideCollar(price))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.PRICE_OUTSIDE_COLLAR);
            return;
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
        // 8. the account has a resting order with this client order id
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
        // 10. the id sequence used up (whatever the type); then GTC LIMIT only: order pool, then level pool
        if (nextOrderSequence > Long.MAX_VALUE >>> slotBits)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.ORDER_CAPACITY_EXHAUSTED);
            return;
        }
        if (mayRest)
        {
            if (freedSlots.isEmpty() && slotsEverTaken == config.maxOrders())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.ORDER_CAPACITY_EXHAUSTED);
                return;
            }
            if (!instrument.side(side).containsKey(price) && priceLevelCount() >= config.maxPriceLevels())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
                return;
            }
        }

        // 11. risk limits; a market order's notional at the furthest price it may trade at
        final long notionalPrice = isLimit ? price : instrument.hasCollar() ? instrument.collarLimit(side) :
            side == Side.BUY ? instrument.highPrice : instrument.lowPrice;
        final RejectReason breach = newOrderBreach(accountId, instrument, side, mayRest, notionalPrice, quantity);
        if (breach != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, breach);
            return;
        }

        // a GTC LIMIT order takes its slot now, before matching; its id is sequence << b | slot
        final int slot = mayRest ? takeSlot() : noSlot;
        final long orderId = (nextOrderSequence++ << slotBits) | slot;
        issuedOrderIds.add(orderId);
        final long reportedPrice = isLimit ? price : 0;
        listener.onOrderAccepted(
            orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, reportedPrice, quantity, 0, 0);

        // a market order under a collar trades as a limit order at the collar's edge
        final boolean collared = !isLimit && instrument.hasCollar();
        final Order taker = new Order(
            orderId, slot, accountId, sessionId, clientOrderId, instrumentId, side,
            collared ? instrument.collarLimit(side) : reportedPrice, quantity, selfTradePrevention, postOnly);
        final boolean walkAll = !isLimit && !collared;

        if (timeInForce == TimeInForce.FOK && !isFillable(instrument, taker, walkAll))
        {
            listener.onOrderCancelled(
                orderId, accountId, clientOrderId, instrumentId, side, quantity, CancelReason.FOK_NOT_FILLABLE);
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
            listener.onOrderCancelled(orderId, accountId, clientOrderId, instrumentId, side, taker.leaves,
                beyondCollar ? CancelReason.OUTSIDE_COLLAR : CancelReason.NO_LIQUIDITY);
        }
        if (mayRest)
        {
            // nothing left to rest: the slot is freed when matching ends, after the slots of the makers it removed
            freeSlot(taker);
        }
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
        final Instrument instrument, final boolean isLimit, final long price, final long quantity)
    {
        if (quantity < instrument.minQuantity || quantity > instrument.maxQuantity)
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (quantity % instrument.lot != 0)
        {
            return RejectReason.QUANTITY_OFF_LOT;
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

    /** The FOK check, without side effects. */
    private static boolean isFillable(final Instrument instrument, final Order taker, final boolean isMarket)
    {
        long sum = 0;
        for (final Map.Entry<Long, List<Order>> entry : instrument.side(taker.side.opposite()).entrySet())
        {
            if (!isMarket && !crosses(taker.side, taker.price, entry.getKey()))
            {
                break;
            }
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
                // sum < taker.leaves here, so this cannot overflow where "sum + leaves >= quantity" could
                if (maker.leaves >= taker.leaves - sum)
                {
                    return true;
                }
                sum += maker.leaves;
            }
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
                final long quantity = Math.min(taker.leaves, maker.leaves);
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
                emitLevel(instrument, maker.side, maker.price);
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
                        maker.leaves -= d;
                        listener.onOrderReduced(
                            maker.orderId, maker.accountId, maker.clientOrderId, maker.instrumentId, maker.side, d,
                            maker.leaves, CancelReason.SELF_TRADE);
                        emitLevel(instrument, maker.side, maker.price);
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
        // the stop price is read only for a waiting stop order
        replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity);
    }

    @Override
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity)
    {
        // before the checks: a replace of a killed account
        if (killedAccounts.contains(accountId))
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.ACCOUNT_KILLED);
            return;
        }
        final Order order = restingById.get(orderId);
        // 1. no resting order with that id for that account
        if (order == null || order.accountId != accountId)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final Instrument instrument = instruments.get(order.instrumentId);
        // 2. halted
        if (instrument.halted)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.INSTRUMENT_HALTED);
            return;
        }
        // 3. - 5. quantity range, lot, tick, band
        final RejectReason invalid = checkQuantityAndPrice(instrument, true, newPrice, newQuantity);
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
            setClientOrderId(order, newClientOrderId);
            final boolean quantityChanged = newQuantity != order.leaves;
            order.leaves = newQuantity;
            if (quantityChanged)
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
        final boolean takerCancelled = match(instrument, order, false);
        if (order.leaves > 0 && !takerCancelled)
        {
            rest(instrument, order);
        }
        else
        {
            freeSlot(order);
        }
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
                sum = sum.add(notional(order.price, order.leaves));
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

    private RejectReason replaceBreach(
        final Order order, final Instrument instrument, final long newPrice, final long newQuantity)
    {
        final long[] limits = limitsOf(order.accountId);
        final BigInteger newNotional = notional(newPrice, newQuantity);
        final BigInteger oldNotional = notional(order.price, order.leaves);
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
                total += order.leaves;
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
                        hash = StateDigest.mix(hash, order.leaves);
                        hash = StateDigest.mix(hash, order.selfTradePrevention.ordinal());
                        hash = StateDigest.mix(hash, order.postOnly ? 1 : 0);
                    }
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
                    total += order.leaves;
                }
                visitor.onLevel(side, level.getKey(), total, level.getValue().size());
                for (final Order order : level.getValue())
                {
                    visitor.onOrder(
                        side, order.price, order.orderId, order.accountId, order.clientOrderId, order.leaves,
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

    public int restingOrderCount()
    {
        return restingById.size();
    }

    public int priceLevelCount()
    {
        int count = 0;
        for (final Instrument instrument : instruments.values())
        {
            count += instrument.bids.size() + instrument.asks.size();
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

    /** The resting order with that id, or null; for the command generator. */
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
