package io.matchpoint.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.matchpoint.perf.support.tape.OrderTapeReader;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeRecord;

/**
 * Sends a tape through a {@link Transport} (client sessions over TCP, or the rings in-process) from one thread, and
 * measures each command's answer.
 * <p>
 * <b>Open loop</b> (a target rate): command {@code i} is due at {@code start + i / rate}; the thread polls until then,
 * sends, and measures from the due time, not from when it managed to send. When the server stalls or pushes back,
 * later commands go out late but their latency still counts from when they were due: the correction for coordinated
 * omission. <b>Closed loop</b>: each session keeps up to a window of commands in flight and sends whenever it has
 * room; it measures from the actual send and reports the throughput sustained.
 * <p>
 * The tape's build-up (the books' first orders) goes first, at the rate, unmeasured; then the warm-up; then the
 * measured part. Sessions: tape account {@code a} sends through session {@code a % sessions} (an even count keeps
 * buyers and sellers apart, as the tape does).
 */
final class LoadDriver
{
    /** How far behind its schedule the sender may fall before the run is called under-sent. */
    static final long MAX_LAG_NS = 1_000_000_000L;
    /** No answer for this long while a session's window is full: the server is gone or wedged. */
    static final long STALLED_NS = 60_000_000_000L;
    /** How long after the last acknowledgement the run still reads fills. */
    private static final long TRAILING_FILLS_NS = 100_000_000L;
    /** Later than this after its due time, a send is followed by a poll. */
    private static final long LATE_NS = 20_000L;

    private final OrderTapeReader tape;
    private final long buildUp;
    private final RunPlan plan;
    private final int sessions;
    private final OrderIds orderIds;
    private final RejectCounts rejects = new RejectCounts();
    private final TapeRecord record = new TapeRecord();
    private final SessionTracker[] trackers;
    private volatile LatencyRecorder latencies;

    LoadDriver(final OrderTapeReader tape, final long buildUp, final RunPlan plan, final int sessions,
        final OrderIds orderIds)
    {
        this.tape = tape;
        this.buildUp = buildUp;
        this.plan = plan;
        this.sessions = sessions;
        this.orderIds = orderIds;
        this.trackers = new SessionTracker[sessions];
    }

