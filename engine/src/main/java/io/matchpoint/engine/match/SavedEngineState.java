package io.matchpoint.engine.match;

import java.io.DataInput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import io.matchpoint.engine.book.OrderPool;

/**
 * What {@link MatchingEngine#saveState} wrote, read back and held apart from any engine until every invariant the
 * engine keeps has been checked: each instrument's definition is one the engine would accept; ids are unique, laid
 * out for this engine's pool (its slot bits) and below the counters that will hand out the next ones; each order's
 * slot is its own, and the free slots are exactly the slots ever used that no order holds; each side of each book is
 * listed best level first, its prices on tick and inside the band, the best bid below the best ask; quantities are
 * positive whole lots; each account's orders are listed once, in the order they started resting (ascending id); and
 * everything fits the engine's capacity. A snapshot whose CRC holds can still be wrong (written by a bug, or edited),
 * and a wrong price would alias another slot of the price ladder and corrupt the book silently, as a wrong slot
 * would alias another order; so {@link MatchingEngine#readState} refuses such a state with the first problem found,
 * and the engine it was read for is untouched. An order's session id has no invariant to break: the core takes any
 * long there, as {@code newOrder} does.
 * <p>
 * Start-up only: reading allocates in proportion to the state (about 80 bytes an order, 4 a free slot).
 */
public final class SavedEngineState
{
    private static final int BIDS = 0;
    private static final int ASKS = 1;
    private static final long NOT_LISTED = -1;
    private static final int STP_CODES = SelfTradePrevention.values().length;

    final MatchingEngine readFor;
    final long nextOrderSequence;
    final long nextTradeId;

    final int instrumentCount;
    final int[] instrumentIds;
    final String[] symbols;
    final long[] tickSizes;
    final long[] lotSizes;
    final long[] minQuantities;
    final long[] maxQuantities;
    final long[] lowPrices;
    final long[] highPrices;
    final long[] collarTicks;
    final long[] collarBasisPoints;
    final boolean[] traded;
    final long[] lastTradePrices;
    final boolean[] halted;

    final long[] accountIds;

    /** Orders in book order: instrument by instrument, bids then asks, best level first, time priority within it. */
    final int orderCount;
    final int[] orderInstrument;
    final byte[] orderSide;
    final long[] orderId;
    final int[] orderAccount;
    /** The session that entered each order: any long, as chosen outside the core ({@code 0} for none). */
    final long[] orderSession;
    final long[] orderClientId;
    final long[] orderPrice;
    final long[] orderLeaves;
    final byte[] orderStp;
    final boolean[] orderPostOnly;
    final long[] orderDisplay;
    final long[] orderHidden;
    /** The last {@link #stopCount} orders are waiting stop orders; for those, their type, time in force (ordinals). */
    final int stopCount;
    final byte[] orderStopType;
    final byte[] orderStopTimeInForce;
    final long[] orderStopPrice;
    /** The pool slot each order's id carries, where it is loaded. */
    final int[] orderSlot;

    /** Each account's orders as positions in the arrays above: account 0's first, in its list's order. */
    final int[] accountListLength;
    final int[] accountListOrders;

    /** The order pool's slots ever used, {@code [0, slotsUsed)}: the orders' and the free ones. */
    final int slotsUsed;
    /** The pool's free slots below {@link #slotsUsed}, top of the stack (the next one used) first. */
    final int[] freedSlots;
    /** Ascending, unique. */
    final long[] killedAccounts;
    /** The default risk limits, in {@link RiskLimits}' order. */
    final long[] defaultLimits = new long[RiskLimits.COUNT];
    /** The accounts (indexes, ascending) with limits of their own, and those limits, six an account. */
    final int[] ownLimitAccounts;
    final long[] ownLimits;
    /** Every non-zero net position: account index, instrument index (ascending in that order), position. */
    final int[] positionAccount;
    final int[] positionInstrument;
    final long[] positionNet;

