package io.matchpoint.engine.match;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The pre-trade risk limits: one set of defaults that every account follows, and an account's own set where one was
 * given. Each set holds the six limits below, each a count, quantity or notional at or above 0, or
 * {@link MatchingEngine#NO_LIMIT}, in one cache line of one block of memory: the defaults first, then a line for each
 * account. A line keeps each limit as a ceiling, {@code Long.MAX_VALUE} where none is set (so that the order path
 * compares against it with no test for {@code NO_LIMIT}), and a word with a bit for each limit that is set (so that
 * {@link #limitAt} still tells a limit set at {@code Long.MAX_VALUE} from none). Each account is mapped to the line it
 * follows (its own, or the defaults'), so the order path finds every limit from one read with no lookup and no branch;
 * {@link #isActive} lets it skip every check for an account whose set holds no limit at all, which is the common case.
 * <p>
 * The block is read directly, without bounds checks, as {@code OrderPool} reads its records: every account index
 * comes from the engine's own table, never from a message, and is asserted in range wherever assertions are on (every
 * test run).
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
    private static final int CACHE_LINE = 64;
    /** The byte offset in a set's line of the word whose bit {@code i} is set when limit {@code i} is; 0 for none. */
    private static final int SET = COUNT * Long.BYTES;

    private final int maxAccounts;
    /** Holds the block (and keeps it reachable): the defaults' line, each account's own, then the map. */
    private final UnsafeBuffer block;
    /** The defaults' line; account {@code a}'s own follows at {@code (a + 1)} lines on. */
    private final long defaults;
    /** Per account, the address of the line it follows: {@link #defaults} unless it has its own. */
    private final long lineOf;
    /** Accounts with their own limits, for saving and the digest. */
    private int ownCount;

    RiskLimits(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        final long lines = (maxAccounts + 1L) * CACHE_LINE;
        block = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(Math.toIntExact(lines + (long)maxAccounts * Long.BYTES), CACHE_LINE));
        defaults = block.addressOffset();
        lineOf = defaults + lines;
        for (int which = 0; which < COUNT; which++)
        {
            put(defaults + (long)which * Long.BYTES, Long.MAX_VALUE); // no limit set
        }
        for (int account = 0; account < maxAccounts; account++)
        {
            put(lineOf + (long)account * Long.BYTES, defaults);
        }
    }

    /**
     * @return whether any limit applies to the account: its own set, or the defaults, holds one.
     */
    boolean isActive(final int account)
    {
        return get(rowOf(account) + SET) != 0;
    }

    /**
     * @return where the set of limits the account follows is, for {@link #limitAt} and {@link #ceilingAt}.
     */
    long rowOf(final int account)
    {
        assert account >= 0 && account < maxAccounts : "account index " + account + " outside 0.." + (maxAccounts - 1);
        return get(lineOf + (long)account * Long.BYTES);
    }

    /**
     * @param row a set, from {@link #rowOf}.
     * @return the set's limit, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limitAt(final long row, final int which)
    {
        return (get(row + SET) >>> which & 1) != 0 ? ceilingAt(row, which) : MatchingEngine.NO_LIMIT;
    }

    /**
     * @param row a set, from {@link #rowOf}.
     * @return the set's limit, {@code Long.MAX_VALUE} for none: a value at or below {@code Long.MAX_VALUE} is above
     * it only when the limit is set and the value is above the limit.
     */
    long ceilingAt(final long row, final int which)
    {
        return get(row + (long)which * Long.BYTES);
    }

    /**
     * @return the limit that applies to the account, {@link MatchingEngine#NO_LIMIT} for none.
     */
    long limit(final int account, final int which)
    {
        return limitAt(rowOf(account), which);
    }

    long defaultLimit(final int which)
    {
        return limitAt(defaults, which);
    }

    boolean hasOwn(final int account)
    {
        return rowOf(account) != defaults;
    }

    int ownCount()
    {
        return ownCount;
    }

    boolean defaultsActive()
    {
        return get(defaults + SET) != 0;
    }

    void setDefaults(final long[] limits)
    {
        write(defaults, limits);
    }

    void setOwn(final int account, final long[] limits)
    {
        final long own = defaults + (account + 1L) * CACHE_LINE;
        write(own, limits);
        if (!hasOwn(account))
        {
            put(lineOf + (long)account * Long.BYTES, own);
            ownCount++;
        }
    }

    void clearOwn(final int account)
    {
        if (hasOwn(account))
        {
            put(lineOf + (long)account * Long.BYTES, defaults);
            ownCount--;
        }
    }

    private static void write(final long row, final long[] limits)
    {
        long set = 0;
        for (int which = 0; which < COUNT; which++)
        {
            final boolean isSet = limits[which] != MatchingEngine.NO_LIMIT;
            put(row + (long)which * Long.BYTES, isSet ? limits[which] : Long.MAX_VALUE);
            set |= (isSet ? 1L : 0L) << which;
        }
        put(row + SET, set);
    }

    private static long get(final long address)
    {
        return UnsafeApi.getLong(null, address);
    }

    private static void put(final long address, final long value)
    {
        UnsafeApi.putLong(null, address, value);
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
