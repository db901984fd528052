package io.matchpoint.engine.match;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.ClientOrderIdIndex;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.book.RiskExposure;

/**
 * Fills a fresh core's tables, pools and indexes from a {@link SavedEngineState} that was read and checked for it,
 * for {@link MatchingEngine#loadState(SavedEngineState)}. Kept apart from the books because loading reports nothing
 * to the listener and trusts the checks {@link SavedEngineState} made, where the order path checks every command and
 * reports every change.
 * <p>
 * Each order goes back into the pool slot its id carries, and the pool's free stack is restored as saved, so that
 * later orders get the slots, hence the ids, they would have got in the saved engine.
 * <p>
 * Not thread-safe: called on the matcher thread at start-up. Allocates nothing itself.
 */
final class EngineStateLoader
{
    private static final int NONE = OrderPool.NONE;

    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final ClientOrderIdIndex orderIndexByClientId;
    private final RiskExposure exposure;

    EngineStateLoader(
        final OrderPool orders,
        final PriceLevelPool levels,
        final InstrumentTable instruments,
        final AccountTable accounts,
        final ClientOrderIdIndex orderIndexByClientId,
        final RiskExposure exposure)
    {
        this.exposure = exposure;
        this.orders = orders;
        this.levels = levels;
        this.instruments = instruments;
        this.accounts = accounts;
        this.orderIndexByClientId = orderIndexByClientId;
    }

    /**
     * Loads the instruments, accounts, books and account lists; the caller sets the id counters.
     *
     * @param engine the engine these tables belong to: the state must have been read for it.
     * @throws IllegalStateException if the state was read for another engine or the tables are not empty; nothing is
     *                               changed then.
     */
    void load(final SavedEngineState state, final MatchingEngine engine)
    {
        require(state.readFor == engine, "a state read for another engine");
        require(instruments.size() == 0 && accounts.size() == 0 && orders.size() == 0 && orders.highWater() == 0,
            "state can only be loaded into a fresh engine");
        for (int i = 0; i < state.instrumentCount; i++)
        {
            final int instrument = instruments.add(state.instrumentIds[i]);
            instruments.define(
                instrument, state.symbols[i], state.tickSizes[i], state.lotSizes[i], state.minQuantities[i],
                state.maxQuantities[i], state.lowPrices[i], state.highPrices[i]);
            instruments.halted(instrument, state.halted[i]);
            instruments.collar(instrument, state.collarTicks[i], state.collarBasisPoints[i]);
            if (state.traded[i])
            {
                instruments.traded(instrument, state.lastTradePrices[i]);
            }
        }
        for (int account = 0; account < state.accountIds.length; account++)
        {
            accounts.register(state.accountIds[account]);
        }
        orders.restore(state.slotsUsed, state.freedSlots);
        for (int i = 0; i < state.orderCount; i++)
        {
            final int instrument = state.orderInstrument[i];
            final int sideCode = state.orderSide[i];
            final long price = state.orderPrice[i];
            final long leaves = state.orderLeaves[i];
            final int order = state.orderSlot[i];
            orders.orderId(order, state.orderId[i]);
            orders.accountIndex(order, state.orderAccount[i]);
            orders.sessionId(order, state.orderSession[i]);
            orders.clientOrderId(order, state.orderClientId[i]);
            orders.instrumentIndex(order, instrument);
            orders.side(order, sideCode);
            orders.selfTradePrevention(order, state.orderStp[i]);
            orders.postOnly(order, state.orderPostOnly[i]);
            orders.displayQuantity(order, state.orderDisplay[i]);
            if (state.orderDisplay[i] != 0)
            {
                orders.hiddenQuantity(order, state.orderHidden[i]);
            }
            final boolean stop = state.orderStopType[i] >= 0;
            if (stop)
            {
                orders.waitingStop(
                    order, state.orderStopType[i], state.orderStopTimeInForce[i], state.orderStopPrice[i]);
            }
            orderIndexByClientId.put(order);
            final long levelPrice = stop ? state.orderStopPrice[i] : price;
            final PriceLadder ladder =
                stop ? instruments.stopLadder(instrument, sideCode) : instruments.ladder(instrument, sideCode);
            int level = ladder.level(levelPrice);
            if (level == NONE)
            {
                level = levels.allocate(levelPrice);
                ladder.add(levelPrice, level);
            }
            orders.price(order, price);
            orders.leaves(order, leaves);
            levels.append(level, order, leaves, orders);
            exposure.rest(state.orderAccount[i], instrument, sideCode, price, leaves + state.orderHidden[i]);
        }
        for (int i = 0; i < state.positionAccount.length; i++)
        {
            exposure.netPosition(state.positionAccount[i], state.positionInstrument[i], state.positionNet[i]);
        }
        for (int account = 0, listed = 0; account < state.accountIds.length; account++)
        {
            for (int end = listed + state.accountListLength[account]; listed < end; listed++)
            {
                accounts.append(account, state.orderSlot[state.accountListOrders[listed]], orders);
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
}
