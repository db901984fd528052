package io.matchpoint.journal;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Where a journal's writer stands, for {@code ./matchpoint stat}: the sequence of the last entry it appended and the
 * appends that failed. Written by the writer's thread alone, with ordered stores.
 */
final class JournalCounters
{
    final AtomicCounter lastSequence;
    final AtomicCounter appendsFailed;

    /**
     * @param counters where the counters go.
     * @param journal  which journal, as its stage is named, e.g. {@code command-journal}.
     * @param entry    what its sequence numbers count, e.g. {@code command}.
     */
    JournalCounters(final CountersManager counters, final String journal, final String entry)
    {
        lastSequence = counters.newCounter(journal + ": last " + entry + " sequence appended");
        appendsFailed = counters.newCounter(journal + ": appends failed");
    }
}
