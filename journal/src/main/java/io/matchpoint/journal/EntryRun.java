package io.matchpoint.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.UnsafeApi;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesUtil;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads the entries that follow one a Chronicle tailer has just read, a block at a time, with plain file reads into a
 * buffer of its own, instead of one tailer call each over the mapped file: a journal reader's fast path for reading a
 * journal through.
 * <p>
 * Why: reading an entry through the tailer costs about as much again as the entry's own bytes (it checks the tailer's
 * state, cycle and index, and moves the index on), and touching a mapped file page by page costs a page fault every
 * 64 KiB, which on a virtual machine is dearer than copying the same bytes: on the 2-vCPU development VM a first pass
 * over a mapped 1 GiB ran at 1.7 GB/s, {@code pread} into a 256 KiB buffer at 7.8 GB/s. A run reads each entry's
 * 4-byte header with the rules of Chronicle's own {@link Wires} and steps over the entry and its padding as the tailer
 * would; file offsets are those of the tailer's documents.
 * <p>
 * A copy read while a writer appends could catch an entry half-written, so a run only reads entries the queue had
 * already counted as written before the copy was taken: up to the queue's last index, looked up (a few milliseconds)
 * when the run first needs it and again only after {@link #LOOK_AGAIN_AFTER} more entries have been read, whichever
 * way; a look-up drops what the buffer held, so that nothing is read from a copy taken before it. Past that index,
 * and wherever the next entry is not a complete data entry (a metadata entry such as an index block, the end of a
 * cycle file) or cannot be read, the run stops and the tailer takes over: {@link #catchUp()} first moves the tailer
 * past the last entry the run read (by its index: data entries of one cycle are numbered one after the other,
 * checked), so that the tailer's next document is the entry after it.
 * <p>
 * One thread, as the tailer it belongs to; {@link #close()} closes the file it reads.
 */
final class EntryRun implements AutoCloseable
{
    /** Bytes read from the file at a time: many entries, and more than the longest. */
    static final int BUFFER_BYTES = 256 * 1024;
    /** Entries read (by the run or the tailer) before the queue's last index is looked up again. */
    static final long LOOK_AGAIN_AFTER = 65_536;
    /** Bytes of a Chronicle document header: length and flags. */
    private static final int HEADER = 4;
    private static final long NONE = -1;

    private final ExcerptTailer tailer;
    private final long lookAgainAfter;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final long bufferAddress = BufferUtil.address(buffer);
    /** The cycle file the run reads, and its channel; null when there is none. */
    private File file;
    private FileChannel channel;
    /** The file offsets the buffer holds, [bufferStart, bufferEnd): read after {@link #written} was looked up. */
    private long bufferStart;
    private long bufferEnd;
    private boolean padding;
    /** Where the next entry's header would be, as an offset in the cycle file; {@link #NONE} while there is no run. */
    private long position = NONE;
    private long index;
    private boolean tailerBehind;
    /** The queue's last index when last looked up: every entry up to it was whole before then. */
    private long written = NONE;
    private long readSinceLookUp;
    private long entryAddress;
    private int entryLength;

    /**
     * @param tailer reading forward; the run reads after the documents it reads.
     */
    EntryRun(final ExcerptTailer tailer)
    {
        this(tailer, LOOK_AGAIN_AFTER);
    }

    /**
     * @param tailer         reading forward; the run reads after the documents it reads.
     * @param lookAgainAfter entries read before the queue's last index is looked up again (tests: fewer).
     */
    EntryRun(final ExcerptTailer tailer, final long lookAgainAfter)
    {
        this.tailer = tailer;
        this.lookAgainAfter = lookAgainAfter;
        this.readSinceLookUp = lookAgainAfter;
    }

    /**
     * Starts a run after a document the tailer has just read (still open), in the cycle file it lies in.
     */
    void startAfter(final DocumentContext document)
    {
        position = NONE;
        tailerBehind = false; // the tailer has just read: it is where the run starts
        readSinceLookUp++;
        final Wire wire = document.wire();
        final Bytes<?> bytes = wire.bytes();
        if (!(bytes instanceof MappedBytes mapped) || !open(mapped.mappedFile().file()))
        {
            return;
        }
        padding = wire.usePadding();
        index = document.index();
        position = aligned(bytes.readLimit());
    }

    private boolean open(final File cycleFile)
    {
        if (cycleFile.equals(file))
        {
            return true;
        }
        closeFile();
        try
        {
            channel = FileChannel.open(cycleFile.toPath(), StandardOpenOption.READ);
            file = cycleFile;
            return true;
        }
        catch (final IOException ex)
        {
            return false; // no run in this file: the tailer reads it all
        }
    }

    /**
     * Moves to the next entry, if it is a complete data entry the queue had counted as written.
     *
     * @return false where the tailer must take over ({@link #catchUp()} first): then nothing has moved.
     */
    boolean next()
    {
        if (position == NONE || !written(index + 1))
        {
            return false;
        }
        // the buffer may hold a later part of the file than the run's start (the tailer was moved back since it was
        // filled): only a window holding the whole header is read from, else the file is read again
        if ((position < bufferStart || position + HEADER > bufferEnd) && !fill())
        {
            return false;
        }
        int flagsAndLength = UnsafeApi.getInt(null, bufferAddress + (position - bufferStart));
        if (!Wires.isReadyData(flagsAndLength))
        {
            return false; // metadata (an index block, the end of the file)
        }
        final long end = position + HEADER + Wires.lengthOf(flagsAndLength);
        if (end > bufferEnd)
        {
            if (!fill() || end > bufferEnd)
            {
                return false;
            }
            flagsAndLength = UnsafeApi.getInt(null, bufferAddress);
        }
        entryAddress = bufferAddress + (position - bufferStart) + HEADER;
        entryLength = Wires.lengthOf(flagsAndLength);
        position = aligned(end);
        index++;
        readSinceLookUp++;
        tailerBehind = true;
        return true;
    }

    /**
     * @return whether the entry of that index was whole when the queue was last asked, asking again if it may have
     * been written since and enough has been read since the last time.
     */
    private boolean written(final long entryIndex)
    {
        if (entryIndex <= written)
        {
            return true;
        }
        if (readSinceLookUp < lookAgainAfter)
        {
            return false;
        }
        readSinceLookUp = 0;
        written = tailer.queue().lastIndex(); // before the file is read: what it counts is whole in what is read after
        bufferEnd = bufferStart; // so nothing is read from a copy taken before
        return entryIndex <= written;
    }

    /**
     * Reads the file from {@link #position} into the buffer.
     *
     * @return false if it could not be read.
     */
    private boolean fill()
    {
        buffer.clear();
        try
        {
            int read = 0;
            while (buffer.hasRemaining() && read >= 0)
            {
                read = channel.read(buffer, position + buffer.position());
            }
        }
        catch (final IOException ex)
        {
            closeFile(); // the tailer reads on through its mapping
            position = NONE;
            return false;
        }
        bufferStart = position;
        bufferEnd = position + buffer.position();
        return true;
    }

    private long aligned(final long offset)
    {
        return padding ? offset + BytesUtil.padOffset(offset) : offset;
    }

    /**
     * @return the address of the entry {@link #next()} moved to, in the run's buffer: valid until the next call.
     */
    long entryAddress()
    {
        return entryAddress;
    }

    /**
     * @return the length of that entry, its header excluded.
     */
    int entryLength()
    {
        return entryLength;
    }

    /**
     * @return the Chronicle index of that entry.
     */
    long index()
    {
        return index;
    }

    /**
     * Ends the run and moves the tailer past the last entry it read, so that the tailer reads on from there.
     *
     * @throws IllegalStateException if the tailer cannot find that entry again.
     */
    void catchUp()
    {
        position = NONE;
        if (tailerBehind)
        {
            tailerBehind = false;
            if (tailer.moveToIndex(index))
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (document.isPresent() && document.index() == index)
                    {
                        return;
                    }
                }
            }
            throw new IllegalStateException("the journal entry at index " + Long.toHexString(index) +
                " that was just read cannot be found again");
        }
    }

    /**
     * Ends the run without moving the tailer: for a caller about to move the tailer itself.
     */
    void reset()
    {
        position = NONE;
        tailerBehind = false;
    }

    /**
     * Ends the run and closes the file it reads.
     */
    public void close()
    {
        reset();
        closeFile();
    }

    private void closeFile()
    {
        bufferStart = 0;
        bufferEnd = 0;
        final FileChannel open = channel;
        channel = null;
        file = null;
        CloseHelper.quietClose(open); // read-only: a failure to close loses nothing
    }
}
