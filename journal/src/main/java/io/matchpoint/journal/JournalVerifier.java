package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.Replayer;
import io.matchpoint.journal.dump.MessageFields;

/**
 * {@code journal verify}: replays the command journal through a fresh matching service and compares every event it
 * makes with the event journal, field by field and byte for byte, stopping at the first divergence. Reads both queues
 * read-only, so it runs on a live data directory or a copy of one; events past the event journal's end (a copy
 * taken while the server ran ends mid-flight) are counted, not failed.
 * <p>
 * Everything runs on the calling thread, driven by it as recovery drives the server's service ({@link CommandReplay}):
 * each command is handed to the service where the journal reader read it, and each event the service makes is
 * compared with the next journaled one, where it was read too, the moment it is published. No ring, no thread, no
 * copy of a command or an event beyond the journal readers' block reads; an event is decoded into text only to
 * describe a divergence.
 */
public final class JournalVerifier
{
    /**
     * The first difference found.
     *
     * @param commandSequence the command whose events differ.
     * @param eventSequence   the event's sequence, as replayed.
     * @param problem         what differs.
     * @param replayed        the event the replay made, decoded (or "none").
     * @param journaled       the event in the journal, decoded (or "none").
     */
    public record Divergence(long commandSequence, long eventSequence, String problem, String replayed, String journaled)
    {
    }

    /**
     * @param commands       commands replayed.
     * @param firstSequence  the first command's sequence, 0 for an empty journal.
     * @param lastSequence   the last command replayed: at an event that differs, the command that made it; at a
     *                       command out of order, the one before it.
     * @param events         events compared and equal.
     * @param eventsPending  events the replay made past the event journal's end.
     * @param digest         the core's state digest after the replay.
     * @param elapsedNs      time the replay and comparison took (not opening the queues and allocating the engine).
     * @param divergence     the first difference, null if none.
     */
    public record Result(
        long commands,
        long firstSequence,
        long lastSequence,
        long events,
        long eventsPending,
        long digest,
        long elapsedNs,
        Divergence divergence)
    {
        public boolean passed()
        {
            return divergence == null;
        }

        public double commandsPerSecond()
        {
            return elapsedNs > 0 ? commands * 1e9 / elapsedNs : 0;
        }
    }

    private final JournalDirectory directory;
    private final EngineConfig engineConfig;

    /**
     * @param directory    the data directory (or a copy).
     * @param engineConfig the capacity the server ran with (capacity decides some rejects, so it must match).
     */
    public JournalVerifier(final JournalDirectory directory, final EngineConfig engineConfig)
    {
        this.directory = directory;
        this.engineConfig = engineConfig;
    }

    /**
     * Replays and compares on the calling thread, one command at a time: its events are compared as the service
     * publishes them, before the next command is read.
     *
     * @return the outcome; the replay stops at the command whose event is the first difference.
     * @throws CorruptJournalException when an entry cannot be read.
     */
    public Result verify()
    {
        try (CommandJournalReader commands = new CommandJournalReader(directory);
             EventJournalReader events = new EventJournalReader(directory))
        {
            final Comparison comparison = new Comparison(events);
            final Replayer replayer = new Replayer(engineConfig, comparison);
            final CommandReplay replay = new CommandReplay(commands, replayer, 0);

            final long startNs = System.nanoTime(); // the replay and comparison, not opening files and allocating
            int outcome;
            do
            {
                outcome = replay.replayNext();
            }
            while (outcome == CommandReplay.REPLAYED && comparison.divergence == null);

            if (comparison.divergence == null && outcome == CommandReplay.OUT_OF_ORDER)
            {
                final long sequence = replay.outOfOrderSequence();
                comparison.divergence = new Divergence(sequence, 0,
                    "command " + sequence + " follows command " + replay.lastSequence(), "none", "none");
            }
            if (comparison.divergence == null && !comparison.ended && events.advance())
            {
                final EventSlot extra = comparison.journaled(events);
                comparison.divergence = new Divergence(extra.commandSequence(), extra.eventSequence(),
                    "the event journal holds an event no journaled command makes", "none", describe(extra));
            }
            return new Result(replay.replayed(), replay.firstSequence(), replay.lastSequence(), comparison.compared,
                comparison.pending, replayer.matcher().engine().digest(), System.nanoTime() - startNs,
                comparison.divergence);
        }
    }

