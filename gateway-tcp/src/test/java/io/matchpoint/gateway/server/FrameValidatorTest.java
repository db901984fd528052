package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SessionRejectReason;

/**
 * Every check a frame passes before its fields are read, from a table and without a socket: the reason each bad
 * frame gets and the value its reject names as expected. The same frames over TCP are {@code BadFramesTest}'s.
 */
class FrameValidatorTest
{
    private static final int NEW_ORDER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
    /** Version 0's NewOrder: the block before displayQuantity was appended. */
    private static final int V0_NEW_ORDER_BLOCK_LENGTH = NewOrderEncoder.displayQuantityEncodingOffset();

    private final FrameValidator validator = new FrameValidator();

    static Stream<Arguments> framings()
    {
        return Stream.of(
            row("a well-formed framing header", b -> SofhFlyweight.wrapSbe(b, 0, NEW_ORDER_LENGTH), null, 0),
            row("big-endian SBE (0x5BE0)", b ->
            {
                SofhFlyweight.wrapSbe(b, 0, NEW_ORDER_LENGTH);
                b.putShort(SofhFlyweight.ENCODING_TYPE_OFFSET, (short)0x5BE0, ByteOrder.BIG_ENDIAN);
            }, SessionRejectReason.BAD_ENCODING_TYPE, SofhFlyweight.SBE_LITTLE_ENDIAN),
            row("a frame of length 0", b ->
            {
                SofhFlyweight.wrapSbe(b, 0, 0);
                b.putInt(SofhFlyweight.MESSAGE_LENGTH_OFFSET, 0, ByteOrder.BIG_ENDIAN);
            }, SessionRejectReason.BAD_LENGTH, MessageLimits.MAX_FRAME_LENGTH),
            row("a frame too short for a message header", b -> SofhFlyweight.wrapSbe(b, 0, 7),
                SessionRejectReason.BAD_LENGTH, MessageLimits.MAX_FRAME_LENGTH),
            row("a frame longer than the maximum", b ->
                SofhFlyweight.wrapSbe(b, 0, MessageLimits.MAX_FRAME_LENGTH - SofhFlyweight.HEADER_LENGTH + 1),
                SessionRejectReason.BAD_LENGTH, MessageLimits.MAX_FRAME_LENGTH),
            row("a frame of the maximum length", b ->
                SofhFlyweight.wrapSbe(b, 0, MessageLimits.MAX_FRAME_LENGTH - SofhFlyweight.HEADER_LENGTH), null, 0));
    }

