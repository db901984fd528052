package io.matchpoint.bench;

import java.util.concurrent.atomic.AtomicLongArray;

import io.matchpoint.perf.support.tape.OrderTapeReader;
import io.matchpoint.perf.support.tape.TapeRecord;

/**
 * The engine's order id of each tape order, learnt from its acknowledgement, for the replaces that name it. Tape refs
 * are dense from 1, so an array indexed by ref; atomic, because in-process the acknowledgements are read on the
 * pipeline's sender thread while the driver's thread sends. A replace of an order not acknowledged yet names id 0 and
 * is rejected (UNKNOWN_ORDER): counted, never hidden.
 */
final class OrderIds
{
    private final AtomicLongArray ids;

    OrderIds(final long maxRef)
    {
        if (maxRef >= Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("tape order refs up to " + maxRef + " are more than a run can hold");
        }
        ids = new AtomicLongArray((int)maxRef + 1);
    }

    /**
     * @return ids for every order of the tape.
     */
    static OrderIds forTape(final OrderTapeReader tape)
    {
        final TapeRecord record = new TapeRecord();
        long maxRef = 0;
        for (long i = 0; i < tape.recordCount(); i++)
        {
            maxRef = Math.max(maxRef, tape.read(i, record).orderRef());
        }
        return new OrderIds(maxRef);
    }

    void put(final long ref, final long orderId)
    {
        if (ref > 0 && ref < ids.length())
        {
            ids.lazySet((int)ref, orderId);
        }
    }

    long get(final long ref)
    {
        return ref > 0 && ref < ids.length() ? ids.get((int)ref) : 0;
    }

    void remove(final long ref)
    {
        put(ref, 0);
    }
}
