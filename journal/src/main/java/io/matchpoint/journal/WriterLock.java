package io.matchpoint.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one writer of a data directory: an exclusive lock on {@value #FILE_NAME} in it, held while a journaled pipeline
 * has the directory open. A second server started on the same directory by mistake (another port, a restart whose
 * old process has not exited yet) then refuses to start, naming the process that holds it, instead of writing beside
 * it. The operating system drops the lock when the process ends, {@code kill -9} included, so a crash never leaves a
 * stale one. {@code journal verify} and {@code journal dump} only read and take no lock.
 * <p>
 * Linux drops a process's lock on a file when that process closes any descriptor of the file, so a second open in
 * the same JVM is refused from a table of this JVM's locked directories, without opening the file again.
 */
final class WriterLock implements AutoCloseable
{
    static final String FILE_NAME = "writer.lock";

    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(final Path file, final FileChannel channel, final FileLock lock)
    {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws DataDirectoryInUseException if another process, or another pipeline in this one, holds it.
     * @throws IOException                 if the lock file cannot be created or written.
     */
    static WriterLock acquire(final JournalDirectory directory) throws IOException
    {
        Files.createDirectories(directory.root());
        final Path file = directory.root().resolve(FILE_NAME).toAbsolutePath().normalize();
        if (!HELD_IN_THIS_JVM.add(file))
        {
            throw inUse(directory, "a pipeline in this process");
        }
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                final String holder = Files.readString(file, StandardCharsets.US_ASCII).strip();
                throw inUse(directory, holder.isEmpty() ? "another process" : holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() +
                "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new WriterLock(file, channel, lock);
        }
        catch (final IOException | RuntimeException ex)
        {
            HELD_IN_THIS_JVM.remove(file);
            if (channel != null)
            {
                channel.close();
            }
            throw ex;
        }
    }

    private static DataDirectoryInUseException inUse(final JournalDirectory directory, final String holder)
    {
        return new DataDirectoryInUseException("data directory " + directory.root() + " is being written by " +
            holder + ": one server per data directory; stop that one first, or give this one another --data");
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            lock.release();
            channel.close();
        }
        finally
        {
            HELD_IN_THIS_JVM.remove(file);
        }
    }
}
