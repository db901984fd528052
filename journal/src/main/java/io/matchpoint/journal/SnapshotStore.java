package io.matchpoint.journal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import io.matchpoint.engine.pipeline.MatcherHandler;
import io.matchpoint.engine.pipeline.SnapshotTaker;
import io.matchpoint.engine.service.MatchingService;

/**
 * Snapshots of the matcher's whole state, one file each, named for the last command they include
 * ({@code snapshot-00000000000012345678.snap}). A file is written beside its final name, forced to disk and then
 * renamed, so a crash leaves either the whole snapshot or none; a CRC-32C over the state catches anything else, and
 * a snapshot that fails any check is skipped with a warning, never loaded. The newest {@link #KEEP} are kept.
 * <p>
 * Layout: int magic {@code MPSN}, int format, long last sequence, long timestamp (ns), long the command journal's
 * index of that command (-1 if unknown), long state length, the state ({@link MatchingService#saveState}), int
 * CRC-32C of the state, int magic again.
 */
public final class SnapshotStore implements SnapshotTaker
{
    static final int KEEP = 3;
    static final int HEADER_LENGTH = 4 + 4 + 8 + 8 + 8 + 8;
    static final int TRAILER_LENGTH = 4 + 4;

    private static final int MAGIC = 0x4D50534E;
    private static final int FORMAT = 2;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";

    private final Path directory;
    private final Consumer<String> log;

    /**
     * @param directory where snapshots live; created if missing.
     * @param log       told of each snapshot written, skipped or loaded.
     */
    public SnapshotStore(final Path directory, final Consumer<String> log)
    {
        this.directory = directory;
        this.log = log;
    }

    /**
     * What a loaded snapshot was.
     *
     * @param file         the snapshot.
     * @param lastSequence the last command it includes.
     * @param timestampNs  that command's time.
     * @param journalIndex the command journal's index of that command, -1 if unknown.
     */
    public record Loaded(Path file, long lastSequence, long timestampNs, long journalIndex)
    {
    }

    public void onSnapshotRequested(
        final long sequence, final long timestampNs, final long journalPosition, final MatchingService service)
    {
        try
        {
            final long startNs = System.nanoTime();
            final Path file = write(sequence, timestampNs, journalPosition, service);
            log.accept(String.format("snapshot written: %s (%,d bytes, %.1f ms)",
                file, Files.size(file), (System.nanoTime() - startNs) / 1e6));
            pruneOld();
        }
        catch (final IOException | RuntimeException ex)
        {
            log.accept("SNAPSHOT FAILED at command " + sequence + ": " + ex + " (the journal still holds everything)");
        }
    }

