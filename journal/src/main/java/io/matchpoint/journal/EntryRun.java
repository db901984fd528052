package io.matchpoint.journal;

import org.agrona.UnsafeApi;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.BytesUtil;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads the entries that follow one a Chronicle tailer has just read, straight from the mapped chunk of the queue file
 * they share, without a tailer call each: a journal reader's fast path. Chronicle's {@code readingDocument()} and its
 * close cost about as much as reading the entry itself (each checks the tailer's state, cycle and index, and moves
 * the index on); a run only reads each entry's 4-byte header, with the same volatile read and the same rules
 * ({@link Wires}), and steps over the entry and its padding as the tailer would.
 * <p>
 * It stops short of anything but a complete data entry that lies wholly inside the chunk: a metadata entry (an index
 * block, the end of a cycle file), an entry still being written or not written yet (a live journal's end), or the
 * chunk's end. The reader then hands back to the tailer, which handles all of those: {@link #catchUp()} first moves
 * the tailer past the last entry the run read (by its index: data entries of one cycle are numbered one after the
 * other), so that the tailer's next document is the entry after it.
 * <p>
 * The run holds a reference of its own on the chunk it reads, so the chunk stays mapped whatever the tailer does
 * with it, until {@link #catchUp()} or {@link #reset()} lets it go. One thread, as the tailer it belongs to.
 */
final class EntryRun implements ReferenceOwner
{
    /** Bytes of a Chronicle document header: length and flags. */
    private static final int HEADER = 4;

    private final ExcerptTailer tailer;
    /** The chunk the run reads, reserved by it; null while there is no run. */
    private MappedBytesStore chunk;
    private long chunkStart;
    private long chunkLimit;
    private long chunkAddress;
    private boolean padding;
    /** Where the next entry's header would be, as an offset in the cycle file; -1 while there is no run. */
    private long position = -1;
    private long index;
    private boolean tailerBehind;
    private long entryAddress;
    private int entryLength;

    /**
     * @param tailer reading forward; the run reads after the documents it reads.
     */
    EntryRun(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Starts a run after a document the tailer has just read (still open), when it lies in a mapped chunk.
     */
    void startAfter(final DocumentContext document)
    {
        end();
        tailerBehind = false; // the tailer has just read: it is where the run starts
        final Wire wire = document.wire();
        final Bytes<?> bytes = wire.bytes();
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (!(store instanceof MappedBytesStore mapped) || !mapped.tryReserve(this))
        {
            return;
        }
        chunk = mapped;
        chunkStart = mapped.start();
        chunkLimit = mapped.safeLimit();
        chunkAddress = mapped.addressForRead(chunkStart);
        padding = wire.usePadding();
        index = document.index();
        position = aligned(bytes.readLimit());
    }

    /**
     * Moves to the next entry, if it is a complete data entry inside the chunk.
     *
     * @return false where the tailer must take over ({@link #catchUp()} first): then nothing has moved.
     */
    boolean next()
    {
        final long header = position;
        if (header < chunkStart || header + HEADER > chunkLimit)
        {
            return false; // no run, or the chunk's end
        }
        final long headerAddress = chunkAddress + (header - chunkStart);
        final int flagsAndLength = UnsafeApi.getIntVolatile(null, headerAddress);
        if (!Wires.isReadyData(flagsAndLength))
        {
            return false; // metadata, the end of the file, an entry being written, or none yet
        }
        final int length = Wires.lengthOf(flagsAndLength);
        final long end = header + HEADER + length;
        if (end > chunkLimit)
        {
            return false;
        }
        entryAddress = headerAddress + HEADER;
        entryLength = length;
        position = aligned(end);
        index++;
        tailerBehind = true;
        return true;
    }

    private long aligned(final long offset)
    {
        return padding ? offset + BytesUtil.padOffset(offset) : offset;
    }

    /**
     * @return the address of the entry {@link #next()} moved to: valid until the run ends.
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
        end();
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
        end();
        tailerBehind = false;
    }

    private void end()
    {
        position = -1;
        chunkStart = 0;
        chunkLimit = 0;
        final MappedBytesStore reserved = chunk;
        if (reserved != null)
        {
            chunk = null;
            reserved.release(this);
        }
    }
}