    /**
     * @param transport where the commands go.
     * @param progress  given the commands sent so far, about every 50 ms.
     * @return the outcome.
     */
    Result run(final Transport transport, final LongConsumer progress)
    {
        final long measureFrom = buildUp + plan.warmupCommands();
        final long end = Math.min(tape.recordCount(), buildUp + plan.tapeCommands());
        final long startNs = System.nanoTime() + 10_000_000L;
        final long measureStartNs = plan.openLoop() ? startNs + due(measureFrom) : startNs;
        final LatencyRecorder recorder = new LatencyRecorder(measureStartNs, plan.openLoop() ? plan.seconds() + 1 : 600);
        for (int s = 0; s < sessions; s++)
        {
            trackers[s] = new SessionTracker(plan.window(), orderIds, recorder, rejects);
        }
        transport.bind(trackers);
        transport.latencies(recorder);
        latencies = recorder;

        long maxLagNs = 0;
        long lastProgressNs = 0;
        long measuredSent = 0;
        long measuredFirstSendNs = 0;
        long lastSendNs = 0;
        long lastPollNs = 0;
        for (long i = 0; i < end; i++)
        {
            tape.read(i, record);
            final int session = record.account() % sessions;
            final boolean measured = i >= measureFrom;
            final long dueNs = plan.openLoop() ? startNs + due(i) : 0;
            long nowNs = System.nanoTime();
            long lastAnswerNs = nowNs;
            while ((plan.openLoop() && nowNs < dueNs) || !trackers[session].hasRoom())
            {
                lastPollNs = nowNs;
                if (transport.poll() == 0)
                {
                    // nothing came: let the server's threads have this CPU if they want it (on a 2-core host they
                    // have one CPU between five); on a tuned host nothing else is runnable and this returns at once
                    Thread.yield();
                }
                else
                {
                    lastAnswerNs = System.nanoTime();
                }
                nowNs = System.nanoTime();
                if (!trackers[session].hasRoom() &&
                    (transport.disconnected() != null || nowNs - lastAnswerNs > STALLED_NS))
                {
                    throw new IllegalStateException(transport.disconnected() != null ?
                        "a session ended: " + transport.disconnected() :
                        "no answer for " + STALLED_NS / 1_000_000_000L + " s with " + inFlight() + " commands in flight");
                }
            }
            final boolean late = plan.openLoop() && nowNs - dueNs > LATE_NS;
            if (measured && measuredSent == 0)
            {
                measuredFirstSendNs = nowNs;
            }
            final long sentNs = plan.openLoop() ? dueNs : nowNs;
            // the slot is filled before the command can be answered (in-process the answer comes on another thread)
            trackers[session].sent(sentNs, record.orderRef(), measured);
            final long orderId = record.kind() == TapeKind.MOVE ? orderIds.get(record.orderRef()) : 0;
            while (!transport.send(session, record, orderId))
            {
                transport.poll();
            }
            if (late && nowNs - lastPollNs > LATE_NS)
            {
                // behind schedule the loop above does not poll: read the answers now and then, or their times would
                // include the sender's own backlog; not after every send, or four reads a command would keep the
                // sender behind (staged sends go out with the poll, many in one write)
                transport.poll();
                lastPollNs = nowNs;
            }
            lastSendNs = System.nanoTime();
            if (plan.openLoop())
            {
                final long lagNs = lastSendNs - dueNs;
                if (measured)
                {
                    maxLagNs = Math.max(maxLagNs, lagNs);
                }
                // The build-up and warm-up may fall behind while the server's code is still interpreted, as long as
                // they catch up: refused when the measured part cannot start within a second of its schedule, or
                // when the lag exceeds the whole warm-up. A backlog left in the server at the start is not hidden:
                // its latency counts from each command's due time
                if ((i == measureFrom && lagNs > MAX_LAG_NS) ||
                    (!measured && lagNs > Math.max(MAX_LAG_NS, TimeUnit.SECONDS.toNanos(plan.warmupSeconds()))))
                {
                    throw new UnderSentException(String.format("refusing to measure: %s the sender was %.1f s " +
                        "behind its schedule of %,d commands/s (command %,d of %,d). This host, this server and " +
                        "this bench cannot sustain that rate; ask for less, or use --closed-loop to find the most " +
                        "it sustains.", measured ? "when the measured part began" : "during the warm-up",
                        lagNs / 1e9, plan.rate(), i + 1, end));
                }
            }
            if (measured)
            {
                measuredSent++;
            }
            if (lastSendNs - lastProgressNs > 50_000_000L)
            {
                lastProgressNs = lastSendNs;
                progress.accept(i + 1);
                transport.poll();
            }
        }
        progress.accept(end);
        final long drainDeadlineNs = System.nanoTime() + 30_000_000_000L;
        long lastAnswerNs = System.nanoTime();
        long remaining = inFlight();
        while (remaining > 0 && System.nanoTime() < drainDeadlineNs)
        {
            if (transport.poll() == 0)
            {
                Thread.yield();
            }
            final long now = inFlight();
            if (now < remaining)
            {
                lastAnswerNs = System.nanoTime();
                remaining = now;
            }
        }
        // a command's fills come after its acknowledgement: a moment more to read the last ones (in-process they
        // are recorded on the sender thread, which this also leaves time to finish)
        final long fillsDeadlineNs = System.nanoTime() + TRAILING_FILLS_NS;
        while (System.nanoTime() < fillsDeadlineNs)
        {
            if (transport.poll() == 0)
            {
                Thread.yield();
            }
        }
        long acked = 0;
        long rejected = 0;
        long unmatched = 0;
        for (final SessionTracker tracker : trackers)
        {
            acked += tracker.acked();
            rejected += tracker.rejected();
            unmatched += tracker.unmatched();
        }
        final long sendNs = Math.max(1, lastSendNs - measuredFirstSendNs);
        return new Result(plan, measuredSent, acked, rejected, inFlight(), unmatched, rejects, recorder,
            measuredSent * 1e9 / sendNs, (acked + rejected) * 1e9 / Math.max(1, lastAnswerNs - measuredFirstSendNs),
            maxLagNs, transport.disconnected());
    }

    private long due(final long index)
    {
        return (long)(index * (1e9 / plan.rate()));
    }

    private long inFlight()
    {
        long inFlight = 0;
        for (final SessionTracker tracker : trackers)
        {
            inFlight += tracker.inFlight();
        }
        return inFlight;
    }

    /**
     * @return the recorder of the run in progress (the live p99), null before it starts.
     */
    LatencyRecorder latencies()
    {
        return latencies;
    }

    /**
     * The rate asked for could not be generated: the run stops rather than report a rate it never sent.
     */
    static final class UnderSentException extends RuntimeException
    {
        UnderSentException(final String message)
        {
            super(message);
        }
    }

    /**
     * @param plan          what was asked.
     * @param sent          measured commands sent.
     * @param acked         of those, accepted (NEW, REPLACED, CANCELLED).
     * @param rejected      of those, refused.
     * @param unanswered    still in flight when the run gave up waiting.
     * @param unmatched     answers the bench could not pair with a command (0 unless its model is wrong).
     * @param rejects       rejects by kind and reason.
     * @param latencies     the histograms.
     * @param sendRate      measured commands sent per second.
     * @param answerRate    measured answers per second, from the first measured send to the last answer.
     * @param maxLagNs      how far behind schedule the sender fell at worst in the measured part (open loop).
     * @param disconnected  why a session ended, null if none did.
     */
    record Result(RunPlan plan, long sent, long acked, long rejected, long unanswered, long unmatched,
        RejectCounts rejects, LatencyRecorder latencies, double sendRate, double answerRate, long maxLagNs,
        String disconnected)
    {
        boolean underSent()
        {
            return plan.openLoop() &&
                (maxLagNs > MAX_LAG_NS || sendRate < plan.rate() * (1 - plan.maxShortfallPercent() / 100));
        }
    }
}
