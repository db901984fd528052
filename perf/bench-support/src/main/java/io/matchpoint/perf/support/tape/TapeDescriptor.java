package io.matchpoint.perf.support.tape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Layout of an order tape file. Everything is little-endian.
 * <pre>
 * header (headerLength bytes, a multiple of 8)
 *   0  8  magic            ASCII "MPTAPE", 0x1A, '\n'
 *   8  4  version          {@value #VERSION}
 *  12  4  headerLength     offset of the first record
 *  16  4  recordLength     {@value #RECORD_LENGTH}
 *  20  4  instrumentCount  at least 1
 *  24  8  recordCount      written when the writer closes
 *  32  4  accountCount     at least 1
 *  36  4  descriptionLength  UTF-8 bytes, at most {@value #MAX_DESCRIPTION_LENGTH}
 *  40  8  seed
 *  48  instrumentCount x 24: priceLow (8), priceHigh (8), tickSize (8)
 *  ..  description, UTF-8, then zero padding to a multiple of 8
 * records, recordCount x {@value #RECORD_LENGTH} bytes
 *   0  1  kind        {@link TapeKind#code()}
 *   1  1  side        {@link TapeSide#code()}
 *   2  2  reserved    0
 *   4  4  instrument  index, 0-based
 *   8  4  account     index, 0-based
 *  12  4  reserved    0
 *  16  8  orderRef    the new order's reference; for CANCEL and MOVE the target's
 *  24  8  price       the limit price; for MOVE the new price; 0 for CANCEL
 *  32  8  quantity    lots; for MOVE the open quantity, unchanged; 0 for CANCEL
 * </pre>
 * The file is exactly {@code headerLength + recordCount * recordLength} bytes long: the reader refuses anything else.
 */
public final class TapeDescriptor
{
    /** "MPTAPE", 0x1A, '\n' read as a little-endian long. */
    public static final long MAGIC = ByteBuffer.wrap(new byte[]{ 'M', 'P', 'T', 'A', 'P', 'E', 0x1A, '\n' })
        .order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int RECORD_LENGTH_OFFSET = 16;
    public static final int INSTRUMENT_COUNT_OFFSET = 20;
    public static final int RECORD_COUNT_OFFSET = 24;
    public static final int ACCOUNT_COUNT_OFFSET = 32;
    public static final int DESCRIPTION_LENGTH_OFFSET = 36;
    public static final int SEED_OFFSET = 40;
    public static final int INSTRUMENTS_OFFSET = 48;
    public static final int INSTRUMENT_LENGTH = 24;
    public static final int MAX_INSTRUMENTS = 1 << 20;
    public static final int MAX_DESCRIPTION_LENGTH = 65_536;

    public static final int RECORD_LENGTH = 40;
    public static final int KIND_OFFSET = 0;
    public static final int SIDE_OFFSET = 1;
    public static final int INSTRUMENT_OFFSET = 4;
    public static final int ACCOUNT_OFFSET = 8;
    public static final int ORDER_REF_OFFSET = 16;
    public static final int PRICE_OFFSET = 24;
    public static final int QUANTITY_OFFSET = 32;

    private TapeDescriptor()
    {
    }

    /**
     * @param instrumentCount   instruments in the header.
     * @param descriptionLength UTF-8 bytes of the description.
     * @return the header's length, padded to a multiple of 8.
     */
    public static int headerLength(final int instrumentCount, final int descriptionLength)
    {
        final int unpadded = INSTRUMENTS_OFFSET + instrumentCount * INSTRUMENT_LENGTH + descriptionLength;
        return (unpadded + 7) & ~7;
    }

    /**
     * Encodes a header into a new little-endian buffer, positioned at 0, of exactly its length.
     *
     * @throws IllegalArgumentException when a count or the description is out of range.
     */
    static ByteBuffer encodeHeader(final TapeHeader header)
    {
        final byte[] description = header.description().getBytes(StandardCharsets.UTF_8);
        checkCounts(header.instrumentCount(), header.accountCount(), description.length);
        final int length = headerLength(header.instrumentCount(), description.length);
        final ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(HEADER_LENGTH_OFFSET, length);
        buffer.putInt(RECORD_LENGTH_OFFSET, RECORD_LENGTH);
        buffer.putInt(INSTRUMENT_COUNT_OFFSET, header.instrumentCount());
        buffer.putLong(RECORD_COUNT_OFFSET, header.recordCount());
        buffer.putInt(ACCOUNT_COUNT_OFFSET, header.accountCount());
        buffer.putInt(DESCRIPTION_LENGTH_OFFSET, description.length);
        buffer.putLong(SEED_OFFSET, header.seed());
        int offset = INSTRUMENTS_OFFSET;
        for (final TapeInstrument instrument : header.instruments())
        {
            buffer.putLong(offset, instrument.priceLow());
            buffer.putLong(offset + 8, instrument.priceHigh());
            buffer.putLong(offset + 16, instrument.tickSize());
            offset += INSTRUMENT_LENGTH;
        }
        buffer.position(offset);
        buffer.put(description);
        buffer.position(0);
        return buffer;
    }

    private static void checkCounts(final int instrumentCount, final int accountCount, final int descriptionLength)
    {
        if (instrumentCount < 1 || instrumentCount > MAX_INSTRUMENTS)
        {
            throw new IllegalArgumentException("instrument count must be 1.." + MAX_INSTRUMENTS + ": " +
                instrumentCount);
        }
        if (accountCount < 1)
        {
            throw new IllegalArgumentException("account count must be at least 1: " + accountCount);
        }
        if (descriptionLength > MAX_DESCRIPTION_LENGTH)
        {
            throw new IllegalArgumentException("description longer than " + MAX_DESCRIPTION_LENGTH + " bytes: " +
                descriptionLength);
        }
    }

    /**
     * Reads the fixed part of a header: the first {@value #INSTRUMENTS_OFFSET} bytes.
     *
     * @param fixed      the first bytes of the file, little-endian.
     * @param fileLength the file's length, to check the header's lengths against.
     * @param name       the file, for messages.
     * @return the header length the fixed part declares, after checking magic, version and lengths.
     * @throws IOException when the bytes are not the start of a tape this code can read.
     */
    static int checkFixedHeader(final ByteBuffer fixed, final long fileLength, final String name) throws IOException
    {
        if (fixed.limit() < INSTRUMENTS_OFFSET || fixed.getLong(MAGIC_OFFSET) != MAGIC)
        {
            throw new IOException(name + ": not an order tape (no tape magic in the first 8 bytes)");
        }
        final int version = fixed.getInt(VERSION_OFFSET);
        if (version != VERSION)
        {
            throw new IOException(name + ": order tape format version " + version + ", this reader knows " + VERSION);
        }
        final int recordLength = fixed.getInt(RECORD_LENGTH_OFFSET);
        if (recordLength != RECORD_LENGTH)
        {
            throw new IOException(name + ": record length " + recordLength + ", expected " + RECORD_LENGTH);
        }
        final int instrumentCount = fixed.getInt(INSTRUMENT_COUNT_OFFSET);
        final int accountCount = fixed.getInt(ACCOUNT_COUNT_OFFSET);
        final int descriptionLength = fixed.getInt(DESCRIPTION_LENGTH_OFFSET);
        if (instrumentCount < 1 || instrumentCount > MAX_INSTRUMENTS || accountCount < 1 ||
            descriptionLength < 0 || descriptionLength > MAX_DESCRIPTION_LENGTH)
        {
            throw new IOException(name + ": corrupt header (instruments " + instrumentCount + ", accounts " +
                accountCount + ", description length " + descriptionLength + ")");
        }
        final int headerLength = fixed.getInt(HEADER_LENGTH_OFFSET);
        if (headerLength != headerLength(instrumentCount, descriptionLength))
        {
            throw new IOException(name + ": corrupt header (header length " + headerLength + " does not match " +
                instrumentCount + " instruments and a " + descriptionLength + "-byte description)");
        }
        if (fileLength < headerLength)
        {
            throw new IOException(name + ": truncated: " + fileLength + " bytes, the header alone needs " +
                headerLength);
        }
        final long recordCount = fixed.getLong(RECORD_COUNT_OFFSET);
        final long recordBytes = fileLength - headerLength;
        if (recordCount < 0 || recordCount > recordBytes / RECORD_LENGTH ||
            recordBytes != recordCount * RECORD_LENGTH)
        {
            final String more = recordCount == 0 && recordBytes > 0 ?
                " (a record count of 0 with records present: was the writer closed?)" : "";
            throw new IOException(name + ": truncated or corrupt: the header says " + recordCount + " records of " +
                RECORD_LENGTH + " bytes, the file holds " + recordBytes + " bytes after the header" + more);
        }
        return headerLength;
    }

    /**
     * Decodes a whole header already checked by {@link #checkFixedHeader}.
     *
     * @param header the header's bytes, little-endian.
     * @param name   the file, for messages.
     * @throws IOException when an instrument's band or tick is invalid.
     */
    static TapeHeader decodeHeader(final ByteBuffer header, final String name) throws IOException
    {
        final int instrumentCount = header.getInt(INSTRUMENT_COUNT_OFFSET);
        final int descriptionLength = header.getInt(DESCRIPTION_LENGTH_OFFSET);
        final List<TapeInstrument> instruments = new ArrayList<>(instrumentCount);
        int offset = INSTRUMENTS_OFFSET;
        for (int i = 0; i < instrumentCount; i++)
        {
            try
            {
                instruments.add(new TapeInstrument(
                    header.getLong(offset), header.getLong(offset + 8), header.getLong(offset + 16)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IOException(name + ": corrupt header, instrument " + i + ": " + ex.getMessage(), ex);
            }
            offset += INSTRUMENT_LENGTH;
        }
        final byte[] description = new byte[descriptionLength];
        header.get(offset, description);
        return new TapeHeader(
            header.getInt(VERSION_OFFSET),
            header.getLong(RECORD_COUNT_OFFSET),
            header.getInt(ACCOUNT_COUNT_OFFSET),
            header.getLong(SEED_OFFSET),
            new String(description, StandardCharsets.UTF_8),
            instruments);
    }
}