    private SavedEngineState(
        final DataInput in,
        final MatchingEngine readFor,
        final EngineConfig config,
        final long maxQuantityLimit,
        final OrderIdScheme ids) throws IOException
    {
        this.readFor = readFor;
        nextOrderSequence = in.readLong();
        nextTradeId = in.readLong();
        if (nextOrderSequence < 1 || nextOrderSequence - 1 > ids.maxSequence() || nextTradeId < 1)
        {
            throw bad("id counters " + nextOrderSequence + " (order sequence) and " + nextTradeId + " (trades); " +
                "both start at 1, and the order sequence ends at " + (ids.maxSequence() + 1));
        }
        final int slotBits = in.readInt();
        if (slotBits != ids.slotBits())
        {
            throw bad("order ids with " + slotBits + " slot bits; this engine's have " + ids.slotBits() +
                " (a pool of " + config.maxOrders() + " orders)");
        }

        instrumentCount = in.readInt();
        if (instrumentCount < 0 || instrumentCount > config.maxInstruments())
        {
            throw bad(instrumentCount + " instruments; this engine holds " + config.maxInstruments());
        }
        instrumentIds = new int[instrumentCount];
        symbols = new String[instrumentCount];
        tickSizes = new long[instrumentCount];
        lotSizes = new long[instrumentCount];
        minQuantities = new long[instrumentCount];
        maxQuantities = new long[instrumentCount];
        lowPrices = new long[instrumentCount];
        highPrices = new long[instrumentCount];
        halted = new boolean[instrumentCount];
        collarTicks = new long[instrumentCount];
        collarBasisPoints = new long[instrumentCount];
        traded = new boolean[instrumentCount];
        lastTradePrices = new long[instrumentCount];
        readInstruments(in, config, maxQuantityLimit);

        final int accountCount = in.readInt();
        if (accountCount < 0 || accountCount > config.maxAccounts())
        {
            throw bad(accountCount + " accounts; this engine holds " + config.maxAccounts());
        }
        accountIds = new long[accountCount];
        final LongHashSet seenAccounts = new LongHashSet(Math.max(8, accountCount * 2));
        for (int account = 0; account < accountCount; account++)
        {
            accountIds[account] = in.readLong();
            if (!seenAccounts.add(accountIds[account]))
            {
                throw bad("account " + accountIds[account] + " listed twice");
            }
        }

        orderCount = in.readInt();
        if (orderCount < 0 || orderCount > config.maxOrders())
        {
            throw bad(orderCount + " resting orders; this engine holds " + config.maxOrders());
        }
        stopCount = in.readInt();
        if (stopCount < 0 || stopCount > orderCount)
        {
            throw bad(stopCount + " waiting stop orders of " + orderCount + " orders");
        }
        orderInstrument = new int[orderCount];
        orderSide = new byte[orderCount];
        orderId = new long[orderCount];
        orderAccount = new int[orderCount];
        orderSession = new long[orderCount];
        orderClientId = new long[orderCount];
        orderPrice = new long[orderCount];
        orderLeaves = new long[orderCount];
        orderStp = new byte[orderCount];
        orderPostOnly = new boolean[orderCount];
        orderDisplay = new long[orderCount];
        orderHidden = new long[orderCount];
        orderSlot = new int[orderCount];
        orderStopType = new byte[orderCount];
        orderStopTimeInForce = new byte[orderCount];
        orderStopPrice = new long[orderCount];
        final Long2LongHashMap positionById = new Long2LongHashMap(Math.max(8, orderCount * 2), 0.65f, NOT_LISTED);
        final IntHashSet slotsHeld = new IntHashSet(Math.max(8, orderCount * 2));
        final Set<AccountClientOrderId> clientIds = new HashSet<>();
        final int levelsUsed = readOrders(in, config, maxQuantityLimit, ids, positionById, slotsHeld, clientIds);
        readStops(in, config, maxQuantityLimit, ids, positionById, slotsHeld, clientIds, levelsUsed);

        accountListLength = new int[accountCount];
        accountListOrders = new int[orderCount];
        readAccountLists(in, positionById);

        slotsUsed = in.readInt();
        if (slotsUsed < orderCount || slotsUsed > config.maxOrders())
        {
            throw bad(slotsUsed + " order pool slots used, for " + orderCount + " resting orders; this engine holds " +
                config.maxOrders());
        }
        final int freedCount = in.readInt();
        if (freedCount != slotsUsed - orderCount)
        {
            throw bad(freedCount + " free order pool slots listed; " + slotsUsed + " used less " + orderCount +
                " resting orders leave " + (slotsUsed - orderCount));
        }
        freedSlots = new int[freedCount];
        readFreedSlots(in, slotsHeld);

        final int killedCount = in.readInt();
        if (killedCount < 0 || killedCount > MAX_KILLED_ACCOUNTS)
        {
            throw bad(killedCount + " killed accounts");
        }
        killedAccounts = new long[killedCount];
        for (int i = 0; i < killedCount; i++)
        {
            killedAccounts[i] = in.readLong();
            if (i > 0 && killedAccounts[i] <= killedAccounts[i - 1])
            {
                throw bad("killed account " + killedAccounts[i] + " after " + killedAccounts[i - 1] +
                    " (they are saved in ascending order, each once)");
            }
            for (int account = 0; account < accountIds.length; account++)
            {
                if (accountIds[account] == killedAccounts[i] && accountListLength[account] > 0)
                {
                    throw bad("killed account " + killedAccounts[i] + " has " + accountListLength[account] +
                        " resting orders (the kill cancelled them all, and it may enter none)");
                }
            }
        }
        readDefaultLimits(in);
        final int ownCount = in.readInt();
        if (ownCount < 0 || ownCount > accountCount)
        {
            throw bad(ownCount + " accounts with risk limits of their own, of " + accountCount);
        }
        ownLimitAccounts = new int[ownCount];
        ownLimits = new long[ownCount * RiskLimits.COUNT];
        readOwnLimits(in);
        final int positionCount = in.readInt();
        if (positionCount < 0 || (long)positionCount > (long)accountCount * instrumentCount)
        {
            throw bad(positionCount + " net positions, for " + accountCount + " accounts and " + instrumentCount +
                " instruments");
        }
        positionAccount = new int[positionCount];
        positionInstrument = new int[positionCount];
        positionNet = new long[positionCount];
        readPositions(in);
    }

