package io.matchpoint.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

import io.matchpoint.engine.match.MatchingEngine;

/**
 * The two rings and their handlers, wired in one place:
 * <pre>
 * inbound ring (commands, one producer: the gateway's I/O thread)
 *     command journal (optional) ──▶ matcher       the matcher sees a command only once it is journaled,
 *                                                  so nothing is acknowledged before it is on disk
 * outbound ring (events, one producer: the matcher)
 *     sender  ‖  event journal (optional)          both read every event; neither waits for the other
 * </pre>
 * Each handler runs on its own thread from the context's thread factory, named {@code matchpoint-<role>}. A handler
 * that throws is reported to the context's error handler and goes on with the next slot; no exception stops it.
 */
public final class Pipeline implements AutoCloseable
{
    private final RingBuffer<CommandSlot> inbound;
    private final RingBuffer<EventSlot> outbound;
    private final CommandPublisher commandPublisher;
    private final MatcherHandler matcher;
    private final EventProxy events;
    private final PipelineContext context;
    private final List<Stage> stages = new ArrayList<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private boolean started;

    private record Stage(String role, BatchEventProcessor<?> processor, RingBuffer<?> ring, Thread[] thread)
    {
    }

    /**
     * @param context concluded here.
     */
    public Pipeline(final PipelineContext context)
    {
        this.context = context.conclude();
        inbound = RingBuffer.createSingleProducer(
            CommandSlot::new, context.inboundRingSize(), context.inboundWaitStrategy());
        outbound = RingBuffer.createSingleProducer(
            EventSlot::new, context.outboundRingSize(), context.outboundWaitStrategy());

        final InstrumentDirectory instruments = new InstrumentDirectory(context.engineConfig().maxInstruments());
        events = new EventProxy(outbound, instruments, context.engineConfig().maxAccounts());
        matcher = new MatcherHandler(new MatchingEngine(context.engineConfig(), events), events, instruments);
        commandPublisher = new CommandPublisher(inbound, context.firstSequence());

        final Sequence[] matcherDependencies;
        if (context.commandJournal() != null)
        {
            final BatchEventProcessor<CommandSlot> journal = stage("command-journal", inbound, context.commandJournal());
            matcherDependencies = new Sequence[]{ journal.getSequence() };
        }
        else
        {
            matcherDependencies = new Sequence[0];
        }
        final BatchEventProcessor<CommandSlot> matcherProcessor = stage("matcher", inbound, matcher, matcherDependencies);
        inbound.addGatingSequences(matcherProcessor.getSequence());

        final BatchEventProcessor<EventSlot> sender = stage("sender", outbound, context.sender());
        outbound.addGatingSequences(sender.getSequence());
        if (context.eventJournal() != null)
        {
            outbound.addGatingSequences(stage("event-journal", outbound, context.eventJournal()).getSequence());
        }
    }

    private <T> BatchEventProcessor<T> stage(
        final String role, final RingBuffer<T> ring, final EventHandler<? super T> handler, final Sequence... after)
    {
        final BatchEventProcessor<T> processor = new BatchEventProcessorBuilder()
            .build(ring, ring.newBarrier(after), handler);
        processor.setExceptionHandler(new ReportAndContinue<>(role, context.errorHandler(), handlerErrors));
        stages.add(new Stage(role, processor, ring, new Thread[1]));
        return processor;
    }

    /**
     * @return the inbound ring's producer side; one thread at a time.
     */
    public CommandPublisher commandPublisher()
    {
        return commandPublisher;
    }

    /**
     * @return the matcher, whose core may be inspected only while the pipeline is quiet or closed.
     */
    public MatcherHandler matcher()
    {
        return matcher;
    }

    /**
     * @return how many exceptions the handlers reported so far.
     */
    public long handlerErrors()
    {
        return handlerErrors.get();
    }

