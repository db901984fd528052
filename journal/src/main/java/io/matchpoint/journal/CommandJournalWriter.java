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
            append(slot);
            slot.journalPosition(appender.lastIndexAppended());
            lastJournaledSequence.lazySet(slot.sequence());
            failures.succeeded(slot.sequence());
            counters.lastSequence.setRelease(slot.sequence());
        }
        catch (final Throwable ex)
        {
            slot.markNotJournaled();
            failures.failed(slot.sequence(), ex);
            counters.appendsFailed.incrementRelease();
        }
    }

    private void append(final CommandSlot slot)
    {
        final int length = slot.length();
        final DocumentContext document = appender().writingDocument();
        try
        {
            final Bytes<?> bytes = document.wire().bytes();
            bytes.writeLong(slot.sequence());
            bytes.writeLong(slot.timestampNs());
            bytes.writeLong(clock.nanoTime());
            bytes.writeLong(slot.sessionId());
            bytes.writeLong(slot.accountId());
            bytes.writeInt(length);
            bytes.write(slot.buffer().byteArray(), 0, length);
        }
        catch (final RuntimeException | Error ex)
        {
            document.rollbackOnClose(); // never leave half an entry for a reader to trip on
            throw ex;
        }
        finally
        {
            document.close();
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

    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