    private void readDefaultLimits(final DataInput in) throws IOException
    {
        for (int i = 0; i < RiskLimits.COUNT; i++)
        {
            defaultLimits[i] = in.readLong();
        }
        if (!RiskLimits.areValid(defaultLimits))
        {
            throw bad("a default risk limit below " + MatchingEngine.NO_LIMIT);
        }
    }

    private void readOwnLimits(final DataInput in) throws IOException
    {
        final long[] limits = new long[RiskLimits.COUNT];
        for (int i = 0; i < ownLimitAccounts.length; i++)
        {
            ownLimitAccounts[i] = in.readInt();
            if (ownLimitAccounts[i] < 0 || ownLimitAccounts[i] >= accountIds.length ||
                i > 0 && ownLimitAccounts[i] <= ownLimitAccounts[i - 1])
            {
                throw bad("risk limits for account index " + ownLimitAccounts[i] + " (of " + accountIds.length +
                    " accounts, each once, ascending)");
            }
            for (int j = 0; j < RiskLimits.COUNT; j++)
            {
                limits[j] = in.readLong();
                ownLimits[i * RiskLimits.COUNT + j] = limits[j];
            }
            if (!RiskLimits.areValid(limits))
            {
                throw bad("a risk limit of account " + accountIds[ownLimitAccounts[i]] + " below " +
                    MatchingEngine.NO_LIMIT);
            }
        }
    }

