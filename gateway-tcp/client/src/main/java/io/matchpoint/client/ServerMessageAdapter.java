package io.matchpoint.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.AccountStatusDecoder;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.KillSwitchRequestEncoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Decodes what the server sends to a {@link MatchpointClient}: reads into a preallocated buffer, cuts it into
 * SOFH frames (a frame may arrive in pieces, a read may hold many), checks each frame and the server's sequence
 * numbers, keeps the session and reference data the messages carry, and dispatches to a {@link ClientListener}.
 * On end of stream, an I/O error or a protocol error it ends the {@link ClientConnection}; for a protocol error it
 * tells the listener first. Decoders are created once; allocates nothing after warm-up except for reference data and
 * when the connection ends. Used by the client's thread only.
 */
final class ServerMessageAdapter
{
    static final int LOGON_AWAITED = 0;
    static final int LOGON_ACCEPTED = 1;
    static final int LOGON_REJECTED = 2;

    private static final int SEQ_NUM_LENGTH = 8;
    private static final int MIN_FRAME_LENGTH =
        SofhFlyweight.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH + SEQ_NUM_LENGTH;
    private static final int FIRST_INTERNAL_TEMPLATE_ID = 50;
    private static final LogonRejectReason[] LOGON_REJECT_REASONS = LogonRejectReason.values();
    private static final LogoutReason[] LOGOUT_REASONS = LogoutReason.values();

    private final ClientConnection connection;
    private final InstrumentCache instruments;
    private final int capacity;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private int start;
    private int end;

    /** No sequence number: also the Logon's null lastSeqNum (all bits set). */
    static final long NO_SEQ_NUM = -1;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final LogoutDecoder logoutDecoder = new LogoutDecoder();
    private final LogonAcceptedDecoder logonAcceptedDecoder = new LogonAcceptedDecoder();
    private final LogonRejectedDecoder logonRejectedDecoder = new LogonRejectedDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinitionDecoder = new InstrumentDefinitionDecoder();
    private final TradingStatusUpdateDecoder tradingStatusUpdateDecoder = new TradingStatusUpdateDecoder();
    private final ExecutionReportDecoder executionReportDecoder = new ExecutionReportDecoder();
    private final DropCopyReportDecoder dropCopyReportDecoder = new DropCopyReportDecoder();
    private final AccountStatusDecoder accountStatusDecoder = new AccountStatusDecoder();
    private final io.matchpoint.codec.sbe.RiskLimitsReportDecoder riskLimitsReportDecoder =
        new io.matchpoint.codec.sbe.RiskLimitsReportDecoder();
    private final io.matchpoint.codec.sbe.PriceCollarReportDecoder priceCollarReportDecoder =
        new io.matchpoint.codec.sbe.PriceCollarReportDecoder();
    private final CancelRejectDecoder cancelRejectDecoder = new CancelRejectDecoder();
    private final MassCancelReportDecoder massCancelReportDecoder = new MassCancelReportDecoder();
    private final SessionRejectDecoder sessionRejectDecoder = new SessionRejectDecoder();
    private final ThrottleRejectDecoder throttleRejectDecoder = new ThrottleRejectDecoder();
    private final BusinessRejectDecoder businessRejectDecoder = new BusinessRejectDecoder();

    /** The last number of the account's stream processed; {@link #NO_SEQ_NUM} until the logon says where it is. */
    private long lastSeqNum = NO_SEQ_NUM;
    /** The account-stream number asked to resume after at logon, {@link #NO_SEQ_NUM} for none. */
    private long resumeAfter = NO_SEQ_NUM;
    private long lastReceiveNs;

    private int logonState = LOGON_AWAITED;
    private long sessionId;
    private long accountId;
    private long heartbeatIntervalMs;
    private int instrumentsExpected;
    private int instrumentsReceived;
    private LogonRejectReason logonRejectReason;
    private long retryAfterMs;

    ServerMessageAdapter(final ClientConnection connection, final InstrumentCache instruments, final int capacity)
    {
        this.connection = connection;
        this.instruments = instruments;
        this.capacity = capacity;
        byteBuffer = ByteBuffer.allocateDirect(capacity);
        buffer = new UnsafeBuffer(byteBuffer);
    }

    /**
     * Where the account's stream stands at logon: the replay the server starts (if any) or where live traffic
     * begins.
     */
    private boolean onStreamPosition(final ClientListener listener, final long nextSeqNum, final long replayFrom)
    {
        if (replayFrom > 0)
        {
            if (replayFrom != resumeAfter + 1)
            {
                protocolError(listener, "the server replays from " + replayFrom + " but this client asked to " +
                    "resume after " + resumeAfter);
                return false;
            }
            lastSeqNum = resumeAfter;
            return true;
        }
        if (resumeAfter != NO_SEQ_NUM && resumeAfter != nextSeqNum - 1)
        {
            protocolError(listener, "the server's stream for this account is at " + (nextSeqNum - 1) +
                " and replays nothing, but this client asked to resume after " + resumeAfter +
                " (another journal, or a server without one)");
            return false;
        }
        lastSeqNum = nextSeqNum - 1;
        return true;
    }

