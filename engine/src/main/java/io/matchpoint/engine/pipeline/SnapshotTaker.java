package io.matchpoint.engine.pipeline;

/**
 * Writes snapshots when a {@code TakeSnapshot} command reaches the matcher. Called on the matcher thread between two
 * commands, the only moment the state is consistent and nobody else may touch it; the matcher waits until it returns.
 */
@FunctionalInterface
public interface SnapshotTaker
{
    /**
     * @param sequence    of the {@code TakeSnapshot} command: the snapshot includes every command up to it.
     * @param timestampNs     the command's gateway timestamp.
     * @param journalPosition where the command journal put the command, -1 if unknown.
     * @param matcher         whose {@link MatcherHandler#saveState} (its service's) writes the state.
     */
    void onSnapshotRequested(long sequence, long timestampNs, long journalPosition, MatcherHandler matcher);
}