    private void readPositions(final DataInput in) throws IOException
    {
        for (int i = 0; i < positionNet.length; i++)
        {
            positionAccount[i] = in.readInt();
            positionInstrument[i] = in.readInt();
            positionNet[i] = in.readLong();
            final boolean ascending = i == 0 || positionAccount[i] > positionAccount[i - 1] ||
                positionAccount[i] == positionAccount[i - 1] && positionInstrument[i] > positionInstrument[i - 1];
            if (positionAccount[i] < 0 || positionAccount[i] >= accountIds.length || positionInstrument[i] < 0 ||
                positionInstrument[i] >= instrumentCount || positionNet[i] == 0 || !ascending)
            {
                throw bad("net position " + positionNet[i] + " of account index " + positionAccount[i] +
                    " on instrument index " + positionInstrument[i] + " (non-zero positions of known accounts and " +
                    "instruments, each pair once, ascending)");
            }
        }
    }

    /** More killed accounts than this in a saved state is damage, not a kill switch used in earnest. */
    private static final int MAX_KILLED_ACCOUNTS = 1 << 24;

    /**
     * @param in               positioned at what {@link MatchingEngine#saveState} wrote.
     * @param readFor          the engine it is meant for; only that engine will load it.
     * @param config           that engine's capacity.
     * @param maxQuantityLimit the largest quantity that engine allows any instrument.
     * @throws IOException           if the input ends early.
     * @throws IllegalStateException naming the first problem, if the state breaks an invariant or does not fit.
     */
    static SavedEngineState read(
        final DataInput in,
        final MatchingEngine readFor,
        final EngineConfig config,
        final long maxQuantityLimit,
        final OrderIdScheme ids) throws IOException
    {
        return new SavedEngineState(in, readFor, config, maxQuantityLimit, ids);
    }

    private void readInstruments(final DataInput in, final EngineConfig config, final long maxQuantityLimit)
        throws IOException
    {
        final IntHashSet seen = new IntHashSet(Math.max(8, instrumentCount * 2));
        for (int i = 0; i < instrumentCount; i++)
        {
            instrumentIds[i] = in.readInt();
            symbols[i] = in.readUTF();
            tickSizes[i] = in.readLong();
            lotSizes[i] = in.readLong();
            minQuantities[i] = in.readLong();
            maxQuantities[i] = in.readLong();
            lowPrices[i] = in.readLong();
            highPrices[i] = in.readLong();
            halted[i] = in.readBoolean();
            collarTicks[i] = in.readLong();
            collarBasisPoints[i] = in.readLong();
            traded[i] = in.readBoolean();
            lastTradePrices[i] = in.readLong();
            if (collarTicks[i] < 0 || collarBasisPoints[i] < 0 ||
                collarBasisPoints[i] > io.matchpoint.engine.book.InstrumentTable.MAX_COLLAR_BASIS_POINTS ||
                collarTicks[i] != 0 && collarBasisPoints[i] != 0)
            {
                throw bad("instrument " + instrumentIds[i] + "'s price collar is " + collarTicks[i] + " ticks and " +
                    collarBasisPoints[i] + " basis points (at most one above 0, basis points at most 10000)");
            }
            if (!traded[i] && lastTradePrices[i] != 0)
            {
                throw bad("instrument " + instrumentIds[i] + " has a last trade price but no trade");
            }
            if (!seen.add(instrumentIds[i]))
            {
                throw bad("instrument " + instrumentIds[i] + " listed twice");
            }
            final RejectReason refused = MatchingEngine.definitionProblem(
                instrumentIds[i], symbols[i], tickSizes[i], lotSizes[i], minQuantities[i], maxQuantities[i],
                lowPrices[i], highPrices[i], maxQuantityLimit, config.ticksPerBook());
            if (refused != null)
            {
                throw bad("instrument " + instrumentIds[i] + "'s definition would be refused: " + refused);
            }
        }
    }

