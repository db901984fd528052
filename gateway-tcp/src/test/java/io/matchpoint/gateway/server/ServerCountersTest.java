package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.gateway.cli.MatchpointCli;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;

/**
 * The counters a running server keeps in its data directory, read by {@code matchpoint stat} as another process
 * would: through the file, not the server's objects.
 */
class ServerCountersTest
{
    @TempDir
    Path data;

    @Test
    void shouldShowTheRunningServersCountersInStat() throws Exception
    {
        try (GatewayServer server = new GatewayServer(TestServers.gatewayContext(), TestServers.pipelineContext(),
            new JournalOptions(new JournalDirectory(data), line -> { }, JournalFaultInjector.NONE)))
        {
            server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
            server.start();
            try (RawClient alice = Sessions.loggedOn(server, "alice"))
            {
                alice.buy(1, 100, 5);
                assertEquals(ExecType.NEW, alice.expectReport().execType());
                alice.buy(2, 99_999, 5); // outside the band
                assertEquals(ExecType.REJECTED, alice.expectReport().execType());
                awaitHeartbeat();

                final Result stat = stat("stat", "--data", data.toString(), "--once");

                assertEquals(0, stat.exitCode, stat.err);
                assertTrue(stat.out.startsWith("Matchpoint server on " + data.toAbsolutePath() + ": pid " +
                    ProcessHandle.current().pid()), stat.out);
                assertTrue(stat.out.contains("gateway: sessions logged on"), stat.out);
                assertLine(stat.out, "gateway: sessions logged on", "1");
                assertLine(stat.out, "rejects: PRICE_OUTSIDE_BAND", "1");
                assertTrue(!stat.out.contains("rejects: PRICE_OFF_TICK"), "reasons never seen are left out");
                assertTrue(stat.out.contains("matcher: slots handled"), stat.out);
                assertTrue(stat.out.contains("sender: bytes out"), stat.out);
                // the instrument's definition, the logon and the two orders, journaled; nothing failed
                assertLine(stat.out, "command-journal: last command sequence appended", "4");
                assertLine(stat.out, "command-journal: appends failed", "0");
                assertLine(stat.out, "event-journal: appends failed", "0");
                assertTrue(!stat.out.contains("event-journal: last event sequence appended  0"), stat.out);
                assertTrue(stat.out.indexOf("gateway:") < stat.out.indexOf("matcher:") &&
                    stat.out.indexOf("matcher:") < stat.out.indexOf("sender:"), "in the path of an order");
            }
        }
    }

    @Test
    void shouldSayWhenNoServerHasRunOnTheDirectory() throws Exception
    {
        final Result stat = stat("stat", "--data", data.toString(), "--once");

        assertEquals(1, stat.exitCode);
        assertTrue(stat.err.contains("no server is running on " + data.toAbsolutePath()) &&
            stat.err.contains(CountersFile.FILE_NAME), stat.err);
    }

    private void awaitHeartbeat() throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadlineNs)
        {
            try (CountersFile file = CountersFile.openReadOnly(data))
            {
                final long[] heartbeat = { 0 };
                file.reader().forEach((id, type, key, label) ->
                {
                    if (label.equals("server: heartbeat (epoch ms)"))
                    {
                        heartbeat[0] = file.reader().getCounterValue(id);
                    }
                });
                if (heartbeat[0] != 0)
                {
                    return;
                }
            }
            Thread.sleep(5);
        }
    }

    private static void assertLine(final String table, final String label, final String value)
    {
        for (final String line : table.split("\n"))
        {
            if (line.startsWith(label + " "))
            {
                assertEquals(value, line.substring(label.length()).trim().split("\\s+")[0], line);
                return;
            }
        }
        throw new AssertionError("no line '" + label + "' in\n" + table);
    }

    private record Result(int exitCode, String out, String err)
    {
    }

    private static Result stat(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode = new MatchpointCli()
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .err(new PrintStream(err, true, StandardCharsets.UTF_8))
            .execute(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
