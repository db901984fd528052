package io.matchpoint.journal;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.Replayer;
import io.matchpoint.journal.dump.MessageFields;

/**
 * {@code journal verify}: replays the command journal through a fresh engine and compares every event it makes with
 * the event journal, field by field and byte for byte, stopping at the first divergence. Reads both queues
 * read-only, so it runs on a live data directory or a copy of one; events past the event journal's end (a copy
 * taken while the server ran ends mid-flight) are counted, not failed.
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
     * @param lastSequence   the last command's sequence.
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

    public Result verify()
    {
        final CommandSlot command = new CommandSlot();
        try (CommandJournalReader commands = new CommandJournalReader(directory);
             EventJournalReader events = new EventJournalReader(directory))
        {
            final Comparison comparison = new Comparison(events);
            final Replayer replayer = new Replayer(engineConfig, comparison);
            final long startNs = System.nanoTime(); // the replay and comparison, not opening files and allocating
            long count = 0;
            long first = 0;
            long last = 0;
            while (comparison.divergence == null && commands.next(command))
            {
                if (command.sequence() <= last)
                {
                    comparison.divergence = new Divergence(command.sequence(), 0,
                        "command " + command.sequence() + " follows command " + last, "none", "none");
                    break;
                }
                if (first == 0)
                {
                    first = command.sequence();
                }
                last = command.sequence();
                replayer.replay(command);
                count++;
            }
            if (comparison.divergence == null && !comparison.ended && events.next(comparison.journaled))
            {
                final EventSlot extra = comparison.journaled;
                comparison.divergence = new Divergence(extra.commandSequence(), extra.eventSequence(),
                    "the event journal holds an event no journaled command makes", "none", describe(extra));
            }
            return new Result(count, first, last, comparison.compared, comparison.pending,
                replayer.matcher().engine().digest(), System.nanoTime() - startNs, comparison.divergence);
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
     * Compares each replayed event with the next journaled one.
     */
    private static final class Comparison implements com.lmax.disruptor.EventHandler<EventSlot>
    {
        private final EventJournalReader events;
        private final EventSlot journaled = new EventSlot();
        private Divergence divergence;
        private boolean ended;
        private long compared;
        private long pending;

        Comparison(final EventJournalReader events)
        {
            this.events = events;
        }

        public void onEvent(final EventSlot replayed, final long sequence, final boolean endOfBatch)
        {
            if (divergence != null)
            {
                return;
            }
            if (ended || !events.next(journaled))
            {
                ended = true;
                pending++;
                return;
            }
            final String problem = difference(replayed, journaled);
            if (problem != null)
            {
                divergence = new Divergence(
                    replayed.commandSequence(), replayed.eventSequence(), problem, describe(replayed), describe(journaled));
                return;
            }
            compared++;
        }

        private static String difference(final EventSlot replayed, final EventSlot journaled)
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
            final DirectBuffer a = replayed.buffer();
            final DirectBuffer b = journaled.buffer();
            final int length = replayed.length();
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                if (a.getLong(i) != b.getLong(i))
                {
                    break;
                }
            }
            for (; i < length; i++)
            {
                if (a.getByte(i) != b.getByte(i))
                {
                    return "bytes differ from offset " + i;
                }
            }
            return null;
        }
    }
}