    /**
     * @return how many price levels the books use.
     */
    private int readOrders(
        final DataInput in,
        final EngineConfig config,
        final long maxQuantityLimit,
        final OrderIdScheme ids,
        final Long2LongHashMap positionById,
        final IntHashSet slotsHeld,
        final Set<AccountClientOrderId> clientIds) throws IOException
    {
        int book = -1;
        long levelPrice = 0;
        long bestBid = 0;
        int bestBidInstrument = -1;
        int levelCount = 0;
        for (int i = 0, bookOrders = orderCount - stopCount; i < bookOrders; i++)
        {
            final int instrument = in.readInt();
            final int side = in.readByte();
            final long id = in.readLong();
            final int account = in.readInt();
            final long session = in.readLong();
            final long clientOrderId = in.readLong();
            final long price = in.readLong();
            final long leaves = in.readLong();
            final int stp = in.readByte();
            final boolean postOnly = in.readBoolean();
            final long display = in.readLong();
            final long hidden = in.readLong();

            if (instrument < 0 || instrument >= instrumentCount || (side != BIDS && side != ASKS))
            {
                throw bad("order " + id + " names instrument index " + instrument + " and side " + side + " (" +
                    instrumentCount + " instruments)");
            }
            final int thisBook = instrument * 2 + side;
            if (thisBook != book)
            {
                if (thisBook < book)
                {
                    throw bad("order " + id + " is listed after a later book's orders");
                }
                book = thisBook;
                levelCount++;
                if (side == BIDS)
                {
                    bestBid = price;
                    bestBidInstrument = instrument;
                }
                else if (bestBidInstrument == instrument && bestBid >= price)
                {
                    throw bad("instrument " + instrumentIds[instrument] + "'s book is crossed: bid " + bestBid +
                        ", ask " + price);
                }
            }
            else if (price != levelPrice)
            {
                if (side == BIDS ? price > levelPrice : price < levelPrice)
                {
                    throw bad("order " + id + " at " + price + " is listed after the worse level " + levelPrice);
                }
                levelCount++;
            }
            levelPrice = price;
            if (levelCount > config.maxPriceLevels())
            {
                throw bad("more than " + config.maxPriceLevels() + " price levels; this engine holds " +
                    config.maxPriceLevels());
            }

            final int slot = checkIdentity(
                i, id, account, clientOrderId, config, ids, positionById, slotsHeld, clientIds);
            if (price % tickSizes[instrument] != 0 || price < lowPrices[instrument] || price > highPrices[instrument])
            {
                throw bad("order " + id + "'s price " + price + " is off tick " + tickSizes[instrument] +
                    " or outside the band " + lowPrices[instrument] + " to " + highPrices[instrument]);
            }
            if (leaves <= 0 || leaves % lotSizes[instrument] != 0 || leaves > maxQuantityLimit)
            {
                throw bad("order " + id + " leaves " + leaves + ", not a positive whole number of lots of " +
                    lotSizes[instrument] + " up to " + maxQuantityLimit);
            }
            if (stp < 0 || stp >= STP_CODES)
            {
                throw bad("order " + id + " has self-trade prevention code " + stp);
            }
            final long lot = lotSizes[instrument];
            if (display < 0 || display % lot != 0 || hidden < 0 || hidden % lot != 0 || display == 0 && hidden != 0 ||
                display != 0 && leaves > display || hidden > maxQuantityLimit - leaves)
            {
                throw bad("order " + id + " shows " + leaves + " of a display quantity of " + display + " and hides " +
                    hidden + ": not an iceberg's slice and hidden part in whole lots of " + lot + " up to " +
                    maxQuantityLimit);
            }

            orderInstrument[i] = instrument;
            orderSide[i] = (byte)side;
            orderId[i] = id;
            orderAccount[i] = account;
            orderSession[i] = session;
            orderClientId[i] = clientOrderId;
            orderPrice[i] = price;
            orderLeaves[i] = leaves;
            orderStp[i] = (byte)stp;
            orderPostOnly[i] = postOnly;
            orderDisplay[i] = display;
            orderHidden[i] = hidden;
            orderSlot[i] = slot;
            orderStopType[i] = -1;
        }
        return levelCount;
    }

