package io.matchpoint.engine.book;

/**
 * Open-addressing map from (account index, client order id) to order index, for cancel by client order id and the
 * duplicate check. Linear probing with backward-shift deletion keeps lookups short without tombstones. Sized at
 * construction for twice the order capacity and never resized.
 * <p>
 * Single-threaded: owned by the matcher.
 */
public final class ClientOrderIdIndex
{
    public static final int NONE = OrderPool.NONE;

    private final int mask;
    private final int[] accountIndexes;
    private final long[] clientOrderIds;
    private final int[] orderIndexes;

    public ClientOrderIdIndex(final int maxEntries)
    {
        final int slots = Integer.highestOneBit(Math.max(2, maxEntries) * 4 - 1);
        mask = slots - 1;
        accountIndexes = new int[slots];
        clientOrderIds = new long[slots];
        orderIndexes = new int[slots];
        java.util.Arrays.fill(accountIndexes, NONE);
    }

    /**
     * @return the order index, or {@link #NONE}
     */
    public int get(final int accountIndex, final long clientOrderId)
    {
        int slot = hash(accountIndex, clientOrderId);
        int account;
        while ((account = accountIndexes[slot]) != NONE)
        {
            if (account == accountIndex && clientOrderIds[slot] == clientOrderId)
            {
                return orderIndexes[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /**
     * Adds a key that is not present.
     */
    public void put(final int accountIndex, final long clientOrderId, final int orderIndex)
    {
        int slot = hash(accountIndex, clientOrderId);
        while (accountIndexes[slot] != NONE)
        {
            slot = (slot + 1) & mask;
        }
        accountIndexes[slot] = accountIndex;
        clientOrderIds[slot] = clientOrderId;
        orderIndexes[slot] = orderIndex;
    }

    public void remove(final int accountIndex, final long clientOrderId)
    {
        int hole = hash(accountIndex, clientOrderId);
        while (true)
        {
            final int account = accountIndexes[hole];
            if (account == NONE)
            {
                return;
            }
            if (account == accountIndex && clientOrderIds[hole] == clientOrderId)
            {
                break;
            }
            hole = (hole + 1) & mask;
        }

        int probe = hole;
        while (true)
        {
            probe = (probe + 1) & mask;
            final int account = accountIndexes[probe];
            if (account == NONE)
            {
                break;
            }
            final int home = hash(account, clientOrderIds[probe]);
            final boolean homeBetweenHoleAndProbe = hole <= probe ?
                hole < home && home <= probe :
                hole < home || home <= probe;
            if (!homeBetweenHoleAndProbe)
            {
                accountIndexes[hole] = account;
                clientOrderIds[hole] = clientOrderIds[probe];
                orderIndexes[hole] = orderIndexes[probe];
                hole = probe;
            }
        }
        accountIndexes[hole] = NONE;
    }

    private int hash(final int accountIndex, final long clientOrderId)
    {
        long h = clientOrderId * 0x9E3779B97F4A7C15L + accountIndex * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int)h & mask;
    }
}
