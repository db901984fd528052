package io.matchpoint.journal;

import io.matchpoint.engine.pipeline.Replayer;

/**
 * The caller-driven replay that recovery and {@code journal verify} share: reads the command journal in place and
 * hands each command to a {@link Replayer}, whose matching service answers it, events and all, before the next one is
 * read. No ring and no thread of its own: whoever calls {@link #replayNext()} drives the journal and the service, one
 * command a call, and may stop between any two.
 * <p>
 * It checks that sequences rise and counts what it replayed; what a command out of order means (a refused start-up,
 * a divergence to report) is the caller's to say. One thread at a time.
 */
final class CommandReplay
{
    /** {@link #replayNext()}: a command was replayed. */
    static final int REPLAYED = 1;
    /** {@link #replayNext()}: the journal has no more commands (for now: a live journal may grow). */
    static final int END = 0;
    /**
     * {@link #replayNext()}: the next command's sequence does not rise above the last one's; it was not replayed, and
     * {@link #outOfOrderSequence()} names it.
     */
    static final int OUT_OF_ORDER = -1;

    private final CommandJournalReader commands;
    private final Replayer replayer;
    private long previous;
    private long replayed;
    private long firstSequence;
    private long outOfOrderSequence;

    /**
     * @param commands positioned before the first command to replay.
     * @param replayer the service to replay into.
     * @param previous the last command already applied (a snapshot's), 0 for none: the first replayed must follow it.
     */
    CommandReplay(final CommandJournalReader commands, final Replayer replayer, final long previous)
    {
        this.commands = commands;
        this.replayer = replayer;
        this.previous = previous;
    }

    /**
     * Reads the next command and replays it: its events have reached the replayer's handler when this returns.
     *
     * @return {@link #REPLAYED}, {@link #END} or {@link #OUT_OF_ORDER}.
     * @throws CorruptJournalException when the entry cannot be read.
     */
    int replayNext()
    {
        if (!commands.advance())
        {
            return END;
        }
        final long sequence = commands.sequence();
        if (sequence <= previous)
        {
            outOfOrderSequence = sequence;
            return OUT_OF_ORDER;
        }
        previous = sequence;
        if (replayed++ == 0)
        {
            firstSequence = sequence;
        }
        replayer.replay(sequence, commands.sessionId(), commands.accountId(), commands.timestampNs(),
            commands.message(), 0, commands.length());
        return REPLAYED;
    }

    /**
     * @return commands replayed so far.
     */
    long replayed()
    {
        return replayed;
    }

    /**
     * @return the first command replayed, 0 before the first.
     */
    long firstSequence()
    {
        return firstSequence;
    }

    /**
     * @return the last command replayed, or the one the replay started after while none has been.
     */
    long lastSequence()
    {
        return previous;
    }

    /**
     * @return the sequence of the command {@link #OUT_OF_ORDER} refused.
     */
    long outOfOrderSequence()
    {
        return outOfOrderSequence;
    }
}
