package io.matchpoint.journal;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;

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
    private static final int COMMAND_RING_SIZE = 4096;
    private static final int EVENT_RING_SIZE = 8192;
    /** Commands published per turn before the events are polled, so neither ring starves the other. */
    private static final int BATCH = 256;
    /** A command sequence no journal holds (they start at 1): tells the replay thread the journal has ended. */
    private static final long END_MARK = 0;
    private static final DirectBuffer EMPTY = new UnsafeBuffer(new byte[0]);

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
     * @param lastSequence   the last command replayed (at a divergence, the replay may have run a little past it).
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
     * Replays and compares on two threads: this one reads both journals and compares, a replay thread of its own runs
     * the fresh engine. Commands go to the replay thread and its events come back over two rings, so the engine, the
     * larger part of the work, never waits for the queues.
     *
     * @return the outcome; a divergence stops both threads at the first difference.
     * @throws CorruptJournalException when an entry cannot be read.
     */
    public Result verify()
    {
        try (CommandJournalReader commands = new CommandJournalReader(directory);
             EventJournalReader events = new EventJournalReader(directory))
        {
            final RingBuffer<CommandSlot> commandRing =
                RingBuffer.createSingleProducer(CommandSlot::new, COMMAND_RING_SIZE, new YieldingWaitStrategy());
            final RingBuffer<EventSlot> eventRing =
                RingBuffer.createSingleProducer(EventSlot::new, EVENT_RING_SIZE, new YieldingWaitStrategy());
            final ReplayLoop replay = new ReplayLoop(new Replayer(engineConfig, eventRing), commandRing);
            final EventPoller<EventSlot> replayedEvents = eventRing.newPoller();
            eventRing.addGatingSequences(replayedEvents.getSequence());
            final Comparison comparison = new Comparison(events);

            final long startNs = System.nanoTime(); // the replay and comparison, not opening files and allocating
            final Thread replayThread = new Thread(replay, "matchpoint-verify-replay");
            replayThread.setDaemon(true);
            replayThread.start();
            try
            {
                feedAndCompare(commands, commandRing, replay, replayedEvents, comparison);
                replayThread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying", ex);
            }
            finally
            {
                stopReplay(replay, replayedEvents);
            }
            if (replay.failure != null)
            {
                throw replay.failure instanceof RuntimeException runtime ? runtime :
                    new IllegalStateException("the replay failed", replay.failure);
            }
            if (comparison.divergence == null && !comparison.ended && events.advance())
            {
                final EventSlot extra = comparison.journaled(events);
                comparison.divergence = new Divergence(extra.commandSequence(), extra.eventSequence(),
                    "the event journal holds an event no journaled command makes", "none", describe(extra));
            }
            return new Result(replay.replayed, replay.firstSequence, replay.lastSequence, comparison.compared,
                comparison.pending, replay.replayer.matcher().engine().digest(), System.nanoTime() - startNs,
                comparison.divergence);
        }
    }

    /**
     * Stops the replay thread and waits for it, draining the events it may be waiting to publish, so that a failure on
     * this thread never leaves it spinning.
     */
    private static void stopReplay(final ReplayLoop replay, final EventPoller<EventSlot> replayedEvents)
    {
        replay.stop = true;
        final EventPoller.Handler<EventSlot> discard = (event, sequence, endOfBatch) -> true;
        while (!replay.done)
        {
            try
            {
                replayedEvents.poll(discard);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * This thread's duty cycle: publish commands while the command ring has room, compare the replayed events that
     * came back, and idle only when neither had anything to do. After a divergence it goes on draining the events
     * (the replay thread may be waiting for room) and publishes the end mark, so that both threads finish.
     */
    private static void feedAndCompare(
        final CommandJournalReader commands,
        final RingBuffer<CommandSlot> commandRing,
        final ReplayLoop replay,
        final EventPoller<EventSlot> replayedEvents,
        final Comparison comparison)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
        boolean commandsEnded = false;
        while (true)
        {
            int work = 0;
            while (!commandsEnded && work < BATCH && commandRing.hasAvailableCapacity(1))
            {
                final long claimed = commandRing.next();
                final CommandSlot slot = commandRing.get(claimed);
                if (comparison.divergence != null || !commands.next(slot))
                {
                    slot.load(END_MARK, 0, 0, 0, EMPTY, 0, 0);
                    commandsEnded = true;
                }
                else if (!comparison.inOrder(slot))
                {
                    // replay up to here and compare what came before: an earlier divergence is the first one
                    slot.load(END_MARK, 0, 0, 0, EMPTY, 0, 0);
                    commandsEnded = true;
                }
                commandRing.publish(claimed);
                work++;
            }
            final boolean replayDone = replay.done; // read before polling: a last batch published before it is seen
            final EventPoller.PollState state;
            try
            {
                state = replayedEvents.poll(comparison);
            }
            catch (final RuntimeException ex)
            {
                replay.stop = true;
                throw ex;
            }
            catch (final Exception ex)
            {
                replay.stop = true;
                throw new IllegalStateException(ex);
            }
            if (state == EventPoller.PollState.PROCESSING)
            {
                work++;
            }
            else if (replayDone)
            {
                if (comparison.divergence == null)
                {
                    comparison.divergence = comparison.orderProblem;
                }
                return;
            }
            if (comparison.divergence != null)
            {
                replay.stop = true;
            }
            idle.idle(work);
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
     * Runs on the replay thread: takes each command off the ring and replays it through the fresh engine, whose
     * events go to the event ring. Stops at the end mark or when told to.
     */
    private static final class ReplayLoop implements Runnable, EventPoller.Handler<CommandSlot>
    {
        private final Replayer replayer;
        private final EventPoller<CommandSlot> poller;
        private volatile boolean stop;
        private volatile boolean done;
        private boolean ended;
        private long replayed;
        private long firstSequence;
        private long lastSequence;
        private Throwable failure;

        ReplayLoop(final Replayer replayer, final RingBuffer<CommandSlot> commandRing)
        {
            this.replayer = replayer;
            this.poller = commandRing.newPoller();
            commandRing.addGatingSequences(poller.getSequence());
        }

        public void run()
        {
            final IdleStrategy idle = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
            try
            {
                while (!ended && !stop)
                {
                    idle.idle(poller.poll(this) == EventPoller.PollState.PROCESSING ? 1 : 0);
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            finally
            {
                done = true;
            }
        }

        public boolean onEvent(final CommandSlot command, final long sequence, final boolean endOfBatch)
        {
            if (command.sequence() == END_MARK)
            {
                ended = true;
                return false;
            }
            replayer.replay(command);
            if (replayed++ == 0)
            {
                firstSequence = command.sequence();
            }
            lastSequence = command.sequence();
            return !stop;
        }
    }

    /**
     * Compares each replayed event with the next journaled one, read in place from the mapped journal (no copy), on
     * the reading thread; also checks that the command journal's sequences rise.
     */
    private static final class Comparison implements EventPoller.Handler<EventSlot>
    {
        private final EventJournalReader events;
        private final EventSlot copy = new EventSlot();
        private Divergence divergence;
        private boolean ended;
        private long compared;
        private long pending;
        private long lastRead;
        private Divergence orderProblem;

        Comparison(final EventJournalReader events)
        {
            this.events = events;
        }

        /**
         * @return false for a command whose sequence does not rise: it is reported once everything before it has
         * been replayed and compared, unless an earlier divergence comes first.
         */
        boolean inOrder(final CommandSlot command)
        {
            if (command.sequence() <= lastRead)
            {
                orderProblem = new Divergence(command.sequence(), 0,
                    "command " + command.sequence() + " follows command " + lastRead, "none", "none");
                return false;
            }
            lastRead = command.sequence();
            return true;
        }

        /**
         * @return a copy of the entry the reader is on, to describe it (off the hot path).
         */
        EventSlot journaled(final EventJournalReader reader)
        {
            reader.copyTo(copy);
            return copy;
        }

        public boolean onEvent(final EventSlot replayed, final long sequence, final boolean endOfBatch)
        {
            if (divergence != null)
            {
                return true; // drain: the replay thread may be waiting for room
            }
            if (ended || !events.advance())
            {
                ended = true;
                pending++;
                return true;
            }
            final String problem = difference(replayed, events);
            if (problem != null)
            {
                divergence = new Divergence(replayed.commandSequence(), replayed.eventSequence(), problem,
                    describe(replayed), describe(journaled(events)));
                return true;
            }
            compared++;
            return true;
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
