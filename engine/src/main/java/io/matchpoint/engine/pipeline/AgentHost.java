package io.matchpoint.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersManager;

/**
 * Places agents on threads as a {@link ThreadingMode} says: each thread runs its agents in the order given (the path
 * of an order), through an Agrona {@link AgentRunner} with its own idle strategy; in {@link ThreadingMode#INVOKER}
 * there is no thread and the caller runs them all with {@link #invoke()}. The agents never know which it is.
 */
public final class AgentHost implements AutoCloseable
{
    private static final int CLOSE_TIMEOUT_MS = 5_000;

    private final ThreadingMode mode;
    private final Map<String, List<Agent>> agentsByThread = new LinkedHashMap<>();
    private final Function<String, IdleStrategy> idleStrategies;
    private final ThreadFactory threadFactory;
    private final ErrorHandler errorHandler;
    private final Consumer<String> onThreadStart;
    private final CountersManager counters;
    private final Map<String, AgentRunner> runners = new LinkedHashMap<>();
    private final Map<String, Thread> threads = new LinkedHashMap<>();
    private final List<Agent> agents;
    private AgentInvoker invoker;
    private boolean started;

    /**
     * @param mode           where the agents run.
     * @param agents         every agent, in the order a shared thread runs them; each with its role as
     *                       {@link Agent#roleName()}.
     * @param idleStrategies the idle strategy of each thread, by its name in {@link ThreadingMode#threadOf(String)}.
     * @param threadFactory  makes the threads (named {@code matchpoint-<name>} here).
     * @param errorHandler   told of anything that escapes an agent's duty cycle; the agent goes on.
     * @param onThreadStart  called first on each new thread with its name (pinning).
     * @param counters       where each thread's duty-cycle counters go ({@link DutyCycleCounters}).
     */
    public AgentHost(
        final ThreadingMode mode,
        final List<Agent> agents,
        final Function<String, IdleStrategy> idleStrategies,
        final ThreadFactory threadFactory,
        final ErrorHandler errorHandler,
        final Consumer<String> onThreadStart,
        final CountersManager counters)
    {
        this.counters = counters;
        this.mode = mode;
        this.agents = List.copyOf(agents);
        this.idleStrategies = idleStrategies;
        this.threadFactory = threadFactory;
        this.errorHandler = errorHandler;
        this.onThreadStart = onThreadStart;
        if (mode != ThreadingMode.INVOKER)
        {
            for (final Agent agent : agents)
            {
                agentsByThread.computeIfAbsent(mode.threadOf(agent.roleName()), name -> new ArrayList<>()).add(agent);
            }
        }
    }

    /**
     * Starts a thread for each group of agents, or, in {@link ThreadingMode#INVOKER}, calls every agent's
     * {@code onStart} on this thread.
     */
    public void start()
    {
        if (started)
        {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (mode == ThreadingMode.INVOKER)
        {
            invoker = new AgentInvoker(errorHandler, null, composite(agents));
            invoker.start();
            return;
        }
        for (final Map.Entry<String, List<Agent>> group : agentsByThread.entrySet())
        {
            final String name = group.getKey();
            final AgentRunner runner = new AgentRunner(idleStrategies.apply(name), errorHandler, null,
                new DutyCycleCounters(composite(group.getValue()), counters, "matchpoint-" + name));
            runners.put(name, runner);
            // started here, not by AgentRunner.startOnThread, which would rename the thread after the agent's role
            final Thread thread = threadFactory.newThread(() ->
            {
                onThreadStart.accept(name);
                runner.run();
            });
            thread.setName("matchpoint-" + name);
            threads.put(name, thread);
            thread.start();
        }
    }

    private static Agent composite(final List<Agent> agents)
    {
        return agents.size() == 1 ? agents.get(0) : new CompositeAgent(agents);
    }

    /**
     * One duty cycle of every agent, on the calling thread: {@link ThreadingMode#INVOKER} only.
     *
     * @return the work done, 0 when every agent was idle.
     */
    public int invoke()
    {
        if (invoker == null)
        {
            throw new IllegalStateException("only an invoker host, once started, is invoked; this one is " + mode);
        }
        return invoker.invoke();
    }

    /**
     * @return whether the caller drives the agents ({@link ThreadingMode#INVOKER}).
     */
    public boolean isInvoker()
    {
        return mode == ThreadingMode.INVOKER;
    }

    /**
     * @return the mode the agents run in.
     */
    public ThreadingMode mode()
    {
        return mode;
    }

    /**
     * @param role an agent's role.
     * @return the id of the thread that runs it, for allocation and CPU accounting; -1 when no thread runs it (not
     * started, or an invoker).
     */
    public long threadId(final String role)
    {
        final Thread thread = mode == ThreadingMode.INVOKER ? null : threads.get(mode.threadOf(role));
        return thread == null ? -1 : thread.getId();
    }

    /**
     * @return the threads and their agents, e.g. {@code matchpoint-io: gateway, sender; matchpoint-core: ...}.
     */
    public String describe()
    {
        if (mode == ThreadingMode.INVOKER)
        {
            return "no threads: the caller runs " + roles(agents);
        }
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, List<Agent>> group : agentsByThread.entrySet())
        {
            text.append(text.length() == 0 ? "" : "; ").append("matchpoint-").append(group.getKey()).append(": ")
                .append(roles(group.getValue()));
        }
        return text.toString();
    }

    private static String roles(final List<Agent> agents)
    {
        final StringBuilder text = new StringBuilder();
        for (final Agent agent : agents)
        {
            text.append(text.length() == 0 ? "" : ", ").append(agent.roleName());
        }
        return text.toString();
    }

    private int lastRole(final String threadName)
    {
        int last = -1;
        for (final Agent agent : agentsByThread.get(threadName))
        {
            last = Math.max(last, agents.indexOf(agent));
        }
        return last;
    }

    /** Thrown from AgentRunner's close-failure callback to stop its endless retry. */
    private static final class GaveUpWaiting extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        GaveUpWaiting()
        {
            super(null, null, false, false);
        }
    }

    /**
     * @return true once every thread has ended (or none was started).
     */
    public boolean isStopped()
    {
        for (final Thread thread : threads.values())
        {
            if (thread.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the threads (each agent's {@code onClose} runs on its own thread), waiting up to five seconds for each.
     */
    public void close()
    {
        // upstream first: a thread whose last agent is further down the path of an order (the sender last) stops
        // later, so a matcher still waiting for room on the outbound ring always has its consumers running
        final List<String> order = new ArrayList<>(runners.keySet());
        order.sort((a, b) -> Integer.compare(lastRole(a), lastRole(b)));
        for (final String name : order)
        {
            try
            {
                // AgentRunner would retry forever and interrupt the thread (and a snapshot being written with it):
                // wait a bounded time instead, and report a thread that outlives it
                runners.get(name).close(CLOSE_TIMEOUT_MS, thread ->
                {
                    throw new GaveUpWaiting();
                });
            }
            catch (final GaveUpWaiting ex)
            {
                errorHandler.onError(new IllegalStateException(
                    "matchpoint-" + name + " did not stop within " + CLOSE_TIMEOUT_MS + " ms; left running"));
            }
        }
        // a runner closed before its thread began running returns at once (the thread then ends by itself): wait for
        // it too, so that "stopped" means no thread of this host is left
        for (final Thread thread : threads.values())
        {
            try
            {
                thread.join(CLOSE_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (invoker != null)
        {
            invoker.close();
        }
    }
}
