package io.matchpoint.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SofhFlyweightTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    @Test
    void shouldWriteLengthAndEncodingTypeBigEndianAsTheFixStandardSays()
    {
        SofhFlyweight.wrapSbe(buffer, 3, 20);

        assertEquals(0, buffer.getByte(3));
        assertEquals(0, buffer.getByte(4));
        assertEquals(0, buffer.getByte(5));
        assertEquals(26, buffer.getByte(6));
        assertEquals((byte)0xEB, buffer.getByte(7));
        assertEquals((byte)0x50, buffer.getByte(8));
    }

    @Test
    void shouldReadBackWhatItWrote()
    {
        SofhFlyweight.wrapSbe(buffer, 0, 70);

        assertEquals(76, SofhFlyweight.messageLength(buffer, 0));
        assertEquals(SofhFlyweight.SBE_LITTLE_ENDIAN, SofhFlyweight.encodingType(buffer, 0));
    }

    @Test
    void shouldReadLengthsAboveIntMaxAsUnsigned()
    {
        buffer.putInt(0, 0xFFFF_FFFF);
        buffer.putShort(4, (short)0xFFFF);

        assertEquals(0xFFFF_FFFFL, SofhFlyweight.messageLength(buffer, 0));
        assertEquals(0xFFFF, SofhFlyweight.encodingType(buffer, 0));
    }
}
