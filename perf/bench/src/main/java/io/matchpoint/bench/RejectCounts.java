package io.matchpoint.bench;

import java.util.Map;
import java.util.TreeMap;

import io.matchpoint.codec.sbe.RejectReason;

/**
 * Counts of every reject seen in the measured part of a run, by message and reason: {@code REJECTED
 * PRICE_OUTSIDE_BAND}, {@code CancelReject UNKNOWN_ORDER}, {@code ThrottleReject}. Counted by code on the hot path,
 * named only for the report.
 */
final class RejectCounts
{
    static final int ORDER_REJECTED = 0;
    static final int CANCEL_REJECTED = 1;
    static final int BUSINESS_REJECTED = 2;
    static final int THROTTLED = 3;
    static final int SESSION_REJECTED = 4;
    private static final String[] KINDS =
        {"REJECTED", "CancelReject", "BusinessReject", "ThrottleReject", "SessionReject"};

    private final long[][] counts = new long[KINDS.length][256];

    void count(final int kind, final int reasonCode)
    {
        counts[kind][reasonCode & 0xFF]++;
    }

    private static String reasonName(final int code)
    {
        try
        {
            return RejectReason.get((short)code).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "code " + code;
        }
    }

    /**
     * @return each kind and reason seen, with its count, in name order.
     */
    Map<String, Long> byName()
    {
        final Map<String, Long> named = new TreeMap<>();
        for (int kind = 0; kind < KINDS.length; kind++)
        {
            for (int code = 0; code < 256; code++)
            {
                if (counts[kind][code] > 0)
                {
                    final String reason = kind >= THROTTLED ? "" : " " + reasonName(code);
                    named.merge(KINDS[kind] + reason, counts[kind][code], Long::sum);
                }
            }
        }
        return named;
    }
}
