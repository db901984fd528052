package io.matchpoint.engine.match;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.OrderType.MARKET;
import static io.matchpoint.engine.match.SelfTradePrevention.CANCEL_TAKER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.FOK;
import static io.matchpoint.engine.match.TimeInForce.GTC;
import static io.matchpoint.engine.match.TimeInForce.IOC;

/**
 * Shared set-up for the scenario tests: a fresh engine with one instrument, {@link #ACME}, commands phrased as a
 * trader would ({@code buy(ALICE, 1, 100, 30)}), factories for the events on {@link #ACME}, and a snapshot of a book
 * as values so that a test asserts exact state.
 * <p>
 * Unless a test says otherwise, orders are GTC limit orders, not post-only, with
 * {@link SelfTradePrevention#CANCEL_TAKER}.
 * <p>
 * Expected order ids are written as the rules page lays them out: {@link #id(long, int) id(n, slot)} is the id of
 * the {@code n}-th accepted order, resting in pool slot {@code slot}, and {@link #noSlotId(long) noSlotId(n)} that of
 * an {@code n}-th accepted order that never rests (IOC, FOK, market). With the default 64-order pool an id is
 * {@code n << 7 | slot}: {@code id(1, 0)} is 128, {@code noSlotId(3)} is 511.
 */
abstract class ScenarioFixture
{
    static final int ACME = 1;
    static final String ACME_SYMBOL = "ACME";
    static final long TICK = 5;
    static final long LOT = 10;
    static final long MIN_QUANTITY = 20;
    static final long MAX_QUANTITY = 1_000;
    static final long LOW_PRICE = 50;
    static final long HIGH_PRICE = 500;

    /** The widest band in ticks that the default configuration allows. */
    static final int TICKS_PER_BOOK = 128;

    static final long ALICE = 101;
    static final long BOB = 202;
    static final long CAROL = 303;

    static final long NULL_ID = MatchingEngine.NULL_ID;

    protected RecordingListener listener;
    protected MatchingEngine engine;
    /** The bits of an order id that hold its slot, for the pool the engine was started with. */
    private int slotBits;

    @BeforeEach
    void startEngine()
    {
        start(config());
    }

    /**
     * @return the capacity the engine of each test starts with; a class may override it
     */
    protected EngineConfig config()
    {
        return new EngineConfig()
            .maxOrders(64)
            .maxPriceLevels(64)
            .maxInstruments(4)
            .maxAccounts(16)
            .ticksPerBook(TICKS_PER_BOOK);
    }

    /**
     * Replaces the engine by a fresh one with {@link #ACME} defined, and forgets every event so far.
     */
    protected void start(final EngineConfig config)
    {
        listener = new RecordingListener();
        engine = new MatchingEngine(config, listener);
        slotBits = 32 - Integer.numberOfLeadingZeros(config.maxOrders());
        engine.defineInstrument(ACME, ACME_SYMBOL, TICK, LOT, MIN_QUANTITY, MAX_QUANTITY, LOW_PRICE, HIGH_PRICE);
        listener.drain();
    }

    protected List<EngineEvent> events()
    {
        return listener.drain();
    }

    /**
     * @return the id of the {@code sequence}-th accepted order, which took pool slot {@code slot}:
     * {@code sequence << b | slot}, {@code b} the bits needed to write the pool's capacity.
     */
    protected long id(final long sequence, final int slot)
    {
        return sequence << slotBits | slot;
    }

    /**
     * @return the id of the {@code sequence}-th accepted order when it takes no slot (IOC, FOK, market): its slot part
     * is all ones.
     */
    protected long noSlotId(final long sequence)
    {
        return sequence << slotBits | ((1L << slotBits) - 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands on ACME
    // ---------------------------------------------------------------------------------------------------------------

    protected void buy(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, BUY, LIMIT, GTC, price, quantity, false, CANCEL_TAKER);
    }

    protected void sell(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, SELL, LIMIT, GTC, price, quantity, false, CANCEL_TAKER);
    }

    protected void buy(
        final long account,
        final long clientOrderId,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        submit(account, clientOrderId, BUY, LIMIT, GTC, price, quantity, false, stp);
    }

    protected void sell(
        final long account,
        final long clientOrderId,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        submit(account, clientOrderId, SELL, LIMIT, GTC, price, quantity, false, stp);
    }