    /**
     * Checks an order's id (its sequence handed out, its slot this engine's and no other order's, listed once), its
     * account and its client order id (unique in its account) and returns its slot.
     */
    private int checkIdentity(
        final int i,
        final long id,
        final int account,
        final long clientOrderId,
        final EngineConfig config,
        final OrderIdScheme ids,
        final Long2LongHashMap positionById,
        final IntHashSet slotsHeld,
        final Set<AccountClientOrderId> clientIds)
    {
        final long sequence = ids.sequence(id);
        if (id < 1 || sequence < 1 || sequence >= nextOrderSequence)
        {
            throw bad("order " + id + "'s sequence number " + sequence + " is outside those handed out, 1 to " +
                (nextOrderSequence - 1));
        }
        final int slot = ids.slot(id);
        if (slot == OrderPool.NONE)
        {
            throw bad("order " + id + " names slot " + (id & ids.noSlot()) + ", not one of this engine's " +
                config.maxOrders());
        }
        if (positionById.put(id, i) != NOT_LISTED)
        {
            throw bad("order " + id + " is listed twice");
        }
        if (!slotsHeld.add(slot))
        {
            throw bad("order " + id + "'s slot " + slot + " is another order's too");
        }
        if (account < 0 || account >= accountIds.length)
        {
            throw bad("order " + id + " names account index " + account + " (" + accountIds.length +
                " accounts)");
        }
        if (!clientIds.add(new AccountClientOrderId(account, clientOrderId)))
        {
            throw bad("order " + id + " repeats account " + accountIds[account] + "'s client order id " +
                clientOrderId);
        }
        return slot;
    }

