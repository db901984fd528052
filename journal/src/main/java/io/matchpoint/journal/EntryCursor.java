package io.matchpoint.journal;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;

import io.matchpoint.codec.MessageLimits;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A journal read forward one entry at a time, each entry's bytes in place, block by block ({@link JournalFormat}):
 * through a run read a block at a time from the file ({@link EntryRun}) where it can, else through the tailer, whose
 * document is copied into a buffer of the cursor's own and closed at once. What the journal readers share; each reads
 * its own header from {@link #address()}.
 * <p>
 * An entry that does not fit what is left of its block (too short for its header, a message length out of range) is
 * refused with a {@link CorruptJournalException}, and the rest of that block with it: its length cannot be trusted to
 * find the entry after it. The next call reads on from the next block.
 * <p>
 * One thread, as the tailer it reads with.
 */
final class EntryCursor implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final EntryRun run;
    private final JournalFormat.EntryLayout layout;
    /** Holds a block read through the tailer; grown if a block is longer than any this release writes. */
    private ByteBuffer copy = ByteBuffer.allocateDirect(JournalFormat.MAX_BLOCK_LENGTH);
    private long copyAddress = BufferUtil.address(copy);
    private long blockAddress;
    private long blockLength;
    private long blockIndex;
    /** Where the next entry starts in the block; at or past {@link #blockLength} when the block is read through. */
    private long offset;
    private long address;
    private long length;

    /**
     * @param tailer reading forward; the cursor's runs read after the documents it reads.
     * @param layout the entries' layout.
     */
    EntryCursor(final ExcerptTailer tailer, final JournalFormat.EntryLayout layout)
    {
        this.tailer = tailer;
        this.layout = layout;
        run = new EntryRun(tailer);
    }

    /**
     * Moves to the next entry.
     *
     * @return false at the end of the journal (for now: a live journal may grow).
     * @throws CorruptJournalException when the entry does not fit its block.
     */
    boolean next()
    {
        if (offset >= blockLength && !nextBlock())
        {
            return false;
        }
        final long entry = blockAddress + offset;
        final long remaining = blockLength - offset;
        if (remaining < layout.headerLength())
        {
            offset = blockLength;
            throw corrupt("holds " + remaining + " bytes, less than " + article(layout.kind()) + " " +
                layout.kind() + " entry's header");
        }
        final int messageLength = UnsafeApi.getInt(null, entry + layout.lengthOffset());
        if (messageLength < 0 || messageLength > MessageLimits.MAX_MESSAGE_LENGTH ||
            remaining - layout.headerLength() < messageLength)
        {
            offset = blockLength;
            throw corrupt("(" + layout.sequenceLabel() + " " + UnsafeApi.getLong(null, entry) + ") claims " +
                messageLength + " bytes");
        }
        address = entry;
        length = layout.headerLength() + messageLength;
        offset += length;
        return true;
    }

    private boolean nextBlock()
    {
        offset = 0;
        blockLength = 0;
        if (run.next())
        {
            blockAddress = run.entryAddress();
            blockLength = run.entryLength();
            blockIndex = run.index();
            return true;
        }
        run.catchUp();
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final long documentLength = bytes.readRemaining();
            if (documentLength > copy.capacity())
            {
                copy = ByteBuffer.allocateDirect((int)documentLength);
                copyAddress = BufferUtil.address(copy);
            }
            // a piece at a time: a document may straddle two chunks of the mapping, and each piece's address is taken
            // in the chunk that piece lies in
            long copied = 0;
            while (copied < documentLength)
            {
                final int chunk = (int)Math.min(documentLength - copied, 4096);
                UnsafeApi.copyMemory(null, bytes.addressForRead(bytes.readPosition() + copied, chunk),
                    null, copyAddress + copied, chunk);
                copied += chunk;
            }
            blockAddress = copyAddress;
            blockLength = documentLength;
            blockIndex = document.index();
            run.startAfter(document);
            return true;
        }
    }

    private static String article(final String word)
    {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private CorruptJournalException corrupt(final String problem)
    {
        return new CorruptJournalException(
            layout.kind() + " entry at index " + Long.toHexString(blockIndex) + " " + problem);
    }

    /**
     * @return where the current entry's bytes start: valid until the next call.
     */
    long address()
    {
        return address;
    }

    /**
     * @return the current entry's length in bytes, its header included.
     */
    long length()
    {
        return length;
    }

    /**
     * @return the Chronicle index of the block the current entry lies in.
     */
    long index()
    {
        return blockIndex;
    }

    /**
     * Forgets the current block and the run, before the tailer is moved elsewhere.
     */
    void reset()
    {
        offset = 0;
        blockLength = 0;
        run.reset();
    }

    public void close()
    {
        reset();
        run.close();
    }
}
