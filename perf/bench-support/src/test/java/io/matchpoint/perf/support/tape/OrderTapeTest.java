package io.matchpoint.perf.support.tape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTapeTest
{
    private static final List<TapeInstrument> INSTRUMENTS = List.of(
        new TapeInstrument(9_000, 11_000, 5), new TapeInstrument(-500, 500, 1), new TapeInstrument(1, 1L << 40, 100));

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripTheHeader() throws IOException
    {
        final Path tape = dir.resolve("header.tape");
        final String description = "mixed 9/3/6/82, ünïcödé";
        try (OrderTapeWriter writer = OrderTapeWriter.create(tape, INSTRUMENTS, 1_000, 0xDEADBEEFL, description))
        {
            writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 0, 0, 1, 10_000, 3);
        }

        try (OrderTapeReader reader = OrderTapeReader.open(tape))
        {
            final TapeHeader header = reader.header();
            assertEquals(TapeDescriptor.VERSION, header.version());
            assertEquals(1, header.recordCount());
            assertEquals(1, reader.recordCount());
            assertEquals(1_000, header.accountCount());
            assertEquals(0xDEADBEEFL, header.seed());
            assertEquals(description, header.description());
            assertEquals(INSTRUMENTS, header.instruments());
            assertEquals(3, header.instrumentCount());
            assertEquals(new TapeInstrument(-500, 500, 1), header.instrument(1));
        }
        final long expectedLength =
            TapeDescriptor.headerLength(3, description.getBytes(java.nio.charset.StandardCharsets.UTF_8).length) +
            TapeDescriptor.RECORD_LENGTH;
        assertEquals(expectedLength, Files.size(tape));
        assertEquals(0, TapeDescriptor.headerLength(3, 5) % 8);
    }

    @Test
    void shouldRoundTripEveryFieldOfEveryRecord() throws IOException
    {
        final Path tape = dir.resolve("records.tape");
        final int count = 100_000;
        final long seed = 42;
        writeRandom(tape, count, seed, 2_000);

        final SplittableRandom random = new SplittableRandom(seed);
        final TapeRecord record = new TapeRecord();
        try (OrderTapeReader reader = OrderTapeReader.open(tape, 10))
        {
            assertEquals(count, reader.recordCount());
            for (int i = 0; i < count; i++)
            {
                assertSame(record, reader.read(i, record));
                assertEquals(i, record.index());
                final TapeKind kind = TapeKind.values()[random.nextInt(4)];
                final TapeSide side = TapeSide.values()[random.nextInt(2)];
                assertEquals(kind, record.kind(), "record " + i);
                assertEquals(kind.code(), record.kindCode());
                assertEquals(side, record.side());
                assertEquals(side.code(), record.sideCode());
                assertEquals(random.nextInt(INSTRUMENTS.size()), record.instrument());
                assertEquals(random.nextInt(2_000), record.account());
                assertEquals(random.nextLong(1, Long.MAX_VALUE), record.orderRef());
                assertEquals(random.nextLong(), record.price());
                assertEquals(random.nextLong(), record.quantity());
            }
            reader.read(count - 1, record);
            reader.read(0, record);
            assertEquals(0, record.index());
        }
    }

    @Test
    void shouldReadRecordsOnEitherSideOfEveryMappingBoundary() throws IOException
    {
        final Path tape = dir.resolve("windows.tape");
        final int count = 5 * 64 + 7;
        writeSequential(tape, count);
        final TapeRecord record = new TapeRecord();
        try (OrderTapeReader reader = OrderTapeReader.open(tape, 6))
        {
            for (int i = count - 1; i >= 0; i--)
            {
                reader.read(i, record);
                assertEquals(i + 1, record.orderRef());
                assertEquals(i * 3L, record.price());
            }
        }
    }

    @Test
    void shouldReadRecordsBeyondTwoGibibytesOfTape() throws IOException
    {
        final Path tape = dir.resolve("large.tape");
        final long count = 60_000_000L;
        try (OrderTapeWriter ignored = OrderTapeWriter.create(tape, INSTRUMENTS, 2, 1, "sparse"))
        {
            assertEquals(0, ignored.recordCount());
        }
        final int headerLength = TapeDescriptor.headerLength(INSTRUMENTS.size(), "sparse".length());
        final long[] indexes = { 0, (1L << 24) - 1, 1L << 24, 53_687_092L, (3L << 24) + 5, count - 1 };
        try (RandomAccessFile file = new RandomAccessFile(tape.toFile(), "rw"))
        {
            file.setLength(headerLength + count * TapeDescriptor.RECORD_LENGTH);
            final FileChannel channel = file.getChannel();
            for (final long index : indexes)
            {
                final ByteBuffer record = ByteBuffer.allocate(TapeDescriptor.RECORD_LENGTH)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .put(TapeDescriptor.KIND_OFFSET, TapeKind.MOVE.code())
                    .put(TapeDescriptor.SIDE_OFFSET, TapeSide.SELL.code())
                    .putInt(TapeDescriptor.INSTRUMENT_OFFSET, 2)
                    .putInt(TapeDescriptor.ACCOUNT_OFFSET, 1)
                    .putLong(TapeDescriptor.ORDER_REF_OFFSET, index + 1)
                    .putLong(TapeDescriptor.PRICE_OFFSET, index * 7)
                    .putLong(TapeDescriptor.QUANTITY_OFFSET, -index);
                channel.write(record, headerLength + index * TapeDescriptor.RECORD_LENGTH);
            }
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, count),
                TapeDescriptor.RECORD_COUNT_OFFSET);
        }
        assertTrue(Files.size(tape) > (2L << 30));

        final TapeRecord record = new TapeRecord();
        try (OrderTapeReader reader = OrderTapeReader.open(tape))
        {
            assertEquals(count, reader.recordCount());
            for (final long index : indexes)
            {
                reader.read(index, record);
                assertEquals(index, record.index());
                assertEquals(TapeKind.MOVE, record.kind());
                assertEquals(TapeSide.SELL, record.side());
                assertEquals(2, record.instrument());
                assertEquals(1, record.account());
                assertEquals(index + 1, record.orderRef());
                assertEquals(index * 7, record.price());
                assertEquals(-index, record.quantity());
            }
            reader.read(count - 2, record);
            assertNull(record.kind(), "an unwritten (zero) record names no kind");
            assertThrows(IndexOutOfBoundsException.class, () -> reader.read(count, record));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.read(-1, record));
        }
        Files.delete(tape);
    }

    /**
     * Warms the read loop up until the JIT has compiled it, then asserts that the quietest of five rounds allocated
     * nothing and all five together under 8 KiB. An allocation in {@code read}, even one read in ten thousand,
     * shows in every round; a one-off from a late recompilation on a loaded 2-core machine (88 bytes in CI, when
     * this test measured only its fifth round) shows in one.
     */
    @Test
    void shouldReadWithoutAllocating() throws IOException
    {
        final Path tape = dir.resolve("alloc.tape");
        final int count = 10_000;
        writeRandom(tape, count, 9, 100);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final TapeRecord record = new TapeRecord();
        try (OrderTapeReader reader = OrderTapeReader.open(tape, 8))
        {
            long sink = 0;
            for (int round = 0; round < 30; round++)
            {
                sink += readAll(reader, record, count);
            }
            long quietest = Long.MAX_VALUE;
            long total = 0;
            for (int round = 0; round < 5; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                sink += readAll(reader, record, count);
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                quietest = Math.min(quietest, allocated);
                total += allocated;
            }
            assertEquals(0, quietest, "bytes allocated by the quietest round of " + count + " reads (sink " + sink + ")");
            assertTrue(total < 8192, "bytes allocated by five rounds of " + count + " reads: " + total);
        }
    }

    private static long readAll(final OrderTapeReader reader, final TapeRecord record, final int count)
    {
        long sink = 0;
        for (int i = 0; i < count; i++)
        {
            reader.read(i, record);
            sink += record.kindCode() + record.sideCode() + record.instrument() + record.account() +
                record.orderRef() + record.price() + record.quantity() + record.kind().ordinal() +
                record.side().ordinal();
        }
        return sink;
    }

    @Test
    void shouldRefuseATruncatedTape() throws IOException
    {
        final Path tape = dir.resolve("truncated.tape");
        writeSequential(tape, 100);
        try (FileChannel channel = FileChannel.open(tape, StandardOpenOption.WRITE))
        {
            channel.truncate(Files.size(tape) - 7);
        }
        final IOException ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
        assertTrue(ex.getMessage().contains(tape.toString()), ex.getMessage());
    }

    @Test
    void shouldRefuseATapeCutInsideItsHeader() throws IOException
    {
        final Path tape = dir.resolve("cut.tape");
        writeSequential(tape, 10);
        try (FileChannel channel = FileChannel.open(tape, StandardOpenOption.WRITE))
        {
            channel.truncate(60);
        }
        final IOException ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
    }

    @Test
    void shouldRefuseATapeWhoseWriterNeverClosed() throws IOException
    {
        final Path tape = dir.resolve("unclosed.tape");
        final OrderTapeWriter writer = OrderTapeWriter.create(tape, INSTRUMENTS, 2, 1, "");
        for (int i = 0; i < 30_000; i++)
        {
            writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 0, 0, i + 1, 10_000, 1);
        }
        final IOException ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("was the writer closed?"), ex.getMessage());
        writer.close();
        try (OrderTapeReader reader = OrderTapeReader.open(tape))
        {
            assertEquals(30_000, reader.recordCount());
        }
    }

    @Test
    void shouldRefuseGarbage() throws IOException
    {
        final Path garbage = dir.resolve("garbage.tape");
        final byte[] bytes = new byte[4096];
        new SplittableRandom(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        final IOException ex = assertThrows(IOException.class, () -> OrderTapeReader.open(garbage));
        assertTrue(ex.getMessage().contains("not an order tape"), ex.getMessage());

        final Path empty = dir.resolve("empty.tape");
        Files.write(empty, new byte[0]);
        assertThrows(IOException.class, () -> OrderTapeReader.open(empty));
    }

    @Test
    void shouldRefuseAnotherVersionOrACorruptHeader() throws IOException
    {
        final Path tape = dir.resolve("version.tape");
        writeSequential(tape, 3);
        patchInt(tape, TapeDescriptor.VERSION_OFFSET, 99);
        IOException ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("version 99"), ex.getMessage());

        patchInt(tape, TapeDescriptor.VERSION_OFFSET, TapeDescriptor.VERSION);
        patchInt(tape, TapeDescriptor.INSTRUMENT_COUNT_OFFSET, -4);
        ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("corrupt header"), ex.getMessage());

        patchInt(tape, TapeDescriptor.INSTRUMENT_COUNT_OFFSET, INSTRUMENTS.size());
        patchInt(tape, TapeDescriptor.INSTRUMENTS_OFFSET + 16, 0);
        patchInt(tape, TapeDescriptor.INSTRUMENTS_OFFSET + 20, 0);
        ex = assertThrows(IOException.class, () -> OrderTapeReader.open(tape));
        assertTrue(ex.getMessage().contains("instrument 0"), ex.getMessage());
    }

    @Test
    void shouldRejectRecordsOutsideTheHeader() throws IOException
    {
        final Path tape = dir.resolve("checks.tape");
        try (OrderTapeWriter writer = OrderTapeWriter.create(tape, INSTRUMENTS, 4, 1, ""))
        {
            assertThrows(IllegalArgumentException.class,
                () -> writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 3, 0, 1, 1, 1));
            assertThrows(IllegalArgumentException.class,
                () -> writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 0, 4, 1, 1, 1));
            assertThrows(IllegalArgumentException.class,
                () -> writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 0, -1, 1, 1, 1));
            assertThrows(IllegalArgumentException.class,
                () -> writer.append(TapeKind.CANCEL, TapeSide.SELL, 0, 1, 0, 0, 0));
            assertThrows(IllegalArgumentException.class,
                () -> writer.append(null, TapeSide.SELL, 0, 1, 1, 0, 0));
            assertEquals(0, writer.recordCount());
        }
        assertThrows(IllegalArgumentException.class,
            () -> OrderTapeWriter.create(dir.resolve("none.tape"), List.of(), 4, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new TapeInstrument(10, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> new TapeInstrument(1, 9, 0));
    }

    @Test
    void shouldMapCodesBothWays()
    {
        for (final TapeKind kind : TapeKind.values())
        {
            assertSame(kind, TapeKind.of(kind.code()));
        }
        for (final TapeSide side : TapeSide.values())
        {
            assertSame(side, TapeSide.of(side.code()));
        }
        assertNull(TapeKind.of(0));
        assertNull(TapeKind.of(5));
        assertNull(TapeSide.of(2));
        assertNull(TapeSide.of(-1));
    }

    private static void writeRandom(final Path tape, final int count, final long seed, final int accounts)
        throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        try (OrderTapeWriter writer = OrderTapeWriter.create(tape, INSTRUMENTS, accounts, seed, "random"))
        {
            for (int i = 0; i < count; i++)
            {
                writer.append(
                    TapeKind.values()[random.nextInt(4)],
                    TapeSide.values()[random.nextInt(2)],
                    random.nextInt(INSTRUMENTS.size()),
                    random.nextInt(accounts),
                    random.nextLong(1, Long.MAX_VALUE),
                    random.nextLong(),
                    random.nextLong());
            }
            assertEquals(count, writer.recordCount());
        }
    }

    private static void writeSequential(final Path tape, final int count) throws IOException
    {
        try (OrderTapeWriter writer = OrderTapeWriter.create(tape, INSTRUMENTS, 2, 3, "sequential"))
        {
            for (int i = 0; i < count; i++)
            {
                writer.append(TapeKind.GTC_LIMIT, TapeSide.BUY, 0, 0, i + 1, i * 3L, 1);
            }
        }
    }

    private static void patchInt(final Path tape, final int offset, final int value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(tape, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), offset);
        }
    }
}
