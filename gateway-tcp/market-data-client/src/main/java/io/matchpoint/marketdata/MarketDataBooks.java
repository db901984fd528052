package io.matchpoint.marketdata;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.matchpoint.codec.md.InstrumentDefinitionDecoder;
import io.matchpoint.codec.md.LevelUpdateDecoder;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.OrderAddDecoder;
import io.matchpoint.codec.md.OrderDeleteDecoder;
import io.matchpoint.codec.md.OrderExecutedDecoder;
import io.matchpoint.codec.md.OrderReducedDecoder;
import io.matchpoint.codec.md.PacketHeaderDecoder;
import io.matchpoint.codec.md.SnapshotBeginDecoder;
import io.matchpoint.codec.md.SnapshotLevelDecoder;
import io.matchpoint.codec.md.SnapshotOrderDecoder;
import io.matchpoint.codec.md.TradeDecoder;
import io.matchpoint.codec.md.TradingStatusUpdateDecoder;
import io.matchpoint.codec.md.UpdateAction;

import org.agrona.DirectBuffer;

/**
 * Every instrument's book rebuilt from the market data feed alone: hand it each packet (or each message with its
 * channel sequence) in the order received, on one thread.
 * <p>
 * Sequence numbers decide what is applied. A channel's sequence that jumps is reported ({@link
 * MarketDataListener#onChannelGap}), and messages it has already seen are skipped; except on the SNAPSHOT stream,
 * whose numbers only the publisher decides and start again at 1 when the server restarts, where a step back starts
 * the stream anew. An instrument message is applied
 * only if its rptSeq is the one after the last applied on its channel; an older one is skipped (a snapshot already
 * included it), a later one makes that depth of the instrument stale, as does a message that does not fit the book
 * (an update to a level or order it does not have). A stale depth ignores its channel until a snapshot that includes
 * at least as much replaces it; a late joiner starts stale for every instrument whose first message is not rptSeq 1.
 */
public final class MarketDataBooks
{
    private final MarketDataListener listener;
    private final Map<Integer, InstrumentBook> books = new TreeMap<>();
    private final Collection<InstrumentBook> booksView = Collections.unmodifiableCollection(books.values());
    /** By channel value: the sequence expected next; 0 until the channel's first message. */
    private final long[] nextSequence = new long[4];
    private long channelGaps;
    private long staleEvents;
    private long recoveries;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PacketHeaderDecoder packetHeader = new PacketHeaderDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final TradingStatusUpdateDecoder tradingStatus = new TradingStatusUpdateDecoder();
    private final LevelUpdateDecoder levelUpdate = new LevelUpdateDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderAddDecoder orderAdd = new OrderAddDecoder();
    private final OrderExecutedDecoder orderExecuted = new OrderExecutedDecoder();
    private final OrderReducedDecoder orderReduced = new OrderReducedDecoder();
    private final OrderDeleteDecoder orderDelete = new OrderDeleteDecoder();
    private final SnapshotBeginDecoder snapshotBegin = new SnapshotBeginDecoder();
    private final SnapshotLevelDecoder snapshotLevel = new SnapshotLevelDecoder();
    private final SnapshotOrderDecoder snapshotOrder = new SnapshotOrderDecoder();
    private final byte[] symbolBytes = new byte[InstrumentDefinitionDecoder.symbolLength()];

    /**
     * The most messages held for one stale depth: beyond, the oldest are let go (the next snapshot after them
     * recovers the depth).
     */
    static final int MAX_PENDING = 1 << 16;

    /** The message being applied, which a stale depth holds on to. */
    private DirectBuffer messageBuffer;
    private int messageOffset;
    private int messageLength;

    /** The instrument whose snapshot is being received, or null. */
    private InstrumentBook snapshotBook;
    private boolean snapshotLevels;
    private boolean snapshotOrders;
    private int snapshotLevelsLeft;
    private int snapshotOrdersLeft;
    private long snapshotIncrementalRptSeq;
    private long snapshotOrdersRptSeq;
    private boolean checking;
    private boolean checkLevels;
    private boolean checkOrders;
    private final java.util.List<String> snapshotLevelLines = new java.util.ArrayList<>();
    private final java.util.List<String> snapshotOrderLines = new java.util.ArrayList<>();
    private long snapshotsCompleted;
    private long snapshotsChecked;

    public MarketDataBooks()
    {
        this(new MarketDataListener()
        {
        });
    }

