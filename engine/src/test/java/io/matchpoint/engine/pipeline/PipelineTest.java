package io.matchpoint.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.BookVisitor;
import io.matchpoint.engine.match.EngineConfig;

/**
 * The pipeline without any transport: commands published into the inbound ring, events read from the outbound ring
 * by a recording stage, with the command-journal slot in use, in every threading mode. Determinism (the same events
 * whatever the mode), reject of undefined enum values, the command journal running before the matcher,
 * cancel-on-disconnect as a command (of the closing session's orders only), and a command with more events than the
 * outbound ring holds.
 */
class PipelineTest
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldGiveByteIdenticalEventsForTheSameCommandStreamWhateverTheThreadingMode(final ThreadingMode mode)
        throws Exception
    {
        final List<byte[]> first = run(ThreadingMode.DEDICATED, new Random(7), 20_000);
        final List<byte[]> second = run(mode, new Random(7), 20_000);

        assertTrue(first.size() > 20_000);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++)
        {
            assertArrayEquals(first.get(i), second.get(i), "event " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldHandTheMarketDataReaderEveryChannelMessageInSequenceThroughASmallRingInEveryMode(
        final ThreadingMode mode) throws Exception
    {
        final Recorder sent = new Recorder();
        final Recorder marketData = new Recorder();
        final Random random = new Random(11);
        try (Pipeline pipeline = new Pipeline(new PipelineContext()
            .engineConfig(new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 10).maxAccounts(16))
            .inboundRingSize(256)
            .outboundRingSize(16)
            .threadingMode(mode)
            .sender(sent)
            .marketData(marketData)))
        {
            pipeline.start();
            define(pipeline.commandPublisher());
            for (int i = 1; i <= 2_000; i++)
            {
                publishOrder(pipeline, 1 + random.nextInt(3), i,
                    random.nextBoolean() ? Side.BUY.value() : Side.SELL.value(), 9_990 + random.nextInt(20),
                    1 + random.nextInt(9));
            }
            assertTrue(pipeline.awaitQuiet(10, TimeUnit.SECONDS));
            assertEquals(0, pipeline.handlerErrors());
        }
        assertEquals(sent.messages.size(), marketData.messages.size(), "every reader reads every event");
        final long[] lastSequence = new long[8];
        int marketDataMessages = 0;
        for (final byte[] bytes : marketData.messages)
        {
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            final byte kind = view.getByte(16);
            if (kind == EventSlot.TARGET_MD_INCREMENTAL || kind == EventSlot.TARGET_MD_ORDERS)
            {
                assertEquals(lastSequence[kind] + 1, view.getLong(8), "channel " + kind + " in sequence");
                lastSequence[kind] = view.getLong(8);
                marketDataMessages++;
            }
        }
        assertTrue(lastSequence[EventSlot.TARGET_MD_INCREMENTAL] > 2_000, "a level change at least per order");
        assertTrue(lastSequence[EventSlot.TARGET_MD_ORDERS] > 1_000, "orders rest, trade and go");
        assertTrue(marketDataMessages > 3_000);
    }

    @Test
    void shouldRejectAnOrderWithAnUndefinedEnumValueWithoutReachingTheCore() throws Exception
    {
        final Recorder events = new Recorder();
        try (Pipeline pipeline = pipeline(ThreadingMode.SHARED, events, null))
        {
            pipeline.start();
            define(pipeline.commandPublisher());
            publishOrder(pipeline, 1, 1, (short)7, 10_000, 1);
            assertTrue(pipeline.awaitQuiet(5, TimeUnit.SECONDS));
        }
        final ExecutionReportDecoder report = lastReport(events);
        assertEquals(ExecType.REJECTED, report.execType());
        assertEquals(RejectReason.INVALID_FIELD, report.rejectReason());
    }

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldJournalEachCommandBeforeTheMatcherSeesIt(final ThreadingMode mode) throws Exception
    {
        final List<Long> journaled = new ArrayList<>();
        final List<Long> journaledWhenEventsSeen = new ArrayList<>();
        final EventHandler<CommandSlot> journal = (slot, sequence, endOfBatch) ->
        {
            synchronized (journaled)
            {
                journaled.add(slot.sequence());
            }
        };
        final EventHandler<EventSlot> sender = (slot, sequence, endOfBatch) ->
        {
            synchronized (journaled)
            {
                journaledWhenEventsSeen.add(journaled.isEmpty() ? -1 : journaled.get(journaled.size() - 1) -
                    slot.commandSequence());
            }
        };
        try (Pipeline pipeline = pipeline(mode, sender, journal))
        {
            pipeline.start();
            define(pipeline.commandPublisher());
            for (int i = 1; i <= 1_000; i++)
            {
                publishOrder(pipeline, 1, i, Side.BUY.value(), 10_000 + i % 10, 1);
            }
            assertTrue(pipeline.awaitQuiet(5, TimeUnit.SECONDS));
        }
        assertEquals(1_001, journaled.size());
        assertTrue(journaledWhenEventsSeen.stream().allMatch(lead -> lead >= 0), "no event before its command");
    }

    @Test
    void shouldCancelOnlyTheClosingSessionsOrdersOnDisconnect() throws Exception
    {
        final Recorder events = new Recorder();
        final List<Long> resting = new ArrayList<>();
        try (Pipeline pipeline = pipeline(ThreadingMode.SHARED, events, null))
        {
            pipeline.start();
            final CommandPublisher publisher = pipeline.commandPublisher();
            define(publisher);
            openSession(publisher, 77, 5, BooleanType.TRUE);
            openSession(publisher, 78, 5, BooleanType.FALSE);
            publishOrder(pipeline, 77, 5, 1, Side.SELL.value(), TimeInForce.GTC, 10_000, 3);
            publishOrder(pipeline, 78, 5, 2, Side.SELL.value(), TimeInForce.GTC, 10_001, 3);
            publishOrder(pipeline, 77, 5, 3, Side.SELL.value(), TimeInForce.GTC, 10_002, 3);
            publishOrder(pipeline, 78, 5, 4, Side.SELL.value(), TimeInForce.GTC, 10_003, 3);
            closeSession(publisher, 77, 5);
            assertTrue(pipeline.awaitQuiet(5, TimeUnit.SECONDS));
            pipeline.matcher().engine().visitBook(1, new BookVisitor()
            {
                @Override
                public void onLevel(
                    final io.matchpoint.engine.match.Side side,
                    final long price,
                    final long totalQuantity,
                    final int orderCount)
                {
                }

                @Override
                public void onOrder(
                    final io.matchpoint.engine.match.Side side,
                    final long price,
                    final long orderId,
                    final long accountId,
                    final long clientOrderId,
                    final long leavesQuantity,
                    final io.matchpoint.engine.match.SelfTradePrevention selfTradePrevention,
                    final boolean postOnly)
                {
                    resting.add(clientOrderId);
                }
            });
        }
        final List<Long> cancelledOnDisconnect = events.reports().stream()
            .filter(r -> r.execType() == ExecType.CANCELLED &&
                r.cancelReason() == io.matchpoint.codec.sbe.CancelReason.CANCEL_ON_DISCONNECT)
            .map(ExecutionReportDecoder::clOrdId)
            .toList();
        assertEquals(List.of(1L, 3L), cancelledOnDisconnect, "session 77's orders, in ascending order id");
        assertEquals(List.of(2L, 4L), resting, "session 78's orders stay");
    }

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldFinishACommandWithMoreEventsThanTheOutboundRingHolds(final ThreadingMode mode) throws Exception
    {
        // 16 slots; the sweep below makes 1 + 2 x 100 events: in the shared modes the matcher's own thread must
        // drain the ring in the middle of the command, where a blocking claim would wait for itself forever
        final Recorder events = new Recorder();
        try (Pipeline pipeline = pipeline(mode, 16, events, null))
        {
            pipeline.start();
            define(pipeline.commandPublisher());
            for (int i = 1; i <= 100; i++)
            {
                publishOrder(pipeline, 5, i, Side.SELL.value(), 10_000, 1);
            }
            publishOrder(pipeline, 6, 1, Side.BUY.value(), TimeInForce.IOC, 10_000, 100);
            assertTrue(pipeline.awaitQuiet(10, TimeUnit.SECONDS));
            assertEquals(0, pipeline.matcher().engine().restingOrderCount());
            assertEquals(0, pipeline.handlerErrors());
        }
        final List<ExecutionReportDecoder> reports = events.reports();
        assertEquals(100 + 1 + 200, reports.size());
        final ExecutionReportDecoder last = lastReport(events);
        assertEquals(ExecType.TRADE, last.execType());
        assertEquals(0, last.leavesQuantity());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<byte[]> run(final ThreadingMode mode, final Random random, final int orders) throws Exception
    {
        final Recorder events = new Recorder();
        try (Pipeline pipeline = pipeline(mode, events, null))
        {
            pipeline.start();
            final CommandPublisher publisher = pipeline.commandPublisher();
            define(publisher);
            final long claimed = publisher.tryClaim();
            final CommandSlot slot = publisher.slot(claimed).header(3, 2, 5);
            final SessionOpenedEncoder opened = new SessionOpenedEncoder();
            opened.wrapAndApplyHeader(slot.buffer(), 0, header).sessionId(3).accountId(2).heartbeatIntervalMs(1000)
                .cancelOnDisconnect(BooleanType.FALSE);
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + opened.encodedLength());
            publisher.publish(claimed);
            for (int i = 1; i <= orders; i++)
            {
                publishOrder(pipeline, 1 + random.nextInt(3), i,
                    random.nextBoolean() ? Side.BUY.value() : Side.SELL.value(), 9_990 + random.nextInt(20),
                    1 + random.nextInt(9));
            }
            assertTrue(pipeline.awaitQuiet(10, TimeUnit.SECONDS));
            assertEquals(0, pipeline.handlerErrors());
        }
        return events.messages;
    }

    static Pipeline pipeline(
        final ThreadingMode mode, final EventHandler<EventSlot> sender, final EventHandler<CommandSlot> journal)
    {
        return pipeline(mode, 256, sender, journal);
    }

    static Pipeline pipeline(
        final ThreadingMode mode,
        final int outboundRingSize,
        final EventHandler<EventSlot> sender,
        final EventHandler<CommandSlot> journal)
    {
        return new Pipeline(new PipelineContext()
            .engineConfig(new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 10).maxAccounts(16))
            .inboundRingSize(256)
            .outboundRingSize(outboundRingSize)
            .threadingMode(mode)
            .sender(sender)
            .commandJournal(journal));
    }

    void define(final CommandPublisher publisher)
    {
        final long claimed = publisher.tryClaim();
        final CommandSlot slot = publisher.slot(claimed).header(0, 0, 1);
        final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
        define.wrapAndApplyHeader(slot.buffer(), 0, header).instrumentId(1).symbol("TEST").priceDecimals((short)2)
            .tickSize(1).lotSize(1).minQuantity(1).maxQuantity(1_000).lowPrice(9_000).highPrice(11_000);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + define.encodedLength());
        publisher.publish(claimed);
    }

    void openSession(
        final CommandPublisher publisher,
        final long sessionId,
        final long accountId,
        final BooleanType cancelOnDisconnect)
    {
        final long claimed = publisher.tryClaim();
        final CommandSlot slot = publisher.slot(claimed).header(sessionId, accountId, 1);
        new SessionOpenedEncoder().wrapAndApplyHeader(slot.buffer(), 0, header).sessionId(sessionId)
            .accountId(accountId).heartbeatIntervalMs(1000).cancelOnDisconnect(cancelOnDisconnect)
            .lastSeqNum(SessionOpenedEncoder.lastSeqNumNullValue());
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + SessionOpenedEncoder.BLOCK_LENGTH);
        publisher.publish(claimed);
    }

    void closeSession(final CommandPublisher publisher, final long sessionId, final long accountId)
    {
        final long claimed = publisher.tryClaim();
        final CommandSlot slot = publisher.slot(claimed).header(sessionId, accountId, 1);
        final SessionClosedEncoder closed = new SessionClosedEncoder();
        closed.wrapAndApplyHeader(slot.buffer(), 0, header).sessionId(sessionId).accountId(accountId)
            .cancelOnDisconnect(BooleanType.TRUE).reason(io.matchpoint.codec.sbe.LogoutReason.PEER_CLOSED);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + closed.encodedLength());
        publisher.publish(claimed);
    }

    /**
     * Publishes a limit order from the test's thread, waiting for room (an invoker's agents run here meanwhile). The
     * slot names the account's id as its session too, unless a session is given.
     */
    void publishOrder(
        final Pipeline pipeline,
        final long accountId,
        final long clOrdId,
        final short side,
        final long price,
        final long quantity)
    {
        publishOrder(pipeline, accountId, clOrdId, side, TimeInForce.GTC, price, quantity);
    }

    void publishOrder(
        final Pipeline pipeline,
        final long accountId,
        final long clOrdId,
        final short side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        publishOrder(pipeline, accountId, accountId, clOrdId, side, timeInForce, price, quantity);
    }

    void publishOrder(
        final Pipeline pipeline,
        final long sessionId,
        final long accountId,
        final long clOrdId,
        final short side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final CommandPublisher publisher = pipeline.commandPublisher();
        long claimed;
        while ((claimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
        {
            if (pipeline.host().isInvoker())
            {
                pipeline.invoke();
            }
            else
            {
                Thread.yield();
            }
        }
        final CommandSlot slot = publisher.slot(claimed).header(sessionId, accountId, clOrdId);
        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(clOrdId).clOrdId(clOrdId).instrumentId(1)
            .ordType(OrdType.LIMIT).timeInForce(timeInForce).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(price).quantity(quantity)
            .displayQuantity(0).stopPrice(0);
        slot.buffer().putByte(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.sideEncodingOffset(), (byte)side);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
        publisher.publish(claimed);
    }

    static ExecutionReportDecoder lastReport(final Recorder events)
    {
        final List<ExecutionReportDecoder> reports = events.reports();
        return reports.get(reports.size() - 1);
    }

    static final class Recorder implements EventHandler<EventSlot>
    {
        final List<byte[]> messages = new ArrayList<>();

        public void onEvent(final EventSlot slot, final long sequence, final boolean endOfBatch)
        {
            final byte[] bytes = new byte[slot.length() + 17];
            slot.buffer().getBytes(0, bytes, 17, slot.length());
            final UnsafeBuffer view = new UnsafeBuffer(bytes);
            view.putLong(0, slot.commandSequence());
            view.putLong(8, slot.targetId());
            view.putByte(16, slot.targetKind());
            synchronized (messages)
            {
                messages.add(bytes);
            }
        }

        List<ExecutionReportDecoder> reports()
        {
            final List<ExecutionReportDecoder> reports = new ArrayList<>();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            synchronized (messages)
            {
                for (final byte[] bytes : messages)
                {
                    final UnsafeBuffer view = new UnsafeBuffer(bytes, 17, bytes.length - 17);
                    if (header.wrap(view, 0).templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                    {
                        reports.add(new ExecutionReportDecoder().wrap(
                            view, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()));
                    }
                }
            }
            return reports;
        }
    }
}
