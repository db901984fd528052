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
        return orderType == OrderType.LIMIT ? priceProblem(instrument, price) : null;
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
        if (mayRest)
        {
            if (orders.isFull())
            {
                return RejectReason.ORDER_CAPACITY_EXHAUSTED;
            }
            if (levels.isFull() && !books.hasLevel(instrument, sideCode, price))
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
