package io.matchpoint.gateway.server;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * What the gateway agent shows while it runs. Written by the gateway's duty cycle alone, with ordered stores.
 */
final class GatewayCounters
{
    final AtomicCounter heartbeatEpochMs;
    final AtomicCounter connections;
    final AtomicCounter sessionsOpen;
    final AtomicCounter logonsRejected;
    final AtomicCounter frameRejects;
    final AtomicCounter throttleRejects;
    final AtomicCounter businessRejects;
    final AtomicCounter bytesIn;
    final AtomicCounter ringFullPauses;

    GatewayCounters(final CountersManager counters)
    {
        heartbeatEpochMs = counters.newCounter("server: heartbeat (epoch ms)");
        connections = counters.newCounter("gateway: connections accepted");
        sessionsOpen = counters.newCounter("gateway: sessions logged on");
        logonsRejected = counters.newCounter("gateway: logons rejected");
        frameRejects = counters.newCounter("gateway: frames rejected");
        throttleRejects = counters.newCounter("gateway: throttle rejects");
        businessRejects = counters.newCounter("gateway: requests not permitted");
        bytesIn = counters.newCounter("gateway: bytes in");
        ringFullPauses = counters.newCounter("gateway: pauses for a full inbound ring");
    }
}