    static Stream<Arguments> messages()
    {
        return Stream.of(
            row("a NewOrder", b -> newOrder(b), null, 0),
            row("another schema", b -> newOrder(b).putShort(4, (short)77, ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.BAD_SCHEMA_ID, MessageHeaderDecoder.SCHEMA_ID),
            row("a newer schema version", b ->
                newOrder(b).putShort(6, (short)(MessageHeaderDecoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.BAD_SCHEMA_VERSION, MessageHeaderDecoder.SCHEMA_VERSION),
            row("a template nobody defined", b -> newOrder(b).putShort(2, (short)99, ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.UNKNOWN_TEMPLATE, 0),
            row("a template only the server sends", b ->
                newOrder(b).putShort(2, (short)ExecutionReportDecoder.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.NOT_PERMITTED, 0),
            row("a block length off by one", b ->
                newOrder(b).putShort(0, (short)(NewOrderEncoder.BLOCK_LENGTH + 1), ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.BAD_BLOCK_LENGTH, NewOrderEncoder.BLOCK_LENGTH),
            row("a version 0 NewOrder with the current block length", b ->
                newOrder(b).putShort(6, (short)0, ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.BAD_BLOCK_LENGTH, V0_NEW_ORDER_BLOCK_LENGTH),
            row("a current NewOrder with version 0's block length", b ->
                newOrder(b).putShort(0, (short)V0_NEW_ORDER_BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN),
                SessionRejectReason.BAD_BLOCK_LENGTH, NewOrderEncoder.BLOCK_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void shouldCheckTheFramingHeader(
        final Consumer<UnsafeBuffer> frame, final SessionRejectReason reason, final long expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        frame.accept(buffer);
        assertEquals(reason, validator.checkFraming(buffer, 0));
        if (reason != null)
        {
            assertEquals(expected, validator.expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldCheckTheMessageHeaderAgainstWhatClientsMaySend(
        final Consumer<UnsafeBuffer> message, final SessionRejectReason reason, final long expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        message.accept(buffer);
        assertEquals(reason, validator.checkMessage(buffer, 0, NEW_ORDER_LENGTH));
        if (reason != null)
        {
            assertEquals(expected, validator.expected());
        }
    }

    @ParameterizedTest(name = "a NewOrder {0} bytes long")
    @org.junit.jupiter.params.provider.ValueSource(ints = { NEW_ORDER_LENGTH - 1, NEW_ORDER_LENGTH + 1 })
    void shouldRejectAMessageWhoseLengthIsNotItsTemplatesNamingTheFrameLengthExpected(final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        assertEquals(SessionRejectReason.BAD_LENGTH, validator.checkMessage(newOrder(buffer), 0, length));
        assertEquals(NEW_ORDER_LENGTH + SofhFlyweight.HEADER_LENGTH, validator.expected());
        assertEquals(NewOrderEncoder.TEMPLATE_ID, validator.templateId(), "the reject names the template");
    }

    @Test
    void shouldTellTheBlockLengthAndVersionOfAMessageThatPassed()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        assertNull(validator.checkMessage(newOrder(buffer), 0, NEW_ORDER_LENGTH));
        assertEquals(NewOrderEncoder.TEMPLATE_ID, validator.templateId());
        assertEquals(NewOrderEncoder.BLOCK_LENGTH, validator.blockLength());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, validator.version());
    }

    @Test
    void shouldAcceptAVersionZeroNewOrderOfTheBlockLengthItHadThen()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        newOrder(buffer).putShort(0, (short)V0_NEW_ORDER_BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(6, (short)0, ByteOrder.LITTLE_ENDIAN);

        assertNull(validator.checkMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + V0_NEW_ORDER_BLOCK_LENGTH));
        assertEquals(V0_NEW_ORDER_BLOCK_LENGTH, validator.blockLength());
        assertEquals(0, validator.version());
    }

    @Test
    void shouldRejectAVersionZeroNewOrderOfTheCurrentLengthNamingTheFrameLengthOfVersionZero()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        newOrder(buffer).putShort(0, (short)V0_NEW_ORDER_BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(6, (short)0, ByteOrder.LITTLE_ENDIAN);

        assertEquals(SessionRejectReason.BAD_LENGTH, validator.checkMessage(buffer, 0, NEW_ORDER_LENGTH));
        assertEquals(MessageHeaderEncoder.ENCODED_LENGTH + V0_NEW_ORDER_BLOCK_LENGTH + SofhFlyweight.HEADER_LENGTH,
            validator.expected());
    }

    @Test
    void shouldAcceptAVersionZeroReplaceOrderOfTheBlockLengthItHadThenAndRefuseTheCurrentOneAtVersionZero()
    {
        final int versionZeroBlockLength = ReplaceOrderEncoder.stopPriceEncodingOffset();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).seqNum(2).orderId(1);
        buffer.putShort(0, (short)versionZeroBlockLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(6, (short)0, ByteOrder.LITTLE_ENDIAN);

        assertNull(validator.checkMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + versionZeroBlockLength));
        assertEquals(versionZeroBlockLength, validator.blockLength());
        assertEquals(0, validator.version());

        buffer.putShort(0, (short)ReplaceOrderEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        assertEquals(SessionRejectReason.BAD_BLOCK_LENGTH, validator.checkMessage(
            buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + ReplaceOrderEncoder.BLOCK_LENGTH));
        assertEquals(versionZeroBlockLength, validator.expected());
    }

    private static UnsafeBuffer newOrder(final UnsafeBuffer buffer)
    {
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).seqNum(2).clOrdId(1);
        return buffer;
    }

    private static Arguments row(
        final String name, final Consumer<UnsafeBuffer> build, final SessionRejectReason reason, final long expected)
    {
        return Arguments.of(Named.of(name, build), reason, expected);
    }
}
