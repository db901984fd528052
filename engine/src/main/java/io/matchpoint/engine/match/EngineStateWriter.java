package io.matchpoint.engine.match;

import java.io.DataOutput;
import java.io.IOException;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.book.RiskExposure;

/**
 * Writes the core's whole state for {@link MatchingEngine#saveState}, in the layout {@link SavedEngineState} reads
 * back. Kept out of the engine because it runs only for snapshots, never on the order path, and because the layout
 * is a contract of its own: the saved bytes must not change when the matching code does.
 * <p>
 * Not thread-safe: called on the matcher thread, between commands. Allocates nothing itself.
 */
final class EngineStateWriter
{
    private static final int NONE = OrderPool.NONE;
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final OrderIdScheme ids;
    private final KilledAccounts killedAccounts;
    private final RiskExposure exposure;
    private final RiskLimits riskLimits;

    EngineStateWriter(
        final OrderPool orders,
        final PriceLevelPool levels,
        final InstrumentTable instruments,
        final AccountTable accounts,
        final OrderIdScheme ids,
        final KilledAccounts killedAccounts,
        final RiskExposure exposure,
        final RiskLimits riskLimits)
    {
        this.exposure = exposure;
        this.riskLimits = riskLimits;
        this.killedAccounts = killedAccounts;
        this.orders = orders;
        this.levels = levels;
        this.instruments = instruments;
        this.accounts = accounts;
        this.ids = ids;
    }

    /**
     * Writes the id counters and the order ids' slot bits, instruments in table order, accounts in registration
     * order, every book (each level best first, its orders in time priority, each with the session that entered it),
     * each account's orders in its own order, each list ended by {@link MatchingEngine#NULL_ID}, then the order
     * pool's slots ever used and its freed slots, top of the stack first, then the killed accounts ascending, then the
     * default risk limits and each account's own (by account index, ascending), then every non-zero net position (by
     * account index, then instrument index).
     */
    void write(final DataOutput out, final long nextOrderSequence, final long nextTradeId) throws IOException
    {
        out.writeLong(nextOrderSequence);
        out.writeLong(nextTradeId);
        out.writeInt(ids.slotBits());
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
            out.writeLong(instruments.collarTicks(instrument));
            out.writeLong(instruments.collarBasisPoints(instrument));
            out.writeBoolean(instruments.hasTraded(instrument));
            out.writeLong(instruments.lastTradePrice(instrument));
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
                        out.writeLong(orders.displayQuantity(order));
                        out.writeLong(orders.hiddenQuantity(order));
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
            out.writeLong(MatchingEngine.NULL_ID);
        }
        out.writeInt(orders.highWater());
        out.writeInt(orders.highWater() - orders.size());
        for (int slot = orders.freeHead(); slot != NONE; slot = orders.next(slot))
        {
            out.writeInt(slot);
        }
        out.writeInt(killedAccounts.size());
        for (int i = 0, size = killedAccounts.size(); i < size; i++)
        {
            out.writeLong(killedAccounts.id(i));
        }
        for (int i = 0; i < RiskLimits.COUNT; i++)
        {
            out.writeLong(riskLimits.defaultLimit(i));
        }
        out.writeInt(riskLimits.ownCount());
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            if (riskLimits.hasOwn(account))
            {
                out.writeInt(account);
                for (int i = 0; i < RiskLimits.COUNT; i++)
                {
                    out.writeLong(riskLimits.limit(account, i));
                }
            }
        }
        int positions = 0;
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            for (int instrument = 0, count = instruments.size(); instrument < count; instrument++)
            {
                positions += exposure.netPosition(account, instrument) != 0 ? 1 : 0;
            }
        }
        out.writeInt(positions);
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            for (int instrument = 0, count = instruments.size(); instrument < count; instrument++)
            {
                final long position = exposure.netPosition(account, instrument);
                if (position != 0)
                {
                    out.writeInt(account);
                    out.writeInt(instrument);
                    out.writeLong(position);
                }
            }
        }
    }
}
