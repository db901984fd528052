package io.matchpoint.journal;

import java.util.concurrent.TimeUnit;

import org.agrona.ErrorHandler;

/**
 * How a journal stage says its appends fail and work again: loudly at the first failure, then at most once a second
 * with the count since the last report, and once when an append works again. One writer thread; whether it is
 * failing may be read from any thread. Nothing here runs while appends succeed but one volatile read.
 */
final class AppendFailureReport
{
    private static final long REPORT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final String failedHeadline;
    private final String consequence;
    private final String entry;
    private final ErrorHandler errorHandler;
    private long failedSinceReport;
    private long lastReportNs;
    private volatile boolean failing;

    /**
     * @param failedHeadline what the first line says, e.g. {@code COMMAND JOURNAL CANNOT WRITE (path)}.
     * @param entry          what an entry is called, e.g. {@code command}.
     * @param consequence    what became of the entries that failed, e.g. {@code refused with JOURNAL_UNAVAILABLE}.
     * @param errorHandler   where the reports go.
     */
    AppendFailureReport(
        final String failedHeadline, final String entry, final String consequence, final ErrorHandler errorHandler)
    {
        this.failedHeadline = failedHeadline;
        this.entry = entry;
        this.consequence = consequence;
        this.errorHandler = errorHandler;
    }

    void failed(final long sequence, final Throwable cause)
    {
        failedSinceReport++;
        final long nowNs = System.nanoTime();
        if (!failing || nowNs - lastReportNs >= REPORT_INTERVAL_NS)
        {
            errorHandler.onError(new JournalUnavailableException(failedHeadline + ": " + entry + " " + sequence +
                " and " + (failedSinceReport - 1) + " more " + consequence + " since the last report", cause));
            failedSinceReport = 0;
            lastReportNs = nowNs;
        }
        failing = true;
    }

    /**
     * Called after each append that worked; says so once if the ones before failed.
     */
    void succeeded(final long sequence)
    {
        if (failing)
        {
            failing = false;
            errorHandler.onError(new JournalUnavailableException("writing again from " + entry + " " + sequence +
                " (" + failedSinceReport + " " + consequence + " since the last report)", null));
            failedSinceReport = 0;
        }
    }

    boolean isFailing()
    {
        return failing;
    }
}
