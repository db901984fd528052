package io.matchpoint.engine.match;

import java.util.SplittableRandom;

/**
 * A prerecorded stream of mixed commands in primitive arrays, so that replaying it allocates nothing. Recorded by
 * driving a live engine (so cancels and replaces mostly name live orders of the right account), then replayed on a
 * fresh engine, which by determinism sees exactly the same states.
 * <p>
 * The mix touches every command and most outcomes: resting and crossing limits, IOC, FOK, market, post-only, all
 * four self-trade modes, icebergs (a quarter of the GTC limit orders, refilling as they trade; now and then a display
 * quantity refused), stop and stop-limit orders around the last trade's price (triggered by trades, their own
 * included, entering as market or limit orders; now and then refused as already triggered), cancels by id and
 * client id (live, dead, other accounts'), replaces up, down and to new prices (with a stop price, which a waiting
 * stop takes), mass cancels, session cancels (orders come from four sessions per account), halts and resumes, band
 * moves, and each kind of invalid order.
 */
final class CommandTape
{
    static final int NEW_ORDER = 0;
    static final int CANCEL = 1;
    static final int CANCEL_BY_CLIENT_ID = 2;
    static final int REPLACE = 3;
    static final int MASS_CANCEL = 4;
    static final int HALT = 5;
    static final int RESUME = 6;
    static final int DEFINE = 7;
    static final int SESSION_CANCEL = 8;

    static final int INSTRUMENTS = 2;
    static final long TICK = 5;
    static final long LOT = 10;
    static final long MID = 10_000;
    static final String[] SYMBOLS = { "MPA", "MPB" };
    /** Each account's orders come from this many sessions, 0 (none) to SESSIONS - 1. */
    static final int SESSIONS = 4;

    private static final OrderType[] ORDER_TYPES = {
        OrderType.LIMIT, OrderType.MARKET, OrderType.STOP, OrderType.STOP_LIMIT };
    private static final TimeInForce[] TIME_IN_FORCE = { TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK };
    private static final SelfTradePrevention[] STP = {
        SelfTradePrevention.CANCEL_TAKER, SelfTradePrevention.CANCEL_MAKER, SelfTradePrevention.CANCEL_BOTH,
        SelfTradePrevention.DECREMENT_AND_CANCEL };

    private final int length;
    private final byte[] op;
    private final long[] account;
    private final long[] session;
    private final long[] id;
    private final long[] clientOrderId;
    private final int[] instrumentId;
    private final byte[] side;
    private final byte[] orderType;
    private final byte[] timeInForce;
    private final long[] price;
    private final long[] quantity;
    private final long[] displayQuantity;
    private final long[] stopPrice;
    private final boolean[] postOnly;
    private final byte[] stp;

    private CommandTape(final int length)
    {
        this.length = length;
        op = new byte[length];
        account = new long[length];
        session = new long[length];
        id = new long[length];
        clientOrderId = new long[length];
        instrumentId = new int[length];
        side = new byte[length];
        orderType = new byte[length];
        timeInForce = new byte[length];
        price = new long[length];
        quantity = new long[length];
        displayQuantity = new long[length];
        stopPrice = new long[length];
        postOnly = new boolean[length];
        stp = new byte[length];
    }

