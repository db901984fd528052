package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

class ExecutionReportFlyweightTest
{
    @Test
    void shouldWriteTheSameBytesAsTheGeneratedEncoderForAnyFieldsSet()
    {
        final Random random = new Random(20261124L);
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        final UnsafeBuffer actual = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final ExecutionReportFlyweight writer = new ExecutionReportFlyweight();

        for (int i = 0; i < 100_000; i++)
        {
            // garbage left by an earlier, longer message must not show through either
            fillWithNoise(expected, actual, random);
            final long seqNum = random.nextLong();
            final long transactTime = random.nextLong();
            final long orderId = random.nextLong();
            final long clOrdId = random.nextLong();
            final int instrumentId = random.nextInt();
            final ExecType execType = pick(ExecType.values(), random);
            encoder.wrapAndApplyHeader(expected, 0, header)
                .seqNum(seqNum).transactTime(transactTime).orderId(orderId).clOrdId(clOrdId)
                .instrumentId(instrumentId).execType(execType)
                .side(Side.NULL_VAL).ordType(OrdType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL)
                .price(0).quantity(0).leavesQuantity(0).tradeId(0)
                .liquidity(Liquidity.NONE).rejectReason(RejectReason.NONE).cancelReason(CancelReason.NONE)
                .priorityKept(BooleanType.FALSE).displayQuantity(0).stopPrice(0);
            writer.wrap(actual, seqNum, transactTime, orderId, clOrdId, instrumentId, execType);

            if (random.nextBoolean())
            {
                final Side side = pick(Side.values(), random);
                encoder.side(side);
                writer.side(side);
            }
            if (random.nextBoolean())
            {
                final OrdType ordType = pick(OrdType.values(), random);
                encoder.ordType(ordType);
                writer.ordType(ordType);
            }
            if (random.nextBoolean())
            {
                final TimeInForce timeInForce = pick(TimeInForce.values(), random);
                encoder.timeInForce(timeInForce);
                writer.timeInForce(timeInForce);
            }
            if (random.nextBoolean())
            {
                final long price = random.nextLong();
                encoder.price(price);
                writer.price(price);
            }
            if (random.nextBoolean())
            {
                final long quantity = random.nextLong();
                encoder.quantity(quantity);
                writer.quantity(quantity);
            }
            if (random.nextBoolean())
            {
                final long leaves = random.nextLong();
                encoder.leavesQuantity(leaves);
                writer.leavesQuantity(leaves);
            }
            if (random.nextBoolean())
            {
                final long tradeId = random.nextLong();
                encoder.tradeId(tradeId);
                writer.tradeId(tradeId);
            }
            if (random.nextBoolean())
            {
                final Liquidity liquidity = pick(Liquidity.values(), random);
                encoder.liquidity(liquidity);
                writer.liquidity(liquidity);
            }
            if (random.nextBoolean())
            {
                final RejectReason reason = pick(RejectReason.values(), random);
                encoder.rejectReason(reason);
                writer.rejectReason(reason);
            }
            if (random.nextBoolean())
            {
                final CancelReason reason = pick(CancelReason.values(), random);
                encoder.cancelReason(reason);
                writer.cancelReason(reason);
            }
            if (random.nextBoolean())
            {
                final BooleanType kept = pick(BooleanType.values(), random);
                encoder.priorityKept(kept);
                writer.priorityKept(kept);
            }
            if (random.nextBoolean())
            {
                final long displayQuantity = random.nextLong();
                encoder.displayQuantity(displayQuantity);
                writer.displayQuantity(displayQuantity);
            }
            if (random.nextBoolean())
            {
                final long stopPrice = random.nextLong();
                encoder.stopPrice(stopPrice);
                writer.stopPrice(stopPrice);
            }

            final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
            assertEquals(length, ExecutionReportFlyweight.LENGTH);
            for (int offset = 0; offset < length; offset++)
            {
                if (expected.getByte(offset) != actual.getByte(offset))
                {
                    assertEquals(expected.getByte(offset), actual.getByte(offset),
                        "byte " + offset + " of message " + i + ": " + describe(expected) + " / " + describe(actual));
                }
            }
        }
    }

    @Test
    void shouldRefuseABufferTooSmallForTheMessage()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[ExecutionReportFlyweight.LENGTH - 1]);

        assertThrows(IllegalArgumentException.class,
            () -> new ExecutionReportFlyweight().wrap(small, 1, 2, 3, 4, 5, ExecType.NEW));
    }

    private static void fillWithNoise(final UnsafeBuffer expected, final UnsafeBuffer actual, final Random random)
    {
        for (int offset = 0; offset < ExecutionReportFlyweight.LENGTH; offset++)
        {
            expected.putByte(offset, (byte)random.nextInt());
            actual.putByte(offset, (byte)random.nextInt());
        }
    }

    private static <E> E pick(final E[] values, final Random random)
    {
        return values[random.nextInt(values.length)];
    }

    private static String describe(final UnsafeBuffer buffer)
    {
        return new ExecutionReportDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder()).toString();
    }
}
