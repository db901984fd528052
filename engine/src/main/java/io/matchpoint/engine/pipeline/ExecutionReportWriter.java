package io.matchpoint.engine.pipeline;

import java.nio.ByteOrder;

import org.agrona.BitUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * Writes an ExecutionReport, the matcher's commonest event, into one of its own event slots: the same bytes as the
 * generated {@link ExecutionReportEncoder} writes, at the offsets it defines, but without a bounds check on every
 * field. The slot's buffer is the matcher's, of a fixed size, and the message has a fixed length, so one check when
 * the slot is wrapped covers every field; Agrona's per-field checks cost more than the writes themselves on the
 * matcher's path (a tenth of a replayed command's time).
 * <p>
 * {@link #wrap} writes the header, the identifying fields and every other field's default, each group in one store;
 * the setters then overwrite the fields an event carries. Only for the matcher's slots: buffers that hold bytes
 * from outside keep their bounds checks.
 */
final class ExecutionReportWriter
{
    static final int LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportEncoder.BLOCK_LENGTH;

    private static final boolean SWAP = ByteOrder.nativeOrder() != ExecutionReportEncoder.BYTE_ORDER;
    private static final int BODY = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long HEADER = ExecutionReportEncoder.BLOCK_LENGTH |
        (long)ExecutionReportEncoder.TEMPLATE_ID << 16 |
        (long)ExecutionReportEncoder.SCHEMA_ID << 32 |
        (long)ExecutionReportEncoder.SCHEMA_VERSION << 48;

    private static final int SEQ_NUM = BODY + ExecutionReportEncoder.seqNumEncodingOffset();
    private static final int TRANSACT_TIME = BODY + ExecutionReportEncoder.transactTimeEncodingOffset();
    private static final int ORDER_ID = BODY + ExecutionReportEncoder.orderIdEncodingOffset();
    private static final int CL_ORD_ID = BODY + ExecutionReportEncoder.clOrdIdEncodingOffset();
    private static final int INSTRUMENT_ID = BODY + ExecutionReportEncoder.instrumentIdEncodingOffset();
    /** execType, side, ordType and timeInForce: four one-byte fields in a row, written as one int. */
    private static final int EXEC_TYPE = BODY + ExecutionReportEncoder.execTypeEncodingOffset();
    private static final int SIDE = BODY + ExecutionReportEncoder.sideEncodingOffset();
    private static final int ORD_TYPE = BODY + ExecutionReportEncoder.ordTypeEncodingOffset();
    private static final int TIME_IN_FORCE = BODY + ExecutionReportEncoder.timeInForceEncodingOffset();
    private static final int PRICE = BODY + ExecutionReportEncoder.priceEncodingOffset();
    private static final int QUANTITY = BODY + ExecutionReportEncoder.quantityEncodingOffset();
    private static final int LEAVES_QUANTITY = BODY + ExecutionReportEncoder.leavesQuantityEncodingOffset();
    private static final int TRADE_ID = BODY + ExecutionReportEncoder.tradeIdEncodingOffset();
    /** liquidity, rejectReason, cancelReason and priorityKept: four one-byte fields in a row, written as one int. */
    private static final int LIQUIDITY = BODY + ExecutionReportEncoder.liquidityEncodingOffset();
    private static final int REJECT_REASON = BODY + ExecutionReportEncoder.rejectReasonEncodingOffset();
    private static final int CANCEL_REASON = BODY + ExecutionReportEncoder.cancelReasonEncodingOffset();
    private static final int PRIORITY_KEPT = BODY + ExecutionReportEncoder.priorityKeptEncodingOffset();

    /** side, ordType and timeInForce null, in the bytes after execType. */
    private static final int ENUM_DEFAULTS = bytes(0, Side.NULL_VAL.value(), OrdType.NULL_VAL.value(),
        TimeInForce.NULL_VAL.value());
    private static final int TAIL_DEFAULTS = bytes(Liquidity.NONE.value(), RejectReason.NONE.value(),
        CancelReason.NONE.value(), BooleanType.FALSE.value());

    static
    {
        requireLayout();
    }

    private byte[] array;
    private long address;

    /**
     * Writes the header, the fields every ExecutionReport carries and the defaults of the others.
     *
     * @param buffer a matcher slot's buffer, at least {@link #LENGTH} bytes.
     * @return this, to set the fields the event carries.
     */
    ExecutionReportWriter wrap(
        final UnsafeBuffer buffer,
        final long seqNum,
        final long transactTime,
        final long orderId,
        final long clOrdId,
        final int instrumentId,
        final ExecType execType)
    {
        if (buffer.capacity() < LENGTH)
        {
            throw new IllegalArgumentException("an ExecutionReport needs " + LENGTH + " bytes, the slot holds " +
                buffer.capacity());
        }
        array = buffer.byteArray();
        address = buffer.addressOffset();
        putLong(0, HEADER);
        putLong(SEQ_NUM, seqNum);
        putLong(TRANSACT_TIME, transactTime);
        putLong(ORDER_ID, orderId);
        putLong(CL_ORD_ID, clOrdId);
        putInt(INSTRUMENT_ID, instrumentId);
        putInt(EXEC_TYPE, ENUM_DEFAULTS | (execType.value() & 0xFF));
        putLong(PRICE, 0);
        putLong(QUANTITY, 0);
        putLong(LEAVES_QUANTITY, 0);
        putLong(TRADE_ID, 0);
        putInt(LIQUIDITY, TAIL_DEFAULTS);
        return this;
    }

    ExecutionReportWriter side(final Side value)
    {
        return putByte(SIDE, value.value());
    }

    ExecutionReportWriter ordType(final OrdType value)
    {
        return putByte(ORD_TYPE, value.value());
    }

    ExecutionReportWriter timeInForce(final TimeInForce value)
    {
        return putByte(TIME_IN_FORCE, value.value());
    }

    ExecutionReportWriter price(final long value)
    {
        putLong(PRICE, value);
        return this;
    }

    ExecutionReportWriter quantity(final long value)
    {
        putLong(QUANTITY, value);
        return this;
    }

    ExecutionReportWriter leavesQuantity(final long value)
    {
        putLong(LEAVES_QUANTITY, value);
        return this;
    }

    ExecutionReportWriter tradeId(final long value)
    {
        putLong(TRADE_ID, value);
        return this;
    }

    ExecutionReportWriter liquidity(final Liquidity value)
    {
        return putByte(LIQUIDITY, value.value());
    }

    ExecutionReportWriter rejectReason(final RejectReason value)
    {
        return putByte(REJECT_REASON, value.value());
    }

    ExecutionReportWriter cancelReason(final CancelReason value)
    {
        return putByte(CANCEL_REASON, value.value());
    }

    ExecutionReportWriter priorityKept(final BooleanType value)
    {
        return putByte(PRIORITY_KEPT, value.value());
    }

    private void putLong(final int offset, final long value)
    {
        UnsafeApi.putLong(array, address + offset, SWAP ? Long.reverseBytes(value) : value);
    }

    private void putInt(final int offset, final int value)
    {
        UnsafeApi.putInt(array, address + offset, SWAP ? Integer.reverseBytes(value) : value);
    }

    private ExecutionReportWriter putByte(final int offset, final short value)
    {
        UnsafeApi.putByte(array, address + offset, (byte)value);
        return this;
    }

    /**
     * @return four one-byte values as the int that holds them in the message's byte order, first at the lowest
     * address.
     */
    private static int bytes(final int first, final int second, final int third, final int fourth)
    {
        return (first & 0xFF) | (second & 0xFF) << 8 | (third & 0xFF) << 16 | (fourth & 0xFF) << 24;
    }

    /**
     * Refuses to load if the schema no longer lays the message out as the grouped stores assume: a changed schema
     * fails at the first use, never with wrong bytes.
     */
    private static void requireLayout()
    {
        final boolean grouped = SIDE == EXEC_TYPE + 1 && ORD_TYPE == EXEC_TYPE + 2 && TIME_IN_FORCE == EXEC_TYPE + 3 &&
            REJECT_REASON == LIQUIDITY + 1 && CANCEL_REASON == LIQUIDITY + 2 && PRIORITY_KEPT == LIQUIDITY + 3 &&
            PRIORITY_KEPT + 1 == LENGTH;
        final boolean widths = ExecutionReportEncoder.seqNumEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.transactTimeEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.orderIdEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.clOrdIdEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.instrumentIdEncodingLength() == BitUtil.SIZE_OF_INT &&
            ExecutionReportEncoder.priceEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.quantityEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.leavesQuantityEncodingLength() == BitUtil.SIZE_OF_LONG &&
            ExecutionReportEncoder.tradeIdEncodingLength() == BitUtil.SIZE_OF_LONG &&
            INSTRUMENT_ID + BitUtil.SIZE_OF_INT == EXEC_TYPE &&
            MessageHeaderEncoder.ENCODED_LENGTH == BitUtil.SIZE_OF_LONG &&
            MessageHeaderEncoder.templateIdEncodingOffset() == 2 &&
            MessageHeaderEncoder.schemaIdEncodingOffset() == 4 &&
            MessageHeaderEncoder.versionEncodingOffset() == 6;
        if (!grouped || !widths)
        {
            throw new ExceptionInInitializerError(
                "the ExecutionReport layout in the schema changed: update ExecutionReportWriter");
        }
    }
}
