package io.matchpoint.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The Simple Open Framing Header (FIX Trading Community) in front of every message on the wire: a 4-byte big-endian
 * message length that counts the header itself, then a 2-byte big-endian encoding type. Matchpoint speaks one
 * encoding, {@link #SBE_LITTLE_ENDIAN} (SBE 1.0, little-endian), so any SBE-aware tool or capture dissector can read
 * its traffic.
 * <p>
 * Static accessors rather than a wrapping flyweight: the header is two fields and its readers hold no state.
 */
public final class SofhFlyweight
{
    /** Bytes of the framing header. */
    public static final int HEADER_LENGTH = 6;

    /** Encoding type of SBE version 1.0, little-endian byte order. */
    public static final int SBE_LITTLE_ENDIAN = 0xEB50;

    /** Offset of the message length field. */
    public static final int MESSAGE_LENGTH_OFFSET = 0;

    /** Offset of the encoding type field. */
    public static final int ENCODING_TYPE_OFFSET = 4;

    private SofhFlyweight()
    {
    }

    /**
     * @param buffer holding a framing header.
     * @param offset of the header.
     * @return the whole frame's length, this header included, as an unsigned value.
     */
    public static long messageLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MESSAGE_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * @param buffer holding a framing header.
     * @param offset of the header.
     * @return the encoding type, as an unsigned value.
     */
    public static int encodingType(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + ENCODING_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Writes a header for an SBE message of {@code sbeLength} bytes that follows it.
     *
     * @param buffer    to write to.
     * @param offset    of the header.
     * @param sbeLength bytes of the SBE message header and body after this framing header.
     */
    public static void wrapSbe(final MutableDirectBuffer buffer, final int offset, final int sbeLength)
    {
        buffer.putInt(offset + MESSAGE_LENGTH_OFFSET, HEADER_LENGTH + sbeLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + ENCODING_TYPE_OFFSET, (short)SBE_LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
    }
}