    public MarketDataBooks(final MarketDataListener listener)
    {
        this.listener = listener;
    }

    /**
     * @return the instrument's book, or null if the feed has said nothing of it.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * @return every book, by instrument id.
     */
    public Collection<InstrumentBook> books()
    {
        return booksView;
    }

    public long channelGaps()
    {
        return channelGaps;
    }

    /**
     * @param checking whether a snapshot of a depth in step at exactly its rptSeq is compared with the book built so
     *                 far (differences go to {@link MarketDataListener#onSnapshotMismatch}) rather than ignored.
     * @return this.
     */
    public MarketDataBooks checking(final boolean checking)
    {
        this.checking = checking;
        return this;
    }

    /**
     * @return snapshots of an instrument received whole.
     */
    public long snapshotsCompleted()
    {
        return snapshotsCompleted;
    }

    /**
     * @return depths compared with a snapshot in checking mode.
     */
    public long snapshotsChecked()
    {
        return snapshotsChecked;
    }

    /**
     * @return how many times a depth of an instrument went stale.
     */
    public long staleEvents()
    {
        return staleEvents;
    }

    /**
     * @return how many times a snapshot brought a depth of an instrument back in step.
     */
    public long recoveries()
    {
        return recoveries;
    }

    /**
     * @return the sequence the channel is expected to carry next; 0 before its first message.
     */
    public long nextSequence(final MdChannel channel)
    {
        return nextSequence[channel.value()];
    }

