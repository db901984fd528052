package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import io.matchpoint.engine.pipeline.PipelineContext;

/**
 * One server per data directory: a second journaled pipeline on a directory that one is writing, in another process
 * or in this one, refuses to open and names the holder, and the directory is free again once the holder closes it or
 * is killed.
 */
class WriterLockTest
{
    @TempDir
    Path data;

    @Test
    void shouldRefuseASecondPipelineInThisProcessUntilTheFirstCloses() throws IOException
    {
        try (JournaledPipeline first = open(data))
        {
            final DataDirectoryInUseException refused =
                assertThrows(DataDirectoryInUseException.class, () -> open(data));
            assertTrue(refused.getMessage().contains("is being written by a pipeline in this process"),
                refused.getMessage());
            assertTrue(first.pipeline().matcher().lastSequence() >= 0, "the first is untouched");
        }
        try (JournaledPipeline again = open(data))
        {
            assertEquals(0, again.recovery().lastSequence());
        }
    }

    @Test
    void shouldKnowTheDirectoryUnderAnotherName() throws IOException
    {
        final Path alias = java.nio.file.Files.createSymbolicLink(data.resolveSibling(data.getFileName() + "-alias"),
            data);
        try
        {
            try (JournaledPipeline first = open(data))
            {
                final DataDirectoryInUseException refused =
                    assertThrows(DataDirectoryInUseException.class, () -> open(alias));
                assertTrue(refused.getMessage().contains("a pipeline in this process"), refused.getMessage());
                assertEquals(0, first.recovery().lastSequence());
            }
            try (JournaledPipeline again = open(alias))
            {
                assertEquals(0, again.recovery().lastSequence());
            }
        }
        finally
        {
            java.nio.file.Files.delete(alias);
        }
    }

    @Test
    void shouldRefuseAPipelineWhileAnotherProcessWritesTheDirectoryAndOpenOnceItIsKilled() throws Exception
    {
        final Process holder = startHolder(data);
        try
        {
            final DataDirectoryInUseException refused =
                assertThrows(DataDirectoryInUseException.class, () -> open(data));
            assertTrue(refused.getMessage().contains("is being written by pid " + holder.pid() + ", since "),
                refused.getMessage());
            assertTrue(refused.getMessage().contains("one server per data directory"), refused.getMessage());
        }
        finally
        {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, the OS drops the lock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (JournaledPipeline after = open(data))
        {
            assertEquals(0, after.recovery().lastSequence());
        }
    }

    /**
     * A real JVM holding a journaled pipeline on {@code directory} ({@link Holder}), once it says so.
     */
    private static Process startHolder(final Path directory) throws IOException
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
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
            directory.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final BufferedReader output =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final StringBuilder seen = new StringBuilder();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadlineNs && (line = output.readLine()) != null)
        {
            seen.append(line).append('\n');
            if (line.startsWith(Holder.OPEN))
            {
                return process;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the holder did not open the directory:\n" + seen);
    }

    private static JournaledPipeline open(final Path directory) throws IOException
    {
        final PipelineContext context = new PipelineContext()
            .engineConfig(RandomWorkload.engineConfig())
            .inboundRingSize(1024)
            .outboundRingSize(1024)
            .sender((event, sequence, endOfBatch) -> { })
            .errorHandler(Throwable::printStackTrace);
        return JournaledPipeline.open(new JournalDirectory(directory), context, new SystemEpochNanoClock(),
            Throwable::printStackTrace, line -> { }, JournalFaultInjector.NONE);
    }

    /**
     * The other process: opens a journaled pipeline on the directory given, says so, and holds it until killed.
     */
    static final class Holder
    {
        static final String OPEN = "holder: open";

        public static void main(final String[] args) throws Exception
        {
            try (JournaledPipeline pipeline = open(Path.of(args[0])))
            {
                System.out.println(OPEN + " at command " + pipeline.recovery().lastSequence());
                System.out.flush();
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            }
        }
    }
}
