package io.matchpoint.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.matchpoint.gateway.app.JournalConsole;
import io.matchpoint.journal.dump.DumpFormat;
import io.matchpoint.journal.dump.DumpOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code matchpoint journal dump|verify}: the audit tools. Both read a data directory read-only, whether a server is
 * running on it or it is a copy.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = { JournalCommand.Dump.class, JournalCommand.Verify.class },
    description = "Audit a data directory's journal (read-only; safe while the server runs).")
public final class JournalCommand
{
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", scope = ScopeType.INHERIT,
        description = "The data directory (default: ${DEFAULT-VALUE}).")
    private Path data;

    public JournalCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    Path data()
    {
        return data;
    }

    PrintStream out()
    {
        return out;
    }

    PrintStream err()
    {
        return err;
    }

    /**
     * {@code matchpoint journal verify}.
     */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the command journal through a fresh engine and compare every event with the event journal, " +
                "byte for byte. Prints commands, events, state digest, time and rate; at the first divergence " +
                "prints the sequence and both events decoded.",
            "Exit codes: 0 identical, 3 diverged, 1 no journal." })
    public static final class Verify implements Callable<Integer>
    {
        @ParentCommand
        private JournalCommand parent;

        @Override
        public Integer call() throws Exception
        {
            return JournalConsole.verify(parent.data(), parent.out(), parent.err());
        }
    }

    /**
     * {@code matchpoint journal dump}.
     */
    @Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Stream journal entries, each command followed by the events it caused, with bounded memory whatever " +
                "the journal's size. Filters combine (all must hold).",
            "CSV has a header row; JSON is one object per line." })
    public static final class Dump implements Callable<Integer>
    {
        @ParentCommand
        private JournalCommand parent;

        @Spec
        private CommandSpec spec;

        @Option(names = "--format", paramLabel = "text|csv|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
        private String format;

        @Option(names = "--source", paramLabel = "all|commands|events", defaultValue = "all",
            description = "Which journal (default: ${DEFAULT-VALUE}).")
        private String source;

        @Option(names = "--from", paramLabel = "INSTANT",
            description = "Only entries at or after this gateway time, ISO-8601 UTC (2026-11-24T09:30:00Z).")
        private Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Only entries before this gateway time.")
        private Instant to;

        @Option(names = "--from-seq", paramLabel = "N", description = "Only commands from this sequence on " +
            "(events: by their command's sequence).")
        private Long fromSequence;

        @Option(names = "--to-seq", paramLabel = "N", description = "Only commands up to this sequence, inclusive.")
        private Long toSequence;

        @Option(names = "--account", paramLabel = "ID", description = "Only this account's commands and events.")
        private Long account;

        @Option(names = "--instrument", paramLabel = "ID", description = "Only messages about this instrument id.")
        private Long instrument;

        @Option(names = "--order", paramLabel = "ID", description = "Only messages about this order id.")
        private Long order;

        @Option(names = "--type", paramLabel = "TEMPLATE", split = ",",
            description = "Only these message types, e.g. NewOrder,ExecutionReport (any case).")
        private List<String> types;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many entries.")
        private Long limit;

        @Override
        public Integer call() throws Exception
        {
            final DumpOptions options;
            try
            {
                DumpOptions built = DumpOptions.defaults()
                    .withFormat(DumpFormat.valueOf(format.toUpperCase(Locale.ROOT)))
                    .withSource(DumpOptions.Source.valueOf(source.toUpperCase(Locale.ROOT)));
                built = from == null ? built : built.withFrom(from);
                built = to == null ? built : built.withTo(to);
                built = fromSequence == null ? built : built.withMinSequence(fromSequence);
                built = toSequence == null ? built : built.withMaxSequence(toSequence);
                built = account == null ? built : built.withAccountId(account);
                built = instrument == null ? built : built.withInstrumentId(instrument);
                built = order == null ? built : built.withOrderId(order);
                built = types == null ? built : built.withMessageTypes(types);
                options = limit == null ? built : built.withLimit(limit);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
            }
            return JournalConsole.dump(parent.data(), options, parent.out(), parent.err());
        }
    }
}
