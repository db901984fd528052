package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.journal.EngineCapacityFile;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalVerifier;
import io.matchpoint.journal.dump.DumpOptions;
import io.matchpoint.journal.dump.JournalDump;

/**
 * {@code matchpoint journal dump} and {@code journal verify}: the auditor's tools. Both read the data directory
 * read-only (a live one or a copy), so they never block the server.
 */
public final class JournalConsole
{
    /** The journal is not what replaying its commands yields. */
    public static final int EXIT_DIVERGED = 3;

    private JournalConsole()
    {
    }

    /**
     * @return 0 if every journaled event is what a fresh engine makes from the journaled commands,
     * {@link #EXIT_DIVERGED} at the first that is not, 1 if there is no journal to verify.
     */
    public static int verify(final Path data, final PrintStream out, final PrintStream err) throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final EngineConfig capacity = directory.hasJournal() ? EngineCapacityFile.read(directory) : null;
        if (capacity == null)
        {
            err.println("matchpoint journal verify: no journal in " + data.toAbsolutePath() +
                " (expected commands/, events/ and engine.properties; is --data right?)");
            return 1;
        }
        out.println("journal verify: " + data.toAbsolutePath() + " (" + capacity + ")");
        final JournalVerifier.Result result = new JournalVerifier(directory, capacity).verify();
        out.printf("  commands   %,d replayed (sequences %,d..%,d)%n",
            result.commands(), result.firstSequence(), result.lastSequence());
        out.printf("  events     %,d compared and equal%s%n", result.events(),
            result.eventsPending() == 0 ? "" : String.format(
            "; %,d more made by the last commands are past the event journal's end (a copy taken while the " +
            "server ran ends mid-flight; the server writes them at its next start)", result.eventsPending()));
        out.printf("  digest     %016x%n", result.digest());
        out.printf("  time       %.3f s (%,.0f commands/s)%n", result.elapsedNs() / 1e9, result.commandsPerSecond());
        final JournalVerifier.Divergence divergence = result.divergence();
        if (divergence != null)
        {
            out.printf("DIVERGENCE at command %d, event %d: %s%n", divergence.commandSequence(),
                divergence.eventSequence(), divergence.problem());
            out.println("  replayed   " + divergence.replayed());
            out.println("  journaled  " + divergence.journaled());
            out.flush();
            return EXIT_DIVERGED;
        }
        out.println("OK: replaying the command journal through a fresh engine yields exactly the journaled events");
        out.flush();
        return 0;
    }

    /**
     * @return 0 after writing the matching entries to {@code out}, 1 if there is no journal.
     */
    public static int dump(final Path data, final DumpOptions options, final PrintStream out, final PrintStream err)
        throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        if (!directory.hasJournal())
        {
            err.println("matchpoint journal dump: no journal in " + data.toAbsolutePath() + " (is --data right?)");
            return 1;
        }
        final java.io.BufferedWriter writer = new java.io.BufferedWriter(
            new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
        final long written = new JournalDump().dump(directory, options, writer);
        writer.flush();
        err.printf("matchpoint journal dump: %,d entries%n", written);
        return 0;
    }
}
