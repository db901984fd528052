package io.matchpoint.journal.dump;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MassCancelReportEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestEncoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateEncoder;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.journal.CommandJournalWriter;
import io.matchpoint.journal.EventJournalWriter;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;

/**
 * Writes a small journal of known commands and events (several templates, accounts 3 and 4 trading instruments 1 and
 * 2, known times) and returns what it wrote, in the order a merged dump must show it: each command, then its events.
 * The expected fields are written down here from the encoders' arguments, not decoded, so that they are an oracle
 * independent of the code under test.
 */
final class DumpFixture
{
    /** Command {@code n} was received at {@code T0_NS + n * STEP_NS}: a few per second, and never a round number. */
    static final long T0_NS = TimeUnit.SECONDS.toNanos(Instant.parse("2024-03-01T09:30:00Z").getEpochSecond());
    static final long STEP_NS = 250_000_123L;
    /** Instrument 2's symbol needs quoting in every form: a comma, a blank and a quote. */
    static final String ODD_SYMBOL = "M,S \"T";

    /**
     * One journal entry as written.
     */
    record Entry(
        String kind,
        long sequence,
        long eventSequence,
        long timestampNs,
        long sessionId,
        long accountId,
        byte targetKind,
        long targetId,
        String template,
        Map<String, Object> fields)
    {
        boolean isCommand()
        {
            return kind.equals("command");
        }

        /**
         * @return a key that names the entry in a dump: kind, command sequence, event sequence (0 for a command).
         */
        String id()
        {
            return id(kind, sequence, eventSequence);
        }

        static String id(final String kind, final long sequence, final long eventSequence)
        {
            return kind + ":" + sequence + ":" + eventSequence;
        }
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandSlot commandSlot = new CommandSlot();
    private final EventSlot eventSlot = new EventSlot();
    private final List<Entry> entries = new ArrayList<>();
    private final CommandJournalWriter commands;
    private final EventJournalWriter events;
    private long sequence;
    private long eventSequence;

    private DumpFixture(final JournalDirectory directory)
    {
        final ErrorHandler failOnError = ex ->
        {
            throw new AssertionError("journal write failed", ex);
        };
        commands = new CommandJournalWriter(directory, new SystemEpochNanoClock(), failOnError,
            JournalFaultInjector.NONE);
        events = new EventJournalWriter(directory, new SystemEpochNanoClock(), failOnError, JournalFaultInjector.NONE);
        commands.onStart();
        events.onStart();
    }

    static long timeOf(final long sequence)
    {
        return T0_NS + sequence * STEP_NS;
    }

    /**
     * @param root the data directory to write {@code commands/} and {@code events/} in.
     * @return the entries written, each command followed by its events.
     */
    static List<Entry> write(final Path root)
    {
        final DumpFixture fixture = new DumpFixture(new JournalDirectory(root));
        try
        {
            fixture.writeScenario();
        }
        finally
        {
            fixture.commands.close();
            fixture.events.close();
        }
        return Collections.unmodifiableList(fixture.entries);
    }

    private void writeScenario()
    {
        defineInstrument(1, "AAPL", 100, 1_000_000);
        defineInstrument(2, ODD_SYMBOL, 200, 2_000_000);
        sessionOpened(11, 3);
        sessionOpened(12, 4);

        newOrder(11, 3, 100, 1, Side.BUY, 10_000, 10);
        executionReport(3, 1, 100, 1, ExecType.NEW, Side.BUY, 10_000, 10, 10, Liquidity.NONE);

        newOrder(12, 4, 200, 1, Side.SELL, 10_000, 4);
        executionReport(4, 2, 200, 1, ExecType.NEW, Side.SELL, 10_000, 4, 4, Liquidity.NONE);
        executionReport(4, 2, 200, 1, ExecType.TRADE, Side.SELL, 10_000, 4, 0, Liquidity.TAKER);
        executionReport(3, 1, 100, 1, ExecType.TRADE, Side.BUY, 10_000, 4, 6, Liquidity.MAKER);

        newOrder(12, 4, 201, 2, Side.SELL, 20_000, 5);
        executionReport(4, 3, 201, 2, ExecType.NEW, Side.SELL, 20_000, 5, 5, Liquidity.NONE);

        cancelOrder(11, 3, 1);
        executionReport(3, 1, 100, 1, ExecType.CANCELLED, Side.BUY, 10_000, 6, 0, Liquidity.NONE);

        replaceOrder(12, 4, 3, 202, 20_100, 5);
        executionReport(4, 3, 202, 2, ExecType.REPLACED, Side.SELL, 20_100, 5, 5, Liquidity.NONE);

        massCancel(12, 4, -1);
        executionReport(4, 3, 202, 2, ExecType.CANCELLED, Side.SELL, 20_100, 5, 0, Liquidity.NONE);
        massCancelReport(4, -1, 1);

        tradingStatusRequest(13, 5, 2, TradingStatus.HALTED);
        tradingStatusUpdate(2, TradingStatus.HALTED);

        cancelOrder(11, 3, 99);
        cancelReject(11, 99, 99);

        sessionClosed(11, 3);
        takeSnapshot();
    }

    // ---------------------------------------------------------------- commands

    private void defineInstrument(final int instrumentId, final String symbol, final long low, final long high)
    {
        final DefineInstrumentEncoder encoder = new DefineInstrumentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .instrumentId(instrumentId).symbol(symbol).priceDecimals((short)2).tickSize(1).lotSize(1).minQuantity(1)
            .maxQuantity(1_000_000).lowPrice(low).highPrice(high);
        command(0, 0, "DefineInstrument", encoder.encodedLength(), fields(
            "instrumentId", instrumentId, "symbol", symbol, "priceDecimals", 2, "tickSize", 1, "lotSize", 1,
            "minQuantity", 1, "maxQuantity", 1_000_000, "lowPrice", low, "highPrice", high));
        instrumentDefinition(instrumentId, symbol, low, high);
    }

    private void sessionOpened(final long sessionId, final long accountId)
    {
        // The gateway's own command: the journal header names no account, only the body does.
        final SessionOpenedEncoder encoder = new SessionOpenedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId).accountId(accountId).heartbeatIntervalMs(1000).cancelOnDisconnect(BooleanType.TRUE)
            .lastSeqNum(5);
        command(0, 0, "SessionOpened", encoder.encodedLength(), fields(
            "sessionId", sessionId, "accountId", accountId, "heartbeatIntervalMs", 1000, "cancelOnDisconnect", "TRUE",
            "lastSeqNum", 5L));
        logonAccepted(sessionId, accountId);
    }

