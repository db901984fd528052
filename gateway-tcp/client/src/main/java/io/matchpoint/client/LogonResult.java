package io.matchpoint.client;

import io.matchpoint.codec.sbe.LogonRejectReason;

/**
 * How a logon ended, as {@link MatchpointClient#awaitLogon(ClientListener, long)} saw it.
 *
 * @param outcome             what happened.
 * @param sessionId           the server's id for the session when {@link Outcome#ACCEPTED}; else 0.
 * @param accountId           the account's id when {@link Outcome#ACCEPTED}; else 0.
 * @param heartbeatIntervalMs the interval the server confirmed when {@link Outcome#ACCEPTED}; else 0.
 * @param rejectReason        why the server refused when {@link Outcome#REJECTED}; else {@code null}.
 * @param retryAfterMs        when {@link Outcome#REJECTED} with {@link LogonRejectReason#LOCKED_OUT}, how long the
 *                            lockout lasts; else 0.
 * @param detail              a readable account of the outcome, for a log or a prompt.
 */
public record LogonResult(
    Outcome outcome,
    long sessionId,
    long accountId,
    long heartbeatIntervalMs,
    LogonRejectReason rejectReason,
    long retryAfterMs,
    String detail)
{
    /**
     * What became of a logon.
     */
    public enum Outcome
    {
        /** The server accepted it and every instrument definition it announced has arrived. */
        ACCEPTED,
        /** The server refused it; the connection is closing. */
        REJECTED,
        /** No answer, or not all the announced instrument definitions, before the deadline. */
        TIMED_OUT,
        /** The connection ended first, or the logon could not be sent. */
        DISCONNECTED
    }

    /**
     * @return true when the server accepted the logon and sent all its instrument definitions.
     */
    public boolean accepted()
    {
        return Outcome.ACCEPTED == outcome;
    }
}
