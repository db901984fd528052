package io.matchpoint.engine.match;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.ClientOrderIdIndex;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderIdTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;

/**
 * The matching core: every instrument's book, price-time priority matching, validation, self-trade prevention,
 * halts, and the id counters. A pure state machine: commands in, {@link EngineListener} events out, the same events
 * for the same commands on any machine. The rules are in {@code MATCHING-RULES.md} next to this module's pom.
 * <p>
 * Not thread-safe by design: one thread (the matcher) calls every method. All capacity is allocated in the
 * constructor from {@link EngineConfig}; after that, commands allocate nothing, except that defining or redefining an
 * instrument keeps a copy of its symbol (for the snapshots and instrument lists to come). Enum arguments must not be
 * null.
 */
public final class MatchingEngine
{
    /** "No id": order and trade ids start at 1. */
    public static final long NULL_ID = 0;
    /** Mass cancel across every instrument. */
    public static final int ALL_INSTRUMENTS = -1;
    /** The session of an order that no session entered (the server's own commands, most tests). */
    public static final long NO_SESSION = 0;
    /**
     * Returned by {@link #bestBid} and {@link #bestAsk} for an empty side or an unknown instrument (a level at exactly
     * {@code Long.MIN_VALUE}, possible only with a band reaching it, reads the same: use {@link #visitBook} there).
     */
    public static final long NULL_PRICE = Long.MIN_VALUE;

    private static final int NONE = OrderPool.NONE;
    private static final int BIDS = 0;
    private static final int ASKS = 1;
    /** What {@link #match} returns when self-trade prevention cancelled the taker. */
    private static final long TAKER_CANCELLED = -1;

