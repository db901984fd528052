package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process on a data directory, started with the launcher's main class and the test JVM's flags, on a port
 * the system chooses; its banner read up to "Ready.", what it prints afterwards kept.
 */
final class ServerProcess
{
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:(\\d+)");
    private static final Pattern DIGEST = Pattern.compile("last command ([0-9,]+), state digest ([0-9a-f]{16})");
    private static final int START_TIMEOUT_S = 120;

    final Process process;
    final int port;
    final long digest;
    final long lastSequence;
    final String banner;
    final StringBuffer output = new StringBuffer();
    private Thread drain;

    private ServerProcess(
        final Process process, final int port, final long digest, final long lastSequence, final String banner)
    {
        this.process = process;
        this.port = port;
        this.digest = digest;
        this.lastSequence = lastSequence;
        this.banner = banner;
    }

    /**
     * @param options more of the server's command line, e.g. {@code --config FILE}.
     */
    static ServerProcess start(final Path data, final String... options) throws IOException
    {
        final List<String> arguments = new ArrayList<>(List.of("server", "--port", "0", "--data", data.toString()));
        arguments.addAll(List.of(options));
        final Process process = MatchpointProcesses.matchpoint("512m", arguments.toArray(String[]::new))
            .redirectErrorStream(true).start();
        final BufferedReader output = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // a server that never gets to "Ready." is killed, which ends the reading below, rather than hang the build
        final CountDownLatch started = new CountDownLatch(1);
        MatchpointProcesses.killUnlessStarted(process, started, START_TIMEOUT_S);
        final StringBuilder seen = new StringBuilder();
        int port = -1;
        long digest = 0;
        long lastSequence = 0;
        String line;
        while ((line = output.readLine()) != null)
        {
            seen.append(line).append('\n');
            final Matcher digestMatch = DIGEST.matcher(line);
            if (digestMatch.find())
            {
                lastSequence = Long.parseLong(digestMatch.group(1).replace(",", ""));
                digest = Long.parseUnsignedLong(digestMatch.group(2), 16);
            }
            final Matcher listening = LISTENING.matcher(line);
            if (listening.find())
            {
                port = Integer.parseInt(listening.group(1));
            }
            if (line.startsWith("Ready."))
            {
                break;
            }
        }
        started.countDown();
        if (port < 0 || !process.isAlive())
        {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start in " + START_TIMEOUT_S + " s:\n" + seen);
        }
        final ServerProcess server = new ServerProcess(process, port, digest, lastSequence, seen.toString());
        final Thread drain = new Thread(() ->
        {
            try
            {
                output.lines().forEach(printed -> server.output.append(printed).append('\n'));
            }
            catch (final java.io.UncheckedIOException ex)
            {
                // Process.destroy closes the streams: what was printed after that is not needed
            }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        server.drain = drain;
        return server;
    }

    void kill() throws InterruptedException
    {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no snapshot, no flush
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    }

    /**
     * @return what the server printed after its banner.
     */
    String stop() throws InterruptedException, IOException
    {
        // SIGTERM without Process.destroy, which would close the output before the shutdown lines are read
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        assertTrue(MatchpointProcesses.awaitOrKill(process, 30), "the server stops on SIGTERM");
        drain.join(TimeUnit.SECONDS.toMillis(10));
        return output.toString();
    }
}
