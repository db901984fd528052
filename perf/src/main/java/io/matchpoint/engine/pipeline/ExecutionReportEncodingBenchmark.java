package io.matchpoint.engine.pipeline;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

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
 *     write bounds-checked by Agrona, as the matcher wrote it before {@link ExecutionReportWriter};</li>
 *     <li>{@code writer}: {@link ExecutionReportWriter}, one capacity check, grouped default stores, then the fill's
 *     fields.</li>
 * </ul>
 * Run with Agrona's bounds checks on, as the server runs: {@code java <JVM flags> -cp perf/target/core-benchmarks.jar
 * org.openjdk.jmh.Main ExecutionReportEncoding -prof gc}. In this package because the writer belongs to the
 * matcher and is not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExecutionReportEncodingBenchmark
{
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
    private final ExecutionReportWriter writer = new ExecutionReportWriter();
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
            .side(Side.BUY)
            .price(10_050)
            .quantity(100)
            .leavesQuantity(n & 0xFF)
            .tradeId(n)
            .liquidity(Liquidity.MAKER);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    @Benchmark
    public int writer()
    {
        final long n = ++sequence;
        writer.wrap(slot, n, n + 1_000_000, n + 7, n + 11, 3, ExecType.TRADE)
            .side(Side.BUY)
            .price(10_050)
            .quantity(100)
            .leavesQuantity(n & 0xFF)
            .tradeId(n)
            .liquidity(Liquidity.MAKER);
        return ExecutionReportWriter.LENGTH;
    }
}
