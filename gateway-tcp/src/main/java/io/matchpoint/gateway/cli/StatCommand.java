package io.matchpoint.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.matchpoint.gateway.app.StatConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code matchpoint stat}: the running server's counters, from another process.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Show the counters of the server running on a data directory (commands, events, rejects by reason, ring " +
            "backlogs, sessions, bytes, duty cycles), read from its counters file while it runs, refreshed every " +
            "second until Ctrl-C.",
        "Exit codes: 0 a server is running (or starting) there, 1 none is (no counters file; or the server that " +
            "wrote it has ended, or has written no heartbeat for 5 s: its last figures are shown)." })
public final class StatCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
        description = "The server's data directory (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--once", description = "Print one table and exit.")
    private boolean once;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Time between tables (default: ${DEFAULT-VALUE}).")
    private long intervalMs;

    public StatCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception
    {
        if (intervalMs < 1)
        {
            err.println("matchpoint stat: --interval-ms must be at least 1, got " + intervalMs);
            return MatchpointCli.EXIT_USAGE;
        }
        return StatConsole.run(data, once, intervalMs, System.console() != null, () -> false, out, err);
    }
}
