package io.matchpoint.client;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.HeartbeatEncoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;

/**
 * Crafts whole frames (SOFH, SBE header, body) the way a server would write them, for the fake server and the
 * formatter's tests. Allocates freely.
 */
final class ServerFrames
{
    static final int SBE_HEADER_OFFSET = SofhFlyweight.HEADER_LENGTH;
    static final int BODY_OFFSET = SBE_HEADER_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;

    private ServerFrames()
    {
    }

    /**
     * @param encoder a fresh encoder of the template wanted.
     * @param fields  fills the body, seqNum included.
     * @param <E>     the encoder's type.
     * @return the frame's bytes.
     */
    static <E extends MessageEncoderFlyweight> byte[] frame(final E encoder, final Consumer<E> fields)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageLimits.MAX_FRAME_LENGTH]);
        new MessageHeaderEncoder().wrap(buffer, SBE_HEADER_OFFSET)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion());
        encoder.wrap(buffer, BODY_OFFSET);
        fields.accept(encoder);
        final int sbeLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        SofhFlyweight.wrapSbe(buffer, 0, sbeLength);

        return Arrays.copyOf(buffer.byteArray(), SofhFlyweight.HEADER_LENGTH + sbeLength);
    }

    /**
     * Heartbeats, logon answers and reference data are unsequenced (seqNum 0); execution reports, cancel rejects and
     * mass cancel reports carry the account's stream number.
     */
    static byte[] heartbeat()
    {
        return frame(new HeartbeatEncoder(), e -> e.seqNum(0));
    }

    /**
     * A logon answer whose account stream continues at 1, with nothing replayed.
     */
    static byte[] logonAccepted(final long sessionId, final long accountId, final long heartbeatMs, final int instruments)
    {
        return logonAccepted(sessionId, accountId, heartbeatMs, instruments, 1, 0);
    }

    static byte[] logonAccepted(
        final long sessionId,
        final long accountId,
        final long heartbeatMs,
        final int instruments,
        final long nextSeqNum,
        final long replayFromSeqNum)
    {
        return frame(new LogonAcceptedEncoder(), e -> e
            .seqNum(0)
            .sessionId(sessionId)
            .accountId(accountId)
            .heartbeatIntervalMs(heartbeatMs)
            .instrumentCount(instruments)
            .nextSeqNum(nextSeqNum)
            .replayFromSeqNum(replayFromSeqNum));
    }

    static byte[] instrument(final int id, final String symbol, final boolean halted)
    {
        return frame(new InstrumentDefinitionEncoder(), e -> e
            .seqNum(0)
            .instrumentId(id)
            .symbol(symbol)
            .priceDecimals((short)2)
            .tickSize(5)
            .lotSize(10)
            .minQuantity(10)
            .maxQuantity(1_000_000)
            .lowPrice(9_000)
            .highPrice(11_000)
            .status(halted ? TradingStatus.HALTED : TradingStatus.TRADING));
    }

    static byte[] executionReport(final long seqNum, final long orderId, final long clOrdId, final ExecType execType)
    {
        return frame(new ExecutionReportEncoder(), e -> e
            .seqNum(seqNum)
            .transactTime(1_000L)
            .orderId(orderId)
            .clOrdId(clOrdId)
            .instrumentId(1)
            .execType(execType)
            .side(Side.BUY)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .price(10_125)
            .quantity(10)
            .leavesQuantity(10)
            .tradeId(0)
            .liquidity(Liquidity.NONE)
            .rejectReason(RejectReason.NONE)
            .cancelReason(CancelReason.NONE)
            .priorityKept(BooleanType.FALSE)
            .displayQuantity(0)
            .stopPrice(0));
    }

    /**
     * @return an execution report as a server on schema version 0 sent it: that version in its header, and the block
     * that ends where displayQuantity, appended at version 1, begins.
     */
    static byte[] versionZeroExecutionReport(
        final long seqNum, final long orderId, final long clOrdId, final ExecType execType)
    {
        final int blockLength = ExecutionReportEncoder.displayQuantityEncodingOffset();
        final byte[] frame = Arrays.copyOf(executionReport(seqNum, orderId, clOrdId, execType),
            BODY_OFFSET + blockLength);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        new MessageHeaderEncoder().wrap(buffer, SBE_HEADER_OFFSET).blockLength(blockLength).version(0);
        SofhFlyweight.wrapSbe(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + blockLength);
        return frame;
    }

    static byte[] concat(final byte[]... frames)
    {
        int length = 0;
        for (final byte[] frame : frames)
        {
            length += frame.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] frame : frames)
        {
            System.arraycopy(frame, 0, all, offset, frame.length);
            offset += frame.length;
        }

        return all;
    }

    /**
     * Wraps a decoder over a frame's body, as the client does.
     *
     * @param decoder a decoder of the frame's template.
     * @param frame   a whole frame.
     * @param <D>     the decoder's type.
     * @return the decoder.
     */
    static <D extends MessageDecoderFlyweight> D decode(final D decoder, final byte[] frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, SBE_HEADER_OFFSET);
        decoder.wrap(buffer, BODY_OFFSET, header.blockLength(), header.version());

        return decoder;
    }

    static int templateId(final DirectBuffer frame)
    {
        return new MessageHeaderDecoder().wrap(frame, SBE_HEADER_OFFSET).templateId();
    }

    static long seqNum(final DirectBuffer frame)
    {
        return frame.getLong(BODY_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
