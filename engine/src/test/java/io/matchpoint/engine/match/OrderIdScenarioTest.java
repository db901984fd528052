package io.matchpoint.engine.match;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static io.matchpoint.engine.match.CancelReason.CLIENT_REQUEST;
import static io.matchpoint.engine.match.CancelReason.NO_LIQUIDITY;
import static io.matchpoint.engine.match.OrderType.LIMIT;
import static io.matchpoint.engine.match.RejectReason.ORDER_CAPACITY_EXHAUSTED;
import static io.matchpoint.engine.match.RejectReason.UNKNOWN_ORDER;
import static io.matchpoint.engine.match.Side.BUY;
import static io.matchpoint.engine.match.Side.SELL;
import static io.matchpoint.engine.match.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The visible id scheme of {@code MATCHING-RULES.md}: an order id is {@code sequence << b | slot}, the slot taken
 * from the pool's free stack (the most recently freed first, else the lowest never taken), and a cancel or replace
 * finds the order through the slot its id names, checked against the id held there. Whatever the id given, forged,
 * stale or out of range, the engine answers with the order that has exactly that id or with {@code UNKNOWN_ORDER},
 * and never throws.
 */
class OrderIdScenarioTest extends ScenarioFixture
{
    @Test
    void shouldMarkTheIdOfAnOrderThatNeverRestsWithNoSlot()
    {
        givenBid(ALICE, 1, 100, 20);

        buyIoc(BOB, 1, 95, 20);
        buy(CAROL, 1, 95, 20);

        // a pool of 64 orders: 7 slot bits; the IOC order (sequence 2) takes none, 127, so Carol's takes slot 1
        assertEquals(List.of(
            accepted(2 << 7 | 127, BOB, 1, BUY, LIMIT, IOC, 95, 20),
            cancelled(2 << 7 | 127, BOB, 1, BUY, 20, NO_LIQUIDITY),
            accepted(3 << 7 | 1, CAROL, 1, BUY, 95, 20),
            bidLevel(95, 20, 1)), events());
    }

    @Test
    void shouldTakeTheMostRecentlyFreedSlotFirstThenTheLowestNeverTaken()
    {
        final long first = givenBid(ALICE, 1, 100, 20);
        givenBid(ALICE, 2, 95, 20);
        final long third = givenBid(ALICE, 3, 90, 20);
        engine.cancelOrder(ALICE, first);
        engine.cancelOrder(ALICE, third);
        events();

        final long fourth = givenBid(BOB, 1, 85, 20);
        final long fifth = givenBid(BOB, 2, 80, 20);
        final long sixth = givenBid(BOB, 3, 75, 20);

        assertEquals(List.of(id(4, 2), id(5, 0), id(6, 3)), List.of(fourth, fifth, sixth));
    }

    @Test
    void shouldFreeATakersSlotAfterTheSlotsOfTheMakersItFilled()
    {
        givenAsk(BOB, 1, 100, 20);
        givenAsk(CAROL, 1, 105, 20);
        buy(ALICE, 1, 105, 40);
        events();

        // freed in turn: Bob's slot 0, Carol's slot 1, then Alice's own slot 2 once her matching ended
        final long next = givenBid(ALICE, 2, 90, 20);
        final long after = givenBid(ALICE, 3, 85, 20);
        final long last = givenBid(ALICE, 4, 80, 20);

        assertEquals(List.of(id(4, 2), id(5, 1), id(6, 0)), List.of(next, after, last));
    }

    @Test
    void shouldKeepTheIdAndSlotThroughAReplaceThatLosesPriority()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        givenBid(BOB, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 95, 30);
        final long carol = givenBid(CAROL, 1, 90, 20);
        engine.cancelOrder(ALICE, alice);

