package io.matchpoint.client;

import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.AccountStatusDecoder;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Receives what {@link MatchpointClient#poll(ClientListener)} reads from the server, on the thread that polls, in the
 * order the server sent it. Every method has a no-op default: implement only what you need.
 * <p>
 * <b>Flyweights are valid only during the callback.</b> A decoder handed to a method is wrapped over the client's
 * receive buffer, which the next read overwrites: copy the fields you need, never keep the decoder. Its enum
 * accessors ({@code execType()}, {@code side()}, ...) throw {@link IllegalArgumentException} for a value this build's
 * schema does not know; the {@code ...Raw()} accessors never do.
 * <p>
 * A callback may send (for example a cancel from {@link #onExecutionReport(ExecutionReportDecoder)}) and may
 * {@link MatchpointClient#close() close} the client, but must not call {@code poll} again. An exception thrown by a
 * callback propagates out of {@code poll}; the message that caused it counts as consumed.
 * <p>
 * The end of a connection is reported exactly once through {@link #onDisconnected(String)}, preceded by
 * {@link #onProtocolError(String)} when the server broke the protocol. A {@link MatchpointClient#close()} by the
 * application itself is not reported.
 */
public interface ClientListener
{
    /**
     * The server accepted the logon; {@code instrumentCount} instrument definitions follow, each reaching
     * {@link #onInstrument(ClientInstrument)}.
     *
     * @param sessionId           the server's id for this session.
     * @param accountId           the id of the account logged on.
     * @param heartbeatIntervalMs the heartbeat interval both sides now keep.
     * @param instrumentCount     how many instrument definitions follow.
     */
    default void onLogonAccepted(
        final long sessionId, final long accountId, final long heartbeatIntervalMs, final int instrumentCount)
    {
    }

    /**
     * The server refused the logon and closes the connection.
     *
     * @param reason       why; {@link LogonRejectReason#NULL_VAL} for a reason this build does not know.
     * @param retryAfterMs for {@link LogonRejectReason#LOCKED_OUT}, how long the lockout lasts; else 0.
     */
    default void onLogonRejected(final LogonRejectReason reason, final long retryAfterMs)
    {
    }

    /**
     * An instrument was defined or redefined; the client's cache already holds the new value.
     *
     * @param instrument the instrument's reference data, an immutable value that may be kept.
     */
    default void onInstrument(final ClientInstrument instrument)
    {
    }

    /**
     * A change to one of the account's orders: {@code execType()} says which. An iceberg's NEW carries its
     * {@code displayQuantity()}; when its shown slice trades away, the TRADE is followed by a REFILLED report with
     * the new slice shown ({@code quantity()} and {@code displayQuantity()}) and all the order has left, shown and
     * hidden ({@code leavesQuantity()}). A stop order's NEW and REPLACED carry its {@code stopPrice()}; when a trade
     * reaches it, a TRIGGERED report ({@code price()} and {@code stopPrice()} its stop price) comes first, then the
     * order's own TRADE, CANCELLED or nothing more (a stop-limit order that rests), as for a new order.
     *
     * @param report valid only during this call.
     */
    default void onExecutionReport(final ExecutionReportDecoder report)
    {
    }

    /**
     * To a drop copy account's session: a change to an order of an account it watches ({@code report.accountId()}),
     * numbered in the drop copy account's own stream, with the report's number in that account's stream.
     *
     * @param report valid only during this call.
     */
    default void onDropCopyReport(final DropCopyReportDecoder report)
    {
    }

    /**
     * The kill switch stopped or revived the session's account (in its stream, after the cancel of each order it
     * took), or, unsequenced, the account an admin session asked about.
     *
     * @param status valid only during this call.
     */
    default void onAccountStatus(final AccountStatusDecoder status)
    {
    }

    /**
     * Unsequenced, to an admin session: the risk limits that apply to the account it asked about, after its
     * request, and what the account has at stake.
     *
     * @param report valid only during this call.
     */
    default void onRiskLimitsReport(final io.matchpoint.codec.sbe.RiskLimitsReportDecoder report)
    {
    }

    /**
     * Unsequenced, to an admin session: an instrument's price collar after its request, and the reference price it
     * is measured from.
     *
     * @param report valid only during this call.
     */
    default void onPriceCollarReport(final io.matchpoint.codec.sbe.PriceCollarReportDecoder report)
    {
    }

    /**
     * A cancel or replace that could not be done.
     *
     * @param reject valid only during this call.
     */
    default void onCancelReject(final CancelRejectDecoder reject)
    {
    }

    /**
     * The outcome of a mass cancel, asked for or caused by a disconnect with cancel-on-disconnect.
     *
     * @param report valid only during this call.
     */
    default void onMassCancelReport(final MassCancelReportDecoder report)
    {
    }

    /**
     * An instrument halted or resumed; the client's cache already holds the new state.
     *
     * @param update valid only during this call.
     */
    default void onTradingStatus(final TradingStatusUpdateDecoder update)
    {
    }

    /**
     * The server refused a frame; for a malformed frame it closes the connection after this.
     *
     * @param reject valid only during this call.
     */
    default void onSessionReject(final SessionRejectDecoder reject)
    {
    }

    /**
     * A message over the session's rate limit was not processed.
     *
     * @param reject valid only during this call.
     */
    default void onThrottleReject(final ThrottleRejectDecoder reject)
    {
    }

    /**
     * A well-formed request, such as an admin request, that could not be done.
     *
     * @param reject valid only during this call.
     */
    default void onBusinessReject(final BusinessRejectDecoder reject)
    {
    }

    /**
     * The server's heartbeat.
     *
     * @param seqNum the heartbeat's sequence number.
     */
    default void onHeartbeat(final long seqNum)
    {
    }

    /**
     * The server ends the session and closes the connection; {@link #onDisconnected(String)} follows when the
     * client sees the close.
     *
     * @param reason why; {@link LogoutReason#NULL_VAL} for a reason this build does not know.
     */
    default void onLogout(final LogoutReason reason)
    {
    }

    /**
     * The server broke the protocol (framing, schema, sequence numbers); the client closes the connection and
     * {@link #onDisconnected(String)} follows at once.
     *
     * @param what what was wrong, for a log.
     */
    default void onProtocolError(final String what)
    {
    }

    /**
     * The connection ended: end of stream, an I/O error, a protocol error or a silent server. Called once per
     * client; the client is closed when this is called.
     *
     * @param why what ended it, for a log.
     */
    default void onDisconnected(final String why)
    {
    }
}
