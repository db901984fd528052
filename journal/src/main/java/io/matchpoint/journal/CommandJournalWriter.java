package io.matchpoint.journal;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.EpochNanoClock;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.pipeline.CommandSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The inbound ring's first stage: appends every command to the command journal before the matcher may see it. A
 * command it cannot append (disk full, I/O error) is marked so, and the matcher refuses it with
 * {@code JOURNAL_UNAVAILABLE} without touching the book: the book never holds what the journal does not, and nothing
 * is acknowledged that a restart would lose. It says so loudly, once when writing fails and then at most once a
 * second with the count, and once when writing works again.
 * <p>
 * The commands of one ring batch go into one block ({@link JournalFormat}), closed at the batch's end: the matcher is
 * gated on this stage's sequence, which the ring moves only when the batch is done, so it sees no command of the
 * batch before the block holding it is in the queue. A command whose entry fails is left out of the block and
 * refused alone; a block that fails to close takes its commands with it, each refused.
 * <p>
 * One thread (the stage's own) appends; the appender is made on that thread when the stage starts.
 */
public final class CommandJournalWriter implements EventHandler<CommandSlot>, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final EpochNanoClock clock;
    private final JournalFaultInjector faults;
    private final AppendFailureReport failures;
    private final JournalCounters counters;
    /** Written with an ordered store: readers on other threads (tests, tools) need no fence on this hot path. */
    private final AtomicLong lastJournaledSequence = new AtomicLong();
    private ExcerptAppender appender;
    private final Block block = new Block();

    /**
     * With counters of its own, which nobody reads (tests and tools).
     */
    public CommandJournalWriter(
        final JournalDirectory directory,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final JournalFaultInjector faults)
    {
        this(directory, clock, errorHandler, faults, CountersFile.inMemory().manager());
    }

    /**
     * @param directory    whose command queue is opened for writing.
     * @param clock        for the journal write time of each entry.
     * @param errorHandler told loudly when appends fail.
     * @param faults       {@link JournalFaultInjector#NONE} outside tests.
     * @param counters     where its position and failures are shown.
     */
    public CommandJournalWriter(
        final JournalDirectory directory,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final JournalFaultInjector faults,
        final CountersManager counters)
    {
        this.counters = new JournalCounters(counters, "command-journal", "command");
        this.queue = directory.openCommands(false);
        this.clock = clock;
        this.faults = faults;
        this.failures = new AppendFailureReport("COMMAND JOURNAL CANNOT WRITE (" + queue.file() + ")", "command",
            "refused with JOURNAL_UNAVAILABLE", errorHandler);
    }

    public void onStart()
    {
        appender();
    }

    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        try
        {
            faults.beforeAppend(slot.sequence());
            block.append(slot);
        }
        catch (final Throwable ex)
        {
            slot.markNotJournaled();
            counters.appendsFailed.incrementRelease();
            failures.failed(slot.sequence(), ex);
        }
        finally
        {
            // whatever the reports above did: the ring publishes this batch when the poll returns
            if (endOfBatch || block.isFull())
            {
                closeBlock();
            }
        }
    }

    private void closeBlock()
    {
        if (block.isEmpty())
        {
            block.clear(); // a block opened for an entry that then failed: nothing to close
            return;
        }
        final int size = block.size();
        final long last = block.slot(size - 1).sequence();
        try
        {
            block.close();
        }
        catch (final Throwable ex)
        {
            // every command of the block refused before anything is said, in case saying it fails
            for (int i = 0; i < size; i++)
            {
                block.slot(i).markNotJournaled();
            }
            counters.appendsFailed.getAndAddRelease(size);
            try
            {
                for (int i = 0; i < size; i++)
                {
                    failures.failed(block.slot(i).sequence(), ex);
                }
            }
            finally
            {
                block.clear();
            }
            return;
        }
        final long index = appender.lastIndexAppended();
        for (int i = 0; i < size; i++)
        {
            block.slot(i).journalPosition(index);
        }
        block.clear();
        lastJournaledSequence.lazySet(last);
        counters.lastSequence.setRelease(last);
        failures.succeeded(last);
    }

    /**
     * The block being written and the slots of the commands in it.
     */
    private final class Block
    {
        private final CommandSlot[] slots = new CommandSlot[JournalFormat.MAX_BLOCK_ENTRIES];
        private DocumentContext document;
        private long start;
        private long journalTimeNs;
        private int size;

        void append(final CommandSlot slot)
        {
            if (document == null)
            {
                document = appender().writingDocument();
                start = document.wire().bytes().writePosition();
                // once a block: read per entry, the epoch clock took a tenth of the thread
                journalTimeNs = clock.nanoTime();
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long entryStart = bytes.writePosition();
            try
            {
                final int length = slot.length();
                bytes.writeLong(slot.sequence());
                bytes.writeLong(slot.timestampNs());
                bytes.writeLong(journalTimeNs);
                bytes.writeLong(slot.sessionId());
                bytes.writeLong(slot.accountId());
                bytes.writeInt(length);
                bytes.write(slot.buffer().byteArray(), 0, length);
            }
            catch (final RuntimeException | Error ex)
            {
                bytes.writePosition(entryStart); // never leave part of an entry for a reader to trip on
                throw ex;
            }
            slots[size++] = slot;
        }

        boolean isEmpty()
        {
            return size == 0;
        }

        boolean isFull()
        {
            return size == slots.length ||
                document != null && document.wire().bytes().writePosition() - start >= JournalFormat.BLOCK_BYTES;
        }

        int size()
        {
            return size;
        }

        CommandSlot slot(final int i)
        {
            return slots[i];
        }

        void close()
        {
            final DocumentContext closing = document;
            document = null;
            closing.close();
        }

        /**
         * Rolls back a block left open (one whose only entries failed) and forgets its slots.
         */
        void clear()
        {
            if (document != null)
            {
                final DocumentContext abandoned = document;
                document = null;
                abandoned.rollbackOnClose();
                abandoned.close();
            }
            size = 0;
        }
    }

    private ExcerptAppender appender()
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        return appender;
    }

    /**
     * @return true while the last append failed; readable from any thread.
     */
    public boolean isFailing()
    {
        return failures.isFailing();
    }

    /**
     * @return the sequence of the last command appended; readable from any thread.
     */
    public long lastJournaledSequence()
    {
        return lastJournaledSequence.get();
    }

    /**
     * Closes the queue. Every block is closed at the end of its batch, so none is open here, and the stage's block is
     * not touched from the closing thread (which may not be the stage's).
     */
    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
