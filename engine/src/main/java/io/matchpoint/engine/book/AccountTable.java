package io.matchpoint.engine.book;

import org.agrona.collections.Long2LongHashMap;

/**
 * The accounts the core has seen, each with the head and tail of its intrusive list of resting orders (linked through
 * {@link OrderPool#accountNext}). Orders are appended when they start resting, which happens in order-id order, so
 * the list is in ascending order id. Accounts are never removed.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class AccountTable
{
    public static final int NONE = OrderPool.NONE;

    private final Long2LongHashMap indexById;
    private final long[] accountId;
    private final int[] head;
    private final int[] tail;
    private int size;

    public AccountTable(final int capacity)
    {
        indexById = new Long2LongHashMap(capacity * 2, 0.55f, NONE);
        accountId = new long[capacity];
        head = new int[capacity];
        tail = new int[capacity];
    }


    public int size()
    {
        return size;
    }

    /**
     * @return the account's index, or {@link #NONE} if it was never registered
     */
    public int indexOf(final long id)
    {
        return (int)indexById.get(id);
    }

    /**
     * @return the index of an account, registering it if new, or {@link #NONE} if it is new and the table is full
     */
    public int register(final long id)
    {
        final int existing = (int)indexById.get(id);
        if (existing != NONE || size == accountId.length)
        {
            return existing;
        }
        final int index = size++;
        accountId[index] = id;
        head[index] = NONE;
        tail[index] = NONE;
        indexById.put(id, index);
        return index;
    }

    public long accountId(final int index)
    {
        return accountId[index];
    }

    public int head(final int index)
    {
        return head[index];
    }

    public void append(final int account, final int order, final OrderPool orders)
    {
        final int last = tail[account];
        orders.accountPrev(order, last);
        orders.accountNext(order, NONE);
        if (last == NONE)
        {
            head[account] = order;
        }
        else
        {
            orders.accountNext(last, order);
        }
        tail[account] = order;
    }

    public void unlink(final int account, final int order, final OrderPool orders)
    {
        final int before = orders.accountPrev(order);
        final int after = orders.accountNext(order);
        if (before == NONE)
        {
            head[account] = after;
        }
        else
        {
            orders.accountNext(before, after);
        }
        if (after == NONE)
        {
            tail[account] = before;
        }
        else
        {
            orders.accountPrev(after, before);
        }
        orders.accountPrev(order, NONE);
        orders.accountNext(order, NONE);
    }
}
