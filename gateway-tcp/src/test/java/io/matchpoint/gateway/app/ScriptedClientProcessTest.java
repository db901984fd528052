package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process and scripted client processes, as a user runs them: the client reads commands from a pipe
 * and prints one line per report; the test checks the printed lines.
 */
class ScriptedClientProcessTest
{
    private static final Pattern LISTENING = Pattern.compile("listening on [0-9.]+:(\\d+)");

    @TempDir
    Path dataDirectory;

    @Test
    void shouldTradeBetweenTwoScriptedClientsAndPrintTheReports() throws Exception
    {
        final Process server = MatchpointProcesses.matchpoint(
            "256m", "server", "--port", "0", "--data", dataDirectory.toString()).start();
        try
        {
            final BufferedReader banner = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            final CountDownLatch started = new CountDownLatch(1);
            MatchpointProcesses.killUnlessStarted(server, started, 120);
            final int port = awaitPort(banner);
            started.countDown();

            // the default capacity, 2^20 orders, gives order ids 21 slot bits: sequence << 21 | slot, and an order
            // that never rests (the IOC) the slot part 2^21 - 1
            final List<String> bob = runClient(port, "bob", "sell 10 DEMO1 @ 101.25\n", "--no-cancel-on-disconnect");
            assertEquals(List.of("EXEC NEW      order=2097152 clOrd=1 SELL 10 DEMO1 @ 101.25 GTC leaves=10",
                "LOGOUT reason=CLIENT_LOGOUT"), bob);

            final List<String> alice = runClient(port, "alice", 
                "# a comment, then a malformed line that is refused locally\n" +
                "buy ten DEMO1 @ 101.25\n" +
                "buy 4 DEMO1 @ 101.25 ioc\n" +
                "buy 1 DEMO1 @ 101.255\n" +
                "sell 2 DEMO1 @ 250.00\n" +
                "buy 2 DEMO1 @ 99.00\n" +
                "replace 6291457 qty 1 px 99.50\n" +
                "cancel 6291457\n" +
                "cancel 42\n" +
                "masscancel\n", "--linger-ms", "0");
            assertEquals(List.of(
                "EXEC NEW      order=6291455 clOrd=1 BUY 4 DEMO1 @ 101.25 IOC leaves=4",
                "EXEC TRADE    order=6291455 clOrd=1 BUY 4 DEMO1 @ 101.25 trade=1 leaves=0 TAKER",
                "EXEC REJECTED clOrd=2 DEMO1 reason=PRICE_OUTSIDE_BAND",
                "EXEC NEW      order=6291457 clOrd=3 BUY 2 DEMO1 @ 99.00 GTC leaves=2",
                "EXEC REPLACED order=6291457 clOrd=4 DEMO1 @ 99.50 leaves=1 priority=LOST",
                "EXEC CANCELLED order=6291457 clOrd=4 qty=1 reason=CLIENT_REQUEST",
                "CANCEL-REJECT order=42 reason=UNKNOWN_ORDER clOrd=0 on=CANCEL",
                "MASS-CANCEL ALL cancelled=0",
                "LOGOUT reason=CLIENT_LOGOUT"), alice);

            // bob's order rested while he was away (no cancel-on-disconnect) and lost 4 to alice
            final List<String> bobAgain = runClient(port, "bob", "masscancel DEMO1\n");
            assertEquals(List.of("EXEC CANCELLED order=2097152 clOrd=1 qty=6 reason=MASS_CANCEL",
                "MASS-CANCEL DEMO1 cancelled=1",
                "LOGOUT reason=CLIENT_LOGOUT"), bobAgain);
        }
        finally
        {
            server.destroy();
            assertTrue(MatchpointProcesses.awaitOrKill(server, 20), "the server stops on SIGTERM");
        }
        assertEquals(0, server.exitValue() == 143 ? 0 : server.exitValue(), "clean exit on SIGTERM");
    }

    private List<String> runClient(final int port, final String account, final String script, final String... extra)
        throws Exception
    {
        final List<String> arguments = new ArrayList<>(List.of("client", "--port", Integer.toString(port),
            "--account", account, "--password", account + "-demo", "--quiet-banner"));
        arguments.addAll(List.of(extra));
        final Process client = MatchpointProcesses.matchpoint("256m", arguments.toArray(new String[0])).start();
        client.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        assertTrue(MatchpointProcesses.awaitOrKill(client, 60), "client finished");
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        final String errors = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, client.exitValue(), errors);
        if (script.contains("buy ten"))
        {
            assertTrue(errors.contains("error: ") && errors.contains("(not sent)"), errors);
            assertTrue(errors.contains("101.255"), "too many decimals refused locally: " + errors);
        }
        return lines;
    }

    private static int awaitPort(final BufferedReader banner) throws IOException
    {
        String line;
        while ((line = banner.readLine()) != null)
        {
            final Matcher matcher = LISTENING.matcher(line);
            if (matcher.find())
            {
                final int port = Integer.parseInt(matcher.group(1));
                final Thread drain = new Thread(() -> banner.lines().forEach(ignore -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("the server printed no banner");
    }
}
