package io.matchpoint.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.matchpoint.gateway.app.MarketDataConsole;
import io.matchpoint.gateway.app.MarketDataRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code matchpoint md}: the market data feed of a running server, as any subscriber sees it.
 */
@Command(
    name = "md",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Subscribe to the market data feed of the server running on a data directory (its market-data.properties " +
            "says where), rebuild every book from the feed alone (L2 levels from the incremental stream, L3 orders " +
            "from the orders stream), recovering from the snapshot stream when joining late or after a gap, and " +
            "show the books refreshed in place until Ctrl-C.",
        "Exit codes: 0 done; 1 no feed there, no publisher, or the books not in step in time (--once); 2 bad " +
            "usage; 3 a snapshot differed from the books built (--check)." })
public final class MdCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
        description = "The server's data directory (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--instrument", paramLabel = "SYMBOL",
        description = "Show only this instrument (default: every one).")
    private String symbol;

    @Option(names = "--orders", description = "Show each book's resting orders in priority too (L3).")
    private boolean orders;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "10",
        description = "Levels shown a side (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--once",
        description = "Print the books once every one is in step (after the first snapshot) and exit.")
    private boolean once;

    @Option(names = "--check",
        description = "Compare the books built from the feed with each snapshot received; exit 3 at the first " +
            "difference, naming the instrument, rptSeq and level or order.")
    private boolean check;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
        description = "Stop after this long (0: at Ctrl-C; with --once: give up after 10 s unless set).")
    private long seconds;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Time between refreshes (default: ${DEFAULT-VALUE}).")
    private long intervalMs;

    @Option(names = "--record", paramLabel = "FILE",
        description = "Also write every packet received, as received, to FILE (read it with --read).")
    private Path record;

    @Option(names = "--read", paramLabel = "FILE",
        description = "Print what a --record wrote, one message a line (when its packet arrived, stream, " +
            "sequence, template and every field, as journal dump prints the journal), and exit; with " +
            "--instrument, that instrument's messages only.")
    private Path read;

    @Option(names = "--layouts",
        description = "Print the byte layout of every message of the feed, from the schema, and exit.")
    private boolean layouts;

    public MdCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception
    {
        if (depth < 1 || intervalMs < 1 || seconds < 0)
        {
            err.println("matchpoint md: --depth and --interval-ms must be at least 1, --seconds at least 0");
            return MatchpointCli.EXIT_USAGE;
        }
        if (layouts)
        {
            out.print(io.matchpoint.journal.dump.SchemaLayout.marketData());
            return 0;
        }
        if (read != null)
        {
            try
            {
                MarketDataRecording.print(read, symbol, out, err);
                return 0;
            }
            catch (final java.io.IOException ex)
            {
                err.println("matchpoint md: " + ex.getMessage());
                return 1;
            }
        }
        final long limit = once && seconds == 0 ? 10 : seconds;
        return MarketDataConsole.run(new MarketDataConsole.Options(data, symbol, orders, depth, once, check, limit,
            intervalMs, System.console() != null, record), () -> false, out, err);
    }
}
