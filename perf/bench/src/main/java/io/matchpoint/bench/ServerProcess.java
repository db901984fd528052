package io.matchpoint.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.matchpoint.perf.support.tape.TapeHeader;

/**
 * A Matchpoint server in its own process, started through {@code ./matchpoint server} (the flags and heap a user's
 * server gets) on a configuration written for the tape: one instrument per tape instrument, one account per session,
 * a throttle no run reaches; for a {@code --flood} comparison also the flooder's account and instrument, and the
 * server's own limits fitted to the bystanders ({@link FloodLimits}). Its port is the one the OS gave it, read from
 * its banner.
 */
final class ServerProcess implements AutoCloseable
{
    static final String PASSWORD = "bench";
    /** The flood's account (--flood): its password is {@link #PASSWORD} too. */
    static final String FLOOD_ACCOUNT = "flooder";
    private static final String FLOOD_SYMBOL = "FLOOD";
    private static final Pattern LISTENING = Pattern.compile(" listening on ([^ :]+):(\\d+) \\(SBE");
    private static final Pattern ECHO = Pattern.compile("bench echo listening on ([^ :]+):(\\d+) ");

    private final Process process;
    private final int port;
    private final int echoPort;

    private ServerProcess(final Process process, final int port, final int echoPort)
    {
        this.process = process;
        this.port = port;
        this.echoPort = echoPort;
    }

