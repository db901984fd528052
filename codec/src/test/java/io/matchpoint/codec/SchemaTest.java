package io.matchpoint.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.HeartbeatEncoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogonRejectedEncoder;
import io.matchpoint.codec.sbe.LogoutEncoder;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MassCancelReportEncoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.MetaAttribute;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.SessionRejectEncoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.ThrottleRejectEncoder;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateEncoder;

class SchemaTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));

    @Test
    void shouldDeclareOptionalTheExecutionReportEnumsThatCarryTheirNullValue()
    {
        // a cancel or a reject of an order the engine does not know has no side, type or time in force to report:
        // those fields carry 255, which a strict decoder accepts only in an optional field
        assertEquals("optional", ExecutionReportDecoder.sideMetaAttribute(MetaAttribute.PRESENCE));
        assertEquals("optional", ExecutionReportDecoder.ordTypeMetaAttribute(MetaAttribute.PRESENCE));
        assertEquals("optional", ExecutionReportDecoder.timeInForceMetaAttribute(MetaAttribute.PRESENCE));
    }

    @Test
    void shouldFitEveryTemplateInTheMaximumMessageLength()
    {
        final List<Integer> blockLengths = List.of(
            LogonEncoder.BLOCK_LENGTH, HeartbeatEncoder.BLOCK_LENGTH, LogoutEncoder.BLOCK_LENGTH,
            NewOrderEncoder.BLOCK_LENGTH, CancelOrderEncoder.BLOCK_LENGTH, ReplaceOrderEncoder.BLOCK_LENGTH,
            MassCancelEncoder.BLOCK_LENGTH, TradingStatusRequestEncoder.BLOCK_LENGTH,
            LogonAcceptedEncoder.BLOCK_LENGTH, LogonRejectedEncoder.BLOCK_LENGTH,
            InstrumentDefinitionEncoder.BLOCK_LENGTH, TradingStatusUpdateEncoder.BLOCK_LENGTH,
            ExecutionReportEncoder.BLOCK_LENGTH, CancelRejectEncoder.BLOCK_LENGTH,
            MassCancelReportEncoder.BLOCK_LENGTH, SessionRejectEncoder.BLOCK_LENGTH,
            ThrottleRejectEncoder.BLOCK_LENGTH, BusinessRejectEncoder.BLOCK_LENGTH, SessionOpenedEncoder.BLOCK_LENGTH,
            SessionClosedEncoder.BLOCK_LENGTH, DefineInstrumentEncoder.BLOCK_LENGTH);

        for (final int blockLength : blockLengths)
        {
            assertTrue(
                MessageHeaderEncoder.ENCODED_LENGTH + blockLength <= MessageLimits.MAX_MESSAGE_LENGTH,
                "block length " + blockLength);
        }
    }

    @Test
    void shouldPutTheSequenceNumberFirstInEverySessionMessageSoTheSenderCanStampIt()
    {
        assertEquals(0, LogonEncoder.seqNumEncodingOffset());
        assertEquals(0, HeartbeatEncoder.seqNumEncodingOffset());
        assertEquals(0, LogoutEncoder.seqNumEncodingOffset());
        assertEquals(0, NewOrderEncoder.seqNumEncodingOffset());
        assertEquals(0, CancelOrderEncoder.seqNumEncodingOffset());
        assertEquals(0, ReplaceOrderEncoder.seqNumEncodingOffset());
        assertEquals(0, MassCancelEncoder.seqNumEncodingOffset());
        assertEquals(0, TradingStatusRequestEncoder.seqNumEncodingOffset());
        assertEquals(0, LogonAcceptedEncoder.seqNumEncodingOffset());
        assertEquals(0, LogonRejectedEncoder.seqNumEncodingOffset());
        assertEquals(0, InstrumentDefinitionEncoder.seqNumEncodingOffset());
        assertEquals(0, TradingStatusUpdateEncoder.seqNumEncodingOffset());
        assertEquals(0, ExecutionReportEncoder.seqNumEncodingOffset());
        assertEquals(0, CancelRejectEncoder.seqNumEncodingOffset());
        assertEquals(0, MassCancelReportEncoder.seqNumEncodingOffset());
        assertEquals(0, SessionRejectEncoder.seqNumEncodingOffset());
        assertEquals(0, ThrottleRejectEncoder.seqNumEncodingOffset());
        assertEquals(0, BusinessRejectEncoder.seqNumEncodingOffset());
    }

    @Test
    void shouldRoundTripAnExecutionReportThroughHeaderAndBody()
    {
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
        encoder.wrapAndApplyHeader(buffer, 6, new MessageHeaderEncoder())
            .seqNum(7).transactTime(1_700_000_000_000_000_000L).orderId(42).clOrdId(9).instrumentId(1)
            .execType(ExecType.TRADE).side(Side.SELL).price(10125).quantity(5).leavesQuantity(3).tradeId(11)
            .liquidity(Liquidity.MAKER);

        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 6);
        assertEquals(ExecutionReportDecoder.TEMPLATE_ID, header.templateId());
        assertEquals(ExecutionReportDecoder.SCHEMA_ID, header.schemaId());
        assertEquals(7400, header.schemaId());
        final ExecutionReportDecoder decoder = new ExecutionReportDecoder()
            .wrap(buffer, 6 + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(7, decoder.seqNum());
        assertEquals(42, decoder.orderId());
        assertEquals(ExecType.TRADE, decoder.execType());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(10125, decoder.price());
        assertEquals(3, decoder.leavesQuantity());
        assertEquals(Liquidity.MAKER, decoder.liquidity());
    }

    @Test
    void shouldPadShortAccountNamesWithNulAndReadThemBackTrimmed()
    {
        final LogonEncoder encoder = new LogonEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).seqNum(1).account("alice");

        final LogonDecoder decoder = new LogonDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, LogonDecoder.BLOCK_LENGTH, LogonDecoder.SCHEMA_VERSION);
        assertEquals("alice", decoder.account());
        assertEquals(0, decoder.account(5));
    }
}
