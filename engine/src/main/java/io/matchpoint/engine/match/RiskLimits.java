package io.matchpoint.engine.match;

import java.util.Arrays;

/**
 * The pre-trade risk limits: one set of defaults that every account follows, and an account's own set where one was
 * given. Each set holds the six limits below, each a count, quantity or notional at or above 0, or
 * {@link MatchingEngine#NO_LIMIT}, and whether any of them is set, in one 64-byte row of one array: the defaults
 * first, then a row for each account. An account is mapped to the row it follows (its own, or the defaults'), so the
 * order path finds every limit from one index with no lookup and no branch; {@link #isActive} lets it skip every
 * check for an account whose set holds no limit at all, which is the common case.
 * <p>
 * Single-threaded: owned by the matcher. Allocates nothing after construction.
 */
final class RiskLimits
{
    static final int MAX_ORDER_QUANTITY = 0;
    static final int MAX_ORDER_NOTIONAL = 1;
    static final int MAX_OPEN_ORDERS = 2;
    static final int INSTRUMENT_CREDIT = 3;
    static final int TOTAL_CREDIT = 4;
    static final int POSITION_LIMIT = 5;
    static final int COUNT = 6;
    /** 1 when any of the set's limits is set, else 0. */
    private static final int ACTIVE = COUNT;
    /** Longs a set's row takes: its limits, {@link #ACTIVE}, and one spare, a cache line. */
    private static final int ROW = 8;
    private static final int DEFAULTS = 0;

    /** The defaults' row, then account {@code a}'s own at {@code (a + 1) * ROW}. */
    private final long[] rows;
    /** The start of the row each account follows: {@link #DEFAULTS} unless it has its own. */
    private final int[] rowOf;
    /** Accounts with their own limits, for saving and the digest. */
    private int ownCount;

    RiskLimits(final int maxAccounts)
    {
        rows = new long[(maxAccounts + 1) * ROW];
        rowOf = new int[maxAccounts];
        Arrays.fill(rows, 0, COUNT, MatchingEngine.NO_LIMIT);
    }

    /**
     * @return whether any limit applies to the account: its own set, or the defaults, holds one.
     */
    boolean isActive(final int account)
    {
        return rows[rowOf[account] + ACTIVE] != 0;
    }

    /**
     * @return where the set of limits the account follows starts, for {@link #limitAt}.
     */
    int rowOf(final int account)
    {
        return rowOf[account];
    }

    /**
     * @param row a set's start, from {@link #rowOf}.
     * @return the set's limit, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limitAt(final int row, final int which)
    {
        return rows[row + which];
    }

    /**
     * @return the limit that applies to the account, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limit(final int account, final int which)
    {
        return rows[rowOf[account] + which];
    }

    long defaultLimit(final int which)
    {
        return rows[DEFAULTS + which];
    }

    boolean hasOwn(final int account)
    {
        return rowOf[account] != DEFAULTS;
    }

    int ownCount()
    {
        return ownCount;
    }

    boolean defaultsActive()
    {
        return rows[DEFAULTS + ACTIVE] != 0;
    }

    void setDefaults(final long[] limits)
    {
        write(DEFAULTS, limits);
    }

    void setOwn(final int account, final long[] limits)
    {
        final int row = (account + 1) * ROW;
        write(row, limits);
        if (rowOf[account] == DEFAULTS)
        {
            rowOf[account] = row;
            ownCount++;
        }
    }

    void clearOwn(final int account)
    {
        if (rowOf[account] != DEFAULTS)
        {
            rowOf[account] = DEFAULTS;
            ownCount--;
        }
    }

    private void write(final int row, final long[] limits)
    {
        System.arraycopy(limits, 0, rows, row, COUNT);
        rows[row + ACTIVE] = anyLimit(limits) ? 1 : 0;
    }

    /**
     * Only into a fresh engine, from a state {@link SavedEngineState} read and checked.
     */
    void load(final SavedEngineState state)
    {
        setDefaults(state.defaultLimits);
        final long[] limits = new long[COUNT];
        for (int i = 0; i < state.ownLimitAccounts.length; i++)
        {
            System.arraycopy(state.ownLimits, i * COUNT, limits, 0, COUNT);
            setOwn(state.ownLimitAccounts[i], limits);
        }
    }

    /**
     * @return whether {@code limits} are six values each {@link MatchingEngine#NO_LIMIT} or at or above 0.
     */
    static boolean areValid(final long[] limits)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (limits[i] < MatchingEngine.NO_LIMIT)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean anyLimit(final long[] limits)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (limits[i] != MatchingEngine.NO_LIMIT)
            {
                return true;
            }
        }
        return false;
    }
}
