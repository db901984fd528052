package io.matchpoint.client;

import java.util.ArrayList;
import java.util.List;

import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Records every callback as a short line, so a test compares the whole sequence. Allocates freely.
 */
final class RecordingListener implements ClientListener
{
    final List<String> events = new ArrayList<>();
    final List<ClientInstrument> instruments = new ArrayList<>();

    public void onLogonAccepted(
        final long sessionId, final long accountId, final long heartbeatIntervalMs, final int instrumentCount)
    {
        events.add("logonAccepted session=" + sessionId + " account=" + accountId + " heartbeat=" +
            heartbeatIntervalMs + " instruments=" + instrumentCount);
    }

    public void onLogonRejected(final LogonRejectReason reason, final long retryAfterMs)
    {
        events.add("logonRejected " + reason + " retryAfter=" + retryAfterMs);
    }

    public void onInstrument(final ClientInstrument instrument)
    {
        instruments.add(instrument);
        events.add(
            "instrument " + instrument.id() + " " + instrument.symbol() + (instrument.halted() ? " HALTED" : ""));
    }

    public void onExecutionReport(final ExecutionReportDecoder report)
    {
        events.add("exec seq=" + report.seqNum() + " " + report.execType() + " order=" + report.orderId() +
            " clOrd=" + report.clOrdId());
    }

    public void onCancelReject(final CancelRejectDecoder reject)
    {
        events.add("cancelReject seq=" + reject.seqNum() + " order=" + reject.orderId() + " " + reject.reason());
    }

    public void onMassCancelReport(final MassCancelReportDecoder report)
    {
        events.add("massCancel seq=" + report.seqNum() + " cancelled=" + report.cancelledCount());
    }

    public void onTradingStatus(final TradingStatusUpdateDecoder update)
    {
        events.add("status seq=" + update.seqNum() + " " + update.instrumentId() + " " + update.status());
    }

    public void onSessionReject(final SessionRejectDecoder reject)
    {
        events.add("sessionReject seq=" + reject.seqNum() + " " + reject.reason());
    }

    public void onThrottleReject(final ThrottleRejectDecoder reject)
    {
        events.add("throttleReject seq=" + reject.seqNum() + " ref=" + reject.refSeqNum());
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        events.add("businessReject seq=" + reject.seqNum() + " " + reject.reason());
    }

    public void onHeartbeat(final long seqNum)
    {
        events.add("heartbeat seq=" + seqNum);
    }

    public void onLogout(final LogoutReason reason)
    {
        events.add("logout " + reason);
    }

    public void onProtocolError(final String what)
    {
        events.add("protocolError " + what);
    }

    public void onDisconnected(final String why)
    {
        events.add("disconnected " + why);
    }

    long count(final String prefix)
    {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