    /**
     * Reads the waiting stop orders, after the books: instrument by instrument, buy stops then sell stops, each in
     * triggering order (buy stops by rising stop price, sell stops by falling), with sound prices and quantities, and
     * none that the instrument's last trade already reached.
     */
    private void readStops(
        final DataInput in,
        final EngineConfig config,
        final long maxQuantityLimit,
        final OrderIdScheme ids,
        final Long2LongHashMap positionById,
        final IntHashSet slotsHeld,
        final Set<AccountClientOrderId> clientIds,
        final int bookLevels) throws IOException
    {
        int levelCount = bookLevels;
        int stopBook = -1;
        long stopLevelPrice = 0;
        for (int i = orderCount - stopCount; i < orderCount; i++)
        {
            final int instrument = in.readInt();
            final int side = in.readByte();
            final long id = in.readLong();
            final int account = in.readInt();
            final long session = in.readLong();
            final long clientOrderId = in.readLong();
            final long price = in.readLong();
            final long quantity = in.readLong();
            final int stp = in.readByte();
            final int type = in.readByte();
            final int timeInForce = in.readByte();
            final long stopPrice = in.readLong();

            if (instrument < 0 || instrument >= instrumentCount || (side != BIDS && side != ASKS))
            {
                throw bad("stop order " + id + " names instrument index " + instrument + " and side " + side + " (" +
                    instrumentCount + " instruments)");
            }
            final int thisBook = instrument * 2 + side;
            if (thisBook < stopBook || thisBook == stopBook &&
                (side == BIDS ? stopPrice < stopLevelPrice : stopPrice > stopLevelPrice))
            {
                throw bad("stop order " + id + " is listed out of triggering order");
            }
            if (thisBook != stopBook || stopPrice != stopLevelPrice)
            {
                levelCount++;
            }
            stopBook = thisBook;
            stopLevelPrice = stopPrice;
            if (levelCount > config.maxPriceLevels())
            {
                throw bad("more than " + config.maxPriceLevels() + " price and stop levels; this engine holds " +
                    config.maxPriceLevels());
            }
            final int slot = checkIdentity(
                i, id, account, clientOrderId, config, ids, positionById, slotsHeld, clientIds);
            final boolean stopLimit = type == OrderType.STOP_LIMIT.ordinal();
            final boolean onTickInBand = stopPrice % tickSizes[instrument] == 0 &&
                stopPrice >= lowPrices[instrument] && stopPrice <= highPrices[instrument] &&
                price % tickSizes[instrument] == 0 && price >= lowPrices[instrument] && price <= highPrices[instrument];
            if (type != OrderType.STOP.ordinal() && !stopLimit || !stopLimit && price != stopPrice || !onTickInBand ||
                timeInForce < 0 || timeInForce >= TimeInForce.values().length)
            {
                throw bad("stop order " + id + " of type code " + type + ", time in force code " + timeInForce +
                    ", price " + price + " and stop price " + stopPrice + " is not a sound stop order in the band " +
                    lowPrices[instrument] + " to " + highPrices[instrument] + " on tick " + tickSizes[instrument]);
            }
            if (traded[instrument] &&
                (side == BIDS ? stopPrice <= lastTradePrices[instrument] : stopPrice >= lastTradePrices[instrument]))
            {
                throw bad("stop order " + id + "'s stop price " + stopPrice + " was reached by the last trade, " +
                    lastTradePrices[instrument]);
            }
            if (quantity <= 0 || quantity % lotSizes[instrument] != 0 || quantity > maxQuantityLimit)
            {
                throw bad("stop order " + id + " quantity " + quantity + ", not a positive whole number of lots of " +
                    lotSizes[instrument] + " up to " + maxQuantityLimit);
            }
            if (stp < 0 || stp >= STP_CODES)
            {
                throw bad("stop order " + id + " has self-trade prevention code " + stp);
            }
            orderInstrument[i] = instrument;
            orderSide[i] = (byte)side;
            orderId[i] = id;
            orderAccount[i] = account;
            orderSession[i] = session;
            orderClientId[i] = clientOrderId;
            orderPrice[i] = price;
            orderLeaves[i] = quantity;
            orderStp[i] = (byte)stp;
            orderSlot[i] = slot;
            orderStopType[i] = (byte)type;
            orderStopTimeInForce[i] = (byte)timeInForce;
            orderStopPrice[i] = stopPrice;
        }
    }

    /**
     * Reads the free slots, once {@link #slotsUsed} and the orders' slots are known: every order's slot and every
     * free slot lie below {@link #slotsUsed}, no free slot is an order's or listed twice, and together (their counts
     * having been checked) they are exactly the slots ever used.
     */
    private void readFreedSlots(final DataInput in, final IntHashSet slotsHeld) throws IOException
    {
        for (int i = 0; i < orderCount; i++)
        {
            if (orderSlot[i] >= slotsUsed)
            {
                throw bad("order " + orderId[i] + "'s slot " + orderSlot[i] + " is beyond the " + slotsUsed +
                    " slots used");
            }
        }
        final IntHashSet seen = new IntHashSet(Math.max(8, freedSlots.length * 2));
        for (int i = 0; i < freedSlots.length; i++)
        {
            final int slot = in.readInt();
            if (slot < 0 || slot >= slotsUsed || slotsHeld.contains(slot) || !seen.add(slot))
            {
                throw bad("free order pool slot " + slot + " is beyond the " + slotsUsed + " slots used, an order's " +
                    "or listed twice");
            }
            freedSlots[i] = slot;
        }
    }

