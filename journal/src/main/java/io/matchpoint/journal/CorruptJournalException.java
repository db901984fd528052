package io.matchpoint.journal;

/**
 * A journal entry that cannot be what the writer wrote.
 */
public final class CorruptJournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CorruptJournalException(final String message)
    {
        super(message);
    }
}
