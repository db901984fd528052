package io.matchpoint.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.JournaledPipeline;
import io.matchpoint.perf.support.tape.TapeHeader;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeRecord;
import io.matchpoint.perf.support.tape.TapeSide;

/**
 * The engine without TCP: the bench's thread encodes each command straight into the inbound ring, as the gateway's
 * I/O thread does, and the pipeline's sender stage hands the answers to the session trackers instead of sockets. The
 * same rings, journal, matcher and threading mode as the server's profile; what is left out is the network, the
 * gateway's framing and session checks, and the socket writes. With the journal off, the command journal stage is
 * not there at all, which shows what journaling costs.
 */
final class InProcessTransport implements Transport
{
    private static final long IDLE_PARK_MAX_NS = 20_000;
    private final JournaledPipeline journaled;
    private final Pipeline pipeline;
    private final CommandPublisher publisher;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancel = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
    private final Answers answers = new Answers();

    /**
     * Starts the pipeline and defines the tape's instruments.
     *
     * @param journal    where the journal goes, null for none.
     * @param lowLatency busy-spinning waits, as the server's low-latency profile.
     */
    InProcessTransport(final TapeHeader tape, final Path journal, final boolean lowLatency) throws IOException
    {
        final PipelineContext context = new PipelineContext()
            .engineConfig(new EngineConfig())
            .threadingMode(ThreadingMode.choose(Runtime.getRuntime().availableProcessors(), lowLatency))
            // no socket to wait in here: the default profile's threads park, but for at most 20 µs, so that an idle
            // moment between the bench's commands does not show as a millisecond's park in the latency
            .idleStrategies(lowLatency ? thread -> new BusySpinIdleStrategy() :
                thread -> new BackoffIdleStrategy(10, 5, 1_000, IDLE_PARK_MAX_NS))
            .sender(answers)
            .errorHandler(Throwable::printStackTrace);
        if (journal == null)
        {
            journaled = null;
            pipeline = new Pipeline(context);
        }
        else
        {
            journaled = JournaledPipeline.open(new JournalDirectory(journal), context, new SystemEpochNanoClock(),
                Throwable::printStackTrace, line -> { }, JournalFaultInjector.NONE);
            pipeline = journaled.pipeline();
        }
        publisher = pipeline.commandPublisher();
        pipeline.start();
        final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
        for (int i = 0; i < tape.instrumentCount(); i++)
        {
            final long claimed = claim();
            final CommandSlot slot = publisher.slot(claimed).header(0, 0, System.currentTimeMillis() * 1_000_000L);
            define.wrapAndApplyHeader(slot.buffer(), 0, header).instrumentId(ServerProcess.instrumentId(i))
                .symbol("BENCH" + (i + 1)).priceDecimals((short)0).tickSize(tape.instrument(i).tickSize())
                .lotSize(1).minQuantity(1).maxQuantity(1_000_000)
                .lowPrice(tape.instrument(i).priceLow()).highPrice(tape.instrument(i).priceHigh());
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + define.encodedLength());
            publisher.publish(claimed);
        }
        if (!pipeline.awaitQuiet(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("the pipeline did not define the instruments");
        }
    }

    private long claim()
    {
        long claimed;
        while ((claimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
        {
            Thread.onSpinWait();
        }
        return claimed;
    }

    @Override
    public void bind(final SessionTracker[] trackers)
    {
        answers.trackers = trackers;
    }

    @Override
    public boolean send(final int session, final TapeRecord record, final long orderId)
    {
        final long claimed = publisher.tryClaim();
        if (claimed == CommandPublisher.RING_FULL)
        {
            return false;
        }
        // the session id is the account id: the answers' targets name one or the other
        final long account = session + 1;
        final CommandSlot slot = publisher.slot(claimed).header(account, account, System.currentTimeMillis() * 1_000_000L);
        final MutableDirectBuffer buffer = slot.buffer();
        final int length = switch (record.kind())
        {
            case GTC_LIMIT, IOC_LIMIT -> newOrder.wrapAndApplyHeader(buffer, 0, header).seqNum(0)
                .clOrdId(record.orderRef()).instrumentId(ServerProcess.instrumentId(record.instrument()))
                .side(record.side() == TapeSide.BUY ? Side.BUY : Side.SELL).ordType(OrdType.LIMIT)
                .timeInForce(record.kind() == TapeKind.GTC_LIMIT ? TimeInForce.GTC : TimeInForce.IOC)
                .postOnly(BooleanType.FALSE).selfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
                .price(record.price()).quantity(record.quantity()).displayQuantity(0).stopPrice(0).encodedLength();
            case CANCEL -> cancel.wrapAndApplyHeader(buffer, 0, header).seqNum(0).orderId(0)
                .origClOrdId(record.orderRef()).encodedLength();
            case MOVE -> replace.wrapAndApplyHeader(buffer, 0, header).seqNum(0).orderId(orderId)
                .newClOrdId(record.orderRef()).price(record.price()).quantity(record.quantity())
                .stopPrice(ReplaceOrderEncoder.stopPriceNullValue()).encodedLength();
        };
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + length);
        publisher.publish(claimed);
        return true;
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public String disconnected()
    {
        return null;
    }

    @Override
    public void close()
    {
        if (journaled != null)
        {
            journaled.close();
        }
        else
        {
            pipeline.close();
        }
    }

    /**
     * The pipeline's sender stage: each answer to its session's tracker, on the sender thread.
     */
    private static final class Answers implements EventHandler<EventSlot>
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
        private final CancelRejectDecoder cancelReject = new CancelRejectDecoder();
        private final BusinessRejectDecoder businessReject = new BusinessRejectDecoder();
        private volatile SessionTracker[] trackers;

        @Override
        public void onEvent(final EventSlot event, final long sequence, final boolean endOfBatch)
        {
            final SessionTracker[] bound = trackers;
            final long target = event.targetId();
            if (bound == null || target < 1 || target > bound.length ||
                (event.targetKind() != EventSlot.TARGET_ACCOUNT && event.targetKind() != EventSlot.TARGET_SESSION))
            {
                return;
            }
            final SessionTracker tracker = bound[(int)target - 1];
            final MutableDirectBuffer buffer = event.buffer();
            header.wrap(buffer, 0);
            final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case ExecutionReportDecoder.TEMPLATE_ID -> tracker.onExecutionReport(
                    executionReport.wrap(buffer, offset, header.blockLength(), header.version()));
                case CancelRejectDecoder.TEMPLATE_ID -> tracker.onCancelReject(
                    cancelReject.wrap(buffer, offset, header.blockLength(), header.version()));
                case BusinessRejectDecoder.TEMPLATE_ID -> tracker.onBusinessReject(
                    businessReject.wrap(buffer, offset, header.blockLength(), header.version()));
                default ->
                {
                }
            }
        }
    }
}
