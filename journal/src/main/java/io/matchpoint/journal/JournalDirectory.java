package io.matchpoint.journal;

import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The layout of a data directory: {@code commands/} and {@code events/} are two Chronicle Queues that roll daily at
 * midnight UTC, so that one day is one {@code yyyyMMddF.cq4} file in each (plus the queue's small metadata file),
 * and {@code snapshots/} holds the engine's snapshots. Each queue has one writer thread: the command journal stage
 * and the event journal stage of the pipeline.
 */
public final class JournalDirectory
{
    /** Chronicle grows a day's file by blocks of this size; large blocks mean fewer remaps on the journal threads. */
    static final long BLOCK_SIZE = 256L << 20;

    private final Path root;

    public JournalDirectory(final Path root)
    {
        this.root = root;
    }

    public Path root()
    {
        return root;
    }

    public Path commands()
    {
        return root.resolve("commands");
    }

    public Path events()
    {
        return root.resolve("events");
    }

    public Path snapshots()
    {
        return root.resolve("snapshots");
    }

    /**
     * @return true if a command journal exists here (a server has run with this directory).
     */
    public boolean hasJournal()
    {
        return Files.isDirectory(commands());
    }

    SingleChronicleQueue openCommands(final boolean readOnly)
    {
        return open(commands(), readOnly);
    }

    SingleChronicleQueue openEvents(final boolean readOnly)
    {
        return open(events(), readOnly);
    }

    /**
     * Read-only opens take no lock a running server would wait on, so the audit tools can read a live directory or a
     * copy of one.
     */
    private static SingleChronicleQueue open(final Path path, final boolean readOnly)
    {
        return SingleChronicleQueueBuilder.binary(path)
            .rollCycle(RollCycles.FAST_DAILY)
            .blockSize(BLOCK_SIZE)
            .readOnly(readOnly)
            .build();
    }

    @Override
    public String toString()
    {
        return root.toString();
    }
}
