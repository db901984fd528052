package io.matchpoint.engine.service;

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
 * the slot is wrapped covers every field; the generated encoder's per-field checks and its second pass over the
 * defaults made encoding a tenth of a replayed command's time.
 * <p>
 * {@link #wrap} writes every byte of the message once: the header in one store, the identifying fields, each run of
 * one-byte defaults as one int and the zeroed numbers; the setters then overwrite the fields an event carries. Only
 * for the matcher's slots: buffers that hold bytes from outside keep their bounds checks.
 */
final class ExecutionReportFlyweight
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
    private static final int DISPLAY_QUANTITY = BODY + ExecutionReportEncoder.displayQuantityEncodingOffset();
    private static final int STOP_PRICE = BODY + ExecutionReportEncoder.stopPriceEncodingOffset();

    /** side, ordType and timeInForce null, in the bytes after execType. */
    private static final int ENUM_DEFAULTS = bytes(0, Side.NULL_VAL.value(), OrdType.NULL_VAL.value(),
        TimeInForce.NULL_VAL.value());
    private static final int TAIL_DEFAULTS = bytes(Liquidity.NONE.value(), RejectReason.NONE.value(),
        CancelReason.NONE.value(), BooleanType.FALSE.value());

    static
    {
        requireLayout();
    }

    /** Until the first {@link #wrap}, a scratch array of the message's size: a setter called too early is harmless. */
    private byte[] array = new byte[LENGTH];
    private long address = UnsafeApi.arrayBaseOffset(byte[].class);

    /**
     * Writes the header, the fields every ExecutionReport carries and the defaults of the others.
     *
     * @param buffer a matcher slot's buffer, at least {@link #LENGTH} bytes.
     * @return this, to set the fields the event carries.
     */
    ExecutionReportFlyweight wrap(
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
        putLong(DISPLAY_QUANTITY, 0);
        putLong(STOP_PRICE, 0);
        return this;
    }

    ExecutionReportFlyweight side(final Side value)
    {
        return putByte(SIDE, value.value());
    }

    ExecutionReportFlyweight ordType(final OrdType value)
    {
        return putByte(ORD_TYPE, value.value());
    }

    ExecutionReportFlyweight timeInForce(final TimeInForce value)
    {
        return putByte(TIME_IN_FORCE, value.value());
    }

    ExecutionReportFlyweight price(final long value)
    {
        putLong(PRICE, value);
        return this;
    }

    ExecutionReportFlyweight quantity(final long value)
    {
        putLong(QUANTITY, value);
        return this;
    }

    ExecutionReportFlyweight leavesQuantity(final long value)
    {
        putLong(LEAVES_QUANTITY, value);
        return this;
    }

    ExecutionReportFlyweight tradeId(final long value)
    {
        putLong(TRADE_ID, value);
        return this;
    }

    ExecutionReportFlyweight liquidity(final Liquidity value)
    {
        return putByte(LIQUIDITY, value.value());
    }

    ExecutionReportFlyweight rejectReason(final RejectReason value)
    {
        return putByte(REJECT_REASON, value.value());
    }

    ExecutionReportFlyweight cancelReason(final CancelReason value)
    {
        return putByte(CANCEL_REASON, value.value());
    }

    ExecutionReportFlyweight priorityKept(final BooleanType value)
    {
        return putByte(PRIORITY_KEPT, value.value());
    }

    ExecutionReportFlyweight displayQuantity(final long value)
    {
        putLong(DISPLAY_QUANTITY, value);
        return this;
    }

    ExecutionReportFlyweight stopPrice(final long value)
    {
        putLong(STOP_PRICE, value);
        return this;
    }

    private void putLong(final int offset, final long value)
    {
        UnsafeApi.putLong(array, address + offset, SWAP ? Long.reverseBytes(value) : value);
    }

    private void putInt(final int offset, final int value)
    {
        UnsafeApi.putInt(array, address + offset, SWAP ? Integer.reverseBytes(value) : value);
    }

    private ExecutionReportFlyweight putByte(final int offset, final short value)
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
     * Refuses to load if the schema no longer lays the message out as this class writes it: the fields it knows must
     * tile the whole block in order, at the widths it writes, so that a field added, moved or widened fails at the
     * first use, never with stale or wrong bytes.
     */
    private static void requireLayout()
    {
        final int[][] fields = {
            {SEQ_NUM, ExecutionReportEncoder.seqNumEncodingLength(), BitUtil.SIZE_OF_LONG},
            {TRANSACT_TIME, ExecutionReportEncoder.transactTimeEncodingLength(), BitUtil.SIZE_OF_LONG},
            {ORDER_ID, ExecutionReportEncoder.orderIdEncodingLength(), BitUtil.SIZE_OF_LONG},
            {CL_ORD_ID, ExecutionReportEncoder.clOrdIdEncodingLength(), BitUtil.SIZE_OF_LONG},
            {INSTRUMENT_ID, ExecutionReportEncoder.instrumentIdEncodingLength(), BitUtil.SIZE_OF_INT},
            {EXEC_TYPE, ExecutionReportEncoder.execTypeEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {SIDE, ExecutionReportEncoder.sideEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {ORD_TYPE, ExecutionReportEncoder.ordTypeEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {TIME_IN_FORCE, ExecutionReportEncoder.timeInForceEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {PRICE, ExecutionReportEncoder.priceEncodingLength(), BitUtil.SIZE_OF_LONG},
            {QUANTITY, ExecutionReportEncoder.quantityEncodingLength(), BitUtil.SIZE_OF_LONG},
            {LEAVES_QUANTITY, ExecutionReportEncoder.leavesQuantityEncodingLength(), BitUtil.SIZE_OF_LONG},
            {TRADE_ID, ExecutionReportEncoder.tradeIdEncodingLength(), BitUtil.SIZE_OF_LONG},
            {LIQUIDITY, ExecutionReportEncoder.liquidityEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {REJECT_REASON, ExecutionReportEncoder.rejectReasonEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {CANCEL_REASON, ExecutionReportEncoder.cancelReasonEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {PRIORITY_KEPT, ExecutionReportEncoder.priorityKeptEncodingLength(), BitUtil.SIZE_OF_BYTE},
            {DISPLAY_QUANTITY, ExecutionReportEncoder.displayQuantityEncodingLength(), BitUtil.SIZE_OF_LONG},
            {STOP_PRICE, ExecutionReportEncoder.stopPriceEncodingLength(), BitUtil.SIZE_OF_LONG},
        };
        boolean tiled = MessageHeaderEncoder.ENCODED_LENGTH == BitUtil.SIZE_OF_LONG &&
            MessageHeaderEncoder.blockLengthEncodingOffset() == 0 &&
            MessageHeaderEncoder.templateIdEncodingOffset() == 2 &&
            MessageHeaderEncoder.schemaIdEncodingOffset() == 4 &&
            MessageHeaderEncoder.versionEncodingOffset() == 6;
        int next = BODY;
        for (final int[] field : fields)
        {
            tiled &= field[0] == next && field[1] == field[2];
            next += field[2];
        }
        if (!tiled || next != LENGTH)
        {
            throw new ExceptionInInitializerError(
                "the ExecutionReport layout in the schema changed: update ExecutionReportFlyweight");
        }
    }
}
