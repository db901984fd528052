package io.matchpoint.engine.book;

/**
 * Finds a resting order by its account and client order id, for the duplicate check and cancel by client order id.
 * <p>
 * A chained hash table whose entries are the orders themselves: a bucket holds the pool index of its first order, an
 * array beside the pool links each order to the next of its bucket, and keys are compared in the orders' own records
 * (account index and client order id), which the command touches anyway. It grows and shrinks by linear hashing (buckets
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
    /** Per order (pool index), the next order in its bucket, or {@link #NONE}. */
    private final int[] nextInBucket;
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
        nextInBucket = new int[orders.capacity()];
        roundBits = Integer.numberOfTrailingZeros(Math.min(MIN_BUCKETS, maxBuckets));
    }

    /**
     * @return the order, or {@link #NONE}
     */
    public int get(final int accountIndex, final long clientOrderId)
    {
        int order = heads[bucket(hash(accountIndex, clientOrderId))];
        while (order != NONE)
        {
            if (orders.clientOrderId(order) == clientOrderId && orders.accountIndex(order) == accountIndex)
            {
                return order;
            }
            order = nextInBucket[order];
        }
        return NONE;
    }

    /**
     * Adds an order, by the account index and client order id in its record: no other order of the index may have
     * both.
     */
    public void put(final int order)
    {
        push(bucket(hashOf(order)), order);
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
        final int bucket = bucket(hashOf(order));
        int previous = NONE;
        int current = heads[bucket];
        while (current != order)
        {
            if (current == NONE)
            {
                throw new IllegalStateException("order " + order + " is not in the client order id index");
            }
            previous = current;
            current = nextInBucket[current];
        }
        if (previous == NONE)
        {
            heads[bucket] = nextInBucket[order];
        }
        else
        {
            nextInBucket[previous] = nextInBucket[order];
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
        final long mask = (2L << roundBits) - 1;
        int order = heads[low];
        heads[low] = NONE;
        while (order != NONE)
        {
            final int next = nextInBucket[order];
            push((hashOf(order) & mask) == low ? low : high, order);
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
            final int next = nextInBucket[order];
            push(split, order);
            order = next;
        }
    }

    private void push(final int bucket, final int order)
    {
        nextInBucket[order] = heads[bucket];
        heads[bucket] = order;
    }

    private int bucket(final long hash)
    {
        final int low = (int)(hash & ((1L << roundBits) - 1));
        return low < split ? (int)(hash & ((2L << roundBits) - 1)) : low;
    }

    private long hashOf(final int order)
    {
        return hash(orders.accountIndex(order), orders.clientOrderId(order));
    }

    /**
     * Mixes both parts of the key into every bit: buckets are taken from the low bits, and client order ids are often
     * consecutive.
     */
    static long hash(final int accountIndex, final long clientOrderId)
    {
        long h = clientOrderId * 0x9E3779B97F4A7C15L + accountIndex * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
