package io.matchpoint.engine.match;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.ClientOrderIdIndex;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.book.RiskExposure;

/**
 * The matching core's front: every command and query enters here. It owns the order ids (each carries its order's
 * pool slot, {@link OrderIdScheme}), the accounts and the instrument definitions and halts; it validates each command
 * ({@link OrderValidation}) and routes what is accepted to the books ({@link OrderBooks}: matching, self-trade
 * prevention, resting and cancelling). Saving and loading the state ({@link EngineStateWriter},
 * {@link SavedEngineState}, {@link EngineStateLoader}) and the read-only queries ({@link EngineInspector}) have
 * classes of their own. A pure state machine: commands in, {@link EngineListener} events out, the same events for
 * the same commands on any machine. The rules are in {@code MATCHING-RULES.md} next to this module's pom.
 * <p>
 * Not thread-safe by design: one thread (the matcher) calls every method. All capacity is allocated in the
 * constructor from {@link EngineConfig}; after that, commands allocate nothing, except that defining or redefining an
 * instrument keeps a copy of its symbol (for the snapshots and instrument lists to come). Enum arguments must not be
 * null.
 */
public final class MatchingEngine
{
    /** "No id": no order or trade id is ever 0 (order ids are positive, trade ids start at 1). */
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
    /** A risk limit that is not set: nothing is checked against it. */
    public static final long NO_LIMIT = -1;
    /** The account id of the default risk limits, which every account without its own follows. */
    public static final long ALL_ACCOUNTS = Long.MIN_VALUE;

    private static final int NONE = OrderPool.NONE;
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final EngineListener listener;
    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final OrderIdScheme ids;
    private final ClientOrderIdIndex orderIndexByClientId;
    private final OrderBooks books;
    private final OrderValidation validation;
    private final EngineStateWriter stateWriter;
    private final EngineStateLoader stateLoader;
    private final EngineInspector inspector;
    /** A copy of the capacity the pools were sized with: the caller's builder may change afterwards. */
    private final EngineConfig capacity;
    private final int ticksPerBook;
    /** No instrument's maximum quantity exceeds this, so no sum of resting quantities can overflow a long. */
    private final long maxQuantityLimit;
    /** The sequence number of the next accepted order: the high bits of its id. */
    private long nextOrderSequence = 1;
    private final KilledAccounts killedAccounts = new KilledAccounts();
    private final RiskExposure exposure;
    private final RiskLimits riskLimits;
    private final RiskChecks riskChecks;
    /** The six limits of a command, gathered for {@link RiskLimits}. */
    private final long[] limitsScratch = new long[RiskLimits.COUNT];

