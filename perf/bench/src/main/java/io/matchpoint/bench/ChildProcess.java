package io.matchpoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A helper JVM (the tape generator, exchange-core's runner) run to its end with a deadline: its output goes to a log
 * file rather than a pipe, so that waiting for it can time out and a hung child is killed, not waited for forever.
 */
final class ChildProcess
{
    private ChildProcess()
    {
    }

    /**
     * @param log     where its standard output and error go (kept: the run's record).
     * @param minutes how long it may take.
     * @return what it printed, or null if it did not finish in time (it is killed).
     */
    static String run(final List<String> command, final Path log, final long minutes)
        throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES))
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return null;
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
