package io.matchpoint.feed;

import org.agrona.DirectBuffer;

import io.aeron.Publication;

/**
 * A channel's packets offered to an Aeron publication. An offer refused for an administrative reason (the log
 * rotating a term) is tried again at once a few times, as Aeron asks; back pressure is not waited out.
 */
final class AeronPacketSink implements PacketSink
{
    private static final int ADMIN_ACTION_RETRIES = 3;

    private final Publication publication;

    AeronPacketSink(final Publication publication)
    {
        this.publication = publication;
    }

    @Override
    public int offer(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return SENT;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                return NOT_CONNECTED;
            }
            if (result == Publication.BACK_PRESSURED)
            {
                return BACK_PRESSURED;
            }
            if (result != Publication.ADMIN_ACTION || attempt == ADMIN_ACTION_RETRIES)
            {
                return FAILED;
            }
        }
    }

    @Override
    public int maxPacketLength()
    {
        return publication.maxPayloadLength();
    }
}