    /**
     * Writes a snapshot of the service's current state.
     *
     * @return the file written.
     */
    public Path write(
        final long sequence, final long timestampNs, final long journalIndex, final MatchingService service)
        throws IOException
    {
        Files.createDirectories(directory);
        final Path target = directory.resolve(name(sequence));
        final Path partial = directory.resolve(name(sequence) + ".partial");
        final CRC32C crc = new CRC32C();
        final long stateLength;
        try (FileChannel channel = FileChannel.open(
            partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            final DataOutputStream header = new DataOutputStream(file);
            header.writeInt(MAGIC);
            header.writeInt(FORMAT);
            header.writeLong(sequence);
            header.writeLong(timestampNs);
            header.writeLong(journalIndex);
            header.writeLong(0); // the state's length, filled in below
            final DataOutputStream state = new DataOutputStream(new CheckedOutputStream(file, crc));
            service.saveState(state);
            state.flush();
            stateLength = state.size();
            header.writeInt((int)crc.getValue());
            header.writeInt(MAGIC);
            header.flush();
            channel.write(java.nio.ByteBuffer.allocate(8).putLong(0, stateLength), HEADER_LENGTH - 8);
            channel.force(true);
        }
        try
        {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Loads the newest snapshot that passes every check and includes no command past {@code lastJournaledSequence};
     * skips the others with a warning. The checks are the file's (length, CRC-32C, the journal reaching it), then the
     * state's own ({@link MatcherHandler#loadState}: every invariant of the core, and that it fits this capacity), so
     * a snapshot written by a bug or edited since is skipped too, and the matcher is left as it was.
     *
     * @param matcher               a matcher that has handled nothing yet.
     * @param lastJournaledSequence the command journal's last sequence: a snapshot beyond it belongs to another
     *                              journal.
     * @return what was loaded, or null if no snapshot could be used (then replay starts from the first command).
     */
    public Loaded loadNewest(final MatcherHandler matcher, final long lastJournaledSequence) throws IOException
    {
        for (final Path file : snapshotsNewestFirst())
        {
            final String problem = check(file, lastJournaledSequence);
            if (problem != null)
            {
                log.accept("WARNING: skipping snapshot " + file + ": " + problem);
                continue;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
            {
                in.readInt();
                in.readInt();
                final long sequence = in.readLong();
                final long timestampNs = in.readLong();
                final long journalIndex = in.readLong();
                in.readLong();
                matcher.loadState(in, sequence);
                return new Loaded(file, sequence, timestampNs, journalIndex);
            }
            catch (final IllegalStateException | IOException ex)
            {
                // the matcher reads and checks a whole state before it loads any of it, so it is still fresh
                log.accept("WARNING: skipping snapshot " + file + ": it is whole, but its state is refused (" +
                    ex.getMessage() + "); trying an older snapshot, else replaying the whole journal");
            }
        }
        return null;
    }

    /**
     * @return null if the file is a whole snapshot this version can read, else what is wrong with it.
     */
    String check(final Path file, final long lastJournaledSequence)
    {
        try
        {
            final long size = Files.size(file);
            if (size < HEADER_LENGTH + TRAILER_LENGTH)
            {
                return "only " + size + " bytes";
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
            {
                if (in.readInt() != MAGIC)
                {
                    return "not a snapshot (bad magic)";
                }
                final int format = in.readInt();
                if (format != FORMAT)
                {
                    return "format " + format + ", this version reads " + FORMAT;
                }
                final long sequence = in.readLong();
                in.readLong();
                in.readLong();
                final long stateLength = in.readLong();
                if (stateLength != size - HEADER_LENGTH - TRAILER_LENGTH)
                {
                    return "state of " + stateLength + " bytes in a file of " + size + " (partial or damaged)";
                }
                if (sequence > lastJournaledSequence)
                {
                    return "includes command " + sequence + " but the journal ends at " + lastJournaledSequence;
                }
                final CRC32C crc = new CRC32C();
                final InputStream state = new CheckedInputStream(in, crc);
                final byte[] chunk = new byte[1 << 16];
                long left = stateLength;
                while (left > 0)
                {
                    final int read = state.read(chunk, 0, (int)Math.min(chunk.length, left));
                    if (read < 0)
                    {
                        return "ends early";
                    }
                    left -= read;
                }
                if (in.readInt() != (int)crc.getValue())
                {
                    return "CRC-32C mismatch (damaged)";
                }
                if (in.readInt() != MAGIC)
                {
                    return "bad trailer";
                }
                return null;
            }
        }
        catch (final IOException ex)
        {
            return "unreadable: " + ex.getMessage();
        }
    }

    /**
     * @return the snapshot files, newest (highest sequence) first.
     */
    public List<Path> snapshotsNewestFirst() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX))
        {
            stream.forEach(files::add);
        }
        files.sort(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed());
        return files;
    }

    private void pruneOld()
    {
        try
        {
            final List<Path> files = snapshotsNewestFirst();
            for (int i = KEEP; i < files.size(); i++)
            {
                Files.deleteIfExists(files.get(i));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String name(final long sequence)
    {
        return String.format("%s%020d%s", PREFIX, sequence, SUFFIX);
    }
}
