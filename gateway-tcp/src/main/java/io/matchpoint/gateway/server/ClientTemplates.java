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
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
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
 * Which templates a client may send, and their block lengths at each schema version up to the current one (a client
 * built against an older schema sends that version's, shorter, block); which exist but belong to the server or the
 * journal. A lookup table indexed by version, then template id.
 */
final class ClientTemplates
{
    static final int UNKNOWN = -1;
    static final int NOT_FROM_CLIENTS = -2;

    private static final int[][] BLOCK_LENGTHS = new int[MessageHeaderDecoder.SCHEMA_VERSION + 1][];

    static
    {
        final int[] current = currentBlockLengths();
        for (int version = 0; version < BLOCK_LENGTHS.length; version++)
        {
            BLOCK_LENGTHS[version] = current.clone();
        }
        // version 0: NewOrder ended where displayQuantity, appended at version 1 (stopPrice after it), begins;
        // ReplaceOrder where stopPrice, appended at version 1, begins
        BLOCK_LENGTHS[0][NewOrderDecoder.TEMPLATE_ID] = NewOrderDecoder.displayQuantityEncodingOffset();
        BLOCK_LENGTHS[0][ReplaceOrderDecoder.TEMPLATE_ID] = ReplaceOrderDecoder.stopPriceEncodingOffset();
    }

    private ClientTemplates()
    {
    }

    /**
     * @param templateId from a message header.
     * @param version    from the same header, at most {@link MessageHeaderDecoder#SCHEMA_VERSION}.
     * @return the block length a client must send at that version, {@link #NOT_FROM_CLIENTS} or {@link #UNKNOWN}.
     */
    static int blockLength(final int templateId, final int version)
    {
        final int[] lengths = BLOCK_LENGTHS[version];
        return templateId >= 0 && templateId < lengths.length ? lengths[templateId] : UNKNOWN;
    }

    private static int[] currentBlockLengths()
    {
        final int[] lengths = new int[64];
        java.util.Arrays.fill(lengths, UNKNOWN);
        lengths[LogonDecoder.TEMPLATE_ID] = LogonDecoder.BLOCK_LENGTH;
        lengths[HeartbeatDecoder.TEMPLATE_ID] = HeartbeatDecoder.BLOCK_LENGTH;
        lengths[LogoutDecoder.TEMPLATE_ID] = LogoutDecoder.BLOCK_LENGTH;
        lengths[NewOrderDecoder.TEMPLATE_ID] = NewOrderDecoder.BLOCK_LENGTH;
        lengths[CancelOrderDecoder.TEMPLATE_ID] = CancelOrderDecoder.BLOCK_LENGTH;
        lengths[ReplaceOrderDecoder.TEMPLATE_ID] = ReplaceOrderDecoder.BLOCK_LENGTH;
        lengths[MassCancelDecoder.TEMPLATE_ID] = MassCancelDecoder.BLOCK_LENGTH;
        lengths[TradingStatusRequestDecoder.TEMPLATE_ID] = TradingStatusRequestDecoder.BLOCK_LENGTH;
        lengths[SnapshotRequestDecoder.TEMPLATE_ID] = SnapshotRequestDecoder.BLOCK_LENGTH;
        lengths[KillSwitchRequestDecoder.TEMPLATE_ID] = KillSwitchRequestDecoder.BLOCK_LENGTH;
        lengths[RiskLimitsRequestDecoder.TEMPLATE_ID] = RiskLimitsRequestDecoder.BLOCK_LENGTH;
        lengths[io.matchpoint.codec.sbe.PriceCollarRequestDecoder.TEMPLATE_ID] =
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
            lengths[serverOrInternal] = NOT_FROM_CLIENTS;
        }
        return lengths;
    }
}