    /**
     * @param runDirectory the config file and the data directory go here.
     * @param floodLimits  the flood comparison's limits and accounts ({@link #configText(TapeHeader, int,
     *                     FloodLimits)}), null for a run without.
     * @param extraArgs    more server options, e.g. {@code --profile low-latency}.
     * @param javaOptions  the server JVM's extra flags (its {@code MATCHPOINT_JAVA_OPTS}), empty for none.
     * @param marketData   whether the server publishes its market data feed (off by default).
     */
    static ServerProcess start(
        final MatchpointHome home,
        final Path runDirectory,
        final TapeHeader tape,
        final int sessions,
        final FloodLimits floodLimits,
        final List<String> extraArgs,
        final String javaOptions,
        final boolean marketData) throws IOException, InterruptedException
    {
        final Path config = runDirectory.resolve("bench-server.conf");
        Files.writeString(config, configText(tape, sessions, floodLimits) +
            "matchpoint.market-data.enabled = " + marketData + "\n");
        final List<String> command = new ArrayList<>(List.of(home.launcher().toString(), "server",
            "--config", config.toString(), "--data", runDirectory.resolve("data").toString(), "--port", "0"));
        command.addAll(extraArgs);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the server's own JVM options (never the bench's), and the raw TCP echo of the baseline (EchoEndpoint)
        builder.environment().put("MATCHPOINT_JAVA_OPTS", (javaOptions + " -Dmatchpoint.bench.echo=true").strip());
        builder.environment().put("MATCHPOINT_NO_BUILD", "1");
        final Process process = builder.start();
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final CompletableFuture<Integer> echoPort = new CompletableFuture<>();
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        final Thread reader = new Thread(() -> readLines(process, lines, port, echoPort), "bench-server-output");
        reader.setDaemon(true);
        reader.start();
        try
        {
            return new ServerProcess(process, port.get(120, TimeUnit.SECONDS), echoPort.get(30, TimeUnit.SECONDS));
        }
        catch (final Exception ex)
        {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + command + "\n" + String.join("\n", lines));
        }
    }

    private static void readLines(
        final Process process,
        final ConcurrentLinkedQueue<String> lines,
        final CompletableFuture<Integer> port,
        final CompletableFuture<Integer> echoPort)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
                final Matcher matcher = LISTENING.matcher(line);
                if (!port.isDone() && matcher.find())
                {
                    port.complete(Integer.parseInt(matcher.group(2)));
                }
                final Matcher echo = ECHO.matcher(line);
                if (!echoPort.isDone() && echo.find())
                {
                    echoPort.complete(Integer.parseInt(echo.group(2)));
                }
            }
        }
        catch (final IOException ignored)
        {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException("the server ended"));
        echoPort.completeExceptionally(new IllegalStateException("the server ended"));
    }

    static String account(final int session)
    {
        return "bench" + (session + 1);
    }

    static int instrumentId(final int instrument)
    {
        return instrument + 1;
    }

    /**
     * @return the flood's instrument: one no tape command names, so that the flood's orders never meet the
     * bystanders' books.
     */
    static int floodInstrumentId(final TapeHeader tape)
    {
        return instrumentId(tape.instrumentCount());
    }

    /**
     * @return the flood's price: within its instrument's band; the flood sends only IOC orders on one side, so
     * nothing ever rests there and nothing trades.
     */
    static long floodPrice()
    {
        return 1;
    }

    /**
     * The configuration: the tape's price bands with price-decimals 0 and tick 1 (a tape price is a tick count), one
     * account per session, and a throttle no bench rate reaches.
     */
    static String configText(final TapeHeader tape, final int sessions)
    {
        return configText(tape, sessions, null);
    }

    /**
     * @param floodLimits null: the configuration above; else that of a {@code --flood} comparison (both its runs):
     *                    these limits instead of the bench's, one session slot for each flooding connection, and the
     *                    flood's account and instrument.
     */
    static String configText(final TapeHeader tape, final int sessions, final FloodLimits floodLimits)
    {
        final StringBuilder text = new StringBuilder("matchpoint {\n");
        if (floodLimits == null)
        {
            // the throttle keeps a timestamp per message of its window for each session: 4 M/s per session is beyond
            // any rate here, and sessions are few, so that the server's heap holds it
            text.append("  capacity { max-sessions = ").append(sessions + 2).append(" }\n");
            text.append("  sessions { throttle-messages = 4000000, throttle-window-ms = 1000, ")
                .append("account-throttle-messages = 4000000, address-throttle-messages = 100000000, ")
                .append("logons-per-address = 100000, logons-per-account = 1000, ")
                .append("max-sessions-per-account = 1 }\n");
        }
        else
        {
            text.append("  capacity { max-sessions = ").append(floodLimits.maxSessions())
                .append(", max-instruments = ").append(Math.max(16, tape.instrumentCount() + 1)).append(" }\n");
            text.append("  sessions { throttle-messages = ").append(floodLimits.sessionMessages())
                .append(", throttle-window-ms = 1000, throttle-rejects-before-close = ")
                .append(floodLimits.rejectsBeforeClose())
                .append(",\n    account-throttle-messages = ").append(floodLimits.accountMessages())
                .append(", address-throttle-messages = ").append(floodLimits.addressMessages())
                .append(",\n    logons-per-address = ").append(floodLimits.logonsPerAddress())
                .append(", logons-per-account = ").append(floodLimits.logonsPerAccount())
                .append(", logon-rate-window-ms = 1000, max-sessions-per-account = ")
                .append(floodLimits.sessionsPerAccount()).append(" }\n");
        }
        text.append("  instruments = [\n");
        for (int i = 0; i < tape.instrumentCount(); i++)
        {
            text.append("    { id = ").append(instrumentId(i)).append(", symbol = \"BENCH").append(i + 1)
                .append("\", price-decimals = 0, tick-size = \"").append(tape.instrument(i).tickSize())
                .append("\", lot-size = 1, min-quantity = 1, max-quantity = 1000000, low-price = \"")
                .append(tape.instrument(i).priceLow()).append("\", high-price = \"")
                .append(tape.instrument(i).priceHigh()).append("\" }\n");
        }
        if (floodLimits != null)
        {
            text.append("    { id = ").append(floodInstrumentId(tape)).append(", symbol = \"").append(FLOOD_SYMBOL)
                .append("\", price-decimals = 0, tick-size = \"1\", lot-size = 1, min-quantity = 1, ")
                .append("max-quantity = 1000000, low-price = \"").append(floodPrice()).append("\", high-price = \"")
                .append(floodPrice() + 1000).append("\" }\n");
        }
        text.append("  ]\n  accounts = [\n");
        for (int s = 0; s < sessions; s++)
        {
            text.append("    { id = ").append(s + 1).append(", name = \"").append(account(s))
                .append("\", password = \"").append(PASSWORD).append("\" }\n");
        }
        if (floodLimits != null)
        {
            text.append("    { id = ").append(sessions + 1).append(", name = \"").append(FLOOD_ACCOUNT)
                .append("\", password = \"").append(PASSWORD).append("\" }\n");
        }
        return text.append("  ]\n}\n").toString();
    }

    int port()
    {
        return port;
    }

    int echoPort()
    {
        return echoPort;
    }

    /**
     * Stops the server for a while, as a long GC pause or a descheduled core would (SIGSTOP, then SIGCONT): how the
     * coordinated-omission test makes a stall of known length.
     */
    void stall(final long millis) throws IOException, InterruptedException
    {
        signal("-STOP");
        try
        {
            Thread.sleep(millis);
        }
        finally
        {
            signal("-CONT");
        }
    }

    private void signal(final String signal) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /**
     * Stops the server with SIGTERM (a clean stop: sessions end, a snapshot is written), and kills it if it has not
     * ended within 30 s.
     */
    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