    public MatchingEngine(final EngineConfig config, final EngineListener listener)
    {
        config.conclude();
        this.listener = listener;
        orders = new OrderPool(config.maxOrders());
        levels = new PriceLevelPool(config.maxPriceLevels());
        instruments = new InstrumentTable(config.maxInstruments(), config.ticksPerBook(), levels);
        accounts = new AccountTable(config.maxAccounts());
        ids = new OrderIdScheme(config.maxOrders());
        orderIndexByClientId = new ClientOrderIdIndex(orders);
        exposure = new RiskExposure(config.maxAccounts(), config.maxInstruments());
        riskLimits = new RiskLimits(config.maxAccounts());
        riskChecks = new RiskChecks(riskLimits, exposure);
        books = new OrderBooks(listener, orders, levels, instruments, accounts, orderIndexByClientId, exposure);
        validation = new OrderValidation(orders, levels, instruments, orderIndexByClientId, books);
        stateWriter =
            new EngineStateWriter(orders, levels, instruments, accounts, ids, killedAccounts, exposure, riskLimits);
        stateLoader = new EngineStateLoader(orders, levels, instruments, accounts, orderIndexByClientId, exposure);
        inspector = new EngineInspector(orders, levels, instruments, accounts, killedAccounts, exposure, riskLimits);
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
        books.cancelOutsideBand(instrument, lowPrice, highPrice);
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
     * A new order that is not an iceberg: see {@link #newOrder(long, long, long, int, Side, OrderType, TimeInForce,
     * long, long, long, boolean, SelfTradePrevention)} with a display quantity of 0.
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
        newOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity, 0,
            postOnly, selfTradePrevention);
    }

    /**
     * A new order that is not a stop order: see {@link #newOrder(long, long, long, int, Side, OrderType, TimeInForce,
     * long, long, long, long, boolean, SelfTradePrevention)} with a stop price of 0.
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
        final long displayQuantity,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        newOrder(
            accountId, sessionId, clientOrderId, instrumentId, side, orderType, timeInForce, price, quantity,
            displayQuantity, 0, postOnly, selfTradePrevention);
    }

    /**
     * Validates, accepts and matches a new order, or for a stop order accepts it to wait; then enters the stop orders
     * its trades triggered. See {@code MATCHING-RULES.md} for the checks and the events.
     *
     * @param sessionId       the session entering the order, chosen outside the core ({@link #NO_SESSION} for none):
     *                        the order keeps it while it rests, for {@link #cancelSessionOrders}.
     * @param displayQuantity above 0 for an iceberg (a GTC limit order that shows at most this much of itself at a
     *                        time), else 0.
     * @param stopPrice       for a {@link OrderType#STOP} or {@link OrderType#STOP_LIMIT} order, the price a trade
     *                        must reach to trigger it; ignored for any other order.
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
        final long displayQuantity,
        final long stopPrice,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        if (killedAccounts.isKilled(accountId))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.ACCOUNT_KILLED);
            return;
        }
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final RejectReason invalid =
            validation.newOrderProblem(instrument, orderType, timeInForce, price, quantity, displayQuantity, postOnly);
        if (invalid != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, invalid);
            return;
        }
        if (orderType == OrderType.LIMIT && instruments.isOutsideCollar(instrument, price))
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, RejectReason.PRICE_OUTSIDE_COLLAR);
            return;
        }
        final int sideCode = side.code();
        final boolean stop = orderType.isStop();
        if (stop)
        {
            final RejectReason badStop = validation.stopPriceProblem(instrument, sideCode, stopPrice);
            if (badStop != null)
            {
                listener.onOrderRejected(accountId, clientOrderId, instrumentId, badStop);
                return;
            }
        }
        final int account = accounts.register(accountId);
        if (account == NONE)
        {
            listener.onOrderRejected(
                accountId, clientOrderId, instrumentId, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED);
            return;
        }
        final boolean market = orderType == OrderType.MARKET;
        final boolean mayRest = orderType == OrderType.LIMIT && timeInForce == TimeInForce.GTC;
        final RejectReason conflict = validation.newOrderConflict(
            instrument, account, clientOrderId, sideCode, stop ? stopPrice : price, postOnly, mayRest, stop,
            nextOrderSequence > ids.maxSequence());
        if (conflict != null)
        {
            listener.onOrderRejected(accountId, clientOrderId, instrumentId, conflict);
            return;
        }
        // a market order under a price collar matches as a limit order at the collar's edge
        final boolean collared = market && instruments.hasCollar(instrument);
        final boolean walkAll = market && !collared;
        final long matchPrice = collared ? instruments.collarLimit(instrument, side == Side.BUY) : market ? 0 : price;
        // what a stop order counts at while it waits: its limit price, or a STOP's stop price
        final long stopExposurePrice = orderType == OrderType.STOP ? stopPrice : price;
        if (riskChecks.isActive(account))
        {
            // a market order's notional is taken at the furthest price it may trade at
            final long notionalPrice = stop ? stopExposurePrice : !market ? price : collared ? matchPrice :
                side == Side.BUY ? instruments.highPrice(instrument) : instruments.lowPrice(instrument);
            final RejectReason breach =
                riskChecks.newOrderBreach(account, instrument, sideCode, mayRest || stop, notionalPrice, quantity);
            if (breach != null)
            {
                listener.onOrderRejected(accountId, clientOrderId, instrumentId, breach);
                return;
            }
        }

        // an order that may rest or wait takes its slot now, before matching frees any: its id carries it (the pool
        // has room)
        final int order = mayRest || stop ? orders.allocate() : NONE;
        final long orderId = ids.orderId(nextOrderSequence++, order);
        final long limitPrice = market || orderType == OrderType.STOP ? 0 : price;
        listener.onOrderAccepted(
            orderId, accountId, clientOrderId, instrumentId, side, orderType, timeInForce, limitPrice, quantity,
            displayQuantity, stop ? stopPrice : 0);
        if (stop)
        {
            books.waitStop(
                order, orderId, account, sessionId, clientOrderId, instrument, sideCode, selfTradePrevention,
                orderType, timeInForce, stopExposurePrice, stopPrice, quantity);
            return;
        }
        if (timeInForce == TimeInForce.FOK &&
            !books.isFillable(instrument, sideCode, walkAll, matchPrice, quantity, account, selfTradePrevention))
        {
            listener.onOrderCancelled(
                orderId, accountId, clientOrderId, instrumentId, side, quantity, CancelReason.FOK_NOT_FILLABLE);
            return;
        }

        final long left = books.match(
            instrument, side, walkAll, matchPrice, quantity, orderId, accountId, account, clientOrderId,
            selfTradePrevention);
        if (left > 0 && mayRest)
        {
            books.restNewOrder(
                order, orderId, account, sessionId, clientOrderId, instrument, sideCode, selfTradePrevention, postOnly,
                limitPrice, left, displayQuantity);
        }
        else
        {
            if (left > 0)
            {
                cancelUnfilled(orderId, accountId, clientOrderId, instrument, side, left, collared);
            }
            else if (mayRest)
            {
                // filled in full, or cancelled by self-trade prevention: the slot goes back after the makers' slots
                orders.free(order);
            }
        }
        if (books.hasTriggeredStops())
        {
            enterTriggeredStops();
        }
    }

    /**
     * What an order that may not rest has left after matching is cancelled: beyond a collar that held it back while
     * the book still has liquidity, {@code OUTSIDE_COLLAR}, else {@code NO_LIQUIDITY}.
     */
    private void cancelUnfilled(
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrument,
        final Side side,
        final long left,
        final boolean collared)
    {
        final boolean liquidityBeyondCollar =
            collared && instruments.ladder(instrument, 1 - side.code()).bestLevel() != NONE;
        listener.onOrderCancelled(orderId, accountId, clientOrderId, instruments.instrumentId(instrument), side, left,
            liquidityBeyondCollar ? CancelReason.OUTSIDE_COLLAR : CancelReason.NO_LIQUIDITY);
    }

    /**
     * Enters the triggered stop orders, first triggered first, until none is left: each as a new order of its kind
     * from the FOK check on, its own trades triggering more ({@code MATCHING-RULES.md}, "Stop orders").
     */
    private void enterTriggeredStops()
    {
        int order;
        while ((order = books.pollTriggeredStop()) != NONE)
        {
            final int instrument = orders.instrumentIndex(order);
            final int instrumentId = instruments.instrumentId(instrument);
            final int account = orders.accountIndex(order);
            final long accountId = accounts.accountId(account);
            final long orderId = orders.orderId(order);
            final long clientOrderId = orders.clientOrderId(order);
            final Side side = Side.fromCode(orders.side(order));
            final boolean market = orders.stopOrderType(order) == OrderType.STOP.ordinal();
            final TimeInForce timeInForce = TimeInForce.fromOrdinal(orders.stopTimeInForce(order));
            final SelfTradePrevention selfTradePrevention =
                SelfTradePrevention.fromOrdinal(orders.selfTradePrevention(order));
            final long price = orders.price(order);
            final long quantity = orders.leaves(order);
            final boolean mayRest = !market && timeInForce == TimeInForce.GTC;
            listener.onStopTriggered(orderId, accountId, clientOrderId, instrumentId, side, orders.stopPrice(order));

            final CancelReason refused = !market && instruments.isOutsideCollar(instrument, price) ?
                CancelReason.OUTSIDE_COLLAR :
                mayRest && levels.isFull() && !books.hasLevel(instrument, side.code(), price) ?
                CancelReason.PRICE_LEVEL_CAPACITY_EXHAUSTED : null;
            if (refused != null)
            {
                listener.onOrderCancelled(orderId, accountId, clientOrderId, instrumentId, side, quantity, refused);
                books.discardTriggered(order);
                continue;
            }
            final boolean collared = market && instruments.hasCollar(instrument);
            final boolean walkAll = market && !collared;
            final long matchPrice =
                collared ? instruments.collarLimit(instrument, side == Side.BUY) : market ? 0 : price;
            if (timeInForce == TimeInForce.FOK && !books.isFillable(
                instrument, side.code(), walkAll, matchPrice, quantity, account, selfTradePrevention))
            {
                listener.onOrderCancelled(
                    orderId, accountId, clientOrderId, instrumentId, side, quantity, CancelReason.FOK_NOT_FILLABLE);
                books.discardTriggered(order);
                continue;
            }
            final long left = books.match(
                instrument, side, walkAll, matchPrice, quantity, orderId, accountId, account, clientOrderId,
                selfTradePrevention);
            if (left > 0 && mayRest)
            {
                books.restTriggered(order, price, left);
                continue;
            }
            if (left > 0)
            {
                cancelUnfilled(orderId, accountId, clientOrderId, instrument, side, left, collared);
            }
            books.discardTriggered(order);
        }
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
        books.cancelResting(order, CancelReason.CLIENT_REQUEST);
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
        books.cancelResting(order, CancelReason.CLIENT_REQUEST);
    }

    /**
     * Replaces a resting order's price, open quantity and client order id. {@code newQuantity} is the new open
     * quantity. Same price and no more quantity keeps time priority; anything else re-enters the book as a taker. A
     * waiting stop order keeps its stop price.
     */
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity)
    {
        replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity, true, 0);
    }

    /**
     * As {@link #replaceOrder(long, long, long, long, long)}, and a waiting stop order gets {@code newStopPrice}
     * (ignored for an order in the book); see {@code MATCHING-RULES.md}, "Stop orders".
     */
    public void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final long newStopPrice)
    {
        replaceOrder(accountId, orderId, newClientOrderId, newPrice, newQuantity, false, newStopPrice);
    }

    private void replaceOrder(
        final long accountId,
        final long orderId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final boolean sameStopPrice,
        final long newStopPrice)
    {
        if (killedAccounts.isKilled(accountId))
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.ACCOUNT_KILLED);
            return;
        }
        final int order = findOrder(accountId, orderId);
        if (order == NONE)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (orders.isWaitingStop(order))
        {
            replaceStop(
                order, accountId, newClientOrderId, newPrice, newQuantity,
                sameStopPrice ? orders.stopPrice(order) : newStopPrice);
            return;
        }
        final int instrument = orders.instrumentIndex(order);
        final RejectReason invalid =
            validation.replaceProblem(order, instrument, newClientOrderId, newPrice, newQuantity);
        if (invalid != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, invalid);
            return;
        }
        // read once, for the risk checks and the replace both
        final int sideCode = orders.side(order);
        final long price = orders.price(order);
        final long leaves = orders.totalLeaves(order);
        final RejectReason breach = replaceRiskBreach(
            orders.accountIndex(order), instrument, sideCode, price, leaves, newPrice, newQuantity);
        if (breach != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, breach);
            return;
        }

        if (orders.clientOrderId(order) != newClientOrderId)
        {
            books.changeClientOrderId(order, newClientOrderId);
        }

        final Side side = Side.fromCode(sideCode);
        final int instrumentId = instruments.instrumentId(instrument);
        final boolean priorityKept = newPrice == price && newQuantity <= leaves;
        listener.onOrderReplaced(
            orderId, accountId, newClientOrderId, instrumentId, side, newPrice, newQuantity, priorityKept, 0);

        if (priorityKept)
        {
            if (newQuantity != leaves)
            {
                books.shrinkResting(order, leaves - newQuantity);
            }
            return;
        }
        books.reenter(order, side, accountId, newPrice, newQuantity);
        if (books.hasTriggeredStops())
        {
            enterTriggeredStops();
        }
    }

    private void replaceStop(
        final int order,
        final long accountId,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final long newStopPrice)
    {
        final long orderId = orders.orderId(order);
        final int instrument = orders.instrumentIndex(order);
        final RejectReason invalid =
            validation.replaceStopProblem(order, instrument, newClientOrderId, newPrice, newQuantity, newStopPrice);
        if (invalid != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, invalid);
            return;
        }
        final boolean stopLimit = orders.stopOrderType(order) == OrderType.STOP_LIMIT.ordinal();
        // what it counts at while it waits: its limit price, or a STOP's stop price
        final long exposurePrice = stopLimit ? newPrice : newStopPrice;
        final RejectReason breach = replaceRiskBreach(
            orders.accountIndex(order), instrument, orders.side(order), orders.price(order), orders.totalLeaves(order),
            exposurePrice, newQuantity);
        if (breach != null)
        {
            listener.onReplaceRejected(accountId, orderId, newClientOrderId, breach);
            return;
        }

        if (orders.clientOrderId(order) != newClientOrderId)
        {
            books.changeClientOrderId(order, newClientOrderId);
        }
        final boolean placeKept = validation.keepsStopPlace(order, newPrice, newQuantity, newStopPrice);
        listener.onOrderReplaced(
            orderId, accountId, newClientOrderId, instruments.instrumentId(instrument),
            Side.fromCode(orders.side(order)),
            stopLimit ? newPrice : 0, newQuantity, placeKept, newStopPrice);
        if (placeKept)
        {
            if (newQuantity != orders.leaves(order))
            {
                books.shrinkResting(order, orders.leaves(order) - newQuantity);
            }
            return;
        }
        books.moveStop(order, exposurePrice, newStopPrice, newQuantity);
    }

    /**
     * @param price    the price the order counts at now: its limit, a waiting STOP's stop price.
     * @param leaves   its open quantity now, hidden quantity included.
     * @param newPrice the price the replaced order counts at: its new price, a waiting STOP's new stop price.
     * @return the first risk limit of the order's account that the replace would break, or null.
     */
    private RejectReason replaceRiskBreach(
        final int account,
        final int instrument,
        final int sideCode,
        final long price,
        final long leaves,
        final long newPrice,
        final long newQuantity)
    {
        return riskChecks.isActive(account) ?
            riskChecks.replaceBreach(account, instrument, sideCode, price, leaves, newPrice, newQuantity) : null;
    }

    /**
     * Cancels the account's resting orders, on one instrument or on all, in ascending order id.
     */
    public void massCancel(final long accountId, final int instrumentId)
    {
        final boolean allInstruments = instrumentId == ALL_INSTRUMENTS;
        final int instrument = allInstruments ? NONE : instruments.indexOf(instrumentId);
        final int cancelled = allInstruments || instrument != NONE ?
            cancelAccountOrders(accountId, instrument, CancelReason.MASS_CANCEL) : 0;
        listener.onMassCancelled(accountId, instrumentId, cancelled);
    }

    /**
     * Cancels the account's resting orders in ascending order id (its list's order), on one instrument or, for
     * {@link #NONE}, on all.
     *
     * @return how many it cancelled; 0 for an account the core has never seen.
     */
    private int cancelAccountOrders(final long accountId, final int instrument, final CancelReason reason)
    {
        final int account = accounts.indexOf(accountId);
        int cancelled = 0;
        if (account != NONE)
        {
            int order = accounts.head(account);
            while (order != NONE)
            {
                final int next = orders.accountNext(order);
                if (instrument == NONE || orders.instrumentIndex(order) == instrument)
                {
                    books.cancelResting(order, reason);
                    cancelled++;
                }
                order = next;
            }
        }
        return cancelled;
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
                    books.cancelResting(order, CancelReason.MASS_CANCEL);
                    cancelled++;
                }
                order = next;
            }
        }
        listener.onMassCancelled(accountId, ALL_INSTRUMENTS, cancelled);
    }

    /**
     * The kill switch: cancels every resting order of the account, on every instrument, in ascending order id, and
     * refuses its new orders and replaces until {@link #reviveAccount}. Works on an account the core has never seen
     * (it is stopped before its first order) and on one already killed (nothing left to cancel).
     */
    public void killAccount(final long accountId)
    {
        final int cancelled = cancelAccountOrders(accountId, NONE, CancelReason.KILL_SWITCH);
        killedAccounts.kill(accountId);
        listener.onKillSwitch(accountId, true, cancelled);
    }

    /**
     * Lets a killed account trade again; reported even when it was not killed.
     */
    public void reviveAccount(final long accountId)
    {
        killedAccounts.revive(accountId);
        listener.onKillSwitch(accountId, false, 0);
    }

    public boolean isKilled(final long accountId)
    {
        return killedAccounts.isKilled(accountId);
    }

    /**
     * Sets an instrument's price collar: limit orders and replaces priced more than {@code collarTicks} ticks from
     * its reference price (the last trade's price; before the first, the band's middle tick) are refused, and market
     * orders trade no further than that from it. 0 removes it.
     */
    public void setPriceCollar(final int instrumentId, final long collarTicks)
    {
        setPriceCollar(instrumentId, collarTicks, 0);
    }

    /**
     * Sets an instrument's price collar in ticks or in basis points of its reference price (1 to 10,000: 0.01% to
     * 100%), at most one of them above 0; both 0 remove it. In force from the next command on, at any time.
     */
    public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        if (collarTicks < 0 || basisPoints < 0 || basisPoints > InstrumentTable.MAX_COLLAR_BASIS_POINTS ||
            collarTicks != 0 && basisPoints != 0)
        {
            listener.onInstrumentRejected(instrumentId, RejectReason.INVALID_INSTRUMENT_DEFINITION);
            return;
        }
        instruments.collar(instrument, collarTicks, basisPoints);
        listener.onPriceCollarSet(instrumentId, collarTicks, basisPoints);
    }

    /**
     * Sets an account's own risk limits, or with {@link #ALL_ACCOUNTS} the defaults that every account without its
     * own follows. Each limit is {@link #NO_LIMIT} or at or above 0; see {@code MATCHING-RULES.md}, "Risk limits".
     * An account given its own limits is registered (as by its first order).
     */
    public void setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        final long[] limits = limitsScratch;
        limits[RiskLimits.MAX_ORDER_QUANTITY] = maxOrderQuantity;
        limits[RiskLimits.MAX_ORDER_NOTIONAL] = maxOrderNotional;
        limits[RiskLimits.MAX_OPEN_ORDERS] = maxOpenOrders;
        limits[RiskLimits.INSTRUMENT_CREDIT] = instrumentCredit;
        limits[RiskLimits.TOTAL_CREDIT] = totalCredit;
        limits[RiskLimits.POSITION_LIMIT] = positionLimit;
        if (!RiskLimits.areValid(limits))
        {
            listener.onRiskLimitsRejected(accountId, RejectReason.INVALID_RISK_LIMITS);
            return;
        }
        if (accountId == ALL_ACCOUNTS)
        {
            riskLimits.setDefaults(limits);
        }
        else
        {
            final int account = accounts.register(accountId);
            if (account == NONE)
            {
                listener.onRiskLimitsRejected(accountId, RejectReason.ACCOUNT_CAPACITY_EXHAUSTED);
                return;
            }
            riskLimits.setOwn(account, limits);
        }
        listener.onRiskLimitsSet(
            accountId, true, maxOrderQuantity, maxOrderNotional, maxOpenOrders, instrumentCredit, totalCredit,
            positionLimit);
    }

    /**
     * The account drops its own risk limits and follows the defaults again (reported with the defaults' values);
     * also for an account that had none, or one the core has never seen (which is not registered).
     */
    public void clearRiskLimits(final long accountId)
    {
        final int account = accountId == ALL_ACCOUNTS ? NONE : accounts.indexOf(accountId);
        if (account != NONE)
        {
            riskLimits.clearOwn(account);
        }
        listener.onRiskLimitsSet(
            accountId, false, riskLimits.defaultLimit(RiskLimits.MAX_ORDER_QUANTITY),
            riskLimits.defaultLimit(RiskLimits.MAX_ORDER_NOTIONAL), riskLimits.defaultLimit(RiskLimits.MAX_OPEN_ORDERS),
            riskLimits.defaultLimit(RiskLimits.INSTRUMENT_CREDIT), riskLimits.defaultLimit(RiskLimits.TOTAL_CREDIT),
            riskLimits.defaultLimit(RiskLimits.POSITION_LIMIT));
    }

    /**
     * Writes the risk limits that apply to the account ({@link #ALL_ACCOUNTS}: the defaults) into {@code into}, six
     * longs in the order {@link #setRiskLimits} takes them.
     *
     * @return whether they are the account's own (always, for the defaults), not the defaults it follows.
     */
    public boolean riskLimits(final long accountId, final long[] into)
    {
        final int account = accountId == ALL_ACCOUNTS ? NONE : accounts.indexOf(accountId);
        final boolean own = account != NONE && riskLimits.hasOwn(account);
        for (int i = 0; i < RiskLimits.COUNT; i++)
        {
            into[i] = own ? riskLimits.limit(account, i) : riskLimits.defaultLimit(i);
        }
        return own || accountId == ALL_ACCOUNTS;
    }

    /**
     * @return the account's net executed position on the instrument (bought less sold, held to the long range); 0 for
     * an account or instrument the core does not know.
     */
    public long netPosition(final long accountId, final int instrumentId)
    {
        final int account = accounts.indexOf(accountId);
        final int instrument = instruments.indexOf(instrumentId);
        return account == NONE || instrument == NONE ? 0 : exposure.netPosition(account, instrument);
    }

    /**
     * @return how many orders of the account rest, on all instruments.
     */
    public int openOrderCount(final long accountId)
    {
        final int account = accounts.indexOf(accountId);
        return account == NONE ? 0 : exposure.openOrders(account);
    }

    /**
     * @return the gross notional of the account's resting orders on all instruments, held to
     * {@code Long.MAX_VALUE} (the checks use the exact value).
     */
    public long openNotional(final long accountId)
    {
        final int account = accounts.indexOf(accountId);
        if (account == NONE)
        {
            return 0;
        }
        final long high = exposure.totalNotionalHigh(account);
        final long low = exposure.totalNotionalLow(account);
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /**
     * @return the resting order of the account with that id, found at the slot its id carries, or {@link #NONE}: an
     * id that names no slot, a slot whose record holds another id (a free slot's holds none), another account's order.
     */
    private int findOrder(final long accountId, final long orderId)
    {
        final int order = ids.slot(orderId);
        return order != NONE && orders.orderId(order) == orderId &&
            accounts.accountId(orders.accountIndex(order)) == accountId ? order : NONE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State: save and load, for snapshots (not the hot path)
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Writes the whole state: id counters and the order ids' slot bits, instruments in table order, accounts in
     * registration order, every book (each level best first, its orders in time priority, each with the session that
     * entered it), each account's orders in its own order, then the order pool's free slots (which decide the slots,
     * so the ids, of later orders). Loading it into a fresh engine of the same capacity gives one that answers every
     * later command exactly as this one would.
     */
    public void saveState(final DataOutput out) throws IOException
    {
        stateWriter.write(out, nextOrderSequence, books.nextTradeId());
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
        return SavedEngineState.read(in, this, capacity, maxQuantityLimit, ids);
    }

    /**
     * Loads a state that {@link #readState} read and checked for this engine, which must still be fresh. Reports
     * nothing to the listener.
     *
     * @throws IllegalStateException if the state was read for another engine or this one is not fresh.
     */
    public void loadState(final SavedEngineState state)
    {
        stateLoader.load(state, this);
        killedAccounts.load(state.killedAccounts);
        riskLimits.load(state);
        nextOrderSequence = state.nextOrderSequence;
        books.nextTradeId(state.nextTradeId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries: state digest, book walks, counters (not for the hot path, but allocation-free all the same)
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A hash over every instrument's status and book (every live order in priority order), the id counters and the
     * order pool's free slots; the exact fold is described in {@code MATCHING-RULES.md}.
     */
    public long digest()
    {
        return inspector.digest(nextOrderSequence, books.nextTradeId());
    }

    /**
     * Walks one instrument's book (bids best to worst, then asks best to worst); nothing if the instrument is unknown.
     */
    public void visitBook(final int instrumentId, final BookVisitor visitor)
    {
        inspector.visitBook(instrumentId, visitor);
    }

    public long bestBid(final int instrumentId)
    {
        return inspector.bestPrice(instrumentId, BIDS);
    }

    public long bestAsk(final int instrumentId)
    {
        return inspector.bestPrice(instrumentId, ASKS);
    }

    public boolean hasInstrument(final int instrumentId)
    {
        return instruments.indexOf(instrumentId) != NONE;
    }

    /** The instrument's collar in ticks (0 for none, or one in basis points); 0 for an unknown instrument. */
    public long collarTicks(final int instrumentId)
    {
        final int instrument = instruments.indexOf(instrumentId);
        return instrument == NONE ? 0 : instruments.collarTicks(instrument);
    }

    /** The instrument's collar in basis points of its reference price (0 for none, or one in ticks). */
    public long collarBasisPoints(final int instrumentId)
    {
        final int instrument = instruments.indexOf(instrumentId);
        return instrument == NONE ? 0 : instruments.collarBasisPoints(instrument);
    }

    /**
     * @return what the instrument's collar is measured from: its last trade's price, before the first its band's
     * middle tick; {@link #NULL_PRICE} for an unknown instrument.
     */
    public long referencePrice(final int instrumentId)
    {
        final int instrument = instruments.indexOf(instrumentId);
        return instrument == NONE ? NULL_PRICE : instruments.referencePrice(instrument);
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

    /**
     * @return the sequence number the next accepted order's id will carry in its high bits (see
     * {@link #orderIdSlotBits()}); what its low bits hold depends on the order and on the pool.
     */
    public long nextOrderSequence()
    {
        return nextOrderSequence;
    }

    /**
     * @return how many low bits of an order id hold its pool slot: enough to write the configured {@code maxOrders}.
     */
    public int orderIdSlotBits()
    {
        return ids.slotBits();
    }

    /** The id the next trade will get. */
    public long nextTradeId()
    {
        return books.nextTradeId();
    }
}
