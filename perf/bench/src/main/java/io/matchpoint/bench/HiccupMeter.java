package io.matchpoint.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The platform's own jitter, measured the way jHiccup does (jHiccup itself is not on Maven Central): an idle thread
 * in a JVM of its own asks to sleep 1 ms, again and again, and records how much later than asked it woke up. Whatever
 * delays it (the scheduler, another process on its CPU, a hypervisor, power states, its own JVM's safepoints) delays
 * any thread on this host, the engine's included; the bench prints it beside the engine's figures.
 * <p>
 * {@code java -cp matchpoint-bench.jar io.matchpoint.bench.HiccupMeter OUT.hlog SECONDS}
 */
public final class HiccupMeter
{
    static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private HiccupMeter()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path out = Path.of(args[0]);
        final double seconds = Double.parseDouble(args[1]);
        LatencyTable.writeHlog(out, measure((long)(seconds * 1e9)));
    }

    /**
     * @return the hiccups: wake-up time minus asked-for time, nanoseconds.
     */
    static Histogram measure(final long durationNs)
    {
        final Histogram hiccups = new Histogram(LatencyRecorder.HIGHEST_NS, 3);
        final long endNs = System.nanoTime() + durationNs;
        long before = System.nanoTime();
        while (before < endNs)
        {
            LockSupport.parkNanos(INTERVAL_NS);
            final long after = System.nanoTime();
            hiccups.recordValue(Math.min(LatencyRecorder.HIGHEST_NS, Math.max(0, after - before - INTERVAL_NS)));
            before = after;
        }
        return hiccups;
    }

    /**
     * A meter running in its own JVM for the length of a run.
     */
    static final class Process implements AutoCloseable
    {
        private final java.lang.Process process;
        private final Path log;

        Process(final Path log, final double seconds) throws IOException
        {
            this.log = log;
            this.process = new ProcessBuilder(MatchpointHome.java(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), HiccupMeter.class.getName(), log.toString(),
                Double.toString(seconds)).inheritIO().start();
        }

        /**
         * @return the hiccups, once the meter has finished (waits up to its run's end plus 30 s).
         */
        Histogram await(final double seconds) throws IOException, InterruptedException
        {
            if (!process.waitFor((long)seconds + 30, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IOException("the hiccup meter did not finish");
            }
            return LatencyTable.readHlog(log);
        }

        @Override
        public void close()
        {
            process.destroyForcibly();
        }
    }
}
