package io.matchpoint.engine.pipeline;

import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;

/**
 * What {@link Pipeline} is built from: capacities, the threading mode and idle strategies, the thread factory, the
 * handlers other modules plug in (the sender, and the journal stages of each ring), checked once in
 * {@link #conclude()}.
 */
public final class PipelineContext
{
    private EngineConfig engineConfig = new EngineConfig();
    private int inboundRingSize = 65_536;
    private int outboundRingSize = 65_536;
    private ThreadingMode threadingMode = ThreadingMode.choose(Runtime.getRuntime().availableProcessors(), false);
    private Function<String, IdleStrategy> idleStrategies = thread -> new BackoffIdleStrategy();
    private ThreadFactory threadFactory = Thread::new;
    private Consumer<String> onThreadStart = role -> { };
    private ErrorHandler errorHandler = Throwable::printStackTrace;
    private long firstSequence = 1;
    private EventHandler<EventSlot> sender;
    private EventHandler<CommandSlot> commandJournal;
    private EventHandler<EventSlot> eventJournal;
    private EventHandler<EventSlot> marketData;
    private SnapshotTaker snapshotTaker;
    private CountersManager counters;

    /**
     * Checks the context before the pipeline is built.
     *
     * @return this.
     * @throws IllegalStateException naming what is missing or wrong.
     */
    public PipelineContext conclude()
    {
        if (counters == null)
        {
            counters = CountersFile.inMemory().manager();
        }
        engineConfig.conclude();
        requirePowerOfTwo("inboundRingSize", inboundRingSize);
        requirePowerOfTwo("outboundRingSize", outboundRingSize);
        if (threadingMode == null || idleStrategies == null)
        {
            throw new IllegalStateException("a threading mode and idle strategies are needed");
        }
        if (sender == null)
        {
            throw new IllegalStateException("the outbound ring needs a sender");
        }
        if (firstSequence < 1)
        {
            throw new IllegalStateException("firstSequence must be at least 1, got " + firstSequence);
        }
        return this;
    }

    private static void requirePowerOfTwo(final String name, final int value)
    {
        if (value < 2 || !BitUtil.isPowerOfTwo(value))
        {
            throw new IllegalStateException(name + " must be a power of two of at least 2, got " + value);
        }
    }

    public PipelineContext engineConfig(final EngineConfig engineConfig)
    {
        this.engineConfig = engineConfig;
        return this;
    }

    public EngineConfig engineConfig()
    {
        return engineConfig;
    }

    public PipelineContext inboundRingSize(final int inboundRingSize)
    {
        this.inboundRingSize = inboundRingSize;
        return this;
    }

    public int inboundRingSize()
    {
        return inboundRingSize;
    }

    public PipelineContext outboundRingSize(final int outboundRingSize)
    {
        this.outboundRingSize = outboundRingSize;
        return this;
    }

    public int outboundRingSize()
    {
        return outboundRingSize;
    }

    /**
     * @param threadingMode how the agents are placed on threads; by default {@link ThreadingMode#choose} for this
     *                      process's CPUs.
     * @return this.
     */
    public PipelineContext threadingMode(final ThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @param idleStrategies each thread's idle strategy, by the thread's name in
     *                       {@link ThreadingMode#threadOf(String)}; by default Agrona's {@link BackoffIdleStrategy}
     *                       (a few spins and yields, then parks from 1 µs up to 1 ms).
     * @return this.
     */
    public PipelineContext idleStrategies(final Function<String, IdleStrategy> idleStrategies)
    {
        this.idleStrategies = idleStrategies;
        return this;
    }

    public Function<String, IdleStrategy> idleStrategies()
    {
        return idleStrategies;
    }

    /**
     * @param threadFactory makes the agents' threads; the host names each {@code matchpoint-<name>} after
     *                      {@link ThreadingMode#threadOf(String)}.
     * @return this.
     */
    public PipelineContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /**
     * @param onThreadStart called first on each agent thread with the thread's name in
     *                      {@link ThreadingMode#threadOf(String)} (in {@code dedicated} mode the agent's role:
     *                      {@code gateway}, {@code command-journal}, {@code matcher}, {@code event-journal},
     *                      {@code sender}), before any duty cycle: where the low-latency profile pins the thread to
     *                      its CPU. A failure stops the thread, so it should report rather than throw.
     * @return this.
     */
    public PipelineContext onThreadStart(final Consumer<String> onThreadStart)
    {
        this.onThreadStart = onThreadStart;
        return this;
    }

    public Consumer<String> onThreadStart()
    {
        return onThreadStart;
    }

    /**
     * @param errorHandler told of every exception a handler throws; the handler then goes on with the next slot.
     * @return this.
     */
    public PipelineContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param firstSequence global sequence of the first command published (1 for an empty journal; after recovery
     *                      the one after the last journaled command).
     * @return this.
     */
    public PipelineContext firstSequence(final long firstSequence)
    {
        this.firstSequence = firstSequence;
        return this;
    }

    public long firstSequence()
    {
        return firstSequence;
    }

    public PipelineContext sender(final EventHandler<EventSlot> sender)
    {
        this.sender = sender;
        return this;
    }

    public EventHandler<EventSlot> sender()
    {
        return sender;
    }

    /**
     * @param commandJournal appends each command before the matcher sees it; null for none.
     * @return this.
     */
    public PipelineContext commandJournal(final EventHandler<CommandSlot> commandJournal)
    {
        this.commandJournal = commandJournal;
        return this;
    }

    public EventHandler<CommandSlot> commandJournal()
    {
        return commandJournal;
    }

    /**
     * @param eventJournal appends each event alongside the sender; null for none.
     * @return this.
     */
    public PipelineContext eventJournal(final EventHandler<EventSlot> eventJournal)
    {
        this.eventJournal = eventJournal;
        return this;
    }

    public EventHandler<EventSlot> eventJournal()
    {
        return eventJournal;
    }

    /**
     * @param marketData reads every event alongside the sender and the event journal and publishes the market data
     *                   among them; the matching service then emits market data ({@link
     *                   io.matchpoint.engine.service.MatchingService#publishMarketData}). Null (the default) for none.
     * @return this.
     */
    public PipelineContext marketData(final EventHandler<EventSlot> marketData)
    {
        this.marketData = marketData;
        return this;
    }

    public EventHandler<EventSlot> marketData()
    {
        return marketData;
    }

    /**
     * @return where the stages allocate their counters: a data directory's {@link CountersFile} for a server, so that
     * {@code ./matchpoint stat} can read them; counters in memory unless set.
     */
    public CountersManager counters()
    {
        return counters;
    }

    public PipelineContext counters(final CountersManager counters)
    {
        this.counters = counters;
        return this;
    }

    /**
     * @param snapshotTaker writes a snapshot for each journaled {@code TakeSnapshot} command; null to ignore them.
     * @return this.
     */
    public PipelineContext snapshotTaker(final SnapshotTaker snapshotTaker)
    {
        this.snapshotTaker = snapshotTaker;
        return this;
    }

    public SnapshotTaker snapshotTaker()
    {
        return snapshotTaker;
    }
}
