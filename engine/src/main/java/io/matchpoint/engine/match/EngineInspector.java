package io.matchpoint.engine.match;

import io.matchpoint.engine.book.AccountTable;
import io.matchpoint.engine.book.InstrumentTable;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.book.RiskExposure;

/**
 * Read-only views of the books for {@link MatchingEngine}'s queries: the state digest, book visits and best prices.
 * Separate from the order path because nothing here changes state and none of it runs per command; the digest's fold
 * is a contract of its own ({@code MATCHING-RULES.md}) that the reference model recomputes.
 * <p>
 * Not thread-safe: called on the matcher thread, between commands. Allocates nothing.
 */
final class EngineInspector
{
    private static final int NONE = OrderPool.NONE;
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final OrderPool orders;
    private final PriceLevelPool levels;
    private final InstrumentTable instruments;
    private final AccountTable accounts;
    private final KilledAccounts killedAccounts;
    private final RiskExposure exposure;
    private final RiskLimits riskLimits;

    EngineInspector(
        final OrderPool orders,
        final PriceLevelPool levels,
        final InstrumentTable instruments,
        final AccountTable accounts,
        final KilledAccounts killedAccounts,
        final RiskExposure exposure,
        final RiskLimits riskLimits)
    {
        this.exposure = exposure;
        this.riskLimits = riskLimits;
        this.orders = orders;
        this.levels = levels;
        this.instruments = instruments;
        this.accounts = accounts;
        this.killedAccounts = killedAccounts;
    }

    /**
     * The fold of {@link MatchingEngine#digest()}: every instrument's status and book in definition order, the two
     * id counters, then the order pool's slots ever used and its freed slots from the top of the stack down (which
     * decide the slots, hence the ids, of later orders).
     */
    long digest(final long nextOrderSequence, final long nextTradeId)
    {
        long hash = StateDigest.SEED;
        for (int instrument = 0, size = instruments.size(); instrument < size; instrument++)
        {
            hash = StateDigest.mix(hash, instruments.instrumentId(instrument));
            hash = StateDigest.mix(hash, instruments.isHalted(instrument) ? 1 : 0);
            hash = StateDigest.mix(hash, instruments.collarTicks(instrument));
            if (instruments.collarBasisPoints(instrument) != 0)
            {
                // only for a percent collar: the digest of an instrument without one is what it always was
                hash = StateDigest.mix(hash, instruments.collarBasisPoints(instrument));
            }
            hash = StateDigest.mix(hash, instruments.referencePrice(instrument));
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
                        if (orders.isIceberg(order))
                        {
                            // only for an iceberg: the digest of a book without one is what it always was
                            hash = StateDigest.mix(hash, orders.displayQuantity(order));
                            hash = StateDigest.mix(hash, orders.hiddenQuantity(order));
                        }
                    }
                }
            }
        }
        hash = StateDigest.mix(hash, nextOrderSequence);
        hash = StateDigest.mix(hash, nextTradeId);
        hash = StateDigest.mix(hash, orders.highWater());
        for (int slot = orders.freeHead(); slot != NONE; slot = orders.next(slot))
        {
            hash = StateDigest.mix(hash, slot);
        }
        if (!killedAccounts.isEmpty())
        {
            // only when any: the digest of a core that never used the kill switch is what it always was
            hash = StateDigest.mix(hash, killedAccounts.size());
            for (int i = 0, size = killedAccounts.size(); i < size; i++)
            {
                hash = StateDigest.mix(hash, killedAccounts.id(i));
            }
        }
        for (int account = 0, size = accounts.size(); account < size; account++)
        {
            for (int instrument = 0, count = instruments.size(); instrument < count; instrument++)
            {
                final long position = exposure.netPosition(account, instrument);
                if (position != 0)
                {
                    hash = StateDigest.mix(hash, accounts.accountId(account));
                    hash = StateDigest.mix(hash, instruments.instrumentId(instrument));
                    hash = StateDigest.mix(hash, position);
                }
            }
        }
        if (riskLimits.defaultsActive() || riskLimits.ownCount() != 0)
        {
            // only when any: the digest of a core that never set a limit is what it always was
            for (int i = 0; i < RiskLimits.COUNT; i++)
            {
                hash = StateDigest.mix(hash, riskLimits.defaultLimit(i));
            }
            hash = StateDigest.mix(hash, riskLimits.ownCount());
            for (int account = 0, size = accounts.size(); account < size; account++)
            {
                if (riskLimits.hasOwn(account))
                {
                    hash = StateDigest.mix(hash, accounts.accountId(account));
                    for (int i = 0; i < RiskLimits.COUNT; i++)
                    {
                        hash = StateDigest.mix(hash, riskLimits.limit(account, i));
                    }
                }
            }
        }
        return hash;
    }

    /**
     * Walks one instrument's book (bids best to worst, then asks best to worst); nothing if the instrument is unknown.
     */
    void visitBook(final int instrumentId, final BookVisitor visitor)
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

    /**
     * @param sideCode 0 for bids, 1 for asks.
     * @return the side's best price, or {@link MatchingEngine#NULL_PRICE} for an empty side or an unknown instrument.
     */
    long bestPrice(final int instrumentId, final int sideCode)
    {
        final int instrument = instruments.indexOf(instrumentId);
        if (instrument == NONE)
        {
            return MatchingEngine.NULL_PRICE;
        }
        final int level = instruments.ladder(instrument, sideCode).bestLevel();
        return level == NONE ? MatchingEngine.NULL_PRICE : levels.price(level);
    }

    private long accountIdOf(final int order)
    {
        return accounts.accountId(orders.accountIndex(order));
    }
}
