package io.matchpoint.perf.support.tape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Streams records into a new order tape (layout: {@link TapeDescriptor}). The header goes out first with a record
 * count of 0; {@link #close()} writes the remaining records and then the true count, so a tape whose writer did not
 * close is refused by {@link OrderTapeReader} instead of being read short. Records are buffered
 * ({@value #BUFFER_BYTES} bytes) and there is no limit on their number.
 * <p>
 * One thread writes a tape. {@link #append} checks each record against the header (kind, side, instrument and account
 * in range, a positive order reference) and throws {@link IllegalArgumentException} on a bad one, writing nothing.
 */
public final class OrderTapeWriter implements AutoCloseable
{
    static final int BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final int instrumentCount;
    private final int accountCount;
    private long recordCount;
    private boolean closed;

    private OrderTapeWriter(final Path path, final FileChannel channel, final TapeHeader header)
    {
        this.path = path;
        this.channel = channel;
        this.instrumentCount = header.instrumentCount();
        this.accountCount = header.accountCount();
    }

    /**
     * Creates (or truncates) {@code path} and writes the header.
     *
     * @param path         the tape file.
     * @param instruments  one per instrument index.
     * @param accountCount accounts the records may name.
     * @param seed         the generator's seed, stored for the record.
     * @param description  a short free text (at most {@value TapeDescriptor#MAX_DESCRIPTION_LENGTH} UTF-8 bytes).
     * @return a writer positioned at the first record.
     * @throws IOException              if the file cannot be created or written.
     * @throws IllegalArgumentException if a count or the description is out of range.
     */
    public static OrderTapeWriter create(
        final Path path,
        final List<TapeInstrument> instruments,
        final int accountCount,
        final long seed,
        final String description) throws IOException
    {
        final TapeHeader header =
            new TapeHeader(TapeDescriptor.VERSION, 0, accountCount, seed, description, instruments);
        final ByteBuffer encoded = TapeDescriptor.encodeHeader(header);
        final FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try
        {
            while (encoded.hasRemaining())
            {
                channel.write(encoded);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        return new OrderTapeWriter(path, channel, header);
    }

    /**
     * Appends one record.
     *
     * @param kind       what the record asks for.
     * @param side       the order's side (for CANCEL and MOVE, the target's).
     * @param instrument instrument index, {@code 0 .. instrumentCount - 1}.
     * @param account    account index, {@code 0 .. accountCount - 1}.
     * @param orderRef   the new order's reference, or the target's for CANCEL and MOVE; positive.
     * @param price      the limit price, or the new price for MOVE; 0 for CANCEL.
     * @param quantity   lots, or the unchanged open quantity for MOVE; 0 for CANCEL.
     * @throws IOException              if flushing the buffer fails.
     * @throws IllegalArgumentException if a field is out of range; nothing is written.
     * @throws IllegalStateException    after {@link #close()}.
     */
    public void append(
        final TapeKind kind,
        final TapeSide side,
        final int instrument,
        final int account,
        final long orderRef,
        final long price,
        final long quantity) throws IOException
    {
        if (closed)
        {
            throw new IllegalStateException("tape writer closed: " + path);
        }
        if (kind == null || side == null)
        {
            throw new IllegalArgumentException("kind and side are required");
        }
        if (instrument < 0 || instrument >= instrumentCount)
        {
            throw new IllegalArgumentException("instrument " + instrument + " not in 0.." + (instrumentCount - 1));
        }
        if (account < 0 || account >= accountCount)
        {
            throw new IllegalArgumentException("account " + account + " not in 0.." + (accountCount - 1));
        }
        if (orderRef < 1)
        {
            throw new IllegalArgumentException("orderRef must be positive: " + orderRef);
        }
        if (buffer.remaining() < TapeDescriptor.RECORD_LENGTH)
        {
            flushBuffer();
        }
        final int offset = buffer.position();
        buffer.put(offset + TapeDescriptor.KIND_OFFSET, kind.code());
        buffer.put(offset + TapeDescriptor.SIDE_OFFSET, side.code());
        buffer.putShort(offset + TapeDescriptor.SIDE_OFFSET + 1, (short)0);
        buffer.putInt(offset + TapeDescriptor.INSTRUMENT_OFFSET, instrument);
        buffer.putInt(offset + TapeDescriptor.ACCOUNT_OFFSET, account);
        buffer.putInt(offset + TapeDescriptor.ACCOUNT_OFFSET + 4, 0);
        buffer.putLong(offset + TapeDescriptor.ORDER_REF_OFFSET, orderRef);
        buffer.putLong(offset + TapeDescriptor.PRICE_OFFSET, price);
        buffer.putLong(offset + TapeDescriptor.QUANTITY_OFFSET, quantity);
        buffer.position(offset + TapeDescriptor.RECORD_LENGTH);
        recordCount++;
    }

    /**
     * @return records appended so far.
     */
    public long recordCount()
    {
        return recordCount;
    }

    private void flushBuffer() throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Writes the buffered records and the record count, then closes the file. Idempotent.
     *
     * @throws IOException if writing fails; the tape then stays unreadable (count 0).
     */
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
            flushBuffer();
            final ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, recordCount);
            while (count.hasRemaining())
            {
                channel.write(count, TapeDescriptor.RECORD_COUNT_OFFSET + count.position());
            }
        }
        finally
        {
            channel.close();
        }
    }
}