        assertEquals(id(1, 0), alice);
        assertEquals(id(3, 2), carol, "slot 0 stayed Alice's");
        assertEquals(List.of(
            cancelled(alice, ALICE, 1, BUY, 30, CLIENT_REQUEST),
            bidLevel(95, 0, 0)), events());
    }

    @Test
    void shouldFreeTheSlotOfAnOrderFilledByItsOwnReplaceAfterTheMakers()
    {
        final long bob = givenAsk(BOB, 1, 105, 20);
        final long alice = givenBid(ALICE, 1, 100, 20);

        engine.replaceOrder(ALICE, alice, 1, 105, 20);
        events();
        final long next = givenBid(CAROL, 1, 90, 20);
        final long after = givenBid(CAROL, 2, 85, 20);

        assertEquals(List.of(id(1, 0), id(2, 1)), List.of(bob, alice));
        assertEquals(List.of(id(3, 1), id(4, 0)), List.of(next, after));
    }

    @Test
    void shouldNotFindAnOrderByTheStaleIdOfASlotTakenAgain()
    {
        final long stale = givenBid(ALICE, 1, 100, 20);
        engine.cancelOrder(ALICE, stale);
        events();
        final long bob = givenBid(BOB, 1, 95, 30);
        final long alice = givenBid(ALICE, 1, 90, 40);
        final List<BookEntry> bookBefore = book();

        engine.cancelOrder(ALICE, stale);
        engine.cancelOrder(BOB, stale);
        engine.replaceOrder(ALICE, stale, 1, 90, 20);
        engine.replaceOrder(BOB, stale, 1, 95, 20);

        assertEquals(id(2, 0), bob, "Bob's order took the slot of Alice's cancelled one");
        assertEquals(id(3, 1), alice);
        assertEquals(List.of(
            cancelRejected(ALICE, stale, NULL_ID),
            cancelRejected(BOB, stale, NULL_ID),
            replaceRejected(ALICE, stale, 1, UNKNOWN_ORDER),
            replaceRejected(BOB, stale, 1, UNKNOWN_ORDER)), events());
        assertEquals(bookBefore, book());
    }

    @Test
    void shouldAnswerForgedIdsAsUnknownOrdersWithoutTouchingAny()
    {
        final long alice = givenBid(ALICE, 1, 100, 20);
        final long bob = givenAsk(BOB, 1, 105, 30);
        buyIoc(CAROL, 1, 95, 20);
        final long ioc = acceptedId(events());
        final List<BookEntry> bookBefore = book();
        final long digestBefore = engine.digest();
        final long[] forged = {
            NULL_ID, -1, Long.MIN_VALUE, Long.MAX_VALUE, -alice, alice | Long.MIN_VALUE,
            ioc,                // an IOC order's id: its slot part, 127, is no slot
            id(1, 64),          // Alice's sequence with a slot beyond the pool of 64
            id(1, 1),           // Alice's sequence with Bob's slot
            id(2, 0),           // Bob's sequence with Alice's slot
            id(4, 0),           // a sequence not handed out yet, in a slot that holds an order
            id(4, 2),           // the id the next resting order will get
            alice + (1L << 7),  // Alice's slot, the next sequence
            alice ^ (1L << 40), // one high bit flipped
            id(1, 127),         // Alice's sequence with the no-slot mark
        };

        for (final long orderId : forged)
        {
            for (final long account : new long[]{ ALICE, BOB, CAROL })
            {
                engine.cancelOrder(account, orderId);
                engine.replaceOrder(account, orderId, 9, 100, 20);
                assertEquals(List.of(
                    cancelRejected(account, orderId, NULL_ID),
                    replaceRejected(account, orderId, 9, UNKNOWN_ORDER)), events(), "id " + orderId);
            }
        }
        assertEquals(bookBefore, book());
        assertEquals(digestBefore, engine.digest());
    }

    /**
     * A million random ids, half of them random bits and half a live or dead order's sequence with random low bits,
     * to cancel or replace: each is an unknown order (the few that are live ids are skipped), nothing throws, and the
     * book is as it was.
     */
    @Test
    void shouldNeverThrowOrTouchAnOrderForRandomIds()
    {
        final List<Long> live = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            live.add(givenBid(i % 2 == 0 ? ALICE : BOB, 100 + i, 100 - 5 * (i % 8), 20));
        }
        for (int i = 0; i < 40; i += 3)
        {
            engine.cancelOrder(i % 2 == 0 ? ALICE : BOB, live.get(i));
        }
        events();
        final long digestBefore = engine.digest();
        final SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 1_000_000; i++)
        {
            final long orderId = i % 2 == 0 ? random.nextLong() :
                (live.get(random.nextInt(live.size())) & ~127L) | random.nextInt(128);
            if (live.contains(orderId))
            {
                continue;
            }
            final long account = random.nextBoolean() ? ALICE : BOB;
            if (random.nextBoolean())
            {
                engine.cancelOrder(account, orderId);
                assertEquals(List.of(cancelRejected(account, orderId, NULL_ID)), events(), () -> "id " + orderId);
            }
            else
            {
                engine.replaceOrder(account, orderId, 1, 100, 20);
                assertEquals(List.of(replaceRejected(account, orderId, 1, UNKNOWN_ORDER)), events(),
                    () -> "id " + orderId);
            }
        }
        assertEquals(digestBefore, engine.digest());
    }

    @Test
    void shouldRejectEveryNewOrderOnceTheOrderSequenceIsUsedUp() throws IOException
    {
        final long lastSequence = Long.MAX_VALUE >>> 7;
        final SavedStateImage image = SavedStateImage.of(engine);
        image.nextOrderSequence = lastSequence;
        listener = new RecordingListener();
        engine = new MatchingEngine(config(), listener);
        engine.loadState(new DataInputStream(new ByteArrayInputStream(image.toBytes())));

        sell(ALICE, 1, 100, 20);
        sell(ALICE, 2, 105, 20);
        buyIoc(BOB, 1, 100, 20);
        buy(BOB, 2, 100, 20);

        assertEquals(List.of(
            accepted(Long.MAX_VALUE - 127, ALICE, 1, SELL, 100, 20),
            askLevel(100, 20, 1),
            rejected(ALICE, 2, ORDER_CAPACITY_EXHAUSTED),
            rejected(BOB, 1, ORDER_CAPACITY_EXHAUSTED),
            rejected(BOB, 2, ORDER_CAPACITY_EXHAUSTED)), events());
        assertEquals(lastSequence + 1, engine.nextOrderSequence());

        engine.cancelOrder(ALICE, Long.MAX_VALUE - 127);

        assertEquals(List.of(
            cancelled(Long.MAX_VALUE - 127, ALICE, 1, SELL, 20, CLIENT_REQUEST),
            askLevel(100, 0, 0)), events());
    }
}
