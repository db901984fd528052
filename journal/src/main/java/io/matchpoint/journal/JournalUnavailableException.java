package io.matchpoint.journal;

/**
 * What the journal stages report when an append fails or works again; the server logs it loudly.
 */
public final class JournalUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