    /**
     * @param resumeAfter the last number of the account's stream already processed, {@link #NO_SEQ_NUM} for none.
     */
    void resumeAfter(final long resumeAfter)
    {
        this.resumeAfter = resumeAfter;
        this.lastSeqNum = resumeAfter;
    }

    private String lastSeqNumText()
    {
        return lastSeqNum == NO_SEQ_NUM ? "none" : Long.toString(lastSeqNum);
    }

    long resumeAfterSeqNum()
    {
        return resumeAfter;
    }

    /**
     * @return the last number of the account's stream processed, {@link #NO_SEQ_NUM} if none yet.
     */
    long lastSeqNum()
    {
        return lastSeqNum;
    }

    /**
     * Reads once without blocking and dispatches every complete frame now buffered.
     *
     * @param listener to dispatch to.
     * @param nowNs    the time of this poll, recorded as the last receive time when bytes arrived.
     * @return how many messages reached the listener.
     */
    int receive(final ClientListener listener, final long nowNs)
    {
        final int bytesRead;
        try
        {
            if (start > 0)
            {
                byteBuffer.limit(end).position(start);
                byteBuffer.compact();
                end -= start;
                start = 0;
            }
            byteBuffer.limit(capacity).position(end);
            bytesRead = connection.channel().read(byteBuffer);
        }
        catch (final IOException ex)
        {
            connection.disconnect("I/O error on read: " + ex);
            return 0;
        }

        if (bytesRead < 0)
        {
            connection.disconnect(end > start ?
                "end of stream in the middle of a frame: the server closed the connection" :
                "end of stream: the server closed the connection");
            return 0;
        }
        if (0 == bytesRead)
        {
            return 0;
        }

        end += bytesRead;
        lastReceiveNs = nowNs;

        return dispatchFrames(listener);
    }

    long lastReceiveNs()
    {
        return lastReceiveNs;
    }

    void lastReceiveNs(final long nowNs)
    {
        lastReceiveNs = nowNs;
    }

    int bufferedBytes()
    {
        return end - start;
    }

    int logonState()
    {
        return logonState;
    }

    long sessionId()
    {
        return sessionId;
    }

    long accountId()
    {
        return accountId;
    }

    /**
     * @return the heartbeat interval the server confirmed in LogonAccepted, or 0 before.
     */
    long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    int instrumentsExpected()
    {
        return instrumentsExpected;
    }

    int instrumentsReceived()
    {
        return instrumentsReceived;
    }

    LogonRejectReason logonRejectReason()
    {
        return logonRejectReason;
    }

    long retryAfterMs()
    {
        return retryAfterMs;
    }

    private int dispatchFrames(final ClientListener listener)
    {
        int handled = 0;
        while (!connection.isClosed())
        {
            final int available = end - start;
            if (available < SofhFlyweight.HEADER_LENGTH)
            {
                break;
            }

            final int frameOffset = start;
            final int encodingType = SofhFlyweight.encodingType(buffer, frameOffset);
            if (SofhFlyweight.SBE_LITTLE_ENDIAN != encodingType)
            {
                protocolError(listener, "bad encoding type 0x" + Integer.toHexString(encodingType) +
                    " (expected 0x" + Integer.toHexString(SofhFlyweight.SBE_LITTLE_ENDIAN) + ") after account seqNum " +
                    lastSeqNumText());
                break;
            }

            final long frameLength = SofhFlyweight.messageLength(buffer, frameOffset);
            if (frameLength < MIN_FRAME_LENGTH || frameLength > MessageLimits.MAX_FRAME_LENGTH)
            {
                protocolError(listener, "bad frame length " + frameLength + " (expected " + MIN_FRAME_LENGTH +
                    " to " + MessageLimits.MAX_FRAME_LENGTH + ") after account seqNum " + lastSeqNumText());
                break;
            }
            if (available < frameLength)
            {
                break;
            }

            // Consumed before dispatch: a listener that throws does not see the same message again.
            start += (int)frameLength;
            if (onFrame(listener, frameOffset, (int)frameLength))
            {
                handled++;
            }
        }

        return handled;
    }

