package io.matchpoint.gateway.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@link SharedLimits} of each peer IP address, found once per connection (at accept, which allocates anyway),
 * never per message. An address stays known while it has a connection or its buckets have not refilled, so a client
 * cannot shed its limits by reconnecting; the table is pruned of idle addresses when it grows, so it cannot grow
 * without bound. I/O thread only.
 */
final class AddressLimits
{
    private static final int PRUNE_AT = 10_000;

    private final int messages;
    private final int logons;
    private final long messageWindowNs;
    private final long logonWindowNs;
    private final Map<InetAddress, SharedLimits> byAddress = new HashMap<>();

    AddressLimits(final int messages, final int logons, final long messageWindowNs, final long logonWindowNs)
    {
        this.messages = messages;
        this.logons = logons;
        this.messageWindowNs = messageWindowNs;
        this.logonWindowNs = logonWindowNs;
    }

    /**
     * @return the address's limits, held by one more connection until {@link #release}.
     */
    SharedLimits acquire(final InetAddress address, final long nowNs)
    {
        SharedLimits limits = byAddress.get(address);
        if (limits == null)
        {
            if (byAddress.size() >= PRUNE_AT)
            {
                prune(nowNs);
            }
            limits = new SharedLimits(messages, logons, messageWindowNs, logonWindowNs);
            byAddress.put(address, limits);
        }
        limits.holders++;
        return limits;
    }

    void release(final SharedLimits limits)
    {
        limits.holders--;
    }

    int size()
    {
        return byAddress.size();
    }

    private void prune(final long nowNs)
    {
        final Iterator<SharedLimits> it = byAddress.values().iterator();
        while (it.hasNext())
        {
            if (it.next().isIdle(nowNs))
            {
                it.remove();
            }
        }
    }
}
