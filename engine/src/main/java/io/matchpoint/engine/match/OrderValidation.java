package io.matchpoint.engine.match;

import io.matchpoint.engine.book.ClientOrderIdIndex;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;

/**
 * The checks a new order and a replace pass before anything changes, in the order of {@code MATCHING-RULES.md}, the
 * first failure winning. Kept apart from the matching so that the rules page's numbered lists can be read off one
 * place, and so that the book code can assume what these checks guarantee (on tick, in the band, capacity to rest).
 * <p>
 * Only answers: each check returns the {@link RejectReason}, or null if the order passes, and the caller reports it.
 * The steps that look an id up or register an account (the unknown instrument, the account table, the unknown order
 * of a replace) stay with {@link MatchingEngine}, between the two halves of the new-order checks. Not thread-safe,
 * allocates nothing.
 */
final class OrderValidation
{
    private static final int BIDS = 0;

    private static final int NONE = OrderPool.NONE;

    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final ClientOrderIdIndex orderIndexByClientId;
    private final OrderBooks books;

    OrderValidation(
        final OrderPool orders,
        final PriceLevelPool levels,
        final InstrumentTable instruments,
        final ClientOrderIdIndex orderIndexByClientId,
        final OrderBooks books)
    {
        this.orders = orders;
        this.levels = levels;
        this.instruments = instruments;
        this.orderIndexByClientId = orderIndexByClientId;
        this.books = books;
    }

    /**
     * New-order steps 2 to 6, against the known instrument's status and definition: halted, post-only without GTC
     * limit, quantity range and lot, and for a limit order tick and band.
     */
    RejectReason newOrderProblem(
        final int instrument,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long displayQuantity,
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
        final RejectReason badQuantity = quantityProblem(instrument, quantity);
        if (badQuantity != null)
        {
            return badQuantity;
        }
        if (displayQuantity != 0 && (displayQuantity < 0 || displayQuantity % instruments.lotSize(instrument) != 0 ||
            orderType != OrderType.LIMIT || timeInForce != TimeInForce.GTC))
        {
            return RejectReason.INVALID_DISPLAY_QUANTITY;
        }
        final boolean priced = orderType == OrderType.LIMIT || orderType == OrderType.STOP_LIMIT;
        return priced ? priceProblem(instrument, price) : null;
    }

    /**
     * The end of new-order step 6 for a stop order: its stop price off tick or outside the band, or already reached
     * by the instrument's last trade.
     */
    RejectReason stopPriceProblem(final int instrument, final int sideCode, final long stopPrice)
    {
        if (priceProblem(instrument, stopPrice) != null)
        {
            return RejectReason.INVALID_STOP_PRICE;
        }
        if (instruments.hasTraded(instrument))
        {
            final long last = instruments.lastTradePrice(instrument);
            if (sideCode == BIDS ? stopPrice <= last : stopPrice >= last)
            {
                return RejectReason.STOP_ALREADY_TRIGGERED;
            }
        }
        return null;
    }

    /**
     * New-order steps 8 to 10, once the account is registered, against what rests: a duplicate client order id, a
     * post-only order that would cross, the order ids used up, and for an order that may rest the order and level
     * pools.
     *
     * @param idsExhausted whether the order id sequence has reached its end (no order can be accepted).
     */
    RejectReason newOrderConflict(
        final int instrument,
        final int account,
        final long clientOrderId,
        final int sideCode,
        final long price,
        final boolean postOnly,
        final boolean mayRest,
        final boolean stop,
        final boolean idsExhausted)
    {
        if (orderIndexByClientId.get(account, clientOrderId) != NONE)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (postOnly && books.wouldCross(instrument, sideCode, price))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (idsExhausted)
        {
            return RejectReason.ORDER_CAPACITY_EXHAUSTED;
        }
        if (mayRest || stop)
        {
            if (orders.isFull())
            {
                return RejectReason.ORDER_CAPACITY_EXHAUSTED;
            }
            if (levels.isFull() &&
                !(stop ? books.hasStopLevel(instrument, sideCode, price) : books.hasLevel(instrument, sideCode, price)))
            {
                return RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED;
            }
        }
        return null;
    }

