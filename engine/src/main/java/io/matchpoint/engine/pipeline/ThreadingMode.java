package io.matchpoint.engine.pipeline;

import java.util.List;

/**
 * How the runtime's agents are placed on threads, as Aeron's media driver does it. The agents and the rings between
 * them are the same in every mode; only who calls {@code doWork()} changes.
 * <p>
 * The {@link Roles#SENDER} (the outbound ring's reader) always runs on the {@link Roles#GATEWAY}'s thread, after it:
 * in a server they are the read and write steps of one session agent, which owns each connection whole.
 */
public enum ThreadingMode
{
    /**
     * One thread per agent: the session agent (gateway and sender), command journal, matcher and event journal each
     * on their own, each pinned to a CPU in the {@code low-latency} profile. Needs a CPU per busy thread.
     */
    DEDICATED("dedicated"),
    /**
     * Two threads: the session agent (gateway and sender: the sockets) on one, the command journal, matcher and event
     * journal on the other. For 3 or more CPUs without busy-spinning.
     */
    SHARED_IO("shared-io"),
    /**
     * One thread for every agent, in the order of the path of an order (gateway, command journal, matcher, event
     * journal, sender), so that an order read in a duty cycle is answered in the same duty cycle. For 1 or 2 CPUs.
     */
    SHARED("shared"),
    /**
     * No threads: the caller drives every agent, in the {@link #SHARED} order, by calling
     * {@link AgentHost#invoke()} (Aeron's invoker). For tests and tools that want the live agents without threads.
     */
    INVOKER("invoker");

    /** The agents that do socket I/O: their own thread in {@link #SHARED_IO}. */
    public static final List<String> IO_ROLES = List.of(Roles.GATEWAY, Roles.SENDER);

    private final String cliName;

    ThreadingMode(final String cliName)
    {
        this.cliName = cliName;
    }

    /**
     * @return the name on the command line and in the configuration file, e.g. {@code shared-io}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * @param role an agent's role ({@link Roles}).
     * @return the name of the thread that runs it in this mode ({@code matchpoint-} is prefixed to it), or null in
     * {@link #INVOKER}, which has none.
     */
    public String threadOf(final String role)
    {
        switch (this)
        {
            case DEDICATED:
                return Roles.SENDER.equals(role) ? Roles.GATEWAY :
                    Roles.MARKET_DATA.equals(role) ? Roles.EVENT_JOURNAL : role;
            case SHARED_IO:
                return IO_ROLES.contains(role) ? "io" : "core";
            case SHARED:
                return "shared";
            default:
                return null;
        }
    }

    /**
     * The mode a server uses when none is configured, from the CPUs it may run on.
     *
     * @param cpus       the CPUs this process may use.
     * @param lowLatency whether the low-latency profile (busy-spinning, pinned threads) is asked for.
     * @return {@link #DEDICATED} for the low-latency profile, else {@link #SHARED} on 1 or 2 CPUs and
     * {@link #SHARED_IO} on more.
     */
    public static ThreadingMode choose(final int cpus, final boolean lowLatency)
    {
        if (lowLatency)
        {
            return DEDICATED;
        }
        return cpus <= 2 ? SHARED : SHARED_IO;
    }

    /**
     * The inverse of {@link #cliName()}; exact and case-sensitive, as the names are documented.
     *
     * @param name a mode's {@link #cliName()}.
     * @return the mode of that name.
     * @throws IllegalArgumentException naming the accepted names when {@code name} is none of them.
     */
    public static ThreadingMode fromCliName(final String name)
    {
        for (final ThreadingMode mode : values())
        {
            if (mode.cliName.equals(name))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException(
            "unknown threading mode '" + name + "': expected dedicated, shared-io, shared or invoker");
    }

    @Override
    public String toString()
    {
        return cliName;
    }

    /**
     * The agents' role names, also their thread names in {@link #DEDICATED} mode.
     */
    public static final class Roles
    {
        public static final String GATEWAY = "gateway";
        public static final String COMMAND_JOURNAL = "command-journal";
        public static final String MATCHER = "matcher";
        public static final String EVENT_JOURNAL = "event-journal";
        public static final String SENDER = "sender";
        /**
         * The market data feed's publisher: an outbound reader off the order-entry path, so it runs beside the event
         * journal (its thread in {@link #DEDICATED}, the core thread in {@link #SHARED_IO}), never beside the sockets
         * of order entry.
         */
        public static final String MARKET_DATA = "market-data";

        /**
         * Every role, in the order a shared thread runs them: the path of an order, then the market data (a trader's
         * answer before the public's). The sender shares the gateway's thread in every mode.
         */
        public static final List<String> IN_ORDER =
            List.of(GATEWAY, COMMAND_JOURNAL, MATCHER, EVENT_JOURNAL, SENDER, MARKET_DATA);

        private Roles()
        {
        }
    }
}
