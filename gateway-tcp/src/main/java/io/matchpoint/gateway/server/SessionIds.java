package io.matchpoint.gateway.server;

/**
 * A session id is the global sequence of the command that opened the session, shifted left, with the session's slot
 * in the low bits: unique for the life of the journal (across restarts too), deterministic on replay, and the sender
 * finds the slot without a map.
 */
final class SessionIds
{
    static final int SLOT_BITS = 16;
    static final int MAX_SLOTS = 1 << SLOT_BITS;

    private SessionIds()
    {
    }

    static long sessionId(final long openingCommandSequence, final int slot)
    {
        return (openingCommandSequence << SLOT_BITS) | slot;
    }

    static int slot(final long sessionId)
    {
        return (int)(sessionId & (MAX_SLOTS - 1));
    }
}
