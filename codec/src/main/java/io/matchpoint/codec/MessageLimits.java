package io.matchpoint.codec;

/**
 * Size limits that the gateway, the rings and the journal share. Every message of the schema, SBE header included,
 * fits in {@link #MAX_MESSAGE_LENGTH} bytes (a test checks each template), so ring slots and session buffers are
 * sized once.
 */
public final class MessageLimits
{
    /** Largest SBE message, header included, that any template produces. */
    public static final int MAX_MESSAGE_LENGTH = 128;

    /** Largest acceptable frame on the wire: a framing header and the largest message. */
    public static final int MAX_FRAME_LENGTH = SofhFlyweight.HEADER_LENGTH + MAX_MESSAGE_LENGTH;

    private MessageLimits()
    {
    }
}
