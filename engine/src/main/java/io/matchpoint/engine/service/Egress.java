package io.matchpoint.engine.service;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where the {@link MatchingService}'s events leave it, one at a time: claim room for an event, encode it at offset 0
 * of the buffer the claim returns, publish its length. The host decides what that room is: a slot of the outbound
 * ring while the server runs, one reused slot handed straight to a handler while a journal is replayed, a cluster's
 * egress some day. The service never learns which.
 * <p>
 * An abstract class rather than an interface, with few subclasses, so that the service's two call sites per event
 * ({@link #claim} and {@link #publish}) stay at most bimorphic in a running server (the ring, and the direct output
 * recovery used before it) and inline. Called on the service's thread only; a claim is always followed by exactly
 * one publish before the next claim.
 */
public abstract class Egress
{
    /** Deliver to one session: the target id is its session id. */
    public static final byte TARGET_SESSION = 1;
    /** Deliver to every session logged on for an account: the target id is the account id. */
    public static final byte TARGET_ACCOUNT = 2;
    /** Deliver to every session. */
    public static final byte TARGET_ALL = 3;
    /**
     * The market data INCREMENTAL channel (levels, trades, status, definitions): no session's; the target id is the
     * message's channel sequence, and the event sequence is 0 (the command journal alone decides it).
     */
    public static final byte TARGET_MD_INCREMENTAL = 4;
    /** The market data ORDERS channel (the order-by-order view): as {@link #TARGET_MD_INCREMENTAL}. */
    public static final byte TARGET_MD_ORDERS = 5;

    /**
     * Claims room for one event. May wait (a full ring) but never fails: the service has no way to take back the
     * state change the event reports.
     *
     * @param eventSequence   the event's global sequence, from 1; 0 for an event that must not be journaled.
     * @param commandSequence of the command that caused it.
     * @param timestampNs     that command's timestamp.
     * @param targetKind      {@link #TARGET_SESSION}, {@link #TARGET_ACCOUNT}, {@link #TARGET_ALL} or a market data
     *                        channel ({@link #TARGET_MD_INCREMENTAL}, {@link #TARGET_MD_ORDERS}).
     * @param targetId        a session id, an account id or a channel sequence, depending on {@code targetKind}.
     * @return the buffer to encode the event into, from offset 0, holding at least
     * {@link io.matchpoint.codec.MessageLimits#MAX_MESSAGE_LENGTH} bytes; valid until {@link #publish}.
     */
    public abstract UnsafeBuffer claim(
        long eventSequence, long commandSequence, long timestampNs, byte targetKind, long targetId);

    /**
     * Publishes the event encoded since the last {@link #claim}.
     *
     * @param length of the encoded event, header included.
     */
    public abstract void publish(int length);
}
