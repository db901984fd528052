package io.matchpoint.engine.pipeline;

import io.matchpoint.engine.service.MatchingService;

/**
 * Writes snapshots when a {@code TakeSnapshot} command reaches the matching service, whatever hosts it. Called on the matcher thread between two
 * commands, the only moment the state is consistent and nobody else may touch it; the matcher waits until it returns.
 */
@FunctionalInterface
public interface SnapshotTaker
{
    /**
     * @param sequence    of the {@code TakeSnapshot} command: the snapshot includes every command up to it.
     * @param timestampNs     the command's gateway timestamp.
     * @param journalPosition where the command journal put the command, -1 if unknown.
     * @param service         whose {@link MatchingService#saveState} writes the state.
     */
    void onSnapshotRequested(long sequence, long timestampNs, long journalPosition, MatchingService service);
}
