package io.matchpoint.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.md.LevelUpdateEncoder;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderEncoder;
import io.matchpoint.codec.md.OrderAddEncoder;
import io.matchpoint.codec.md.OrderExecutedEncoder;
import io.matchpoint.codec.md.Side;
import io.matchpoint.codec.md.SnapshotBeginEncoder;
import io.matchpoint.codec.md.SnapshotLevelEncoder;
import io.matchpoint.codec.md.TradingStatus;
import io.matchpoint.codec.md.UpdateAction;

/**
 * The books' sequence rules, message by message: a message already seen on INCREMENTAL is skipped, a jump makes the
 * depth stale, and a snapshot recovers it; the SNAPSHOT stream, numbered by the publisher alone, starts again at 1
 * when the server restarts, and a snapshot that arrives numbered from 1 still recovers a stale book. An iceberg's
 * refill (its slice executed to 0, then an OrderAdd under the same id) puts the new slice at the back of its level.
 */
class MarketDataBooksTest
{
    private static final int INSTRUMENT = 7;

    private final List<String> gaps = new ArrayList<>();
    private final MarketDataBooks books = new MarketDataBooks(new MarketDataListener()
    {
        public void onChannelGap(final MdChannel channel, final long expected, final long received)
        {
            gaps.add(channel + " " + expected + "->" + received);
        }
    });
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void shouldSkipAnIncrementalMessageSeenAlreadyAndGoStaleAtAJump()
    {
        level(1, 1, UpdateAction.NEW, 100, 5);
        level(1, 1, UpdateAction.NEW, 100, 5);       // seen already: skipped, not applied twice
        assertEquals(5, books.book(INSTRUMENT).bestLevel(Side.BUY).quantity());
        assertFalse(books.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL));

        level(3, 3, UpdateAction.CHANGE, 100, 9);    // 2 lost
        assertTrue(books.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL));
        assertEquals(List.of("INCREMENTAL 2->1", "INCREMENTAL 2->3"), gaps);
    }

    @Test
    void shouldRecoverFromASnapshotNumberedFromOneAgainAfterThePublisherRestarted()
    {
        snapshot(40, 1, 100, 5);                     // the first server's snapshot stream, well along
        level(2, 2, UpdateAction.CHANGE, 100, 6);
        level(5, 5, UpdateAction.CHANGE, 100, 8);    // the crash lost 3 and 4: stale
        assertTrue(books.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL));

        snapshot(1, 5, 100, 8);                      // the restarted server's first snapshot, numbered 1 again

        assertFalse(books.book(INSTRUMENT).isStale(MdChannel.INCREMENTAL), "recovered: " + gaps);
        assertEquals(8, books.book(INSTRUMENT).bestLevel(Side.BUY).quantity());
        assertEquals(1, books.recoveries());
        assertTrue(gaps.contains("SNAPSHOT 42->1"), gaps.toString());
    }

    @Test
    void shouldPutARefilledIcebergsNewSliceAtTheBackOfItsLevel()
    {
        final long iceberg = 11;
        final long plain = 12;
        add(1, iceberg, 100, 10);                    // an iceberg's slice of 10: all the feed ever says of it
        add(2, plain, 100, 5);
        executed(3, iceberg, 10, 0);                 // the slice all traded
        add(4, iceberg, 100, 10);                    // the refill: a new slice, under the same id

        final InstrumentBook book = books.book(INSTRUMENT);
        assertFalse(book.isStale(MdChannel.ORDERS));
        assertEquals("[#12 SELL 5 @ 100, #11 SELL 10 @ 100]", book.orders(Side.SELL).toString());

        executed(5, plain, 5, 0);
        executed(6, iceberg, 4, 6);
        assertEquals("[#11 SELL 6 @ 100]", book.orders(Side.SELL).toString());
        assertEquals(List.of(), gaps);
    }

    /**
     * An ORDERS OrderAdd on the ask side, as message {@code rptSeq} of its stream.
     */
    private void add(final long rptSeq, final long orderId, final long price, final long quantity)
    {
        final OrderAddEncoder add = new OrderAddEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(INSTRUMENT).rptSeq(rptSeq).transactTime(1).side(Side.SELL).orderId(orderId).price(price)
            .quantity(quantity);
        books.onMessage(MdChannel.ORDERS, rptSeq, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + add.encodedLength());
    }

    /**
     * An ORDERS OrderExecuted at 100, as message {@code rptSeq} of its stream.
     */
    private void executed(final long rptSeq, final long orderId, final long quantity, final long leaves)
    {
        final OrderExecutedEncoder executed = new OrderExecutedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(INSTRUMENT).rptSeq(rptSeq).transactTime(1).orderId(orderId).tradeId(rptSeq).price(100)
            .quantity(quantity).leavesQuantity(leaves);
        books.onMessage(MdChannel.ORDERS, rptSeq, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + executed.encodedLength());
    }

    /**
     * An INCREMENTAL LevelUpdate on the bid side, as message {@code sequence} of its stream.
     */
    private void level(
        final long sequence, final long rptSeq, final UpdateAction action, final long price, final long quantity)
    {
        final LevelUpdateEncoder update = new LevelUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(INSTRUMENT).rptSeq(rptSeq).transactTime(1).side(Side.BUY).action(action).orderCount(1)
            .price(price).quantity(quantity);
        books.onMessage(MdChannel.INCREMENTAL, sequence, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
    }

    /**
     * A snapshot of one bid level, as messages {@code sequence} and {@code sequence + 1} of the SNAPSHOT stream.
     */
    private void snapshot(final long sequence, final long rptSeq, final long price, final long quantity)
    {
        final SnapshotBeginEncoder begin = new SnapshotBeginEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(INSTRUMENT).incrementalRptSeq(rptSeq).ordersRptSeq(0).incrementalSequence(rptSeq)
            .ordersSequence(0).status(TradingStatus.TRADING).bidLevels(1).askLevels(0).orders(0);
        books.onMessage(MdChannel.SNAPSHOT, sequence, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + begin.encodedLength());
        final SnapshotLevelEncoder level = new SnapshotLevelEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(INSTRUMENT).side(Side.BUY).price(price).quantity(quantity).orderCount(1);
        books.onMessage(MdChannel.SNAPSHOT, sequence + 1, buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + level.encodedLength());
    }
}
