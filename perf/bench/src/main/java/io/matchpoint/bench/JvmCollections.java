package io.matchpoint.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections of this JVM, all collectors together: the bench's own pauses, which its measured threads
 * suffer as the server's.
 *
 * @param count  collections.
 * @param millis their time.
 */
record JvmCollections(long count, long millis)
{
    static JvmCollections now()
    {
        long count = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new JvmCollections(count, millis);
    }

    JvmCollections minus(final JvmCollections earlier)
    {
        return new JvmCollections(count - earlier.count, millis - earlier.millis);
    }
}
