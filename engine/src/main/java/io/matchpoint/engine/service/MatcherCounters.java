package io.matchpoint.engine.service;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.codec.sbe.RejectReason;

/**
 * What the matcher's answers show while it runs: rejects by reason (orders, cancels, replaces and business rejects
 * alike, by the reason the client reads) and trades. Written by the matcher alone; since start, replays included.
 */
final class MatcherCounters
{
    private final AtomicCounter[] rejectsByReason;
    private final AtomicCounter trades;
    private final AtomicCounter logonsRefused;

    MatcherCounters(final CountersManager counters)
    {
        int maxReason = 0;
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL)
            {
                maxReason = Math.max(maxReason, reason.value());
            }
        }
        rejectsByReason = new AtomicCounter[maxReason + 1];
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL && reason != RejectReason.NONE)
            {
                rejectsByReason[reason.value()] = counters.newCounter("rejects: " + reason.name());
            }
        }
        trades = counters.newCounter("matcher: trades");
        logonsRefused = counters.newCounter("matcher: logons refused (resume beyond the stream)");
    }

    void onReject(final RejectReason reason)
    {
        final short value = reason.value();
        if (value < rejectsByReason.length && rejectsByReason[value] != null)
        {
            rejectsByReason[value].incrementRelease();
        }
    }

    void onTrade()
    {
        trades.incrementRelease();
    }

    void onLogonRefused()
    {
        logonsRefused.incrementRelease();
    }
}
