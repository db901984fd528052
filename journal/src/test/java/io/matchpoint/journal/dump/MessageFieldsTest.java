package io.matchpoint.journal.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * The on-the-fly decoding against the generated flyweights, which serve as the oracle: every template, every field.
 */
class MessageFieldsTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    static List<String> templates()
    {
        return MessageFields.templateNames();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void shouldDecodeEveryFieldOfEveryTemplateAsTheGeneratedDecoderDoes(final String template) throws Exception
    {
        final Object encoder = Class.forName("io.matchpoint.codec.sbe." + template + "Encoder")
            .getConstructor().newInstance();
        encoder.getClass().getMethod("wrapAndApplyHeader", MutableDirectBuffer.class, int.class,
            MessageHeaderEncoder.class).invoke(encoder, buffer, 0, header);
        final int blockLength = (int)encoder.getClass().getMethod("sbeBlockLength").invoke(encoder);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + blockLength;
        final Object decoder = Class.forName("io.matchpoint.codec.sbe." + template + "Decoder")
            .getConstructor().newInstance();
        final Method wrap = decoder.getClass().getMethod("wrapAndApplyHeader", DirectBuffer.class, int.class,
            MessageHeaderDecoder.class);
        final MessageFields fields = new MessageFields();

        // All ones: every enum of the schema defines 1, so the generated decoder's toString works and lists the fields.
        buffer.setMemory(MessageHeaderEncoder.ENCODED_LENGTH, blockLength, (byte)1);
        wrap.invoke(decoder, buffer, 0, new MessageHeaderDecoder());
        assertTrue(fields.decode(buffer, 0, length), fields.problem());
        assertEquals(template, fields.templateName());
        assertEquals(fieldNames(decoder.toString()), names(fields));

        final Random random = new Random(template.hashCode());
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < blockLength; i++)
            {
                buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + i, (byte)random.nextInt(256));
            }
            wrap.invoke(decoder, buffer, 0, new MessageHeaderDecoder());
            assertTrue(fields.decode(buffer, 0, length), fields.problem());
            for (int i = 0; i < fields.fieldCount(); i++)
            {
                assertSameValue(decoder, fields, i);
            }
        }
    }

    @Test
    void shouldDescribeAnExecutionReportWithEnumNamesAndNumbers()
    {
        final int length = executionReport(ExecType.TRADE);

        assertEquals("ExecutionReport seqNum=0 transactTime=1709285401500000738 orderId=7 clOrdId=42 " +
            "instrumentId=1 execType=TRADE side=SELL ordType=LIMIT timeInForce=IOC price=10125 quantity=3 " +
            "leavesQuantity=2 tradeId=99 liquidity=TAKER rejectReason=NONE cancelReason=NONE priorityKept=FALSE " +
            "displayQuantity=0 stopPrice=0",
            MessageFields.describe(buffer, 0, length));
    }

    @Test
    void shouldDescribeARefillWithTheSliceShown()
    {
        final int length = executionReport(ExecType.REFILLED);
        new ExecutionReportEncoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).displayQuantity(10);

        assertTrue(MessageFields.describe(buffer, 0, length).contains(" execType=REFILLED "));
        assertTrue(MessageFields.describe(buffer, 0, length).endsWith(
            " priorityKept=FALSE displayQuantity=10 stopPrice=0"));
    }

    @Test
    void shouldDescribeATriggerWithItsStopPrice()
    {
        final int length = executionReport(ExecType.TRIGGERED);
        new ExecutionReportEncoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).stopPrice(9950);

        assertTrue(MessageFields.describe(buffer, 0, length).contains(" execType=TRIGGERED "));
        assertTrue(MessageFields.describe(buffer, 0, length).endsWith(" displayQuantity=0 stopPrice=9950"));
    }

    @Test
    void shouldDescribeAStopOrderAndAReplaceThatKeepsItsStopPriceWithTheNullValue()
    {
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header).seqNum(2).clOrdId(7).instrumentId(1)
            .side(Side.SELL).ordType(OrdType.STOP_LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(9940).quantity(5).displayQuantity(0)
            .stopPrice(9950);
        assertTrue(MessageFields.describe(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH)
            .endsWith(" ordType=STOP_LIMIT timeInForce=GTC postOnly=FALSE selfTradePrevention=CANCEL_TAKER " +
            "price=9940 quantity=5 displayQuantity=0 stopPrice=9950"));

        new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, header).seqNum(3).orderId(8).newClOrdId(9).price(9940)
            .quantity(4).stopPrice(ReplaceOrderEncoder.stopPriceNullValue());
        assertEquals("ReplaceOrder seqNum=3 orderId=8 newClOrdId=9 price=9940 quantity=4 stopPrice=" + Long.MIN_VALUE,
            MessageFields.describe(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + ReplaceOrderEncoder.BLOCK_LENGTH));
    }

    @Test
    void shouldDescribeAVersionZeroReplaceOrderWithoutTheStopPriceItDidNotHave()
    {
        final int blockLength = ReplaceOrderEncoder.stopPriceEncodingOffset();
        new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, header).seqNum(3).orderId(8).newClOrdId(9).price(9940)
            .quantity(4).stopPrice(-1);
        header.blockLength(blockLength).version(0);

        assertEquals("ReplaceOrder seqNum=3 orderId=8 newClOrdId=9 price=9940 quantity=4",
            MessageFields.describe(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + blockLength));
    }

    @Test
    void shouldDescribeAVersionZeroNewOrderWithoutTheDisplayQuantityItDidNotHave()
    {
        final int blockLength = NewOrderEncoder.displayQuantityEncodingOffset();
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header).seqNum(2).clOrdId(7).instrumentId(1)
            .side(Side.BUY).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(10125).quantity(5).displayQuantity(-1);
        header.blockLength(blockLength).version(0);

        assertEquals("NewOrder seqNum=2 clOrdId=7 instrumentId=1 side=BUY ordType=LIMIT timeInForce=GTC " +
            "postOnly=FALSE selfTradePrevention=CANCEL_TAKER price=10125 quantity=5",
            MessageFields.describe(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + blockLength));
    }

    @Test
    void shouldShowAnEnumValueTheSchemaDoesNotDefineAsItsNumber()
    {
        final int length = executionReport(ExecType.NEW);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportEncoder.execTypeEncodingOffset(),
            (byte)42);
        final MessageFields fields = new MessageFields();

        assertTrue(fields.decode(buffer, 0, length));
        final int execType = fields.indexOf("execType");
        assertEquals(MessageFields.Kind.ENUM, fields.kind(execType));
        assertEquals("42", fields.text(execType));
        assertEquals(42, fields.longValue(execType));
        assertTrue(MessageFields.describe(buffer, 0, length).contains(" execType=42 "));
    }

    @Test
    void shouldReadAUint64AsUnsigned()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH +
            new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header).seqNum(-1).encodedLength();

        assertTrue(MessageFields.describe(buffer, 0, length)
            .startsWith("ExecutionReport seqNum=18446744073709551615 "));
    }

    @Test
    void shouldCutCharArraysAtTheFirstNulAndQuoteTextThatWouldBeAmbiguous()
    {
        assertTrue(MessageFields.describe(buffer, 0, defineInstrument("AB")).contains(" symbol=AB "));
        assertTrue(MessageFields.describe(buffer, 0, defineInstrument(" A B=C ")).contains(" symbol=\"A B=C\" "));
        assertTrue(MessageFields.describe(buffer, 0, defineInstrument("")).contains(" symbol=\"\" "));
    }

    @Test
    void shouldDescribeBytesOfAnotherSchemaAsUndecodableWithTheirHex()
    {
        final byte[] garbage = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte)0xFF, 0 };

        assertEquals("undecodable (schema id 1541, not 7400; templateId=1027, 12 bytes): 0102030405060708090aff00",
            MessageFields.describe(new UnsafeBuffer(garbage), 0, garbage.length));
    }

    @Test
    void shouldDescribeAnUnknownTemplateAsUndecodable()
    {
        header.wrap(buffer, 0).blockLength(4).templateId(99).schemaId(7400).version(0);
        buffer.putInt(8, 0x04030201);

        assertEquals("undecodable (unknown template; templateId=99, 12 bytes): 040063" + "00e81c000001020304",
            MessageFields.describe(buffer, 0, 12));
    }

    @Test
    void shouldDescribeAMessageShorterThanItsBlockAsUndecodable()
    {
        executionReport(ExecType.NEW);

        final String description = MessageFields.describe(buffer, 0, 20);
        assertTrue(description.startsWith("undecodable (block length 92 runs past the message's end; " +
            "templateId=34, 20 bytes): "), description);
    }

    @Test
    void shouldRefuseABlockTooShortForItsFieldsWithoutReadingPastIt()
    {
        final int length = executionReport(ExecType.NEW);
        header.wrap(buffer, 0).blockLength(10);
        final MessageFields fields = new MessageFields();

        assertFalse(fields.decode(buffer, 0, length));
        assertEquals(34, fields.templateId());
        assertNull(fields.templateName());
        assertEquals(0, fields.fieldCount());
        assertTrue(MessageFields.describe(buffer, 0, length).startsWith("undecodable (block length 10 is too short"));
    }

    @Test
    void shouldNeverThrowFromDescribe()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[] { 1, 2, 3 });

        assertEquals("undecodable (shorter than the 8-byte message header, 3 bytes): 010203",
            MessageFields.describe(small, 0, 3));
        assertEquals("undecodable (shorter than the 8-byte message header, 1000 bytes): 010203...",
            MessageFields.describe(small, 0, 1000));
        assertTrue(MessageFields.describe(small, -5, 3).startsWith("undecodable ("));
        assertTrue(MessageFields.describe(null, 0, 3).startsWith("undecodable ("));
    }

    @Test
    void shouldListEveryFieldNameOnceInSchemaOrder()
    {
        final List<String> names = MessageFields.allFieldNames();

        assertEquals(List.of("seqNum", "heartbeatIntervalMs", "cancelOnDisconnect", "account", "credential",
            "lastSeqNum", "reason", "clOrdId"), names.subList(0, 8));
        assertEquals(names.size(), new HashSet<>(names).size());
        assertTrue(names.containsAll(List.of("execType", "symbol", "requestedBy", "cancelledCount")));
    }

    private int executionReport(final ExecType execType)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new ExecutionReportEncoder()
            .wrapAndApplyHeader(buffer, 0, header).seqNum(0).transactTime(1709285401500000738L).orderId(7)
            .clOrdId(42).instrumentId(1).execType(execType).side(Side.SELL).ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.IOC).price(10125).quantity(3).leavesQuantity(2).tradeId(99)
            .liquidity(Liquidity.TAKER).rejectReason(RejectReason.NONE).cancelReason(CancelReason.NONE)
            .priorityKept(BooleanType.FALSE).displayQuantity(0).stopPrice(0).encodedLength();
    }

    private int defineInstrument(final String symbol)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new DefineInstrumentEncoder()
            .wrapAndApplyHeader(buffer, 0, header).instrumentId(1).symbol(symbol).encodedLength();
    }

    /**
     * Compares one field with the generated decoder's getter of that name: an enum by name (or, for a value the schema
     * does not define, by its raw number), a number by value, a char array by its text.
     */
    private static void assertSameValue(final Object decoder, final MessageFields fields, final int index)
        throws ReflectiveOperationException
    {
        final String name = fields.name(index);
        Object expected;
        try
        {
            expected = decoder.getClass().getMethod(name).invoke(decoder);
        }
        catch (final InvocationTargetException ex)
        {
            // The generated enum lookup refuses an undefined value; its raw getter still reads it.
            assertTrue(ex.getCause() instanceof IllegalArgumentException, ex.getCause().toString());
            expected = decoder.getClass().getMethod(name + "Raw").invoke(decoder);
            assertEquals(MessageFields.Kind.ENUM, fields.kind(index), name);
            assertEquals(expected.toString(), fields.text(index), name);
            return;
        }
        if (expected instanceof Enum<?> value)
        {
            // The encoding's null value reads NULL_VAL, as the generated enums name it
            assertEquals(MessageFields.Kind.ENUM, fields.kind(index), name);
            assertEquals(value.name(), fields.text(index), name);
        }
        else if (expected instanceof Number value)
        {
            assertEquals(MessageFields.Kind.INTEGER, fields.kind(index), name);
            assertEquals(value.longValue(), fields.longValue(index), name);
        }
        else
        {
            assertEquals(MessageFields.Kind.TEXT, fields.kind(index), name);
            assertEquals(expected.toString().trim(), fields.text(index), name);
        }
    }

    /**
     * @param description a generated decoder's toString: {@code [Name](sbeTemplateId=..|...):a=1|b=2}.
     */
    private static List<String> fieldNames(final String description)
    {
        final List<String> names = new ArrayList<>();
        for (final String pair : description.substring(description.indexOf("):") + 2).split("\\|"))
        {
            names.add(pair.substring(0, pair.indexOf('=')));
        }
        return names;
    }

    private static List<String> names(final MessageFields fields)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.fieldCount(); i++)
        {
            names.add(fields.name(i));
        }
        return names;
    }
}
