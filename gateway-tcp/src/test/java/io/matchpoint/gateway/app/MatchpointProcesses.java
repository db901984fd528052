package io.matchpoint.gateway.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