    private static String describe(final EventSlot event)
    {
        return "event " + event.eventSequence() + " of command " + event.commandSequence() + " at " +
            event.timestampNs() + " to " + target(event.targetKind()) + ":" + event.targetId() + " " +
            MessageFields.describe(event.buffer(), 0, event.length());
    }

    private static String target(final byte kind)
    {
        return switch (kind)
        {
            case EventSlot.TARGET_SESSION -> "SESSION";
            case EventSlot.TARGET_ACCOUNT -> "ACCOUNT";
            case EventSlot.TARGET_ALL -> "ALL";
            default -> "KIND" + kind;
        };
    }

    /**
     * Compares each replayed event, as the service publishes it, with the next journaled one where the reader read
     * it (no copy). Keeps the first difference and ignores every event after it.
     */
    private static final class Comparison implements EventHandler<EventSlot>
    {
        private final EventJournalReader events;
        private final EventSlot copy = new EventSlot();
        private Divergence divergence;
        private boolean ended;
        private long compared;
        private long pending;

        Comparison(final EventJournalReader events)
        {
            this.events = events;
        }

        /**
         * @return a copy of the entry the reader is on, to describe it (off the hot path).
         */
        EventSlot journaled(final EventJournalReader reader)
        {
            reader.copyTo(copy);
            return copy;
        }

        public void onEvent(final EventSlot replayed, final long sequence, final boolean endOfBatch)
        {
            if (divergence != null)
            {
                return; // the rest of the diverging command's events
            }
            if (ended || !events.advance())
            {
                ended = true;
                pending++;
                return;
            }
            final String problem = difference(replayed, events);
            if (problem != null)
            {
                divergence = new Divergence(replayed.commandSequence(), replayed.eventSequence(), problem,
                    describe(replayed), describe(journaled(events)));
                return;
            }
            compared++;
        }

        private static String difference(final EventSlot replayed, final EventJournalReader journaled)
        {
            if (replayed.eventSequence() != journaled.eventSequence())
            {
                return "event sequence " + journaled.eventSequence() + " where the replay makes " +
                    replayed.eventSequence();
            }
            if (replayed.commandSequence() != journaled.commandSequence())
            {
                return "caused by command " + journaled.commandSequence() + " where the replay has " +
                    replayed.commandSequence();
            }
            if (replayed.timestampNs() != journaled.timestampNs())
            {
                return "timestamp differs";
            }
            if (replayed.targetKind() != journaled.targetKind() || replayed.targetId() != journaled.targetId())
            {
                return "addressed differently";
            }
            if (replayed.length() != journaled.length())
            {
                return "length " + journaled.length() + " where the replay makes " + replayed.length();
            }
            final int mismatch = mismatch(replayed.buffer(), journaled.message(), replayed.length());
            return mismatch < 0 ? null : "bytes differ from offset " + mismatch;
        }

        /**
         * @return the first offset below {@code length} where the two buffers differ, -1 if none. Both lengths are
         * checked against the buffers once, so that the loop reads without a bounds check on every word.
         */
        private static int mismatch(final DirectBuffer a, final DirectBuffer b, final int length)
        {
            if (length < 0 || length > a.capacity() || length > b.capacity())
            {
                throw new IllegalArgumentException(
                    "length " + length + " beyond the buffers: " + a.capacity() + " and " + b.capacity());
            }
            final byte[] aArray = a.byteArray();
            final long aAddress = a.addressOffset();
            final byte[] bArray = b.byteArray();
            final long bAddress = b.addressOffset();
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                if (UnsafeApi.getLong(aArray, aAddress + i) != UnsafeApi.getLong(bArray, bAddress + i))
                {
                    break;
                }
            }
            for (; i < length; i++)
            {
                if (UnsafeApi.getByte(aArray, aAddress + i) != UnsafeApi.getByte(bArray, bAddress + i))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
