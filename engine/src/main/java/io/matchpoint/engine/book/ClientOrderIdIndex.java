package io.matchpoint.engine.book;

/**
 * Finds a resting order by its account and client order id, for the duplicate check and cancel by client order id.
 * <p>
 * A chained hash table whose entries are the orders themselves: a bucket holds the pool index of its first order, an
 * array beside the pool links each order to the next of its bucket and keeps its key's hash, and keys whose hashes
 * agree are compared in the orders' own records (account index and client order id). It grows and shrinks by linear hashing (buckets
 * split after a put or merged after a removal when the load passes a bound), so the part in use stays two to four
 * buckets a resting order, whatever the pool's capacity: both arrays are allocated once, at the capacity.
 * <p>
 * Why not one open-addressing table sized for the capacity, as before: at the default million orders it was 32 MiB
 * while a book usually holds thousands, so every new order's duplicate check and every removal read a slot that was in
 * no cache, about a third of the mixed workload's time. Here a few thousand orders use a few KiB of buckets, and the
 * links follow the pool's slots, which the pool reuses most recently freed first. No operation does more than a few
 * splits or merges, so no put or removal stalls to rehash the table.
 * <p>
 * Single-threaded: owned by the matcher. An order is in the index from {@link #put} to {@link #remove}; its account
 * index and client order id must not change in between.
 */
public final class ClientOrderIdIndex
{
    public static final int NONE = OrderPool.NONE;
    /** Buckets in use while the index is nearly empty: 4 KiB, never fewer. */
    static final int MIN_BUCKETS = 1024;
    /**
     * Splits after a put, at most: enough to keep two buckets an order as the book grows, and as few as keep any one
     * put short. Merges after a removal, at most: enough to stay within four buckets an order as it shrinks (a merge
     * of buckets that thin is a few reads).
     */
    private static final int SPLITS_PER_PUT = 2;
    private static final int MERGES_PER_REMOVAL = 4;

    private final OrderPool orders;
    /** Per bucket, the first order in it, or {@link #NONE}; only {@code [0, buckets())} is in use. */
    private final int[] heads;
    /**
     * Per order (pool index), two ints side by side: the next order in its bucket (or {@link #NONE}), and the low 32
     * bits of its key's hash, which name its bucket and are compared before its record is read: a chain is walked
     * without touching the records of the orders that do not match.
     */
    private final int[] links;
    private final int maxBuckets;
    /** Linear hashing's state: {@code 2^roundBits + split} buckets; buckets below {@code split} are split already. */
    private int roundBits;
    private int split;
    private int size;

    /**
     * @param orders the pool whose orders it indexes; sizes it (the pool's capacity).
     */
    public ClientOrderIdIndex(final OrderPool orders)
    {
        this.orders = orders;
        final long wanted = Math.max(MIN_BUCKETS, 2L * orders.capacity());
        if (wanted > 1 << 30)
        {
            throw new IllegalArgumentException("too many orders: " + orders.capacity());
        }
        maxBuckets = Integer.highestOneBit((int)wanted - 1) << 1;
        heads = new int[maxBuckets];
        java.util.Arrays.fill(heads, NONE);
        links = new int[2 * orders.capacity()];
        roundBits = Integer.numberOfTrailingZeros(Math.min(MIN_BUCKETS, maxBuckets));
    }

    /**
     * @return the order, or {@link #NONE}
     */
    public int get(final int accountIndex, final long clientOrderId)
    {
        final int hash = hash(accountIndex, clientOrderId);
        int order = heads[bucket(hash)];
        while (order != NONE)
        {
            if (links[2 * order + 1] == hash &&
                orders.clientOrderId(order) == clientOrderId && orders.accountIndex(order) == accountIndex)
            {
                return order;
            }
            order = links[2 * order];
        }
        return NONE;
    }

    /**
     * Adds an order, by the account index and client order id in its record: no other order of the index may have
     * both.
     */
    public void put(final int order)
    {
        final int hash = hash(orders.accountIndex(order), orders.clientOrderId(order));
        links[2 * order + 1] = hash;
        push(bucket(hash), order);
        size++;
        for (int i = 0; i < SPLITS_PER_PUT && 2L * size > buckets() && buckets() < maxBuckets; i++)
        {
            splitNext();
        }
    }

    /**
     * Takes out an order put before, while its record still holds the key it was put with.
     */
    public void remove(final int order)
    {
        final int bucket = bucket(links[2 * order + 1]);
        int previous = NONE;
        int current = heads[bucket];
        while (current != order)
        {
            if (current == NONE)
            {
                throw new IllegalStateException("order " + order + " is not in the client order id index");
            }
            previous = current;
            current = links[2 * current];
        }
        if (previous == NONE)
        {
            heads[bucket] = links[2 * order];
        }
        else
        {
            links[2 * previous] = links[2 * order];
        }
        size--;
        for (int i = 0; i < MERGES_PER_REMOVAL && 4L * size < buckets() && buckets() > MIN_BUCKETS; i++)
        {
            mergeLast();
        }
    }

    public int size()
    {
        return size;
    }

    /**
     * @return the buckets in use.
     */
    int buckets()
    {
        return (1 << roundBits) + split;
    }

    /**
     * Splits bucket {@code split} into itself and its image {@code split + 2^roundBits}: each of its orders goes to
     * whichever of the two its hash names with one more bit.
     */
    private void splitNext()
    {
        final int low = split;
        final int high = low + (1 << roundBits);
        final int mask = (2 << roundBits) - 1;
        int order = heads[low];
        heads[low] = NONE;
        while (order != NONE)
        {
            final int next = links[2 * order];
            push((links[2 * order + 1] & mask) == low ? low : high, order);
            order = next;
        }
        if (++split == 1 << roundBits)
        {
            roundBits++;
            split = 0;
        }
    }

    /**
     * Undoes the last split: the last bucket's orders join the bucket it was split from.
     */
    private void mergeLast()
    {
        if (split == 0)
        {
            roundBits--;
            split = 1 << roundBits;
        }
        split--;
        final int high = split + (1 << roundBits);
        int order = heads[high];
        heads[high] = NONE;
        while (order != NONE)
        {
            final int next = links[2 * order];
            push(split, order);
            order = next;
        }
    }

    private void push(final int bucket, final int order)
    {
        links[2 * order] = heads[bucket];
        heads[bucket] = order;
    }

    private int bucket(final int hash)
    {
        final int low = hash & ((1 << roundBits) - 1);
        return low < split ? hash & ((2 << roundBits) - 1) : low;
    }

    /**
     * Mixes both parts of the key into every bit of the 32 kept: buckets are taken from the low bits, and client order
     * ids are often consecutive.
     */
    static int hash(final int accountIndex, final long clientOrderId)
    {
        long h = clientOrderId * 0x9E3779B97F4A7C15L + accountIndex * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int)(h ^ (h >>> 29));
    }
}
