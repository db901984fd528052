package io.matchpoint.gateway.server;

import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The little state the gateway's I/O thread and the sender share per session slot, each field written by one side:
 * <ul>
 *     <li>the channel, set by the I/O thread before it publishes the logon; the sender takes it when the
 *     LogonAccepted event reaches it, which the rings order after the write;</li>
 *     <li>a drop request (a logout reason), set by the sender when a session reads too slowly or its socket fails,
 *     taken by the I/O thread, which publishes the session's end as a command;</li>
 *     <li>accepted, set by the sender when the engine's LogonAccepted reaches it, taken by the I/O thread, which
 *     only then reads the session's commands (the engine may refuse a logon the gateway let through);</li>
 *     <li>released, set by the sender once it has closed the channel of an ended session: only then may the I/O
 *     thread give the slot to a new connection, so no late event can reach the wrong peer.</li>
 * </ul>
 */
final class SessionHandoff
{
    private final AtomicReferenceArray<SocketChannel> channels;
    private final AtomicIntegerArray dropReasons;
    private final AtomicIntegerArray released;
    private final AtomicIntegerArray accepted;
    private final AtomicLong dropRequests = new AtomicLong();
    private final AtomicLong acceptances = new AtomicLong();

    SessionHandoff(final int slots)
    {
        channels = new AtomicReferenceArray<>(slots);
        dropReasons = new AtomicIntegerArray(slots);
        released = new AtomicIntegerArray(slots);
        accepted = new AtomicIntegerArray(slots);
        for (int i = 0; i < slots; i++)
        {
            released.set(i, 1);
        }
    }

    int slots()
    {
        return released.length();
    }

    void channel(final int slot, final SocketChannel channel)
    {
        channels.set(slot, channel);
    }

    SocketChannel channel(final int slot)
    {
        return channels.get(slot);
    }

    void requestDrop(final int slot, final int logoutReason)
    {
        dropReasons.compareAndSet(slot, 0, logoutReason);
        dropRequests.incrementAndGet();
    }

    long dropRequests()
    {
        return dropRequests.get();
    }

    /**
     * @return the logout reason the sender asked for, clearing it, or 0.
     */
    int takeDropReason(final int slot)
    {
        return dropReasons.getAndSet(slot, 0);
    }

    /**
     * The engine accepted the logon of the session in this slot (its LogonAccepted reached the sender): the gateway
     * may now read its commands.
     */
    void accept(final int slot)
    {
        accepted.set(slot, 1);
        acceptances.incrementAndGet();
    }

    long acceptances()
    {
        return acceptances.get();
    }

    /**
     * @return whether the engine accepted this slot's logon since the last call, clearing it.
     */
    boolean takeAccepted(final int slot)
    {
        return accepted.getAndSet(slot, 0) == 1;
    }

    void release(final int slot)
    {
        channels.set(slot, null);
        released.set(slot, 1);
    }

    boolean isReleased(final int slot)
    {
        return released.get(slot) == 1;
    }

    void claim(final int slot)
    {
        released.set(slot, 0);
        dropReasons.set(slot, 0);
        accepted.set(slot, 0);
    }
}
