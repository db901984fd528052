package io.matchpoint.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's launcher and jars are: the bench starts the server through {@code ./matchpoint} (so it runs
 * with exactly the flags and heap a user's server gets) and the tape generator and exchange-core from their own jars
 * in their own JVMs. The launcher passes the repository root as {@code MATCHPOINT_HOME} (tests: the system property
 * {@code matchpoint.home}); without either, the working directory is taken.
 *
 * @param root the repository root.
 */
record MatchpointHome(Path root)
{
    static MatchpointHome locate()
    {
        final String home = System.getProperty("matchpoint.home", System.getenv("MATCHPOINT_HOME"));
        return new MatchpointHome(Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize());
    }

    Path launcher()
    {
        return required(root.resolve("matchpoint"));
    }

    Path compareJar()
    {
        return required(root.resolve("perf/exchange-core-compare/target/exchange-core-compare-benchmarks.jar"));
    }

    Path exchangeCoreLatencyJar()
    {
        return required(root.resolve("perf/exchange-core-latency/target/exchange-core-latency.jar"));
    }

    /**
     * @return the java of this JVM, for the child JVMs (same version, same vendor).
     */
    static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path required(final Path path)
    {
        if (!Files.exists(path))
        {
            throw new IllegalStateException(path + " is missing: build first (mvn -B -ntp -DskipTests package, or " +
                "let ./matchpoint bench build it)");
        }
        return path;
    }
}
