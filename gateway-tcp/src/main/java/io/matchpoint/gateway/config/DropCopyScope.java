package io.matchpoint.gateway.config;

import java.util.List;

/**
 * Whose execution reports a drop copy account receives (its {@code drop-copy-for}): every account's, or those of
 * the accounts listed. {@link #NONE} for an account that trades.
 *
 * @param everyAccount true for {@code drop-copy-for = "all"}.
 * @param accounts     the ids listed, unique, without the account itself; empty when {@code everyAccount}.
 */
public record DropCopyScope(boolean everyAccount, List<Long> accounts)
{
    /** Not a drop copy account. */
    public static final DropCopyScope NONE = new DropCopyScope(false, List.of());
    /** Every account's execution reports. */
    public static final DropCopyScope EVERY_ACCOUNT = new DropCopyScope(true, List.of());

    public DropCopyScope
    {
        accounts = List.copyOf(accounts);
        if (everyAccount && !accounts.isEmpty())
        {
            throw new IllegalArgumentException("every account, or a list: not both");
        }
    }

    /**
     * @param accounts the ids watched, at least one.
     * @return the scope of those accounts.
     */
    public static DropCopyScope of(final List<Long> accounts)
    {
        return new DropCopyScope(false, accounts);
    }

    /**
     * @return whether it is a drop copy account at all.
     */
    public boolean isDropCopy()
    {
        return everyAccount || !accounts.isEmpty();
    }

    @Override
    public String toString()
    {
        return everyAccount ? "all" : accounts.toString();
    }
}
