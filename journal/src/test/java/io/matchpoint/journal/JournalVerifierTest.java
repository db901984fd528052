package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.PipelineContext;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * {@code journal verify} against journals a real journaled pipeline wrote: a clean one passes and ends on the
 * engine's digest, a single flipped byte in an event or a command is found and placed, and a live directory can be
 * verified while its pipeline runs.
 * <p>
 * Tampering edits the bytes of a copy's {@code .cq4} file in place. The entry is found with a read-only tailer: the
 * read position of an entry's document is its absolute offset in the cycle file, since a SingleChronicleQueue reads
 * through a {@link MappedBytes} over the whole file. That is checked before any byte is changed, by reading the
 * entry's header back from the file through a plain channel.
 */
class JournalVerifierTest
{
    private static final int COMMANDS = 50_000;
    private static final long SEED = 20_240_611;
    // past the SBE message header and seqNum (which the replay also leaves 0), inside the body of every event type
    private static final int EVENT_BODY_OFFSET = 20;

    @TempDir
    Path data;

    @TempDir
    Path copy;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Test
    void shouldPassOnACleanJournalAndEndOnTheEnginesDigest() throws IOException
    {
        final Written written = write(data, SEED);

        final JournalVerifier.Result result = verifier(data).verify();

        assertTrue(result.passed(), () -> String.valueOf(result.divergence()));
        assertEquals(written.commands, result.commands(), "every journaled command replayed");
        assertEquals(1, result.firstSequence());
        assertEquals(written.commands, result.lastSequence());
        assertEquals(written.events, result.events(), "every journaled event compared");
        assertTrue(result.events() > 0);
        assertEquals(0, result.eventsPending(), "a clean stop journals every event");
        assertEquals(written.digest, result.digest(), "the replay ends where the pipeline's engine ended");
    }

    @Test
    void shouldReadEachEventInPlaceExactlyAsACopyReadsIt() throws IOException
    {
        final Written written = write(data, SEED);
        final JournalDirectory directory = new JournalDirectory(data);
        final EventSlot copied = new EventSlot();
        final EventSlot inPlace = new EventSlot();
        long count = 0;
        try (EventJournalReader copying = new EventJournalReader(directory);
             EventJournalReader viewing = new EventJournalReader(directory))
        {
            while (copying.next(copied))
            {
                assertTrue(viewing.advance(), "both readers end together");
                viewing.copyTo(inPlace);
                assertEquals(copied.eventSequence(), viewing.eventSequence());
                assertEquals(copied.commandSequence(), viewing.commandSequence());
                assertEquals(copied.timestampNs(), viewing.timestampNs());
                assertEquals(copied.targetKind(), viewing.targetKind());
                assertEquals(copied.targetId(), viewing.targetId());
                assertEquals(copied.length(), viewing.length());
                assertEquals(copied.buffer().getStringWithoutLengthAscii(0, copied.length()),
                    viewing.message().getStringWithoutLengthAscii(0, viewing.length()), "event " + count);
                assertEquals(0, inPlace.buffer().compareTo(copied.buffer()), "the view copies out whole");
                count++;
            }
            assertFalse(viewing.advance());
        }
        assertEquals(written.events, count);
    }

    @Test
    void shouldNameTheEventWhoseJournaledBytesWereChanged() throws IOException
    {
        final Written written = write(data, SEED);
        copyDirectory(data, copy);
        final long ordinal = middle(new SplittableRandom(SEED), written.events);
        final Entry event = locate(new JournalDirectory(copy).openEvents(true), JournalFormat.EVENT, ordinal);
        assertTrue(event.sbeLength > EVENT_BODY_OFFSET, "event " + event.first + " is " + event.sbeLength + " bytes");

        flipByte(event.file, event.offset + JournalFormat.EVENT_HEADER_LENGTH + EVENT_BODY_OFFSET, 0x10);

        final JournalVerifier.Result tampered = verifier(copy).verify();
        assertFalse(tampered.passed(), "a changed event byte must fail verify");
        final JournalVerifier.Divergence divergence = tampered.divergence();
        assertEquals(event.first, divergence.eventSequence(), divergence.toString());
        assertEquals(event.second, divergence.commandSequence(), divergence.toString());
        assertEquals("bytes differ from offset " + EVENT_BODY_OFFSET, divergence.problem());
        assertEquals(event.first - 1, tampered.events(), "every event before it compared equal");
        assertTrue(verifier(data).verify().passed(), "the original is untouched");
    }

