package io.matchpoint.perf.xcore;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import io.matchpoint.perf.support.tape.OrderTapeReader;
import io.matchpoint.perf.support.tape.TapeHeader;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeRecord;
import io.matchpoint.perf.support.tape.TapeSide;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that submits the tape's commands to exchange-core through {@link ExchangeApi#submitCommand}, the
 * call exchange-core's own latency test makes ({@code LatencyTestsModule}): an {@code ApiPlaceOrder},
 * {@code ApiMoveOrder} or {@code ApiCancelOrder} whose {@code timestamp} the pipeline carries through to the results
 * consumer. exchange-core's API takes an object per command; by default each is made from the tape record just before
 * it is sent (a small allocation on this thread), or all of them before the run with {@code --prebuild} (as that
 * test does).
 * <p>
 * Mapping: GTC_LIMIT to {@link OrderType#GTC}, IOC_LIMIT to {@link OrderType#IOC}, BUY to {@link OrderAction#BID},
 * SELL to {@link OrderAction#ASK}; exchange-core's order id is the tape's orderRef, its uid and symbol id are
 * {@link ExchangeCoreHarness#uid} and {@link ExchangeCoreHarness#symbolId}. A bid's reserve price (what a currency
 * pair bid may later be moved up to) is the instrument's band high, so no move inside the band is refused. MOVE keeps
 * the order's size in exchange-core, as the tape's MOVE does.
 * <p>
 * Open loop: command {@code i} is due at {@code start + i * 1e9 / rate} ns. The sender parks (when more than
 * {@value #PARK_THRESHOLD_NS} ns away), then spins or yields (a choice: a yielding sender lets exchange-core's threads
 * use its core on a small machine, a spinning one reacts sooner) until then,
 * stamps the command with that intended time, not the time it actually goes, and submits it; when it is behind it
 * sends at once, still stamped with the intended time, so a stall anywhere (pipeline, GC, the sender itself) shows up
 * in the latency of every command it delayed (no coordinated omission). Closed loop: submit as fast as the ring
 * accepts (exchange-core's ring blocks the publisher when full) and stamp each command with the time just before its
 * submit.
 */
final class TapeSender
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Park when the next command is further away than this; spin when closer. */
    private static final long PARK_THRESHOLD_NS = 200_000;
    /** How much earlier than due a park is asked to wake, for the scheduler's lateness. */
    private static final long PARK_MARGIN_NS = 120_000;
    /** Rough heap cost of one pre-built command object, for the {@code --prebuild} memory check. */
    private static final long PREBUILT_BYTES_PER_COMMAND = 96;

    /**
     * What one run sent.
     *
     * @param warmupSent       commands sent before the measured phase.
     * @param measuredSent     commands sent in the measured phase.
     * @param measuredStartNs  the measured phase's start: the first measured command's intended time (open loop) or
     *                         submit time (closed loop).
     * @param lastSendNs       when the last submit returned.
     * @param maxLagNs         open loop: the most a send was later than intended; 0 for closed loop.
     * @param tapeEnded        closed loop: the tape ran out before the duration was over.
     */
    record Stats(
        long warmupSent,
        long measuredSent,
        long measuredStartNs,
        long lastSendNs,
        long maxLagNs,
        boolean tapeEnded)
    {
    }

    private final OrderTapeReader tape;
    private final ExchangeApi api;
    private final ResultsRecorder recorder;
    private final TapeRecord record = new TapeRecord();
    private final int instrumentCount;
    private final int accountCount;
    private final long[] reserveBidPrice;
    private final boolean yield;
    private ApiCommand[] prebuilt;

    TapeSender(final OrderTapeReader tape, final ExchangeApi api, final ResultsRecorder recorder, final boolean yield)
    {
        this.yield = yield;
        this.tape = tape;
        this.api = api;
        this.recorder = recorder;
        final TapeHeader header = tape.header();
        instrumentCount = header.instrumentCount();
        accountCount = header.accountCount();
        reserveBidPrice = new long[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            reserveBidPrice[i] = header.instrument(i).priceHigh();
        }
    }

    /**
     * Builds the first {@code count} commands now, so the send path only stamps and submits them.
     *
     * @throws IllegalArgumentException if they would not fit comfortably in the heap, or the count exceeds an array.
     */
    void prebuild(final long count)
    {
        final long needBytes = count * PREBUILT_BYTES_PER_COMMAND;
        final long heapBytes = Runtime.getRuntime().maxMemory();
        if (count > Integer.MAX_VALUE - 8 || needBytes > heapBytes / 2)
        {
            throw new IllegalArgumentException("--prebuild: " + count + " commands need about " +
                (needBytes >> 20) + " MiB, more than half the heap (" + (heapBytes >> 20) +
                " MiB): raise -Xmx or drop --prebuild");
        }
        prebuilt = new ApiCommand[(int)count];
        for (int i = 0; i < prebuilt.length; i++)
        {
            prebuilt[i] = build(i);
        }
    }

    /**
     * Open loop: sends commands {@code 0 .. warmupCount + measuredCount - 1} at {@code rate} per second.
     */
    Stats runOpen(final long rate, final long warmupCount, final long measuredCount)
    {
        final long total = warmupCount + measuredCount;
        final long startNs = System.nanoTime() + NANOS_PER_SECOND / 100;
        long measuredStartNs = startNs;
        long maxLagNs = 0;
        for (long i = 0; i < total; i++)
        {
            final long intendedNs = startNs + i * NANOS_PER_SECOND / rate;
            if (i == warmupCount)
            {
                recorder.measureFrom(i);
                measuredStartNs = intendedNs;
            }
            final ApiCommand command = command(i);
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                final long remainingNs = intendedNs - nowNs;
                if (remainingNs > PARK_THRESHOLD_NS)
                {
                    LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
                }
                else if (yield)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            if (nowNs - intendedNs > maxLagNs)
            {
                maxLagNs = nowNs - intendedNs;
            }
            command.timestamp = intendedNs;
            api.submitCommand(command);
        }
        return new Stats(warmupCount, measuredCount, measuredStartNs, System.nanoTime(), maxLagNs, false);
    }

    /**
     * Closed loop: sends as fast as exchange-core accepts, {@code warmupNs} of warm-up then {@code durationNs}
     * measured, or until the tape ends.
     */
    Stats runClosed(final long warmupNs, final long durationNs)
    {
        final long available = prebuilt != null ? prebuilt.length : tape.recordCount();
        final long warmupEndNs = System.nanoTime() + warmupNs;
        boolean measuring = false;
        long measuredFrom = 0;
        long measuredStartNs = 0;
        long measuredEndNs = 0;
        long i = 0;
        for (; i < available; i++)
        {
            final ApiCommand command = command(i);
            final long nowNs = System.nanoTime();
            if (!measuring)
            {
                if (nowNs - warmupEndNs >= 0)
                {
                    measuring = true;
                    measuredFrom = i;
                    recorder.measureFrom(i);
                    measuredStartNs = nowNs;
                    measuredEndNs = nowNs + durationNs;
                }
            }
            else if (nowNs - measuredEndNs >= 0)
            {
                break;
            }
            command.timestamp = nowNs;
            api.submitCommand(command);
        }
        final long lastSendNs = System.nanoTime();
        if (!measuring)
        {
            return new Stats(i, 0, lastSendNs, lastSendNs, 0, true);
        }
        return new Stats(measuredFrom, i - measuredFrom, measuredStartNs, lastSendNs, 0, i == available);
    }

    private ApiCommand command(final long index)
    {
        return prebuilt != null ? prebuilt[(int)index] : build(index);
    }

    private ApiCommand build(final long index)
    {
        final TapeRecord record = tape.read(index, this.record);
        final int instrument = record.instrument();
        final int account = record.account();
        if (instrument < 0 || instrument >= instrumentCount || account < 0 || account >= accountCount)
        {
            throw new IllegalStateException("tape record " + index + " names instrument " + instrument +
                " or account " + account + " outside the header");
        }
        final int symbol = ExchangeCoreHarness.symbolId(instrument);
        final long uid = ExchangeCoreHarness.uid(account);
        final long orderId = record.orderRef();
        final byte kind = record.kindCode();
        if (kind == TapeKind.GTC_LIMIT.code() || kind == TapeKind.IOC_LIMIT.code())
        {
            final long price = record.price();
            final boolean buy = record.sideCode() == TapeSide.BUY.code();
            return new ApiPlaceOrder(
                price,
                record.quantity(),
                orderId,
                buy ? OrderAction.BID : OrderAction.ASK,
                kind == TapeKind.GTC_LIMIT.code() ? OrderType.GTC : OrderType.IOC,
                uid,
                symbol,
                0,
                buy ? Math.max(price, reserveBidPrice[instrument]) : 0);
        }
        if (kind == TapeKind.MOVE.code())
        {
            return new ApiMoveOrder(orderId, record.price(), uid, symbol);
        }
        if (kind == TapeKind.CANCEL.code())
        {
            return new ApiCancelOrder(orderId, uid, symbol);
        }
        throw new IllegalStateException("tape record " + index + ": kind code " + kind + " names no kind (" +
            Arrays.toString(TapeKind.values()) + "): a corrupt tape");
    }
}
