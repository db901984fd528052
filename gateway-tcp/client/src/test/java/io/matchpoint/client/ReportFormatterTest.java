package io.matchpoint.client;

import static io.matchpoint.client.ServerFrames.decode;
import static io.matchpoint.client.ServerFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectEncoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.DropCopyReportEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MassCancelReportEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SessionRejectEncoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectEncoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateEncoder;

class ReportFormatterTest
{
    private static final ClientInstrument DEMO1 =
        new ClientInstrument(1, "DEMO1", 2, 5, 1, 1, 1_000_000, 9_000, 11_000, false);

    private final ReportFormatter formatter = new ReportFormatter(id -> 1 == id ? DEMO1 : null);

    @Test
    void shouldFormatNewLimitOrder()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 GTC leaves=10",
            formatter.executionReport(report(e -> e.execType(ExecType.NEW))));
    }

    @Test
    void shouldFormatNewMarketOrderWithoutPrice()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 SELL 10 DEMO1 @ MKT IOC leaves=10",
            formatter.executionReport(report(e -> e
                .execType(ExecType.NEW).side(Side.SELL).ordType(OrdType.MARKET).timeInForce(TimeInForce.IOC))));
    }

    @Test
    void shouldFormatTrade()
    {
        assertEquals("EXEC TRADE    order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 trade=7 leaves=0 TAKER",
            formatter.executionReport(report(e -> e
                .execType(ExecType.TRADE).leavesQuantity(0).tradeId(7).liquidity(Liquidity.TAKER))));
    }

    @Test
    void shouldFormatRejectedOrder()
    {
        assertEquals("EXEC REJECTED clOrd=3 DEMO1 reason=PRICE_OFF_TICK",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REJECTED).orderId(0).clOrdId(3).rejectReason(RejectReason.PRICE_OFF_TICK))));
    }

    @Test
    void shouldFormatCancelledOrder()
    {
        assertEquals("EXEC CANCELLED order=42 clOrd=1 qty=5 reason=CLIENT_REQUEST",
            formatter.executionReport(report(e -> e
                .execType(ExecType.CANCELLED).quantity(5).leavesQuantity(0)
                .cancelReason(CancelReason.CLIENT_REQUEST))));
    }

    @Test
    void shouldFormatReducedOrder()
    {
        assertEquals("EXEC REDUCED  order=42 clOrd=1 qty=3 leaves=7 reason=SELF_TRADE",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REDUCED).quantity(3).leavesQuantity(7).cancelReason(CancelReason.SELF_TRADE))));
    }

    @Test
    void shouldFormatReplacedOrder()
    {
        assertEquals("EXEC REPLACED order=42 clOrd=4 DEMO1 @ 101.50 leaves=8 priority=KEPT",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REPLACED).clOrdId(4).price(10_150).leavesQuantity(8)
                .priorityKept(BooleanType.TRUE))));
    }

    @Test
    void shouldFormatNewIcebergWithItsDisplayQuantity()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 SELL 100 DEMO1 @ 101.25 GTC leaves=100 display=10",
            formatter.executionReport(report(e -> e
                .execType(ExecType.NEW).side(Side.SELL).quantity(100).leavesQuantity(100).displayQuantity(10))));
    }

    @Test
    void shouldFormatNewStopAsAMarketOrderWithItsStopPrice()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 SELL 5 DEMO1 @ MKT IOC leaves=5 stop=101.00",
            formatter.executionReport(report(e -> e.execType(ExecType.NEW).side(Side.SELL).ordType(OrdType.STOP)
                .timeInForce(TimeInForce.IOC).price(0).quantity(5).leavesQuantity(5).stopPrice(10_100))));
    }

    @Test
    void shouldFormatNewStopLimitWithItsLimitAndStopPrices()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 SELL 5 DEMO1 @ 100.90 GTC leaves=5 stop=101.00",
            formatter.executionReport(report(e -> e.execType(ExecType.NEW).side(Side.SELL).ordType(OrdType.STOP_LIMIT)
                .price(10_090).quantity(5).leavesQuantity(5).stopPrice(10_100))));
    }

    @Test
    void shouldFormatTriggeredWithItsSideAndStopPrice()
    {
        assertEquals("EXEC TRIGGERED order=42 clOrd=1 SELL DEMO1 stop=101.00",
            formatter.executionReport(report(e -> e
                .execType(ExecType.TRIGGERED).side(Side.SELL).ordType(OrdType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL)
                .price(10_100).quantity(0).leavesQuantity(0).stopPrice(10_100))));
    }

    @Test
    void shouldFormatAWaitingStopsReplaceWithItsNewStopPrice()
    {
        assertEquals("EXEC REPLACED order=42 clOrd=4 DEMO1 @ MKT leaves=8 priority=LOST stop=99.50",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REPLACED).clOrdId(4).price(0).leavesQuantity(8).stopPrice(9_950))));
        assertEquals("EXEC REPLACED order=42 clOrd=4 DEMO1 @ 99.40 leaves=8 priority=KEPT stop=99.50",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REPLACED).clOrdId(4).price(9_940).leavesQuantity(8).stopPrice(9_950)
                .priorityKept(BooleanType.TRUE))));
    }

    @Test
    void shouldFormatTheDropCopyOfATriggerAsTheReportItCopies()
    {
        final DropCopyReportDecoder copy = decode(new DropCopyReportDecoder(), frame(new DropCopyReportEncoder(), e -> e
            .seqNum(5).accountId(7).accountSeqNum(3).transactTime(1_000).orderId(42).clOrdId(1).instrumentId(1)
            .execType(ExecType.TRIGGERED).side(Side.BUY).ordType(OrdType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL)
            .price(10_150).quantity(0).leavesQuantity(0).tradeId(0).liquidity(Liquidity.NONE)
            .rejectReason(RejectReason.NONE).cancelReason(CancelReason.NONE).priorityKept(BooleanType.FALSE)
            .displayQuantity(0).stopPrice(10_150)));

        assertEquals("COPY account=7 seq=3 EXEC TRIGGERED order=42 clOrd=1 BUY DEMO1 stop=101.50",
            formatter.dropCopyReport(copy));
    }

    @Test
    void shouldFormatRefillWithTheSliceShownAndTheWholeOrdersLeaves()
    {
        assertEquals("EXEC REFILLED order=42 clOrd=1 SELL DEMO1 @ 101.25 shown=10 leaves=70",
            formatter.executionReport(report(e -> e
                .execType(ExecType.REFILLED).side(Side.SELL).ordType(OrdType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL)
                .quantity(10).leavesQuantity(70).displayQuantity(10))));
    }

    @Test
    void shouldFormatTheDropCopyOfARefillAsTheReportItCopies()
    {
        final DropCopyReportDecoder copy = decode(new DropCopyReportDecoder(), frame(new DropCopyReportEncoder(), e -> e
            .seqNum(5).accountId(7).accountSeqNum(3).transactTime(1_000).orderId(42).clOrdId(1).instrumentId(1)
            .execType(ExecType.REFILLED).side(Side.BUY).ordType(OrdType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL)
            .price(10_125).quantity(5).leavesQuantity(25).tradeId(0).liquidity(Liquidity.NONE)
            .rejectReason(RejectReason.NONE).cancelReason(CancelReason.NONE).priorityKept(BooleanType.FALSE)
            .displayQuantity(5).stopPrice(0)));

        assertEquals("COPY account=7 seq=3 EXEC REFILLED order=42 clOrd=1 BUY DEMO1 @ 101.25 shown=5 leaves=25",
            formatter.dropCopyReport(copy));
    }

    @Test
    void shouldFormatANewFromAServerOnSchemaVersionZeroWithoutADisplayQuantity()
    {
        final byte[] bytes = frame(new ExecutionReportEncoder(), e -> fill(e).displayQuantity(-1).stopPrice(-1));
        final UnsafeBuffer frame = new UnsafeBuffer(bytes);
        new MessageHeaderEncoder().wrap(frame, ServerFrames.SBE_HEADER_OFFSET)
            .blockLength(ExecutionReportEncoder.displayQuantityEncodingOffset()).version(0);

        assertEquals("EXEC NEW      order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 GTC leaves=10",
            formatter.executionReport(decode(new ExecutionReportDecoder(), bytes)));
    }

    @Test
    void shouldPrintRawPriceAndHashIdForUnknownInstrument()
    {
        assertEquals("EXEC NEW      order=42 clOrd=1 BUY 10 #9 @ 10125 GTC leaves=10",
            formatter.executionReport(report(e -> e.execType(ExecType.NEW).instrumentId(9))));
    }

    @Test
    void shouldPrintUnknownEnumValueAsQuestionMarkAndRawValue()
    {
        final byte[] bytes = frame(new ExecutionReportEncoder(), e -> fill(e).execType(ExecType.CANCELLED));
        bytes[ServerFrames.BODY_OFFSET + ExecutionReportEncoder.cancelReasonEncodingOffset()] = 99;

        assertEquals("EXEC CANCELLED order=42 clOrd=1 qty=10 reason=?99",
            formatter.executionReport(decode(new ExecutionReportDecoder(), bytes)));
    }

    @Test
    void shouldFormatCancelReject()
    {
        final CancelRejectDecoder reject = decode(new CancelRejectDecoder(), frame(new CancelRejectEncoder(), e -> e
            .seqNum(1).orderId(99).clOrdId(0).responseTo(CancelRejectResponseTo.CANCEL)
            .reason(RejectReason.UNKNOWN_ORDER)));

        assertEquals("CANCEL-REJECT order=99 reason=UNKNOWN_ORDER clOrd=0 on=CANCEL", formatter.cancelReject(reject));
    }

    @Test
    void shouldFormatMassCancelOfOneInstrument()
    {
        assertEquals("MASS-CANCEL DEMO1 cancelled=3",
            formatter.massCancelReport(massCancel(1, CancelReason.MASS_CANCEL)));
    }

    @Test
    void shouldFormatCancelOnDisconnectOfAllInstrumentsWithItsReason()
    {
        assertEquals("MASS-CANCEL ALL cancelled=3 reason=CANCEL_ON_DISCONNECT",
            formatter.massCancelReport(massCancel(-1, CancelReason.CANCEL_ON_DISCONNECT)));
    }

    @Test
    void shouldFormatHalt()
    {
        final TradingStatusUpdateDecoder update = decode(new TradingStatusUpdateDecoder(), frame(
            new TradingStatusUpdateEncoder(), e -> e.seqNum(1).instrumentId(1).status(TradingStatus.HALTED)));

        assertEquals("STATUS DEMO1 HALTED", formatter.tradingStatus(update));
    }

    @Test
    void shouldFormatSessionReject()
    {
        final SessionRejectDecoder reject = decode(new SessionRejectDecoder(), frame(new SessionRejectEncoder(), e -> e
            .seqNum(1).reason(SessionRejectReason.BAD_SEQUENCE_NUMBER).refSeqNum(12).refTemplateId(10).expected(11)));

        assertEquals("SESSION-REJECT reason=BAD_SEQUENCE_NUMBER ref=12 template=10 expected=11",
            formatter.sessionReject(reject));
    }

    @Test
    void shouldFormatThrottleReject()
    {
        final ThrottleRejectDecoder reject = decode(new ThrottleRejectDecoder(), frame(
            new ThrottleRejectEncoder(),
            e -> e.seqNum(1).refSeqNum(12).refTemplateId(10).maxMessages(100).windowMs(1_000)));

        assertEquals("THROTTLE-REJECT ref=12 template=10 limit=100/1000ms", formatter.throttleReject(reject));
    }

    @Test
    void shouldFormatBusinessReject()
    {
        final BusinessRejectDecoder reject = decode(new BusinessRejectDecoder(), frame(
            new BusinessRejectEncoder(),
            e -> e.seqNum(1).refTemplateId(14).instrumentId(1).reason(RejectReason.NOT_PERMITTED)));

        assertEquals("BUSINESS-REJECT template=14 DEMO1 reason=NOT_PERMITTED", formatter.businessReject(reject));
    }

    @Test
    void shouldFormatLogonAccepted()
    {
        assertEquals("LOGON accepted session=5 account=2 heartbeat=1000ms instruments=3",
            formatter.logonAccepted(5, 2, 1_000, 3));
    }

    @Test
    void shouldFormatLogonRejected()
    {
        assertEquals("LOGON rejected reason=LOCKED_OUT retryAfter=30000ms",
            formatter.logonRejected(LogonRejectReason.LOCKED_OUT, 30_000));
    }

    @Test
    void shouldFormatLogout()
    {
        assertEquals("LOGOUT reason=SERVER_SHUTDOWN", formatter.logout(LogoutReason.SERVER_SHUTDOWN));
    }

    @Test
    void shouldFormatInstrumentWithItsDecimals()
    {
        assertEquals("INSTRUMENT 1 DEMO1 decimals=2 tick=0.05 lot=1 qty=1..1000000 band=90.00..110.00 TRADING",
            formatter.instrument(DEMO1));
    }

    @ParameterizedTest
    @CsvSource({
        "10125, 2, 101.25",
        "5, 2, 0.05",
        "-5, 2, -0.05",
        "-10125, 2, -101.25",
        "0, 2, 0.00",
        "100, 2, 1.00",
        "7, 0, 7",
        "-7, 0, -7",
        "1, 4, 0.0001",
        "-9223372036854775808, 4, -922337203685477.5808"
    })
    void shouldFormatIntegerPriceWithDecimals(final long price, final int decimals, final String expected)
    {
        assertEquals(expected, ReportFormatter.formatPrice(price, decimals));
    }

    @Test
    void shouldHandEachFormattedLineToTheConsumerOfItsListener()
    {
        final List<String> lines = new ArrayList<>();
        final ClientListener listener = formatter.asListener(lines::add);

        listener.onLogonAccepted(5, 2, 1_000, 1);
        listener.onInstrument(DEMO1);
        listener.onHeartbeat(3);
        listener.onExecutionReport(report(e -> e.execType(ExecType.NEW)));
        listener.onDisconnected("end of stream");

        assertEquals(List.of(
            "LOGON accepted session=5 account=2 heartbeat=1000ms instruments=1",
            "INSTRUMENT 1 DEMO1 decimals=2 tick=0.05 lot=1 qty=1..1000000 band=90.00..110.00 TRADING",
            "EXEC NEW      order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 GTC leaves=10",
            "DISCONNECTED end of stream"), lines);
    }

    private static ExecutionReportDecoder report(final Consumer<ExecutionReportEncoder> fields)
    {
        return decode(new ExecutionReportDecoder(), frame(new ExecutionReportEncoder(), e -> fields.accept(fill(e))));
    }

    private static ExecutionReportEncoder fill(final ExecutionReportEncoder encoder)
    {
        return encoder
            .seqNum(1)
            .transactTime(1_000)
            .orderId(42)
            .clOrdId(1)
            .instrumentId(1)
            .execType(ExecType.NEW)
            .side(Side.BUY)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .price(10_125)
            .quantity(10)
            .leavesQuantity(10)
            .tradeId(0)
            .liquidity(Liquidity.NONE)
            .rejectReason(RejectReason.NONE)
            .cancelReason(CancelReason.NONE)
            .priorityKept(BooleanType.FALSE)
            .displayQuantity(0)
            .stopPrice(0);
    }

    private static MassCancelReportDecoder massCancel(final int instrumentId, final CancelReason reason)
    {
        return decode(new MassCancelReportDecoder(), frame(new MassCancelReportEncoder(), e -> e
            .seqNum(1).instrumentId(instrumentId).cancelledCount(3).reason(reason)));
    }
}
