package io.matchpoint.gateway.server;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * What the sender shows while it runs. Written by the sender's duty cycle alone, with ordered stores.
 */
final class SenderCounters
{
    final AtomicCounter bytesOut;
    final AtomicCounter writes;
    final AtomicCounter slowConsumersDropped;

    SenderCounters(final CountersManager counters)
    {
        bytesOut = counters.newCounter("sender: bytes out");
        writes = counters.newCounter("sender: socket writes");
        slowConsumersDropped = counters.newCounter("sender: slow consumers dropped");
    }
}
