package io.matchpoint.perf.compare;

import io.matchpoint.perf.support.RunSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Two engines of {@link MixedWorkloadBenchmark} measured in turns in one JVM, each loaded on its own
 * ({@link IsolatedDriver}), in the order A B B A, pass after pass, and compared pair by pair ({@link PairedSamples}).
 * Where a JMH run measures one engine's forks and then the other's, minutes apart, this measures both under the same
 * conditions to within a pass (about 40 ms): on a shared host, whose neighbours move either engine's rate by a third
 * for seconds at a time, the ratio of the two is then still measured to within a percent or two.
 * <p>
 * Each fork is a new JVM with the flags JMH's forks get ({@link RunSettings#forkJvmArgs()}); the table at the end
 * pools the pairs of all forks.
 */
@Command(
    name = "paired-comparison", mixinStandardHelpOptions = true,
    description = "Measures two engines of the mixed workload in alternating passes in one JVM and prints the ratio " +
        "of their rates, pair by pair.")
public final class PairedComparison implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--engines", split = ",", defaultValue = MixedWorkloadBenchmark.MATCHPOINT + "," +
        MixedWorkloadBenchmark.MATCHPOINT_RISK_LIMITS,
        description = "The two engines, the baseline first (default: ${DEFAULT-VALUE}). An engine may name the " +
            "benchmark jar it comes from, ENGINE@JAR, to compare two builds.")
    private List<String> engines;

    @Option(names = "--max-orders", defaultValue = "65536", description = "Matchpoint's order capacity " +
        "(default: ${DEFAULT-VALUE}, as the README's comparison runs).")
    private int maxOrders;

    @Option(names = "--forks", defaultValue = "3",
        description = "JVMs, one after the other (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Option(names = "--warmup-seconds", defaultValue = "10",
        description = "Unrecorded passes at the start of each fork (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "30",
        description = "Recorded passes in each fork (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--jvm-arg", description = "One more flag for the forks (repeatable).")
    private List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--in-fork", hidden = true, description = "Run the passes here and write the pairs to this file.")
    private Path inFork;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new PairedComparison()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (engines.size() != 2 || forks < 1 || seconds < 1 || warmupSeconds < 0)
        {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "need two engines, at least one fork and one recorded second");
        }
        if (inFork != null)
        {
            runFork(inFork);
            return 0;
        }
        final PairedSamples all = new PairedSamples();
        final List<PairedSamples> byFork = new ArrayList<>();
        for (int fork = 1; fork <= forks; fork++)
        {
            System.out.printf(Locale.ROOT, "# fork %d of %d%n", fork, forks);
            final PairedSamples samples = fork();
            byFork.add(samples);
            all.addAll(samples);
        }
        System.out.println();
        print(byFork, all, System.out);
        return 0;
    }

    private PairedSamples fork() throws IOException, InterruptedException
    {
        final Path pairs = Files.createTempFile("paired-comparison", ".txt");
        try
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(RunSettings.parse(new String[0], new RunSettings.Defaults(1, 1, "3g")).forkJvmArgs());
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(PairedComparison.class.getName());
            command.add("--engines=" + String.join(",", engines));
            command.add("--max-orders=" + maxOrders);
            command.add("--warmup-seconds=" + warmupSeconds);
            command.add("--seconds=" + seconds);
            command.add("--in-fork=" + pairs);
            final int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0)
            {
                throw new IllegalStateException("the fork failed with exit code " + exit);
            }
            final PairedSamples samples = new PairedSamples();
            for (final String line : Files.readAllLines(pairs, StandardCharsets.US_ASCII))
            {
                final String[] rates = line.split(" ");
                samples.add(Double.parseDouble(rates[0]), Double.parseDouble(rates[1]));
            }
            return samples;
        }
        finally
        {
            Files.deleteIfExists(pairs);
        }
    }

    private void runFork(final Path pairsFile) throws IOException
    {
        try (IsolatedDriver first = driver(engines.get(0)); IsolatedDriver second = driver(engines.get(1)))
        {
            final long warmUpEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmUpEnd)
            {
                first.pass();
                second.pass();
            }
            final PairedSamples samples = new PairedSamples();
            final long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end)
            {
                // A B, then B A: neither engine always goes first
                final double a1 = first.pass();
                final double b1 = second.pass();
                final double b2 = second.pass();
                final double a2 = first.pass();
                samples.add(a1, b1);
                samples.add(a2, b2);
            }
            first.checkNoFailures();
            second.checkNoFailures();
            final StringBuilder lines = new StringBuilder();
            final double[] firstRates = samples.firstRatesInOrder();
            final double[] secondRates = samples.secondRatesInOrder();
            for (int i = 0; i < samples.count(); i++)
            {
                lines.append(firstRates[i]).append(' ').append(secondRates[i]).append('\n');
            }
            Files.writeString(pairsFile, lines, StandardCharsets.US_ASCII);
            final double[] ratios = samples.ratios();
            System.out.printf(Locale.ROOT, "%d pairs, ratio median %.3f [%.3f, %.3f] (99%% CI)%n", samples.count(),
                PairedSamples.quantile(ratios, 0.5), PairedSamples.medianInterval99(ratios)[0],
                PairedSamples.medianInterval99(ratios)[1]);
        }
    }

    /**
     * @param spec an engine, loaded from this JVM's class path, or {@code ENGINE@JAR}, from that benchmark jar.
     */
    private IsolatedDriver driver(final String spec) throws MalformedURLException
    {
        final int at = spec.indexOf('@');
        return at < 0 ?
            new IsolatedDriver(classPath(System.getProperty("java.class.path")), spec, maxOrders) :
            new IsolatedDriver(classPath(spec.substring(at + 1)), spec.substring(0, at), maxOrders);
    }

    /**
     * @return a class path's entries, for a driver's own loader: a benchmark jar, or the module's classes and its
     * dependencies when run from a build.
     */
    static URL[] classPath(final String classPath) throws MalformedURLException
    {
        final String[] entries = classPath.split(File.pathSeparator);
        final URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++)
        {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        return urls;
    }

    private void print(final List<PairedSamples> byFork, final PairedSamples all, final PrintStream out)
    {
        final String first = engines.get(0);
        final String second = engines.get(1);
        out.printf(Locale.ROOT, "Paired passes, %s vs %s (maxOrders=%d), one thread, %d passes of %,d commands a " +
            "pair%n", first, second, maxOrders, 2, MixedWorkloadBenchmark.MEASURED_COMMANDS);
        out.printf(Locale.ROOT, "%-6s %6s  %-28s  %-28s  %s%n", "fork", "pairs",
            first + " median [p10, p90]", second + " median [p10, p90]", "ratio median [99% CI]");
        if (byFork.size() > 1)
        {
            for (int i = 0; i < byFork.size(); i++)
            {
                row(out, Integer.toString(i + 1), byFork.get(i));
            }
        }
        row(out, byFork.size() > 1 ? "all" : "this", all);
    }

    private static void row(final PrintStream out, final String name, final PairedSamples samples)
    {
        final double[] ratios = samples.ratios();
        final double[] interval = PairedSamples.medianInterval99(ratios);
        out.printf(Locale.ROOT, "%-6s %6d  %-28s  %-28s  %.3f [%.3f, %.3f]%n", name, samples.count(),
            rates(samples.firstRates()), rates(samples.secondRates()),
            PairedSamples.quantile(ratios, 0.5), interval[0], interval[1]);
    }

    private static String rates(final double[] sorted)
    {
        return String.format(Locale.ROOT, "%,.0f [%.1f, %.1f M]", PairedSamples.quantile(sorted, 0.5),
            PairedSamples.quantile(sorted, 0.1) / 1e6, PairedSamples.quantile(sorted, 0.9) / 1e6);
    }
}
