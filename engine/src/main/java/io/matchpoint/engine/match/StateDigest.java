package io.matchpoint.engine.match;

/**
 * The 64-bit mixing step behind {@link MatchingEngine#digest()}: a multiply-rotate chain, order-sensitive, so books
 * that hold the same orders in another priority differ. Shared so an independent model can compute the same digest.
 */
public final class StateDigest
{
    public static final long SEED = 0x6A09E667F3BCC909L;

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private StateDigest()
    {
    }

    public static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * MULTIPLIER;
        h ^= h >>> 29;
        return Long.rotateLeft(h, 27) * 0xBF58476D1CE4E5B9L;
    }
}
