package io.matchpoint.journal;

import java.io.IOException;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.PipelineContext;

/**
 * A pipeline on a data directory: the journal stages plugged into both rings, snapshots on request, and recovery
 * done before anyone may publish. What a server runs on; the gateway only adds sockets.
 * <pre>
 * open:  check the capacity against the journal's ─▶ open both queues ─▶ read the last journaled sequence
 *        ─▶ build the pipeline to continue after it ─▶ load the newest good snapshot ─▶ replay the tail
 *        ─▶ re-journal the events a crash kept from the event journal ─▶ ready to start
 * </pre>
 */
public final class JournaledPipeline implements AutoCloseable
{
    private final Pipeline pipeline;
    private final CommandJournalWriter commandWriter;
    private final EventJournalWriter eventWriter;
    private final Recovery.Report recovery;
    private final WriterLock writerLock;
    private final CountersFile counters;
    private final PipelineContext context;
    private final CountersManager contextCountersBefore;

    private JournaledPipeline(
        final Pipeline pipeline,
        final CommandJournalWriter commandWriter,
        final EventJournalWriter eventWriter,
        final Recovery.Report recovery,
        final WriterLock writerLock,
        final CountersFile counters,
        final PipelineContext context,
        final CountersManager contextCountersBefore)
    {
        this.context = context;
        this.contextCountersBefore = contextCountersBefore;
        this.writerLock = writerLock;
        this.counters = counters;
        this.pipeline = pipeline;
        this.commandWriter = commandWriter;
        this.eventWriter = eventWriter;
        this.recovery = recovery;
    }

    /**
     * @param directory    the data directory; created if missing.
     * @param context      everything but the journal stages, the snapshot taker and the first sequence, which this
     *                     sets.
     * @param clock        journal write times, read once per entry on the journal threads: it must not allocate
     *                     (Agrona's {@code SystemEpochNanoClock} makes an {@code Instant} per call, 24 bytes when the
     *                     JIT keeps it; the gateway's {@code MonotonicEpochClock} makes nothing).
     * @param errorHandler told loudly of journal failures.
     * @param log          told of snapshots and recovery steps.
     * @param faults       {@link JournalFaultInjector#NONE} outside tests.
     * @return a recovered pipeline, not started.
     * @throws DataDirectoryInUseException if another server writes this directory ({@link WriterLock}).
     */
    public static JournaledPipeline open(
        final JournalDirectory directory,
        final PipelineContext context,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler,
        final Consumer<String> log,
        final JournalFaultInjector faults) throws IOException
    {
        final WriterLock writerLock = WriterLock.acquire(directory);
        CountersFile counters = null;
        final CountersManager contextCountersBefore = context.counters();
        CommandJournalWriter commandWriter = null;
        EventJournalWriter eventWriter = null;
        Pipeline pipeline = null;
        try
        {
            EngineCapacityFile.recordOrCheck(directory, context.engineConfig());
            // only now, holding the directory: a second server refused here must not clear the running one's counters
            counters = CountersFile.create(directory.root());
            context.counters(counters.manager());
            commandWriter = new CommandJournalWriter(directory, clock, errorHandler, faults, counters.manager());
            eventWriter = new EventJournalWriter(directory, clock, errorHandler, faults, counters.manager());
            final SnapshotStore snapshots = new SnapshotStore(directory.snapshots(), log);
            final Recovery recovery = new Recovery(directory, snapshots, log);
            final long lastSequence = recovery.lastJournaledSequence();
            context
                .firstSequence(lastSequence + 1)
                .commandJournal(commandWriter)
                .eventJournal(eventWriter)
                .snapshotTaker(snapshots);
            pipeline = new Pipeline(context);
            final Recovery.Report report = recovery.recover(pipeline, eventWriter, lastSequence);
            return new JournaledPipeline(
                pipeline, commandWriter, eventWriter, report, writerLock, counters, context, contextCountersBefore);
        }
        catch (final Throwable ex)
        {
            context.counters(contextCountersBefore); // the file goes: the context must not hand out its counters
            CloseHelper.quietCloseAll(commandWriter, eventWriter, counters, writerLock);
            throw ex;
        }
    }

    public Pipeline pipeline()
    {
        return pipeline;
    }

    public Recovery.Report recovery()
    {
        return recovery;
    }

    public CommandJournalWriter commandWriter()
    {
        return commandWriter;
    }

    /**
     * Stops the pipeline (draining what was published), then closes the journals and gives up the directory once
     * every stage thread has ended.
     */
    public void close()
    {
        pipeline.close();
        CloseHelper.closeAll(commandWriter, eventWriter);
        if (pipeline.isStopped())
        {
            context.counters(contextCountersBefore); // unmapped next: the context must not hand out its counters
            CloseHelper.closeAll(counters, writerLock); // the file stays: the last figures remain readable
        }
        // else a stage thread outlived the wait (it may still write a snapshot): the directory stays locked until
        // the process ends, rather than let another server in beside it
    }
}
