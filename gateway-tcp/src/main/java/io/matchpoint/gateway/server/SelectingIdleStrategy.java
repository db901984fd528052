package io.matchpoint.gateway.server;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;

/**
 * The idle strategy of a thread whose every input is the gateway's sockets and the agents' own timers (the
 * {@code shared} threading mode: the only other producer, the server's own thread, wakes the selector when it
 * publishes). Like Agrona's back-off it spins, then yields, but then waits in the gateway's {@code select} instead of
 * parking, from 1 ms up to {@value #MAX_WAIT_MS} ms: a client's bytes wake the thread at once, and an idle server
 * wakes about 20 times a second, for the timers (heartbeats, logon timeouts, lingering closes), which may then run up
 * to 50 ms late: the shortest heartbeat interval a client may ask for is 100 ms, and a peer is given three. Each
 * wake-up costs 200-500 µs of a CPU on the development VM (measured from /proc/PID/task/TID/schedstat), so at 16 ms
 * (60 a second) this thread alone cost an idle server 1.3 % of a CPU, at 50 ms 0.7-0.95 %.
 */
public final class SelectingIdleStrategy implements IdleStrategy
{
    /** The longest wait in select: how late an idle thread may run its timers (heartbeats, logon timeouts). */
    public static final long MAX_WAIT_MS = 50;
    private static final int MAX_SPINS = 20;
    private static final int MAX_YIELDS = 10;
    private static final long PAUSED_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final GatewayAgent gateway;
    private int spins;
    private int yields;
    private long waitMs = 1;

    SelectingIdleStrategy(final GatewayAgent gateway)
    {
        this.gateway = gateway;
    }

    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    public void idle()
    {
        if (spins < MAX_SPINS)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < MAX_YIELDS)
        {
            yields++;
            Thread.yield();
        }
        else if (gateway.hasPausedSessions())
        {
            LockSupport.parkNanos(PAUSED_PARK_NS); // their sockets stay readable: select would not wait
        }
        else if (!gateway.isServing())
        {
            // not yet open, or closing: connections waiting to be accepted keep select from waiting
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        else
        {
            try
            {
                gateway.awaitIo(waitMs);
            }
            catch (final IOException ex)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMs)); // the duty cycle reports the selector
            }
            waitMs = Math.min(waitMs * 2, MAX_WAIT_MS);
        }
    }

    public void reset()
    {
        spins = 0;
        yields = 0;
        waitMs = 1;
    }

    public String alias()
    {
        return "select";
    }

    public String toString()
    {
        return "SelectingIdleStrategy{spins=" + MAX_SPINS + ", yields=" + MAX_YIELDS + ", select 1.." + MAX_WAIT_MS +
            " ms}";
    }
}
