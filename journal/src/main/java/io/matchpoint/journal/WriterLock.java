package io.matchpoint.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * the same JVM is refused from a table of this JVM's lock files, by the file's identity (whatever path names it),
 * without opening it again. The lock needs a file system with POSIX record locks (local disks do; some NFS, FUSE or
 * SMB mounts refuse them, and then the server does not start).
 */
final class WriterLock implements AutoCloseable
{
    static final String FILE_NAME = "writer.lock";

    /** Lock files this JVM holds, by identity (device and inode where the file system gives one). */
    private static final Set<Object> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Object heldAs;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private WriterLock(final Object heldAs, final FileChannel channel, final FileLock lock)
    {
        this.heldAs = heldAs;
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
        final Path file = directory.root().resolve(FILE_NAME);
        try
        {
            Files.createFile(file); // fails without opening anything if it exists
        }
        catch (final FileAlreadyExistsException ex)
        {
            // a server wrote here before
        }
        // the file's identity (device and inode), the same whatever path names it: symlinks, bind mounts
        final Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        final Object heldAs = key != null ? key : file.toRealPath();
        if (!HELD_IN_THIS_JVM.add(heldAs))
        {
            throw inUse(directory, "a pipeline in this process");
        }
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw inUse(directory, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() +
                "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new WriterLock(heldAs, channel, lock);
        }
        catch (final IOException | RuntimeException ex)
        {
            HELD_IN_THIS_JVM.remove(heldAs);
            if (channel != null)
            {
                channel.close();
            }
            throw ex;
        }
    }

    /**
     * @return what the holder wrote in the file ("pid N, since T"), or "another process" if it cannot be read.
     */
    private static String holder(final FileChannel channel)
    {
        try
        {
            final ByteBuffer text = ByteBuffer.allocate(256);
            channel.read(text, 0);
            text.flip();
            final String holder = StandardCharsets.US_ASCII.decode(text).toString().strip();
            return holder.isEmpty() ? "another process" : holder;
        }
        catch (final IOException ex)
        {
            return "another process";
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
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            lock.release();
            channel.close();
        }
        finally
        {
            HELD_IN_THIS_JVM.remove(heldAs);
        }
    }
}
