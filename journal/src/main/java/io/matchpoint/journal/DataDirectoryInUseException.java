package io.matchpoint.journal;

/**
 * A server was started on a data directory another server is writing: it refuses to start rather than journal
 * commands under the same sequences as the first, or append again events the first is about to write.
 */
public final class DataDirectoryInUseException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    public DataDirectoryInUseException(final String message)
    {
        super(message);
    }
}
