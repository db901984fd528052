package io.matchpoint.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.matchpoint.perf.support.tape.OrderTapeReader;

/**
 * Makes the order tape a run sends: the exchange-core-like mixed workload of the core benchmarks
 * ({@code MixedWorkloadGenerator}: 9% GTC, 3% IOC, 6% cancel, 82% move, about 1,000 resting orders a book), one
 * stream per instrument, simulated on a Matchpoint engine as it is generated so that every cancel and move names a
 * live order. It runs in its own JVM from the comparison jar, so that generation's garbage never reaches the bench's
 * heap, and the same file later drives exchange-core.
 */
final class OrderTape
{
    private OrderTape()
    {
    }

    /**
     * @param file        where the tape goes.
     * @param instruments books.
     * @param measured    records after the build-up (warm-up and measured sends together).
     * @param seed        the same seed gives the same tape.
     * @param mix         the shares of command types, e.g. {@code gtc=9,ioc=3,cancel=6,move=82}.
     * @return the tape, opened; its build-up count.
     */
    static Opened generate(final MatchpointHome home, final Path file, final int instruments, final long measured,
        final long seed, final String mix) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(MatchpointHome.java(),
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx" + heapFor(measured),
            "-cp", home.compareJar().toString(), "io.matchpoint.perf.compare.MixedWorkloadTape",
            file.toString(), Integer.toString(instruments), Long.toString(measured), Long.toString(seed), "1000", mix));
        final String output = ChildProcess.run(command, file.resolveSibling(file.getFileName() + ".log"), 10);
        if (output == null)
        {
            throw new IllegalStateException("the tape generator did not finish in 10 minutes");
        }
        if (!output.contains("TAPE "))
        {
            throw new IllegalArgumentException("the tape generator failed: " + output.strip());
        }
        long buildUp = -1;
        for (final String line : output.split("\n"))
        {
            if (line.startsWith("TAPE "))
            {
                buildUp = Long.parseLong(line.substring(line.indexOf("build-up=") + "build-up=".length()).strip());
            }
        }
        if (buildUp < 0)
        {
            throw new IllegalStateException("the tape generator printed no TAPE line:\n" + output);
        }
        return new Opened(OrderTapeReader.open(file), buildUp);
    }

    private static String heapFor(final long records)
    {
        // the generator holds about 40 bytes a record, plus its engine
        return Math.max(1, (records * 48 >> 30) + 1) + "g";
    }

    /**
     * @param reader  the tape.
     * @param buildUp records at its start that fill the books to their steady state: sent first, never measured.
     */
    record Opened(OrderTapeReader reader, long buildUp) implements AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            reader.close();
        }
    }
}
