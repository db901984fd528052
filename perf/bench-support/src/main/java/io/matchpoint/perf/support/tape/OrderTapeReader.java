package io.matchpoint.perf.support.tape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an order tape (layout: {@link TapeDescriptor}) by memory-mapping its records, for random access by index
 * through a reusable {@link TapeRecord}: {@link #read(long, TapeRecord)} allocates nothing, so it can sit on a load
 * generator's send path.
 * <p>
 * A {@code MappedByteBuffer} holds at most 2 GiB, so the records are mapped in windows of
 * {@code 2^recordsPerMappingShift} records ({@value #DEFAULT_RECORDS_PER_MAPPING_SHIFT} by default: 640 MiB); a
 * record never straddles two windows, and finding a record's window is a shift and a mask. A tape of 50 million
 * records (2 GB) takes three windows.
 * <p>
 * {@link #open(Path)} checks the header and that the file's length is exactly the header plus the declared records,
 * and throws an {@link IOException} naming the file and what is wrong otherwise (not a tape, another version, a
 * truncated file, a writer that never closed). Record contents are not checked.
 * <p>
 * Threads: once opened, any number of threads may read, each with its own {@link TapeRecord}. {@link #close()} closes
 * the file; the JDK unmaps the windows when they are garbage collected, so no record may be read after closing.
 */
public final class OrderTapeReader implements AutoCloseable
{
    static final int DEFAULT_RECORDS_PER_MAPPING_SHIFT = 24;

    private final Path path;
    private final FileChannel channel;
    private final TapeHeader header;
    private final long recordCount;
    private final int shift;
    private final long mask;
    private final ByteBuffer[] mappings;

    private OrderTapeReader(
        final Path path,
        final FileChannel channel,
        final TapeHeader header,
        final int headerLength,
        final int shift) throws IOException
    {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.recordCount = header.recordCount();
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        final long windows = (recordCount + mask) >>> shift;
        mappings = new ByteBuffer[(int)windows];
        for (int i = 0; i < mappings.length; i++)
        {
            final long first = (long)i << shift;
            final long records = Math.min(1L << shift, recordCount - first);
            final MappedByteBuffer mapped = channel.map(
                FileChannel.MapMode.READ_ONLY,
                headerLength + first * TapeDescriptor.RECORD_LENGTH,
                records * TapeDescriptor.RECORD_LENGTH);
            mappings[i] = mapped.order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Opens and maps a tape.
     *
     * @param path the tape file.
     * @return a reader of all its records.
     * @throws IOException if the file cannot be read or is not a complete tape of this version.
     */
    public static OrderTapeReader open(final Path path) throws IOException
    {
        return open(path, DEFAULT_RECORDS_PER_MAPPING_SHIFT);
    }

    static OrderTapeReader open(final Path path, final int recordsPerMappingShift) throws IOException
    {
        if (recordsPerMappingShift < 1 ||
            (long)TapeDescriptor.RECORD_LENGTH << recordsPerMappingShift > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("records per mapping shift out of range: " + recordsPerMappingShift);
        }
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            final String name = path.toString();
            final long fileLength = channel.size();
            final ByteBuffer fixed =
                readFully(channel, 0, (int)Math.min(fileLength, TapeDescriptor.INSTRUMENTS_OFFSET));
            final int headerLength = TapeDescriptor.checkFixedHeader(fixed, fileLength, name);
            final TapeHeader header = TapeDescriptor.decodeHeader(readFully(channel, 0, headerLength), name);
            return new OrderTapeReader(path, channel, header, headerLength, recordsPerMappingShift);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static ByteBuffer readFully(final FileChannel channel, final long position, final int length)
        throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, position + buffer.position()) < 0)
            {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }

    /**
     * @return the header: counts, seed, description and instruments.
     */
    public TapeHeader header()
    {
        return header;
    }

    /**
     * @return the number of records, indexes {@code 0 .. recordCount - 1}.
     */
    public long recordCount()
    {
        return recordCount;
    }

    /**
     * @return the file this reader maps.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Points {@code record} at record {@code index}. No allocation.
     *
     * @param index  a record index.
     * @param record the view to point.
     * @return {@code record}.
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0 .. recordCount - 1}.
     */
    public TapeRecord read(final long index, final TapeRecord record)
    {
        if (index < 0 || index >= recordCount)
        {
            throw new IndexOutOfBoundsException("record " + index + " of a tape of " + recordCount);
        }
        record.wrap(mappings[(int)(index >>> shift)], (int)(index & mask) * TapeDescriptor.RECORD_LENGTH, index);
        return record;
    }

    /**
     * Closes the file. The mapped windows stay valid until they are garbage collected, but must not be read.
     *
     * @throws IOException if closing fails.
     */
    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
