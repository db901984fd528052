package io.matchpoint.perf.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.Replayer;
import io.matchpoint.journal.CommandJournalReader;
import io.matchpoint.journal.EngineCapacityFile;
import io.matchpoint.journal.EventJournalReader;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalVerifier;

/**
 * Where {@code journal verify}'s time goes, part by part, on a journal already written (by {@link RecoveryBenchmark}
 * or a server):
 * <ol>
 *     <li>reading: each journal read to its end, nanoseconds an entry (verify reads both on the thread that replays:
 *     its time is about the reading's and the engine's together);</li>
 *     <li>the engine alone: the first commands loaded into memory, then replayed through a fresh engine again and
 *     again, every event encoded and counted, no ring and no comparison; nanoseconds a command, each round;</li>
 *     <li>the same while another thread reads the journal over and over (the engine beside a reader on the other
 *     CPU);</li>
 *     <li>{@code journal verify} itself.</li>
 * </ol>
 * {@code java ... io.matchpoint.perf.journal.ReplayBreakdown DIR [COMMANDS] [ROUNDS]} (defaults 3,000,000 and 6).
 * The engine's figures are for the commands' mix: they are not the core benchmarks'.
 */
public final class ReplayBreakdown
{
    /** Bytes in memory per command besides its message: sequence, session, account, timestamp, length. */
    private static final int HEADER = 36;

    private ReplayBreakdown()
    {
    }

    public static void main(final String[] args) throws IOException, InterruptedException
    {
        if (args.length < 1)
        {
            System.err.println("usage: ReplayBreakdown DIR [COMMANDS] [ROUNDS]");
            System.exit(2);
        }
        final JournalDirectory directory = new JournalDirectory(Path.of(args[0]));
        final int limit = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 3_000_000;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        final EngineConfig capacity = EngineCapacityFile.read(directory);
        System.out.printf("replay breakdown: %s, engine %s, JDK %s, %d CPUs%n",
            directory, capacity, Runtime.version(), Runtime.getRuntime().availableProcessors());

        final long start = System.nanoTime();
        final long[] entries = readBoth(directory);
        final long readNs = System.nanoTime() - start;
        System.out.printf("reading:        %,d commands and %,d events in %.2f s, %.0f ns an entry%n",
            entries[0], entries[1], readNs / 1e9, (double)readNs / (entries[0] + entries[1]));

        final Loaded loaded = load(directory, limit);
        if (loaded.count == 0)
        {
            System.err.println("no commands in " + directory);
            System.exit(1);
        }
        System.out.printf("engine alone:   the first %,d commands, in memory (%,d MB)%n",
            loaded.count, loaded.bytes >> 20);
        replayRounds(loaded, capacity, rounds, "alone");

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong passes = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            while (!stop.get())
            {
                readBoth(directory);
                passes.incrementAndGet();
            }
        }, "journal-reader");
        reader.setDaemon(true);
        reader.start();
        replayRounds(loaded, capacity, rounds, "beside a reader");
        stop.set(true);
        reader.join();
        System.out.printf("                (the reader read both journals %,d times meanwhile)%n", passes.get());

        final JournalVerifier.Result verified = new JournalVerifier(directory, capacity).verify();
        System.out.printf("verify:         %s, %,d commands, %,d events in %.2f s (%,.0f commands/s)%n",
            verified.passed() ? "passed" : "FAILED " + verified.divergence(), verified.commands(), verified.events(),
            verified.elapsedNs() / 1e9, verified.commandsPerSecond());
    }

    /**
     * @return commands and events read.
     */
    private static long[] readBoth(final JournalDirectory directory)
    {
        long commandCount = 0;
        long eventCount = 0;
        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            final CommandSlot slot = new CommandSlot();
            while (commands.next(slot))
            {
                commandCount++;
            }
        }
        try (EventJournalReader events = new EventJournalReader(directory))
        {
            while (events.advance())
            {
                eventCount++;
            }
        }
        return new long[] {commandCount, eventCount};
    }

    private record Loaded(UnsafeBuffer buffer, int count, long bytes)
    {
    }

    private static Loaded load(final JournalDirectory directory, final int limit)
    {
        final long capacity = (long)limit * (HEADER + 8 + MessageLimits.MAX_MESSAGE_LENGTH);
        if (capacity > Integer.MAX_VALUE - 64)
        {
            throw new IllegalArgumentException("too many commands to hold in memory: " + limit);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned((int)capacity, 64));
        int position = 0;
        int count = 0;
        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            final CommandSlot slot = new CommandSlot();
            while (count < limit && commands.next(slot))
            {
                buffer.putLong(position, slot.sequence());
                buffer.putLong(position + 8, slot.sessionId());
                buffer.putLong(position + 16, slot.accountId());
                buffer.putLong(position + 24, slot.timestampNs());
                buffer.putInt(position + 32, slot.length());
                buffer.putBytes(position + HEADER, slot.buffer(), 0, slot.length());
                position = next(position, slot.length());
                count++;
            }
        }
        return new Loaded(buffer, count, position);
    }

    private static int next(final int position, final int length)
    {
        return (position + HEADER + length + 7) & ~7;
    }

    private static void replayRounds(final Loaded loaded, final EngineConfig capacity, final int rounds,
        final String label)
    {
        final CommandSlot slot = new CommandSlot();
        final long[] events = new long[1];
        for (int round = 1; round <= rounds; round++)
        {
            final Replayer replayer = new Replayer(capacity, (event, sequence, endOfBatch) -> events[0]++);
            events[0] = 0;
            final UnsafeBuffer buffer = loaded.buffer;
            final long startNs = System.nanoTime();
            int position = 0;
            for (int i = 0; i < loaded.count; i++)
            {
                final int length = buffer.getInt(position + 32);
                slot.load(buffer.getLong(position), buffer.getLong(position + 8), buffer.getLong(position + 16),
                    buffer.getLong(position + 24), buffer, position + HEADER, length);
                replayer.replay(slot);
                position = next(position, length);
            }
            final long elapsedNs = System.nanoTime() - startNs;
            System.out.printf("  %-16s round %d: %.0f ns a command (%.2f M commands/s), %,d events, digest %016x%n",
                label, round, (double)elapsedNs / loaded.count, loaded.count * 1e3 / elapsedNs, events[0],
                replayer.matcher().engine().digest());
        }
    }
}