    /**
     * Replace steps 2 to 7 for a resting order of the account: halted, quantity, price, a duplicate new client order
     * id, then, only when priority is not kept, a post-only order that would cross and the level pool.
     */
    RejectReason replaceProblem(
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
        final RejectReason badQuantity = quantityProblem(instrument, newQuantity);
        if (badQuantity != null)
        {
            return badQuantity;
        }
        final RejectReason badPrice = priceProblem(instrument, newPrice);
        if (badPrice != null)
        {
            return badPrice;
        }
        // the collar checks a new price only: an order left behind by a moving reference may still shrink in place
        if (newPrice != orders.price(order) && instruments.isOutsideCollar(instrument, newPrice))
        {
            return RejectReason.PRICE_OUTSIDE_COLLAR;
        }
        final int account = orders.accountIndex(order);
        if (newClientOrderId != orders.clientOrderId(order) &&
            orderIndexByClientId.get(account, newClientOrderId) != NONE)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        final long price = orders.price(order);
        if (newPrice == price && newQuantity <= orders.totalLeaves(order))
        {
            return null;
        }
        final int sideCode = orders.side(order);
        if (orders.postOnly(order) && books.wouldCross(instrument, sideCode, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        // an order alone on its old level frees that level as it leaves, so it always finds one for the new price
        if (newPrice != price && levels.isFull() && !books.hasLevel(instrument, sideCode, newPrice) &&
            levels.orderCount(orders.level(order)) > 1)
        {
            return RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED;
        }
        return null;
    }

    /**
     * Replace steps 2 to 7 for a waiting stop order of the account: halted, quantity, its limit price (STOP_LIMIT),
     * its stop price, a duplicate new client order id, then, only when it does not keep its place, the level pool.
     */
    RejectReason replaceStopProblem(
        final int order,
        final int instrument,
        final long newClientOrderId,
        final long newPrice,
        final long newQuantity,
        final long newStopPrice)
    {
        if (instruments.isHalted(instrument))
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final RejectReason badQuantity = quantityProblem(instrument, newQuantity);
        if (badQuantity != null)
        {
            return badQuantity;
        }
        final boolean stopLimit = orders.stopOrderType(order) == OrderType.STOP_LIMIT.ordinal();
        final RejectReason badPrice = stopLimit ? priceProblem(instrument, newPrice) : null;
        if (badPrice != null)
        {
            return badPrice;
        }
        final int sideCode = orders.side(order);
        final RejectReason badStop = stopPriceProblem(instrument, sideCode, newStopPrice);
        if (badStop != null)
        {
            return badStop;
        }
        final int account = orders.accountIndex(order);
        if (newClientOrderId != orders.clientOrderId(order) &&
            orderIndexByClientId.get(account, newClientOrderId) != NONE)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        final long stopPrice = orders.stopPrice(order);
        // an order alone at its old stop price frees that level as it leaves, so it always finds one for the new one
        if (newStopPrice != stopPrice && levels.isFull() && !books.hasStopLevel(instrument, sideCode, newStopPrice) &&
            levels.orderCount(orders.level(order)) > 1)
        {
            return RejectReason.PRICE_LEVEL_CAPACITY_EXHAUSTED;
        }
        return null;
    }

    /**
     * @return whether a replace leaves a waiting stop order its place: the same stop price and price (a STOP's price
     * is not its own), no more quantity.
     */
    boolean keepsStopPlace(final int order, final long newPrice, final long newQuantity, final long newStopPrice)
    {
        final boolean stopLimit = orders.stopOrderType(order) == OrderType.STOP_LIMIT.ordinal();
        return newStopPrice == orders.stopPrice(order) && (!stopLimit || newPrice == orders.price(order)) &&
            newQuantity <= orders.leaves(order);
    }

    private RejectReason quantityProblem(final int instrument, final long quantity)
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

    private RejectReason priceProblem(final int instrument, final long price)
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
}