    private void sessionClosed(final long sessionId, final long accountId)
    {
        final SessionClosedEncoder encoder = new SessionClosedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId).accountId(accountId).cancelOnDisconnect(BooleanType.TRUE)
            .reason(LogoutReason.CLIENT_LOGOUT);
        command(0, 0, "SessionClosed", encoder.encodedLength(), fields(
            "sessionId", sessionId, "accountId", accountId, "cancelOnDisconnect", "TRUE", "reason", "CLIENT_LOGOUT"));
    }

    private void newOrder(
        final long sessionId,
        final long accountId,
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(sequence + 1).clOrdId(clOrdId).instrumentId(instrumentId).side(side).ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(price).quantity(quantity).displayQuantity(0)
            .stopPrice(0);
        command(sessionId, accountId, "NewOrder", encoder.encodedLength(), fields(
            "seqNum", sequence + 1, "clOrdId", clOrdId, "instrumentId", instrumentId, "side", side.name(),
            "ordType", "LIMIT", "timeInForce", "GTC", "postOnly", "FALSE", "selfTradePrevention", "CANCEL_TAKER",
            "price", price, "quantity", quantity, "displayQuantity", 0, "stopPrice", 0));
    }

    private void cancelOrder(final long sessionId, final long accountId, final long orderId)
    {
        final CancelOrderEncoder encoder = new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(sequence + 1).orderId(orderId).origClOrdId(0);
        command(sessionId, accountId, "CancelOrder", encoder.encodedLength(), fields(
            "seqNum", sequence + 1, "orderId", orderId, "origClOrdId", 0));
    }

    private void replaceOrder(
        final long sessionId,
        final long accountId,
        final long orderId,
        final long newClOrdId,
        final long price,
        final long quantity)
    {
        final ReplaceOrderEncoder encoder = new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(sequence + 1).orderId(orderId).newClOrdId(newClOrdId).price(price).quantity(quantity)
            .stopPrice(ReplaceOrderEncoder.stopPriceNullValue());
        command(sessionId, accountId, "ReplaceOrder", encoder.encodedLength(), fields(
            "seqNum", sequence + 1, "orderId", orderId, "newClOrdId", newClOrdId, "price", price,
            "quantity", quantity, "stopPrice", ReplaceOrderEncoder.stopPriceNullValue()));
    }

    private void massCancel(final long sessionId, final long accountId, final int instrumentId)
    {
        final MassCancelEncoder encoder = new MassCancelEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(sequence + 1).instrumentId(instrumentId);
        command(sessionId, accountId, "MassCancel", encoder.encodedLength(), fields(
            "seqNum", sequence + 1, "instrumentId", instrumentId));
    }

    private void tradingStatusRequest(
        final long sessionId, final long accountId, final int instrumentId, final TradingStatus status)
    {
        final TradingStatusRequestEncoder encoder = new TradingStatusRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header).seqNum(sequence + 1).instrumentId(instrumentId).status(status);
        command(sessionId, accountId, "TradingStatusRequest", encoder.encodedLength(), fields(
            "seqNum", sequence + 1, "instrumentId", instrumentId, "status", status.name()));
    }

    private void takeSnapshot()
    {
        final TakeSnapshotEncoder encoder = new TakeSnapshotEncoder().wrapAndApplyHeader(buffer, 0, header)
            .requestedBy(0);
        command(0, 0, "TakeSnapshot", encoder.encodedLength(), fields("requestedBy", 0));
    }

    // ---------------------------------------------------------------- events

    private void instrumentDefinition(final int instrumentId, final String symbol, final long low, final long high)
    {
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, header).seqNum(0).instrumentId(instrumentId).symbol(symbol)
            .priceDecimals((short)2).tickSize(1).lotSize(1).minQuantity(1).maxQuantity(1_000_000).lowPrice(low)
            .highPrice(high).status(TradingStatus.TRADING);
        event(EventSlot.TARGET_ALL, 0, "InstrumentDefinition", encoder.encodedLength(), fields(
            "seqNum", 0, "instrumentId", instrumentId, "symbol", symbol, "priceDecimals", 2, "tickSize", 1,
            "lotSize", 1, "minQuantity", 1, "maxQuantity", 1_000_000, "lowPrice", low, "highPrice", high,
            "status", "TRADING"));
    }

    private void logonAccepted(final long sessionId, final long accountId)
    {
        final LogonAcceptedEncoder encoder = new LogonAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(0).sessionId(sessionId).accountId(accountId).heartbeatIntervalMs(1000).instrumentCount(2)
            .nextSeqNum(7).replayFromSeqNum(0);
        event(EventSlot.TARGET_SESSION, sessionId, "LogonAccepted", encoder.encodedLength(), fields(
            "seqNum", 0, "sessionId", sessionId, "accountId", accountId, "heartbeatIntervalMs", 1000,
            "instrumentCount", 2, "nextSeqNum", 7, "replayFromSeqNum", 0));
    }

    private void executionReport(
        final long accountId,
        final long orderId,
        final long clOrdId,
        final int instrumentId,
        final ExecType execType,
        final Side side,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final Liquidity liquidity)
    {
        final long tradeId = execType == ExecType.TRADE ? 500 + eventSequence : 0;
        final CancelReason cancelReason = execType == ExecType.CANCELLED ? CancelReason.CLIENT_REQUEST :
            CancelReason.NONE;
        final BooleanType priorityKept = execType == ExecType.REPLACED ? BooleanType.TRUE : BooleanType.FALSE;
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(0).transactTime(timeOf(sequence)).orderId(orderId).clOrdId(clOrdId).instrumentId(instrumentId)
            .execType(execType).side(side).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).price(price)
            .quantity(quantity).leavesQuantity(leavesQuantity).tradeId(tradeId).liquidity(liquidity)
            .rejectReason(RejectReason.NONE).cancelReason(cancelReason).priorityKept(priorityKept).displayQuantity(0)
            .stopPrice(0);
        event(EventSlot.TARGET_ACCOUNT, accountId, "ExecutionReport", encoder.encodedLength(), fields(
            "seqNum", 0, "transactTime", timeOf(sequence), "orderId", orderId, "clOrdId", clOrdId,
            "instrumentId", instrumentId, "execType", execType.name(), "side", side.name(), "ordType", "LIMIT",
            "timeInForce", "GTC", "price", price, "quantity", quantity, "leavesQuantity", leavesQuantity,
            "tradeId", tradeId, "liquidity", liquidity.name(), "rejectReason", "NONE",
            "cancelReason", cancelReason.name(), "priorityKept", priorityKept.name(), "displayQuantity", 0,
            "stopPrice", 0));
    }

    private void massCancelReport(final long accountId, final int instrumentId, final long cancelledCount)
    {
        final MassCancelReportEncoder encoder = new MassCancelReportEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(0).transactTime(timeOf(sequence)).instrumentId(instrumentId).cancelledCount(cancelledCount)
            .reason(CancelReason.MASS_CANCEL);
        event(EventSlot.TARGET_ACCOUNT, accountId, "MassCancelReport", encoder.encodedLength(), fields(
            "seqNum", 0, "transactTime", timeOf(sequence), "instrumentId", instrumentId,
            "cancelledCount", cancelledCount, "reason", "MASS_CANCEL"));
    }

    private void tradingStatusUpdate(final int instrumentId, final TradingStatus status)
    {
        final TradingStatusUpdateEncoder encoder = new TradingStatusUpdateEncoder()
            .wrapAndApplyHeader(buffer, 0, header).seqNum(0).transactTime(timeOf(sequence))
            .instrumentId(instrumentId).status(status);
        event(EventSlot.TARGET_ALL, 0, "TradingStatusUpdate", encoder.encodedLength(), fields(
            "seqNum", 0, "transactTime", timeOf(sequence), "instrumentId", instrumentId, "status", status.name()));
    }

    private void cancelReject(final long sessionId, final long orderId, final long clOrdId)
    {
        final CancelRejectEncoder encoder = new CancelRejectEncoder().wrapAndApplyHeader(buffer, 0, header)
            .seqNum(0).transactTime(timeOf(sequence)).orderId(orderId).clOrdId(clOrdId)
            .responseTo(CancelRejectResponseTo.CANCEL).reason(RejectReason.UNKNOWN_ORDER);
        event(EventSlot.TARGET_SESSION, sessionId, "CancelReject", encoder.encodedLength(), fields(
            "seqNum", 0, "transactTime", timeOf(sequence), "orderId", orderId, "clOrdId", clOrdId,
            "responseTo", "CANCEL", "reason", "UNKNOWN_ORDER"));
    }

    // ---------------------------------------------------------------- journal

    private void command(
        final long sessionId,
        final long accountId,
        final String template,
        final int bodyLength,
        final Map<String, Object> fields)
    {
        sequence++;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        commandSlot.load(sequence, sessionId, accountId, timeOf(sequence), buffer, 0, length);
        commands.onEvent(commandSlot, sequence, true);
        entries.add(new Entry("command", sequence, 0, timeOf(sequence), sessionId, accountId, (byte)0, 0, template,
            fields));
    }

    private void event(
        final byte targetKind,
        final long targetId,
        final String template,
        final int bodyLength,
        final Map<String, Object> fields)
    {
        eventSequence++;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        eventSlot.load(eventSequence, sequence, timeOf(sequence), targetKind, targetId, buffer, 0, length);
        events.onEvent(eventSlot, eventSequence, true);
        entries.add(new Entry("event", sequence, eventSequence, timeOf(sequence), 0, 0, targetKind, targetId,
            template, fields));
    }

    /**
     * @param namesAndValues name, value, name, value...; whole numbers become {@link Long}, the rest {@link String}.
     */
    private static Map<String, Object> fields(final Object... namesAndValues)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            final Object value = namesAndValues[i + 1];
            fields.put((String)namesAndValues[i], value instanceof Number number ? (Object)number.longValue() : value);
        }
        return Collections.unmodifiableMap(fields);
    }
}
