package io.matchpoint.journal;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.pipeline.EventSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * An outbound ring stage beside the sender: appends every durable event (every answer to a journaled command) to the
 * event journal, the durable events of one ring batch in one block ({@link JournalFormat}). An event it misses through
 * a crash is made again at the next start, since replaying the command journal yields the same events; an event it
 * cannot append while running is reported loudly, and {@code journal verify} names the gap.
 */
public final class EventJournalWriter implements EventHandler<EventSlot>, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final EpochNanoClock clock;
    private final JournalFaultInjector faults;
    private final AppendFailureReport failures;
    private final JournalCounters counters;
    private ExcerptAppender appender;
    /** The block of this ring batch's durable events, open from the first of them to the batch's end. */
    private DocumentContext block;
    private long blockStart;
    private long blockTimeNs;
    private int blockEntries;
    private long lastInBlock;

    /**
     * With counters of its own, which nobody reads (tests and tools).
     */
    public EventJournalWriter(
        final JournalDirectory directory,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final JournalFaultInjector faults)
    {
        this(directory, clock, errorHandler, faults, CountersFile.inMemory().manager());
    }

    /**
     * @param directory    whose event queue is opened for writing.
     * @param clock        for the journal write time of each entry.
     * @param errorHandler told loudly when appends fail.
     * @param faults       {@link JournalFaultInjector#NONE} outside tests.
     * @param counters     where its position and failures are shown.
     */
    public EventJournalWriter(
        final JournalDirectory directory,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final JournalFaultInjector faults,
        final CountersManager counters)
    {
        this.counters = new JournalCounters(counters, "event-journal", "event");
        this.queue = directory.openEvents(false);
        this.clock = clock;
        this.faults = faults;
        this.failures = new AppendFailureReport("EVENT JOURNAL CANNOT WRITE (" + queue.file() + ")", "event",
            "not journaled (journal verify names the gap)", errorHandler);
    }

    public void onStart()
    {
        appender();
    }

    public void onEvent(final EventSlot event, final long ringSequence, final boolean endOfBatch)
    {
        try
        {
            if (event.isDurable())
            {
                appendToBlock(event);
            }
        }
        finally
        {
            if (block != null && (endOfBatch || blockEntries == JournalFormat.MAX_BLOCK_ENTRIES ||
                block.wire().bytes().writePosition() - blockStart >= JournalFormat.BLOCK_BYTES))
            {
                closeBlock();
            }
        }
    }

    private void appendToBlock(final EventSlot event)
    {
        try
        {
            faults.beforeAppend(event.eventSequence());
            if (block == null)
            {
                block = appender().writingDocument();
                blockStart = block.wire().bytes().writePosition();
                // once a block: read per entry, the epoch clock took a tenth of the thread
                blockTimeNs = clock.nanoTime();
            }
            write(block.wire().bytes(), event, blockTimeNs);
            blockEntries++;
            lastInBlock = event.eventSequence();
        }
        catch (final Throwable ex)
        {
            counters.appendsFailed.incrementRelease();
            failures.failed(event.eventSequence(), ex);
        }
    }

    /**
     * Closes the block of this batch's events (see {@link JournalFormat}); one that fails to close loses its events
     * from the journal, each counted, said loudly, and {@code journal verify} names the gap.
     */
    private void closeBlock()
    {
        final DocumentContext closing = block;
        final int entries = blockEntries;
        block = null;
        blockEntries = 0;
        if (entries == 0)
        {
            closing.rollbackOnClose(); // opened for an event whose entry then failed
            closing.close();
            return;
        }
        try
        {
            closing.close();
        }
        catch (final Throwable ex)
        {
            counters.appendsFailed.getAndAddRelease(entries);
            failures.failed(lastInBlock, ex);
            return;
        }
        counters.lastSequence.setRelease(lastInBlock);
        failures.succeeded(lastInBlock);
    }

    /**
     * Appends one event in a block of its own; used by recovery, on its own thread before the pipeline starts, for
     * the events a crash kept from the journal.
     */
    void append(final EventSlot event)
    {
        final DocumentContext document = appender().writingDocument();
        try
        {
            write(document.wire().bytes(), event, clock.nanoTime());
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

    /**
     * Writes one entry at the end of a block; on failure, leaves the block as it was.
     */
    private static void write(final Bytes<?> bytes, final EventSlot event, final long journalTimeNs)
    {
        final long entryStart = bytes.writePosition();
        try
        {
            final int length = event.length();
            bytes.writeLong(event.eventSequence());
            bytes.writeLong(event.commandSequence());
            bytes.writeLong(event.timestampNs());
            bytes.writeLong(journalTimeNs);
            bytes.writeByte(event.targetKind());
            bytes.writeLong(event.targetId());
            bytes.writeInt(length);
            bytes.write(event.buffer().byteArray(), 0, length);
        }
        catch (final RuntimeException | Error ex)
        {
            bytes.writePosition(entryStart);
            throw ex;
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
     * Closes the appender made on the calling thread (recovery's), so the stage's thread makes its own.
     */
    void releaseAppender()
    {
        if (appender != null)
        {
            appender.close();
            appender = null;
        }
    }

    /**
     * Closes the queue. Every block is closed at the end of its batch, so none is open here, and the stage's block is
     * not touched from the closing thread (which may not be the stage's).
     */
    public void close()
    {
        releaseAppender();
        queue.close();
    }
}
