package io.matchpoint.engine.match;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.ClientOrderIdIndex;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.book.RiskExposure;

/**
 * Every instrument's book and all that changes one: matching a taker in price-time priority, self-trade prevention,
 * the FOK check, resting, reducing and removing orders, and the price-level events. {@link MatchingEngine} decides
 * whether a command is accepted; this class carries out what an accepted one does to a book. It also hands out the
 * trade ids, because a trade id is consumed exactly where a fill happens.
 * <p>
 * One object for all instruments, addressed by instrument index, rather than one per instrument: the pools, the
 * client order id index, the account lists and the trade counter are shared by every book, and cancels and mass
 * cancels reach an order through those, not through its instrument. A per-instrument object would hold nothing of
 * its own but the two ladders ({@link InstrumentTable} already keeps them by index) and would add a load of the book
 * object to every command, and a shared holder for the trade counter to every fill.
 * <p>
 * Not thread-safe: owned by the matcher thread, like the engine. Allocates nothing. Every change of a price level is
 * reported here and only here.
 */
final class OrderBooks
{
    /** What {@link #match} returns when self-trade prevention cancelled the taker. */
    private static final long TAKER_CANCELLED = -1;
    private static final int NONE = OrderPool.NONE;
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final EngineListener listener;
    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final ClientOrderIdIndex orderIndexByClientId;
    private final RiskExposure exposure;
    private long nextTradeId = 1;
    /** The queue of triggered stop orders, linked through the pool's {@code next}: entered after the command. */
    private int triggeredHead = NONE;
    private int triggeredTail = NONE;

    OrderBooks(
        final EngineListener listener,
        final OrderPool orders,
        final PriceLevelPool levels,
        final InstrumentTable instruments,
        final AccountTable accounts,
        final ClientOrderIdIndex orderIndexByClientId,
        final RiskExposure exposure)
    {
        this.exposure = exposure;
        this.listener = listener;
        this.orders = orders;
        this.levels = levels;
        this.instruments = instruments;
        this.accounts = accounts;
        this.orderIndexByClientId = orderIndexByClientId;
    }

    /** The id the next trade will get. */
    long nextTradeId()
    {
        return nextTradeId;
    }