    private boolean onFrame(final ClientListener listener, final int frameOffset, final int frameLength)
    {
        final int headerOffset = frameOffset + SofhFlyweight.HEADER_LENGTH;
        headerDecoder.wrap(buffer, headerOffset);

        final int schemaId = headerDecoder.schemaId();
        if (MessageHeaderDecoder.SCHEMA_ID != schemaId)
        {
            protocolError(listener, "bad schema id " + schemaId + " (expected " + MessageHeaderDecoder.SCHEMA_ID + ")");
            return false;
        }

        final int templateId = headerDecoder.templateId();
        if (isNeverSentByServer(templateId))
        {
            protocolError(listener, "template " + templateId + " is never sent by a server");
            return false;
        }

        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int bodyOffset = headerOffset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int minBlockLength = minBlockLength(templateId, version);
        if (blockLength < minBlockLength || bodyOffset + blockLength > frameOffset + frameLength)
        {
            protocolError(listener, "bad block length " + blockLength + " for template " + templateId +
                " in a frame of " + frameLength + " bytes (at least " + minBlockLength + ")");
            return false;
        }

        // Every session-level template starts with seqNum: 0 for unsequenced messages, else the account's stream.
        final long seqNum = buffer.getLong(bodyOffset, ByteOrder.LITTLE_ENDIAN);
        if (seqNum != 0)
        {
            if (lastSeqNum != NO_SEQ_NUM && seqNum <= lastSeqNum)
            {
                return true; // already processed (a replay overlapping what arrived live): exactly once
            }
            if (lastSeqNum == NO_SEQ_NUM || seqNum != lastSeqNum + 1)
            {
                protocolError(listener, "gap in the account's sequence numbers: received " + seqNum +
                    " for template " + templateId + " after " + lastSeqNum);
                return false;
            }
            lastSeqNum = seqNum;
        }

        return dispatch(listener, templateId, seqNum, bodyOffset, blockLength, version);
    }

