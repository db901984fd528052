package io.matchpoint.engine.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A saved state loads into a fresh engine that answers every later command as the saved one would; a state that
 * breaks any invariant of the engine, or does not fit its capacity, is refused with the problem named, and the engine
 * it was meant for is left fresh.
 */
class SavedEngineStateTest
{
    private static final int BIDS = 0;
    private static final int ASKS = 1;
    private static final long ALICE = 100;
    private static final long BOB = 200;
    private static final long CAROL = 300;

    /**
     * Every mix of the differential test, 20,000 commands each: the engine is saved and replaced by a fresh one loaded
     * from the save every 500 commands, and each command's events must still equal the reference model's. Each load
     * must also give the same digest and save the same bytes, and the test's own reading of the layout must give them
     * back unchanged.
     */
    @ParameterizedTest
    @EnumSource(RandomCommands.Mix.class)
    void shouldAnswerAsTheSavedEngineWouldAfterEveryLoad(final RandomCommands.Mix mix) throws IOException
    {
        final RecordingListener modelEvents = new RecordingListener();
        final ReferenceEngine model = new ReferenceEngine(mix.config(), modelEvents);
        final RandomCommands generator = new RandomCommands(0x5A7E_0000L + mix.ordinal(), mix, model);
        RecordingListener engineEvents = new RecordingListener();
        MatchingEngine engine = new MatchingEngine(mix.config(), engineEvents);
        int loads = 0;
        int restingAtLoads = 0;
        for (int i = 0; i < 20_000; i++)
        {
            if (i % 500 == 499)
            {
                final byte[] saved = SavedStateImage.save(engine);
                assertArrayEquals(saved, SavedStateImage.read(saved).toBytes(), "the test's reading of the layout");
                final RecordingListener loadedEvents = new RecordingListener();
                final MatchingEngine loaded = new MatchingEngine(mix.config(), loadedEvents);
                loaded.loadState(new DataInputStream(new ByteArrayInputStream(saved)));
                assertEquals(engine.digest(), loaded.digest(), "digest after load at command " + i);
                assertEquals(engine.restingOrderCount(), loaded.restingOrderCount());
                assertEquals(engine.priceLevelCount(), loaded.priceLevelCount());
                assertArrayEquals(saved, SavedStateImage.save(loaded), "a loaded engine saves what it loaded");
                assertTrue(loadedEvents.events().isEmpty(), "loading reports nothing");
                engine = loaded;
                engineEvents = loadedEvents;
                loads++;
                restingAtLoads += engine.restingOrderCount();
            }
            final Command command = generator.next();
            command.applyTo(model);
            command.applyTo(EngineCommands.of(engine));
            final List<EngineEvent> expected = modelEvents.drain();
            final List<EngineEvent> actual = engineEvents.drain();
            if (!expected.equals(actual))
            {
                fail("mix " + mix + ", command #" + i + " " + command.toJava() + " (" + loads + " loads so far)\n" +
                    "  expected " + expected + "\n  actual   " + actual);
            }
        }
        assertEquals(40, loads);
        assertTrue(restingAtLoads > 40, "the saves held resting orders: " + restingAtLoads);
    }

    @Test
    void shouldKeepTheSessionThatEnteredEachOrder() throws IOException
    {
        final long[] sessions = { MatchingEngine.NO_SESSION, (1L << 40) + 7, -7 };
        final RecordingListener sourceEvents = new RecordingListener();
        final MatchingEngine source = new MatchingEngine(config(), sourceEvents);
        source.defineInstrument(1, "AAA", 5, 10, 10, 10_000, 100, 1_000);
        for (int i = 0; i < 8; i++)
        {
            source.newOrder(ALICE, sessions[i % 3], 1 + i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 500 - 5 * i,
                10, false, SelfTradePrevention.CANCEL_TAKER);
        }
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config(), loadedEvents);
        load(loaded, SavedStateImage.save(source));
        sourceEvents.drain();

        source.cancelSessionOrders(ALICE, sessions[1]);
        loaded.cancelSessionOrders(ALICE, sessions[1]);

