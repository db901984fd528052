package io.matchpoint.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./matchpoint bench}: generates an order tape, starts a server in its own process, drives it over TCP and
 * reports latency and throughput. See the README's "Performance" section.
 */
@Command(
    name = "matchpoint bench",
    mixinStandardHelpOptions = true,
    version = "matchpoint bench (the Matchpoint load generator)",
    sortOptions = false,
    description = {
        "Drive a Matchpoint server with the exchange-core-like order mix and report latency percentiles " +
            "(HdrHistogram), throughput and rejects; write .hgrm files and a PNG into an output folder.",
        "Open loop at a target rate by default: latency counts from each command's intended send time, so a stall " +
            "shows in the percentiles (no coordinated omission). --closed-loop sends as fast as the server answers."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the run completed and every command was answered",
        "1:the run failed: the server did not start, a session was closed, commands went unanswered, ...",
        "2:usage error",
        "3:the rate asked for could not be sent (the report says how much was)" })
final class BenchCommand implements Callable<Integer>
{
    static final int EXIT_UNDER_SENT = 3;
    static final int EXIT_FAILED = 1;
    static final int MAX_SESSIONS = 32;
    private static final long ECHO_LAG_NS = 5_000_000L;
    /** Closed loop: measured round trips of the echo baseline (after a fifth as many unmeasured). */
    private static final long ECHO_CLOSED_LOOP_FRAMES = 2_000_000;

    private final PrintStream out;
    /** The platform jitter measured beside the last run, null if none was. */
    private Histogram hiccupsOfLastRun;
    /** The flood beside the last run (stopped), null if none ran. */
    private ReconnectFlood floodOfLastRun;
    /** The bench JVM's own garbage collections during the last run. */
    private JvmCollections collectionsOfLastRun;
    /** Why the last run failed (--flood reports it instead of stopping), null if it did not. */
    private String failureOfLastRun;

    @Option(names = "--rate", paramLabel = "N", converter = RateConverter.class,
        description = "Open loop at N commands/s (default 100k); accepts 50000, 100k, 1.5m.")
    private Long rate;

    @Option(names = "--rates", paramLabel = "LIST", split = ",", converter = RateConverter.class,
        description = "A sweep: one run per rate, a fresh server each, e.g. 10k,100k,500k,1m.")
    private List<Long> rates;

    @Option(names = "--stop-at-median", paramLabel = "MICROS", defaultValue = "0",
        description = "A sweep stops at the first rate whose median latency passes this many µs (as " +
            "exchange-core's published table does); 0: run every rate (default).")
    private double stopAtMedianMicros;

    @Option(names = "--closed-loop", description = "Send as fast as the server answers (a window in flight per " +
        "session) and report the throughput sustained.")
    private boolean closedLoop;

    @Option(names = "--commands", paramLabel = "N", converter = RateConverter.class, defaultValue = "2m",
        description = "Closed loop: measured commands (default ${DEFAULT-VALUE}), after as many again unmeasured " +
            "(at most 2m, at least a fifth) for the JIT to settle.")
    private long commands;

