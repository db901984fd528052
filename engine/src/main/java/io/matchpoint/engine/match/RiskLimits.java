package io.matchpoint.engine.match;

import java.util.Arrays;

/**
 * The pre-trade risk limits: one set of defaults that every account follows, and an account's own set where one was
 * given. Each set holds the six limits below, each a count, quantity or notional at or above 0, or
 * {@link MatchingEngine#NO_LIMIT}. Indexed by account index (an account with its own limits is registered when they
 * are set), so the order path reads a limit with no lookup; {@link #isActive} lets it skip every check for an account
 * whose set holds no limit at all, which is the common case.
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

    private final long[] defaults = new long[COUNT];
    private boolean defaultsActive;
    private final long[] own;
    private final boolean[] hasOwn;
    private final boolean[] ownActive;
    /** Accounts with their own limits, for saving and the digest. */
    private int ownCount;

    RiskLimits(final int maxAccounts)
    {
        Arrays.fill(defaults, MatchingEngine.NO_LIMIT);
        own = new long[maxAccounts * COUNT];
        hasOwn = new boolean[maxAccounts];
        ownActive = new boolean[maxAccounts];
    }

    /**
     * @return whether any limit applies to the account: its own set, or the defaults, holds one.
     */
    boolean isActive(final int account)
    {
        return hasOwn[account] ? ownActive[account] : defaultsActive;
    }

    /**
     * @return the limit that applies to the account, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limit(final int account, final int which)
    {
        return hasOwn[account] ? own[account * COUNT + which] : defaults[which];
    }

    long defaultLimit(final int which)
    {
        return defaults[which];
    }

    boolean hasOwn(final int account)
    {
        return hasOwn[account];
    }

    int ownCount()
    {
        return ownCount;
    }

    boolean defaultsActive()
    {
        return defaultsActive;
    }

    void setDefaults(final long[] limits)
    {
        System.arraycopy(limits, 0, defaults, 0, COUNT);
        defaultsActive = anyLimit(limits, 0);
    }

    void setOwn(final int account, final long[] limits)
    {
        System.arraycopy(limits, 0, own, account * COUNT, COUNT);
        if (!hasOwn[account])
        {
            hasOwn[account] = true;
            ownCount++;
        }
        ownActive[account] = anyLimit(limits, 0);
    }

    void clearOwn(final int account)
    {
        if (hasOwn[account])
        {
            hasOwn[account] = false;
            ownActive[account] = false;
            ownCount--;
        }
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

    private static boolean anyLimit(final long[] limits, final int from)
    {
        for (int i = from; i < from + COUNT; i++)
        {
            if (limits[i] != MatchingEngine.NO_LIMIT)
            {
                return true;
            }
        }
        return false;
    }
}