    protected void buyIoc(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, BUY, LIMIT, IOC, price, quantity, false, CANCEL_TAKER);
    }

    protected void sellIoc(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, SELL, LIMIT, IOC, price, quantity, false, CANCEL_TAKER);
    }

    protected void buyFok(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, BUY, LIMIT, FOK, price, quantity, false, CANCEL_TAKER);
    }

    protected void buyFok(
        final long account,
        final long clientOrderId,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        submit(account, clientOrderId, BUY, LIMIT, FOK, price, quantity, false, stp);
    }

    protected void sellFok(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, SELL, LIMIT, FOK, price, quantity, false, CANCEL_TAKER);
    }

    protected void buyMarket(
        final long account, final long clientOrderId, final TimeInForce timeInForce, final long quantity)
    {
        submit(account, clientOrderId, BUY, MARKET, timeInForce, 0, quantity, false, CANCEL_TAKER);
    }

    protected void sellMarket(
        final long account, final long clientOrderId, final TimeInForce timeInForce, final long quantity)
    {
        submit(account, clientOrderId, SELL, MARKET, timeInForce, 0, quantity, false, CANCEL_TAKER);
    }

    protected void buyPostOnly(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, BUY, LIMIT, GTC, price, quantity, true, CANCEL_TAKER);
    }

    protected void sellPostOnly(final long account, final long clientOrderId, final long price, final long quantity)
    {
        submit(account, clientOrderId, SELL, LIMIT, GTC, price, quantity, true, CANCEL_TAKER);
    }

    protected void submit(
        final long account,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final boolean postOnly,
        final SelfTradePrevention stp)
    {
        engine.newOrder(account, clientOrderId, ACME, side, orderType, timeInForce, price, quantity, postOnly, stp);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Givens: set the book up, forget the events, return the order id the engine reported
    // ---------------------------------------------------------------------------------------------------------------

    protected long givenBid(final long account, final long clientOrderId, final long price, final long quantity)
    {
        return givenBid(account, clientOrderId, price, quantity, CANCEL_TAKER);
    }

    protected long givenAsk(final long account, final long clientOrderId, final long price, final long quantity)
    {
        return givenAsk(account, clientOrderId, price, quantity, CANCEL_TAKER);
    }

    protected long givenBid(
        final long account,
        final long clientOrderId,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        buy(account, clientOrderId, price, quantity, stp);
        return acceptedId(listener.drain());
    }

    protected long givenAsk(
        final long account,
        final long clientOrderId,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        sell(account, clientOrderId, price, quantity, stp);
        return acceptedId(listener.drain());
    }

    /**
     * @return the id of the order accepted among these events.
     * @throws IllegalStateException if none was.
     */
    static long acceptedId(final List<EngineEvent> events)
    {
        for (final EngineEvent event : events)
        {
            if (event instanceof EngineEvent.OrderAccepted accepted)
            {
                return accepted.orderId();
            }
        }
        throw new IllegalStateException("no order accepted: " + events);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events on ACME
    // ---------------------------------------------------------------------------------------------------------------

    /** A GTC limit order accepted on ACME. */
    static EngineEvent accepted(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity)
    {
        return accepted(orderId, account, clientOrderId, side, LIMIT, GTC, price, quantity);
    }

    static EngineEvent accepted(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        return new EngineEvent.OrderAccepted(
            orderId, account, clientOrderId, ACME, side, orderType, timeInForce, price, quantity);
    }

    static EngineEvent rejected(final long account, final long clientOrderId, final RejectReason reason)
    {
        return new EngineEvent.OrderRejected(account, clientOrderId, ACME, reason);
    }

    static EngineEvent bidLevel(final long price, final long totalQuantity, final int orderCount)
    {
        return new EngineEvent.PriceLevelChanged(ACME, BUY, price, totalQuantity, orderCount);
    }

    static EngineEvent askLevel(final long price, final long totalQuantity, final int orderCount)
    {
        return new EngineEvent.PriceLevelChanged(ACME, SELL, price, totalQuantity, orderCount);
    }

    static EngineEvent trade(
        final long tradeId,
        final Side aggressorSide,
        final long price,
        final long quantity,
        final long takerOrderId,
        final long takerAccount,
        final long takerClientOrderId,
        final long takerLeaves,
        final long makerOrderId,
        final long makerAccount,
        final long makerClientOrderId,
        final long makerLeaves)
    {
        return new EngineEvent.Trade(
            tradeId, ACME, aggressorSide, price, quantity,
            takerOrderId, takerAccount, takerClientOrderId, takerLeaves,
            makerOrderId, makerAccount, makerClientOrderId, makerLeaves);
    }

    static EngineEvent cancelled(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long cancelledQuantity,
        final CancelReason reason)
    {
        return new EngineEvent.OrderCancelled(orderId, account, clientOrderId, ACME, side, cancelledQuantity, reason);
    }

    static EngineEvent reduced(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long reducedQuantity,
        final long leavesQuantity)
    {
        return new EngineEvent.OrderReduced(
            orderId, account, clientOrderId, ACME, side, reducedQuantity, leavesQuantity, CancelReason.SELF_TRADE);
    }

    static EngineEvent replaced(
        final long orderId,
        final long account,
        final long clientOrderId,
        final Side side,
        final long price,
        final long leavesQuantity,
        final boolean priorityKept)
    {
        return new EngineEvent.OrderReplaced(
            orderId, account, clientOrderId, ACME, side, price, leavesQuantity, priorityKept);
    }

    static EngineEvent cancelRejected(final long account, final long orderId, final long clientOrderId)
    {
        return new EngineEvent.CancelRejected(account, orderId, clientOrderId, RejectReason.UNKNOWN_ORDER);
    }

    static EngineEvent replaceRejected(
        final long account, final long orderId, final long newClientOrderId, final RejectReason reason)
    {
        return new EngineEvent.ReplaceRejected(account, orderId, newClientOrderId, reason);
    }

    static EngineEvent massCancelled(final long account, final int instrumentId, final int cancelledCount)
    {
        return new EngineEvent.MassCancelled(account, instrumentId, cancelledCount);
    }

    static EngineEvent tradingStatus(final int instrumentId, final boolean halted)
    {
        return new EngineEvent.TradingStatusChanged(instrumentId, halted);
    }

    static EngineEvent instrumentRejected(final int instrumentId, final RejectReason reason)
    {
        return new EngineEvent.InstrumentRejected(instrumentId, reason);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book state as values
    // ---------------------------------------------------------------------------------------------------------------

    /** One line of {@link MatchingEngine#visitBook}: a level or an order. */
    sealed interface BookEntry
    {
    }

    record Level(Side side, long price, long totalQuantity, int orderCount) implements BookEntry
    {
    }

    record Resting(
        Side side, long price, long orderId, long accountId, long clientOrderId, long leavesQuantity,
        SelfTradePrevention selfTradePrevention, boolean postOnly) implements BookEntry
    {
    }

    /**
     * @return ACME's book: bids best to worst, then asks best to worst, each level followed by its orders in time
     * priority
     */
    protected List<BookEntry> book()
    {
        return book(ACME);
    }

    protected List<BookEntry> book(final int instrumentId)
    {
        final List<BookEntry> entries = new ArrayList<>();
        engine.visitBook(instrumentId, new BookVisitor()
        {
            @Override
            public void onLevel(final Side side, final long price, final long totalQuantity, final int orderCount)
            {
                entries.add(new Level(side, price, totalQuantity, orderCount));
            }

            @Override
            public void onOrder(
                final Side side,
                final long price,
                final long orderId,
                final long accountId,
                final long clientOrderId,
                final long leavesQuantity,
                final SelfTradePrevention selfTradePrevention,
                final boolean postOnly)
            {
                entries.add(new Resting(
                    side, price, orderId, accountId, clientOrderId, leavesQuantity, selfTradePrevention, postOnly));
            }
        });
        return entries;
    }

    static BookEntry bids(final long price, final long totalQuantity, final int orderCount)
    {
        return new Level(BUY, price, totalQuantity, orderCount);
    }

    static BookEntry asks(final long price, final long totalQuantity, final int orderCount)
    {
        return new Level(SELL, price, totalQuantity, orderCount);
    }

    /** A resting bid with the default self-trade mode, not post-only. */
    static BookEntry bid(
        final long price, final long orderId, final long account, final long clientOrderId, final long leaves)
    {
        return new Resting(BUY, price, orderId, account, clientOrderId, leaves, CANCEL_TAKER, false);
    }

    /** A resting ask with the default self-trade mode, not post-only. */
    static BookEntry ask(
        final long price, final long orderId, final long account, final long clientOrderId, final long leaves)
    {
        return new Resting(SELL, price, orderId, account, clientOrderId, leaves, CANCEL_TAKER, false);
    }
}
