package io.matchpoint.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.MessageHeaderEncoder;
import io.matchpoint.codec.md.OrderDeleteEncoder;
import io.matchpoint.codec.md.PacketHeaderDecoder;
import io.matchpoint.codec.md.TradingStatus;
import io.matchpoint.codec.md.TradingStatusUpdateEncoder;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * How the publisher packs the ring's feed messages: consecutive messages of a channel share a packet up to the sink's
 * length, a batch's end or a break in the sequence starts a new one, events for sessions pass by, and a packet the
 * sink refuses is counted as dropped (back pressure) or unheard (nobody subscribed), never retried. Allocation-free
 * after warm-up. Snapshots come from the publisher's own copy of the books, an iceberg's refilled slice at the back
 * of its level.
 */
class MarketDataPublisherTest
{
    private static final int MESSAGE_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + TradingStatusUpdateEncoder.BLOCK_LENGTH;

    private final RecordingSink incremental = new RecordingSink(256);
    private final RecordingSink orders = new RecordingSink(1376);
    private final RecordingSink snapshots = new RecordingSink(1376);
    private final MarketDataPublisher publisher = new MarketDataPublisher(incremental, orders, snapshots, () -> 42,
        () -> 0, 1_000_000_000L, new io.matchpoint.engine.match.EngineConfig().maxOrders(1024).maxPriceLevels(256)
        .maxInstruments(4).ticksPerBook(1024).conclude());
    private final EventSlot slot = new EventSlot();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[128]);
    private final TradingStatusUpdateEncoder statusEncoder = new TradingStatusUpdateEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private long sequence;

    @Test
    void shouldPackConsecutiveMessagesUpToThePacketLengthAndSendAtTheEndOfEachBatch()
    {
        final int perPacket = (256 - ChannelPacker.PACKET_HEADER_LENGTH) / MESSAGE_LENGTH;
        for (int i = 1; i <= perPacket + 2; i++)
        {
            status(++sequence, i == perPacket + 2);
        }
        assertEquals(List.of("INCREMENTAL 1 x" + perPacket + " at 42", "INCREMENTAL " + (perPacket + 1) + " x2 at 42"),
            incremental.packets);
        assertEquals(perPacket + 2, publisher.messagesSent(MdChannel.INCREMENTAL));
        assertEquals(2, publisher.packetsSent(MdChannel.INCREMENTAL));
        assertEquals(List.of(), orders.packets);
    }

    @Test
    void shouldStartANewPacketWhereTheSequenceDoesNotFollowOnAndKeepTheChannelsApart()
    {
        status(5, false);
        status(6, false);
        delete(1, false);
        status(9, false);
        slot.load(7, 3, 0, EventSlot.TARGET_ACCOUNT, 77, message, 0, 20); // an execution report: not the feed's
        publisher.onEvent(slot, 0, false);
        delete(2, true);

        assertEquals(List.of("INCREMENTAL 5 x2 at 42", "INCREMENTAL 9 x1 at 42"), incremental.packets);
        assertEquals(List.of("ORDERS 1 x2 at 42"), orders.packets);
    }

    @Test
    void shouldCountAPacketTheSinkRefusesAndNeverOfferItAgain()
    {
        incremental.answer = PacketSink.BACK_PRESSURED;
        status(1, true);
        incremental.answer = PacketSink.NOT_CONNECTED;
        status(2, true);
        incremental.answer = PacketSink.SENT;
        status(3, true);

        assertEquals(3, incremental.packets.size());
        assertEquals(1, publisher.packetsDropped(MdChannel.INCREMENTAL));
        assertEquals(1, publisher.packetsUnheard(MdChannel.INCREMENTAL));
        assertEquals(1, publisher.packetsSent(MdChannel.INCREMENTAL));
    }

    @Test
    void shouldSnapshotEveryBookFromItsOwnCopyWhenTheIntervalIsDueAndNotBefore()
    {
        final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(5_000);
        final RecordingSink feed = new RecordingSink(1376);
        final RecordingSink snapshot = new RecordingSink(1376);
        final MarketDataPublisher timed = new MarketDataPublisher(feed, feed, snapshot, () -> 42, now::get, 1_000,
            new io.matchpoint.engine.match.EngineConfig().maxOrders(1024).maxPriceLevels(256).maxInstruments(4)
                .ticksPerBook(1024).conclude());
        final MessageHeaderEncoder header = headerEncoder;
        defineSeven(timed, false);
        final int addLength = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md.OrderAddEncoder()
            .wrapAndApplyHeader(message, 0, header).instrumentId(7).rptSeq(1).side(io.matchpoint.codec.md.Side.SELL)
            .orderId(3L << 11 | 3).price(1_500).quantity(9).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, 1, message, 0, addLength);
        timed.onEvent(slot, 0, false);
        final int levelLength = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md.LevelUpdateEncoder()
            .wrapAndApplyHeader(message, 0, header).instrumentId(7).rptSeq(2).side(io.matchpoint.codec.md.Side.SELL)
            .action(io.matchpoint.codec.md.UpdateAction.NEW).orderCount(1).price(1_500).quantity(9).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_INCREMENTAL, 2, message, 0, levelLength);
        timed.onEvent(slot, 0, true);
        assertEquals(List.of("SNAPSHOT 1 x4 at 42"), snapshot.packets,
            "the first at the first batch's end, for whoever joins early: definition, begin, one level, one order");

        now.addAndGet(999);
        assertEquals(0, timed.onIdleTurn(), "not before the interval");
        now.addAndGet(1);
        assertEquals(1, timed.onIdleTurn(), "one instrument written");
        assertEquals(List.of("SNAPSHOT 1 x4 at 42", "SNAPSHOT 5 x4 at 42"), snapshot.packets);

        final io.matchpoint.marketdata.MarketDataBooks books = new io.matchpoint.marketdata.MarketDataBooks();
        for (final byte[] packet : snapshot.bytes)
        {
            books.onPacket(new UnsafeBuffer(packet), 0, packet.length);
        }
        final io.matchpoint.marketdata.InstrumentBook book = books.book(7);
        assertEquals("SEVEN", book.symbol());
        assertEquals("9 @ 1500 (1 order)", book.bestLevel(io.matchpoint.codec.md.Side.SELL).toString());
        assertEquals("[#6147 SELL 9 @ 1500]", book.orders(io.matchpoint.codec.md.Side.SELL).toString());
        assertEquals(2, book.rptSeq(MdChannel.INCREMENTAL));
        assertEquals(1, book.rptSeq(MdChannel.ORDERS));
    }

    @Test
    void shouldSnapshotARefilledIcebergAtTheBackOfItsLevelWithItsNewSliceOnly()
    {
        final RecordingSink feed = new RecordingSink(1376);
        final RecordingSink snapshot = new RecordingSink(1376);
        final MarketDataPublisher timed = new MarketDataPublisher(feed, feed, snapshot, () -> 42, () -> 0, 1_000,
            new io.matchpoint.engine.match.EngineConfig().maxOrders(1024).maxPriceLevels(256).maxInstruments(4)
                .ticksPerBook(1024).conclude());
        defineSeven(timed, false);
        final long iceberg = 3L << 11 | 3;
        final long plain = 4L << 11 | 4;
        // what the matcher publishes for an iceberg of 100 showing 10, a plain order of 5 behind it, and a buy of 12
        ordersAdd(timed, 1, iceberg, 10);
        level(timed, 2, io.matchpoint.codec.md.UpdateAction.NEW, 10, 1);
        ordersAdd(timed, 2, plain, 5);
        level(timed, 3, io.matchpoint.codec.md.UpdateAction.CHANGE, 15, 2);
        ordersExecuted(timed, 3, iceberg, 10, 0);
        ordersAdd(timed, 4, iceberg, 10);
        level(timed, 4, io.matchpoint.codec.md.UpdateAction.CHANGE, 15, 2);
        ordersExecuted(timed, 5, plain, 2, 3);
        level(timed, 5, io.matchpoint.codec.md.UpdateAction.CHANGE, 13, 2);
        slot.load(0, 1, 7, EventSlot.TARGET_ACCOUNT, 77, message, 0, 20); // ends the batch: the first snapshot
        timed.onEvent(slot, 0, true);

        final io.matchpoint.marketdata.MarketDataBooks books = new io.matchpoint.marketdata.MarketDataBooks();
        for (final byte[] packet : snapshot.bytes)
        {
            books.onPacket(new UnsafeBuffer(packet), 0, packet.length);
        }
        final io.matchpoint.marketdata.InstrumentBook book = books.book(7);
        assertEquals("13 @ 1500 (2 orders)", book.bestLevel(io.matchpoint.codec.md.Side.SELL).toString());
        assertEquals("[#" + plain + " SELL 3 @ 1500, #" + iceberg + " SELL 10 @ 1500]",
            book.orders(io.matchpoint.codec.md.Side.SELL).toString());
        assertEquals(5, book.rptSeq(MdChannel.ORDERS));
    }

    @Test
    void shouldAllocateNothingAfterWarmUp()
    {
        incremental.record = false;
        orders.record = false;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int round = 0; round < 5; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++)
            {
                status(++sequence, i % 7 == 0);
                delete(sequence, i % 5 == 0);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated in the last round of 400,000 messages");
        assertTrue(publisher.packetsSent(MdChannel.INCREMENTAL) > 0);
    }

    @Test
    void shouldAllocateNothingWritingSnapshotsAfterWarmUp()
    {
        final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        final RecordingSink quiet = new RecordingSink(1376);
        quiet.record = false;
        final MarketDataPublisher timed = new MarketDataPublisher(quiet, quiet, quiet, () -> 42, now::get, 1_000,
            new io.matchpoint.engine.match.EngineConfig().maxOrders(1024).maxPriceLevels(256).maxInstruments(4)
                .ticksPerBook(1024).conclude());
        final MessageHeaderEncoder header = headerEncoder;
        defineSeven(timed, true);
        final io.matchpoint.codec.md.OrderAddEncoder add = new io.matchpoint.codec.md.OrderAddEncoder();
        final io.matchpoint.codec.md.OrderDeleteEncoder delete = new io.matchpoint.codec.md.OrderDeleteEncoder();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long quietest = Long.MAX_VALUE;
        long ordersSequence = 0;
        for (int round = 0; round < 6; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                final long orderId = (long)(i + 1) << 11 | (i % 1000);
                add.wrapAndApplyHeader(message, 0, header).instrumentId(7).rptSeq(++ordersSequence)
                    .side(io.matchpoint.codec.md.Side.BUY).orderId(orderId).price(1_000 + 5 * (i % 50)).quantity(3);
                slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, ordersSequence, message, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + add.encodedLength());
                timed.onEvent(slot, 0, false);
                if (i % 3 == 0)
                {
                    delete.wrapAndApplyHeader(message, 0, header).instrumentId(7).rptSeq(++ordersSequence)
                        .orderId(orderId);
                    slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, ordersSequence, message, 0,
                        MessageHeaderEncoder.ENCODED_LENGTH + delete.encodedLength());
                    timed.onEvent(slot, 0, false);
                }
                else
                {
                    delete.wrapAndApplyHeader(message, 0, header).instrumentId(7).rptSeq(++ordersSequence)
                        .orderId(orderId);
                    slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, ordersSequence, message, 0,
                        MessageHeaderEncoder.ENCODED_LENGTH + delete.encodedLength());
                    timed.onEvent(slot, 0, true);
                }
                now.addAndGet(100); // a snapshot every tenth batch
            }
            if (round >= 2)
            {
                quietest = Math.min(quietest, threads.getCurrentThreadAllocatedBytes() - before);
            }
        }
        // the quietest round after warm-up: a late JIT deoptimisation may materialise an object once in a round
        assertEquals(0, quietest, "bytes allocated in the quietest round of 20,000 orders, snapshots included");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Hands the publisher the INCREMENTAL definition of instrument 7 ("SEVEN", tick 5, band 1000..2000), rptSeq 1.
     */
    private void defineSeven(final MarketDataPublisher target, final boolean endOfBatch)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md
            .InstrumentDefinitionEncoder().wrapAndApplyHeader(message, 0, headerEncoder).instrumentId(7).rptSeq(1)
            .symbol("SEVEN").priceDecimals((short)2).status(TradingStatus.TRADING).tickSize(5).lotSize(1)
            .minQuantity(1).maxQuantity(100).lowPrice(1_000).highPrice(2_000).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_INCREMENTAL, 1, message, 0, length);
        target.onEvent(slot, 0, endOfBatch);
    }

    private void ordersAdd(
        final MarketDataPublisher target, final long rptSeq, final long orderId, final long quantity)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md.OrderAddEncoder()
            .wrapAndApplyHeader(message, 0, headerEncoder).instrumentId(7).rptSeq(rptSeq)
            .side(io.matchpoint.codec.md.Side.SELL).orderId(orderId).price(1_500).quantity(quantity).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, rptSeq, message, 0, length);
        target.onEvent(slot, 0, false);
    }

    private void ordersExecuted(
        final MarketDataPublisher target, final long rptSeq, final long orderId, final long quantity,
        final long leaves)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md.OrderExecutedEncoder()
            .wrapAndApplyHeader(message, 0, headerEncoder).instrumentId(7).rptSeq(rptSeq).orderId(orderId)
            .tradeId(rptSeq).price(1_500).quantity(quantity).leavesQuantity(leaves).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, rptSeq, message, 0, length);
        target.onEvent(slot, 0, false);
    }

    /**
     * An INCREMENTAL sell LevelUpdate at 1500 of instrument 7, whose channel sequence is its rptSeq (only instrument
     * 7 is on the channel).
     */
    private void level(
        final MarketDataPublisher target, final long rptSeq, final io.matchpoint.codec.md.UpdateAction action,
        final long quantity, final int orderCount)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new io.matchpoint.codec.md.LevelUpdateEncoder()
            .wrapAndApplyHeader(message, 0, headerEncoder).instrumentId(7).rptSeq(rptSeq)
            .side(io.matchpoint.codec.md.Side.SELL).action(action).orderCount(orderCount).price(1_500)
            .quantity(quantity).encodedLength();
        slot.load(0, 1, 7, EventSlot.TARGET_MD_INCREMENTAL, rptSeq, message, 0, length);
        target.onEvent(slot, 0, false);
    }

    private void status(final long channelSequence, final boolean endOfBatch)
    {
        statusEncoder.wrapAndApplyHeader(message, 0, headerEncoder)
            .instrumentId(1).rptSeq(channelSequence).transactTime(7).status(TradingStatus.HALTED);
        slot.load(0, 1, 7, EventSlot.TARGET_MD_INCREMENTAL, channelSequence, message, 0, MESSAGE_LENGTH);
        publisher.onEvent(slot, 0, endOfBatch);
    }

    private void delete(final long channelSequence, final boolean endOfBatch)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + OrderDeleteEncoder.BLOCK_LENGTH;
        slot.load(0, 1, 7, EventSlot.TARGET_MD_ORDERS, channelSequence, message, 0, length);
        publisher.onEvent(slot, 0, endOfBatch);
    }

    private static CountersManager counters()
    {
        return new CountersManager(new UnsafeBuffer(new byte[64 * 1024]), new UnsafeBuffer(new byte[8 * 1024]));
    }

    /** Describes each packet offered, and answers as told. */
    private static final class RecordingSink implements PacketSink
    {
        final List<String> packets = new ArrayList<>();
        final List<byte[]> bytes = new ArrayList<>();
        private final int maxLength;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final PacketHeaderDecoder packetHeader = new PacketHeaderDecoder();
        int answer = SENT;
        boolean record = true;

        RecordingSink(final int maxLength)
        {
            this.maxLength = maxLength;
        }

        public int offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (record)
            {
                header.wrap(buffer, offset);
                packetHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                    header.version());
                packets.add(packetHeader.channel() + " " + packetHeader.sequence() + " x" +
                    packetHeader.messageCount() + " at " + packetHeader.sendingTime());
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                bytes.add(copy);
            }
            return answer;
        }

        public int maxPacketLength()
        {
            return maxLength;
        }
    }
}
