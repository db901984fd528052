package io.matchpoint.bench;

import io.matchpoint.client.ClientListener;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;

/**
 * One session's commands in flight and what answers them. The matcher handles a session's commands in the order they
 * were sent and reports each one's outcome before the next one's, so the first answer for the oldest command in
 * flight is its acknowledgement: an ExecutionReport NEW, REPLACED or CANCELLED (client request), or a reject
 * (REJECTED, CancelReject, BusinessReject, ThrottleReject). Fills of resting orders (MAKER), an IOC's unfilled rest
 * (CANCELLED, NO_LIQUIDITY) and the later fills of an order are not acknowledgements. The first TAKER fill right after
 * an acknowledgement is that command's fill.
 * <p>
 * Threading: one thread sends ({@link #sent}, {@link #hasRoom}) and one answers (the listener methods); over TCP
 * they are the same thread, in-process the answers come on the pipeline's sender thread. A command's slot is filled
 * before it is published (the socket or the ring orders the two threads) and {@code head} moves only after its
 * answer is recorded, so the counters are complete once {@link #inFlight()} reads 0. Allocates nothing per command.
 */
final class SessionTracker implements ClientListener
{
    private final long[] sentNs;
    private final long[] refs;
    private final boolean[] measured;
    private final int mask;
    private final int window;
    private final OrderIds orderIds;
    private final LatencyRecorder latencies;
    private final RejectCounts rejects;
    /** Written by the answering thread, read by the sending one (in-process they differ). */
    private volatile long head;
    private long tail;
    private long fillRef = -1;
    private long fillSentNs;
    private boolean fillMeasured;
    private long acked;
    private long rejected;
    private long unmatched;
    private LogoutReason logout;
    private String disconnected;

    /**
     * @param window   commands in flight at most.
     * @param orderIds shared by the sessions: tape order ref to the engine's order id (for replaces).
     */
    SessionTracker(final int window, final OrderIds orderIds, final LatencyRecorder latencies,
        final RejectCounts rejects)
    {
        final int capacity = Integer.highestOneBit(Math.max(1, window) * 2 - 1);
        this.window = window;
        sentNs = new long[capacity];
        refs = new long[capacity];
        measured = new boolean[capacity];
        mask = capacity - 1;
        this.orderIds = orderIds;
        this.latencies = latencies;
        this.rejects = rejects;
    }

    boolean hasRoom()
    {
        return tail - head < window;
    }

    int inFlight()
    {
        return (int)(tail - head);
    }

    /**
     * @param sentNs   the send time latency is measured from: the intended time in open loop.
     * @param ref      the tape order the command names.
     * @param measured whether it counts (false in the warm-up).
     */
    void sent(final long sentNs, final long ref, final boolean measured)
    {
        final int slot = (int)(tail++ & mask);
        this.sentNs[slot] = sentNs;
        this.refs[slot] = ref;
        this.measured[slot] = measured;
    }

    @Override
    public void onExecutionReport(final ExecutionReportDecoder report)
    {
        switch (report.execType())
        {
            case NEW ->
            {
                orderIds.put(report.clOrdId(), report.orderId());
                acknowledge(report.clOrdId(), true);
            }
            case REPLACED -> acknowledge(report.clOrdId(), true);
            case REJECTED -> reject(RejectCounts.ORDER_REJECTED, report.rejectReason().value());
            case CANCELLED ->
            {
                orderIds.remove(report.clOrdId());
                if (report.cancelReason() == CancelReason.CLIENT_REQUEST)
                {
                    acknowledge(report.clOrdId(), false);
                }
            }
            case TRADE ->
            {
                if (report.liquidity() == Liquidity.TAKER && report.clOrdId() == fillRef)
                {
                    if (fillMeasured)
                    {
                        latencies.recordFill(System.nanoTime() - fillSentNs);
                        latencies.commandTraded(report.tradeId(), fillSentNs);
                    }
                    fillRef = -1;
                }
                if (report.leavesQuantity() == 0)
                {
                    orderIds.remove(report.clOrdId());
                }
            }
            default ->
            {
            }
        }
    }

    @Override
    public void onCancelReject(final CancelRejectDecoder reject)
    {
        reject(RejectCounts.CANCEL_REJECTED, reject.reason().value());
    }

    @Override
    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        reject(RejectCounts.BUSINESS_REJECTED, reject.reason().value());
    }

    @Override
    public void onThrottleReject(final ThrottleRejectDecoder reject)
    {
        reject(RejectCounts.THROTTLED, 0);
    }

    @Override
    public void onSessionReject(final SessionRejectDecoder reject)
    {
        // the bench sends only well-formed frames in sequence; should one be refused, it still answers that command
        reject(RejectCounts.SESSION_REJECTED, 0);
    }

    @Override
    public void onLogout(final LogoutReason reason)
    {
        logout = reason;
    }

    @Override
    public void onDisconnected(final String why)
    {
        // the server's reason, when it said one, first: THROTTLE_ABUSE says more than the end of stream after it
        disconnected = logout == null ? why : "logged out by the server (" + logout + "), then " + why;
    }

    private void acknowledge(final long clOrdId, final boolean mayFill)
    {
        final long at = head;
        if (at == tail)
        {
            unmatched++;
            return;
        }
        final int slot = (int)(at & mask);
        if (refs[slot] != clOrdId)
        {
            unmatched++;
        }
        final long nowNs = System.nanoTime();
        if (measured[slot])
        {
            latencies.recordAck(sentNs[slot], nowNs - sentNs[slot]);
            acked++;
        }
        fillRef = mayFill ? clOrdId : -1;
        fillSentNs = sentNs[slot];
        fillMeasured = measured[slot];
        head = at + 1;
    }

    private void reject(final int kind, final int reason)
    {
        final long at = head;
        if (at == tail)
        {
            unmatched++;
            return;
        }
        final int slot = (int)(at & mask);
        if (measured[slot])
        {
            rejects.count(kind, reason);
            latencies.recordAck(sentNs[slot], System.nanoTime() - sentNs[slot]);
            rejected++;
        }
        fillRef = -1;
        head = at + 1;
    }

    long acked()
    {
        return acked;
    }

    long rejected()
    {
        return rejected;
    }

    /**
     * @return answers that matched no command in flight, or named another order: 0 unless the bench's model of the
     * protocol is wrong.
     */
    long unmatched()
    {
        return unmatched;
    }

    String disconnected()
    {
        return disconnected;
    }
}