        final List<EngineEvent> expected = sourceEvents.drain();
        assertEquals(new EngineEvent.MassCancelled(ALICE, MatchingEngine.ALL_INSTRUMENTS, 3),
            expected.get(expected.size() - 1), "orders 2, 5 and 8 were that session's");
        assertEquals(expected, loadedEvents.drain());
        assertEquals(source.digest(), loaded.digest());
        assertEquals(5, loaded.restingOrderCount());
    }

    /**
     * The free slots are saved in their stack order, so later orders take the slots, hence get the ids, that they
     * would have got in the saved engine: 12 and 11 (freed last first), then the first slot never used, 13.
     */
    @ParameterizedTest
    @ValueSource(ints = { 64, 100 })
    void shouldGiveLaterOrdersTheIdsTheSavedEngineWouldGive(final int maxOrders) throws IOException
    {
        final RecordingListener sourceEvents = new RecordingListener();
        final MatchingEngine source = sourceEngine(sourceEvents);
        final RecordingListener loadedEvents = new RecordingListener();
        final MatchingEngine loaded = new MatchingEngine(config().maxOrders(maxOrders), loadedEvents);
        load(loaded, SavedStateImage.save(source));
        assertEquals(source.digest(), loaded.digest(), "a pool of " + maxOrders + " has the same 7 slot bits");
        sourceEvents.drain();

        for (final MatchingEngine engine : new MatchingEngine[]{ source, loaded })
        {
            gtc(engine, CAROL, 6, 1, Side.BUY, 300, 10);
            gtc(engine, CAROL, 7, 1, Side.BUY, 305, 10);
            gtc(engine, CAROL, 8, 1, Side.BUY, 310, 10);
            engine.newOrder(CAROL, 9, 1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 300, 10, false,
                SelfTradePrevention.CANCEL_TAKER);
        }

        final List<EngineEvent> expected = sourceEvents.drain();
        assertEquals(expected, loadedEvents.drain());
        assertEquals(List.of(15L << 7 | 12, 16L << 7 | 11, 17L << 7 | 13, 18L << 7 | 127), expected.stream()
            .filter(event -> event instanceof EngineEvent.OrderAccepted)
            .map(event -> ((EngineEvent.OrderAccepted)event).orderId())
            .toList());
        assertEquals(source.digest(), loaded.digest());
    }

    @Test
    void shouldRefuseAStateThatEndsEarlyAndLeaveTheEngineFresh()
    {
        final MatchingEngine source = sourceEngine();
        final byte[] saved = SavedStateImage.save(source);
        final MatchingEngine target = new MatchingEngine(config(), new RecordingListener());
        assertThrows(EOFException.class, () -> load(target, Arrays.copyOf(saved, saved.length - 3)));
        assertFreshThenLoadsTheGoodState(target, saved, source);
    }

    @Test
    void shouldRefuseToLoadIntoAnEngineThatIsNotFresh() throws IOException
    {
        final MatchingEngine source = sourceEngine();
        final byte[] saved = SavedStateImage.save(source);
        final MatchingEngine target = sourceEngine();
        final long digest = target.digest();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> load(target, saved));
        assertTrue(ex.getMessage().contains("fresh engine"), ex.getMessage());
        assertEquals(digest, target.digest());

        final MatchingEngine other = new MatchingEngine(config(), new RecordingListener());
        final SavedEngineState readForOther = other.readState(new DataInputStream(new ByteArrayInputStream(saved)));
        final MatchingEngine fresh = new MatchingEngine(config(), new RecordingListener());
        final IllegalStateException notMine =
            assertThrows(IllegalStateException.class, () -> fresh.loadState(readForOther));
        assertTrue(notMine.getMessage().contains("another engine"), notMine.getMessage());
        assertFreshThenLoadsTheGoodState(fresh, saved, source);
    }

    static Stream<Arguments> brokenStates()
    {
        return Stream.of(
            broken("an id counter at zero", image -> image.nextTradeId = 0, "both start at 1"),
            broken("an order sequence beyond its end", image -> image.nextOrderSequence = Long.MAX_VALUE,
                "the order sequence ends at " + ((Long.MAX_VALUE >>> 7) + 1)),
            broken("order ids laid out for another pool", image -> image.slotBits = 8,
                "order ids with 8 slot bits; this engine's have 7 (a pool of 64 orders)"),
            broken("an order sequence counter behind the orders", image -> image.nextOrderSequence = 2,
                "order 257's sequence number 2 is outside those handed out, 1 to 1"),
            broken("an order id of zero", image -> image.orders.get(0).id = 0,
                "order 0's sequence number 0 is outside those handed out"),
            broken("a negative order id", image -> image.orders.get(0).id = -image.orders.get(0).id,
                "is outside those handed out"),
            broken("an order id twice", image -> image.orders.get(1).id = image.orders.get(0).id, "is listed twice"),
            broken("an order id naming no slot", image -> reslot(image, 0, 127),
                "order 255 names slot 127, not one of this engine's 64"),
            broken("an order id naming a slot beyond the pool", image -> reslot(image, 0, 64),
                "order 192 names slot 64, not one of this engine's 64"),
            broken("two orders in one slot", image -> reslot(image, 1, slotOf(image.orders.get(0))),
                "order 256's slot 0 is another order's too"),
            broken("an order in a slot never used", image ->
            {
                image.slotsUsed = 11;
                image.freedCount = 0;
                image.freedSlots.clear();
                reslot(image, 0, 11);
            }, "order 139's slot 11 is beyond the 11 slots used"),
            broken("more slots used than the pool holds", image -> image.slotsUsed = 65,
                "65 order pool slots used, for 11 resting orders; this engine holds 64"),
            broken("fewer slots used than orders rest", image -> image.slotsUsed = 10,
                "10 order pool slots used, for 11 resting orders"),
            broken("a free slot missing", image ->
            {
                image.freedCount = 1;
                image.freedSlots.remove(1);
            }, "1 free order pool slots listed; 13 used less 11 resting orders leave 2"),
            broken("a free slot that an order holds", image -> image.freedSlots.set(0, 3),
                "free order pool slot 3 is beyond the 13 slots used, an order's or listed twice"),
            broken("a free slot twice", image -> image.freedSlots.set(1, image.freedSlots.get(0)),
                "free order pool slot 12 is beyond the 13 slots used, an order's or listed twice"),
            broken("a free slot never used", image -> image.freedSlots.set(0, 13),
                "free order pool slot 13 is beyond the 13 slots used"),
            broken("a price off tick", image -> image.best(0, BIDS).price += 1, "is off tick 5"),
            broken("a price above the band", image -> last(image, 0, ASKS).price = 1_005, "'s price 1005 is off tick"),
            broken("a crossed book", image -> image.best(0, ASKS).price = image.best(0, BIDS).price,
                "instrument 1's book is crossed: bid 500, ask 500"),
            broken("levels out of priority order", image -> Collections.swap(
                image.orders, image.orders.indexOf(image.best(0, BIDS)), image.firstBehindBest(0, BIDS)),
                "is listed after the worse level"),
            broken("books out of order", image -> Collections.swap(
                image.orders, 0, image.orders.indexOf(image.best(1, BIDS))), "is listed after a later book's orders"),
            broken("a client order id twice in one account", image ->
            {
                final SavedStateImage.Order first = byAccount(image, 0, 0);
                byAccount(image, 0, 1).clientOrderId = first.clientOrderId;
            }, "repeats account 100's client order id"),
            broken("leaves that are not whole lots", image -> image.best(0, BIDS).leaves = 15,
                "leaves 15, not a positive whole number of lots of 10"),
            broken("leaves of zero", image -> image.best(1, ASKS).leaves = 0, "leaves 0"),
            broken("a hidden part on an order that is not an iceberg", image -> image.best(0, BIDS).hiddenQuantity = 10,
                "of a display quantity of 0 and hides 10: not an iceberg's slice and hidden part"),
            broken("an iceberg showing more than its display quantity",
                image -> iceberg(image.best(0, BIDS), 30, 20, 0),
                "shows 30 of a display quantity of 20 and hides 0"),
            broken("a display quantity off lot", image -> iceberg(image.best(0, BIDS), 30, 35, 10),
                "shows 30 of a display quantity of 35 and hides 10"),
            broken("a hidden part off lot", image -> iceberg(image.best(0, BIDS), 30, 30, 15),
                "and hides 15: not an iceberg's slice and hidden part in whole lots of 10"),
            broken("a negative hidden part", image -> iceberg(image.best(0, BIDS), 30, 30, -10), "and hides -10"),
            broken("a stop order of a type that does not wait", image -> stop(image, 600).orderType = 0,
                "of type code 0, time in force code 0, price 600 and stop price 600 is not a sound stop order"),
            broken("a stop order priced apart from its stop price", image -> stop(image, 600).price = 700,
                "price 700 and stop price 600 is not a sound stop order"),
            broken("a stop price off tick", image ->
            {
                final SavedStateImage.Stop stop = stop(image, 603);
                stop.price = 603;
            }, "stop price 603 is not a sound stop order in the band 100 to 1000 on tick 5"),
            broken("a stop the last trade already reached", image -> stop(image, 500),
                "'s stop price 500 was reached by the last trade, 500"),
            broken("stops out of triggering order", image ->
            {
                stop(image, 700);
                stop(image, 600).id -= 1;
            }, "is listed out of triggering order"),
            broken("a stop quantity off lot", image -> stop(image, 600).quantity = 15,
                "quantity 15, not a positive whole number of lots of 10"),
            broken("an unknown self-trade prevention", image -> image.orders.get(0).selfTradePrevention = 9,
                "self-trade prevention code 9"),
            broken("an unknown side", image -> image.orders.get(0).side = 2, "and side 2"),
            broken("an unknown instrument index", image -> image.orders.get(0).instrument = 5, "instrument index 5"),
            broken("an unknown account index", image -> image.orders.get(0).account = 3, "account index 3"),
            broken("an instrument with no tick", image -> image.instruments.get(0).tickSize = 0,
                "instrument 1's definition would be refused: INVALID_INSTRUMENT_DEFINITION"),
            broken("a band wider than the ladder", image -> image.instruments.get(1).highPrice = 500,
                "instrument 2's definition would be refused: PRICE_BAND_TOO_WIDE"),
            broken("an instrument twice", image -> image.instruments.get(1).id = 1, "instrument 1 listed twice"),
            broken("an account twice", image -> image.accounts.set(1, ALICE), "account 100 listed twice"),
            broken("an order in another account's list", image ->
            {
                final long moved = image.accountLists.get(0).remove(0);
                image.accountLists.get(1).add(moved);
                Collections.sort(image.accountLists.get(1));
            }, "of another account"),
            broken("an order missing from the account lists", image -> image.accountLists.get(1).remove(0),
                "the account lists hold"),
            broken("an order twice in an account list", image ->
                image.accountLists.get(0).add(image.accountLists.get(0).get(image.accountLists.get(0).size() - 1)),
                "which is not resting or is listed twice"),
            broken("an account list out of id order", image -> Collections.reverse(image.accountLists.get(0)),
                "(orders rest in id order)"),
            broken("killed accounts out of order", image -> image.killedAccounts.addAll(List.of(7L, 5L)),
                "killed account 5 after 7 (they are saved in ascending order, each once)"),
            broken("a killed account twice", image -> image.killedAccounts.addAll(List.of(7L, 7L)),
                "killed account 7 after 7"),
            broken("a killed account with orders resting", image -> image.killedAccounts.add(ALICE),
                "killed account 100 has"),
            broken("a collar in ticks and in basis points", image ->
            {
                image.instruments.get(0).collarTicks = 3;
                image.instruments.get(0).collarBasisPoints = 50;
            }, "price collar is 3 ticks and 50 basis points"),
            broken("a collar of more than 100%", image -> image.instruments.get(0).collarBasisPoints = 10_001,
                "price collar is 0 ticks and 10001 basis points"),
            broken("a default risk limit below NO_LIMIT", image -> image.defaultLimits[2] = -2,
                "a default risk limit below -1"),
            broken("risk limits of an account not listed", image ->
                image.ownLimits.add(new long[]{ 99, -1, -1, -1, -1, -1, -1 }), "risk limits for account index 99"),
            broken("an account's risk limit below NO_LIMIT", image ->
                image.ownLimits.add(new long[]{ 0, -1, -1, -1, Long.MIN_VALUE, -1, -1 }),
                "a risk limit of account 100 below -1"),
            broken("an account's risk limits twice", image ->
            {
                image.ownLimits.add(new long[]{ 1, -1, -1, -1, -1, -1, -1 });
                image.ownLimits.add(new long[]{ 1, 5, -1, -1, -1, -1, -1 });
            }, "risk limits for account index 1 (of 3 accounts, each once, ascending)"),
            broken("a net position of 0", image ->
            {
                image.positions.clear();
                image.positions.add(new long[]{ 0, 0, 0 });
            }, "net position 0 of account index 0 on instrument index 0"),
            broken("a net position on an instrument not listed", image ->
            {
                image.positions.clear();
                image.positions.add(new long[]{ 0, 7, 10 });
            }, "net position 10 of account index 0 on instrument index 7"),
            broken("net positions out of order", image ->
            {
                image.positions.clear();
                image.positions.add(new long[]{ 1, 0, 10 });
                image.positions.add(new long[]{ 0, 1, -10 });
            }, "net position -10 of account index 0 on instrument index 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStates")
    void shouldRefuseABrokenStateNamingTheProblemAndLeaveTheEngineFresh(
        final String name, final Consumer<SavedStateImage> edit, final String problem)
    {
        final MatchingEngine source = sourceEngine();
        final byte[] saved = SavedStateImage.save(source);
        final SavedStateImage image = SavedStateImage.read(saved);
        edit.accept(image);
        final MatchingEngine target = new MatchingEngine(config(), new RecordingListener());

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> load(target, image.toBytes()));
        assertTrue(ex.getMessage().startsWith("bad engine state: ") && ex.getMessage().contains(problem),
            "expected \"" + problem + "\" in: " + ex.getMessage());
        assertFreshThenLoadsTheGoodState(target, saved, source);
    }

    static Stream<Arguments> smallerEngines()
    {
        return Stream.of(
            Arguments.of(config().maxInstruments(1), "2 instruments; this engine holds 1"),
            Arguments.of(config().maxAccounts(2), "3 accounts; this engine holds 2"),
            Arguments.of(
                config().maxOrders(4), "order ids with 7 slot bits; this engine's have 3 (a pool of 4 orders)"),
            Arguments.of(config().maxOrders(128), "order ids with 7 slot bits; this engine's have 8"),
            Arguments.of(config().maxPriceLevels(3), "price levels; this engine holds 3"),
            Arguments.of(config().ticksPerBook(64), "PRICE_BAND_TOO_WIDE"));
    }

    @ParameterizedTest
    @MethodSource("smallerEngines")
    void shouldRefuseAStateThatDoesNotFitTheEngine(final EngineConfig smaller, final String problem)
    {
        final byte[] saved = SavedStateImage.save(sourceEngine());
        final MatchingEngine target = new MatchingEngine(smaller, new RecordingListener());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> load(target, saved));
        assertTrue(ex.getMessage().contains(problem), "expected \"" + problem + "\" in: " + ex.getMessage());
        assertFresh(target);
    }

    @Test
    void shouldCheckAgainstTheCapacityTheEngineWasBuiltWithNotItsBuildersLater()
    {
        final byte[] saved = SavedStateImage.save(sourceEngine());
        final EngineConfig builder = config().maxOrders(4);
        final MatchingEngine target = new MatchingEngine(builder, new RecordingListener());
        builder.maxOrders(64); // a caller reusing its builder for another engine
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> load(target, saved));
        assertTrue(ex.getMessage().contains("this engine's have 3 (a pool of 4 orders)"), ex.getMessage());
        assertFresh(target);
    }

    private static Arguments broken(final String name, final Consumer<SavedStateImage> edit, final String problem)
    {
        return Arguments.of(name, edit, problem);
    }

    private static int slotOf(final SavedStateImage.Order order)
    {
        return (int)(order.id & 127);
    }

    /**
     * Moves the {@code index}-th order (in book order) to another slot: its id keeps its sequence and changes its low
     * 7 bits, in the books and in its account's list.
     */
    private static void iceberg(
        final SavedStateImage.Order order, final long leaves, final long displayQuantity, final long hiddenQuantity)
    {
        order.leaves = leaves;
        order.displayQuantity = displayQuantity;
        order.hiddenQuantity = hiddenQuantity;
    }

    /**
     * Adds a sound waiting buy stop order on the first instrument at {@code stopPrice} (a STOP, so priced there too)
     * in free slot 12, for a broken case to spoil; its account's list does not hold it, so the case must fail first.
     */
    private static SavedStateImage.Stop stop(final SavedStateImage image, final long stopPrice)
    {
        final SavedStateImage.Stop stop = new SavedStateImage.Stop();
        stop.instrument = 0;
        stop.side = BIDS;
        stop.id = (14L << 7) | 12;
        stop.clientOrderId = 99;
        stop.price = stopPrice;
        stop.quantity = 10;
        stop.orderType = OrderType.STOP.ordinal();
        stop.stopPrice = stopPrice;
        image.stops.add(stop);
        return stop;
    }

    private static void reslot(final SavedStateImage image, final int index, final int slot)
    {
        final SavedStateImage.Order order = image.orders.get(index);
        final long newId = (order.id & ~127L) | slot;
        final List<Long> list = image.accountLists.get(order.account);
        list.set(list.indexOf(order.id), newId);
        order.id = newId;
    }

    private static SavedStateImage.Order last(final SavedStateImage image, final int instrument, final int side)
    {
        SavedStateImage.Order last = null;
        for (final SavedStateImage.Order order : image.orders)
        {
            if (order.instrument == instrument && order.side == side)
            {
                last = order;
            }
        }
        return last;
    }

    private static SavedStateImage.Order byAccount(final SavedStateImage image, final int account, final int nth)
    {
        return image.orders.stream().filter(order -> order.account == account).skip(nth).findFirst().orElseThrow();
    }

    private static EngineConfig config()
    {
        return new EngineConfig().maxOrders(64).maxPriceLevels(32).maxAccounts(8).maxInstruments(4).ticksPerBook(256);
    }

    /**
     * Two instruments with orders on both sides at several levels, from three accounts, one of them partly filled; 13
     * order pool slots used, of which 12 and 11 (top first) are free again. Ids have 7 slot bits: Alice's first
     * order, sequence 1 in slot 0, is 128; Bob's, sequence 2 in slot 1, is 257.
     */
    private static MatchingEngine sourceEngine()
    {
        return sourceEngine(new RecordingListener());
    }

    private static MatchingEngine sourceEngine(final RecordingListener events)
    {
        final MatchingEngine engine = new MatchingEngine(config(), events);
        engine.defineInstrument(1, "AAA", 5, 10, 10, 10_000, 100, 1_000);
        engine.defineInstrument(2, "BBB", 1, 1, 1, 500, -50, 50);
        gtc(engine, ALICE, 1, 1, Side.BUY, 500, 50);
        gtc(engine, BOB, 1, 1, Side.BUY, 500, 20);
        gtc(engine, ALICE, 2, 1, Side.BUY, 495, 30);
        gtc(engine, CAROL, 1, 1, Side.BUY, 490, 10);
        gtc(engine, BOB, 2, 1, Side.SELL, 505, 40);
        gtc(engine, ALICE, 3, 1, Side.SELL, 510, 60);
        gtc(engine, CAROL, 2, 1, Side.SELL, 520, 10);
        gtc(engine, BOB, 3, 2, Side.BUY, -3, 7);
        gtc(engine, CAROL, 3, 2, Side.BUY, -5, 2);
        gtc(engine, ALICE, 4, 2, Side.SELL, 4, 9);
        gtc(engine, BOB, 4, 2, Side.SELL, 8, 1);
        gtc(engine, BOB, 5, 1, Side.BUY, 480, 10);
        gtc(engine, CAROL, 5, 2, Side.SELL, 20, 3);
        engine.cancelOrderByClientId(BOB, 5);
        engine.cancelOrderByClientId(CAROL, 5);
        engine.newOrder(CAROL, 4, 1, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, 500, 20, false,
            SelfTradePrevention.CANCEL_TAKER);
        assertTrue(events.events().stream().anyMatch(event -> event instanceof EngineEvent.Trade));
        assertEquals(11, engine.restingOrderCount(), "the IOC filled part of Alice's oldest bid");
        return engine;
    }

    private static void gtc(
        final MatchingEngine engine,
        final long account,
        final long clientOrderId,
        final int instrument,
        final Side side,
        final long price,
        final long quantity)
    {
        engine.newOrder(account, clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity,
            false, SelfTradePrevention.CANCEL_TAKER);
    }

    private static void load(final MatchingEngine engine, final byte[] state) throws IOException
    {
        engine.loadState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    private static void assertFresh(final MatchingEngine engine)
    {
        assertEquals(0, engine.instrumentCount());
        assertEquals(0, engine.accountCount());
        assertEquals(0, engine.restingOrderCount());
        assertEquals(0, engine.priceLevelCount());
        assertEquals(1, engine.nextOrderSequence());
        assertEquals(1, engine.nextTradeId());
    }

    private static void assertFreshThenLoadsTheGoodState(
        final MatchingEngine engine, final byte[] good, final MatchingEngine source)
    {
        assertFresh(engine);
        try
        {
            load(engine, good);
        }
        catch (final IOException ex)
        {
            fail(ex);
        }
        assertEquals(source.digest(), engine.digest());
        assertArrayEquals(good, SavedStateImage.save(engine));
    }
}
