package io.matchpoint.bench;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.matchpoint.perf.support.tape.TapeHeader;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./matchpoint bench --flood} (a picocli mixin of {@link BenchCommand}), their checks, and the
 * flood's part of the report. See {@link ReconnectFlood} for what the flood does and {@link FloodLimits} for the
 * server's limits it meets.
 */
final class FloodOptions
{
    @Option(names = "--flood", paramLabel = "N",
        description = "Run each rate twice on the same tape, without and then with N hostile connections (1.." +
            ReconnectFlood.MAX_CONNECTIONS + ") of another account, from --flood-from, that log on, send orders as " +
            "fast as the socket takes them and log on again at once whenever the server ends or refuses them. " +
            "Reports the flood's counts and the bystanders' p50 and p99 with the flood over without (PASS: both " +
            "within 2x). Both runs' servers get limits fitted to the bystanders (four times each one's share of the rate, " +
            "at least the server's defaults). Open loop, with a server the bench starts.")
    private Integer connections;

    @Option(names = "--flood-from", paramLabel = "ADDRESS", defaultValue = "127.0.0.2",
        description = "The flood's source address (default ${DEFAULT-VALUE}: another host to the server, which " +
            "limits each address on its own; the bystanders connect from 127.0.0.1).")
    private String from;

    @Option(names = "--flood-threads", paramLabel = "N", defaultValue = "1",
        description = "Threads of the bench that run the flood's connections (default ${DEFAULT-VALUE}; they " +
            "compete with the bench's sender and the server for the CPUs).")
    private int threads;

    /** The source address, once {@link #check} has resolved it. */
    private InetAddress source;

    boolean enabled()
    {
        return connections != null;
    }

    int connections()
    {
        return connections;
    }

    /**
     * Checks the options and what they go with, and that this host can connect from the source address.
     *
     * @throws IllegalArgumentException naming what is wrong.
     */
    void check(final boolean inProcess, final boolean connect, final boolean closedLoop, final boolean exchangeCore)
    {
        if (connections < 1 || connections > ReconnectFlood.MAX_CONNECTIONS)
        {
            throw new IllegalArgumentException("--flood takes 1.." + ReconnectFlood.MAX_CONNECTIONS +
                " connections (each holds one of the server's session slots), got " + connections);
        }
        if (threads < 1 || threads > ReconnectFlood.MAX_THREADS || threads > connections)
        {
            throw new IllegalArgumentException("--flood-threads takes 1.." + ReconnectFlood.MAX_THREADS +
                ", at most one per connection, got " + threads);
        }
        if (inProcess || connect)
        {
            throw new IllegalArgumentException("--flood needs a server the bench starts (not --in-process or " +
                "--connect): it runs the tape twice, each on a fresh server configured with the flood's account");
        }
        if (closedLoop)
        {
            throw new IllegalArgumentException("--flood needs open loop: the server's limits are one set for every " +
                "account, fitted to the bystanders' rate (twice each one's share), and a closed-loop bystander has " +
                "no rate to fit them to");
        }
        if (exchangeCore)
        {
            throw new IllegalArgumentException("--flood and --exchange-core: run them separately");
        }
        try
        {
            source = InetAddress.getByName(from);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("--flood-from: not an address: " + from);
        }
        ReconnectFlood.checkSource(source);
    }

    /**
     * Says what the flood will be, and warns when the host has fewer CPUs than the threads that will compete.
     */
    void announce(final PrintStream out)
    {
        out.printf("flood: each rate twice, without and then with %d hostile connections from %s as account %s " +
            "on %d thread%s of this JVM%n", connections, source.getHostAddress(), ServerProcess.FLOOD_ACCOUNT,
            threads, plural(threads));
        // the bench's sender, the flood's threads, and the server's hot threads (four in dedicated mode)
        final int wanted = 1 + threads + 4;
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < wanted)
        {
            out.printf("WARNING: %d CPUs for the bench's sender, the flood's %d thread%s and the server's threads " +
                "(%d wanted): they compete, so the flood's own CPU time (reported) is part of what the bystanders " +
                "see; on a host with a CPU for each, the comparison isolates the server%n", cpus, threads,
                plural(threads), wanted);
        }
    }

    /**
     * @return the server limits of both runs at this rate, null without --flood.
     */
    FloodLimits limits(final long rate, final int sessions)
    {
        return enabled() ? FloodLimits.forRun(rate, sessions, connections) : null;
    }

    /**
     * Starts the flood against a server configured with {@link #limits}.
     */
    ReconnectFlood start(final PrintStream out, final InetSocketAddress server, final TapeHeader tape)
    {
        out.printf("starting the flood: %d connections from %s...%n", connections, source.getHostAddress());
        return ReconnectFlood.start(server, source, connections, threads, ServerProcess.floodInstrumentId(tape),
            ServerProcess.floodPrice());
    }

    /**
     * @param flood    a flood that has stopped.
     * @param rate     the rate of its run (the limits it met).
     * @param sessions the bystanders' sessions.
     * @return its part of the report.
     */
    List<String> lines(final ReconnectFlood flood, final long rate, final int sessions)
    {
        final String heading = String.format("flood: %d connections from %s as account %s, %d thread%s, for %.1f s " +
            "(from the tape's first command, build-up and warm-up included, to the end of the run)", connections,
            source.getHostAddress(), ServerProcess.FLOOD_ACCOUNT, flood.threads(), plural(flood.threads()),
            flood.seconds());
        return flood.counts().lines(heading, flood.seconds(), limits(rate, sessions).accountMessages());
    }

    private static String plural(final int count)
    {
        return count == 1 ? "" : "s";
    }
}
