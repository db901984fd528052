package io.matchpoint.engine.service;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * Which drop copy accounts watch which accounts: the grants the start-up commands ({@code DropCopyReset}, then one
 * {@code DropCopyGrant} each) configured, part of the service's state so that a replay copies exactly what the live
 * server copied. Changed only by those commands; read for every execution report, without allocating.
 */
final class DropCopies
{
    /** The account id a grant names for "every account". */
    static final long EVERY_ACCOUNT = 0;

    /** Drop copy accounts that watch every account. */
    private final LongArrayList watchingEveryAccount = new LongArrayList();
    /** By watched account: the drop copy accounts granted it by name (not those watching every account). */
    private final Long2ObjectHashMap<LongArrayList> watchersByAccount = new Long2ObjectHashMap<>();
    private int grantCount;

    void clear()
    {
        watchingEveryAccount.clear();
        watchersByAccount.clear();
        grantCount = 0;
    }

    /**
     * @param dropCopyAccountId the account that receives the copies.
     * @param accountId         the account watched, or {@link #EVERY_ACCOUNT}.
     * @return false (and nothing changed) if it is already granted, or names the drop copy account itself.
     */
    boolean grant(final long dropCopyAccountId, final long accountId)
    {
        if (dropCopyAccountId == accountId)
        {
            return false;
        }
        final LongArrayList watchers = accountId == EVERY_ACCOUNT ? watchingEveryAccount :
            watchersByAccount.computeIfAbsent(accountId, id -> new LongArrayList());
        if (watchers.containsLong(dropCopyAccountId))
        {
            return false;
        }
        watchers.addLong(dropCopyAccountId);
        grantCount++;
        return true;
    }

    boolean isEmpty()
    {
        return grantCount == 0;
    }

    /**
     * @return the drop copy accounts watching every account (do not change it).
     */
    LongArrayList watchingEveryAccount()
    {
        return watchingEveryAccount;
    }

    /**
     * @return the drop copy accounts granted this account by name, or null if none (do not change it).
     */
    LongArrayList watchersOf(final long accountId)
    {
        return watchersByAccount.get(accountId);
    }

    /**
     * Told of each grant, in the order it was given.
     */
    @FunctionalInterface
    interface GrantVisitor
    {
        void onGrant(long dropCopyAccountId, long accountId);
    }

    void forEachGrant(final GrantVisitor visitor)
    {
        for (int i = 0; i < watchingEveryAccount.size(); i++)
        {
            visitor.onGrant(watchingEveryAccount.getLong(i), EVERY_ACCOUNT);
        }
        watchersByAccount.forEach((accountId, watchers) ->
        {
            for (int i = 0; i < watchers.size(); i++)
            {
                visitor.onGrant(watchers.getLong(i), accountId);
            }
        });
    }

    void save(final DataOutput out) throws IOException
    {
        out.writeInt(grantCount);
        for (int i = 0; i < watchingEveryAccount.size(); i++)
        {
            out.writeLong(watchingEveryAccount.getLong(i));
            out.writeLong(EVERY_ACCOUNT);
        }
        // watched accounts in ascending id, so that the same grants always save the same bytes; each account's
        // watchers in grant order, which is the order their copies go out in
        final long[] watched = new long[watchersByAccount.size()];
        int count = 0;
        final Long2ObjectHashMap<LongArrayList>.KeyIterator keys = watchersByAccount.keySet().iterator();
        while (keys.hasNext())
        {
            watched[count++] = keys.nextLong();
        }
        java.util.Arrays.sort(watched);
        for (final long accountId : watched)
        {
            final LongArrayList watchers = watchersByAccount.get(accountId);
            for (int i = 0; i < watchers.size(); i++)
            {
                out.writeLong(watchers.getLong(i));
                out.writeLong(accountId);
            }
        }
    }

    /**
     * @return the saved grants, in a new instance.
     * @throws IOException           if the input ends early.
     * @throws IllegalStateException if the count is negative or a grant repeats or names its own account.
     */
    static DropCopies read(final DataInput in) throws IOException
    {
        final int count = in.readInt();
        if (count < 0)
        {
            throw new IllegalStateException("bad drop copy state: a count of " + count);
        }
        final DropCopies grants = new DropCopies();
        for (int i = 0; i < count; i++)
        {
            final long dropCopyAccountId = in.readLong();
            final long accountId = in.readLong();
            if (!grants.grant(dropCopyAccountId, accountId))
            {
                throw new IllegalStateException("bad drop copy state: grant " + dropCopyAccountId + " -> " +
                    accountId + " repeated or of the account itself");
            }
        }
        return grants;
    }

    /**
     * @param from what {@link #read} returned, into this (empty) instance.
     */
    void load(final DropCopies from)
    {
        if (!isEmpty())
        {
            throw new IllegalStateException("saved grants can only be loaded where there are none");
        }
        from.forEachGrant(this::grant);
    }
}
