package io.matchpoint.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A journal read forward one entry at a time, each entry's bytes in place: through a run read a block at a time from
 * the file ({@link EntryRun}) where it can, else through the tailer's document over the mapped file, which stays open
 * until the next call. What the journal readers share; each reads its own header from {@link #address()}.
 * <p>
 * One thread, as the tailer it reads with.
 */
final class EntryCursor implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final EntryRun run;
    private final int maxEntryLength;
    /** The tailer's document the current entry lies in, open until the next call; null for an entry of a run. */
    private DocumentContext open;
    private long address;
    private long length;
    private long index;

    /**
     * @param tailer         reading forward; the cursor's runs read after the documents it reads.
     * @param maxEntryLength the longest entry a reader needs in view.
     */
    EntryCursor(final ExcerptTailer tailer, final int maxEntryLength)
    {
        this.tailer = tailer;
        this.maxEntryLength = maxEntryLength;
        run = new EntryRun(tailer);
    }

    /**
     * Moves to the next entry, closing the one before.
     *
     * @return false at the end of the journal (for now: a live journal may grow).
     */
    boolean next()
    {
        closeOpen();
        if (run.next())
        {
            address = run.entryAddress();
            length = run.entryLength();
            index = run.index();
            return true;
        }
        run.catchUp();
        final DocumentContext document = tailer.readingDocument();
        if (!document.isPresent())
        {
            document.close();
            return false;
        }
        open = document;
        final Bytes<?> bytes = document.wire().bytes();
        length = bytes.readRemaining();
        address = bytes.addressForRead(bytes.readPosition(), (int)Math.min(length, maxEntryLength));
        index = document.index();
        run.startAfter(document);
        return true;
    }

    /**
     * @return where the current entry's bytes start.
     */
    long address()
    {
        return address;
    }

    /**
     * @return the current entry's length in bytes.
     */
    long length()
    {
        return length;
    }

    /**
     * @return the current entry's index in the queue.
     */
    long index()
    {
        return index;
    }

    /**
     * Closes the tailer's document the current entry lies in, if any: its bytes are not to be read any more.
     */
    void closeOpen()
    {
        if (open != null)
        {
            final DocumentContext document = open;
            open = null;
            document.close();
        }
    }

    /**
     * Forgets the current entry and the run, before the tailer is moved elsewhere.
     */
    void reset()
    {
        closeOpen();
        run.reset();
    }

    public void close()
    {
        closeOpen();
        run.close();
    }
}
