package io.matchpoint.engine.service;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * One fill's ExecutionReport written into a matcher-sized slot buffer, the matcher's commonest event, two ways:
 * <ul>
 *     <li>{@code generatedEncoder}: SBE's generated encoder, every field set (the defaults, then the fill's), each
 *     write bounds-checked by Agrona, as the matcher wrote it before {@link ExecutionReportFlyweight};</li>
 *     <li>{@code flyweight}: {@link ExecutionReportFlyweight}, one capacity check, grouped default stores, then the fill's
 *     fields.</li>
 * </ul>
 * Run with Agrona's bounds checks on, unlike the core benchmarks, because they are what the flyweight removes and the
 * server runs with them: {@code java <JVM flags> -cp perf/target/core-benchmarks.jar
 * org.openjdk.jmh.Main ExecutionReportEncoding -prof gc} (one fork, 3 warm-up and 5 measured iterations of 1 s).
 * In the service's package, on the class path beside the engine's jar, because the flyweight is not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ExecutionReportEncodingBenchmark
{
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
    private final ExecutionReportFlyweight flyweight = new ExecutionReportFlyweight();
    private long sequence;

    @Benchmark
    public int generatedEncoder()
    {
        final long n = ++sequence;
        encoder.wrapAndApplyHeader(slot, 0, header)
            .seqNum(n)
            .transactTime(n + 1_000_000)
            .orderId(n + 7)
            .clOrdId(n + 11)
            .instrumentId(3)
            .execType(ExecType.TRADE)
            .side(Side.NULL_VAL)
            .ordType(OrdType.NULL_VAL)
            .timeInForce(TimeInForce.NULL_VAL)
            .price(0)
            .quantity(0)
            .leavesQuantity(0)
            .tradeId(0)
            .liquidity(Liquidity.NONE)
            .rejectReason(RejectReason.NONE)
            .cancelReason(CancelReason.NONE)
            .priorityKept(BooleanType.FALSE)
            .displayQuantity(0)
            .stopPrice(0)
            .side(Side.BUY)
            .price(10_050)
            .quantity(100)
            .leavesQuantity(n & 0xFF)
            .tradeId(n)
            .liquidity(Liquidity.MAKER);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int flyweight()
    {
        final long n = ++sequence;
        flyweight.wrap(slot, n, n + 1_000_000, n + 7, n + 11, 3, ExecType.TRADE)
            .side(Side.BUY)
            .price(10_050)
            .quantity(100)
            .leavesQuantity(n & 0xFF)
            .tradeId(n)
            .liquidity(Liquidity.MAKER);
        return ExecutionReportFlyweight.LENGTH;
    }
}
