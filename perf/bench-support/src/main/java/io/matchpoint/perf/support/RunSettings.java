package io.matchpoint.perf.support;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the benchmark launchers, turned into JMH options. The default is a fuller run (two forks of
 * five warm-up and five measured iterations); {@code --quick} is a smoke run (one fork, a few warm-up and three
 * measured iterations). Iteration length, quick warm-up count and heap come from the launcher's {@link Defaults}.
 * Any setting can be overridden:
 * <pre>
 *   --quick | --full
 *   --forks N  --warmup-iterations N  --iterations N  --warmup-time SECONDS  --time SECONDS
 *   --include REGEX           only benchmarks whose name matches (repeatable)
 *   -p NAME=V1,V2             a JMH parameter (repeatable), e.g. -p maxOrders=65536
 *   --jvm-arg ARG             one more flag for the forked JVMs (repeatable)
 * </pre>
 * Every run uses the GC profiler, fails on a benchmark error, and gives the forks the flags in {@link #forkJvmArgs()}.
 */
public final class RunSettings
{
    /**
     * What differs between launchers.
     *
     * @param iterationSeconds      the length of each warm-up and measured iteration
     * @param quickWarmupIterations warm-up iterations of a {@code --quick} run
     * @param heap                  the forks' fixed heap, e.g. {@code "2g"}
     */
    public record Defaults(int iterationSeconds, int quickWarmupIterations, String heap)
    {
    }

    private final String heap;
    private int forks = 2;
    private int warmupIterations = 5;
    private int iterations = 5;
    private int warmupSeconds;
    private int seconds;
    private boolean quick;
    private final List<String> includes = new ArrayList<>();
    private final List<String[]> params = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();

    /**
     * @throws IllegalArgumentException on an unknown or malformed option
     */
    public static RunSettings parse(final String[] args, final Defaults defaults)
    {
        final RunSettings settings = new RunSettings(defaults);
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--quick":
                    settings.quick = true;
                    settings.forks = 1;
                    settings.warmupIterations = defaults.quickWarmupIterations();
                    settings.iterations = 3;
                    settings.warmupSeconds = defaults.iterationSeconds();
                    settings.seconds = defaults.iterationSeconds();
                    break;
                case "--full":
                    settings.quick = false;
                    break;
                case "--forks":
                    settings.forks = intValue(args, ++i, arg);
                    break;
                case "--warmup-iterations":
                    settings.warmupIterations = intValue(args, ++i, arg);
                    break;
                case "--iterations":
                    settings.iterations = intValue(args, ++i, arg);
                    break;
                case "--warmup-time":
                    settings.warmupSeconds = intValue(args, ++i, arg);
                    break;
                case "--time":
                    settings.seconds = intValue(args, ++i, arg);
                    break;
                case "--include":
                    settings.includes.add(value(args, ++i, arg));
                    break;
                case "-p":
                {
                    final String param = value(args, ++i, arg);
                    final int equals = param.indexOf('=');
                    if (equals <= 0 || equals == param.length() - 1)
                    {
                        throw new IllegalArgumentException("-p wants NAME=V1,V2: " + param);
                    }
                    settings.params.add(new String[]{ param.substring(0, equals), param.substring(equals + 1) });
                    break;
                }
                case "--jvm-arg":
                    settings.jvmArgs.add(value(args, ++i, arg));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        return settings;
    }

    private RunSettings(final Defaults defaults)
    {
        heap = defaults.heap();
        warmupSeconds = defaults.iterationSeconds();
        seconds = defaults.iterationSeconds();
    }

    private static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(final String[] args, final int i, final String option)
    {
        final String value = value(args, i, option);
        try
        {
            final int parsed = Integer.parseInt(value);
            if (parsed < 0)
            {
                throw new IllegalArgumentException(option + " must not be negative: " + value);
            }
            return parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " wants a number: " + value, ex);
        }
    }

    public boolean quick()
    {
        return quick;
    }

    /**
     * Applies these settings to a JMH options builder, with {@code defaultInclude} when no {@code --include} was given.
     */
    public ChainedOptionsBuilder applyTo(final ChainedOptionsBuilder builder, final String defaultInclude)
    {
        if (includes.isEmpty())
        {
            builder.include(defaultInclude);
        }
        for (final String include : includes)
        {
            builder.include(include);
        }
        for (final String[] param : params)
        {
            builder.param(param[0], param[1].split(","));
        }
        final List<String> forkArgs = forkJvmArgs();
        forkArgs.addAll(jvmArgs);
        return builder
            .forks(forks)
            .warmupIterations(warmupIterations)
            .measurementIterations(iterations)
            .warmupTime(TimeValue.seconds(warmupSeconds))
            .measurementTime(TimeValue.seconds(seconds))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .jvmArgsAppend(forkArgs.toArray(new String[0]));
    }

    /**
     * The flags every benchmark fork gets: a fixed heap, Agrona bounds checks off, larger JIT inlining budgets (the
     * matcher's command methods are bigger than C2's defaults inline; measured at about +15% on the mixed workload,
     * and the same flags are given to exchange-core's side of the comparison), Agrona's export of
     * {@code jdk.internal.misc}, and on JDK 24+ native access and {@code sun.misc.Unsafe} memory access (a 17 JVM
     * refuses the last one, so it is only added where it is understood).
     */
    public List<String> forkJvmArgs()
    {
        final List<String> args = new ArrayList<>();
        args.add("-Xms" + heap);
        args.add("-Xmx" + heap);
        args.add("-XX:+AlwaysPreTouch");
        args.add("-Dagrona.disable.bounds.checks=true");
        args.add("-XX:FreqInlineSize=700");
        args.add("-XX:MaxInlineSize=100");
        args.add("-XX:InlineSmallCode=8000");
        args.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24)
        {
            args.add("--enable-native-access=ALL-UNNAMED");
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }
}
