package io.matchpoint.journal.dump;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats nanoseconds since the epoch as ISO-8601 UTC with all nine fraction digits,
 * {@code 2024-03-01T09:30:05.000000123Z}, which {@link Instant#parse} reads back exactly. Fixed width, so
 * that text dumps line up and sort as text. Journal entries come many to a second, so the part up to the second is
 * formatted once per second, not once per entry. One instance per thread.
 */
final class IsoTimeFormat
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final DateTimeFormatter UP_TO_SECOND =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    void append(final long epochNs, final StringBuilder out)
    {
        final long second = Math.floorDiv(epochNs, NANOS_PER_SECOND);
        final long nanos = Math.floorMod(epochNs, NANOS_PER_SECOND);
        if (second != cachedSecond)
        {
            cachedPrefix = UP_TO_SECOND.format(Instant.ofEpochSecond(second));
            cachedSecond = second;
        }
        out.append(cachedPrefix).append('.');
        for (long digit = NANOS_PER_SECOND / 10; digit > 1 && nanos < digit; digit /= 10)
        {
            out.append('0');
        }
        out.append(nanos).append('Z');
    }
}
