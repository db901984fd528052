package io.matchpoint.journal;

import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads one account's sequenced stream back from the event journal, for a session that reconnects and asks for what
 * it missed. Every message addressed to an account carries the next number of that account's stream (the matcher
 * stamps it, so the journal holds exactly the bytes that were sent); this finds the first one after what the client
 * has, walking back from the end of the journal, then hands them over in order, never past a bound the caller sets
 * (what the caller has seen go by live, so a message is neither lost nor given twice at the hand-over).
 * <p>
 * The sender thread runs it between its other work, a turn at a time ({@link #beginTurn}): a turn stops after
 * {@value #TIME_BUDGET_NS} ns of looking (or a budget of entries, whichever comes first) and the next goes on from
 * there: a client asking for its
 * stream from far back (the start of a day of millions of events, a sparse account) is caught up over many of the
 * sender's turns instead of stalling every other session for one long walk (on the 12.5 M-event journal of
 * {@code RecoveryBenchmark}, asking from its first message held the sender for 18 to 25 s in one call). A client
 * back after a short absence finds its place walking back from the end; one that wants messages more than
 * {@value #BACKWARD_LIMIT} entries back is read forward from the journal's start instead, since Chronicle reads
 * backwards about fifteen times slower than forwards.
 * <p>
 * One thread; made when a session logs on (it allocates then), reads without allocating afterwards.
 */
public final class AccountStreamReplay implements AutoCloseable
{
    /** The seqNum field's offset in every session-level message. */
    private static final int SEQ_NUM_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    /** How long one turn looks at journal entries, at most (checked every {@value #TIME_CHECK_EVERY} entries). */
    public static final long TIME_BUDGET_NS = 250_000;
    /** Journal entries one turn looks at going forward, at most. */
    static final int SCAN_BUDGET = 65_536;
    /** Journal entries one turn looks at walking back from the end, at most. */
    static final int BACKWARD_BUDGET = 8_192;
    /** Entries walked back from the end before reading forward from the start instead. */
    static final int BACKWARD_LIMIT = 65_536;
    private static final int TIME_CHECK_EVERY = 32;

    private final ExcerptTailer tailer;
    private final long accountId;
    private final int scanBudget;
    private final int backwardBudget;
    private final long backwardLimit;
    private final long timeBudgetNs;
    private long walkedBack;
    private long turnDeadlineNs;
    private int lookedThisTurn;
    private boolean positioning = true;
    private final byte[] scratch = new byte[MessageLimits.MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private long nextSeqNum;
    /** The block the forward reading stopped inside, and where in it it goes on; -1 when it stopped between blocks. */
    private long resumeIndex = -1;
    private long resumeOffset;

    /**
     * @param events      the event journal, opened read-only by the caller (one queue for all replays).
     * @param accountId   whose stream.
     * @param fromSeqNum  the first sequence number wanted.
     */
    public AccountStreamReplay(final SingleChronicleQueue events, final long accountId, final long fromSeqNum)
    {
        this(events, accountId, fromSeqNum, SCAN_BUDGET, BACKWARD_BUDGET, BACKWARD_LIMIT, TIME_BUDGET_NS);
    }

    AccountStreamReplay(
        final SingleChronicleQueue events,
        final long accountId,
        final long fromSeqNum,
        final int scanBudget,
        final int backwardBudget,
        final long backwardLimit,
        final long timeBudgetNs)
    {
        this.timeBudgetNs = timeBudgetNs;
        this.tailer = events.createTailer();
        this.accountId = accountId;
        this.nextSeqNum = fromSeqNum;
        this.scanBudget = scanBudget;
        this.backwardBudget = backwardBudget;
        this.backwardLimit = backwardLimit;
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        beginTurn();
    }

    /**
     * Opens the event journal read-only, for {@link #AccountStreamReplay(SingleChronicleQueue, long, long)}.
     */
    public static SingleChronicleQueue openEvents(final JournalDirectory directory)
    {
        return directory.openEvents(true);
    }

    /**
     * Walks back from the end, a block at a time within the turn's budgets, to the last block holding one of the
     * account's messages numbered at most the first one wanted; or, at the journal's start, past the backward limit,
     * or when the stream is wanted from its first message, goes to the start. The forward reading skips what comes
     * before the first one wanted.
     *
     * @return true once positioned.
     */
    private boolean positioned()
    {
        if (!positioning)
        {
            return true;
        }
        long index = -1;
        boolean fromStart = nextSeqNum <= 1;
        boolean timeUp = false;
        while (index < 0 && !fromStart && !timeUp && lookedThisTurn < backwardBudget)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    fromStart = true;
                }
                else
                {
                    final Bytes<?> bytes = document.wire().bytes();
                    final long end = bytes.readLimit();
                    boolean found = false;
                    int entries = 0;
                    long at = bytes.readPosition();
                    while (at + JournalFormat.EVENT_HEADER_LENGTH <= end)
                    {
                        final long next = nextEntry(bytes, at, end);
                        if (next < 0)
                        {
                            break; // a damaged entry: the rest of its block cannot be read
                        }
                        entries++;
                        final long seqNum = accountSeqNum(bytes, at);
                        found |= seqNum != 0 && seqNum <= nextSeqNum;
                        at = next;
                    }
                    lookedThisTurn += entries;
                    walkedBack += entries;
                    if (found)
                    {
                        index = document.index();
                    }
                    else if (walkedBack > backwardLimit)
                    {
                        fromStart = true;
                    }
                }
            }
            timeUp = pastDeadline(); // after a block, so that every turn moves on by one at least
        }
        if (index < 0 && !fromStart)
        {
            return false; // the budget ran out: go on from here next turn
        }
        tailer.direction(TailerDirection.FORWARD);
        if (index < 0 || !tailer.moveToIndex(index))
        {
            tailer.toStart();
        }
        resumeIndex = -1;
        positioning = false;
        return true;
    }

    /**
     * @return where the entry after the one at {@code at} starts, or -1 if the entry's length is beyond any message or
     * does not fit the block (a damaged entry: the rest of its block cannot be read).
     */
    private static long nextEntry(final Bytes<?> bytes, final long at, final long end)
    {
        final int length = bytes.readInt(at + JournalFormat.EVENT_LENGTH_OFFSET);
        final long next = at + JournalFormat.EVENT_HEADER_LENGTH + length;
        return length < 0 || length > MessageLimits.MAX_MESSAGE_LENGTH || next > end ? -1 : next;
    }

    /**
     * The clock read at once: walking back, a block at a time, the entry count moves by a block's entries and would
     * rarely land on {@link #outOfTime()}'s checkpoints.
     */
    private boolean pastDeadline()
    {
        return System.nanoTime() - turnDeadlineNs > 0;
    }

    private boolean outOfTime()
    {
        return lookedThisTurn % TIME_CHECK_EVERY == TIME_CHECK_EVERY - 1 && System.nanoTime() - turnDeadlineNs > 0;
    }

    /**
     * Starts a turn of {@value #TIME_BUDGET_NS} ns.
     */
    public void beginTurn()
    {
        beginTurn(System.nanoTime() + timeBudgetNs);
    }

    /**
     * Starts a turn that ends at {@code deadlineNs} ({@link System#nanoTime}) or after a budget of entries: the
     * budgets are a turn's, however many messages its calls to {@link #next} hand over, so a sparse stream (a
     * message found just before each call's time would run out) cannot hold the caller for long either. Several
     * replays may share one deadline.
     */
    public void beginTurn(final long deadlineNs)
    {
        turnDeadlineNs = deadlineNs;
        lookedThisTurn = 0;
    }

    /**
     * @return the account's sequence number in the entry at {@code at}, 0 if it is not one of the account's sequenced
     * messages.
     */
    private long accountSeqNum(final Bytes<?> bytes, final long at)
    {
        if (bytes.readByte(at + JournalFormat.EVENT_TARGET_KIND_OFFSET) != EventSlot.TARGET_ACCOUNT ||
            bytes.readLong(at + JournalFormat.EVENT_TARGET_ID_OFFSET) != accountId)
        {
            return 0;
        }
        return bytes.readLong(at + JournalFormat.EVENT_HEADER_LENGTH + SEQ_NUM_OFFSET);
    }

    /**
     * Fills {@code slot} with the next message of the stream, if the journal has it and it is not past
     * {@code maxSeqNum}, within what is left of this turn's budgets.
     *
     * @return false if there is none for now (the journal may not have it yet, it is past the bound, or the turn's
     * budget ran out before it was found): call again in a later turn.
     */
    public boolean next(final EventSlot slot, final long maxSeqNum)
    {
        if (nextSeqNum > maxSeqNum || !positioned())
        {
            return false;
        }
        while (nextSeqNum <= maxSeqNum && lookedThisTurn < scanBudget && !outOfTime())
        {
            long stayAt = -1;
            boolean handedOver = false;
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long start = bytes.readPosition();
                final long end = bytes.readLimit();
                final long index = document.index();
                long at = index == resumeIndex ? start + resumeOffset : start;
                resumeIndex = -1;
                while (at >= 0 && at + JournalFormat.EVENT_HEADER_LENGTH <= end)
                {
                    lookedThisTurn++;
                    final long next = nextEntry(bytes, at, end);
                    final long seqNum = next < 0 ? 0 : accountSeqNum(bytes, at);
                    if (seqNum != 0 && seqNum >= nextSeqNum)
                    {
                        if (seqNum > maxSeqNum)
                        {
                            stayAt = at; // past the bound: this entry again next time
                            break;
                        }
                        load(bytes, at, slot);
                        nextSeqNum = seqNum + 1;
                        handedOver = true;
                        stayAt = next; // the rest of the block next time
                        break;
                    }
                    at = next;
                    if (at >= 0 && (lookedThisTurn >= scanBudget || outOfTime()))
                    {
                        stayAt = at; // out of budget inside the block
                        break;
                    }
                }
                if (stayAt >= 0 && stayAt + JournalFormat.EVENT_HEADER_LENGTH <= end)
                {
                    resumeIndex = index;
                    resumeOffset = stayAt - start;
                    document.rollbackOnClose();
                }
            }
            if (resumeIndex >= 0)
            {
                tailer.moveToIndex(resumeIndex);
            }
            if (handedOver)
            {
                return true;
            }
            if (resumeIndex >= 0)
            {
                return false;
            }
        }
        return false;
    }

    private void load(final Bytes<?> bytes, final long at, final EventSlot slot)
    {
        final int length = bytes.readInt(at + JournalFormat.EVENT_LENGTH_OFFSET);
        bytes.read(at + JournalFormat.EVENT_HEADER_LENGTH, scratch, 0, length);
        slot.load(
            bytes.readLong(at + JournalFormat.EVENT_SEQUENCE_OFFSET),
            bytes.readLong(at + JournalFormat.EVENT_COMMAND_SEQUENCE_OFFSET),
            bytes.readLong(at + JournalFormat.EVENT_GATEWAY_TIME_OFFSET),
            bytes.readByte(at + JournalFormat.EVENT_TARGET_KIND_OFFSET),
            bytes.readLong(at + JournalFormat.EVENT_TARGET_ID_OFFSET),
            scratchBuffer, 0, length);
    }

    /**
     * @return the sequence number the stream hands over next.
     */
    public long nextSeqNum()
    {
        return nextSeqNum;
    }

    public void close()
    {
        tailer.close();
    }
}
