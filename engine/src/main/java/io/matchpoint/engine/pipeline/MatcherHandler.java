package io.matchpoint.engine.pipeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.service.MatchingService;

/**
 * The matcher stage: adapts the inbound ring to the {@link MatchingService}, the single writer of all book state.
 * Each sequenced command slot becomes one {@link MatchingService#onCommand} call, and a {@code TakeSnapshot} the
 * service reports goes to the pipeline's {@link SnapshotTaker}. Everything else (decoding, the core, encoding events)
 * is the service's; the rest of this class only hands its state and figures on, for the hosts that already ask the
 * matcher for them.
 */
public final class MatcherHandler implements EventHandler<CommandSlot>
{
    private final MatchingService service;
    private final MatchingService.SnapshotHook onTakeSnapshot = this::onTakeSnapshot;
    private SnapshotTaker snapshotTaker;

    MatcherHandler(final MatchingService service)
    {
        this.service = service;
    }

    /**
     * @param snapshotTaker told of each journaled {@code TakeSnapshot} command, on this thread; null while replaying
     *                      a journal, so that recovery and verify never write snapshots.
     */
    void snapshotTaker(final SnapshotTaker snapshotTaker)
    {
        this.snapshotTaker = snapshotTaker;
        service.snapshotHook(snapshotTaker == null ? null : onTakeSnapshot);
    }

    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        service.onCommand(slot.sequence(), slot.sessionId(), slot.accountId(), slot.timestampNs(),
            slot.journalPosition(), slot.isJournaled(), slot.buffer(), 0, slot.length());
    }

    private void onTakeSnapshot(final long sequence, final long timestampNs, final long journalPosition)
    {
        snapshotTaker.onSnapshotRequested(sequence, timestampNs, journalPosition, service);
    }

    /**
     * @return the service this stage drives.
     */
    public MatchingService service()
    {
        return service;
    }

    /**
     * @see MatchingService#saveState(DataOutput)
     */
    public void saveState(final DataOutput out) throws IOException
    {
        service.saveState(out);
    }

    /**
     * @see MatchingService#loadState(DataInput, long)
     */
    public void loadState(final DataInput in, final long expectedLastSequence) throws IOException
    {
        service.loadState(in, expectedLastSequence);
    }

    /**
     * @see MatchingService#forEachOpenSession(MatchingService.OpenSessionVisitor)
     */
    public void forEachOpenSession(final MatchingService.OpenSessionVisitor visitor)
    {
        service.forEachOpenSession(visitor);
    }

    /**
     * @return the sequence of the last journaled command handled (or loaded from a snapshot); 0 if none.
     */
    public long lastSequence()
    {
        return service.lastSequence();
    }

    /**
     * @return the sequence the next journaled event will carry.
     */
    public long nextEventSequence()
    {
        return service.nextEventSequence();
    }

    /**
     * @return commands handled so far; read it only when the pipeline is quiet.
     */
    public long commandCount()
    {
        return service.commandCount();
    }

    /**
     * @return commands skipped for an unknown schema or template; read it only when the pipeline is quiet.
     */
    public long unknownCommandCount()
    {
        return service.unknownCommandCount();
    }

    /**
     * @return the core, for digests and book inspection when the pipeline is quiet.
     */
    public MatchingEngine engine()
    {
        return service.engine();
    }
}