    static EngineConfig config()
    {
        return new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 12).maxInstruments(INSTRUMENTS + 1)
            .maxAccounts(64).ticksPerBook(1 << 10);
    }

    static void defineInstruments(final MatchingEngine engine)
    {
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            engine.defineInstrument(i + 1, SYMBOLS[i], TICK, LOT, LOT, 100 * LOT, MID - 500 * TICK, MID + 500 * TICK);
        }
    }

    /**
     * Records {@code length} commands by driving a fresh engine with them.
     */
    static CommandTape record(final long seed, final int length)
    {
        final CommandTape tape = new CommandTape(length);
        final AcceptedIds accepted = new AcceptedIds(length);
        final MatchingEngine engine = new MatchingEngine(config(), accepted);
        defineInstruments(engine);
        final SplittableRandom random = new SplittableRandom(seed);
        // display quantities come from a stream of their own, so that the rest of the tape is what it was before
        final SplittableRandom icebergs = new SplittableRandom(~seed);
        // and so do stop orders and the stop prices of replaces
        final SplittableRandom stops = new SplittableRandom(seed ^ 0x5709_5709L);
        // by acceptance number, from 1: the order's account and client order id
        final long[] ownerOfOrder = new long[length + 1];
        final long[] clientIdOfOrder = new long[length + 1];
        final long[] bandShift = new long[INSTRUMENTS];
        long nextClientOrderId = 1;

        for (int i = 0; i < length; i++)
        {
            final int roll = random.nextInt(1000);
            final long acct = 1 + random.nextInt(20);
            final int instrument = 1 + random.nextInt(INSTRUMENTS);
            final int lastAccepted = accepted.count;
            final int someAccepted = lastAccepted == 0 ? 1 : Math.max(1, lastAccepted - random.nextInt(3_000));
            final long someOrder = accepted.ids[someAccepted];
            final boolean ownerOrStranger = random.nextInt(20) != 0;
            final long actor = ownerOrStranger ? Math.max(1, ownerOfOrder[someAccepted]) : acct;
            tape.instrumentId[i] = instrument;
            if (engine.isHalted(instrument) && random.nextInt(8) == 0)
            {
                tape.op[i] = RESUME;
            }
            else if (roll < 560)
            {
                tape.op[i] = NEW_ORDER;
                tape.account[i] = acct;
                tape.session[i] = random.nextInt(SESSIONS);
                tape.clientOrderId[i] = random.nextInt(50) == 0 ? Math.max(1, nextClientOrderId - 5) : nextClientOrderId++;
                final int sideCode = random.nextInt(2);
                tape.side[i] = (byte)sideCode;
                final int kind = random.nextInt(100);
                tape.orderType[i] = (byte)(kind < 4 ? 1 : 0);
                tape.timeInForce[i] = (byte)(kind < 80 ? 0 : kind < 90 ? 1 : 2);
                tape.postOnly[i] = kind >= 4 && kind < 10 || random.nextInt(200) == 0;
                tape.stp[i] = (byte)random.nextInt(4);
                final long offset = TICK * (random.nextInt(60) - 10);
                long limit = sideCode == 0 ? MID + bandShift[instrument - 1] - offset : MID + bandShift[instrument - 1] + offset;
                long qty = LOT * (1 + random.nextInt(20));
                final int invalid = random.nextInt(100);
                if (invalid == 0)
                {
                    limit += 1;
                }
                else if (invalid == 1)
                {
                    limit += 2_000 * TICK;
                }
                else if (invalid == 2)
                {
                    qty = random.nextBoolean() ? 0 : qty + 3;
                }
                else if (invalid == 3)
                {
                    tape.instrumentId[i] = 99;
                }
                tape.price[i] = limit;
                tape.quantity[i] = qty;
                final int display = icebergs.nextInt(200);
                final boolean mayRest = tape.orderType[i] == 0 && tape.timeInForce[i] == 0;
                tape.displayQuantity[i] = display < (mayRest ? 50 : 2) ? LOT * (1 + display % 3) :
                    display == 199 ? LOT / 2 : 0;
                // one plain limit order in ten becomes a stop: a STOP_LIMIT at its price, or a STOP
                final int stop = stops.nextInt(100);
                final long stopAt = stopPrice(stops, accepted, instrument, sideCode == 0, bandShift);
                if (stop < 10 && tape.orderType[i] == 0 && !tape.postOnly[i] && tape.displayQuantity[i] == 0)
                {
                    tape.orderType[i] = (byte)(stop < 6 ? 3 : 2);
                    tape.stopPrice[i] = stopAt;
                }
            }
            else if (roll < 700)
            {
                tape.op[i] = CANCEL;
                tape.account[i] = actor;
                tape.id[i] = someOrder;
            }
            else if (roll < 740)
            {
                tape.op[i] = CANCEL_BY_CLIENT_ID;
                tape.account[i] = actor;
                tape.clientOrderId[i] = clientIdOfOrder[someAccepted];
            }
            else if (roll < 986)
            {
                tape.op[i] = REPLACE;
                tape.account[i] = actor;
                tape.id[i] = someOrder;
                tape.clientOrderId[i] = random.nextInt(3) == 0 ? clientIdOfOrder[someAccepted] : nextClientOrderId++;
                tape.price[i] = MID + bandShift[instrument - 1] + TICK * (random.nextInt(80) - 40);
                tape.quantity[i] = LOT * (1 + random.nextInt(20));
                tape.stopPrice[i] = stopPrice(stops, accepted, instrument, stops.nextBoolean(), bandShift);
            }
            else if (roll < 990)
            {
                tape.op[i] = SESSION_CANCEL;
                tape.account[i] = acct;
                tape.session[i] = random.nextInt(SESSIONS);
            }
            else if (roll < 994)
            {
                tape.op[i] = MASS_CANCEL;
                tape.account[i] = acct;
                tape.instrumentId[i] = random.nextBoolean() ? MatchingEngine.ALL_INSTRUMENTS : instrument;
            }
            else if (roll < 997)
            {
                tape.op[i] = HALT;
            }
            else
            {
                tape.op[i] = DEFINE;
                bandShift[instrument - 1] = TICK * (random.nextInt(961) - 480);
                tape.price[i] = MID + bandShift[instrument - 1];
            }

            final int before = accepted.count;
            tape.apply(engine, i);
            for (int n = before + 1; n <= accepted.count; n++)
            {
                ownerOfOrder[n] = tape.account[i];
                clientIdOfOrder[n] = tape.clientOrderId[i];
            }
        }
        return tape;
    }

    /**
     * A stop price a few ticks beyond the instrument's last trade (the middle of its band before any), at or behind it
     * now and then: already triggered.
     */
    private static long stopPrice(
        final SplittableRandom stops,
        final AcceptedIds accepted,
        final int instrument,
        final boolean buy,
        final long[] bandShift)
    {
        final long last = accepted.lastTradePrice[instrument] != 0 ?
            accepted.lastTradePrice[instrument] : MID + bandShift[instrument - 1];
        final long away = TICK * (stops.nextInt(8) - 1);
        return buy ? last + away : last - away;
    }

    /**
     * The id of each accepted order, by acceptance number from 1 (ids carry pool slots: they cannot be counted), and
     * each instrument's last trade price.
     */
    private static final class AcceptedIds extends EngineListenerAdapter
    {
        final long[] ids;
        final long[] lastTradePrice = new long[INSTRUMENTS + 1];
        int count;

        AcceptedIds(final int commands)
        {
            ids = new long[commands + 2];
        }

        @Override
        public void onOrderAccepted(
            final long orderId,
            final long accountId,
            final long clientOrderId,
            final int instrumentId,
            final Side side,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final long price,
            final long quantity,
            final long displayQuantity,
            final long stopPrice)
        {
            ids[++count] = orderId;
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final Side aggressorSide,
            final long price,
            final long quantity,
            final long takerOrderId,
            final long takerAccountId,
            final long takerClientOrderId,
            final long takerLeavesQuantity,
            final long makerOrderId,
            final long makerAccountId,
            final long makerClientOrderId,
            final long makerLeavesQuantity)
        {
            lastTradePrice[instrumentId] = price;
        }
    }

    int length()
    {
        return length;
    }

    /**
     * Sends command {@code i} to the engine; allocation-free.
     */
    void apply(final MatchingEngine engine, final int i)
    {
        switch (op[i])
        {
            case NEW_ORDER:
                engine.newOrder(
                    account[i], session[i], clientOrderId[i], instrumentId[i], Side.fromCode(side[i]),
                    ORDER_TYPES[orderType[i]], TIME_IN_FORCE[timeInForce[i]], price[i], quantity[i],
                    displayQuantity[i], stopPrice[i], postOnly[i], STP[stp[i]]);
                break;
            case CANCEL:
                engine.cancelOrder(account[i], id[i]);
                break;
            case CANCEL_BY_CLIENT_ID:
                engine.cancelOrderByClientId(account[i], clientOrderId[i]);
                break;
            case REPLACE:
                engine.replaceOrder(account[i], id[i], clientOrderId[i], price[i], quantity[i], stopPrice[i]);
                break;
            case MASS_CANCEL:
                engine.massCancel(account[i], instrumentId[i]);
                break;
            case SESSION_CANCEL:
                engine.cancelSessionOrders(account[i], session[i]);
                break;
            case HALT:
                engine.haltTrading(instrumentId[i]);
                break;
            case RESUME:
                engine.resumeTrading(instrumentId[i]);
                break;
            case DEFINE:
                final int instrument = instrumentId[i];
                engine.defineInstrument(
                    instrument, SYMBOLS[instrument - 1], TICK, LOT, LOT, 100 * LOT, price[i] - 500 * TICK,
                    price[i] + 500 * TICK);
                break;
            default:
                throw new IllegalStateException("unknown op " + op[i]);
        }
    }
}