    @Test
    void shouldStopBothThreadsAtAnEarlyDivergenceWithMostOfTheJournalUnread() throws IOException
    {
        final Written written = write(data, SEED);
        copyDirectory(data, copy);
        final Entry event = locate(new JournalDirectory(copy).openEvents(true), JournalFormat.EVENT, 10);
        flipByte(event.file, event.offset + JournalFormat.EVENT_HEADER_LENGTH + 2, 0x01);

        final JournalVerifier.Result tampered = verifier(copy).verify();

        assertFalse(tampered.passed());
        assertEquals(event.first, tampered.divergence().eventSequence(), tampered.divergence().toString());
        assertTrue(tampered.commands() < written.commands / 2,
            "the replay stopped soon after the divergence, not at the end: " + tampered.commands());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("matchpoint-verify-replay") && thread.isAlive()),
            "the replay thread has ended when verify returns");
    }

    @Test
    void shouldStopTheReplayAtTheCommandWhoseEventDiffers() throws IOException
    {
        final Written written = write(data, SEED);
        copyDirectory(data, copy);
        final long ordinal = middle(new SplittableRandom(SEED + 1), written.events);
        final Entry event = locate(new JournalDirectory(copy).openEvents(true), JournalFormat.EVENT, ordinal);
        flipByte(event.file, event.offset + JournalFormat.EVENT_HEADER_LENGTH + 2, 0x01);

        final JournalVerifier.Result tampered = verifier(copy).verify();

        assertFalse(tampered.passed());
        assertEquals(event.second, tampered.divergence().commandSequence(), tampered.divergence().toString());
        assertEquals(event.second, tampered.lastSequence(), "no command after the diverging one is replayed");
        assertEquals(event.second, tampered.commands(), "every command up to it is, once");
        assertEquals(0, tampered.eventsPending());
    }

    @Test
    void shouldReportAnEarlierEventDivergenceBeforeALaterCommandOutOfOrder() throws IOException
    {
        final Written written = write(data, SEED);
        copyDirectory(data, copy);
        // a command gets a smaller sequence; an event of a command a few hundred before it is changed: the reader
        // meets the first while the replay has not yet reached the second
        final Entry command = locate(new JournalDirectory(copy).openCommands(true), JournalFormat.COMMAND, 20_000);
        final Entry event = locate(new JournalDirectory(copy).openEvents(true), JournalFormat.EVENT,
            (long)((command.first - 300) * (double)written.events / written.commands));
        assertTrue(event.second < command.first && event.second > command.first - 2_000, event.toString());
        flipByte(event.file, event.offset + JournalFormat.EVENT_HEADER_LENGTH + EVENT_BODY_OFFSET, 0x10);
        final int highBit = 63 - Long.numberOfLeadingZeros(command.first);
        flipByte(command.file, command.offset + highBit / 8, 1 << (highBit % 8));

        final JournalVerifier.Result tampered = verifier(copy).verify();

        assertFalse(tampered.passed());
        assertEquals(event.first, tampered.divergence().eventSequence(), tampered.divergence().toString());
    }

    @Test
    void shouldReportACommandOutOfOrderOnceEverythingBeforeItCompared() throws IOException
    {
        write(data, SEED);
        copyDirectory(data, copy);
        final Entry command = locate(new JournalDirectory(copy).openCommands(true), JournalFormat.COMMAND, 20_000);
        final int highBit = 63 - Long.numberOfLeadingZeros(command.first);
        flipByte(command.file, command.offset + highBit / 8, 1 << (highBit % 8));

        final JournalVerifier.Result tampered = verifier(copy).verify();

        assertFalse(tampered.passed());
        assertTrue(tampered.divergence().problem().endsWith("follows command " + (command.first - 1)),
            tampered.divergence().toString());
        assertEquals(command.first - 1, tampered.lastSequence(), "replayed up to the command before it");
    }

    @Test
    void shouldFailAtTheCommandWhoseJournaledQuantityWasChanged() throws IOException
    {
        final Written written = write(data, SEED);
        copyDirectory(data, copy);
        final Entry newOrder = locateNewOrder(new JournalDirectory(copy).openCommands(true),
            middle(new SplittableRandom(SEED), written.commands));

        // 0x40 moves a quantity of 1..200 by 64 (or to 0, a reject)
        flipByte(newOrder.file, newOrder.offset + JournalFormat.COMMAND_HEADER_LENGTH +
            MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.quantityEncodingOffset(), 0x40);

        final JournalVerifier.Result tampered = verifier(copy).verify();
        assertFalse(tampered.passed(), "a changed command byte must fail verify");
        // no earlier command can differ, and the order's first report echoes its quantity, so verify stops right there
        assertEquals(newOrder.first, tampered.divergence().commandSequence(), tampered.divergence().toString());
        assertTrue(verifier(data).verify().passed(), "the original is untouched");
    }

    @Test
    void shouldVerifyReadOnlyWhileAPipelineIsRunningOnTheDirectory() throws IOException
    {
        try (JournaledPipeline journaled = open(data))
        {
            journaled.pipeline().start();
            final RandomWorkload workload = new RandomWorkload(SEED);
            workload.defineInstruments(journaled.pipeline().commandPublisher());
            workload.publish(journaled.pipeline().commandPublisher(), COMMANDS, 0);
            assertTrue(journaled.pipeline().awaitQuiet(30, TimeUnit.SECONDS));

            final JournalVerifier.Result live = verifier(data).verify();
            assertTrue(live.passed(), () -> String.valueOf(live.divergence()));
            assertEquals(journaled.commandWriter().lastJournaledSequence(), live.commands());
            assertEquals(journaled.pipeline().matcher().engine().digest(), live.digest());

            // the pipeline goes on journaling after a verify, and the next verify sees the new tail
            workload.publish(journaled.pipeline().commandPublisher(), 1_000, 0);
            assertTrue(journaled.pipeline().awaitQuiet(30, TimeUnit.SECONDS));
            final JournalVerifier.Result later = verifier(data).verify();
            assertTrue(later.passed(), () -> String.valueOf(later.divergence()));
            assertEquals(live.commands() + 1_000, later.commands());
            assertEquals(journaled.pipeline().matcher().engine().digest(), later.digest());
            assertEquals(0, journaled.pipeline().handlerErrors());
        }
        assertTrue(errors.isEmpty(), errors::toString);
    }

    private record Written(long commands, long events, long digest)
    {
    }

    /**
     * Where an entry lies in its cycle file, and the first two header fields read there before any tampering
     * (event: eventSequence, commandSequence; command: sequence, gateway time).
     */
    private record Entry(Path file, long offset, long first, long second, int sbeLength)
    {
    }

    private JournalVerifier verifier(final Path directory)
    {
        return new JournalVerifier(new JournalDirectory(directory), RandomWorkload.engineConfig());
    }

    /**
     * Runs the seeded workload through a journaled pipeline on a fresh directory and stops it cleanly.
     */
    private Written write(final Path directory, final long seed) throws IOException
    {
        try (JournaledPipeline journaled = open(directory))
        {
            journaled.pipeline().start();
            final RandomWorkload workload = new RandomWorkload(seed);
            workload.defineInstruments(journaled.pipeline().commandPublisher());
            workload.publish(journaled.pipeline().commandPublisher(), COMMANDS, 0);
            assertTrue(journaled.pipeline().awaitQuiet(30, TimeUnit.SECONDS));
            assertEquals(0, journaled.pipeline().handlerErrors());
            assertTrue(errors.isEmpty(), errors::toString);
            final long commands = journaled.commandWriter().lastJournaledSequence();
            assertEquals(RandomWorkload.INSTRUMENTS + COMMANDS, commands);
            return new Written(commands, journaled.pipeline().matcher().nextEventSequence() - 1,
                journaled.pipeline().matcher().engine().digest());
        }
    }

    private JournaledPipeline open(final Path directory) throws IOException
    {
        final PipelineContext context = new PipelineContext()
            .engineConfig(RandomWorkload.engineConfig())
            .inboundRingSize(1024)
            .outboundRingSize(4096)
            .sender((event, sequence, endOfBatch) -> {})
            .errorHandler(errors::add);
        return JournaledPipeline.open(new JournalDirectory(directory), context, new SystemEpochNanoClock(),
            errors::add, line -> {}, JournalFaultInjector.NONE);
    }

    /**
     * @return an ordinal in the middle half of {@code count} entries, away from both ends.
     */
    private static long middle(final SplittableRandom random, final long count)
    {
        return count / 4 + random.nextLong(count / 2);
    }

    /**
     * Finds the entry at {@code ordinal} (from 0) of a queue, counting the entries of each block, then closes the
     * queue.
     */
    private static Entry locate(final SingleChronicleQueue queue, final JournalFormat.EntryLayout layout,
        final long ordinal)
    {
        return find(queue, layout, (bytes, at, i) -> i == ordinal, "the queue ends before entry " + ordinal);
    }

    /**
     * Finds the first NewOrder at or after entry {@code fromOrdinal} of the command queue, then closes the queue.
     */
    private static Entry locateNewOrder(final SingleChronicleQueue queue, final long fromOrdinal)
    {
        return find(queue, JournalFormat.COMMAND, (bytes, at, i) -> i >= fromOrdinal && bytes.readUnsignedShort(
            at + JournalFormat.COMMAND_HEADER_LENGTH + MessageHeaderDecoder.templateIdEncodingOffset()) ==
            NewOrderDecoder.TEMPLATE_ID, "no NewOrder after entry " + fromOrdinal);
    }

    private interface EntryTest
    {
        boolean test(Bytes<?> bytes, long at, long ordinal);
    }

    private static Entry find(
        final SingleChronicleQueue queue, final JournalFormat.EntryLayout layout, final EntryTest wanted,
        final String missing)
    {
        try (queue; ExcerptTailer tailer = queue.createTailer())
        {
            long i = 0;
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    assertTrue(document.isPresent(), missing);
                    final Bytes<?> bytes = document.wire().bytes();
                    for (long at = bytes.readPosition(); at < bytes.readLimit(); i++)
                    {
                        final int sbeLength = bytes.readInt(at + layout.lengthOffset());
                        if (wanted.test(bytes, at, i))
                        {
                            return entry(bytes, at, sbeLength);
                        }
                        at += layout.headerLength() + sbeLength;
                    }
                }
            }
        }
    }

    private static Entry entry(final Bytes<?> bytes, final long offset, final int sbeLength)
    {
        final Path file = ((MappedBytes)bytes).mappedFile().file().toPath();
        final Entry entry = new Entry(file, offset, bytes.readLong(offset), bytes.readLong(offset + Long.BYTES),
            sbeLength);
        assertEquals(entry, readBack(entry), "the read position is the entry's offset in " + file);
        return entry;
    }

    /**
     * The same entry read from the file through a channel, not through Chronicle's mapping.
     */
    private static Entry readBack(final Entry entry)
    {
        final ByteBuffer header = ByteBuffer.allocate(Long.BYTES * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(entry.file, StandardOpenOption.READ))
        {
            channel.read(header, entry.offset);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new Entry(entry.file, entry.offset, header.getLong(0), header.getLong(Long.BYTES), entry.sbeLength);
    }

    private static void flipByte(final Path file, final long offset, final int mask) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, channel.read(one, offset));
            one.put(0, (byte)(one.get(0) ^ mask)).rewind();
            assertEquals(1, channel.write(one, offset));
        }
    }

    private static void copyDirectory(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path source : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(source));
                if (Files.isDirectory(source))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    copySparse(source, target);
                }
            }
        }
    }

    /**
     * Copies a file leaving its all-zero blocks as holes: a cycle file is mostly the unwritten rest of a 256 MiB
     * block, and writing those zeros out would cost seconds per copy.
     */
    private static void copySparse(final Path source, final Path target) throws IOException
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final long size = in.size();
            long position = 0;
            while (position < size)
            {
                block.clear();
                final int read = in.read(block, position);
                block.flip();
                if (!isZero(block))
                {
                    while (block.hasRemaining())
                    {
                        out.write(block, position + block.position());
                    }
                }
                position += read;
            }
            if (out.size() < size)
            {
                out.write(ByteBuffer.allocate(1), size - 1); // the length, with a hole before it
            }
        }
    }

    private static boolean isZero(final ByteBuffer block)
    {
        final int limit = block.limit();
        int i = 0;
        for (; i + Long.BYTES <= limit; i += Long.BYTES)
        {
            if (block.getLong(i) != 0)
            {
                return false;
            }
        }
        for (; i < limit; i++)
        {
            if (block.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
