package io.matchpoint.gateway.server;

import java.util.ArrayList;
import java.util.List;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.client.ReportFormatter;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.OrdType;

/**
 * One client's execution reports and cancel rejects as they arrive: each as the formatter prints it, with the
 * engine's order and trade ids masked; for the execution reports their type, order type, order id, stop price and
 * display quantity too.
 */
final class RecordedReports implements ClientListener
{
    final List<String> lines = new ArrayList<>();
    final List<ExecType> execTypes = new ArrayList<>();
    final List<OrdType> ordTypes = new ArrayList<>();
    final List<Long> orderIds = new ArrayList<>();
    final List<Long> stopPrices = new ArrayList<>();
    final List<Long> displayQuantities = new ArrayList<>();
    private final MatchpointClient client;
    private final ReportFormatter formatter;

    RecordedReports(final MatchpointClient client)
    {
        this.client = client;
        formatter = new ReportFormatter(client::instrumentById);
    }

    /**
     * @return the line with the engine's order and trade ids, which the tests do not choose, as {@code *}.
     */
    static String masked(final String line)
    {
        return line.replaceAll("order=\\d+", "order=*").replaceAll("trade=\\d+", "trade=*");
    }

    public void onExecutionReport(final ExecutionReportDecoder report)
    {
        lines.add(masked(formatter.executionReport(report)));
        execTypes.add(report.execType());
        ordTypes.add(report.ordType());
        orderIds.add(report.orderId());
        stopPrices.add(report.stopPrice());
        displayQuantities.add(report.displayQuantity());
    }

    public void onCancelReject(final CancelRejectDecoder reject)
    {
        lines.add(masked(formatter.cancelReject(reject)));
    }

    /** Polls the client until {@code count} lines have arrived, or fails at the deadline showing those that did. */
    void await(final int count)
    {
        TestServers.pollUntil(client, this, () -> lines.size() >= count, lines);
    }
}