    private boolean dispatch(
        final ClientListener listener,
        final int templateId,
        final long seqNum,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        // Busiest first.
        switch (templateId)
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
                executionReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onExecutionReport(executionReportDecoder);
                return true;

            case HeartbeatDecoder.TEMPLATE_ID:
                listener.onHeartbeat(seqNum);
                return true;

            case DropCopyReportDecoder.TEMPLATE_ID:
                dropCopyReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onDropCopyReport(dropCopyReportDecoder);
                return true;

            case AccountStatusDecoder.TEMPLATE_ID:
                accountStatusDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onAccountStatus(accountStatusDecoder);
                return true;

            case io.matchpoint.codec.sbe.RiskLimitsReportDecoder.TEMPLATE_ID:
                riskLimitsReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onRiskLimitsReport(riskLimitsReportDecoder);
                return true;

            case io.matchpoint.codec.sbe.PriceCollarReportDecoder.TEMPLATE_ID:
                priceCollarReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onPriceCollarReport(priceCollarReportDecoder);
                return true;

            case CancelRejectDecoder.TEMPLATE_ID:
                cancelRejectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onCancelReject(cancelRejectDecoder);
                return true;

            case MassCancelReportDecoder.TEMPLATE_ID:
                massCancelReportDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onMassCancelReport(massCancelReportDecoder);
                return true;

            case ThrottleRejectDecoder.TEMPLATE_ID:
                throttleRejectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onThrottleReject(throttleRejectDecoder);
                return true;

            case TradingStatusUpdateDecoder.TEMPLATE_ID:
                tradingStatusUpdateDecoder.wrap(buffer, bodyOffset, blockLength, version);
                instruments.onTradingStatus(
                    tradingStatusUpdateDecoder.instrumentId(),
                    TradingStatus.HALTED.value() == tradingStatusUpdateDecoder.statusRaw());
                listener.onTradingStatus(tradingStatusUpdateDecoder);
                return true;

            case InstrumentDefinitionDecoder.TEMPLATE_ID:
            {
                instrumentDefinitionDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final ClientInstrument instrument = instruments.onDefinition(instrumentDefinitionDecoder);
                instrumentsReceived++;
                listener.onInstrument(instrument);
                return true;
            }

            case SessionRejectDecoder.TEMPLATE_ID:
                sessionRejectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onSessionReject(sessionRejectDecoder);
                return true;

            case BusinessRejectDecoder.TEMPLATE_ID:
                businessRejectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onBusinessReject(businessRejectDecoder);
                return true;

            case LogonAcceptedDecoder.TEMPLATE_ID:
                logonAcceptedDecoder.wrap(buffer, bodyOffset, blockLength, version);
                logonState = LOGON_ACCEPTED;
                sessionId = logonAcceptedDecoder.sessionId();
                accountId = logonAcceptedDecoder.accountId();
                heartbeatIntervalMs = logonAcceptedDecoder.heartbeatIntervalMs();
                instrumentsExpected = (int)Math.min(logonAcceptedDecoder.instrumentCount(), Integer.MAX_VALUE);
                instrumentsReceived = 0;
                if (!onStreamPosition(listener, logonAcceptedDecoder.nextSeqNum(),
                    logonAcceptedDecoder.replayFromSeqNum()))
                {
                    return false;
                }
                listener.onLogonAccepted(sessionId, accountId, heartbeatIntervalMs, instrumentsExpected);
                return true;

            case LogonRejectedDecoder.TEMPLATE_ID:
            {
                logonRejectedDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final LogonRejectReason reason = logonRejectReason(logonRejectedDecoder.reasonRaw());
                final long retryAfter = logonRejectedDecoder.retryAfterMs();
                if (logonState != LOGON_ACCEPTED)
                {
                    logonState = LOGON_REJECTED;
                    logonRejectReason = reason;
                    retryAfterMs = retryAfter;
                }
                // else a second Logon on this session was refused (ALREADY_LOGGED_ON): the session carries on
                listener.onLogonRejected(reason, retryAfter);
                return true;
            }

            case LogoutDecoder.TEMPLATE_ID:
                logoutDecoder.wrap(buffer, bodyOffset, blockLength, version);
                listener.onLogout(logoutReason(logoutDecoder.reasonRaw()));
                return true;

            default:
                // A session-level template newer than this build: its seqNum was checked, the rest is skipped.
                return false;
        }
    }

    private void protocolError(final ClientListener listener, final String what)
    {
        connection.disconnect("protocol error: " + what);
        listener.onProtocolError(what);
    }

    private static boolean isNeverSentByServer(final int templateId)
    {
        return 0 == templateId ||
            LogonEncoder.TEMPLATE_ID == templateId ||
            (templateId >= NewOrderEncoder.TEMPLATE_ID &&
            templateId <= io.matchpoint.codec.sbe.PriceCollarRequestEncoder.TEMPLATE_ID) ||
            templateId >= FIRST_INTERNAL_TEMPLATE_ID;
    }

    private static int minBlockLength(final int templateId, final int version)
    {
        switch (templateId)
        {
            // a server on schema version 0 sends the reports' blocks that end where displayQuantity begins
            case ExecutionReportDecoder.TEMPLATE_ID:
                return version < ExecutionReportDecoder.displayQuantitySinceVersion() ?
                    ExecutionReportDecoder.displayQuantityEncodingOffset() : ExecutionReportDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID:
                return HeartbeatDecoder.BLOCK_LENGTH;
            case DropCopyReportDecoder.TEMPLATE_ID:
                return version < DropCopyReportDecoder.displayQuantitySinceVersion() ?
                    DropCopyReportDecoder.displayQuantityEncodingOffset() : DropCopyReportDecoder.BLOCK_LENGTH;
            case AccountStatusDecoder.TEMPLATE_ID:
                return AccountStatusDecoder.BLOCK_LENGTH;
            case io.matchpoint.codec.sbe.RiskLimitsReportDecoder.TEMPLATE_ID:
                return io.matchpoint.codec.sbe.RiskLimitsReportDecoder.BLOCK_LENGTH;
            case io.matchpoint.codec.sbe.PriceCollarReportDecoder.TEMPLATE_ID:
                return io.matchpoint.codec.sbe.PriceCollarReportDecoder.BLOCK_LENGTH;
            case CancelRejectDecoder.TEMPLATE_ID:
                return CancelRejectDecoder.BLOCK_LENGTH;
            case MassCancelReportDecoder.TEMPLATE_ID:
                return MassCancelReportDecoder.BLOCK_LENGTH;
            case ThrottleRejectDecoder.TEMPLATE_ID:
                return ThrottleRejectDecoder.BLOCK_LENGTH;
            case TradingStatusUpdateDecoder.TEMPLATE_ID:
                return TradingStatusUpdateDecoder.BLOCK_LENGTH;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case SessionRejectDecoder.TEMPLATE_ID:
                return SessionRejectDecoder.BLOCK_LENGTH;
            case BusinessRejectDecoder.TEMPLATE_ID:
                return BusinessRejectDecoder.BLOCK_LENGTH;
            case LogonAcceptedDecoder.TEMPLATE_ID:
                return LogonAcceptedDecoder.BLOCK_LENGTH;
            case LogonRejectedDecoder.TEMPLATE_ID:
                return LogonRejectedDecoder.BLOCK_LENGTH;
            case LogoutDecoder.TEMPLATE_ID:
                return LogoutDecoder.BLOCK_LENGTH;
            default:
                return SEQ_NUM_LENGTH;
        }
    }

    private static LogonRejectReason logonRejectReason(final short raw)
    {
        for (final LogonRejectReason reason : LOGON_REJECT_REASONS)
        {
            if (reason.value() == raw)
            {
                return reason;
            }
        }

        return LogonRejectReason.NULL_VAL;
    }

    private static LogoutReason logoutReason(final short raw)
    {
        for (final LogoutReason reason : LOGOUT_REASONS)
        {
            if (reason.value() == raw)
            {
                return reason;
            }
        }

        return LogoutReason.NULL_VAL;
    }
}