    private void readAccountLists(final DataInput in, final Long2LongHashMap positionById) throws IOException
    {
        int listed = 0;
        for (int account = 0; account < accountIds.length; account++)
        {
            long previous = MatchingEngine.NULL_ID;
            for (long id = in.readLong(); id != MatchingEngine.NULL_ID; id = in.readLong())
            {
                final long position = positionById.remove(id);
                if (position == NOT_LISTED)
                {
                    throw bad("account " + accountIds[account] + "'s list names order " + id +
                        ", which is not resting or is listed twice");
                }
                if (orderAccount[(int)position] != account)
                {
                    throw bad("account " + accountIds[account] + "'s list names order " + id +
                        " of another account");
                }
                if (id <= previous)
                {
                    throw bad("account " + accountIds[account] + "'s list has order " + id + " after " + previous +
                        " (orders rest in id order)");
                }
                previous = id;
                accountListOrders[listed++] = (int)position;
                accountListLength[account]++;
            }
        }
        if (listed != orderCount)
        {
            throw bad("the account lists hold " + listed + " orders, the books " + orderCount);
        }
    }

    /**
     * Problems are built only once found: reading a state of a million orders builds no string.
     */
    private static IllegalStateException bad(final String problem)
    {
        return new IllegalStateException("bad engine state: " + problem);
    }

    /**
     * @return the number of instruments defined.
     */
    public int instrumentCount()
    {
        return instrumentCount;
    }

    /**
     * @param index 0 to {@link #instrumentCount()} - 1, in the order they were first defined.
     * @return that instrument's id.
     */
    public int instrumentId(final int index)
    {
        return instrumentIds[index];
    }

    public long tickSize(final int index)
    {
        return tickSizes[index];
    }

    public long lotSize(final int index)
    {
        return lotSizes[index];
    }

    public long minQuantity(final int index)
    {
        return minQuantities[index];
    }

    public long maxQuantity(final int index)
    {
        return maxQuantities[index];
    }

    public long lowPrice(final int index)
    {
        return lowPrices[index];
    }

    public long highPrice(final int index)
    {
        return highPrices[index];
    }

    public boolean isHalted(final int index)
    {
        return halted[index];
    }

    /**
     * @return the number of resting orders.
     */
    public int orderCount()
    {
        return orderCount;
    }

    /**
     * @param index of a resting order, 0 to {@link #orderCount()} - 1 (the market data proxy reads icebergs here).
     * @return its exchange id.
     */
    public long orderId(final int index)
    {
        return orderId[index];
    }

    /**
     * @return what the resting order shows: all its leaves, or an iceberg's slice; a waiting stop order's quantity.
     */
    public long orderLeaves(final int index)
    {
        return orderLeaves[index];
    }

    /**
     * @return the resting order's display quantity: above 0 for an iceberg, else 0.
     */
    public long orderDisplayQuantity(final int index)
    {
        return orderDisplay[index];
    }

    /**
     * @return what a resting iceberg holds back beyond its slice; 0 for any other order.
     */
    public long orderHiddenQuantity(final int index)
    {
        return orderHidden[index];
    }

    /**
     * @return the number of waiting stop orders: the last of the {@link #orderCount()} orders (the market data proxy
     * reads them here, since a stop's trigger does not say what it becomes).
     */
    public int stopCount()
    {
        return stopCount;
    }

    /**
     * @return the order's limit price: a STOP_LIMIT order's once triggered; a STOP order's is its stop price.
     */
    public long orderPrice(final int index)
    {
        return orderPrice[index];
    }

    /**
     * @return a waiting stop order's type ({@code STOP} or {@code STOP_LIMIT}); null for an order on the book.
     */
    public OrderType orderStopType(final int index)
    {
        return orderStopType[index] < 0 ? null : OrderType.values()[orderStopType[index]];
    }

    /**
     * @return a waiting stop order's time in force, which applies once it is triggered; null for an order on the book.
     */
    public TimeInForce orderStopTimeInForce(final int index)
    {
        return orderStopType[index] < 0 ? null : TimeInForce.fromOrdinal(orderStopTimeInForce[index]);
    }

    /**
     * @return the number of accounts registered.
     */
    public int accountCount()
    {
        return accountIds.length;
    }

    /** A key of the duplicate check: an account's client order id. */
    private record AccountClientOrderId(int account, long clientOrderId)
    {
    }
}