    @Option(names = "--window", paramLabel = "N", defaultValue = "256",
        description = "Closed loop: commands in flight per session at most (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--max-shortfall-pct", paramLabel = "P", defaultValue = "1",
        description = "Open loop: call the run UNDER-SENT (exit 3) if the sender reached less than the rate by " +
            "more than P%% (default ${DEFAULT-VALUE}); passed to exchange-core's run too. A run more than a second " +
            "behind schedule is UNDER-SENT whatever P.")
    private double maxShortfallPercent;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
        description = "Open loop: measured seconds (default ${DEFAULT-VALUE}).")
    private int duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
        description = "Open loop: seconds at the rate before measuring, after the books are built (default " +
            "${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "4",
        description = "Client sessions (TCP connections, one account each; even: buyers and sellers; default " +
            "${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--instruments", paramLabel = "N", defaultValue = "4",
        description = "Order books (default ${DEFAULT-VALUE}).")
    private int instruments;

    @Option(names = "--mix", paramLabel = "SHARES", defaultValue = "gtc=9,ioc=3,cancel=6,move=82",
        description = "Shares of command types in %%, summing to 100 (default ${DEFAULT-VALUE}, exchange-core's " +
            "benchmark mix). A mix whose orders outrun its cancels and trades grows the books until capacity " +
            "rejects show in the report.")
    private String mix;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7400",
        description = "Seed of the order tape (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Output folder (default bench-results/<date-time>).")
    private Path outDirectory;

    @Option(names = "--connect", paramLabel = "HOST:PORT",
        description = "Drive a server that is already running instead of starting one. It must run on the " +
            "configuration --print-server-config prints, on an empty data directory (the tape starts from empty " +
            "books); with -Dmatchpoint.bench.echo=true in MATCHPOINT_JAVA_OPTS it also serves the echo baseline, " +
            "given here with --echo-port.")
    private String connect;

    @Option(names = "--echo-port", paramLabel = "PORT",
        description = "With --connect: the port of the server's bench echo (printed in its banner).")
    private Integer echoPort;

    @Option(names = "--print-server-config", description = "Print the server configuration a run uses " +
        "(instruments, accounts, throttle) for --connect, and exit.")
    private boolean printServerConfig;

    @Option(names = "--in-process", description = "Drive the rings and the core in this JVM, without TCP: the " +
        "engine's cost without the network's.")
    private boolean inProcess;

    @Option(names = "--journal", paramLabel = "on|off", defaultValue = "on",
        description = "With --in-process: journal commands and events (on, as the server does) or not (off), to " +
            "show what journaling costs (default ${DEFAULT-VALUE}).")
    private String journal;

    @Option(names = "--market-data", paramLabel = "on|off", defaultValue = "off",
        description = "Over TCP: the server publishes its market data feed (on) or not (off, as it does by " +
            "default), to show what the feed costs order entry; on, the bench subscribes and reports each " +
            "command's time to its trade on the feed (default ${DEFAULT-VALUE}).")
    private String marketData;

    @Option(names = "--stopped-subscriber", description = "With --market-data on: a second subscriber, on a media " +
        "driver of its own, that never reads, to show that it does not move order entry.")
    private boolean stoppedSubscriber;

    @Option(names = "--exchange-core", description = "After each run, the same tape at the same rate through " +
        "exchange-core 0.5.3's own pipeline in a JVM of its own, reported in the same table (it has no network: " +
        "compare it with --in-process).")
    private boolean exchangeCore;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "default",
        description = "The server's threading profile: default or low-latency (default ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--cpus", paramLabel = "LIST",
        description = "The server's hot-thread CPUs (low-latency), passed to ./matchpoint server --cpus.")
    private String cpus;

    @Mixin
    private FloodOptions flood = new FloodOptions();

    @Option(names = "--server-java-opts", paramLabel = "FLAGS", defaultValue = "",
        description = "JVM flags for the server the bench starts (its MATCHPOINT_JAVA_OPTS); the bench's own " +
            "MATCHPOINT_JAVA_OPTS stay with the bench.")
    private String serverJavaOptions;

    @Option(names = "--server-arg", paramLabel = "ARG",
        description = "One more option for ./matchpoint server (repeatable).")
    private List<String> serverArgs = new ArrayList<>();

    @Option(names = "--stall-at", paramLabel = "SECONDS", hidden = true, defaultValue = "-1",
        description = "Stop the server (SIGSTOP) this many seconds into the measured part, for --stall-ms.")
    private double stallAt;

    @Option(names = "--stall-ms", paramLabel = "MS", hidden = true, defaultValue = "0",
        description = "How long the --stall-at stall lasts.")
    private long stallMs;

    BenchCommand(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception
    {
        if (sessions < 2 || sessions % 2 != 0 || sessions > MAX_SESSIONS)
        {
            throw new IllegalArgumentException("--sessions must be even, 2.." + MAX_SESSIONS +
                " (buyers and sellers; each costs the server a throttle window of 32 MB), got " + sessions);
        }
        if (!(maxShortfallPercent >= 0 && maxShortfallPercent < 100))
        {
            throw new IllegalArgumentException("--max-shortfall-pct is a share of the rate, 0 to under 100, got " +
                maxShortfallPercent);
        }
        if (connect != null && exchangeCore)
        {
            throw new IllegalArgumentException("--exchange-core goes with a server the bench starts or --in-process, " +
                "not --connect");
        }
        if (connect != null && ((rates != null && rates.size() > 1)))
        {
            throw new IllegalArgumentException("--connect runs one rate: the tape starts from empty books, and the " +
                "server keeps the first run's orders");
        }
        if (!journal.equals("on") && !journal.equals("off"))
        {
            throw new IllegalArgumentException("--journal is on or off, got " + journal);
        }
        if (!marketData.equals("on") && !marketData.equals("off"))
        {
            throw new IllegalArgumentException("--market-data is on or off, got " + marketData);
        }
        if (stoppedSubscriber && !marketData.equals("on"))
        {
            throw new IllegalArgumentException("--stopped-subscriber needs --market-data on");
        }
        if (journal.equals("off") && !inProcess)
        {
            throw new IllegalArgumentException("--journal off needs --in-process: the server always journals");
        }
        if (flood.enabled())
        {
            flood.check(inProcess, connect != null, closedLoop, exchangeCore);
        }
        if (printServerConfig)
        {
            final Path tiny = Files.createTempFile("matchpoint-bench", ".tape");
            try (OrderTape.Opened tape = OrderTape.generate(MatchpointHome.locate(), tiny, instruments, 1, seed, mix))
            {
                this.out.print(ServerProcess.configText(tape.reader().header(), sessions,
                    flood.limits(rates != null ? rates.get(0) : rate == null ? 100_000L : rate, sessions)));
            }
            finally
            {
                Files.deleteIfExists(tiny);
            }
            return 0;
        }
        if (connect != null && inProcess)
        {
            throw new IllegalArgumentException("--connect and --in-process exclude each other");
        }
        final List<Long> runRates = closedLoop ? List.of(0L) : rates != null ? rates :
            List.of(rate == null ? 100_000L : rate);
        final Path out = outDirectory != null ? outDirectory : Path.of("bench-results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        final MatchpointHome home = MatchpointHome.locate();

        long tapeCommands = 0;
        for (final long runRate : runRates)
        {
            // a second more than the run sends: exchange-core's runner rounds its durations to whole commands
            tapeCommands = Math.max(tapeCommands, plan(runRate).tapeCommands() + runRate);
        }
        this.out.printf("matchpoint bench: %s, %s, %d sessions, %d instruments, profile %s; output %s%n",
            inProcess ? "in-process (rings and core, no TCP), journal " + journal :
                connect != null ? "over TCP to the server at " + connect : "over TCP to a server process",
            closedLoop ? "closed loop, " + String.format("%,d", commands) + " measured commands" :
            "open loop at " + rateList(runRates) + " commands/s, " + warmup + " s warm-up + " + duration + " s measured",
            sessions, instruments, profile, out.toAbsolutePath());
        this.out.printf("host: %d CPUs, %s %s, JDK %s%n", Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
        if (flood.enabled())
        {
            flood.announce(this.out);
        }
        this.out.printf("generating the order tape (%,d commands after the books' build-up)...%n", tapeCommands);
        final Path tapeFile = out.resolve("orders.tape");
        final List<Outcome> outcomes = new ArrayList<>();
        final List<String> floodReport = new ArrayList<>();
        try (OrderTape.Opened tape = OrderTape.generate(home, tapeFile, instruments, tapeCommands, seed, mix))
        {
            this.out.println("tape: " + tape.reader().header().description());
            for (final long runRate : runRates)
            {
                final String runName = (closedLoop ? "closed-loop" : "rate-" + RateConverter.format(runRate)) +
                    (inProcess ? "-in-process-journal-" + journal : "");
                final Outcome outcome = runOne(home, tape, plan(runRate), out.resolve(runName), false);
                outcomes.add(outcome);
                if (flood.enabled())
                {
                    final Outcome flooded = runOne(home, tape, plan(runRate), out.resolve(runName + "-flood"), true);
                    outcomes.add(flooded);
                    final List<String> comparison = FloodComparison.lines(outcome, flooded, flood.connections());
                    this.out.println();
                    comparison.forEach(this.out::println);
                    floodReport.add(flood.limits(runRate, sessions).description());
                    if (flooded.flood() != null)
                    {
                        floodReport.addAll(flood.lines(flooded.flood(), runRate, sessions));
                    }
                    floodReport.addAll(comparison);
                    floodReport.add("");
                }
                if (stopAtMedianMicros > 0 && (outcome.result() == null ||
                    outcome.result().latencies().ack().getValueAtPercentile(50) > stopAtMedianMicros * 1000))
                {
                    this.out.printf("%nsweep stopped at %s/s: the median passed %s µs%n",
                        RateConverter.format(runRate), LatencyTable.micros((long)(stopAtMedianMicros * 1000)));
                    break;
                }
            }
        }
        finally
        {
            Files.deleteIfExists(tapeFile);
        }
        if (outcomes.size() > (flood.enabled() ? 2 : 1))
        {
            summary(outcomes, out);
        }
        if (!floodReport.isEmpty())
        {
            Files.write(out.resolve("flood.txt"), floodReport);
            this.out.println("wrote " + out.resolve("flood.txt") + ": the flood's counts and the comparison");
        }
        this.out.println("output: " + out.toAbsolutePath());
        boolean underSent = false;
        boolean incomplete = false;
        for (final Outcome outcome : outcomes)
        {
            underSent |= outcome.result() == null || outcome.result().underSent();
            incomplete |= outcome.failure() != null || outcome.result() != null &&
                (outcome.result().unanswered() > 0 || outcome.result().unmatched() > 0 ||
                outcome.result().disconnected() != null);
        }
        return incomplete ? EXIT_FAILED : underSent ? EXIT_UNDER_SENT : 0;
    }

    private RunPlan plan(final long runRate)
    {
        return new RunPlan(runRate, warmup, duration, commands, runRate > 0 ? 1 << 18 : window,
            maxShortfallPercent);
    }

    /**
     * @param flooded whether the flood runs beside this run (--flood: the second run of each rate).
     */
    private Outcome runOne(final MatchpointHome home, final OrderTape.Opened tape, final RunPlan plan,
        final Path runDirectory, final boolean flooded) throws IOException, InterruptedException
    {
        Files.createDirectories(runDirectory);
        final String name = (plan.openLoop() ? RateConverter.format(plan.rate()) + "/s" : "closed loop") +
            (flooded ? ", flood" : "");
        final String label = (plan.openLoop() ? RateConverter.format(plan.rate()) + "/s" : "closed loop") +
            (inProcess ? ", in-process, journal " + journal : ", TCP, market data " + marketData +
                (stoppedSubscriber ? " with a stopped subscriber" : "")) +
            (!flood.enabled() ? "" : flooded ? ", with a flood of " + flood.connections() + " connections" :
                ", without the flood");
        final FloodLimits limits = flood.limits(plan.rate(), sessions);
        floodOfLastRun = null;
        collectionsOfLastRun = null;
        failureOfLastRun = null;
        final LoadDriver driver = new LoadDriver(tape.reader(), tape.buildUp(), plan, sessions,
            OrderIds.forTape(tape.reader()));
        final LoadDriver.Result result;
        EchoLoad.Result echo = null;
        if (inProcess)
        {
            out.printf("%n== %s: starting the pipeline...%n", label);
            try (InProcessTransport transport = new InProcessTransport(tape.reader().header(),
                journal.equals("on") ? runDirectory.resolve("data") : null, profile.equals("low-latency")))
            {
                result = drive(driver, transport, tape, plan, label, null, runDirectory, null);
            }
        }
        else if (connect != null)
        {
            final int colon = connect.lastIndexOf(':');
            if (colon < 1)
            {
                throw new IllegalArgumentException("--connect takes HOST:PORT, got " + connect);
            }
            final String host = connect.substring(0, colon);
            final int port = Integer.parseInt(connect.substring(colon + 1));
            out.printf("%n== %s: connecting to %s...%n", label, connect);
            echo = echoPort == null ? null : baseline(host, echoPort, plan);
            try (TcpTransport transport = TcpTransport.connect(host, port, sessions))
            {
                result = drive(driver, transport, tape, plan, label, null, runDirectory, null);
            }
        }
        else
        {
            final List<String> extra = new ArrayList<>(List.of("--profile", profile));
            if (cpus != null)
            {
                extra.addAll(List.of("--cpus", cpus));
            }
            extra.addAll(serverArgs);
            out.printf("%n== %s: starting the server...%n", label);
            try (ServerProcess server = ServerProcess.start(
                home, runDirectory, tape.reader().header(), sessions, limits, extra, serverJavaOptions,
                marketData.equals("on")))
            {
                echo = baseline("127.0.0.1", server.echoPort(), plan);
                try (MarketDataProbe probe = marketData.equals("on") ?
                    MarketDataProbe.open(runDirectory.resolve("data"), stoppedSubscriber) : null;
                    TcpTransport transport = TcpTransport.connect("127.0.0.1", server.port(), sessions)
                        .marketData(probe))
                {
                    result = drive(driver, transport, tape, plan, label, server, runDirectory, flooded ?
                        new InetSocketAddress("127.0.0.1", server.port()) : null);
                }
            }
        }
        if (result == null)
        {
            if (limits != null)
            {
                // the flood's counts and the limits are what is left to report of a refused or failed run
                final List<String> lines = new ArrayList<>(List.of((failureOfLastRun != null ? "FAILED: " +
                    failureOfLastRun : "REFUSED: the rate could not be sent") + " (" + label + ")",
                    limits.description()));
                if (floodOfLastRun != null)
                {
                    lines.addAll(flood.lines(floodOfLastRun, plan.rate(), sessions));
                }
                Files.write(runDirectory.resolve("report.txt"), lines);
                lines.subList(1, lines.size()).forEach(out::println);
            }
            return new Outcome(plan, null, runDirectory, name, null, floodOfLastRun, failureOfLastRun);
        }
        // exchange-core runs once Matchpoint's server or pipeline has stopped: never beside its spinning threads
        report(result, echo, runDirectory, label, connect == null ? exchangeCore(home, tape, plan, runDirectory) : null,
            limits);
        return new Outcome(plan, result, runDirectory, name, collectionsOfLastRun, floodOfLastRun, null);
    }

    /**
     * @param floodTarget where the flood connects, null for no flood: it starts just before the tape and stops
     *                    once every command has been answered.
     * @return the result, null when the rate could not be sent, or with --flood when the run failed (said so).
     */
    private LoadDriver.Result drive(final LoadDriver driver, final Transport transport, final OrderTape.Opened tape,
        final RunPlan plan, final String label, final ServerProcess server, final Path runDirectory,
        final InetSocketAddress floodTarget)
    {
        final long total = Math.min(tape.reader().recordCount(), tape.buildUp() + plan.tapeCommands());
        if (server != null && stallAt >= 0 && stallMs > 0 && plan.openLoop())
        {
            scheduleStall(server, (tape.buildUp() + plan.warmupCommands()) / (double)plan.rate() + stallAt);
        }
        final double runSeconds = plan.openLoop() ? (double)total / plan.rate() + 2 : 0;
        try (ProgressBar progress = progressBar(label, total);
             HiccupMeter.Process hiccups = plan.openLoop() ? new HiccupMeter.Process(
                 runDirectory.resolve("hiccups.hlog"), runSeconds) : null;
             ReconnectFlood floodLoad = floodTarget == null ? null :
                 flood.start(out, floodTarget, tape.reader().header()))
        {
            floodOfLastRun = floodLoad;
            final JvmCollections collectionsBefore = JvmCollections.now();
            final LoadDriver.Result result = driver.run(transport, sent ->
            {
                progress.stepTo(sent);
                final LatencyRecorder latencies = driver.latencies();
                // over TCP the histogram is this thread's own; in-process another thread writes it
                if (server != null && latencies != null && latencies.ack().getTotalCount() > 0)
                {
                    progress.setExtraMessage(" p99 " + LatencyTable.micros(
                        latencies.ack().getValueAtPercentile(99)) + " µs");
                }
            });
            collectionsOfLastRun = JvmCollections.now().minus(collectionsBefore);
            if (floodLoad != null)
            {
                floodLoad.stop();
            }
            hiccupsOfLastRun = null;
            if (hiccups != null)
            {
                try
                {
                    hiccupsOfLastRun = hiccups.await(runSeconds);
                }
                catch (final IOException | InterruptedException ex)
                {
                    out.println("WARNING: no platform hiccup figures: " + ex.getMessage());
                }
            }
            return result;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not start the hiccup meter: " + ex.getMessage(), ex);
        }
        catch (final LoadDriver.UnderSentException ex)
        {
            out.println("REFUSED: " + ex.getMessage());
            return null;
        }
        catch (final IllegalStateException ex)
        {
            if (!flood.enabled())
            {
                throw ex;
            }
            // a bystander logged out, say: what --flood is there to find, reported with the flood's counts
            failureOfLastRun = ex.getMessage();
            out.println("FAILED: " + ex.getMessage());
            return null;
        }
    }

    private void scheduleStall(final ServerProcess server, final double afterSeconds)
    {
        final Thread stall = new Thread(() ->
        {
            try
            {
                Thread.sleep((long)(afterSeconds * 1000));
                server.stall(stallMs);
            }
            catch (final Exception ignored)
            {
                // the run reports what it measured
            }
        }, "bench-stall");
        stall.setDaemon(true);
        stall.start();
    }

    private ProgressBar progressBar(final String label, final long total)
    {
        final ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(label).setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" cmds", 1);
        if (System.console() == null)
        {
            // not a terminal (a log, a test): a line a second instead of redrawing in place
            builder.setConsumer(new DelegatingProgressBarConsumer(out::println, 120)).setUpdateIntervalMillis(1000);
        }
        return builder.build();
    }

    /**
     * The raw TCP baseline before the engine's run, on the idle server: at the run's rate (open loop) for up to 5
     * seconds after a second's warm-up, or before a closed-loop run the same number of connections and frames in flight
     * as the run's, closed loop.
     */
    private EchoLoad.Result baseline(final String host, final int port, final RunPlan plan) throws IOException
    {
        final java.net.InetSocketAddress address = new java.net.InetSocketAddress(host, port);
        if (!plan.openLoop())
        {
            out.printf("raw TCP echo baseline: %,d frames of %d bytes, closed loop, %d connections, %d in flight " +
                "each...%n", ECHO_CLOSED_LOOP_FRAMES, EchoLoad.FRAME_LENGTH, sessions, plan.window());
            return EchoLoad.run(address, sessions, 0, plan.window(), ECHO_CLOSED_LOOP_FRAMES / 5,
                ECHO_CLOSED_LOOP_FRAMES);
        }
        out.printf("raw TCP echo baseline: %,d frames of %d bytes at %s/s over %d connections...%n",
            plan.rate() * Math.min(5, plan.seconds()), EchoLoad.FRAME_LENGTH, RateConverter.format(plan.rate()),
            sessions);
        return EchoLoad.run(address, sessions, plan.rate(), 0, plan.rate(), plan.rate() * Math.min(5, plan.seconds()));
    }

    /**
     * @return exchange-core's run of the same tape and rate, null unless asked for.
     */
    private ExchangeCoreRun exchangeCore(final MatchpointHome home, final OrderTape.Opened tape, final RunPlan plan,
        final Path runDirectory) throws IOException, InterruptedException
    {
        if (!exchangeCore)
        {
            return null;
        }
        out.println("exchange-core: the same tape through its own pipeline, in its own JVM...");
        final double warmupSeconds = plan.openLoop() ?
            (double)(tape.buildUp() + plan.warmupCommands()) / plan.rate() : 1;
        final ExchangeCoreRun run = ExchangeCoreRun.run(home, tape.reader().path(), plan, warmupSeconds,
            profile, runDirectory);
        if (!run.completed())
        {
            out.println("WARNING: exchange-core's run did not complete:\n" + run.output());
        }
        return run;
    }

    /**
     * @param floodLimits the server's limits of a --flood comparison (both its runs), null without.
     */
    private void report(final LoadDriver.Result result, final EchoLoad.Result baseline, final Path runDirectory,
        final String label, final ExchangeCoreRun exchangeCore, final FloodLimits floodLimits)
        throws IOException
    {
        final LatencyRecorder latencies = result.latencies();
        final Histogram echo = baseline == null ? null : baseline.latencies();
        final List<String> lines = new ArrayList<>();
        lines.add(LatencyTable.header("latency (µs), " + label));
        lines.add(LatencyTable.row("send -> answer", latencies.ack()));
        lines.add(LatencyTable.row("send -> first fill", latencies.fill()));
        if (latencies.marketData().getTotalCount() > 0)
        {
            lines.add(LatencyTable.row("send -> its trade on the feed", latencies.marketData()));
        }
        if (hiccupsOfLastRun != null)
        {
            lines.add(LatencyTable.row("platform hiccups (idle 1 ms)", hiccupsOfLastRun));
        }
        if (echo != null)
        {
            lines.add(LatencyTable.row("raw TCP echo (baseline)", echo));
            lines.add(LatencyTable.ratioRow("answer / echo", latencies.ack(), echo));
            if (baseline.maxLagNs() > ECHO_LAG_NS)
            {
                lines.add(String.format("WARNING: the echo's sender fell %.1f ms behind its schedule: at this rate the " +
                    "baseline measures the load generator too, and the ratio understates the engine's share",
                    baseline.maxLagNs() / 1e6));
            }
        }
        if (exchangeCore != null && exchangeCore.completed())
        {
            lines.add(exchangeCore.row("exchange-core send -> answer", ""));
            lines.add(exchangeCore.row("exchange-core first fill", "fill_"));
            lines.add(String.format("exchange-core: in-process through its API (no network), sent %,d at %,.0f/s, " +
                "answered %,d (%s)", exchangeCore.value("sent"), (double)exchangeCore.value("achieved"),
                exchangeCore.value("acked") + exchangeCore.value("rejected"), exchangeCore.values().get("codes")));
        }
        lines.add(String.format("sent %,d = acknowledged %,d + rejected %,d%s", result.sent(), result.acked(),
            result.rejected(), result.unanswered() > 0 ?
            " + UNANSWERED " + String.format("%,d", result.unanswered()) : ""));
        for (final Map.Entry<String, Long> reject : result.rejects().byName().entrySet())
        {
            lines.add(String.format("  rejected: %-40s %,d", reject.getKey(), reject.getValue()));
        }
        lines.add(String.format("throughput: sent %,.0f commands/s, answered %,.0f/s%s", result.sendRate(),
            result.answerRate(), result.plan().openLoop() ?
            String.format(", at worst %.1f ms behind schedule", result.maxLagNs() / 1e6) : ""));
        if (baseline != null && !result.plan().openLoop())
        {
            lines.add(String.format("raw TCP echo, closed loop with the same connections and window: %,.0f frames/s; " +
                "engine / echo throughput %.2f", baseline.framesPerSecond(),
                result.answerRate() / baseline.framesPerSecond()));
        }
        if (result.underSent())
        {
            lines.add(String.format("UNDER-SENT: %,.0f commands/s reached of %,d asked; latencies past that point " +
                "measure a saturated system", result.sendRate(), result.plan().rate()));
        }
        if (result.unmatched() > 0)
        {
            lines.add(String.format("WARNING: %,d answers matched no command in flight", result.unmatched()));
        }
        if (result.disconnected() != null)
        {
            lines.add("WARNING: a session ended: " + result.disconnected());
        }
        if (result.latencies().saturated() > 0)
        {
            lines.add(String.format("WARNING: %,d latencies beyond a minute were recorded as a minute",
                result.latencies().saturated()));
        }
        if (floodLimits != null)
        {
            lines.add(floodLimits.description());
            if (collectionsOfLastRun != null)
            {
                lines.add(String.format("bench JVM during the run: %d garbage collections, %d ms in all",
                    collectionsOfLastRun.count(), collectionsOfLastRun.millis()));
            }
        }
        if (floodOfLastRun != null)
        {
            lines.addAll(flood.lines(floodOfLastRun, result.plan().rate(), sessions));
        }
        LatencyTable.writeHgrm(runDirectory.resolve("ack.hgrm"), latencies.ack());
        LatencyTable.writeHgrm(runDirectory.resolve("fill.hgrm"), latencies.fill());
        LatencyTable.writeHlog(runDirectory.resolve("ack.hlog"), latencies.ack());
        LatencyTable.writeHlog(runDirectory.resolve("fill.hlog"), latencies.fill());
        final List<LatencyPlots.Series> series = new ArrayList<>(List.of(
            new LatencyPlots.Series("send -> answer", latencies.ack()),
            new LatencyPlots.Series("send -> first fill", latencies.fill())));
        if (latencies.marketData().getTotalCount() > 0)
        {
            LatencyTable.writeHgrm(runDirectory.resolve("market-data.hgrm"), latencies.marketData());
            LatencyTable.writeHlog(runDirectory.resolve("market-data.hlog"), latencies.marketData());
            series.add(new LatencyPlots.Series("send -> its trade on the feed", latencies.marketData()));
        }
        if (echo != null)
        {
            LatencyTable.writeHgrm(runDirectory.resolve("echo.hgrm"), echo);
            LatencyTable.writeHlog(runDirectory.resolve("echo.hlog"), echo);
            series.add(new LatencyPlots.Series("raw TCP echo", echo));
        }
        LatencyPlots.write(runDirectory.resolve("latency.png"), "Matchpoint, " + label + " (" +
            Runtime.getRuntime().availableProcessors() + " CPUs, profile " + profile + ")", series, latencies);
        Files.write(runDirectory.resolve("report.txt"), lines);
        lines.forEach(out::println);
        out.println("wrote " + runDirectory + ": report.txt, latency.png, the histograms as .hgrm (percentiles, µs) " +
            "and .hlog (lossless)");
    }

    private void summary(final List<Outcome> outcomes, final Path out) throws IOException
    {
        this.out.printf("%n%s%n", LatencyTable.header("rate sweep: send -> answer"));
        final List<LatencyPlots.Series> series = new ArrayList<>();
        for (final Outcome outcome : outcomes)
        {
            final String name = outcome.name();
            if (outcome.result() == null)
            {
                this.out.printf("%-28s %s%n", name, "refused: could not send at this rate");
                continue;
            }
            final Histogram ack = outcome.result().latencies().ack();
            this.out.println(LatencyTable.row(name + (outcome.result().underSent() ? " UNDER-SENT" : ""), ack));
            series.add(new LatencyPlots.Series(name, ack));
        }
        LatencyPlots.write(out.resolve("sweep.png"), "Matchpoint " + (inProcess ? "in-process" : "over TCP") +
            ": send -> answer by rate", series, null);
        this.out.println("wrote " + out.resolve("sweep.png"));
    }

    private static String rateList(final List<Long> rates)
    {
        final StringBuilder text = new StringBuilder();
        for (final long one : rates)
        {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%,d", one));
        }
        return text.toString();
    }

    /**
     * @param result      null when the run was refused.
     * @param name        for the summary: the rate, and whether the flood ran.
     * @param collections the bench JVM's garbage collections during the run, null if it was refused.
     * @param flood       the flood beside it (stopped), null if none ran.
     * @param failure     why the run failed (--flood only: a bystander's session ended, ...), null if it did not.
     */
    record Outcome(RunPlan plan, LoadDriver.Result result, Path directory, String name, JvmCollections collections,
        ReconnectFlood flood, String failure)
    {
    }
}
