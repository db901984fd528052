package io.matchpoint.engine.counters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The server's counters, in Agrona's layout (a metadata buffer of labels, a values buffer of 64-bit values, each on
 * its own cache lines), in a memory-mapped file of the data directory so that another process can read them while the
 * server runs, as AeronStat reads Aeron's: {@code ./matchpoint stat}. Each counter has one writer, the agent that owns
 * it, which writes it with a plain ordered store: no lock, no allocation.
 * <p>
 * The file starts with a small header (magic, version, the two buffers' lengths, the writer's process id and start
 * time), so a reader can tell a Matchpoint counters file from anything else and whose figures it shows. A server
 * creates the file afresh at each start (after it holds the data directory's writer lock) and leaves it behind when
 * it stops, so the last figures stay readable.
 */
public final class CountersFile implements AutoCloseable
{
    /** The file's name in the data directory. */
    public static final String FILE_NAME = "counters.dat";
    /** Counters a server has room for: far more than it allocates. */
    public static final int MAX_COUNTERS = 256;

    private static final int MAGIC = 0x4D505354; // "MPST"
    private static final int VERSION = 1;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int METADATA_LENGTH_OFFSET = 8;
    private static final int VALUES_LENGTH_OFFSET = 12;
    private static final int PID_OFFSET = 16;
    private static final int START_TIME_OFFSET = 24;
    private static final int HEADER_LENGTH = 128;

    private final Path path;
    private final ByteBuffer mapped;
    private final long pid;
    private final long startEpochMs;
    private final CountersManager manager;
    private final CountersReader reader;

    private CountersFile(
        final Path path, final ByteBuffer mapped, final UnsafeBuffer all, final boolean writable)
    {
        this.path = path;
        this.mapped = mapped;
        final int metadataLength = all.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = all.getInt(VALUES_LENGTH_OFFSET);
        pid = all.getLong(PID_OFFSET);
        startEpochMs = all.getLong(START_TIME_OFFSET);
        final UnsafeBuffer metadata = new UnsafeBuffer(all, HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(all, HEADER_LENGTH + metadataLength, valuesLength);
        manager = writable ? new CountersManager(metadata, values) : null;
        reader = writable ? manager : new CountersReader(metadata, values);
    }

    /**
     * Creates (or replaces) the counters file of a data directory, for the server that holds its writer lock.
     *
     * @param directory the data directory.
     * @return the file, mapped; close it when the server stops.
     * @throws IOException if the file cannot be created or mapped.
     */
    public static CountersFile create(final Path directory) throws IOException
    {
        final Path path = directory.resolve(FILE_NAME);
        final int metadataLength = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
        final int valuesLength = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
        final int length = HEADER_LENGTH + metadataLength + valuesLength;
        Files.deleteIfExists(path); // a reader still mapping the old one keeps its copy; this one starts empty
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        final UnsafeBuffer all = new UnsafeBuffer(mapped);
        writeHeader(all, metadataLength, valuesLength);
        return new CountersFile(path, mapped, all, true);
    }

    /**
     * Counters in memory only, for a pipeline without a data directory (tests, {@code journal verify}).
     */
    public static CountersFile inMemory()
    {
        final int metadataLength = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
        final int valuesLength = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(
            HEADER_LENGTH + metadataLength + valuesLength, CountersReader.COUNTER_LENGTH);
        final UnsafeBuffer all = new UnsafeBuffer(memory);
        writeHeader(all, metadataLength, valuesLength);
        return new CountersFile(null, memory, all, true);
    }

    /**
     * Maps a data directory's counters file to read, from any process, while its server runs or after.
     *
     * @throws NoSuchFileException if the directory has no counters file (no server has run there).
     * @throws IOException          if it cannot be read, or is not a counters file of this version.
     */
    public static CountersFile openReadOnly(final Path directory) throws IOException
    {
        final Path path = directory.resolve(FILE_NAME);
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            if (channel.size() < HEADER_LENGTH)
            {
                throw new IOException(path + " is not a Matchpoint counters file (too short)");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        final UnsafeBuffer all = new UnsafeBuffer(mapped);
        if (all.getInt(MAGIC_OFFSET) != MAGIC || all.getInt(VERSION_OFFSET) != VERSION ||
            HEADER_LENGTH + (long)all.getInt(METADATA_LENGTH_OFFSET) + all.getInt(VALUES_LENGTH_OFFSET) > mapped.capacity())
        {
            IoUtil.unmap(mapped);
            throw new IOException(path + " is not a Matchpoint counters file of version " + VERSION);
        }
        return new CountersFile(path, mapped, all, false);
    }

    private static void writeHeader(final UnsafeBuffer all, final int metadataLength, final int valuesLength)
    {
        all.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        all.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        all.putLong(PID_OFFSET, ProcessHandle.current().pid());
        all.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        all.putInt(VERSION_OFFSET, VERSION);
        all.putIntVolatile(MAGIC_OFFSET, MAGIC); // last: a reader that sees the magic sees the rest
    }

    /**
     * @return the manager that allocates counters; only the process that created the file has one.
     * @throws IllegalStateException for a file opened read-only.
     */
    public CountersManager manager()
    {
        if (manager == null)
        {
            throw new IllegalStateException("a counters file opened read-only allocates no counters");
        }
        return manager;
    }

    public CountersReader reader()
    {
        return reader;
    }

    /**
     * @return the id of the process that created the file.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return when the process that created the file started it, in milliseconds since the epoch.
     */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    /**
     * @return the file, or null for counters in memory.
     */
    public Path path()
    {
        return path;
    }

    public void close()
    {
        if (mapped instanceof MappedByteBuffer)
        {
            IoUtil.unmap(mapped);
        }
    }
}
