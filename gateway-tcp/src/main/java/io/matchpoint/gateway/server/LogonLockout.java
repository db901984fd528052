package io.matchpoint.gateway.server;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Locks out a peer address after repeated failed logons: {@code failuresBeforeLockout} failures within
 * {@code failureWindowNs} lock it out for {@code lockoutNs}, during which every logon from it is refused without
 * checking credentials (so guessing gets no answer). Logon is rare, so plain collections are fine here; the table
 * is pruned as it is used so it cannot grow without bound. I/O thread only.
 */
final class LogonLockout
{
    private static final int MAX_TRACKED_PEERS = 10_000;

    private final int failuresBeforeLockout;
    private final long failureWindowNs;
    private final long lockoutNs;
    private final Map<InetAddress, Peer> peers = new HashMap<>();

    private static final class Peer
    {
        final ArrayDeque<Long> failuresNs = new ArrayDeque<>();
        long lockedUntilNs = Long.MIN_VALUE;
    }

    LogonLockout(final int failuresBeforeLockout, final long failureWindowNs, final long lockoutNs)
    {
        this.failuresBeforeLockout = failuresBeforeLockout;
        this.failureWindowNs = failureWindowNs;
        this.lockoutNs = lockoutNs;
    }

    /**
     * @return nanoseconds the address stays locked out, or 0 if it may try to log on.
     */
    long lockedForNs(final InetAddress address, final long nowNs)
    {
        final Peer peer = peers.get(address);
        if (peer == null || peer.lockedUntilNs == Long.MIN_VALUE)
        {
            return 0;
        }
        final long remainingNs = peer.lockedUntilNs - nowNs;
        if (remainingNs <= 0)
        {
            peers.remove(address);
            return 0;
        }
        return remainingNs;
    }

    void onFailure(final InetAddress address, final long nowNs)
    {
        if (peers.size() >= MAX_TRACKED_PEERS)
        {
            prune(nowNs);
        }
        final Peer peer = peers.computeIfAbsent(address, ignored -> new Peer());
        peer.failuresNs.addLast(nowNs);
        while (!peer.failuresNs.isEmpty() && nowNs - peer.failuresNs.peekFirst() > failureWindowNs)
        {
            peer.failuresNs.removeFirst();
        }
        if (peer.failuresNs.size() >= failuresBeforeLockout)
        {
            peer.lockedUntilNs = nowNs + lockoutNs;
            peer.failuresNs.clear();
        }
    }

    void onSuccess(final InetAddress address)
    {
        final Peer peer = peers.get(address);
        if (peer != null && peer.lockedUntilNs == Long.MIN_VALUE)
        {
            peers.remove(address);
        }
    }

    private void prune(final long nowNs)
    {
        final Iterator<Peer> it = peers.values().iterator();
        while (it.hasNext())
        {
            final Peer peer = it.next();
            final boolean lockExpired = peer.lockedUntilNs == Long.MIN_VALUE || peer.lockedUntilNs - nowNs <= 0;
            final boolean failuresExpired = peer.failuresNs.isEmpty() ||
                nowNs - peer.failuresNs.peekLast() > failureWindowNs;
            if (lockExpired && failuresExpired)
            {
                it.remove();
            }
        }
    }
}
