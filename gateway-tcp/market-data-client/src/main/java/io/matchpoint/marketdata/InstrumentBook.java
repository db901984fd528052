package io.matchpoint.marketdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.Side;
import io.matchpoint.codec.md.TradingStatus;

/**
 * One instrument as the feed describes it: reference data and status, the price levels (L2, from the INCREMENTAL
 * channel) and the resting orders in priority order (L3, from the ORDERS channel), each depth with the last rptSeq it
 * applied and whether it is stale. The two depths are built independently, each from its own channel, so either can
 * be followed alone.
 * <p>
 * Built and read on the subscriber's thread; not thread-safe.
 */
public final class InstrumentBook
{
    private final int instrumentId;
    private String symbol = "";
    private int priceDecimals;
    private long tickSize;
    private long lotSize;
    private long lowPrice;
    private long highPrice;
    private boolean defined;
    private TradingStatus status = TradingStatus.TRADING;

    private final NavigableMap<Long, PriceLevel> bidLevels = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, PriceLevel> askLevels = new TreeMap<>();
    private final Map<Long, BookOrder> ordersById = new HashMap<>();
    private final NavigableMap<Long, LinkedHashMap<Long, BookOrder>> bidOrders =
        new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, LinkedHashMap<Long, BookOrder>> askOrders = new TreeMap<>();

    private long incrementalRptSeq;
    private long ordersRptSeq;
    private boolean levelsStale;
    private boolean ordersStale;
    private long lastTradeId;
    private long lastTradePrice;
    private long lastTradeQuantity;
    private long tradeCount;
    /** While a depth is stale: its channel's messages since, to apply after the snapshot that recovers it. */
    private final java.util.ArrayDeque<byte[]> pendingLevels = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<byte[]> pendingOrders = new java.util.ArrayDeque<>();

    InstrumentBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the symbol, or "" before a definition was received.
     */
    public String symbol()
    {
        return symbol;
    }

    public boolean isDefined()
    {
        return defined;
    }

