package io.matchpoint.gateway.server;

import org.agrona.DirectBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.SessionRejectReason;

/**
 * The checks a client's frame passes before any of its fields is read, in this order: the framing header's encoding
 * type and length; then the SBE header's schema id, schema version, template (known, and one a client may send) and
 * block length (that template's at that version: an older client sends an older, shorter block); then the frame's
 * length for that template and version. Each failure is a {@link SessionRejectReason}, and
 * {@link #expected()} says what would have been right, for the reject's {@code expected} field. No socket and no state
 * beyond the last verdict, so every row of the bad-input table is tested from a table ({@code FrameValidatorTest}).
 */
final class FrameValidator
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long expected;
    private int templateId;
    private int blockLength;

    /**
     * @param buffer holding at least {@link SofhFlyweight#HEADER_LENGTH} bytes at {@code offset}.
     * @param offset of the framing header.
     * @return null when a frame of {@link SofhFlyweight#messageLength} bytes may follow, else why not.
     */
    SessionRejectReason checkFraming(final DirectBuffer buffer, final int offset)
    {
        templateId = 0;
        if (SofhFlyweight.encodingType(buffer, offset) != SofhFlyweight.SBE_LITTLE_ENDIAN)
        {
            expected = SofhFlyweight.SBE_LITTLE_ENDIAN;
            return SessionRejectReason.BAD_ENCODING_TYPE;
        }
        final long frameLength = SofhFlyweight.messageLength(buffer, offset);
        if (frameLength < SofhFlyweight.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH ||
            frameLength > MessageLimits.MAX_FRAME_LENGTH)
        {
            expected = MessageLimits.MAX_FRAME_LENGTH;
            return SessionRejectReason.BAD_LENGTH;
        }
        return null;
    }

    /**
     * @param buffer holding the whole message.
     * @param offset of the SBE message header.
     * @param length of the message, header included (the frame's length less its framing header).
     * @return null when the message is one a client may send, of the right lengths, else why not.
     */
    SessionRejectReason checkMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            expected = MessageHeaderDecoder.SCHEMA_ID;
            return SessionRejectReason.BAD_SCHEMA_ID;
        }
        if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            expected = MessageHeaderDecoder.SCHEMA_VERSION;
            return SessionRejectReason.BAD_SCHEMA_VERSION;
        }
        blockLength = ClientTemplates.blockLength(templateId, header.version());
        if (blockLength == ClientTemplates.UNKNOWN)
        {
            expected = 0;
            return SessionRejectReason.UNKNOWN_TEMPLATE;
        }
        if (blockLength == ClientTemplates.NOT_FROM_CLIENTS)
        {
            expected = 0;
            return SessionRejectReason.NOT_PERMITTED;
        }
        if (header.blockLength() != blockLength)
        {
            expected = blockLength;
            return SessionRejectReason.BAD_BLOCK_LENGTH;
        }
        if (length != MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            expected = MessageHeaderDecoder.ENCODED_LENGTH + blockLength + SofhFlyweight.HEADER_LENGTH;
            return SessionRejectReason.BAD_LENGTH;
        }
        return null;
    }

    /**
     * @return what the failed check expected: the encoding type, the maximum frame length, the schema id or version,
     * the template's block length or frame length; 0 where nothing is expected.
     */
    long expected()
    {
        return expected;
    }

    /**
     * @return the template id of the last message checked (0 after a framing failure).
     */
    int templateId()
    {
        return templateId;
    }

    /**
     * @return the block length of the last message that passed, at the schema version its header names.
     */
    int blockLength()
    {
        return blockLength;
    }

    /**
     * @return the schema version the last message checked was encoded with.
     */
    int version()
    {
        return header.version();
    }
}