    /** Only when loading a saved state into a fresh engine. */
    void nextTradeId(final long nextTradeId)
    {
        this.nextTradeId = nextTradeId;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Questions the validation asks of a book
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @return whether a post-only order at {@code price} would take liquidity: the opposite best price is at or
     * through it.
     */
    boolean wouldCross(final int instrument, final int sideCode, final long price)
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
     * @return whether the side already has a stop level at {@code stopPrice}, so a stop order waiting there needs no
     * level from the pool.
     */
    boolean hasStopLevel(final int instrument, final int sideCode, final long stopPrice)
    {
        return instruments.stopLadder(instrument, sideCode).level(stopPrice) != NONE;
    }

    /**
     * @return whether the side already has a level at {@code price}, so resting there needs no level from the pool.
     */
    boolean hasLevel(final int instrument, final int sideCode, final long price)
    {
        return instruments.ladder(instrument, sideCode).level(price) != NONE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Matching
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The FOK pre-check: can the taker fill in full from other accounts' orders, walking the opposite side in
     * priority order, without meeting one of its own orders that self-trade prevention would not simply cancel?
     */
    boolean isFillable(
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
            // icebergs refill at this price before any worse one trades, so their hidden parts count here
            long levelHidden = 0;
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
                    levelHidden += orders.hiddenQuantity(order);
                }
            }
            if (levelHidden >= quantity - available)
            {
                return true;
            }
            available += levelHidden;
        }
        return false;
    }

    private static boolean crosses(final int takerSide, final long limitPrice, final long makerPrice)
    {
        return takerSide == BIDS ? makerPrice <= limitPrice : makerPrice >= limitPrice;
    }

    /**
     * Matches a taker against the opposite side in price-time priority.
     *
     * @return the quantity left, or {@link #TAKER_CANCELLED} if self-trade prevention cancelled the taker
     */
    long match(
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
                    // only what the maker shows trades; an iceberg's hidden part waits for its refill
                    final long shown = orders.leaves(maker);
                    final long hidden = orders.hiddenQuantity(maker);
                    final long fill = Math.min(left, shown);
                    left -= fill;
                    instruments.traded(instrument, levelPrice);
                    triggerStops(instrument, levelPrice);
                    exposure.fill(takerAccount, instrument, sideCode, fill);
                    exposure.fill(orders.accountIndex(maker), instrument, 1 - sideCode, fill);
                    listener.onTrade(
                        nextTradeId++, instrumentId, side, levelPrice, fill,
                        takerOrderId, takerAccountId, takerClientOrderId, left,
                        orders.orderId(maker), accountIdOf(maker), orders.clientOrderId(maker),
                        shown - fill + hidden);
                    if (fill < shown)
                    {
                        reduceShown(maker, fill);
                    }
                    else if (hidden == 0)
                    {
                        removeResting(maker);
                    }
                    else
                    {
                        refill(maker, level, instrumentId, fill);
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
                final long makerLeaves = orders.totalLeaves(maker);
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
                    shrinkResting(maker, decrement);
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

    /**
     * A replace that loses priority: the order leaves its level, matches like an incoming GTC limit order of its
     * side, account and self-trade mode at the new price and quantity, and what is left rests at the back of its new
     * level. Its new client order id is already set. It keeps its pool slot (its id carries it) throughout; if nothing
     * is left to rest, the slot is freed after those of the makers the order removed.
     */
    void reenter(final int order, final Side side, final long accountId, final long newPrice, final long newQuantity)
    {
        final int instrument = orders.instrumentIndex(order);
        final int account = orders.accountIndex(order);
        final long clientOrderId = orders.clientOrderId(order);
        leaveLevel(order);
        final long left = match(
            instrument, side, false, newPrice, newQuantity, orders.orderId(order), accountId, account, clientOrderId,
            SelfTradePrevention.fromOrdinal(orders.selfTradePrevention(order)));
        if (left > 0)
        {
            rest(order, instrument, side.code(), newPrice, left);
        }
        else
        {
            // filled in full (the trades reported it) or cancelled by self-trade prevention (so was that)
            unindex(order, account);
            orders.free(order);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Resting orders
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Enters what is left of an accepted GTC limit order into its pool slot (taken when it was accepted, since its id
     * carries it), the client order id index, its account's list and the back of its price level. Capacity for the
     * level was checked before matching.
     */
    void restNewOrder(
        final int order,
        final long orderId,
        final int account,
        final long sessionId,
        final long clientOrderId,
        final int instrument,
        final int sideCode,
        final SelfTradePrevention selfTradePrevention,
        final boolean postOnly,
        final long price,
        final long leaves,
        final long displayQuantity)
    {
        orders.orderId(order, orderId);
        orders.accountIndex(order, account);
        orders.sessionId(order, sessionId);
        orders.clientOrderId(order, clientOrderId);
        orders.instrumentIndex(order, instrument);
        orders.side(order, sideCode);
        orders.selfTradePrevention(order, selfTradePrevention.ordinal());
        orders.postOnly(order, postOnly);
        orders.displayQuantity(order, displayQuantity);
        orderIndexByClientId.put(order);
        accounts.append(account, order, orders);
        rest(order, instrument, sideCode, price, leaves);
    }

    /**
     * Gives a resting order another client order id (already checked to be free for its account).
     */
    void changeClientOrderId(final int order, final long newClientOrderId)
    {
        orderIndexByClientId.remove(order);
        orders.clientOrderId(order, newClientOrderId);
        orderIndexByClientId.put(order);
    }

    /**
     * Puts an order (already in the pool and the client order id index) at the back of its price level, creating the
     * level if needed; an iceberg shows its first slice and holds the rest back. Capacity for the level was checked
     * before matching.
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
        final boolean iceberg = orders.isIceberg(order);
        final long shown = iceberg ? Math.min(orders.displayQuantity(order), leaves) : leaves;
        orders.price(order, price);
        orders.leaves(order, shown);
        if (iceberg)
        {
            orders.hiddenQuantity(order, leaves - shown);
        }
        levels.append(level, order, shown, orders);
        exposure.rest(orders.accountIndex(order), instrument, sideCode, price, leaves);
        levelChanged(instrument, sideCode, level);
    }

    /**
     * A maker's partial fill: takes the quantity off what the order shows (an iceberg's hidden part stays).
     */
    private void reduceShown(final int order, final long quantity)
    {
        orders.leaves(order, orders.leaves(order) - quantity);
        final int level = orders.level(order);
        levels.reduce(level, quantity);
        exposure.reduce(
            orders.accountIndex(order), orders.instrumentIndex(order), orders.side(order), orders.price(order),
            quantity);
        levelChanged(orders.instrumentIndex(order), orders.side(order), level);
    }

    /**
     * Takes quantity off a resting order that keeps its place (a replace keeping priority, a self-trade decrement):
     * from an iceberg's hidden part first, then from what it shows; the level is reported only when that changed.
     * Less than the order's whole leaves.
     */
    void shrinkResting(final int order, final long quantity)
    {
        if (orders.isWaitingStop(order))
        {
            orders.leaves(order, orders.leaves(order) - quantity);
            levels.reduce(orders.level(order), quantity);
            exposure.reduce(
                orders.accountIndex(order), orders.instrumentIndex(order), orders.side(order), orders.price(order),
                quantity);
            return;
        }
        final long hidden = orders.hiddenQuantity(order);
        final long fromHidden = Math.min(hidden, quantity);
        if (fromHidden == quantity)
        {
            orders.hiddenQuantity(order, hidden - fromHidden);
            exposure.reduce(
                orders.accountIndex(order), orders.instrumentIndex(order), orders.side(order), orders.price(order),
                quantity);
            return;
        }
        if (fromHidden != 0)
        {
            orders.hiddenQuantity(order, 0);
            exposure.reduce(
                orders.accountIndex(order), orders.instrumentIndex(order), orders.side(order), orders.price(order),
                fromHidden);
        }
        reduceShown(order, quantity - fromHidden);
    }

    /**
     * An iceberg whose whole shown slice just traded ({@code traded}, with something still hidden) shows its next
     * slice at the back of the same level: the level keeps its order count and never empties meanwhile.
     */
    private void refill(final int order, final int level, final int instrumentId, final long traded)
    {
        final int instrument = orders.instrumentIndex(order);
        final int sideCode = orders.side(order);
        final long price = orders.price(order);
        final long hidden = orders.hiddenQuantity(order);
        final long shown = Math.min(orders.displayQuantity(order), hidden);
        exposure.reduce(orders.accountIndex(order), instrument, sideCode, price, traded);
        levels.unlink(level, order, traded, orders);
        orders.leaves(order, shown);
        orders.hiddenQuantity(order, hidden - shown);
        levels.append(level, order, shown, orders);
        listener.onOrderRefilled(
            orders.orderId(order), accountIdOf(order), orders.clientOrderId(order), instrumentId,
            Side.fromCode(sideCode), price, shown, hidden - shown);
        levelChanged(instrument, sideCode, level);
    }

    void cancelResting(final int order, final CancelReason reason)
    {
        final int instrument = orders.instrumentIndex(order);
        listener.onOrderCancelled(
            orders.orderId(order), accountIdOf(order), orders.clientOrderId(order),
            instruments.instrumentId(instrument), Side.fromCode(orders.side(order)), orders.totalLeaves(order),
            reason);
        removeResting(order);
    }

    /**
     * Cancels, with {@code OUTSIDE_BAND}, every resting order of the instrument priced outside
     * {@code [lowPrice, highPrice]}: bids best to worst, each level in time priority, then asks likewise.
     */
    void cancelOutsideBand(final int instrument, final long lowPrice, final long highPrice)
    {
        cancelOutsideBand(instrument, BIDS, lowPrice, highPrice);
        cancelOutsideBand(instrument, ASKS, lowPrice, highPrice);
        cancelStopsOutsideBand(instrument, BIDS, lowPrice, highPrice);
        cancelStopsOutsideBand(instrument, ASKS, lowPrice, highPrice);
    }

    /**
     * Cancels, with {@code OUTSIDE_BAND}, the waiting stops whose stop price, or STOP_LIMIT price, is outside the band,
     * in triggering order.
     */
    private void cancelStopsOutsideBand(
        final int instrument, final int side, final long lowPrice, final long highPrice)
    {
        final PriceLadder ladder = instruments.stopLadder(instrument, side);
        int level = ladder.bestLevel();
        while (level != NONE)
        {
            final int next = ladder.nextLevel(level);
            final long stopPrice = levels.price(level);
            final boolean stopOutside = stopPrice < lowPrice || stopPrice > highPrice;
            int order = levels.head(level);
            while (order != NONE)
            {
                final int nextOrder = orders.next(order);
                final long price = orders.price(order);
                if (stopOutside || orders.stopOrderType(order) == OrderType.STOP_LIMIT.ordinal() &&
                    (price < lowPrice || price > highPrice))
                {
                    cancelResting(order, CancelReason.OUTSIDE_BAND);
                }
                order = nextOrder;
            }
            level = next;
        }
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

    /**
     * Takes a resting order out of the client order id index, its account's list, its level and the pool (its slot
     * goes on top of the free stack).
     */
    private void removeResting(final int order)
    {
        unindex(order, orders.accountIndex(order));
        leaveLevel(order);
        orders.free(order);
    }

    /**
     * Takes an order out of the client order id index and its account's list.
     */
    private void unindex(final int order, final int account)
    {
        orderIndexByClientId.remove(order);
        accounts.unlink(account, order, orders);
    }

    /**
     * Unlinks an order from its level (reporting the change) and drops the level if it emptied.
     */
    private void leaveLevel(final int order)
    {
        if (orders.isWaitingStop(order))
        {
            leaveStopLevel(order);
            return;
        }
        final int level = orders.level(order);
        final int instrument = orders.instrumentIndex(order);
        final int sideCode = orders.side(order);
        levels.unlink(level, order, orders.leaves(order), orders);
        exposure.leave(
            orders.accountIndex(order), instrument, sideCode, orders.price(order), orders.totalLeaves(order));
        orders.level(order, NONE);
        levelChanged(instrument, sideCode, level);
        if (levels.orderCount(level) == 0)
        {
            instruments.ladder(instrument, sideCode).remove(levels.price(level));
            levels.free(level);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stop orders: waiting in stop levels, out of the book and of every event until triggered
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Enters an accepted stop order into its pool slot, the client order id index, its account's list and the back of
     * its stop level; it counts for the risk limits at {@code price} (its limit price, or a STOP's stop price).
     * Capacity for the stop level was checked before.
     */
    void waitStop(
        final int order,
        final long orderId,
        final int account,
        final long sessionId,
        final long clientOrderId,
        final int instrument,
        final int sideCode,
        final SelfTradePrevention selfTradePrevention,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long quantity)
    {
        orders.orderId(order, orderId);
        orders.accountIndex(order, account);
        orders.sessionId(order, sessionId);
        orders.clientOrderId(order, clientOrderId);
        orders.instrumentIndex(order, instrument);
        orders.side(order, sideCode);
        orders.selfTradePrevention(order, selfTradePrevention.ordinal());
        orders.postOnly(order, false);
        orders.waitingStop(order, orderType.ordinal(), timeInForce.ordinal(), stopPrice);
        orderIndexByClientId.put(order);
        accounts.append(account, order, orders);
        enterStopLevel(order, instrument, sideCode, price, stopPrice, quantity);
    }

    /**
     * A replace of a waiting stop that does not keep its place: it goes to the back of its new stop price's level.
     */
    void moveStop(final int order, final long price, final long stopPrice, final long quantity)
    {
        leaveStopLevel(order);
        enterStopLevel(order, orders.instrumentIndex(order), orders.side(order), price, stopPrice, quantity);
    }

    private void enterStopLevel(
        final int order,
        final int instrument,
        final int sideCode,
        final long price,
        final long stopPrice,
        final long quantity)
    {
        final PriceLadder ladder = instruments.stopLadder(instrument, sideCode);
        int level = ladder.level(stopPrice);
        if (level == NONE)
        {
            level = levels.allocate(stopPrice);
            ladder.add(stopPrice, level);
        }
        orders.price(order, price);
        orders.stopPrice(order, stopPrice);
        orders.leaves(order, quantity);
        levels.append(level, order, quantity, orders);
        exposure.rest(orders.accountIndex(order), instrument, sideCode, price, quantity);
    }

    private void leaveStopLevel(final int order)
    {
        final int level = orders.level(order);
        final int instrument = orders.instrumentIndex(order);
        final int sideCode = orders.side(order);
        levels.unlink(level, order, orders.leaves(order), orders);
        exposure.leave(orders.accountIndex(order), instrument, sideCode, orders.price(order), orders.leaves(order));
        orders.level(order, NONE);
        if (levels.orderCount(level) == 0)
        {
            instruments.stopLadder(instrument, sideCode).remove(levels.price(level));
            levels.free(level);
        }
    }

    /**
     * A trade at {@code price}: the waiting stops it reaches join the end of the triggered queue, buy stops from the
     * lowest stop price up, then sell stops from the highest down, each stop level in its order.
     */
    private void triggerStops(final int instrument, final long price)
    {
        final PriceLadder buyStops = instruments.stopLadder(instrument, BIDS);
        for (int level = buyStops.bestLevel(); level != NONE && levels.price(level) <= price;
            level = buyStops.bestLevel())
        {
            triggerLevel(level);
        }
        final PriceLadder sellStops = instruments.stopLadder(instrument, ASKS);
        for (int level = sellStops.bestLevel(); level != NONE && levels.price(level) >= price;
            level = sellStops.bestLevel())
        {
            triggerLevel(level);
        }
    }

    /** Triggers every stop of a stop level, in its order; the level goes with its last. */
    private void triggerLevel(final int level)
    {
        int order = levels.head(level);
        while (order != NONE)
        {
            final int next = orders.next(order);
            leaveStopLevel(order);
            orders.triggered(order);
            orders.next(order, NONE);
            if (triggeredTail == NONE)
            {
                triggeredHead = order;
            }
            else
            {
                orders.next(triggeredTail, order);
            }
            triggeredTail = order;
            order = next;
        }
    }

    boolean hasTriggeredStops()
    {
        return triggeredHead != NONE;
    }

    /**
     * @return the first triggered stop order, taken off the queue (still in its slot, the client order id index and
     * its account's list, out of every level, no longer a waiting stop), or {@link #NONE}.
     */
    int pollTriggeredStop()
    {
        final int order = triggeredHead;
        if (order != NONE)
        {
            triggeredHead = orders.next(order);
            if (triggeredHead == NONE)
            {
                triggeredTail = NONE;
            }
        }
        return order;
    }

    /**
     * What is left of a triggered GTC stop-limit order rests at the back of its price level (checked to be there or
     * possible), in the slot it had.
     */
    void restTriggered(final int order, final long price, final long leaves)
    {
        rest(order, orders.instrumentIndex(order), orders.side(order), price, leaves);
    }

    /**
     * A triggered stop order that does not rest (filled, cancelled) leaves the index, its account's list and its slot.
     */
    void discardTriggered(final int order)
    {
        unindex(order, orders.accountIndex(order));
        orders.free(order);
    }

    private void levelChanged(final int instrument, final int sideCode, final int level)
    {
        listener.onPriceLevelChanged(
            instruments.instrumentId(instrument), Side.fromCode(sideCode), levels.price(level),
            levels.totalQuantity(level), levels.orderCount(level));
    }

    private long accountIdOf(final int order)
    {
        return accounts.accountId(orders.accountIndex(order));
    }
}
