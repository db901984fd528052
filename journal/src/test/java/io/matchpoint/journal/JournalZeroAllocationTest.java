package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.PipelineContext;

/**
 * After warm-up, the journal stages append commands and events to Chronicle without allocating per message, and
 * {@code journal verify} reads, replays and compares them without allocating per message either, as the JVM's
 * per-thread allocation counters show. The seeded workload is published from the test thread, whose own
 * allocations are not measured.
 * <p>
 * Not exactly 0, for two measured reasons, neither of them per message:
 * <ul>
 * <li>JIT deoptimisation in Chronicle's index code ({@code SCQIndexing.getIndexArray} via
 * {@code ThreadLocalHelper.getTL}, {@code BinaryLongArrayReference.setMaxUsed}): when C2's code meets a branch it
 * had not seen, the objects it had scalar-replaced are put on the heap. Seen as 128 to 6,304 bytes (216, 752 and
 * 6,304 most often) on one journal thread in one round, a few times in a million commands, at no fixed point; the
 * same with assertions off. The most one thread allocated over the four rounds in any run was 6,520 bytes. The
 * matcher, which allocates nothing, shows the same kind of noise (72 to 1,008 bytes in a round), which is why its
 * figures are printed beside the journal's.</li>
 * <li>A new chunk: Chronicle grows a cycle file by {@link JournalDirectory#BLOCK_SIZE} under a file lock and maps the
 * next chunk, 680 bytes each time (lock table entries, the lock, a string); if growing or mapping takes over a
 * millisecond or two it also logs a line, about 34 KB under surefire, which walks the stack of every line printed.
 * With 256 MiB blocks that is once per ~2 million events (~130 bytes each): this workload's event file reaches its
 * first boundary some 80,000 commands after the measured rounds. A new day's file (midnight UTC) costs more, once a
 * day.</li>
 * </ul>
 * So each journal thread must have a round of exactly 0, and its total must stay under one byte per
 * {@link #MESSAGES_PER_BYTE} messages (16 KB for 800,000 commands, ~29 KB for the ~1.45 million events they make),
 * plus {@link #NEW_CHUNK_BYTES} for each block its files grew by. That is more than twice the worst noise seen, while
 * an allocation on the message path, even 16 bytes once in 500 messages, exceeds it.
 */
class JournalZeroAllocationTest
{
    private static final int WARM_UP_COMMANDS = 300_000;
    private static final int ROUND_COMMANDS = 200_000;
    private static final int ROUNDS = 4;
    private static final long MESSAGES_PER_BYTE = 50;
    private static final long NEW_CHUNK_BYTES = 64 * 1024;
    private static final String[] ROLES = { "command-journal", "event-journal", "matcher" };
    private static final int COMMAND_JOURNAL = 0;
    private static final int EVENT_JOURNAL = 1;
    private static final int VERIFIED_COMMANDS = 200_000;
    private static final int VERIFY_ROUNDS = 8;
    private static final int VERIFY_WARM_UP_ROUNDS = 3;
    /**
     * What a verify allocates besides the messages varies by some 25 KB from one to the next (Chronicle maps the files
     * anew for each, and logs a mapping that takes over a few milliseconds); 16 bytes every 70 of the ~275,000 more
     * commands and events the longer journal holds would exceed this.
     */
    private static final long VERIFY_BOUND_BYTES = 64 * 1024;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @TempDir
    Path data;

