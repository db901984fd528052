package io.matchpoint.client;

import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;

/**
 * Reads a DropCopyReport as the ExecutionReport it copies: the schema lays out its fields from
 * {@code accountSeqNum} on as an ExecutionReport's from {@code seqNum} on, so an ExecutionReport decoder wrapped
 * there reads the watched account's report as that account's own sessions received it (its {@code seqNum} is the
 * report's number in that account's stream). No copy, no allocation.
 */
public final class DropCopyReports
{
    private DropCopyReports()
    {
    }

    /**
     * @param copy   a drop copy report, wrapped.
     * @param report wrapped here over the copy's buffer: valid as long as {@code copy} is.
     * @return {@code report}.
     */
    public static ExecutionReportDecoder asExecutionReport(
        final DropCopyReportDecoder copy, final ExecutionReportDecoder report)
    {
        return report.wrap(copy.buffer(), copy.offset() + DropCopyReportDecoder.accountSeqNumEncodingOffset(),
            ExecutionReportDecoder.BLOCK_LENGTH, copy.actingVersion());
    }
}
