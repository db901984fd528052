package io.matchpoint.journal;

import java.io.IOException;

/**
 * A seam at the journal boundary for tests and drills: called before each append, it may throw to stand for a full
 * disk or an I/O error, so that what the server does then can be shown without filling a real disk.
 */
@FunctionalInterface
public interface JournalFaultInjector
{
    JournalFaultInjector NONE = sequence -> {};

    /**
     * @param sequence of the command (or event) about to be appended.
     * @throws IOException to make this append fail.
     */
    void beforeAppend(long sequence) throws IOException;
}
