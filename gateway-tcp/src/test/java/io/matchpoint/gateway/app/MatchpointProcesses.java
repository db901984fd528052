package io.matchpoint.gateway.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code matchpoint} processes for tests: this JVM's java, its JVM flags (the ones Agrona and Chronicle need),
 * its class path, and the command line's main class.
 */
final class MatchpointProcesses
{
    private MatchpointProcesses()
    {
    }

    /**
     * @param maxHeap   e.g. {@code 256m}.
     * @param arguments the command line, e.g. {@code server --port 0}.
     */
    static ProcessBuilder matchpoint(final String maxHeap, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native-access") ||
                flag.startsWith("--sun-misc") || flag.startsWith("-Dchronicle"))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.matchpoint.gateway.cli.MatchpointCli");
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /**
     * Kills {@code process} unless {@code started} is counted down within {@code seconds}, so that a test reading a
     * server's banner line by line fails (its reading ends) rather than hangs the build.
     */
    static void killUnlessStarted(final Process process, final CountDownLatch started, final int seconds)
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                if (!started.await(seconds, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
            }
        }, "process-start-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Waits for a process to end, and kills it if it has not: a failing test must not leave a JVM behind.
     *
     * @return whether it ended by itself within {@code seconds}.
     */
    static boolean awaitOrKill(final Process process, final int seconds) throws InterruptedException
    {
        if (process.waitFor(seconds, TimeUnit.SECONDS))
        {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        return false;
    }
}
