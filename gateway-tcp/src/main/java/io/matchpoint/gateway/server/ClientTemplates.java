package io.matchpoint.gateway.server;

import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.DefineInstrumentDecoder;
import io.matchpoint.codec.sbe.AccountStatusDecoder;
import io.matchpoint.codec.sbe.DropCopyGrantDecoder;
import io.matchpoint.codec.sbe.KillSwitchRequestDecoder;
import io.matchpoint.codec.sbe.RiskLimitsReportDecoder;
import io.matchpoint.codec.sbe.RiskLimitsRequestDecoder;
import io.matchpoint.codec.sbe.SetPriceCollarDecoder;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.DropCopyResetDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.MassCancelDecoder;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.ReplaceOrderDecoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SnapshotRequestDecoder;
import io.matchpoint.codec.sbe.TakeSnapshotDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatusRequestDecoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Which templates a client may send, and their block lengths at the schema's current version; which exist but
 * belong to the server or the journal. A lookup table indexed by template id.
 */
final class ClientTemplates
{
    static final int UNKNOWN = -1;
    static final int NOT_FROM_CLIENTS = -2;

    private static final int[] BLOCK_LENGTHS = new int[64];

    static
    {
        java.util.Arrays.fill(BLOCK_LENGTHS, UNKNOWN);
        BLOCK_LENGTHS[LogonDecoder.TEMPLATE_ID] = LogonDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[HeartbeatDecoder.TEMPLATE_ID] = HeartbeatDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[LogoutDecoder.TEMPLATE_ID] = LogoutDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[NewOrderDecoder.TEMPLATE_ID] = NewOrderDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[CancelOrderDecoder.TEMPLATE_ID] = CancelOrderDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[ReplaceOrderDecoder.TEMPLATE_ID] = ReplaceOrderDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[MassCancelDecoder.TEMPLATE_ID] = MassCancelDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[TradingStatusRequestDecoder.TEMPLATE_ID] = TradingStatusRequestDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[SnapshotRequestDecoder.TEMPLATE_ID] = SnapshotRequestDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[KillSwitchRequestDecoder.TEMPLATE_ID] = KillSwitchRequestDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[RiskLimitsRequestDecoder.TEMPLATE_ID] = RiskLimitsRequestDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[io.matchpoint.codec.sbe.PriceCollarRequestDecoder.TEMPLATE_ID] =
            io.matchpoint.codec.sbe.PriceCollarRequestDecoder.BLOCK_LENGTH;
        for (final int serverOrInternal : new int[]{
            LogonAcceptedDecoder.TEMPLATE_ID, LogonRejectedDecoder.TEMPLATE_ID, InstrumentDefinitionDecoder.TEMPLATE_ID,
            TradingStatusUpdateDecoder.TEMPLATE_ID, ExecutionReportDecoder.TEMPLATE_ID, CancelRejectDecoder.TEMPLATE_ID,
            MassCancelReportDecoder.TEMPLATE_ID, SessionRejectDecoder.TEMPLATE_ID, ThrottleRejectDecoder.TEMPLATE_ID,
            BusinessRejectDecoder.TEMPLATE_ID, SessionOpenedDecoder.TEMPLATE_ID, SessionClosedDecoder.TEMPLATE_ID,
            DefineInstrumentDecoder.TEMPLATE_ID, TakeSnapshotDecoder.TEMPLATE_ID, DropCopyReportDecoder.TEMPLATE_ID,
            DropCopyResetDecoder.TEMPLATE_ID, DropCopyGrantDecoder.TEMPLATE_ID, AccountStatusDecoder.TEMPLATE_ID,
            SetPriceCollarDecoder.TEMPLATE_ID, RiskLimitsReportDecoder.TEMPLATE_ID,
            io.matchpoint.codec.sbe.PriceCollarReportDecoder.TEMPLATE_ID })
        {
            BLOCK_LENGTHS[serverOrInternal] = NOT_FROM_CLIENTS;
        }
    }

    private ClientTemplates()
    {
    }

    /**
     * @param templateId from a message header.
     * @return the block length a client must send, {@link #NOT_FROM_CLIENTS} or {@link #UNKNOWN}.
     */
    static int blockLength(final int templateId)
    {
        return templateId >= 0 && templateId < BLOCK_LENGTHS.length ? BLOCK_LENGTHS[templateId] : UNKNOWN;
    }
}
