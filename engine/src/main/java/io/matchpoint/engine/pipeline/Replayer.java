package io.matchpoint.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;

import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;

/**
 * Runs journaled commands through a matcher on the caller's thread, with no rings and no threads: each event goes
 * straight to one handler before {@link #replay} returns. Recovery uses the server's own matcher this way before the
 * pipeline starts; {@code journal verify} uses a fresh one. The matcher's answers are the same as on the rings,
 * byte for byte, because the same code makes them.
 */
public final class Replayer
{
    private final MatcherHandler matcher;

    /**
     * A fresh matcher of its own.
     *
     * @param engineConfig capacity of the core, as the server that wrote the journal had it.
     * @param onEvent      given every event, on this thread.
     */
    public Replayer(final EngineConfig engineConfig, final EventHandler<EventSlot> onEvent)
    {
        // the proxy needs a ring to be built; a replayer never publishes to it
        final RingBuffer<EventSlot> unused = RingBuffer.createSingleProducer(EventSlot::new, 2, new YieldingWaitStrategy());
        final InstrumentDirectory instruments = new InstrumentDirectory(engineConfig.maxInstruments());
        final EventProxy events = new EventProxy(unused, instruments, engineConfig.maxAccounts(), uncounted());
        events.output(new EventOutput.Direct(onEvent));
        matcher = new MatcherHandler(new MatchingEngine(engineConfig, events), events, instruments);
    }

    /**
     * A fresh matcher of its own that publishes its events to a ring, for a replay whose events are consumed on
     * another thread (verify compares them there while this thread replays).
     *
     * @param engineConfig capacity of the core, as the server that wrote the journal had it.
     * @param events       the ring the events are published to; the caller gates it on its consumer.
     */
    public Replayer(final EngineConfig engineConfig, final RingBuffer<EventSlot> events)
    {
        final InstrumentDirectory instruments = new InstrumentDirectory(engineConfig.maxInstruments());
        final EventProxy proxy = new EventProxy(events, instruments, engineConfig.maxAccounts(), uncounted());
        matcher = new MatcherHandler(new MatchingEngine(engineConfig, proxy), proxy, instruments);
    }

    Replayer(final MatcherHandler matcher)
    {
        this.matcher = matcher;
    }

    /**
     * @param command a journaled command; its events reach the handler before this returns.
     */
    public void replay(final CommandSlot command)
    {
        matcher.onEvent(command, command.sequence(), true);
    }

    /**
     * @return the matcher, to load a snapshot into before the first replay, or to read the state after the last.
     */
    public MatcherHandler matcher()
    {
        return matcher;
    }

    /**
     * Counters nobody reads: a replay shows its figures in its own report.
     */
    private static MatcherCounters uncounted()
    {
        return new MatcherCounters(CountersFile.inMemory().manager());
    }
}
