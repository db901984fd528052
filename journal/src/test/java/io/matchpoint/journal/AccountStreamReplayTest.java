package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A reconnecting session's stream read back from a real event journal: the account's messages from the number asked,
 * in order, each once, never past the bound; and the search spread over many turns of a bounded number of entries
 * or time, so that the sender thread that runs it never stalls the other sessions for a long walk.
 */
class AccountStreamReplayTest
{
    private static final long ALICE = 7;
    private static final long BOB = 9;
    /** Bob's traffic between each two of Alice's messages. */
    private static final int GAP = 1_000;
    private static final int ALICE_MESSAGES = 20;
    /** Entries a call looks at, in both directions: small, so that the walks take many calls. */
    private static final int BUDGET = 64;
    /** The entry budgets alone decide, so that the counts of calls are exact. */
    private static final long NO_TIME_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path data;

    @Test
    void shouldHandOverTheStreamFromTheNumberAskedInOrderOnceAndNotPastTheBound()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, 5, BUDGET, BUDGET, Long.MAX_VALUE, NO_TIME_LIMIT))
        {
            final List<Long> handed = drain(replay, 12);
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), handed);
            assertFalse(turn(replay, new EventSlot(), 12), "nothing past the bound");
            assertEquals(List.of(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), drain(replay, ALICE_MESSAGES));
            assertFalse(turn(replay, new EventSlot(), Long.MAX_VALUE), "nothing after the journal's last");
        }
    }

    @Test
    void shouldFindWhereToStartAndEachMessageOverManyCallsOfABoundedNumberOfEntries()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, 2, BUDGET, BUDGET, Long.MAX_VALUE, NO_TIME_LIMIT))
        {
            final EventSlot slot = new EventSlot();
            int callsBeforeFirst = 0;
            while (!turn(replay, slot, ALICE_MESSAGES))
            {
                callsBeforeFirst++;
                assertTrue(callsBeforeFirst < 100_000, "the replay makes progress");
            }
            assertEquals(2, seqNum(slot));
            // walking back from the end to Alice's second message: Bob's tail, then Alice's 20th to 2nd with 18 gaps
            final int entriesWalked = GAP + (ALICE_MESSAGES - 1) + (ALICE_MESSAGES - 2) * GAP;
            assertTrue(callsBeforeFirst >= entriesWalked / BUDGET - 1,
                callsBeforeFirst + " calls for " + entriesWalked + " entries at " + BUDGET + " a call");

            int callsForSecond = 0;
            while (!turn(replay, slot, ALICE_MESSAGES))
            {
                callsForSecond++;
            }
            assertEquals(3, seqNum(slot));
            assertEquals(GAP / BUDGET, callsForSecond, "one gap of " + GAP + " entries at " + BUDGET + " a call");
        }
    }

    @Test
    void shouldStartAtTheJournalsBeginningWhenTheAccountHasNothingBeforeTheNumberAsked()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay = new AccountStreamReplay(events, ALICE, 1))
        {
            assertEquals(1, drain(replay, 3).get(0));
        }
    }

    @Test
    void shouldReadForwardFromTheStartWhenTheNumberAskedIsFurtherBackThanTheBackwardLimit()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, 3, BUDGET, BUDGET, 2 * GAP, NO_TIME_LIMIT))
        {
            final EventSlot slot = new EventSlot();
            int calls = 0;
            while (!turn(replay, slot, ALICE_MESSAGES))
            {
                calls++;
            }
            assertEquals(3, seqNum(slot));
            // 2,001 entries back (the last one passes the limit), then forward from the start to Alice's third
            // message, the 3,003rd entry: one budget a turn covers both walks, and every turn before the one that
            // reads that entry comes back empty-handed
            final int entriesLooked = 2 * GAP + 1 + 3 * (GAP + 1);
            assertEquals((entriesLooked + BUDGET - 1) / BUDGET - 1, calls);
            assertEquals(List.of(4L, 5L, 6L), drain(replay, 6));
        }
    }

    @Test
    void shouldStopACallOnceItsTimeIsUpAndGoOnFromThereTheNextCall()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, 2, 1 << 20, 1 << 20, Long.MAX_VALUE, 0))
        {
            // no time at all: each call looks at one round of entries between clock checks, then gives up
            final EventSlot slot = new EventSlot();
            int calls = 0;
            while (!turn(replay, slot, ALICE_MESSAGES))
            {
                calls++;
            }
            assertEquals(2, seqNum(slot));
            final int entriesWalked = GAP + (ALICE_MESSAGES - 1) + (ALICE_MESSAGES - 2) * GAP;
            assertTrue(calls >= entriesWalked / 32 - 1, calls + " calls for " + entriesWalked + " entries");
            assertEquals(List.of(3L, 4L, 5L), drain(replay, 5), "and it goes on where it stopped");
        }
    }

    @Test
    void shouldStartAtTheMessageAskedWhenItIsTheAccountsLatestWithoutReadingTheWholeJournal()
    {
        final JournalDirectory directory = writeJournal();
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, ALICE_MESSAGES, BUDGET, BUDGET, 2 * GAP, NO_TIME_LIMIT))
        {
            // the one missed is Alice's last, 1,001 entries from the end; the one before it lies another 1,001 back:
            // found walking back, not by reading the journal from its start
            final EventSlot slot = new EventSlot();
            int calls = 0;
            while (!turn(replay, slot, ALICE_MESSAGES))
            {
                calls++;
            }
            assertEquals(ALICE_MESSAGES, seqNum(slot));
            assertEquals((GAP + 1 + BUDGET - 1) / BUDGET - 1, calls);
        }
    }

    @Test
    void shouldBoundATurnHoweverManyMessagesItsCallsHandOver()
    {
        final JournalDirectory directory = writeJournal();
        final int turnBudget = 2_500; // Alice's messages lie 1,001 entries apart: at most three in a turn
        try (SingleChronicleQueue events = AccountStreamReplay.openEvents(directory);
             AccountStreamReplay replay =
                 new AccountStreamReplay(events, ALICE, 1, turnBudget, turnBudget, 0, NO_TIME_LIMIT))
        {
            final EventSlot slot = new EventSlot();
            final List<Long> handed = new ArrayList<>();
            int turns = 0;
            while (replay.nextSeqNum() <= ALICE_MESSAGES && turns < 1_000)
            {
                turns++;
                replay.beginTurn();
                int inThisTurn = 0;
                while (replay.next(slot, ALICE_MESSAGES)) // as the sender pumps: until the turn has nothing more
                {
                    handed.add(seqNum(slot));
                    inThisTurn++;
                }
                assertTrue(inThisTurn <= 3, inThisTurn + " messages in turn " + turns);
            }
            assertEquals(ALICE_MESSAGES, handed.size());
            assertEquals(1L, handed.get(0));
            assertEquals((long)ALICE_MESSAGES, handed.get(ALICE_MESSAGES - 1));
            assertTrue(turns >= ALICE_MESSAGES / 3, turns + " turns");
        }
    }

    /**
     * One turn of the sender: a fresh budget, then one call.
     */
    private static boolean turn(final AccountStreamReplay replay, final EventSlot slot, final long upTo)
    {
        replay.beginTurn();
        return replay.next(slot, upTo);
    }

    private static List<Long> drain(final AccountStreamReplay replay, final long upTo)
    {
        final List<Long> handed = new ArrayList<>();
        final EventSlot slot = new EventSlot();
        for (int calls = 0; calls < 1_000_000 && replay.nextSeqNum() <= upTo; calls++)
        {
            if (turn(replay, slot, upTo))
            {
                handed.add(seqNum(slot));
                assertEquals(ALICE, slot.targetId());
            }
        }
        return handed;
    }

    private static long seqNum(final EventSlot slot)
    {
        return slot.buffer().getLong(8, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Bob's traffic, with one of Alice's messages (numbered 1 to 20) after each {@value #GAP} of Bob's, and Bob's
     * at the end.
     */
    private JournalDirectory writeJournal()
    {
        final JournalDirectory directory = new JournalDirectory(data);
        long eventSequence = 0;
        long bobSeqNum = 0;
        try (SingleChronicleQueue queue = directory.openEvents(false);
             ExcerptAppender appender = queue.createAppender())
        {
            for (int alice = 1; alice <= ALICE_MESSAGES; alice++)
            {
                for (int i = 0; i < GAP; i++)
                {
                    append(appender, ++eventSequence, BOB, ++bobSeqNum);
                }
                append(appender, ++eventSequence, ALICE, alice);
            }
            for (int i = 0; i < GAP; i++)
            {
                append(appender, ++eventSequence, BOB, ++bobSeqNum);
            }
        }
        return directory;
    }

    /**
     * An event entry as {@code EventJournalWriter} writes it: header, then a message whose first field after the SBE
     * header is the account's stream number.
     */
    private static void append(final ExcerptAppender appender, final long eventSequence, final long account,
        final long seqNum)
    {
        try (DocumentContext document = appender.writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            bytes.writeLong(eventSequence).writeLong(eventSequence).writeLong(eventSequence * 10)
                .writeLong(eventSequence * 10 + 1).writeByte(EventSlot.TARGET_ACCOUNT).writeLong(account).writeInt(16)
                .writeLong(0).writeLong(seqNum);
        }
    }
}
