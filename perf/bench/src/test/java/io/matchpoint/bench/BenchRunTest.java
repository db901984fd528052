package io.matchpoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Short real runs of {@code ./matchpoint bench}: a server process started through the launcher, TCP sessions, the
 * tape generator in its own JVM, small rates for a few seconds. They prove the report and its files, that every
 * command is accounted for, and that the open-loop latencies show a stall of the server. They measure nothing: the
 * figures of a 2-core CI box under a test run mean nothing.
 */
class BenchRunTest
{
    private static final Pattern COUNTS = Pattern.compile("sent ([\\d,]+) = acknowledged ([\\d,]+) \\+ rejected ([\\d,]+)");
    /**
     * These runs check what the bench writes, not how fast this machine is: a GC pause or stolen CPU in the last
     * 20 ms of a 2 s run would miss the default 1 % and make it UNDER-SENT (exit 3).
     */
    private static final String TOLERANT = "25";
    private static final byte[] PNG_MAGIC = {(byte)0x89, 'P', 'N', 'G'};

    @TempDir
    Path out;

    @BeforeAll
    static void locateRepository()
    {
        // the tests run in perf/bench; the launcher and the jars the reactor built are two levels up
        System.setProperty("matchpoint.home", Path.of("../..").toAbsolutePath().normalize().toString());
    }

    @Test
    void shouldWriteTheReportTheHistogramsAndThePlotAndAccountForEveryCommand() throws IOException
    {
        final String report = bench("--rate", "2k", "--warmup", "1", "--duration", "2", "--sessions", "2",
            "--instruments", "2", "--max-shortfall-pct", TOLERANT, "--out", out.toString());

        final Path run = out.resolve("rate-2k");
        for (final String file : new String[] {"report.txt", "ack.hgrm", "fill.hgrm", "echo.hgrm"})
        {
            assertTrue(Files.size(run.resolve(file)) > 0, file);
        }
        final byte[] png = Files.readAllBytes(run.resolve("latency.png"));
        assertEquals(new String(PNG_MAGIC, StandardCharsets.ISO_8859_1),
            new String(png, 0, 4, StandardCharsets.ISO_8859_1), "latency.png is a PNG");
        final Matcher counts = COUNTS.matcher(report);
        assertTrue(counts.find(), report);
        final long sent = number(counts.group(1));
        assertEquals(sent, number(counts.group(2)) + number(counts.group(3)), "sent = acknowledged + rejected");
        assertEquals(4_000, sent, "2 s at 2k/s");
        assertTrue(report.contains("send -> answer") && report.contains("raw TCP echo (baseline)"), report);
        assertTrue(Files.readString(run.resolve("ack.hgrm")).contains("#[Max"), "HdrHistogram's percentile format");
    }

    @Test
    void shouldShowAStallOfTheServerInTheOpenLoopPercentiles() throws IOException
    {
        final long stallMs = 400;
        bench("--rate", "2k", "--warmup", "1", "--duration", "3", "--sessions", "2", "--instruments", "1",
            "--max-shortfall-pct", TOLERANT, "--stall-at", "1", "--stall-ms", Long.toString(stallMs), "--out",
            out.toString());

        // 400 ms of 3 s stalled: the commands due then (13%) wait for the server, each from when it was due
        final Histogram ack = LatencyTable.readHlog(out.resolve("rate-2k/ack.hlog"));
        assertTrue(ack.getMaxValue() >= 0.8 * stallMs * 1_000_000,
            "the worst command waited about the whole stall: " + ack.getMaxValue());
        assertTrue(ack.getValueAtPercentile(95) >= 0.2 * stallMs * 1_000_000,
            "the stall shows at p95, not only in the max: " + ack.getValueAtPercentile(95));
    }

