package io.matchpoint.journal;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;

import io.matchpoint.engine.pipeline.CommandSlot;

/**
 * Reads the command journal after a given command on a thread of its own, into a ring that the calling thread
 * drains: recovery's thread is then left with the engine alone, as {@code journal verify}'s replay thread is, instead
 * of also finding, copying and checking every journal entry. The reading thread opens its own
 * {@link CommandJournalReader}, since a Chronicle tailer belongs to one thread.
 * <p>
 * {@link #drain} returns once every command has been handed over; a failure to read (a corrupt entry) is thrown there,
 * after the commands before it. {@link #close} stops and joins the reading thread whatever happened.
 */
final class CommandJournalFeed implements AutoCloseable
{
    private static final int RING_SIZE = 4096;
    private static final int BATCH = 256;

    private final JournalDirectory directory;
    private final SnapshotStore.Loaded snapshot;
    private final long afterSequence;
    private final RingBuffer<CommandSlot> ring;
    private final EventPoller<CommandSlot> poller;
    private final Thread thread;
    private volatile boolean stop;
    private volatile boolean done;
    private volatile Throwable failure;

    /**
     * @param directory the data directory.
     * @param snapshot  the snapshot loaded (reading starts after its last command, seeking straight to its journal
     *                  index), or null to read from the first command.
     */
    CommandJournalFeed(final JournalDirectory directory, final SnapshotStore.Loaded snapshot)
    {
        this.directory = directory;
        this.snapshot = snapshot;
        this.afterSequence = snapshot == null ? 0 : snapshot.lastSequence();
        ring = RingBuffer.createSingleProducer(CommandSlot::new, RING_SIZE, new YieldingWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        thread = new Thread(this::read, "matchpoint-recovery-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands every command after the snapshot's, in journal order, to {@code handler} on the calling thread.
     *
     * @throws CorruptJournalException if an entry cannot be read.
     */
    void drain(final EventPoller.Handler<CommandSlot> handler)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
        // a poll hands its slots back to the reader only when it returns, after all it found; returning every 256
        // commands instead, for an earlier refill, made no difference in interleaved restarts of the 10 M journal
        while (true)
        {
            final boolean readerDone = done; // read before polling: what it published before finishing is then seen
            final EventPoller.PollState state;
            try
            {
                state = poller.poll(handler);
            }
            catch (final RuntimeException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
            if (state == EventPoller.PollState.PROCESSING)
            {
                idle.reset();
            }
            else if (readerDone)
            {
                break;
            }
            else
            {
                idle.idle();
            }
        }
        final Throwable readFailure = failure;
        if (readFailure instanceof RuntimeException runtime)
        {
            throw runtime;
        }
        if (readFailure != null)
        {
            throw new IllegalStateException("reading the command journal failed", readFailure);
        }
    }

    /**
     * Stops the reading thread and waits until it has closed its reader; an interrupt meanwhile is kept for the
     * caller, not acted on, so that a finished recovery never leaves the thread holding the queue.
     */
    @Override
    public void close()
    {
        stop = true;
        boolean interrupted = false;
        while (true)
        {
            try
            {
                thread.join();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void read()
    {
        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            if (snapshot == null || !commands.seekAfter(snapshot.journalIndex(), afterSequence))
            {
                commands.seekAfter(afterSequence);
            }
            final IdleStrategy idle = new BackoffIdleStrategy(64, 64, 1_000, 100_000);
            while (!stop)
            {
                int published = 0;
                while (published < BATCH && ring.hasAvailableCapacity(1))
                {
                    final long claimed = ring.next();
                    if (!commands.next(ring.get(claimed)))
                    {
                        return; // the claim is never published, so the drainer never sees it
                    }
                    ring.publish(claimed);
                    published++;
                }
                idle.idle(published);
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
}
