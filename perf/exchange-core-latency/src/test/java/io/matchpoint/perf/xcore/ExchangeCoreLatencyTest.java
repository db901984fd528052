package io.matchpoint.perf.xcore;

import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.matchpoint.perf.xcore.ResultLines.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeCoreLatencyTest
{
    /**
     * The open-loop runs check what the runner reports, not this machine's speed: over a measured 0.2 s, a 100 ms GC
     * pause or steal on a loaded 2-core machine would miss a 50 % share.
     */
    static final String LENIENT = "95";

    private static final int RECORDS = 6_000;

    @TempDir
    static Path shared;
    private static Path tape;

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void writeTape() throws IOException
    {
        tape = TestTapes.write(shared.resolve("test.tape"), RECORDS, 2, 20, 11);
    }

    @Test
    void shouldMeasureAnOpenLoopRunFromIntendedSendTimes() throws IOException
    {
        final int exit = run("--tape", tape.toString(), "--rate", "20000", "--warmup-s", "0.1", "--duration-s", "0.2",
            "--out", out.toString(), "--ring-size", "1024", "--label", "test", "--max-shortfall-pct", LENIENT);

        assertEquals(ExchangeCoreLatency.EXIT_OK, exit, stderr());
        final Map<String, String> result = ResultLines.parse(stdout());
        assertEquals("exchange-core", result.get("engine"));
        assertEquals("open", result.get("mode"));
        assertEquals(20_000, number(result, "rate"));
        assertEquals(4_000, number(result, "sent"));
        assertTrue(number(result, "achieved") >= 1_000, "refused below 5 % of the rate: " + result);
        assertEquals(number(result, "sent"), number(result, "acked") + number(result, "rejected"));
        assertEquals(0, number(result, "rejected"), "every cancel and move names a live order: " + result);
        assertEquals("SUCCESS:4000", result.get("codes"));
        assertTrue(number(result, "fills") > 100, "crossing IOCs and moves trade: " + result);
        assertTrue(number(result, "p50_ns") > 0);
        assertTrue(number(result, "p50_ns") <= number(result, "p90_ns"));
        assertTrue(number(result, "p90_ns") <= number(result, "p99_ns"));
        assertTrue(number(result, "p99_ns") <= number(result, "p999_ns"));
        assertTrue(number(result, "p999_ns") <= number(result, "p9999_ns"));
        assertTrue(number(result, "p9999_ns") <= number(result, "max_ns"));
        assertTrue(number(result, "fill_p50_ns") > 0);
        assertFiles();
        assertTrue(stdout().contains("warm-up: 2000 commands"), stdout());
    }

    @Test
    void shouldMeasureAClosedLoopRunUntilTheTapeEnds() throws IOException
    {
        final int exit = run("--tape", tape.toString(), "--closed-loop", "--warmup-s", "0", "--duration-s", "30",
            "--out", out.toString(), "--ring-size", "1024", "--wait", "yielding");

        assertEquals(ExchangeCoreLatency.EXIT_OK, exit, stderr());
        final Map<String, String> result = ResultLines.parse(stdout());
        assertEquals("closed", result.get("mode"));
        assertEquals(0, number(result, "rate"));
        assertEquals(RECORDS, number(result, "sent"));
        assertEquals(RECORDS, number(result, "acked"));
        assertEquals(0, number(result, "rejected"));
        assertTrue(number(result, "achieved") > 0);
        assertTrue(number(result, "fills") > 100);
        assertTrue(stdout().contains("the tape ran out before the duration"), stdout());
        assertFiles();
    }

    @Test
    void shouldRefuseARateTheSenderCannotKeep() throws IOException
    {
        final int exit = run("--tape", tape.toString(), "--rate", "1000000000", "--warmup-s", "0",
            "--duration-s", "0.000004", "--out", out.toString(), "--ring-size", "1024");

        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, exit, stdout());
        assertTrue(stderr().contains("REFUSED: the sender achieved"), stderr());
        assertFalse(stdout().contains("RESULT"), stdout());
        assertFalse(Files.exists(out.resolve(ExchangeCoreLatency.ACK_FILE)));
        assertFalse(Files.exists(out.resolve(ExchangeCoreLatency.LOG_FILE)));
    }

    @Test
    void shouldRefuseATapeTooShortForTheRun()
    {
        final int exit = run("--tape", tape.toString(), "--rate", "1000", "--duration-s", "100", "--out",
            out.toString());

        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, exit);
        assertTrue(stderr().contains("the tape holds 6000 commands"), stderr());
        assertTrue(stderr().contains("needs 105000"), stderr());
    }

    @Test
    void shouldRefuseWhatIsNotATape() throws IOException
    {
        final Path garbage = Files.write(out.resolve("garbage"), "not a tape".getBytes(StandardCharsets.US_ASCII));
        final int exit = run("--tape", garbage.toString(), "--rate", "1000", "--out", out.toString());

        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, exit);
        assertTrue(stderr().contains("not an order tape"), stderr());
    }

    @Test
    void shouldRefuseBadOptionsWithUsage()
    {
        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, run("--rate", "1000", "--out", out.toString()));
        assertTrue(stderr().contains("--tape FILE is required"), stderr());
        assertTrue(stderr().contains("usage:"), stderr());

        assertEquals(ExchangeCoreLatency.EXIT_REFUSED,
            run("--tape", "t", "--rate", "1000", "--closed-loop", "--out", out.toString()));
        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, run("--tape", "t", "--rate", "x", "--out", "o"));
        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, run("--tape", "t", "--closed-loop", "--out", "o", "--bogus"));
        assertEquals(ExchangeCoreLatency.EXIT_REFUSED, run("--tape", "t", "--closed-loop", "--out", "o",
            "--wait", "sleepy"));
    }

    @Test
    void shouldPrintUsageOnHelp()
    {
        assertEquals(ExchangeCoreLatency.EXIT_OK, run("--help"));
        assertTrue(stdout().contains("--closed-loop"), stdout());
        assertTrue(stdout().contains("RESULT engine=exchange-core"), stdout());
    }

    @Test
    void shouldRunOnExchangeCoresOwnDisruptor()
    {
        final String location = RingBuffer.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(location.contains("disruptor-3."), location);
    }

    private void assertFiles() throws IOException
    {
        for (final String file : new String[]{
            ExchangeCoreLatency.ACK_FILE, ExchangeCoreLatency.FILL_FILE, ExchangeCoreLatency.LOG_FILE })
        {
            final Path path = out.resolve(file);
            assertTrue(Files.size(path) > 0, path.toString());
        }
        final String ack = Files.readString(out.resolve(ExchangeCoreLatency.ACK_FILE));
        assertTrue(ack.contains("Value     Percentile TotalCount 1/(1-Percentile)"), ack);
        assertTrue(ack.contains("#[Mean"), ack);
        final String log = Files.readString(out.resolve(ExchangeCoreLatency.LOG_FILE));
        assertTrue(log.contains("Tag=ack,"), log);
        assertTrue(log.contains("Tag=fill,"), log);
    }

    private int run(final String... args)
    {
        return ExchangeCoreLatency.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String stdout()
    {
        return stdout.toString(StandardCharsets.UTF_8).strip();
    }

    private String stderr()
    {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
