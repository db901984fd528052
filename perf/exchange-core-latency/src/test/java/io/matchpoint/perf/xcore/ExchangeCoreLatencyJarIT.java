package io.matchpoint.perf.xcore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.matchpoint.perf.xcore.ResultLines.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the shaded jar the way the bench does, as its own process with {@code java -jar} and no JVM flags (the
 * manifest carries the module openings Chronicle wants), on the JDK running the build. Bound to the
 * {@code integration-test} phase, after the jar is built.
 */
class ExchangeCoreLatencyJarIT
{
    @TempDir
    Path dir;

    @Test
    void shouldRunAsItsOwnProcess() throws IOException, InterruptedException
    {
        final String jar = System.getProperty("shaded.jar");
        assertNotNull(jar, "shaded.jar not set: run through Maven's integration-test phase");
        final Path tape = TestTapes.write(dir.resolve("jar.tape"), 3_000, 1, 10, 5);
        final Path out = dir.resolve("out");
        final Path stdout = dir.resolve("stdout.txt");
        final Path stderr = dir.resolve("stderr.txt");
        final Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar,
            "--tape", tape.toString(), "--rate", "10000", "--warmup-s", "0.1", "--duration-s", "0.2",
            "--out", out.toString(), "--ring-size", "1024", "--label", "jar-it", "--max-shortfall-pct",
            ExchangeCoreLatencyTest.LENIENT))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        if (!process.waitFor(120, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("the runner did not finish in 120 s: " + Files.readString(stderr));
        }

        final String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), errors);
        final Map<String, String> result = ResultLines.parse(Files.readString(stdout, StandardCharsets.UTF_8).strip());
        assertEquals(2_000, number(result, "sent"));
        assertEquals(number(result, "sent"), number(result, "acked") + number(result, "rejected"));
        assertTrue(number(result, "fills") > 0, result.toString());
        assertTrue(Files.size(out.resolve(ExchangeCoreLatency.ACK_FILE)) > 0);
        assertTrue(Files.size(out.resolve(ExchangeCoreLatency.FILL_FILE)) > 0);
        assertTrue(Files.size(out.resolve(ExchangeCoreLatency.LOG_FILE)) > 0);
        assertTrue(!errors.contains("Exception"), errors);
    }
}
