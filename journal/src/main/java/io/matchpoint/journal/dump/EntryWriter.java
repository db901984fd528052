package io.matchpoint.journal.dump;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * Writes journal entries in one {@link DumpFormat}, each as one line, ending with {@code \n}, appended to a line
 * buffer that the caller empties. One instance per dump: implementations keep small caches between entries.
 */
interface EntryWriter
{
    /**
     * Appends what comes before the first entry, if anything (a CSV header row).
     *
     * @param line to append to.
     */
    void header(StringBuilder line);

    /**
     * @param slot          the command.
     * @param journalTimeNs when it reached the journal.
     * @param fields        its message, decoded or not.
     * @param line          to append to.
     */
    void command(CommandSlot slot, long journalTimeNs, MessageFields fields, StringBuilder line);

    /**
     * @param slot          the event.
     * @param journalTimeNs when it reached the journal.
     * @param fields        its message, decoded or not.
     * @param line          to append to.
     */
    void event(EventSlot slot, long journalTimeNs, MessageFields fields, StringBuilder line);
}
