package io.matchpoint.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.CountersManager;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

import io.matchpoint.engine.pipeline.ThreadingMode.Roles;
import io.matchpoint.engine.service.MatchingService;

/**
 * The two rings and the agents that read them, wired in one place:
 * <pre>
 * inbound ring (commands, one producer: the gateway agent)
 *     command journal (optional) ──▶ matcher       the matcher sees a command only once it is journaled,
 *                                                  so nothing is acknowledged before it is on disk
 * outbound ring (events, one producer: the matcher)
 *     sender  ‖  event journal (optional)          each reads every event; none waits for another
 *             ‖  market data (optional)
 * </pre>
 * Each stage is an agent that polls its ring ({@link RingAgent}, {@link MatcherAgent}); the context's
 * {@link ThreadingMode} places them, with the gateway's agent when there is one, on threads ({@link AgentHost}).
 * Nothing waits inside a ring: every agent polls, so a publish costs no lock and no wake-up, and idle threads back
 * off through their idle strategy. A handler that throws is reported to the context's error handler and its agent
 * goes on with the next slot; no exception stops a stage.
 */
public final class Pipeline implements AutoCloseable
{
    /** Slots one agent takes in one duty cycle at most, so that the agents sharing a thread take turns. */
    static final int BATCH_LIMIT = 256;

    private final RingBuffer<CommandSlot> inbound;
    private final RingBuffer<EventSlot> outbound;
    private final CommandPublisher commandPublisher;
    private final MatcherHandler matcher;
    private final EventOutput.Ring outboundEgress;
    private final PipelineContext context;
    private final RingAgent<CommandSlot> commandJournal;
    private final MatcherAgent matcherAgent;
    private final RingAgent<EventSlot> eventJournal;
    private final RingAgent<EventSlot> sender;
    private final RingAgent<EventSlot> marketData;
    private final List<Sequence> inboundStages = new ArrayList<>();
    private final List<Sequence> outboundStages = new ArrayList<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final ErrorHandler countingErrorHandler;
    private AgentHost host;

    /**
     * @param context concluded here.
     */
    public Pipeline(final PipelineContext context)
    {
        this.context = context.conclude();
        final ErrorHandler errorHandler = context.errorHandler();
        countingErrorHandler = error ->
        {
            handlerErrors.incrementAndGet();
            errorHandler.onError(error);
        };
        // every stage polls, none waits on a ring's barrier: the wait strategy's only part left is the signal on each
        // publish, which for a busy-spin strategy is nothing (no lock, no wake-up)
        inbound = RingBuffer.createSingleProducer(CommandSlot::new, context.inboundRingSize(), new BusySpinWaitStrategy());
        outbound = RingBuffer.createSingleProducer(EventSlot::new, context.outboundRingSize(), new BusySpinWaitStrategy());

        final CountersManager counters = context.counters();
        outboundEgress = new EventOutput.Ring(outbound);
        matcher = new MatcherHandler(new MatchingService(context.engineConfig(), outboundEgress, counters));
        commandPublisher = new CommandPublisher(inbound, context.firstSequence());

        if (context.commandJournal() != null)
        {
            commandJournal = new RingAgent<>(Roles.COMMAND_JOURNAL, inbound.newPoller(), context.commandJournal(),
                BATCH_LIMIT, errorHandler, handlerErrors, new StageCounters(counters, Roles.COMMAND_JOURNAL, inbound));
            inboundStages.add(commandJournal.sequence());
            matcherAgent = new MatcherAgent(inbound.newPoller(commandJournal.sequence()), matcher, outbound,
                headroom(context.outboundRingSize()), BATCH_LIMIT, errorHandler, handlerErrors,
                new StageCounters(counters, Roles.MATCHER, inbound));
        }
        else
        {
            commandJournal = null;
            matcherAgent = new MatcherAgent(inbound.newPoller(), matcher, outbound,
                headroom(context.outboundRingSize()), BATCH_LIMIT, errorHandler, handlerErrors,
                new StageCounters(counters, Roles.MATCHER, inbound));
        }
        inboundStages.add(matcherAgent.sequence());
        inbound.addGatingSequences(matcherAgent.sequence());

        sender = new RingAgent<>(Roles.SENDER, outbound.newPoller(), context.sender(), BATCH_LIMIT, errorHandler,
            handlerErrors, new StageCounters(counters, Roles.SENDER, outbound));
        outboundStages.add(sender.sequence());
        if (context.eventJournal() != null)
        {
            eventJournal = new RingAgent<>(Roles.EVENT_JOURNAL, outbound.newPoller(), context.eventJournal(),
                BATCH_LIMIT, errorHandler, handlerErrors, new StageCounters(counters, Roles.EVENT_JOURNAL, outbound));
            outboundStages.add(eventJournal.sequence());
        }
        else
        {
            eventJournal = null;
        }
        if (context.marketData() != null)
        {
            marketData = new RingAgent<>(Roles.MARKET_DATA, outbound.newPoller(), context.marketData(), BATCH_LIMIT,
                errorHandler, handlerErrors, new StageCounters(counters, Roles.MARKET_DATA, outbound));
            outboundStages.add(marketData.sequence());
            matcher.service().publishMarketData(true);
        }
        else
        {
            marketData = null;
        }
        outbound.addGatingSequences(outboundStages.toArray(new Sequence[0]));
    }

