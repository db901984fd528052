package io.matchpoint.perf.xcore;

import io.matchpoint.perf.support.tape.OrderTapeReader;
import io.matchpoint.perf.support.tape.TapeHeader;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays an order tape through exchange-core 0.5.3's own pipeline and reports latency percentiles in one
 * {@code RESULT} line that the bench parses. Options: {@link LatencyOptions#USAGE} ({@code --help}); how it measures:
 * {@link TapeSender} and {@link ResultsRecorder}; how exchange-core is configured: {@link ExchangeCoreHarness}.
 * <p>
 * Runs in its own JVM with its own classpath (exchange-core and its Disruptor 3), never beside Matchpoint.
 */
public final class ExchangeCoreLatency
{
    static final String ACK_FILE = "exchange-core-ack.hgrm";
    static final String FILL_FILE = "exchange-core-fill.hgrm";
    static final String LOG_FILE = "exchange-core.hlog";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_REFUSED = 2;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long INTERVAL_NS = NANOS_PER_SECOND;

    private ExchangeCoreLatency()
    {
    }

    public static void main(final String[] args)
    {
        // Chronicle (exchange-core's binary-command serialization) otherwise may phone home or print a banner
        if (System.getProperty("chronicle.analytics.disable") == null)
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        if (System.getProperty("chronicle.announcer.disable") == null)
        {
            System.setProperty("chronicle.announcer.disable", "true");
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one measurement.
     *
     * @param args command-line options.
     * @param out  where the description and the RESULT line go.
     * @param err  where errors and refusals go.
     * @return the exit status: {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_REFUSED}.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final LatencyOptions options;
        try
        {
            options = LatencyOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("exchange-core-latency: " + ex.getMessage());
            err.println(LatencyOptions.USAGE);
            return EXIT_REFUSED;
        }
        if (options.help)
        {
            out.println(LatencyOptions.USAGE);
            return EXIT_OK;
        }

        try (OrderTapeReader tape = OrderTapeReader.open(options.tape))
        {
            return run(options, tape, out, err);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            err.println("exchange-core-latency: " + ex.getMessage());
            return EXIT_REFUSED;
        }
        catch (final RuntimeException ex)
        {
            err.println("exchange-core-latency: the run failed: " + ex);
            ex.printStackTrace(err);
            return EXIT_FAILED;
        }
    }

    private static int run(
        final LatencyOptions options, final OrderTapeReader tape, final PrintStream out, final PrintStream err)
        throws IOException
    {
        final TapeHeader header = tape.header();
        final boolean open = options.mode == LatencyOptions.Mode.OPEN;
        final long warmupCount = open ? LatencyOptions.commands(options.rate, options.warmupSeconds) : 0;
        final long measuredCount = open ? LatencyOptions.commands(options.rate, options.durationSeconds) : 0;
        if (open)
        {
            if (measuredCount < 1)
            {
                err.println("exchange-core-latency: --rate " + options.rate + " for " + options.durationSeconds +
                    " s is no command at all");
                return EXIT_REFUSED;
            }
            if (warmupCount + measuredCount > tape.recordCount())
            {
                err.println("exchange-core-latency: the tape holds " + tape.recordCount() + " commands; --rate " +
                    options.rate + " for " + options.warmupSeconds + " s warm-up and " + options.durationSeconds +
                    " s measured needs " + (warmupCount + measuredCount) + ": generate a longer tape");
                return EXIT_REFUSED;
            }
        }
        Files.createDirectories(options.out);

        out.println("exchange-core 0.5.3 pipeline, label " + options.label + ", tape " + options.tape + ": " +
            tape.recordCount() + " commands, " + header.instrumentCount() + " instruments, " +
            header.accountCount() + " accounts, seed " + header.seed() + " (" + header.description() + ")");
        out.println("mode " + (open ?
            "open loop at " + options.rate + " commands/s: " + warmupCount + " warm-up + " + measuredCount +
            " measured commands, latency from each command's intended send time" :
            "closed loop: " + options.warmupSeconds + " s warm-up + " + options.durationSeconds +
            " s measured as fast as the ring accepts, latency from each actual submit"));

        final ResultsRecorder recorder = new ResultsRecorder();
        final TapeSender.Stats stats;
        final Histogram ack = new Histogram(1, ResultsRecorder.HIGHEST_TRACKABLE_NS, 3);
        final Histogram fill = new Histogram(1, ResultsRecorder.HIGHEST_TRACKABLE_NS, 3);
        final Path logPath = options.out.resolve(LOG_FILE);
        try (ExchangeCoreHarness harness = new ExchangeCoreHarness(options, recorder);
            IntervalLog log = new IntervalLog(logPath, options.label, recorder, ack, fill))
        {
            harness.define(header);
            out.println("exchange-core: " + harness.describe() + ", risk NO_RISK_PROCESSING, no journaling");
            out.println("jvm: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", " +
                Runtime.getRuntime().availableProcessors() + " CPUs, heap max " +
                (Runtime.getRuntime().maxMemory() >> 20) + " MiB; ApiCommands " +
                (options.prebuild ? "pre-built" : "built on the send path") + ", sender waits by " +
                options.senderWait.name().toLowerCase(Locale.ROOT));

            final TapeSender sender = new TapeSender(
                tape, harness.api(), recorder, options.senderWait == LatencyOptions.SenderWait.YIELD);
            if (options.prebuild)
            {
                sender.prebuild(open ? warmupCount + measuredCount : tape.recordCount());
            }
            final AtomicReference<TapeSender.Stats> sent = new AtomicReference<>();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread senderThread = new Thread(() ->
            {
                try
                {
                    sent.set(open ?
                        sender.runOpen(options.rate, warmupCount, measuredCount) :
                        sender.runClosed(nanos(options.warmupSeconds), nanos(options.durationSeconds)));
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "tape-sender");
            senderThread.start();

            long nextIntervalNs = System.nanoTime() + INTERVAL_NS;
            long drainDeadlineNs = 0;
            while (true)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - nextIntervalNs >= 0)
                {
                    log.interval();
                    nextIntervalNs += INTERVAL_NS;
                }
                if (senderThread.isAlive())
                {
                    senderThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextIntervalNs - nowNs)));
                    continue;
                }
                if (failure.get() != null)
                {
                    err.println("exchange-core-latency: the sender failed: " + failure.get());
                    failure.get().printStackTrace(err);
                    return EXIT_FAILED;
                }
                final TapeSender.Stats done = sent.get();
                final long expected = done.warmupSent() + done.measuredSent();
                if (recorder.resultsReceived() >= expected)
                {
                    break;
                }
                if (drainDeadlineNs == 0)
                {
                    drainDeadlineNs = nowNs + nanos(options.drainTimeoutSeconds);
                }
                else if (nowNs - drainDeadlineNs >= 0)
                {
                    err.println("exchange-core-latency: exchange-core returned " + recorder.resultsReceived() +
                        " of " + expected + " results within " + options.drainTimeoutSeconds +
                        " s of the last send (see its log above)");
                    return EXIT_FAILED;
                }
                Thread.sleep(1);
            }
            log.interval();
            stats = sent.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            err.println("exchange-core-latency: interrupted");
            return EXIT_FAILED;
        }

        final Histogram warmup = recorder.warmupHistogram();
        out.println(String.format(Locale.ROOT,
            "warm-up: %d commands, p50 %d ns, p99 %d ns, max %d ns, %d trading, codes %s",
            stats.warmupSent(), warmup.getValueAtPercentile(50), warmup.getValueAtPercentile(99),
            warmup.getMaxValue(), recorder.warmupFills(), recorder.warmupCodes()));

        if (stats.measuredSent() == 0)
        {
            err.println("exchange-core-latency: the tape (" + tape.recordCount() + " commands) ran out during the " +
                "warm-up: nothing was measured");
            Files.deleteIfExists(logPath);
            return EXIT_REFUSED;
        }
        final double achieved;
        if (open)
        {
            final double spanNs =
                stats.lastSendNs() - stats.measuredStartNs() + (double)NANOS_PER_SECOND / options.rate;
            achieved = stats.measuredSent() * (double)NANOS_PER_SECOND / spanNs;
            out.println(String.format(Locale.ROOT,
                "sender: %d measured commands sent at %.0f commands/s (target %d), latest send %.1f us after its " +
                "intended time", stats.measuredSent(), achieved, options.rate, stats.maxLagNs() / 1000.0));
            if (achieved < options.rate * (1 - options.maxShortfallPercent / 100))
            {
                err.println(String.format(Locale.ROOT,
                    "exchange-core-latency: REFUSED: the sender achieved %.0f commands/s, more than %.1f%% below " +
                    "the target %d: this pipeline and sender cannot sustain the rate here (nothing written)",
                    achieved, options.maxShortfallPercent, options.rate));
                Files.deleteIfExists(logPath);
                return EXIT_REFUSED;
            }
        }
        else
        {
            final long spanNs = recorder.lastResultNs() - stats.measuredStartNs();
            achieved = stats.measuredSent() * (double)NANOS_PER_SECOND / Math.max(1, spanNs);
            out.println(String.format(Locale.ROOT,
                "closed loop: %d measured commands in %.3f s from the first measured submit to the last result: " +
                "%.0f commands/s%s", stats.measuredSent(), spanNs / 1e9, achieved,
                stats.tapeEnded() ? " (the tape ran out before the duration: measured phase cut short)" : ""));
        }
        if (recorder.clamped() > 0)
        {
            out.println("note: " + recorder.clamped() + " latencies above one hour recorded as one hour");
        }

        writePercentiles(options.out.resolve(ACK_FILE), ack);
        writePercentiles(options.out.resolve(FILL_FILE), fill);
        out.println(String.format(Locale.ROOT,
            "measured: %d trading commands (%d trades), files %s, %s, %s in %s",
            recorder.fills(), recorder.trades(), ACK_FILE, FILL_FILE, LOG_FILE, options.out));
        out.println(resultLine(open ? "open" : "closed", open ? options.rate : 0, achieved, stats.measuredSent(),
            recorder, ack, fill));
        return EXIT_OK;
    }

    static String resultLine(
        final String mode,
        final long rate,
        final double achieved,
        final long sent,
        final ResultsRecorder recorder,
        final Histogram ack,
        final Histogram fill)
    {
        return String.format(Locale.ROOT,
            "RESULT engine=exchange-core mode=%s rate=%d achieved=%.0f sent=%d acked=%d rejected=%d " +
            "p50_ns=%d p90_ns=%d p99_ns=%d p999_ns=%d p9999_ns=%d max_ns=%d fill_p50_ns=%d fill_p99_ns=%d fills=%d " +
            "codes=%s",
            mode, rate, achieved, sent, recorder.acked(), recorder.rejected(),
            ack.getValueAtPercentile(50), ack.getValueAtPercentile(90), ack.getValueAtPercentile(99),
            ack.getValueAtPercentile(99.9), ack.getValueAtPercentile(99.99), ack.getMaxValue(),
            fill.getValueAtPercentile(50), fill.getValueAtPercentile(99), recorder.fills(),
            recorder.measuredCodes());
    }

    private static void writePercentiles(final Path path, final Histogram histogram) throws FileNotFoundException
    {
        try (PrintStream stream = new PrintStream(path.toFile()))
        {
            histogram.outputPercentileDistribution(stream, 1000.0);
        }
    }

    static long nanos(final double seconds)
    {
        return (long)(seconds * NANOS_PER_SECOND);
    }

    /**
     * Takes the recorders' interval histograms once a second on the main thread, writes them to the interval log
     * (tags {@code ack} and {@code fill}, from the first interval with a measured result on) and adds them into the
     * run's totals.
     */
    private static final class IntervalLog implements AutoCloseable
    {
        private final PrintStream stream;
        private final HistogramLogWriter writer;
        private final SingleWriterRecorder ackRecorder;
        private final SingleWriterRecorder fillRecorder;
        private final Histogram ackTotal;
        private final Histogram fillTotal;
        private Histogram ackInterval;
        private Histogram fillInterval;
        private boolean started;

        IntervalLog(
            final Path path,
            final String label,
            final ResultsRecorder recorder,
            final Histogram ackTotal,
            final Histogram fillTotal) throws FileNotFoundException
        {
            this.stream = new PrintStream(path.toFile());
            this.writer = new HistogramLogWriter(stream);
            this.ackRecorder = recorder.ackRecorder();
            this.fillRecorder = recorder.fillRecorder();
            this.ackTotal = ackTotal;
            this.fillTotal = fillTotal;
            final long nowMs = System.currentTimeMillis();
            writer.outputComment("exchange-core 0.5.3 pipeline latency, label " + label +
                ", values in ns, tags ack and fill");
            writer.outputLogFormatVersion();
            writer.outputStartTime(nowMs);
            writer.setBaseTime(nowMs);
            writer.outputLegend();
        }

        void interval()
        {
            ackInterval = ackRecorder.getIntervalHistogram(ackInterval);
            fillInterval = fillRecorder.getIntervalHistogram(fillInterval);
            ackTotal.add(ackInterval);
            fillTotal.add(fillInterval);
            started |= ackInterval.getTotalCount() > 0;
            if (started)
            {
                ackInterval.setTag("ack");
                fillInterval.setTag("fill");
                writer.outputIntervalHistogram(ackInterval);
                writer.outputIntervalHistogram(fillInterval);
            }
        }

        @Override
        public void close()
        {
            stream.close();
        }
    }
}