    /**
     * Recovery: before {@link #start()}, runs journaled commands through this pipeline's own matcher on the calling
     * thread, its events going to {@code onEvent} instead of the ring (nothing reaches a client). Load a snapshot
     * into {@link Replayer#matcher()} first, if there is one. {@link #start()} hands the matcher to its thread and
     * points the events back at the ring.
     *
     * @param onEvent given every event of the replayed commands.
     * @return a replayer over this pipeline's matcher.
     */
    public Replayer replayer(final EventHandler<EventSlot> onEvent)
    {
        if (started)
        {
            throw new IllegalStateException("replay comes before start");
        }
        events.output(new EventOutput.Direct(onEvent));
        return new Replayer(matcher);
    }

    /**
     * Starts one thread per handler.
     */
    public void start()
    {
        if (started)
        {
            throw new IllegalStateException("already started");
        }
        started = true;
        events.outputToRing();
        matcher.snapshotTaker(context.snapshotTaker());
        for (final Stage stage : stages)
        {
            final Runnable processor = stage.processor();
            final String role = stage.role();
            final Thread thread = context.threadFactory().newThread(() ->
            {
                context.onThreadStart().accept(role);
                processor.run();
            });
            thread.setName("matchpoint-" + stage.role());
            stage.thread()[0] = thread;
            thread.start();
        }
    }

    /**
     * @param role {@code matcher}, {@code sender}, {@code command-journal} or {@code event-journal}.
     * @return the id of that handler's thread, for allocation and CPU accounting; -1 if there is none yet.
     */
    public long threadId(final String role)
    {
        for (final Stage stage : stages)
        {
            if (stage.role().equals(role) && stage.thread()[0] != null)
            {
                return stage.thread()[0].getId();
            }
        }
        return -1;
    }

    /**
     * Waits until every handler has processed everything published so far.
     *
     * @param timeout how long to wait at most.
     * @param unit    of the timeout.
     * @return true if all handlers caught up in time.
     */
    public boolean awaitQuiet(final long timeout, final TimeUnit unit)
    {
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (isQuiet())
            {
                return true;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return isQuiet();
    }

    private boolean isQuiet()
    {
        // the inbound side first: the matcher may still publish events while it drains commands
        for (final Stage stage : stages)
        {
            if (stage.ring() == inbound && stage.processor().getSequence().get() < inbound.getCursor())
            {
                return false;
            }
        }
        for (final Stage stage : stages)
        {
            if (stage.ring() == outbound && stage.processor().getSequence().get() < outbound.getCursor())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Lets the handlers finish what was published (up to five seconds), then stops their threads. The producer must
     * have stopped publishing first.
     */
    public void close()
    {
        awaitQuiet(5, TimeUnit.SECONDS);
        for (final Stage stage : stages)
        {
            stage.processor().halt();
        }
        for (final Stage stage : stages)
        {
            final Thread thread = stage.thread()[0];
            if (thread != null)
            {
                try
                {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * @return true once no stage thread is alive (after {@link #close}, unless it gave up waiting for one).
     */
    public boolean isStopped()
    {
        for (final Stage stage : stages)
        {
            final Thread thread = stage.thread()[0];
            if (thread != null && thread.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    private static final class ReportAndContinue<T> implements ExceptionHandler<T>
    {
        private final String role;
        private final ErrorHandler errorHandler;
        private final AtomicLong errors;

        ReportAndContinue(final String role, final ErrorHandler errorHandler, final AtomicLong errors)
        {
            this.role = role;
            this.errorHandler = errorHandler;
            this.errors = errors;
        }

        public void handleEventException(final Throwable ex, final long sequence, final T event)
        {
            errors.incrementAndGet();
            errorHandler.onError(new IllegalStateException(role + " failed on ring sequence " + sequence, ex));
        }

        public void handleOnStartException(final Throwable ex)
        {
            errors.incrementAndGet();
            errorHandler.onError(new IllegalStateException(role + " failed to start", ex));
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            errors.incrementAndGet();
            errorHandler.onError(new IllegalStateException(role + " failed to shut down", ex));
        }
    }
}
