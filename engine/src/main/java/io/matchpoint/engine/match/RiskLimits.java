package io.matchpoint.engine.match;

import org.agrona.UnsafeApi;

import java.util.Arrays;

/**
 * The pre-trade risk limits: one set of defaults that every account follows, and an account's own set where one was
 * given. Each set holds the six limits below, each a count, quantity or notional at or above 0, or
 * {@link MatchingEngine#NO_LIMIT}, in one 64-byte row of one array: the defaults first, then a row for each account.
 * A row keeps each limit as a ceiling, {@code Long.MAX_VALUE} where none is set (so that the order path compares
 * against it with no test for {@code NO_LIMIT}), and a word with a bit for each limit that is set (so that
 * {@link #limitAt} still tells a limit set at {@code Long.MAX_VALUE} from none). An account is mapped to the row it
 * follows (its own, or the defaults'), so the order path finds every limit from one index with no lookup and no
 * branch; {@link #isActive} lets it skip every check for an account whose set holds no limit at all, which is the
 * common case. The order path's reads skip the arrays' bounds checks: the account indexes come from the engine's own
 * table and are asserted in range wherever assertions are on (every test run).
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
    /** Bit {@code i} set when limit {@code i} of the set is set; 0 when none is. */
    private static final int SET = COUNT;
    /** Longs a set's row takes: its ceilings, {@link #SET}, and one spare, a cache line. */
    private static final int ROW = 8;
    private static final int DEFAULTS = 0;
    private static final long INT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(int[].class);
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);

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
        Arrays.fill(rows, DEFAULTS, DEFAULTS + COUNT, Long.MAX_VALUE); // no limit set
    }

    /**
     * @return whether any limit applies to the account: its own set, or the defaults, holds one.
     */
    boolean isActive(final int account)
    {
        return row(rowOf(account) + SET) != 0;
    }

    /**
     * @return where the set of limits the account follows starts, for {@link #limitAt}.
     */
    int rowOf(final int account)
    {
        assert account >= 0 && account < rowOf.length : "account index " + account + " outside 0.." + rowOf.length;
        return UnsafeApi.getInt(rowOf, INT_ARRAY_BASE + ((long)account << 2));
    }

    /**
     * @param row a set's start, from {@link #rowOf}.
     * @return the set's limit, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limitAt(final int row, final int which)
    {
        return (rows[row + SET] >>> which & 1) != 0 ? rows[row + which] : MatchingEngine.NO_LIMIT;
    }

    /**
     * @param row a set's start, from {@link #rowOf}.
     * @return the set's limit, {@code Long.MAX_VALUE} for none: a value at or below {@code Long.MAX_VALUE} is above
     * it only when the limit is set and the value is above the limit.
     */
    long ceilingAt(final int row, final int which)
    {
        return row(row + which);
    }

    /**
     * @return the limit that applies to the account, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limit(final int account, final int which)
    {
        return limitAt(rowOf[account], which);
    }

    long defaultLimit(final int which)
    {
        return limitAt(DEFAULTS, which);
    }

    private long row(final int at)
    {
        assert at >= 0 && at < rows.length : "row word " + at + " outside 0.." + rows.length;
        return UnsafeApi.getLong(rows, LONG_ARRAY_BASE + ((long)at << 3));
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
        return rows[DEFAULTS + SET] != 0;
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
        long set = 0;
        for (int i = 0; i < COUNT; i++)
        {
            final boolean isSet = limits[i] != MatchingEngine.NO_LIMIT;
            rows[row + i] = isSet ? limits[i] : Long.MAX_VALUE;
            set |= (isSet ? 1L : 0L) << i;
        }
        rows[row + SET] = set;
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
}