    public int priceDecimals()
    {
        return priceDecimals;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public long lotSize()
    {
        return lotSize;
    }

    public long lowPrice()
    {
        return lowPrice;
    }

    public long highPrice()
    {
        return highPrice;
    }

    public TradingStatus status()
    {
        return status;
    }

    /**
     * @return the last rptSeq applied from the channel (INCREMENTAL or ORDERS); 0 before any.
     */
    public long rptSeq(final MdChannel channel)
    {
        return channel == MdChannel.ORDERS ? ordersRptSeq : incrementalRptSeq;
    }

    /**
     * @return whether the channel's depth of this book missed something and awaits a snapshot.
     */
    public boolean isStale(final MdChannel channel)
    {
        return channel == MdChannel.ORDERS ? ordersStale : levelsStale;
    }

    /**
     * @return the side's levels, best first (a live view: copy it to keep it).
     */
    public Iterable<PriceLevel> levels(final Side side)
    {
        return (side == Side.BUY ? bidLevels : askLevels).values();
    }

    public int levelCount(final Side side)
    {
        return (side == Side.BUY ? bidLevels : askLevels).size();
    }

    /**
     * @return the best level of the side, or null when the side is empty.
     */
    public PriceLevel bestLevel(final Side side)
    {
        final Map.Entry<Long, PriceLevel> best = (side == Side.BUY ? bidLevels : askLevels).firstEntry();
        return best == null ? null : best.getValue();
    }

    /**
     * @return the side's resting orders: levels best first, each in time priority (a new list).
     */
    public List<BookOrder> orders(final Side side)
    {
        final List<BookOrder> orders = new ArrayList<>();
        for (final LinkedHashMap<Long, BookOrder> level : (side == Side.BUY ? bidOrders : askOrders).values())
        {
            orders.addAll(level.values());
        }
        return orders;
    }

    public int orderCount()
    {
        return ordersById.size();
    }

    public BookOrder order(final long orderId)
    {
        return ordersById.get(orderId);
    }

    public long lastTradeId()
    {
        return lastTradeId;
    }

    public long lastTradePrice()
    {
        return lastTradePrice;
    }

    public long lastTradeQuantity()
    {
        return lastTradeQuantity;
    }

    public long tradeCount()
    {
        return tradeCount;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Applied by MarketDataBooks
    // ---------------------------------------------------------------------------------------------------------------

    void define(
        final String symbol,
        final int priceDecimals,
        final TradingStatus status,
        final long tickSize,
        final long lotSize,
        final long lowPrice,
        final long highPrice)
    {
        this.symbol = symbol;
        this.priceDecimals = priceDecimals;
        this.status = status;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.lowPrice = lowPrice;
        this.highPrice = highPrice;
        defined = true;
    }

    void status(final TradingStatus status)
    {
        this.status = status;
    }

    /**
     * @return why the update does not fit the book, or null once applied.
     */
    String applyLevel(final Side side, final boolean isNew, final boolean delete, final long price,
        final long quantity, final int orderCount)
    {
        final NavigableMap<Long, PriceLevel> levels = side == Side.BUY ? bidLevels : askLevels;
        final PriceLevel level = levels.get(price);
        if (delete)
        {
            if (level == null)
            {
                return "delete of a level the book does not have: " + side + " " + price;
            }
            levels.remove(price);
            return null;
        }
        if (quantity <= 0 || orderCount <= 0)
        {
            return "a level of quantity " + quantity + " and " + orderCount + " orders at " + side + " " + price;
        }
        if (level == null)
        {
            if (!isNew)
            {
                return "change of a level the book does not have: " + side + " " + price;
            }
            levels.put(price, new PriceLevel(price, quantity, orderCount));
            return null;
        }
        if (isNew)
        {
            return "new level where the book has one: " + side + " " + price;
        }
        level.set(quantity, orderCount);
        return null;
    }

    void trade(final long tradeId, final long price, final long quantity)
    {
        lastTradeId = tradeId;
        lastTradePrice = price;
        lastTradeQuantity = quantity;
        tradeCount++;
    }

    String addOrder(final long orderId, final Side side, final long price, final long quantity)
    {
        if (ordersById.containsKey(orderId))
        {
            return "order " + orderId + " added twice";
        }
        if (quantity <= 0)
        {
            return "order " + orderId + " added with quantity " + quantity;
        }
        final BookOrder order = new BookOrder(orderId, side, price, quantity);
        ordersById.put(orderId, order);
        (side == Side.BUY ? bidOrders : askOrders).computeIfAbsent(price, p -> new LinkedHashMap<>())
            .put(orderId, order);
        return null;
    }

    /**
     * @return why it does not fit, or null once the order has {@code leavesQuantity} left (gone at 0).
     */
    String reduceOrder(final long orderId, final long leavesQuantity, final long price)
    {
        final BookOrder order = ordersById.get(orderId);
        if (order == null)
        {
            return "order " + orderId + " is not in the book";
        }
        if (price != Long.MIN_VALUE && price != order.price())
        {
            return "order " + orderId + " executed at " + price + ", not its price " + order.price();
        }
        if (leavesQuantity < 0 || leavesQuantity >= order.quantity())
        {
            return "order " + orderId + " of " + order.quantity() + " reduced to " + leavesQuantity;
        }
        if (leavesQuantity == 0)
        {
            removeOrder(order);
        }
        else
        {
            order.quantity(leavesQuantity);
        }
        return null;
    }

    String deleteOrder(final long orderId)
    {
        final BookOrder order = ordersById.get(orderId);
        if (order == null)
        {
            return "order " + orderId + " is not in the book";
        }
        removeOrder(order);
        return null;
    }

    private void removeOrder(final BookOrder order)
    {
        ordersById.remove(order.orderId());
        final NavigableMap<Long, LinkedHashMap<Long, BookOrder>> side =
            order.side() == Side.BUY ? bidOrders : askOrders;
        final LinkedHashMap<Long, BookOrder> level = side.get(order.price());
        level.remove(order.orderId());
        if (level.isEmpty())
        {
            side.remove(order.price());
        }
    }

    void rptSeq(final MdChannel channel, final long rptSeq)
    {
        if (channel == MdChannel.ORDERS)
        {
            ordersRptSeq = rptSeq;
        }
        else
        {
            incrementalRptSeq = rptSeq;
        }
    }

    void stale(final MdChannel channel, final boolean stale)
    {
        if (channel == MdChannel.ORDERS)
        {
            ordersStale = stale;
        }
        else
        {
            levelsStale = stale;
        }
    }

    /**
     * @return the messages held for the channel while its depth was stale (the live queue: drain it by taking).
     */
    java.util.ArrayDeque<byte[]> pending(final MdChannel channel)
    {
        return channel == MdChannel.ORDERS ? pendingOrders : pendingLevels;
    }

    void clearLevels()
    {
        bidLevels.clear();
        askLevels.clear();
    }

    void clearOrders()
    {
        ordersById.clear();
        bidOrders.clear();
        askOrders.clear();
    }
}
