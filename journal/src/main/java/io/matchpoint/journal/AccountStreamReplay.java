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
     * Walks back from the end, within the turn's budgets, to the account's message numbered the first one wanted, or
     * to just after the last one before it; or, at the journal's start, past the backward limit, or when the stream
     * is wanted from its first message, goes to the start (the forward reading skips what comes before the first one
     * wanted).
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
        boolean stepOver = false;
        boolean fromStart = nextSeqNum <= 1;
        while (index < 0 && !fromStart && lookedThisTurn < backwardBudget && !outOfTime())
        {
            lookedThisTurn++;
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent() || ++walkedBack > backwardLimit)
                {
                    fromStart = true;
                }
                else
                {
                    final long seqNum = accountSeqNum(document.wire().bytes());
                    if (seqNum != 0 && seqNum <= nextSeqNum)
                    {
                        index = document.index();
                        stepOver = seqNum < nextSeqNum;
                    }
                }
            }
        }
        if (index < 0 && !fromStart)
        {
            return false; // the budget ran out: go on from here next turn
        }
        tailer.direction(TailerDirection.FORWARD);
        if (index < 0)
        {
            tailer.toStart();
        }
        else
        {
            tailer.moveToIndex(index);
            if (stepOver)
            {
                tailer.readingDocument().close(); // the stream resumes after the entry found
            }
        }
        positioning = false;
        return true;
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
     * @return the account's sequence number in this entry, 0 if it is not one of the account's sequenced messages;
     * leaves the read position at the entry's start.
     */
    private long accountSeqNum(final Bytes<?> bytes)
    {
        final long start = bytes.readPosition();
        try
        {
            bytes.readSkip(32);
            final byte targetKind = bytes.readByte();
            final long targetId = bytes.readLong();
            if (targetKind != EventSlot.TARGET_ACCOUNT || targetId != accountId)
            {
                return 0;
            }
            bytes.readSkip(4 + SEQ_NUM_OFFSET);
            return bytes.readLong();
        }
        finally
        {
            bytes.readPosition(start);
        }
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
            lookedThisTurn++;
            final long index;
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long seqNum = accountSeqNum(bytes);
                if (seqNum == 0 || seqNum < nextSeqNum)
                {
                    continue;
                }
                if (seqNum > maxSeqNum)
                {
                    index = document.index();
                    document.rollbackOnClose();
                }
                else
                {
                    final long eventSequence = bytes.readLong();
                    final long commandSequence = bytes.readLong();
                    final long timestampNs = bytes.readLong();
                    bytes.readLong();
                    final byte targetKind = bytes.readByte();
                    final long targetId = bytes.readLong();
                    final int length = bytes.readInt();
                    bytes.read(scratch, 0, length);
                    slot.load(eventSequence, commandSequence, timestampNs, targetKind, targetId, scratchBuffer, 0,
                        length);
                    nextSeqNum = seqNum + 1;
                    return true;
                }
            }
            tailer.moveToIndex(index);
            return false;
        }
        return false;
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