    @Test
    void shouldAllocateNothingPerMessageOnTheJournalThreadsAfterWarmUp() throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final PipelineContext context = new PipelineContext()
            .engineConfig(RandomWorkload.engineConfig())
            .inboundRingSize(1024)
            .outboundRingSize(4096)
            .sender((event, sequence, endOfBatch) -> {})
            .errorHandler(errors::add);
        try (JournaledPipeline journaled = JournaledPipeline.open(
            directory, context, new MonotonicClock(), errors::add, line -> {}, JournalFaultInjector.NONE))
        {
            final Pipeline pipeline = journaled.pipeline();
            pipeline.start();
            final RandomWorkload workload = new RandomWorkload(42);
            workload.defineInstruments(pipeline.commandPublisher());
            workload.publish(pipeline.commandPublisher(), WARM_UP_COMMANDS, 0);
            assertTrue(pipeline.awaitQuiet(30, TimeUnit.SECONDS));

            final long[] threadIds = new long[ROLES.length];
            for (int t = 0; t < ROLES.length; t++)
            {
                threadIds[t] = pipeline.threadId(ROLES[t]);
                assertTrue(threadIds[t] > 0, ROLES[t]);
            }
            final long[] total = new long[ROLES.length];
            final long[] quietest = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
            final long[] messages = new long[2];
            final long[] newChunks = new long[2];
            for (int r = 0; r < ROUNDS; r++)
            {
                final long eventsBefore = pipeline.matcher().nextEventSequence();
                final long commandBytesBefore = cycleFileBytes(directory.commands());
                final long eventBytesBefore = cycleFileBytes(directory.events());
                final long[] before = allocatedBytes(threadIds);

                workload.publish(pipeline.commandPublisher(), ROUND_COMMANDS, 0);
                assertTrue(pipeline.awaitQuiet(30, TimeUnit.SECONDS));

                final long[] after = allocatedBytes(threadIds);
                final long events = pipeline.matcher().nextEventSequence() - eventsBefore;
                final long commandChunks = chunks(cycleFileBytes(directory.commands()) - commandBytesBefore);
                final long eventChunks = chunks(cycleFileBytes(directory.events()) - eventBytesBefore);
                messages[COMMAND_JOURNAL] += ROUND_COMMANDS;
                messages[EVENT_JOURNAL] += events;
                newChunks[COMMAND_JOURNAL] += commandChunks;
                newChunks[EVENT_JOURNAL] += eventChunks;
                final StringBuilder line = new StringBuilder()
                    .append("round ").append(r).append(": ").append(ROUND_COMMANDS).append(" commands, ")
                    .append(events).append(" events, new chunks ").append(commandChunks).append('/')
                    .append(eventChunks).append("; bytes allocated:");
                for (int t = 0; t < ROLES.length; t++)
                {
                    final long bytes = after[t] - before[t];
                    total[t] += bytes;
                    quietest[t] = Math.min(quietest[t], bytes);
                    line.append(' ').append(ROLES[t]).append('=').append(bytes);
                }
                System.out.println(line);
            }

            assertEquals(0, pipeline.handlerErrors());
            assertTrue(errors.isEmpty(), errors::toString);
            for (final int t : new int[]{ COMMAND_JOURNAL, EVENT_JOURNAL })
            {
                final long bound = messages[t] / MESSAGES_PER_BYTE + newChunks[t] * NEW_CHUNK_BYTES;
                assertEquals(0, quietest[t], ROLES[t] + " thread: bytes allocated in its quietest round");
                assertTrue(total[t] < bound, ROLES[t] + " thread: " + total[t] + " bytes allocated over " +
                    messages[t] + " messages and " + newChunks[t] + " new chunks; bound " + bound);
            }
        }
    }

    /**
     * {@code journal verify} runs on the calling thread: a verify of a journal allocates what a verify of a journal
     * half its length does (the engine, the readers, the queues, looking up each queue's end), and nothing more per
     * command or event. Both are verified a few times first, so that the code is compiled, and the least each
     * allocates in a later round is compared.
     */
    @Test
    void shouldAllocateNothingPerMessageWhileVerifying() throws IOException
    {
        final Path longJournal = data.resolve("long");
        final Path shortJournal = data.resolve("short");
        final long longEvents = writeJournal(longJournal, VERIFIED_COMMANDS);
        final long shortEvents = writeJournal(shortJournal, VERIFIED_COMMANDS / 2);
        final JournalVerifier longVerifier =
            new JournalVerifier(new JournalDirectory(longJournal), RandomWorkload.engineConfig());
        final JournalVerifier shortVerifier =
            new JournalVerifier(new JournalDirectory(shortJournal), RandomWorkload.engineConfig());

        long longLeast = Long.MAX_VALUE;
        long shortLeast = Long.MAX_VALUE;
        for (int round = 0; round < VERIFY_ROUNDS; round++)
        {
            final long beforeLong = threads.getCurrentThreadAllocatedBytes();
            final JournalVerifier.Result verifiedLong = longVerifier.verify();
            final long longBytes = threads.getCurrentThreadAllocatedBytes() - beforeLong;
            final long beforeShort = threads.getCurrentThreadAllocatedBytes();
            final JournalVerifier.Result verifiedShort = shortVerifier.verify();
            final long shortBytes = threads.getCurrentThreadAllocatedBytes() - beforeShort;
            assertTrue(verifiedLong.passed(), () -> String.valueOf(verifiedLong.divergence()));
            assertTrue(verifiedShort.passed(), () -> String.valueOf(verifiedShort.divergence()));
            assertEquals(longEvents, verifiedLong.events());
            assertEquals(shortEvents, verifiedShort.events());
            System.out.println("verify round " + round + ": " + verifiedLong.commands() + " commands, " +
                verifiedLong.events() + " events: " + longBytes + " bytes; " + verifiedShort.commands() +
                " commands, " + verifiedShort.events() + " events: " + shortBytes + " bytes");
            if (round >= VERIFY_WARM_UP_ROUNDS)
            {
                longLeast = Math.min(longLeast, longBytes);
                shortLeast = Math.min(shortLeast, shortBytes);
            }
        }
        assertTrue(longLeast - shortLeast < VERIFY_BOUND_BYTES, "verify allocated " + longLeast + " bytes at least " +
            "for " + VERIFIED_COMMANDS + " commands, " + shortLeast + " for half as many; the bound is " +
            VERIFY_BOUND_BYTES + " bytes more");
    }

    /**
     * @return events journaled.
     */
    private long writeJournal(final Path directory, final int commands) throws IOException
    {
        final PipelineContext context = new PipelineContext()
            .engineConfig(RandomWorkload.engineConfig())
            .inboundRingSize(1024)
            .outboundRingSize(4096)
            .sender((event, sequence, endOfBatch) -> {})
            .errorHandler(errors::add);
        try (JournaledPipeline journaled = JournaledPipeline.open(new JournalDirectory(directory), context,
            new MonotonicClock(), errors::add, line -> {}, JournalFaultInjector.NONE))
        {
            final Pipeline pipeline = journaled.pipeline();
            pipeline.start();
            final RandomWorkload workload = new RandomWorkload(7);
            workload.defineInstruments(pipeline.commandPublisher());
            workload.publish(pipeline.commandPublisher(), commands, 0);
            assertTrue(pipeline.awaitQuiet(30, TimeUnit.SECONDS));
            assertTrue(errors.isEmpty(), errors::toString);
            return pipeline.matcher().nextEventSequence() - 1;
        }
    }

    private long[] allocatedBytes(final long[] threadIds)
    {
        final long[] bytes = new long[threadIds.length];
        for (int i = 0; i < threadIds.length; i++)
        {
            bytes[i] = threads.getThreadAllocatedBytes(threadIds[i]);
        }
        return bytes;
    }

    /**
     * @return the length of a queue's cycle files together: it grows a block at a time, and by a block and more
     * when a new day's file starts.
     */
    private static long cycleFileBytes(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            long bytes = 0;
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.getFileName().toString().endsWith(".cq4"))
                {
                    bytes += Files.size(file);
                }
            }
            return bytes;
        }
    }

    private static long chunks(final long grownBytes)
    {
        return (grownBytes + JournalDirectory.BLOCK_SIZE - 1) / JournalDirectory.BLOCK_SIZE;
    }

    /**
     * Epoch nanoseconds from one wall-clock reading plus the monotonic time since, allocating nothing: what the server
     * journals with (gateway-tcp's {@code MonotonicEpochClock}, not a dependency of this module). Agrona's
     * {@code SystemEpochNanoClock} makes an {@code Instant} per call that only C2's escape analysis removes: after a
     * deoptimisation, or with JFR recording, it costs 24 bytes per journal entry.
     */
    private static final class MonotonicClock implements EpochNanoClock
    {
        private final long baseEpochNs = System.currentTimeMillis() * 1_000_000L;
        private final long baseNanoTime = System.nanoTime();

        public long nanoTime()
        {
            return baseEpochNs + (System.nanoTime() - baseNanoTime);
        }
    }
}
