package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.status.CountersReader;

import io.matchpoint.engine.counters.CountersFile;

/**
 * {@code matchpoint stat}: the counters of the server running on a data directory, read from its counters file by
 * another process (AeronStat's way): every counter with its value and its rate over the last interval, refreshed in
 * place; or one table with {@code --once}. It says plainly when no server is running there: no counters file (no
 * server has run), or the process that wrote it has ended (the figures are its last).
 */
public final class StatConsole
{
    /** The heartbeat the gateway writes every few milliseconds: a server whose heartbeat is older is not running. */
    static final String HEARTBEAT_LABEL = "server: heartbeat (epoch ms)";
    private static final long STALE_HEARTBEAT_MS = 5_000;
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final String REJECTS = "rejects: ";
    /** Shown in the path of an order, whatever order the server allocated them in. */
    private static final List<String> ORDER = List.of(
        "gateway:", "command-journal:", "matcher:", REJECTS, "event-journal:", "sender:", "matchpoint-");

    private StatConsole()
    {
    }

    /**
     * @param once        print one table and return.
     * @param intervalMs  time between tables.
     * @param clearScreen redraw in place (a terminal) rather than one table after another.
     * @param stopped     true once the caller wants the loop to end (never, from the command line: Ctrl-C ends it).
     * @return 0 when a server is running (or starting) on the directory, 1 when none is (no counters file; its writer
     * has ended, or is alive without a heartbeat for 5 s).
     */
    public static int run(
        final Path data,
        final boolean once,
        final long intervalMs,
        final boolean clearScreen,
        final BooleanSupplier stopped,
        final PrintStream out,
        final PrintStream err) throws IOException, InterruptedException
    {
        Snapshot previous = null;
        long previousAtMs = 0;
        boolean seenOnce = false;
        while (true)
        {
            Snapshot snapshot = null;
            try
            {
                snapshot = read(data);
            }
            catch (final NoSuchFileException ex)
            {
                if (once || !seenOnce)
                {
                    err.println("matchpoint stat: no server is running on " + data.toAbsolutePath() +
                        ": it has no counters file (" + CountersFile.FILE_NAME + "); no server has run there (is " +
                        "--data right?)");
                    return 1;
                }
                // a server starting again deletes the file, then makes it afresh: try again next time
            }
            catch (final IOException ex)
            {
                if (once || !seenOnce)
                {
                    err.println("matchpoint stat: cannot read the counters of " + data.toAbsolutePath() + ": " +
                        ex.getMessage());
                    return 1;
                }
                // caught while a starting server writes the file's header: try again next time
            }
            final long nowMs = System.currentTimeMillis();
            if (snapshot != null)
            {
                seenOnce = true;
                if (clearScreen && !once)
                {
                    out.print(CLEAR_SCREEN);
                }
                // rates only against the same server: a restart starts every count again
                final boolean sameServer = previous != null && previous.pid == snapshot.pid &&
                    previous.startEpochMs == snapshot.startEpochMs;
                print(data, snapshot, sameServer ? previous.values : null, nowMs - previousAtMs, nowMs, out);
                out.flush();
                if (once || stopped.getAsBoolean())
                {
                    return snapshot.state(nowMs) == State.ENDED || snapshot.state(nowMs) == State.SILENT ? 1 : 0;
                }
                previous = snapshot;
                previousAtMs = nowMs;
            }
            else if (stopped.getAsBoolean())
            {
                return 1;
            }
            Thread.sleep(intervalMs);
        }
    }

    /**
     * One reading of the counters file; the file is mapped afresh each time, so a server that restarted (and made a
     * new file) is seen.
     */
    static Snapshot read(final Path data) throws IOException
    {
        try (CountersFile file = CountersFile.openReadOnly(data))
        {
            final CountersReader reader = file.reader();
            final List<String> labels = new ArrayList<>();
            final Map<String, Long> values = new HashMap<>();
            reader.forEach((counterId, typeId, keyBuffer, label) ->
            {
                labels.add(label);
                values.put(label, reader.getCounterValue(counterId));
            });
            return new Snapshot(file.pid(), file.startEpochMs(), labels, values);
        }
    }

    private static void print(
        final Path data,
        final Snapshot snapshot,
        final Map<String, Long> previous,
        final long elapsedMs,
        final long nowMs,
        final PrintStream out)
    {
        final Long heartbeat = snapshot.values.get(HEARTBEAT_LABEL);
        final String heartbeatText = heartbeat == null || heartbeat == 0 ? "no heartbeat yet" :
            String.format("heartbeat %.1f s ago", (nowMs - heartbeat) / 1000.0);
        final Instant started = Instant.ofEpochMilli(snapshot.startEpochMs);
        switch (snapshot.state(nowMs))
        {
            case RUNNING -> out.printf("Matchpoint server on %s: pid %d, started %s, %s%n",
                data.toAbsolutePath(), snapshot.pid, started, heartbeatText);
            case STARTING -> out.printf("Matchpoint server STARTING on %s: pid %d, started %s, not serving yet " +
                "(recovering, or defining instruments): %s%n", data.toAbsolutePath(), snapshot.pid, started,
                heartbeatText);
            case SILENT -> out.printf("NO SERVER ANSWERING on %s: pid %d (started %s) is alive but its %s (hung, " +
                "stopping, or another process took the pid); these are its last figures%n", data.toAbsolutePath(),
                snapshot.pid, started, heartbeatText);
            default -> out.printf("NO SERVER RUNNING on %s: pid %d (started %s) has ended; these are its last " +
                "figures (%s)%n", data.toAbsolutePath(), snapshot.pid, started, heartbeatText);
        }
        out.printf("%-48s %20s %14s%n", "counter", "value", previous == null ? "" : "per second");
        final List<String> labels = new ArrayList<>(snapshot.labels);
        labels.sort(Comparator.comparingInt(StatConsole::rank)); // stable: allocation order within a group
        for (final String label : labels)
        {
            final long value = snapshot.values.get(label);
            if (label.equals(HEARTBEAT_LABEL) || (label.startsWith(REJECTS) && value == 0))
            {
                continue; // the heartbeat is in the title; of the reject reasons, those seen
            }
            final Long before = previous == null ? null : previous.get(label);
            final String rate = before == null || elapsedMs <= 0 ? "" :
                String.format("%,.0f", (value - before) * 1000.0 / elapsedMs);
            out.printf("%-48s %,20d %14s%n", label, value, rate);
        }
    }

    private static int rank(final String label)
    {
        for (int i = 0; i < ORDER.size(); i++)
        {
            if (label.startsWith(ORDER.get(i)))
            {
                return i;
            }
        }
        return ORDER.size();
    }

    /**
     * @param labels the counters in the order the server allocated them (its stages in the path of an order).
     */
    record Snapshot(long pid, long startEpochMs, List<String> labels, Map<String, Long> values)
    {
        boolean alive()
        {
            final Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isPresent() && process.get().isAlive();
        }

        /**
         * @return what the file's writer is doing: a live process with a fresh heartbeat serves; one without a
         * heartbeat yet is starting; one whose heartbeat is old is not answering (a pid may also be reused).
         */
        State state(final long nowMs)
        {
            if (!alive())
            {
                return State.ENDED;
            }
            final Long heartbeat = values.get(HEARTBEAT_LABEL);
            if (heartbeat == null || heartbeat == 0)
            {
                return State.STARTING;
            }
            return nowMs - heartbeat < STALE_HEARTBEAT_MS ? State.RUNNING : State.SILENT;
        }
    }

    enum State
    {
        RUNNING, STARTING, SILENT, ENDED
    }
}
