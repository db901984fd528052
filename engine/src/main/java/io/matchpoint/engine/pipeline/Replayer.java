package io.matchpoint.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.service.MatchingService;

/**
 * Runs journaled commands through a matching service on the caller's thread, with no inbound ring and no threads:
 * each command goes straight to {@link MatchingService#onCommand}. Recovery uses the server's own service this way
 * before the pipeline starts; {@code journal verify} uses a fresh one. The service's answers are the same as on the
 * rings, byte for byte, because the same service makes them.
 */
public final class Replayer
{
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
     * A fresh service of its own that publishes its events to a ring, for a replay whose events are consumed on
     * another thread (verify compares them there while this thread replays).
     *
     * @param engineConfig capacity of the core, as the server that wrote the journal had it.
     * @param events       the ring the events are published to; the caller gates it on its consumer.
     */
    public Replayer(final EngineConfig engineConfig, final RingBuffer<EventSlot> events)
    {
        this(new MatcherHandler(new MatchingService(
            engineConfig, new EventOutput.Ring(events), CountersFile.inMemory().manager())));
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
     * @return the matcher, to load a snapshot into before the first replay, or to read the state after the last.
     */
    public MatcherHandler matcher()
    {
        return matcher;
    }
}
