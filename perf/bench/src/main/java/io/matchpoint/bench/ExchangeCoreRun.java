package io.matchpoint.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same tape at the same rate through exchange-core 0.5.3's own pipeline ({@code ExchangeCore} and its
 * {@code ExchangeApi}), in a JVM of its own with its own classpath, so that its Disruptor 3 never meets ours
 * ({@code perf/exchange-core-latency}). It runs in-process to exchange-core (no network), so it compares with
 * Matchpoint's {@code --in-process} figures; the report says so.
 *
 * @param values the fields of the runner's {@code RESULT} line.
 * @param output everything it printed, for a failure's report.
 */
record ExchangeCoreRun(Map<String, String> values, String output)
{
    /**
     * @param warmupSeconds the tape's build-up and the warm-up, at the rate.
     */
    static ExchangeCoreRun run(final MatchpointHome home, final Path tape, final RunPlan plan,
        final double warmupSeconds, final String profile, final Path out) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(MatchpointHome.java(), "-Xms2g", "-Xmx2g",
            "-XX:+AlwaysPreTouch", "-jar", home.exchangeCoreLatencyJar().toString(), "--tape", tape.toString(),
            "--out", out.toString(), "--profile", profile, "--warmup-s", Double.toString(warmupSeconds)));
        if (plan.openLoop())
        {
            command.addAll(List.of("--rate", Long.toString(plan.rate()), "--duration-s",
                Integer.toString(plan.seconds()), "--max-shortfall-pct", Double.toString(plan.maxShortfallPercent())));
        }
        else
        {
            command.addAll(List.of("--closed-loop", "--duration-s", "600"));
        }
        final String finished = ChildProcess.run(command, out.resolve("exchange-core.log"), 15);
        final String output = finished == null ? "exchange-core's run did not finish in 15 minutes" : finished;
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String line : output.split("\n"))
        {
            if (line.startsWith("RESULT "))
            {
                for (final String field : line.substring("RESULT ".length()).strip().split(" "))
                {
                    final int equals = field.indexOf('=');
                    if (equals > 0)
                    {
                        values.put(field.substring(0, equals), field.substring(equals + 1));
                    }
                }
            }
        }
        return new ExchangeCoreRun(values, output);
    }

    boolean completed()
    {
        return values.containsKey("p50_ns");
    }

    long value(final String key)
    {
        return Math.round(Double.parseDouble(values.getOrDefault(key, "0")));
    }

    /**
     * @return the report's row, in the layout of {@link LatencyTable#row}.
     */
    String row(final String name, final String prefix)
    {
        final StringBuilder row = new StringBuilder(String.format("%-28s", name));
        for (final String key : new String[] {"p50_ns", "p90_ns", "p99_ns", "p999_ns", "p9999_ns", "max_ns"})
        {
            final String field = prefix + key;
            row.append(String.format(" %9s", values.containsKey(field) ? LatencyTable.micros(value(field)) : "-"));
        }
        return row.append(String.format(" %,11d", value(prefix.isEmpty() ? "sent" : "fills"))).toString();
    }
}
