package io.matchpoint.feed;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.md.MessageHeaderEncoder;
import io.matchpoint.codec.md.Side;
import io.matchpoint.codec.md.SnapshotBeginEncoder;
import io.matchpoint.codec.md.SnapshotLevelEncoder;
import io.matchpoint.codec.md.SnapshotOrderEncoder;
import io.matchpoint.codec.md.TradingStatus;
import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLadder;
import io.matchpoint.engine.book.PriceLevelPool;

/**
 * Writes each instrument's snapshot onto the SNAPSHOT channel from the agent's copy of the books: its definition,
 * a SnapshotBegin naming the rptSeq of each channel and the channel sequences it includes, its levels (bids best to
 * worst, then asks), then its resting orders (bids then asks, levels best first, each in time priority). The channel
 * numbers its own messages. The market data agent's thread only; allocates nothing.
 */
final class SnapshotWriter
{
    private static final int BIDS = 0;
    private static final int ASKS = 1;

    private final ShadowBooks books;
    private final ChannelPacker packer;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotBeginEncoder begin = new SnapshotBeginEncoder();
    private final SnapshotLevelEncoder level = new SnapshotLevelEncoder();
    private final SnapshotOrderEncoder order = new SnapshotOrderEncoder();
    private long sequence;

    SnapshotWriter(final ShadowBooks books, final ChannelPacker packer)
    {
        this.books = books;
        this.packer = packer;
    }

    /**
     * Writes every instrument's snapshot and offers the last packet.
     *
     * @return the instruments written.
     */
    int writeAll()
    {
        final int count = books.instrumentCount();
        for (int index = 0; index < count; index++)
        {
            write(index);
        }
        packer.flush();
        return count;
    }

    private void write(final int index)
    {
        final int definitionLength = books.definition(index, message);
        if (definitionLength > 0)
        {
            packer.add(++sequence, message, definitionLength);
        }
        final int instrumentId = books.instrumentId(index);
        int orderCount = 0;
        for (int side = BIDS; side <= ASKS; side++)
        {
            final PriceLadder ladder = books.ladder(index, side);
            for (int at = ladder.bestLevel(); at != ShadowBooks.NONE; at = ladder.nextLevel(at))
            {
                orderCount += books.levels().orderCount(at);
            }
        }
        begin.wrapAndApplyHeader(message, 0, header)
            .instrumentId(instrumentId)
            .incrementalRptSeq(books.incrementalRptSeq(index))
            .ordersRptSeq(books.ordersRptSeq(index))
            .incrementalSequence(books.lastIncrementalSequence())
            .ordersSequence(books.lastOrdersSequence())
            .status(books.halted(index) ? TradingStatus.HALTED : TradingStatus.TRADING)
            .bidLevels(books.totalLadder(index, BIDS).levelCount())
            .askLevels(books.totalLadder(index, ASKS).levelCount())
            .orders(orderCount);
        packer.add(++sequence, message, MessageHeaderEncoder.ENCODED_LENGTH + begin.encodedLength());

        final PriceLevelPool totals = books.totals();
        for (int side = BIDS; side <= ASKS; side++)
        {
            final PriceLadder ladder = books.totalLadder(index, side);
            for (int at = ladder.bestLevel(); at != ShadowBooks.NONE; at = ladder.nextLevel(at))
            {
                level.wrapAndApplyHeader(message, 0, header)
                    .instrumentId(instrumentId)
                    .side(side == BIDS ? Side.BUY : Side.SELL)
                    .orderCount(totals.orderCount(at))
                    .price(totals.price(at))
                    .quantity(totals.totalQuantity(at));
                packer.add(++sequence, message, MessageHeaderEncoder.ENCODED_LENGTH + level.encodedLength());
            }
        }
        final PriceLevelPool levels = books.levels();
        final OrderPool orders = books.orders();
        for (int side = BIDS; side <= ASKS; side++)
        {
            final PriceLadder ladder = books.ladder(index, side);
            for (int at = ladder.bestLevel(); at != ShadowBooks.NONE; at = ladder.nextLevel(at))
            {
                for (int resting = levels.head(at); resting != ShadowBooks.NONE; resting = orders.next(resting))
                {
                    order.wrapAndApplyHeader(message, 0, header)
                        .instrumentId(instrumentId)
                        .side(side == BIDS ? Side.BUY : Side.SELL)
                        .orderId(orders.orderId(resting))
                        .price(orders.price(resting))
                        .quantity(orders.leaves(resting));
                    packer.add(++sequence, message, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
                }
            }
        }
    }
}
