package io.matchpoint.journal;

import java.io.IOException;
import java.util.function.Consumer;

import com.lmax.disruptor.EventPoller;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.Replayer;

/**
 * Start-up from a data directory, before the pipeline starts and before the gateway opens: loads the newest usable
 * snapshot into the pipeline's matcher, replays the command journal after it on the calling thread (nothing reaches a
 * client; a {@link CommandJournalFeed} reads the journal on a thread of its own), and appends to the event journal the
 * events a crash kept from it, which the replay makes again byte for byte. Afterwards the matcher holds exactly the
 * state whose acknowledgements went out, and the next command gets the sequence after the journal's last.
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
        final ReplayInOrder replay = new ReplayInOrder(replayer, snapshot == null ? 0 : snapshot.lastSequence());
        try (CommandJournalFeed feed = new CommandJournalFeed(directory, snapshot))
        {
            feed.drain(replay);
        }
        finally
        {
            eventWriter.releaseAppender();
        }
        final long previous = replay.previous;
        final long replayed = replay.replayed;
        if (previous != lastSequence)
        {
            throw new IllegalStateException("replay ended at command " + previous + ", the journal at " + lastSequence);
        }
        final long endNs = System.nanoTime();
        return new Report(snapshot, replayed, lastSequence, repaired[0], replayer.matcher().engine().digest(),
            endNs - startNs, replayStartNs - loadStartNs, endNs - replayStartNs);
    }

    /**
     * Replays each command handed over on the recovering thread, after checking that sequences rise.
     */
    private final class ReplayInOrder implements EventPoller.Handler<CommandSlot>
    {
        private final Replayer replayer;
        private long previous;
        private long replayed;

        ReplayInOrder(final Replayer replayer, final long previous)
        {
            this.replayer = replayer;
            this.previous = previous;
        }

        public boolean onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            if (slot.sequence() <= previous)
            {
                throw new CorruptJournalException("command " + slot.sequence() + " follows command " + previous +
                    " in " + directory.commands());
            }
            previous = slot.sequence();
            replayer.replay(slot);
            replayed++;
            return true;
        }
    }
}