    /**
     * Applies one packet: a PacketHeader message, then its messages.
     *
     * @throws IllegalArgumentException if it is not a packet of this feed's schema, or its messages overrun it.
     */
    public void onPacket(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            header.templateId() != PacketHeaderDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not a market data packet (schema " + header.schemaId() +
                ", template " + header.templateId() + ")");
        }
        packetHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
        final MdChannel channel = packetHeader.channel();
        if (channel == MdChannel.NULL_VAL)
        {
            throw new IllegalArgumentException("packet of unknown channel " + packetHeader.channelRaw());
        }
        final long first = packetHeader.sequence();
        final int count = packetHeader.messageCount();
        final int end = offset + length;
        int at = offset + MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
        for (int i = 0; i < count; i++)
        {
            if (at + MessageHeaderDecoder.ENCODED_LENGTH > end)
            {
                throw new IllegalArgumentException("packet of " + count + " messages ends after " + i);
            }
            header.wrap(buffer, at);
            final int messageLength = MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
            if (at + messageLength > end)
            {
                throw new IllegalArgumentException("message " + i + " of the packet overruns it");
            }
            onMessage(channel, first + i, buffer, at, messageLength);
            at += messageLength;
        }
    }

    /**
     * Applies one message of a channel, with its channel sequence.
     */
    public void onMessage(
        final MdChannel channel, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = channel.value();
        final long expected = nextSequence[slot];
        if (expected != 0 && sequence != expected)
        {
            channelGaps++;
            listener.onChannelGap(channel, expected, sequence);
            if (sequence < expected && channel != MdChannel.SNAPSHOT)
            {
                return; // seen already
            }
            if (channel == MdChannel.SNAPSHOT)
            {
                // a gap, or a step back: the snapshot stream is numbered by the publisher alone (snapshots are not
                // journaled), from 1 again when the server restarts; a snapshot is safe to take twice
                abandonSnapshot(sequence < expected ? "snapshot stream restarted" : "snapshot channel gap");
            }
        }
        nextSequence[slot] = sequence + 1;
        apply(channel, buffer, offset, length);
    }

    /**
     * Applies a message whose channel sequence has been checked (or one held while its depth was stale).
     */
    private void apply(final MdChannel channel, final DirectBuffer buffer, final int offset, final int length)
    {
        messageBuffer = buffer;
        messageOffset = offset;
        messageLength = length;
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID -> onDefinition(channel, body, blockLength, version, buffer);
            case TradingStatusUpdateDecoder.TEMPLATE_ID ->
            {
                tradingStatus.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(tradingStatus.instrumentId(), true);
                if (inStep(book, MdChannel.INCREMENTAL, tradingStatus.rptSeq()))
                {
                    book.status(tradingStatus.status());
                }
            }
            case LevelUpdateDecoder.TEMPLATE_ID ->
            {
                levelUpdate.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(levelUpdate.instrumentId(), true);
                if (inStep(book, MdChannel.INCREMENTAL, levelUpdate.rptSeq()))
                {
                    final UpdateAction action = levelUpdate.action();
                    check(book, MdChannel.INCREMENTAL, book.applyLevel(levelUpdate.side(),
                        action == UpdateAction.NEW, action == UpdateAction.DELETE, levelUpdate.price(),
                        levelUpdate.quantity(), levelUpdate.orderCount()));
                }
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(trade.instrumentId(), true);
                if (inStep(book, MdChannel.INCREMENTAL, trade.rptSeq()))
                {
                    book.trade(trade.tradeId(), trade.price(), trade.quantity());
                    listener.onTrade(book, trade.tradeId(), trade.aggressorSide(), trade.price(), trade.quantity());
                }
            }
            case OrderAddDecoder.TEMPLATE_ID ->
            {
                orderAdd.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(orderAdd.instrumentId(), true);
                if (inStep(book, MdChannel.ORDERS, orderAdd.rptSeq()))
                {
                    check(book, MdChannel.ORDERS, book.addOrder(
                        orderAdd.orderId(), orderAdd.side(), orderAdd.price(), orderAdd.quantity()));
                }
            }
            case OrderExecutedDecoder.TEMPLATE_ID ->
            {
                orderExecuted.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(orderExecuted.instrumentId(), true);
                if (inStep(book, MdChannel.ORDERS, orderExecuted.rptSeq()))
                {
                    check(book, MdChannel.ORDERS, book.reduceOrder(
                        orderExecuted.orderId(), orderExecuted.leavesQuantity(), orderExecuted.price()));
                }
            }
            case OrderReducedDecoder.TEMPLATE_ID ->
            {
                orderReduced.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(orderReduced.instrumentId(), true);
                if (inStep(book, MdChannel.ORDERS, orderReduced.rptSeq()))
                {
                    check(book, MdChannel.ORDERS, book.reduceOrder(
                        orderReduced.orderId(), orderReduced.leavesQuantity(), Long.MIN_VALUE));
                }
            }
            case OrderDeleteDecoder.TEMPLATE_ID ->
            {
                orderDelete.wrap(buffer, body, blockLength, version);
                final InstrumentBook book = book(orderDelete.instrumentId(), true);
                if (inStep(book, MdChannel.ORDERS, orderDelete.rptSeq()))
                {
                    check(book, MdChannel.ORDERS, book.deleteOrder(orderDelete.orderId()));
                }
            }
            case SnapshotBeginDecoder.TEMPLATE_ID -> onSnapshotBegin(buffer, body, blockLength, version);
            case SnapshotLevelDecoder.TEMPLATE_ID -> onSnapshotLevel(buffer, body, blockLength, version);
            case SnapshotOrderDecoder.TEMPLATE_ID -> onSnapshotOrder(buffer, body, blockLength, version);
            default ->
            {
                // a template of a later version of the feed: skipped, as its blockLength allows
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void onDefinition(
        final MdChannel channel, final int body, final int blockLength, final int version, final DirectBuffer buffer)
    {
        definition.wrap(buffer, body, blockLength, version);
        final InstrumentBook book = book(definition.instrumentId(), true);
        if (channel == MdChannel.SNAPSHOT || inStep(book, MdChannel.INCREMENTAL, definition.rptSeq()))
        {
            final int length = definition.getSymbol(symbolBytes, 0);
            int end = 0;
            while (end < length && symbolBytes[end] != 0)
            {
                end++;
            }
            book.define(new String(symbolBytes, 0, end, java.nio.charset.StandardCharsets.US_ASCII),
                definition.priceDecimals(), definition.status(), definition.tickSize(), definition.lotSize(),
                definition.lowPrice(), definition.highPrice());
        }
    }

    private void onSnapshotBegin(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        abandonSnapshot("a snapshot began before the last one ended");
        snapshotBegin.wrap(buffer, body, blockLength, version);
        final InstrumentBook book = book(snapshotBegin.instrumentId(), true);
        snapshotIncrementalRptSeq = snapshotBegin.incrementalRptSeq();
        snapshotOrdersRptSeq = snapshotBegin.ordersRptSeq();
        snapshotLevels = book.isStale(MdChannel.INCREMENTAL) ||
            book.rptSeq(MdChannel.INCREMENTAL) < snapshotIncrementalRptSeq;
        snapshotOrders = book.isStale(MdChannel.ORDERS) || book.rptSeq(MdChannel.ORDERS) < snapshotOrdersRptSeq;
        checkLevels = checking && !snapshotLevels && book.rptSeq(MdChannel.INCREMENTAL) == snapshotIncrementalRptSeq;
        checkOrders = checking && !snapshotOrders && book.rptSeq(MdChannel.ORDERS) == snapshotOrdersRptSeq;
        snapshotLevelLines.clear();
        snapshotOrderLines.clear();
        snapshotLevelsLeft = snapshotBegin.bidLevels() + snapshotBegin.askLevels();
        snapshotOrdersLeft = snapshotBegin.orders();
        snapshotBook = book;
        if (snapshotLevels)
        {
            book.clearLevels();
            book.status(snapshotBegin.status());
        }
        if (snapshotOrders)
        {
            book.clearOrders();
        }
        completeSnapshotIfDone();
    }

    private void onSnapshotLevel(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        snapshotLevel.wrap(buffer, body, blockLength, version);
        if (snapshotBook == null || snapshotLevelsLeft == 0 ||
            snapshotLevel.instrumentId() != snapshotBook.instrumentId())
        {
            abandonSnapshot("a snapshot level out of place");
            return;
        }
        snapshotLevelsLeft--;
        if (checkLevels)
        {
            snapshotLevelLines.add(levelLine(snapshotLevel.side(), snapshotLevel.price(), snapshotLevel.quantity(),
                snapshotLevel.orderCount()));
        }
        if (snapshotLevels)
        {
            final String problem = snapshotBook.applyLevel(snapshotLevel.side(), true, false, snapshotLevel.price(),
                snapshotLevel.quantity(), snapshotLevel.orderCount());
            if (problem != null)
            {
                abandonSnapshot(problem);
                return;
            }
        }
        completeSnapshotIfDone();
    }

    private void onSnapshotOrder(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        snapshotOrder.wrap(buffer, body, blockLength, version);
        if (snapshotBook == null || snapshotLevelsLeft != 0 || snapshotOrdersLeft == 0 ||
            snapshotOrder.instrumentId() != snapshotBook.instrumentId())
        {
            abandonSnapshot("a snapshot order out of place");
            return;
        }
        snapshotOrdersLeft--;
        if (checkOrders)
        {
            snapshotOrderLines.add(orderLine(snapshotOrder.side(), snapshotOrder.orderId(), snapshotOrder.price(),
                snapshotOrder.quantity()));
        }
        if (snapshotOrders)
        {
            final String problem = snapshotBook.addOrder(
                snapshotOrder.orderId(), snapshotOrder.side(), snapshotOrder.price(), snapshotOrder.quantity());
            if (problem != null)
            {
                abandonSnapshot(problem);
                return;
            }
        }
        completeSnapshotIfDone();
    }

    private void completeSnapshotIfDone()
    {
        if (snapshotBook == null || snapshotLevelsLeft != 0 || snapshotOrdersLeft != 0)
        {
            return;
        }
        final InstrumentBook book = snapshotBook;
        snapshotBook = null;
        snapshotsCompleted++;
        if (checkLevels)
        {
            compare(book, MdChannel.INCREMENTAL, snapshotLevelLines, levelLines(book));
        }
        if (checkOrders)
        {
            compare(book, MdChannel.ORDERS, snapshotOrderLines, orderLines(book));
        }
        if (snapshotLevels)
        {
            recovered(book, MdChannel.INCREMENTAL, snapshotIncrementalRptSeq);
        }
        if (snapshotOrders)
        {
            recovered(book, MdChannel.ORDERS, snapshotOrdersRptSeq);
        }
    }

    private void compare(
        final InstrumentBook book, final MdChannel channel, final java.util.List<String> snapshot,
        final java.util.List<String> built)
    {
        snapshotsChecked++;
        if (!snapshot.equals(built))
        {
            int at = 0;
            while (at < snapshot.size() && at < built.size() && snapshot.get(at).equals(built.get(at)))
            {
                at++;
            }
            listener.onSnapshotMismatch(book, channel, "at rptSeq " + book.rptSeq(channel) + ", entry " + at +
                ": the snapshot has " + (at < snapshot.size() ? snapshot.get(at) : "nothing") + ", the book " +
                (at < built.size() ? built.get(at) : "nothing"));
        }
    }

    private static java.util.List<String> levelLines(final InstrumentBook book)
    {
        final java.util.List<String> lines = new java.util.ArrayList<>();
        for (final io.matchpoint.codec.md.Side side :
            new io.matchpoint.codec.md.Side[]{ io.matchpoint.codec.md.Side.BUY, io.matchpoint.codec.md.Side.SELL })
        {
            for (final PriceLevel level : book.levels(side))
            {
                lines.add(levelLine(side, level.price(), level.quantity(), level.orderCount()));
            }
        }
        return lines;
    }

    private static java.util.List<String> orderLines(final InstrumentBook book)
    {
        final java.util.List<String> lines = new java.util.ArrayList<>();
        for (final io.matchpoint.codec.md.Side side :
            new io.matchpoint.codec.md.Side[]{ io.matchpoint.codec.md.Side.BUY, io.matchpoint.codec.md.Side.SELL })
        {
            for (final BookOrder order : book.orders(side))
            {
                lines.add(orderLine(side, order.orderId(), order.price(), order.quantity()));
            }
        }
        return lines;
    }

    private static String levelLine(
        final io.matchpoint.codec.md.Side side, final long price, final long quantity, final int orderCount)
    {
        return side + " level " + price + ": " + quantity + " in " + orderCount;
    }

    private static String orderLine(
        final io.matchpoint.codec.md.Side side, final long orderId, final long price, final long quantity)
    {
        return side + " order #" + orderId + " " + quantity + " @ " + price;
    }

    private void recovered(final InstrumentBook book, final MdChannel channel, final long rptSeq)
    {
        final boolean wasStale = book.isStale(channel);
        book.rptSeq(channel, rptSeq);
        book.stale(channel, false);
        if (wasStale)
        {
            recoveries++;
            listener.onRecovered(book, channel);
        }
        // what arrived while it was stale and the snapshot does not include: applied now, in order (what the
        // snapshot includes is skipped by its rptSeq; a gap among them makes the depth stale again)
        final java.util.ArrayDeque<byte[]> pending = book.pending(channel);
        final int count = pending.size();
        for (int i = 0; i < count; i++)
        {
            final byte[] held = pending.removeFirst();
            apply(channel, new org.agrona.concurrent.UnsafeBuffer(held), 0, held.length);
        }
    }

    /**
     * A snapshot cut short leaves what it had begun to replace stale.
     */
    private void abandonSnapshot(final String why)
    {
        final InstrumentBook book = snapshotBook;
        if (book == null)
        {
            return;
        }
        snapshotBook = null;
        if (snapshotLevels)
        {
            stale(book, MdChannel.INCREMENTAL, "incomplete snapshot: " + why);
        }
        if (snapshotOrders)
        {
            stale(book, MdChannel.ORDERS, "incomplete snapshot: " + why);
        }
    }

    private InstrumentBook book(final int instrumentId, final boolean create)
    {
        InstrumentBook book = books.get(instrumentId);
        if (book == null && create)
        {
            book = new InstrumentBook(instrumentId);
            books.put(instrumentId, book);
        }
        return book;
    }

    /**
     * @return whether the instrument message with this rptSeq is the next to apply on the channel (and counts it).
     */
    private boolean inStep(final InstrumentBook book, final MdChannel channel, final long rptSeq)
    {
        if (book.isStale(channel))
        {
            hold(book, channel);
            return false;
        }
        final long last = book.rptSeq(channel);
        if (rptSeq <= last)
        {
            return false;
        }
        if (rptSeq != last + 1)
        {
            stale(book, channel, "rptSeq " + rptSeq + " after " + last);
            hold(book, channel);
            return false;
        }
        book.rptSeq(channel, rptSeq);
        return true;
    }

    /**
     * Keeps a copy of the message being applied, for when a snapshot has recovered the depth.
     */
    private void hold(final InstrumentBook book, final MdChannel channel)
    {
        final java.util.ArrayDeque<byte[]> pending = book.pending(channel);
        if (pending.size() == MAX_PENDING)
        {
            pending.removeFirst();
        }
        final byte[] copy = new byte[messageLength];
        messageBuffer.getBytes(messageOffset, copy);
        pending.addLast(copy);
    }

    private void check(final InstrumentBook book, final MdChannel channel, final String problem)
    {
        if (problem != null)
        {
            stale(book, channel, problem);
        }
    }

    private void stale(final InstrumentBook book, final MdChannel channel, final String why)
    {
        if (!book.isStale(channel))
        {
            book.stale(channel, true);
            staleEvents++;
            listener.onStale(book, channel, why);
        }
    }
}