    private final EngineListener listener;
    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final OrderIdTable orderIndexById;
    private final ClientOrderIdIndex orderIndexByClientId;
    /** A copy of the capacity the pools were sized with: the caller's builder may change afterwards. */
    private final EngineConfig capacity;
    private final int ticksPerBook;
    /** No instrument's maximum quantity exceeds this, so no sum of resting quantities can overflow a long. */
    private final long maxQuantityLimit;
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    public MatchingEngine(final EngineConfig config, final EngineListener listener)
    {
        config.conclude();
        this.listener = listener;
        orders = new OrderPool(config.maxOrders());
        levels = new PriceLevelPool(config.maxPriceLevels());
        instruments = new InstrumentTable(config.maxInstruments(), config.ticksPerBook(), levels);
        accounts = new AccountTable(config.maxAccounts());
        orderIndexById = new OrderIdTable(config.maxOrders(), orders);
        orderIndexByClientId = new ClientOrderIdIndex(config.maxOrders());
        capacity = config.copy();
        ticksPerBook = config.ticksPerBook();
        maxQuantityLimit = Long.MAX_VALUE / config.maxOrders();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Instruments
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Defines a new instrument or redefines an existing one (band and quantity limits; tick and lot only while its
     * book is empty). Resting orders outside a new band are cancelled.
     */
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
        final RejectReason refused = definitionProblem(
            instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice, maxQuantityLimit,
            ticksPerBook);
        if (refused != null)
        {
            listener.onInstrumentRejected(instrumentId, refused);
            return;
        }

        int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            instrument = instruments.add(instrumentId);
            if (instrument == NONE)
            {
                listener.onInstrumentRejected(instrumentId, RejectReason.INSTRUMENT_CAPACITY_EXHAUSTED);
                return;
            }
        }
        else if ((instruments.tickSize(instrument) != tickSize || instruments.lotSize(instrument) != lotSize) &&
            !instruments.isBookEmpty(instrument))
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.INSTRUMENT_BOOK_NOT_EMPTY);
            return;
        }

        instruments.define(
            instrument, symbol.toString(), tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
        listener.onInstrumentDefined(
            instrumentId, symbol, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice);
        cancelOutsideBand(instrument, BIDS, lowPrice, highPrice);
        cancelOutsideBand(instrument, ASKS, lowPrice, highPrice);
    }

    /**
     * @return why a definition is refused whatever the instrument's state, or null if it is not: a tick, lot or
     * quantity that is not positive, limits the wrong way round or above {@code maxQuantityLimit}, a band off tick or
     * upside down, no symbol ({@code INVALID_INSTRUMENT_DEFINITION}), or a band of {@code ticksPerBook} ticks or more
     * ({@code PRICE_BAND_TOO_WIDE}).
     */
    static RejectReason definitionProblem(
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice,
        final long maxQuantityLimit,
        final int ticksPerBook)
    {
        if (instrumentId == ALL_INSTRUMENTS || tickSize <= 0 || lotSize <= 0 || minQuantity <= 0 ||
            maxQuantity < minQuantity || maxQuantity > maxQuantityLimit || lowPrice > highPrice ||
            lowPrice % tickSize != 0 || highPrice % tickSize != 0 || symbol == null || symbol.length() == 0)
        {
            return RejectReason.INVALID_INSTRUMENT_DEFINITION;
        }
        final boolean spanOverflows = lowPrice < 0 && highPrice > Long.MAX_VALUE + lowPrice;
        if (spanOverflows || (highPrice - lowPrice) / tickSize >= ticksPerBook)
        {
            return RejectReason.PRICE_BAND_TOO_WIDE;
        }
        return null;
    }

    public void haltTrading(final int instrumentId)
    {
        tradingStatus(instrumentId, true);
    }

    public void resumeTrading(final int instrumentId)
    {
        tradingStatus(instrumentId, false);
    }

    private void tradingStatus(final int instrumentId, final boolean halted)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        instruments.halted(instrument, halted);
        listener.onTradingStatusChanged(instrumentId, halted);
    }

    private void cancelOutsideBand(final int instrument, final int side, final long lowPrice, final long highPrice)
    {
        final PriceLadder ladder = instruments.ladder(instrument, side);
        int level = ladder.bestLevel();
        while (level != NONE)
        {
            // taken before the level may go: the walk stays in priority order whether or not the best level went
            final int next = ladder.nextLevel(level);
            final long price = levels.price(level);
            if (price < lowPrice || price > highPrice)
            {
                int order = levels.head(level);
                while (order != NONE)
                {
                    final int nextOrder = orders.next(order);
                    cancelResting(order, CancelReason.OUTSIDE_BAND);
                    order = nextOrder;
                }
            }
            level = next;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // New order
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A new order entered by no session ({@link #NO_SESSION}): see {@link #newOrder(long, long, long, int, Side,
     * OrderType, TimeInForce, long, long, boolean, SelfTradePrevention)}.
     */
    public void newOrder(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        newOrder(
            accountId, NO_SESSION, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity, postOnly,
            selfTradePrevention);
    }

    /**
     * Validates, accepts and matches a new order; see {@code MATCHING-RULES.md} for the checks and the events.
     *
     * @param sessionId the session entering the order, chosen outside the core ({@link #NO_SESSION} for none): the
     *                  order keeps it while it rests, for {@link #cancelSessionOrders}.
     */
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
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final RejectReason invalid = validateNewOrder(instrument, orderType, timeInForce, price, quantity, postOnly);
        if (invalid != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, invalid);
            return;
        }
        final int account = accounts.register(accountId);
        if (account == NONE)
        {
            listener.onOrderRejected(
                accountId, clientOrderId, instrumentId, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED);
            return;
        }
        if (orderIndexByClientId.get(account, clientOrderId) != NONE)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        final int sideCode = side.code();
        if (postOnly && wouldCross(instrument, sideCode, price))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }
        final boolean market = orderType == OrderType.MARKET;
        final boolean mayRest = !market && timeInForce == TimeInForce.GTC;
        if (mayRest)
        {
            if (orders.isFull())
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.ORDER_CAPACITY_EXHAUSTED);
                return;
            }
            if (levels.isFull() && instruments.ladder(instrument, sideCode).level(price) == NONE)
            {
                listener.onOrderRejected(
                    accountId, clientOrderId, instrumentId, RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED);
                return;
            }
        }

        final long orderId = nextOrderId++;
        final long limitPrice = market ? 0 : price;
        listener.onOrderAccepted(
            orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, limitPrice, quantity);

        if (timeInForce == TimeInForce.FOK &&
            !isFillable(instrument, sideCode, market, limitPrice, quantity, account, selfTradePrevention))
        {
            listener.onOrderCancelled(
                orderId, accountId, clientOrderId, instrumentId, side, quantity, CancelReason.FOK_NOT_FILLABLE);
            return;
        }

        final long left = match(
            instrument, side, market, limitPrice, quantity, orderId, accountId, account, clientOrderId,
            selfTradePrevention);
        if (left > 0)
        {
            if (mayRest)
            {
                final int order = orders.allocate();
                orders.orderId(order, orderId);
                orders.accountIndex(order, account);
                orders.sessionId(order, sessionId);
                orders.clientOrderId(order, clientOrderId);
                orders.instrumentIndex(order, instrument);
                orders.side(order, sideCode);
                orders.selfTradePrevention(order, selfTradePrevention.ordinal());
                orders.postOnly(order, postOnly);
                orderIndexById.put(orderId, order);
                orderIndexByClientId.put(account, clientOrderId, order);
                accounts.append(account, order, orders);
                rest(order, instrument, sideCode, limitPrice, left);
            }
            else
            {
                listener.onOrderCancelled(
                    orderId, accountId, clientOrderId, instrumentId, side, left, CancelReason.NO_LIQUIDITY);
            }
        }
    }

    private RejectReason validateNewOrder(
        final int instrument,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly)
    {
        if (instruments.isHalted(instrument))
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (postOnly && (orderType != OrderType.LIMIT || timeInForce != TimeInForce.GTC))
        {
            return RejectReason.POST_ONLY_REQUIRES_GTC_LIMIT;
        }
        final RejectReason badQuantity = validateQuantity(instrument, quantity);
        if (badQuantity != null)
        {
            return badQuantity;
        }
        return orderType == OrderType.LIMIT ? validatePrice(instrument, price) : null;
    }

    private RejectReason validateQuantity(final int instrument, final long quantity)
    {
        if (quantity < instruments.minQuantity(instrument) || quantity > instruments.maxQuantity(instrument))
        {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        if (!instruments.isOnLot(instrument, quantity))
        {
            return RejectReason.QUANTITY_OFF_LOT;
        }
        return null;
    }

    private RejectReason validatePrice(final int instrument, final long price)
    {
        if (!instruments.isOnTick(instrument, price))
        {
            return RejectReason.PRICE_OFF_TICK;
        }
        if (price < instruments.lowPrice(instrument) || price > instruments.highPrice(instrument))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    private boolean wouldCross(final int instrument, final int sideCode, final long price)
    {
        final int best = instruments.ladder(instrument, 1 - sideCode).bestLevel();
        if (best == NONE)
        {
            return false;
        }
        final long bestPrice = levels.price(best);
        return sideCode == BIDS ? bestPrice <= price : bestPrice >= price;
    }

    /**
     * The FOK pre-check: can the taker fill in full from other accounts' orders, walking the opposite side in
     * priority order, without meeting one of its own orders that self-trade prevention would not simply cancel?
     */
    private boolean isFillable(
        final int instrument,
        final int sideCode,
        final boolean market,
        final long limitPrice,
        final long quantity,
        final int account,
        final SelfTradePrevention selfTradePrevention)
    {
        final PriceLadder opposite = instruments.ladder(instrument, 1 - sideCode);
        long available = 0;
        for (int level = opposite.bestLevel(); level != NONE; level = opposite.nextLevel(level))
        {
            if (!market && !crosses(sideCode, limitPrice, levels.price(level)))
            {
                return false;
            }
            for (int order = levels.head(level); order != NONE; order = orders.next(order))
            {
                if (orders.accountIndex(order) == account)
                {
                    if (selfTradePrevention != SelfTradePrevention.CANCEL_MAKER)
                    {
                        return false;
                    }
                }
                else
                {
                    final long leaves = orders.leaves(order);
                    if (leaves >= quantity - available)
                    {
                        return true;
                    }
                    available += leaves;
                }
            }
        }
        return false;
    }

    private static boolean crosses(final int takerSide, final long limitPrice, final long makerPrice)
    {
        return takerSide == BIDS ? makerPrice <= limitPrice : makerPrice >= limitPrice;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Matching
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Matches a taker against the opposite side in price-time priority.
     *
     * @return the quantity left, or {@link #TAKER_CANCELLED} if self-trade prevention cancelled the taker
     */
    private long match(
        final int instrument,
        final Side side,
        final boolean market,
        final long limitPrice,
        final long quantity,
        final long takerOrderId,
        final long takerAccountId,
        final int takerAccount,
        final long takerClientOrderId,
        final SelfTradePrevention selfTradePrevention)
    {
        final int sideCode = side.code();
        final PriceLadder opposite = instruments.ladder(instrument, 1 - sideCode);
        final int instrumentId = instruments.instrumentId(instrument);
        long left = quantity;
        while (left > 0)
        {
            final int level = opposite.bestLevel();
            if (level == NONE)
            {
                break;
            }
            final long levelPrice = levels.price(level);
            if (!market && !crosses(sideCode, limitPrice, levelPrice))
            {
                break;
            }
            int maker = levels.head(level);
            while (left > 0 && maker != NONE)
            {
                final int nextMaker = orders.next(maker);
                if (orders.accountIndex(maker) == takerAccount)
                {
                    left = preventSelfTrade(
                        maker, left, side, takerOrderId, takerAccountId, takerClientOrderId, instrumentId,
                        selfTradePrevention);
                    if (left == TAKER_CANCELLED)
                    {
                        return TAKER_CANCELLED;
                    }
                }
                else
                {
                    final long makerLeaves = orders.leaves(maker);
                    final long fill = Math.min(left, makerLeaves);
                    left -= fill;
                    listener.onTrade(
                        nextTradeId++, instrumentId, side, levelPrice, fill,
                        takerOrderId, takerAccountId, takerClientOrderId, left,
                        orders.orderId(maker), accountIdOf(maker), orders.clientOrderId(maker),
                        makerLeaves - fill);
                    if (fill == makerLeaves)
                    {
                        removeResting(maker);
                    }
                    else
                    {
                        reduceResting(maker, fill);
                    }
                }
                maker = nextMaker;
            }
        }
        return left;
    }

    /**
     * Applies the taker's self-trade prevention mode against one of its own resting orders.
     *
     * @return the taker's quantity left, or {@link #TAKER_CANCELLED}
     */
    private long preventSelfTrade(
        final int maker,
        final long left,
        final Side side,
        final long takerOrderId,
        final long takerAccountId,
        final long takerClientOrderId,
        final int instrumentId,
        final SelfTradePrevention mode)
    {
        switch (mode)
        {
            case CANCEL_MAKER:
                cancelResting(maker, CancelReason.SELF_TRADE);
                return left;

            case CANCEL_BOTH:
                cancelResting(maker, CancelReason.SELF_TRADE);
                listener.onOrderCancelled(
                    takerOrderId, takerAccountId, takerClientOrderId, instrumentId, side, left,
                    CancelReason.SELF_TRADE);
                return TAKER_CANCELLED;

            case DECREMENT_AND_CANCEL:
            {
                final long makerLeaves = orders.leaves(maker);
                final long decrement = Math.min(left, makerLeaves);
                if (decrement == makerLeaves)
                {
                    cancelResting(maker, CancelReason.SELF_TRADE);
                }
                else
                {
                    listener.onOrderReduced(
                        orders.orderId(maker), accountIdOf(maker), orders.clientOrderId(maker), instrumentId,
                        side.opposite(), decrement, makerLeaves - decrement, CancelReason.SELF_TRADE);
                    reduceResting(maker, decrement);
                }
                if (decrement == left)
                {
                    listener.onOrderCancelled(
                        takerOrderId, takerAccountId, takerClientOrderId, instrumentId, side, left,
                        CancelReason.SELF_TRADE);
                    return TAKER_CANCELLED;
                }
                listener.onOrderReduced(
                    takerOrderId, takerAccountId, takerClientOrderId, instrumentId, side, decrement,
                    left - decrement, CancelReason.SELF_TRADE);
                return left - decrement;
            }

            case CANCEL_TAKER:
            default:
                listener.onOrderCancelled(
                    takerOrderId, takerAccountId, takerClientOrderId, instrumentId, side, left,
                    CancelReason.SELF_TRADE);
                return TAKER_CANCELLED;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book maintenance: every change of a level is reported here and only here
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Puts an order (already in the pool and the indexes) at the back of its price level, creating the level if
     * needed. Capacity for the level was checked before matching.
     */
    private void rest(final int order, final int instrument, final int sideCode, final long price, final long leaves)
    {
        final PriceLadder ladder = instruments.ladder(instrument, sideCode);
        int level = ladder.level(price);
        if (level == NONE)
        {
            level = levels.allocate(price);
            ladder.add(price, level);
        }
        orders.price(order, price);
        orders.leaves(order, leaves);
        levels.append(level, order, leaves, orders);
        levelChanged(instrument, sideCode, level);
    }

    private void reduceResting(final int order, final long quantity)
    {
        orders.leaves(order, orders.leaves(order) - quantity);
        final int level = orders.level(order);
        levels.reduce(level, quantity);
        levelChanged(orders.instrumentIndex(order), orders.side(order), level);
    }

    private void cancelResting(final int order, final CancelReason reason)
    {
        final int instrument = orders.instrumentIndex(order);
        listener.onOrderCancelled(
            orders.orderId(order), accountIdOf(order), orders.clientOrderId(order),
            instruments.instrumentId(instrument), Side.fromCode(orders.side(order)), orders.leaves(order), reason);
        removeResting(order);
    }

    /**
     * Takes a resting order out of its level, its account's list, the indexes and the pool.
     */
    private void removeResting(final int order)
    {
        final int account = orders.accountIndex(order);
        orderIndexById.remove(order);
        orderIndexByClientId.remove(account, orders.clientOrderId(order));
        accounts.unlink(account, order, orders);
        leaveLevel(order);
        orders.free(order);
    }

    /**
     * Unlinks an order from its level (reporting the change) and drops the level if it emptied.
     */
    private void leaveLevel(final int order)
    {
        final int level = orders.level(order);
        final int instrument = orders.instrumentIndex(order);
        final int sideCode = orders.side(order);
        levels.unlink(level, order, orders.leaves(order), orders);
        orders.level(order, NONE);
        levelChanged(instrument, sideCode, level);
        if (levels.orderCount(level) == 0)
        {
            instruments.ladder(instrument, sideCode).remove(levels.price(level));
            levels.free(level);
        }
    }

    private void levelChanged(final int instrument, final int sideCode, final int level)
    {
        listener.onPriceLevelChanged(
            instruments.instrumentId(instrument), Side.fromCode(sideCode), levels.price(level),
            levels.totalQuantity(level), levels.orderCount(level));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cancel, replace, mass cancel, session cancel
    // ---------------------------------------------------------------------------------------------------------------

    public void cancelOrder(final long accountId, final long orderId)
    {
        final int order = findOrder(accountId, orderId);
        if (order == NONE)
        {
            listener.onCancelRejected(accountId, orderId, NULL_ID, RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancelResting(order, CancelReason.CLIENT_REQUEST);
    }

    public void cancelOrderByClientId(final long accountId, final long clientOrderId)
    {
        final int account = accounts.indexOf(accountId);
        final int order = account == NONE ? NONE : orderIndexByClientId.get(account, clientOrderId);
        if (order == NONE)
        {
            listener.onCancelRejected(accountId, NULL_ID, clientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancelResting(order, CancelReason.CLIENT_REQUEST);
    }

    /**
     * Replaces a resting order's price, open quantity and client order id. {@code newQuantity} is the new open
     * quantity. Same price and no more quantity keeps time priority; anything else re-enters the book as a taker.
     */
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity)
    {
        final int order = findOrder(accountId, orderId);
        if (order == NONE)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final int instrument = orders.instrumentIndex(order);
        final RejectReason invalid = validateReplace(order, instrument, newClientOrderId, newPrice, newQuantity);
        if (invalid != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, invalid);
            return;
        }

        final int account = orders.accountIndex(order);
        final long oldClientOrderId = orders.clientOrderId(order);
        if (oldClientOrderId != newClientOrderId)
        {
            orderIndexByClientId.remove(account, oldClientOrderId);
            orderIndexByClientId.put(account, newClientOrderId, order);
            orders.clientOrderId(order, newClientOrderId);
        }

        final int sideCode = orders.side(order);
        final Side side = Side.fromCode(sideCode);
        final long leaves = orders.leaves(order);
        final int instrumentId = instruments.instrumentId(instrument);
        final boolean priorityKept = newPrice == orders.price(order) && newQuantity <= leaves;
        listener.onOrderReplaced(
            orderId, accountId, newClientOrderId, instrumentId, side, newPrice, newQuantity, priorityKept);

        if (priorityKept)
        {
            if (newQuantity != leaves)
            {
                reduceResting(order, leaves - newQuantity);
            }
            return;
        }

        leaveLevel(order);
        final long left = match(
            instrument, side, false, newPrice, newQuantity, orderId, accountId, account, newClientOrderId,
            SelfTradePrevention.fromOrdinal(orders.selfTradePrevention(order)));
        if (left > 0)
        {
            rest(order, instrument, sideCode, newPrice, left);
        }
        else
        {
            // filled in full (the trades reported it) or cancelled by self-trade prevention (so was that)
            orderIndexById.remove(order);
            orderIndexByClientId.remove(account, newClientOrderId);
            accounts.unlink(account, order, orders);
            orders.free(order);
        }
    }

    private RejectReason validateReplace(
        final int order,
        final int instrument,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity)
    {
        if (instruments.isHalted(instrument))
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final RejectReason badQuantity = validateQuantity(instrument, newQuantity);
        if (badQuantity != null)
        {
            return badQuantity;
        }
        final RejectReason badPrice = validatePrice(instrument, newPrice);
        if (badPrice != null)
        {
            return badPrice;
        }
        final int account = orders.accountIndex(order);
        if (newClientOrderId != orders.clientOrderId(order) &&
            orderIndexByClientId.get(account, newClientOrderId) != NONE)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        final long price = orders.price(order);
        if (newPrice == price && newQuantity <= orders.leaves(order))
        {
            return null;
        }
        final int sideCode = orders.side(order);
        if (orders.postOnly(order) && wouldCross(instrument, sideCode, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (newPrice != price && levels.isFull() && instruments.ladder(instrument, sideCode).level(newPrice) == NONE &&
            levels.orderCount(orders.level(order)) > 1)
        {
            return RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED;
        }
        return null;
    }

    /**
     * Cancels the account's resting orders, on one instrument or on all, in ascending order id.
     */
    public void massCancel(final long accountId, final int instrumentId)
    {
        final int account = accounts.indexOf(accountId);
        final boolean allInstruments = instrumentId == ALL_INSTRUMENTS;
        final int instrument = allInstruments ? NONE : instruments.indexOf(instrumentId);
        int cancelled = 0;
        if (account != NONE && (allInstruments || instrument != NONE))
        {
            int order = accounts.head(account);
            while (order != NONE)
            {
                final int next = orders.accountNext(order);
                if (allInstruments || orders.instrumentIndex(order) == instrument)
                {
                    cancelResting(order, CancelReason.MASS_CANCEL);
                    cancelled++;
                }
                order = next;
            }
        }
        listener.onMassCancelled(accountId, instrumentId, cancelled);
    }

    /**
     * Cancels the account's resting orders that the session entered, on every instrument, in ascending order id, and
     * reports them as a mass cancel across all instruments: what cancel-on-disconnect does when that session ends.
     * The account's orders from its other sessions stay.
     *
     * @param sessionId as given to {@link #newOrder(long, long, long, int, Side, OrderType, TimeInForce, long, long,
     *                  boolean, SelfTradePrevention) newOrder}; {@link #NO_SESSION} cancels the orders no session
     *                  entered.
     */
    public void cancelSessionOrders(final long accountId, final long sessionId)
    {
        final int account = accounts.indexOf(accountId);
        int cancelled = 0;
        if (account != NONE)
        {
            int order = accounts.head(account);
            while (order != NONE)
            {
                final int next = orders.accountNext(order);
                if (orders.sessionId(order) == sessionId)
                {
                    cancelResting(order, CancelReason.MASS_CANCEL);
                    cancelled++;
                }
                order = next;
            }
        }
        listener.onMassCancelled(accountId, ALL_INSTRUMENTS, cancelled);
    }

    private long accountIdOf(final int order)
    {
        return accounts.accountId(orders.accountIndex(order));
    }

    private int findOrder(final long accountId, final long orderId)
    {
        final int order = orderIndexById.get(orderId);
        return order != NONE && accountIdOf(order) == accountId ? order : NONE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State: save and load, for snapshots (not the hot path)
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Writes the whole state: id counters, instruments in table order, accounts in registration order, every book
     * (each level best first, its orders in time priority, each with the session that entered it), then each
     * account's orders in its own order. Loading it into a fresh engine of the same capacity gives one that answers
     * every later command exactly as this one would.
     */
    public void saveState(final DataOutput out) throws IOException
    {
        out.writeLong(nextOrderId);
        out.writeLong(nextTradeId);
        out.writeInt(instruments.size());
        for (int instrument = 0, size = instruments.size(); instrument < size; instrument++)
        {
            out.writeInt(instruments.instrumentId(instrument));
            out.writeUTF(instruments.symbol(instrument));
            out.writeLong(instruments.tickSize(instrument));
            out.writeLong(instruments.lotSize(instrument));
            out.writeLong(instruments.minQuantity(instrument));
            out.writeLong(instruments.maxQuantity(instrument));
            out.writeLong(instruments.lowPrice(instrument));
            out.writeLong(instruments.highPrice(instrument));
            out.writeBoolean(instruments.isHalted(instrument));
        }
        out.writeInt(accounts.size());
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            out.writeLong(accounts.accountId(account));
        }
        out.writeInt(orders.size());
        for (int instrument = 0, size = instruments.size(); instrument < size; instrument++)
        {
            for (int sideCode = BIDS; sideCode <= ASKS; sideCode++)
            {
                final PriceLadder ladder = instruments.ladder(instrument, sideCode);
                for (int level = ladder.bestLevel(); level != NONE; level = ladder.nextLevel(level))
                {
                    for (int order = levels.head(level); order != NONE; order = orders.next(order))
                    {
                        out.writeInt(instrument);
                        out.writeByte(sideCode);
                        out.writeLong(orders.orderId(order));
                        out.writeInt(orders.accountIndex(order));
                        out.writeLong(orders.sessionId(order));
                        out.writeLong(orders.clientOrderId(order));
                        out.writeLong(orders.price(order));
                        out.writeLong(orders.leaves(order));
                        out.writeByte(orders.selfTradePrevention(order));
                        out.writeBoolean(orders.postOnly(order));
                    }
                }
            }
        }
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            for (int order = accounts.head(account); order != NONE; order = orders.accountNext(order))
            {
                out.writeLong(orders.orderId(order));
            }
            out.writeLong(NULL_ID);
        }
    }

    /**
     * Loads what {@link #saveState} wrote into this engine, which must be fresh (nothing defined, nothing resting):
     * {@link #readState}, then {@link #loadState(SavedEngineState)}. Reports nothing to the listener.
     *
     * @throws IOException           if the input ends early; the engine is unchanged.
     * @throws IllegalStateException if the engine is not fresh, or the state breaks an invariant or does not fit this
     *                               engine's capacity; the engine is unchanged.
     */
    public void loadState(final DataInput in) throws IOException
    {
        loadState(readState(in));
    }

    /**
     * Reads what {@link #saveState} wrote and checks it against every invariant this engine keeps and against its
     * capacity ({@link SavedEngineState}), without changing anything here.
     *
     * @throws IOException           if the input ends early.
     * @throws IllegalStateException naming the first problem found.
     */
    public SavedEngineState readState(final DataInput in) throws IOException
    {
        return SavedEngineState.read(in, this, capacity, maxQuantityLimit);
    }

    /**
     * Loads a state that {@link #readState} read and checked for this engine, which must still be fresh. Reports
     * nothing to the listener.
     *
     * @throws IllegalStateException if the state was read for another engine or this one is not fresh.
     */
    public void loadState(final SavedEngineState state)
    {
        require(state.readFor == this, "a state read for another engine");
        require(instruments.size() == 0 && accounts.size() == 0 && orders.size() == 0,
            "state can only be loaded into a fresh engine");
        final int[] poolIndex = new int[state.orderCount]; // the one allocation: before anything changes
        nextOrderId = state.nextOrderId;
        nextTradeId = state.nextTradeId;
        for (int i = 0; i < state.instrumentCount; i++)
        {
            final int instrument = instruments.add(state.instrumentIds[i]);
            instruments.define(
                instrument, state.symbols[i], state.tickSizes[i], state.lotSizes[i], state.minQuantities[i],
                state.maxQuantities[i], state.lowPrices[i], state.highPrices[i]);
            instruments.halted(instrument, state.halted[i]);
        }
        for (int account = 0; account < state.accountIds.length; account++)
        {
            accounts.register(state.accountIds[account]);
        }
        for (int i = 0; i < state.orderCount; i++)
        {
            final int instrument = state.orderInstrument[i];
            final int sideCode = state.orderSide[i];
            final long price = state.orderPrice[i];
            final long leaves = state.orderLeaves[i];
            final int order = orders.allocate();
            poolIndex[i] = order;
            orders.orderId(order, state.orderId[i]);
            orders.accountIndex(order, state.orderAccount[i]);
            orders.sessionId(order, state.orderSession[i]);
            orders.clientOrderId(order, state.orderClientId[i]);
            orders.instrumentIndex(order, instrument);
            orders.side(order, sideCode);
            orders.selfTradePrevention(order, state.orderStp[i]);
            orders.postOnly(order, state.orderPostOnly[i]);
            orderIndexById.put(state.orderId[i], order);
            orderIndexByClientId.put(state.orderAccount[i], state.orderClientId[i], order);
            final PriceLadder ladder = instruments.ladder(instrument, sideCode);
            int level = ladder.level(price);
            if (level == NONE)
            {
                level = levels.allocate(price);
                ladder.add(price, level);
            }
            orders.price(order, price);
            orders.leaves(order, leaves);
            levels.append(level, order, leaves, orders);
        }
        for (int account = 0, listed = 0; account < state.accountIds.length; account++)
        {
            for (int end = listed + state.accountListLength[account]; listed < end; listed++)
            {
                accounts.append(account, poolIndex[state.accountListOrders[listed]], orders);
            }
        }
    }

    private static void require(final boolean condition, final String problem)
    {
        if (!condition)
        {
            throw new IllegalStateException("bad engine state: " + problem);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries: state digest, book walks, counters (not for the hot path, but allocation-free all the same)
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A hash over every instrument's status and book (every live order in priority order) and the id counters; the
     * exact fold is described in {@code MATCHING-RULES.md}.
     */
    public long digest()
    {
        long hash = StateDigest.SEED;
        for (int instrument = 0, size = instruments.size(); instrument < size; instrument++)
        {
            hash = StateDigest.mix(hash, instruments.instrumentId(instrument));
            hash = StateDigest.mix(hash, instruments.isHalted(instrument) ? 1 : 0);
            for (int sideCode = BIDS; sideCode <= ASKS; sideCode++)
            {
                final PriceLadder ladder = instruments.ladder(instrument, sideCode);
                for (int level = ladder.bestLevel(); level != NONE; level = ladder.nextLevel(level))
                {
                    hash = StateDigest.mix(hash, levels.price(level));
                    for (int order = levels.head(level); order != NONE; order = orders.next(order))
                    {
                        hash = StateDigest.mix(hash, orders.orderId(order));
                        hash = StateDigest.mix(hash, accountIdOf(order));
                        hash = StateDigest.mix(hash, orders.sessionId(order));
                        hash = StateDigest.mix(hash, orders.clientOrderId(order));
                        hash = StateDigest.mix(hash, sideCode);
                        hash = StateDigest.mix(hash, orders.price(order));
                        hash = StateDigest.mix(hash, orders.leaves(order));
                        hash = StateDigest.mix(hash, orders.selfTradePrevention(order));
                        hash = StateDigest.mix(hash, orders.postOnly(order) ? 1 : 0);
                    }
                }
            }
        }
        hash = StateDigest.mix(hash, nextOrderId);
        return StateDigest.mix(hash, nextTradeId);
    }

    /**
     * Walks one instrument's book (bids best to worst, then asks best to worst); nothing if the instrument is unknown.
     */
    public void visitBook(final int instrumentId, final BookVisitor visitor)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            return;
        }
        for (int sideCode = BIDS; sideCode <= ASKS; sideCode++)
        {
            final Side side = Side.fromCode(sideCode);
            final PriceLadder ladder = instruments.ladder(instrument, sideCode);
            for (int level = ladder.bestLevel(); level != NONE; level = ladder.nextLevel(level))
            {
                final long price = levels.price(level);
                visitor.onLevel(side, price, levels.totalQuantity(level), levels.orderCount(level));
                for (int order = levels.head(level); order != NONE; order = orders.next(order))
                {
                    visitor.onOrder(
                        side, price, orders.orderId(order), accountIdOf(order), orders.clientOrderId(order),
                        orders.leaves(order), SelfTradePrevention.fromOrdinal(orders.selfTradePrevention(order)),
                        orders.postOnly(order));
                }
            }
        }
    }

    public long bestBid(final int instrumentId)
    {
        return bestPrice(instrumentId, BIDS);
    }

    public long bestAsk(final int instrumentId)
    {
        return bestPrice(instrumentId, ASKS);
    }

    private long bestPrice(final int instrumentId, final int sideCode)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            return NULL_PRICE;
        }
        final int level = instruments.ladder(instrument, sideCode).bestLevel();
        return level == NONE ? NULL_PRICE : levels.price(level);
    }

    public boolean hasInstrument(final int instrumentId)
    {
        return instruments.indexOf(instrumentId) != NONE;
    }

    public boolean isHalted(final int instrumentId)
    {
        final int instrument = instruments.indexOf(instrumentId);
        return instrument != NONE && instruments.isHalted(instrument);
    }

    /** Orders resting in all books. */
    public int restingOrderCount()
    {
        return orders.size();
    }

    /** Non-empty price levels in all books. */
    public int priceLevelCount()
    {
        return levels.size();
    }

    public int accountCount()
    {
        return accounts.size();
    }

    public int instrumentCount()
    {
        return instruments.size();
    }

    /** The id the next accepted order will get. */
    public long nextOrderId()
    {
        return nextOrderId;
    }

    /** The id the next trade will get. */
    public long nextTradeId()
    {
        return nextTradeId;
    }
}