    /**
     * The matcher takes a command only while the outbound ring has this many free slots: a quarter of the ring, at
     * most 256, which is more than nearly any one command's events.
     */
    private static int headroom(final int outboundRingSize)
    {
        return Math.max(1, Math.min(outboundRingSize / 4, 256));
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
     * @return how many exceptions the agents reported so far.
     */
    public long handlerErrors()
    {
        return handlerErrors.get();
    }

    /**
     * Recovery: before {@link #start()}, runs journaled commands through this pipeline's own matching service on the
     * calling thread, its events going to {@code onEvent} instead of the ring (nothing reaches a client). Load a
     * snapshot into {@link Replayer#matcher()} first, if there is one. {@link #start()} hands the matcher to its thread
     * and points the service's egress back at the ring.
     *
     * @param onEvent given every event of the replayed commands.
     * @return a replayer over this pipeline's matcher.
     */
    public Replayer replayer(final EventHandler<EventSlot> onEvent)
    {
        if (host != null)
        {
            throw new IllegalStateException("replay comes before start");
        }
        matcher.service().egress(new EventOutput.Direct(onEvent));
        return new Replayer(matcher);
    }

    /**
     * Starts the agents without a gateway (tests, tools): see {@link #start(Agent)}.
     */
    public void start()
    {
        start(null);
    }

    /**
     * Starts the agents as the context's threading mode places them, the gateway's with them. In
     * {@link ThreadingMode#INVOKER} nothing runs until the caller calls {@link #invoke()}.
     *
     * @param gateway the inbound ring's producer and the sockets' reader, first on its thread; null for none.
     */
    public void start(final Agent gateway)
    {
        if (host != null)
        {
            throw new IllegalStateException("already started");
        }
        final ThreadingMode mode = context.threadingMode();
        final List<Agent> agents = new ArrayList<>();
        if (gateway != null)
        {
            agents.add(gateway);
        }
        if (commandJournal != null)
        {
            agents.add(commandJournal);
        }
        agents.add(matcherAgent);
        if (eventJournal != null)
        {
            agents.add(eventJournal);
        }
        agents.add(sender);
        if (marketData != null)
        {
            agents.add(marketData);
        }
        outboundEgress.whileFull(whileOutboundFull(mode));
        matcher.service().egress(outboundEgress);
        matcher.snapshotTaker(context.snapshotTaker());
        host = new AgentHost(mode, agents, context.idleStrategies(), context.threadFactory(), countingErrorHandler,
            context.onThreadStart(), context.counters());
        host.start();
    }

    /**
     * What the matcher does while the outbound ring is full: run the consumers that share its thread (else nothing
     * would ever drain it), or yield to those on other threads.
     */
    private Runnable whileOutboundFull(final ThreadingMode mode)
    {
        final List<RingAgent<EventSlot>> sharing = new ArrayList<>();
        for (final RingAgent<EventSlot> reader : java.util.Arrays.asList(eventJournal, sender, marketData))
        {
            if (reader != null && (mode.threadOf(reader.roleName()) == null ||
                mode.threadOf(reader.roleName()).equals(mode.threadOf(Roles.MATCHER))))
            {
                sharing.add(reader);
            }
        }
        if (sharing.isEmpty())
        {
            return Thread::yield;
        }
        final RingAgent<?>[] readers = sharing.toArray(new RingAgent<?>[0]);
        return () ->
        {
            int work = 0;
            for (final RingAgent<?> reader : readers)
            {
                work += reader.doWork();
            }
            if (work == 0)
            {
                Thread.yield(); // the rest of the ring's readers are on another thread
            }
        };
    }

    MatcherAgent matcherAgent()
    {
        return matcherAgent;
    }

    RingAgent<EventSlot> senderAgent()
    {
        return sender;
    }

    /**
     * @return the agents' host: threads, their ids, the mode; null before {@link #start}.
     */
    public AgentHost host()
    {
        return host;
    }

    /**
     * One duty cycle of every agent on the calling thread ({@link ThreadingMode#INVOKER} only).
     *
     * @return the work done.
     */
    public int invoke()
    {
        return host.invoke();
    }

    /**
     * @param role one of {@link Roles}.
     * @return the id of the thread that runs that agent, for allocation and CPU accounting; -1 if there is none.
     */
    public long threadId(final String role)
    {
        return host == null ? -1 : host.threadId(role);
    }

    /**
     * Waits until every stage has processed everything published so far; an invoker's caller runs the agents here.
     *
     * @param timeout how long to wait at most.
     * @param unit    of the timeout.
     * @return true if all stages caught up in time.
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
            if (host != null && host.isInvoker())
            {
                host.invoke();
            }
            else
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
        return isQuiet();
    }

    private boolean isQuiet()
    {
        // the inbound side first: the matcher may still publish events while it drains commands
        for (final Sequence stage : inboundStages)
        {
            if (stage.get() < inbound.getCursor())
            {
                return false;
            }
        }
        for (final Sequence stage : outboundStages)
        {
            if (stage.get() < outbound.getCursor())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Lets the agents finish what was published (up to five seconds), then stops their threads. The producer must
     * have stopped publishing first.
     */
    public void close()
    {
        awaitQuiet(5, TimeUnit.SECONDS);
        if (host != null)
        {
            host.close();
        }
    }

    /**
     * @return true once no agent thread is alive (after {@link #close}, unless one outlived the wait).
     */
    public boolean isStopped()
    {
        return host == null || host.isStopped();
    }
}
