package io.matchpoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.RejectReason;

/**
 * How the bench pairs answers with the commands in flight: the first answer of the oldest command is its
 * acknowledgement, fills of resting orders and an IOC's unfilled rest are not, and the taker fill right after an
 * acknowledgement is that command's fill.
 */
class SessionTrackerTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final ExecutionReportDecoder decoded = new ExecutionReportDecoder();
    private final CancelRejectEncoder cancelReject = new CancelRejectEncoder();
    private final CancelRejectDecoder cancelRejectDecoded = new CancelRejectDecoder();
    private final OrderIds orderIds = new OrderIds(100);
    private final RejectCounts rejects = new RejectCounts();
    private LatencyRecorder latencies;
    private SessionTracker tracker;

    @BeforeEach
    void setUp()
    {
        latencies = new LatencyRecorder(0, 10);
        tracker = new SessionTracker(16, orderIds, latencies, rejects);
    }

    @Test
    void shouldAcknowledgeTheOldestCommandAndLearnTheOrderId()
    {
        tracker.sent(System.nanoTime(), 7, true);

        tracker.onExecutionReport(execution(ExecType.NEW, 7, 1007, Liquidity.NONE, 5, CancelReason.NONE));

        assertEquals(1, tracker.acked());
        assertEquals(0, tracker.inFlight());
        assertEquals(1007, orderIds.get(7), "a later move names the engine's id");
        assertEquals(1, latencies.ack().getTotalCount());
        assertEquals(0, tracker.unmatched());
    }

    @Test
    void shouldNotTakeAFillOfARestingOrderForAnAcknowledgement()
    {
        tracker.sent(System.nanoTime(), 9, true);

        tracker.onExecutionReport(execution(ExecType.TRADE, 3, 1003, Liquidity.MAKER, 0, CancelReason.NONE));
        tracker.onExecutionReport(execution(ExecType.CANCELLED, 4, 1004, Liquidity.NONE, 0, CancelReason.NO_LIQUIDITY));

        assertEquals(1, tracker.inFlight(), "still waiting for command 9's answer");
        assertEquals(0, tracker.acked());
    }

    @Test
    void shouldRecordTheTakerFillThatFollowsTheAcknowledgement()
    {
        tracker.sent(System.nanoTime(), 11, true);

        tracker.onExecutionReport(execution(ExecType.NEW, 11, 1011, Liquidity.NONE, 3, CancelReason.NONE));
        tracker.onExecutionReport(execution(ExecType.TRADE, 11, 1011, Liquidity.TAKER, 1, CancelReason.NONE));
        tracker.onExecutionReport(execution(ExecType.TRADE, 11, 1011, Liquidity.TAKER, 0, CancelReason.NONE));

        assertEquals(1, latencies.fill().getTotalCount(), "the first fill only");
        assertEquals(0, orderIds.get(11), "a filled order is forgotten");
    }

    @Test
    void shouldCountARejectByItsReasonAndNotAsAnAcknowledgement()
    {
        tracker.sent(System.nanoTime(), 12, true);

        cancelReject.wrapAndApplyHeader(buffer, 0, new io.matchpoint.codec.sbe.MessageHeaderEncoder())
            .clOrdId(12).orderId(0).responseTo(CancelRejectResponseTo.REPLACE).reason(RejectReason.UNKNOWN_ORDER);
        tracker.onCancelReject(cancelRejectDecoded.wrap(buffer, 8, CancelRejectEncoder.BLOCK_LENGTH,
            CancelRejectEncoder.SCHEMA_VERSION));

        assertEquals(0, tracker.acked());
        assertEquals(1, tracker.rejected());
        assertEquals(Map.of("CancelReject UNKNOWN_ORDER", 1L), rejects.byName());
    }

    @Test
    void shouldLeaveWarmUpCommandsOutOfTheFigures()
    {
        tracker.sent(System.nanoTime(), 13, false);

        tracker.onExecutionReport(execution(ExecType.NEW, 13, 1013, Liquidity.NONE, 2, CancelReason.NONE));

        assertEquals(0, tracker.acked());
        assertEquals(0, latencies.ack().getTotalCount());
        assertEquals(0, tracker.inFlight());
    }

    @Test
    void shouldCountAnAnswerThatNamesAnotherOrderAsUnmatched()
    {
        tracker.sent(System.nanoTime(), 14, true);

        tracker.onExecutionReport(execution(ExecType.NEW, 15, 1015, Liquidity.NONE, 2, CancelReason.NONE));

        assertEquals(1, tracker.unmatched());
    }

    @Test
    void shouldNameTheServersLogoutReasonWhenTheSessionEnds()
    {
        tracker.onLogout(LogoutReason.THROTTLE_ABUSE);
        tracker.onDisconnected("end of stream: the server closed the connection");

        assertEquals("logged out by the server (THROTTLE_ABUSE), then end of stream: the server closed the connection",
            tracker.disconnected());
    }

    private ExecutionReportDecoder execution(final ExecType type, final long clOrdId, final long orderId,
        final Liquidity liquidity, final long leaves, final CancelReason cancelReason)
    {
        report.wrapAndApplyHeader(buffer, 0, new io.matchpoint.codec.sbe.MessageHeaderEncoder()).clOrdId(clOrdId)
            .orderId(orderId).execType(type).liquidity(liquidity).leavesQuantity(leaves).cancelReason(cancelReason)
            .rejectReason(RejectReason.NONE);
        return decoded.wrap(buffer, 8, ExecutionReportEncoder.BLOCK_LENGTH, ExecutionReportEncoder.SCHEMA_VERSION);
    }
}
