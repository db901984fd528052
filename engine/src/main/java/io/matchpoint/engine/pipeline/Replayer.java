package io.matchpoint.engine.pipeline;

import org.agrona.DirectBuffer;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.service.MatchingService;

/**
 * Runs journaled commands through a matching service on the caller's thread, with no ring and no threads: each
 * command goes straight to {@link MatchingService#onCommand}, and each event it makes straight to one handler before
 * the call returns. This is the caller-driven host of the service: recovery drives the server's own service this way
 * before the pipeline starts, {@code journal verify} a fresh one, both straight from the command journal, each
 * command where the journal's reader read it. The service's answers are the same as on the rings, byte for byte,
 * because the same service makes them.
 */
public final class Replayer
{
    /** A replayed command's journal position, as the service knows it: unknown (nothing writes snapshots then). */
    private static final long UNKNOWN_POSITION = -1;

    private final MatcherHandler matcher;
    private final MatchingService service;

    /**
     * A fresh service of its own whose events go straight to a handler, each before {@link #replay} returns.
     *
     * @param engineConfig capacity of the core, as the server that wrote the journal had it.
     * @param onEvent      given every event, on this thread.
     */
    public Replayer(final EngineConfig engineConfig, final EventHandler<EventSlot> onEvent)
    {
        this(new MatcherHandler(new MatchingService(
            engineConfig, new EventOutput.Direct(onEvent), CountersFile.inMemory().manager())));
    }

    /**
     * @param matcher whose service is driven; its events go wherever its service's egress points.
     */
    Replayer(final MatcherHandler matcher)
    {
        this.matcher = matcher;
        this.service = matcher.service();
    }

    /**
     * @param command a journaled command; its events are claimed from the service's egress before this returns.
     */
    public void replay(final CommandSlot command)
    {
        service.onCommand(command.sequence(), command.sessionId(), command.accountId(), command.timestampNs(),
            command.journalPosition(), command.isJournaled(), command.buffer(), 0, command.length());
    }

    /**
     * Replays a journaled command wherever its bytes lie (a journal reader's buffer): nothing is copied.
     *
     * @param sequence    the command's global sequence.
     * @param sessionId   of the session it came from, 0 for the server's own commands.
     * @param accountId   the session's account.
     * @param timestampNs the gateway time it was journaled with.
     * @param buffer      holding the SBE message, header first; read only during this call.
     * @param offset      of the message in {@code buffer}.
     * @param length      of the message.
     */
    public void replay(
        final long sequence,
        final long sessionId,
        final long accountId,
        final long timestampNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        service.onCommand(sequence, sessionId, accountId, timestampNs, UNKNOWN_POSITION, true, buffer, offset, length);
    }

    /**
     * @return the matcher, to load a snapshot into before the first replay, or to read the state after the last.
     */
    public MatcherHandler matcher()
    {
        return matcher;
    }
}
