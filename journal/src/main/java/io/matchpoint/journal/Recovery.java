package io.matchpoint.journal;

import java.io.IOException;
import java.util.function.Consumer;

import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.Replayer;

/**
 * Start-up from a data directory, before the pipeline starts and before the gateway opens: loads the newest usable
 * snapshot into the pipeline's matcher, replays the command journal after it through the pipeline's own matching
 * service on the calling thread (nothing reaches a client), and appends to the event journal the events a crash kept
 * from it, which the replay makes again byte for byte. Afterwards the matcher holds exactly the state whose
 * acknowledgements went out, and the next command gets the sequence after the journal's last.
 * <p>
 * The replay is {@code journal verify}'s ({@link CommandReplay}): each command read from the journal a block at a time
 * and handed to the service, which answers it before the next is read; no ring and no thread of recovery's own.
 */
public final class Recovery
{
    private final JournalDirectory directory;
    private final SnapshotStore snapshots;
    private final Consumer<String> log;

    public Recovery(final JournalDirectory directory, final SnapshotStore snapshots, final Consumer<String> log)
    {
        this.directory = directory;
        this.snapshots = snapshots;
        this.log = log;
    }

    /**
     * What recovery did.
     *
     * @param snapshot         the snapshot loaded, null if none.
     * @param commandsReplayed commands replayed after it.
     * @param lastSequence     the last command in the journal, 0 for an empty one.
     * @param eventsRepaired   events appended to the event journal that a crash had kept from it.
     * @param digest           the core's state digest afterwards.
     * @param elapsedNs        how long it took in all.
     * @param snapshotLoadNs   of which loading the snapshot (checking its CRC included).
     * @param replayNs         of which replaying the commands after it.
     */
    public record Report(
        SnapshotStore.Loaded snapshot,
        long commandsReplayed,
        long lastSequence,
        long eventsRepaired,
        long digest,
        long elapsedNs,
        long snapshotLoadNs,
        long replayNs)
    {
        public String summary()
        {
            return String.format("recovered in %.3f s: %s%,d commands replayed in %.3f s (%,.0f commands/s), %,d " +
                    "events re-journaled, last command %,d, state digest %016x",
                elapsedNs / 1e9,
                snapshot == null ? "no snapshot, " : String.format("snapshot %s (through command %,d) loaded in " +
                    "%.3f s, ", snapshot.file().getFileName(), snapshot.lastSequence(), snapshotLoadNs / 1e9),
                commandsReplayed, replayNs / 1e9, replayNs > 0 ? commandsReplayed * 1e9 / replayNs : 0.0,
                eventsRepaired, lastSequence, digest);
        }
    }

    /**
     * @return the last command sequence in the journal, 0 if there is none; read before the pipeline is built, so
     * that its first sequence follows on.
     */
    public long lastJournaledSequence()
    {
        if (!directory.hasJournal())
        {
            return 0;
        }
        try (CommandJournalReader reader = new CommandJournalReader(directory))
        {
            return reader.lastSequence();
        }
    }

    /**
     * @param pipeline     built but not started, with its first sequence after {@code lastSequence}.
     * @param eventWriter  the event journal stage of that pipeline; recovery appends through it on this thread.
     * @param lastSequence what {@link #lastJournaledSequence()} said when the pipeline was built.
     */
    public Report recover(final Pipeline pipeline, final EventJournalWriter eventWriter, final long lastSequence)
        throws IOException
    {
        final long startNs = System.nanoTime();
        final long lastEvent;
        try (EventJournalReader events = new EventJournalReader(directory))
        {
            lastEvent = events.lastEventSequence();
        }
        final long[] repaired = new long[1];
        final Replayer replayer = pipeline.replayer((event, sequence, endOfBatch) ->
        {
            if (event.eventSequence() > lastEvent)
            {
                eventWriter.append(event);
                repaired[0]++;
            }
        });
        final long loadStartNs = System.nanoTime();
        final SnapshotStore.Loaded snapshot = snapshots.loadNewest(replayer.matcher(), lastSequence);
        final long replayStartNs = System.nanoTime();
        if (snapshot != null)
        {
            log.accept("loaded snapshot " + snapshot.file() + " (through command " + snapshot.lastSequence() + ")");
        }
        final long previous = snapshot == null ? 0 : snapshot.lastSequence();
        final long replayed;
        final long last;
        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            // straight to the snapshot's command by its journal index, else a walk back from the end
            if (snapshot == null || !commands.seekAfter(snapshot.journalIndex(), previous))
            {
                commands.seekAfter(previous);
            }
            final CommandReplay replay = new CommandReplay(commands, replayer, previous);
            int outcome;
            do
            {
                outcome = replay.replayNext();
            }
            while (outcome == CommandReplay.REPLAYED);
            if (outcome == CommandReplay.OUT_OF_ORDER)
            {
                throw new CorruptJournalException("command " + replay.outOfOrderSequence() + " follows command " +
                    replay.lastSequence() + " in " + directory.commands());
            }
            replayed = replay.replayed();
            last = replay.lastSequence();
        }
        finally
        {
            eventWriter.releaseAppender();
        }
        if (last != lastSequence)
        {
            throw new IllegalStateException("replay ended at command " + last + ", the journal at " + lastSequence);
        }
        final long endNs = System.nanoTime();
        return new Report(snapshot, replayed, lastSequence, repaired[0], replayer.matcher().engine().digest(),
            endNs - startNs, replayStartNs - loadStartNs, endNs - replayStartNs);
    }
}
