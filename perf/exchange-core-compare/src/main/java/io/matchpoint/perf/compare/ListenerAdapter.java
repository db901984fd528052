package io.matchpoint.perf.compare;

import io.matchpoint.engine.match.EngineListenerAdapter;
import io.matchpoint.engine.match.RejectReason;

/**
 * Ignores every event except that it counts rejects: subclasses override what they need. A valid workload is never
 * rejected, so {@link #rejects()} is checked after set-up and in the tests.
 */
abstract class ListenerAdapter extends EngineListenerAdapter
{
    long rejects;

    long rejects()
    {
        return rejects;
    }

    @Override
    public void onInstrumentRejected(final int instrumentId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onOrderRejected(
        final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onCancelRejected(
        final long accountId, final long orderId, final long clientOrderId, final RejectReason reason)
    {
        rejects++;
    }

    @Override
    public void onReplaceRejected(
        final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        rejects++;
    }
}
