package io.matchpoint.engine.service;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.OrderAddDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;

/**
 * An egress for the market data zero-allocation tests: drops every event, counts the OrderAdds on the ORDERS channel
 * (and those of one watched order apart), and notes the ids of the last order added and the last accepted, all
 * without allocating.
 */
final class QuietMarketDataEgress extends Egress
{
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAddDecoder add = new OrderAddDecoder();
    private final io.matchpoint.codec.sbe.MessageHeaderDecoder reportHeader =
        new io.matchpoint.codec.sbe.MessageHeaderDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private byte targetKind;
    /** The order whose OrderAdds {@link #watchedOrderAdds} counts. */
    long watchedOrderId;
    long watchedOrderAdds;
    long orderAdds;
    long lastAddedOrderId;
    long lastAcceptedOrderId;

    public UnsafeBuffer claim(
        final long eventSequence,
        final long commandSequence,
        final long timestampNs,
        final byte targetKind,
        final long targetId)
    {
        this.targetKind = targetKind;
        return scratch;
    }

    public void publish(final int length)
    {
        if (targetKind == TARGET_MD_ORDERS && header.wrap(scratch, 0).templateId() == OrderAddDecoder.TEMPLATE_ID)
        {
            orderAdds++;
            lastAddedOrderId = add.wrap(scratch, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version()).orderId();
            if (lastAddedOrderId == watchedOrderId)
            {
                watchedOrderAdds++;
            }
        }
        else if (targetKind == TARGET_ACCOUNT &&
            reportHeader.wrap(scratch, 0).templateId() == ExecutionReportDecoder.TEMPLATE_ID)
        {
            report.wrap(scratch, reportHeader.encodedLength(), reportHeader.blockLength(), reportHeader.version());
            if (report.execType() == ExecType.NEW)
            {
                lastAcceptedOrderId = report.orderId();
            }
        }
    }
}
