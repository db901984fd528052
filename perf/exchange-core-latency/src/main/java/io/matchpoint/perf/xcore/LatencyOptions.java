package io.matchpoint.perf.xcore;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The runner's command line, parsed and checked once. See {@link #USAGE} for every option.
 */
final class LatencyOptions
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: java [jvm flags] -jar exchange-core-latency.jar --tape FILE (--rate N | --closed-loop) --out DIR",
        "           [--warmup-s S] [--duration-s S] [--label L] [--profile default|low-latency]",
        "           [--wait blocking|yielding|busy-spin] [--perf latency|throughput] [--ring-size N]",
        "           [--matching-engines N] [--risk-engines N] [--sender-wait spin|yield] [--prebuild]",
        "           [--max-shortfall-pct P]",
        "           [--drain-timeout-s S]",
        "",
        "Replays an order tape through exchange-core 0.5.3's own pipeline (ExchangeCore + ExchangeApi, in this JVM)",
        "and prints one line: RESULT engine=exchange-core mode=open|closed rate=.. achieved=.. sent=.. acked=..",
        "rejected=.. p50_ns=.. p90_ns=.. p99_ns=.. p999_ns=.. p9999_ns=.. max_ns=.. fill_p50_ns=.. fill_p99_ns=..",
        "fills=.. codes=CODE:n,...",
        "",
        "  --tape FILE             order tape written by the bench generator (io.matchpoint.perf.support.tape)",
        "  --rate N                open loop: command i is due at start + i/N s; latency is measured from that",
        "                          intended time (corrects for coordinated omission). Needs N x (warm-up + duration)",
        "                          records on the tape.",
        "  --closed-loop           send as fast as exchange-core's ring accepts; latency from each actual submit;",
        "                          stops when the duration is over or the tape ends",
        "  --warmup-s S            warm-up seconds, recorded separately and discarded (default 5; decimals allowed)",
        "  --duration-s S          measured seconds (default 10; decimals allowed)",
        "  --out DIR               writes exchange-core-ack.hgrm, exchange-core-fill.hgrm (microseconds) and",
        "                          exchange-core.hlog (1 s intervals, nanoseconds, tags ack and fill)",
        "  --label L               a name for this run, printed and written into the interval log",
        "  --profile P             default: exchange-core's YIELDING wait strategy and a yielding sender (fits a",
        "                          2-core box; BLOCKING measured far worse there, see the README);",
        "                          low-latency: BUSY_SPIN and a spinning sender (a core for each of exchange-core's",
        "                          4 pipeline threads plus one for the sender)",
        "  --wait W                overrides the profile's wait strategy: blocking, yielding or busy-spin",
        "  --sender-wait spin|yield  how the open-loop sender waits for a command's time when it is less than",
        "                          200 us away (further away it parks): spin (Thread.onSpinWait) owns a core;",
        "                          yield (Thread.yield) lets exchange-core's threads run on that core meanwhile.",
        "                          Default: yield with --profile default, spin with --profile low-latency",
        "  --perf latency|throughput  exchange-core's preset for ring size and grouping",
        "                          (latencyPerformanceBuilder: ring 2048, groups of 256 or 10 us;",
        "                          throughputPerformanceBuilder: ring 65536, groups of 4096 or 4 ms);",
        "                          default latency with --rate, throughput with --closed-loop",
        "  --ring-size N           overrides the preset's ring size (a power of two, at least 4 x 256)",
        "  --matching-engines N    matching engine shards (default 1; instruments are spread by symbol id)",
        "  --risk-engines N        risk engine shards (default 1; a power of two)",
        "  --prebuild              build every ApiCommand before the run (as exchange-core's own latency test",
        "                          does) instead of one per command on the send path",
        "  --max-shortfall-pct P   open loop: refuse the run (exit 2) if the sender achieved less than",
        "                          (100 - P)% of the target rate (default 1)",
        "  --drain-timeout-s S     how long to wait for the last results after the last send (default 60)",
        "",
        "Exit status: 0 success; 1 the run failed (exchange-core error, results missing); 2 usage error, tape too",
        "short, or the sender fell behind the target rate (nothing is written then).");

    enum Mode
    {
        OPEN,
        CLOSED
    }

    enum Wait
    {
        BLOCKING,
        YIELDING,
        BUSY_SPIN
    }

    enum SenderWait
    {
        SPIN,
        YIELD
    }

    enum Perf
    {
        LATENCY,
        THROUGHPUT
    }

    Path tape;
    Mode mode;
    long rate;
    double warmupSeconds = 5;
    double durationSeconds = 10;
    Path out;
    String label = "exchange-core";
    String profile = "default";
    Wait waitStrategy;
    SenderWait senderWait;
    Perf perf;
    int ringSize;
    int matchingEngines = 1;
    int riskEngines = 1;
    boolean prebuild;
    double maxShortfallPercent = 1.0;
    double drainTimeoutSeconds = 60;
    boolean help;

    private LatencyOptions()
    {
    }

    /**
     * @throws IllegalArgumentException with a message for the user on any unknown, missing or malformed option.
     */
    static LatencyOptions parse(final String[] args)
    {
        final LatencyOptions options = new LatencyOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "-h":
                case "--help":
                    options.help = true;
                    return options;
                case "--tape":
                    options.tape = Path.of(value(args, ++i, arg));
                    break;
                case "--rate":
                    options.rate = longValue(args, ++i, arg, 1, 1_000_000_000L);
                    options.mode = setMode(options.mode, Mode.OPEN);
                    break;
                case "--closed-loop":
                    options.mode = setMode(options.mode, Mode.CLOSED);
                    break;
                case "--warmup-s":
                    options.warmupSeconds = doubleValue(args, ++i, arg, 0);
                    break;
                case "--duration-s":
                    options.durationSeconds = doubleValue(args, ++i, arg, 0);
                    break;
                case "--out":
                    options.out = Path.of(value(args, ++i, arg));
                    break;
                case "--label":
                    options.label = value(args, ++i, arg);
                    break;
                case "--profile":
                    options.profile = value(args, ++i, arg);
                    if (!"default".equals(options.profile) && !"low-latency".equals(options.profile))
                    {
                        throw new IllegalArgumentException(
                            "--profile wants default or low-latency: " + options.profile);
                    }
                    break;
                case "--wait":
                    options.waitStrategy = enumValue(Wait.class, args, ++i, arg);
                    break;
                case "--sender-wait":
                    options.senderWait = enumValue(SenderWait.class, args, ++i, arg);
                    break;
                case "--perf":
                    options.perf = enumValue(Perf.class, args, ++i, arg);
                    break;
                case "--ring-size":
                    options.ringSize = (int)longValue(args, ++i, arg, 4, 1 << 30);
                    break;
                case "--matching-engines":
                    options.matchingEngines = (int)longValue(args, ++i, arg, 1, 64);
                    break;
                case "--risk-engines":
                    options.riskEngines = (int)longValue(args, ++i, arg, 1, 64);
                    break;
                case "--prebuild":
                    options.prebuild = true;
                    break;
                case "--max-shortfall-pct":
                    options.maxShortfallPercent = doubleValue(args, ++i, arg, 0);
                    break;
                case "--drain-timeout-s":
                    options.drainTimeoutSeconds = doubleValue(args, ++i, arg, 0);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (options.tape == null)
        {
            throw new IllegalArgumentException("--tape FILE is required");
        }
        if (options.mode == null)
        {
            throw new IllegalArgumentException("one of --rate N or --closed-loop is required");
        }
        if (options.out == null)
        {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if (options.durationSeconds <= 0)
        {
            throw new IllegalArgumentException("--duration-s must be positive");
        }
        if (options.waitStrategy == null)
        {
            options.waitStrategy = "low-latency".equals(options.profile) ? Wait.BUSY_SPIN : Wait.YIELDING;
        }
        if (options.senderWait == null)
        {
            options.senderWait = "low-latency".equals(options.profile) ? SenderWait.SPIN : SenderWait.YIELD;
        }
        if (options.perf == null)
        {
            options.perf = options.mode == Mode.OPEN ? Perf.LATENCY : Perf.THROUGHPUT;
        }
        if (Integer.bitCount(options.riskEngines) != 1)
        {
            throw new IllegalArgumentException("--risk-engines must be a power of two: " + options.riskEngines);
        }
        if (options.ringSize != 0 && Integer.bitCount(options.ringSize) != 1)
        {
            throw new IllegalArgumentException("--ring-size must be a power of two: " + options.ringSize);
        }
        return options;
    }

    private static Mode setMode(final Mode current, final Mode mode)
    {
        if (current != null && current != mode)
        {
            throw new IllegalArgumentException("--rate and --closed-loop exclude each other");
        }
        return mode;
    }

    private static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long longValue(final String[] args, final int i, final String option, final long min, final long max)
    {
        final String value = value(args, i, option);
        final long parsed;
        try
        {
            parsed = Long.parseLong(value.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " wants a whole number: " + value, ex);
        }
        if (parsed < min || parsed > max)
        {
            throw new IllegalArgumentException(option + " must be " + min + ".." + max + ": " + value);
        }
        return parsed;
    }

    private static double doubleValue(final String[] args, final int i, final String option, final double min)
    {
        final String value = value(args, i, option);
        final double parsed;
        try
        {
            parsed = Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " wants a number: " + value, ex);
        }
        if (!(parsed >= min) || Double.isInfinite(parsed))
        {
            throw new IllegalArgumentException(option + " must be a finite number of at least " + min + ": " + value);
        }
        return parsed;
    }

    private static <E extends Enum<E>> E enumValue(
        final Class<E> type, final String[] args, final int i, final String option)
    {
        final String value = value(args, i, option);
        try
        {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(option + ": unknown value " + value, ex);
        }
    }

    /**
     * @return how many commands {@code seconds} of sending at {@code rate} per second is, to the nearest whole one.
     */
    static long commands(final long rate, final double seconds)
    {
        return Math.round(rate * seconds);
    }
}