    @Test
    void shouldDriveTheRingsInProcessWithoutTheJournalAndExchangeCoreOnTheSameTape() throws IOException
    {
        final String report = bench("--in-process", "--journal", "off", "--exchange-core", "--rate", "2k",
            "--warmup", "1", "--duration", "2", "--sessions", "2", "--instruments", "1", "--max-shortfall-pct",
            TOLERANT, "--out", out.toString());

        final Matcher counts = COUNTS.matcher(report);
        assertTrue(counts.find(), report);
        assertEquals(4_000, number(counts.group(1)));
        assertEquals(number(counts.group(1)), number(counts.group(2)) + number(counts.group(3)));
        assertTrue(report.contains("exchange-core send -> answer"), report);
        final Matcher exchangeCore = Pattern.compile("exchange-core: in-process through its API \\(no network\\), " +
            "sent ([\\d,]+) at").matcher(report);
        assertTrue(exchangeCore.find(), report);
        assertEquals(4_000, number(exchangeCore.group(1)), "the same commands at the same rate");
        assertTrue(Files.exists(out.resolve("rate-2k-in-process-journal-off/latency.png")));
    }

    @Test
    void shouldRunTheTapeWithoutAndWithAFloodAndReportTheFloodsCountsBesideTheBystandersAnswers() throws IOException
    {
        final String report = bench("--rate", "2k", "--warmup", "1", "--duration", "2", "--sessions", "2",
            "--instruments", "1", "--max-shortfall-pct", TOLERANT, "--flood", "4", "--out", out.toString());

        // both runs: every bystander command answered (else the bench exits 1), the same commands each time
        final Matcher counts = COUNTS.matcher(report);
        for (final String run : new String[] {"without the flood", "with the flood"})
        {
            assertTrue(counts.find(), run + ": " + report);
            assertEquals(4_000, number(counts.group(1)), run);
            assertEquals(number(counts.group(1)), number(counts.group(2)) + number(counts.group(3)), run);
        }
        final String flooded = Files.readString(out.resolve("rate-2k-flood/report.txt"));
        assertTrue(count(flooded, "connections made") >= 1, flooded);
        assertTrue(count(flooded, "logons accepted") >= 1, "the flood logged on: " + flooded);
        assertTrue(count(flooded, "orders sent") > 0, flooded);
        // whether and how often the server throttled, refused or logged the flood out depends on how fast this host
        // let it read: reported, not asserted
        for (final String counted : new String[] {"logons refused", "throttle rejects received", "logouts"})
        {
            assertTrue(count(flooded, counted) >= 0, counted);
        }
        assertTrue(!Files.readString(out.resolve("rate-2k/report.txt")).contains("connections made"),
            "the run without the flood has none");
        final String comparison = Files.readString(out.resolve("flood.txt"));
        assertTrue(comparison.contains("with / without"), comparison);
        assertTrue(comparison.contains(FloodComparison.PASS) || comparison.contains(FloodComparison.FAIL), comparison);
        assertTrue(report.contains("with / without"), report);
    }

    @Test
    void shouldRefuseAFloodBesideAClosedLoop()
    {
        final StringWriter err = new StringWriter();
        final int exit = BenchMain.commandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream())))
            .setErr(new PrintWriter(err, true)).execute("--flood", "4", "--closed-loop", "--out", out.toString());
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--flood needs open loop"), err.toString());
    }

    @Test
    void shouldRefuseAShortfallShareThatIsNotAShareOfTheRate()
    {
        for (final String share : new String[] {"-1", "100", "NaN"})
        {
            final StringWriter err = new StringWriter();
            final int exit = BenchMain.commandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream())))
                .setErr(new PrintWriter(err, true)).execute("--max-shortfall-pct", share, "--out", out.toString());
            assertEquals(2, exit, err.toString());
            assertTrue(err.toString().contains("--max-shortfall-pct is a share of the rate, 0 to under 100"),
                err.toString());
        }
    }

    private String bench(final String... args)
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8))
        {
            exit = BenchMain.commandLine(new BenchCommand(print)).execute(args);
        }
        final String report = text.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, report);
        return report;
    }

    private static long number(final String text)
    {
        return Long.parseLong(text.replace(",", ""));
    }

    /**
     * @return the count on the flood report's line that starts with this name.
     */
    private static long count(final String report, final String name)
    {
        final Matcher line = Pattern.compile("\\n  " + Pattern.quote(name) + " +([\\d,]+)").matcher(report);
        assertTrue(line.find(), name + ": " + report);
        return number(line.group(1));
    }
}
