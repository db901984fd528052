package io.matchpoint.client;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Turns what a {@link MatchpointClient} receives into one readable line per message, for the command-line client and
 * logs. Allocates freely: keep it off any latency-sensitive path. Prices print in the instrument's units with its
 * {@code priceDecimals} (10125 with 2 decimals prints {@code 101.25}); quantities print as integers.
 * <p>
 * The formats are stable; tests and the README match them. {@code <SYM>} is the instrument's symbol, {@code ALL} for
 * instrument id -1, or {@code #<id>} for an instrument the formatter has no reference data for (whose prices then
 * print as raw integers). Enum values print by name, or as {@code ?<raw>} for a value this build does not know.
 * The execution type is left-aligned in 8 columns and followed by one space.
 * <pre>
 * EXEC NEW      order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 GTC leaves=10
 * EXEC NEW      order=43 clOrd=2 SELL 5 DEMO1 @ MKT IOC leaves=5                (a MARKET order)
 * EXEC NEW      order=44 clOrd=3 SELL 100 DEMO1 @ 101.30 GTC leaves=100 display=10 (an iceberg)
 * EXEC NEW      order=45 clOrd=5 SELL 5 DEMO1 @ MKT IOC leaves=5 stop=101.00     (a STOP; a STOP_LIMIT shows its price)
 * EXEC TRADE    order=42 clOrd=1 BUY 10 DEMO1 @ 101.25 trade=7 leaves=0 TAKER
 * EXEC REJECTED clOrd=3 DEMO1 reason=PRICE_OFF_TICK
 * EXEC CANCELLED order=42 clOrd=1 qty=5 reason=CLIENT_REQUEST
 * EXEC REDUCED  order=42 clOrd=1 qty=3 leaves=7 reason=SELF_TRADE
 * EXEC REPLACED order=42 clOrd=4 DEMO1 @ 101.50 leaves=8 priority=LOST          (or priority=KEPT)
 * EXEC REPLACED order=45 clOrd=6 DEMO1 @ MKT leaves=5 priority=LOST stop=100.90  (a waiting stop: its stop price)
 * EXEC REFILLED order=44 clOrd=3 SELL DEMO1 @ 101.30 shown=10 leaves=90         (an iceberg's new slice)
 * EXEC TRIGGERED order=45 clOrd=5 SELL DEMO1 stop=101.00                        (its trades follow)
 * CANCEL-REJECT order=99 reason=UNKNOWN_ORDER clOrd=0 on=CANCEL                 (on=CANCEL or on=REPLACE)
 * MASS-CANCEL DEMO1 cancelled=3                                                 (reason MASS_CANCEL)
 * MASS-CANCEL ALL cancelled=3 reason=CANCEL_ON_DISCONNECT                       (any other reason)
 * STATUS DEMO1 HALTED                                                           (or TRADING)
 * SESSION-REJECT reason=BAD_SEQUENCE_NUMBER ref=12 template=10 expected=11
 * THROTTLE-REJECT ref=12 template=10 limit=100/1000ms
 * BUSINESS-REJECT template=14 DEMO1 reason=NOT_PERMITTED
 * LOGON accepted session=5 account=2 heartbeat=1000ms instruments=3
 * LOGON rejected reason=LOCKED_OUT retryAfter=30000ms
 * LOGOUT reason=SERVER_SHUTDOWN
 * INSTRUMENT 1 DEMO1 decimals=2 tick=0.01 lot=1 qty=1..1000000 band=90.00..110.00 TRADING
 * HEARTBEAT seq=17
 * PROTOCOL-ERROR gap in server sequence numbers: ...
 * DISCONNECTED end of stream: the server closed the connection
 * </pre>
 * The explanations in parentheses are not part of the lines.
 */
public final class ReportFormatter
{
    private static final int EXEC_TYPE_WIDTH = 8;
    private static final int ALL_INSTRUMENTS = -1;
    private static final String NULL_VAL = "NULL_VAL";

    private final IntFunction<ClientInstrument> instruments;
    private final ExecutionReportDecoder copiedReport = new ExecutionReportDecoder();

    /**
     * @param instruments looks up an instrument's reference data by id, {@code null} when unknown; typically
     *                    {@code client::instrumentById}.
     */
    public ReportFormatter(final IntFunction<ClientInstrument> instruments)
    {
        this.instruments = Objects.requireNonNull(instruments, "instruments");
    }

    /**
     * @param copy a drop copy report, read during the call only.
     * @return its line: {@code COPY account=<id> seq=<its number in that account's stream> EXEC <TYPE> ...}.
     */
    public String dropCopyReport(final DropCopyReportDecoder copy)
    {
        return "COPY account=" + copy.accountId() + " seq=" + copy.accountSeqNum() + " " +
            executionReport(DropCopyReports.asExecutionReport(copy, copiedReport));
    }

    /**
     * @param report an execution report, read during the call only.
     * @return its line: {@code EXEC <TYPE> ...}.
     */
    public String executionReport(final ExecutionReportDecoder report)
    {
        final int instrumentId = report.instrumentId();
        final short execType = report.execTypeRaw();
        final StringBuilder line = new StringBuilder(96).append("EXEC ");
        padded(line, name(ExecType.values(), ExecType::value, execType)).append(' ');

        if (ExecType.REJECTED.value() == execType)
        {
            line.append("clOrd=").append(report.clOrdId())
                .append(' ').append(symbol(instrumentId))
                .append(" reason=").append(name(RejectReason.values(), RejectReason::value, report.rejectReasonRaw()));

            return line.toString();
        }

        line.append("order=").append(report.orderId()).append(" clOrd=").append(report.clOrdId());
        if (ExecType.NEW.value() == execType)
        {
            appendOrder(line, report, instrumentId);
            if (OrdType.MARKET.value() == report.ordTypeRaw() || OrdType.STOP.value() == report.ordTypeRaw())
            {
                line.append("MKT");
            }
            else
            {
                line.append(price(instrumentId, report.price()));
            }
            line.append(' ').append(name(TimeInForce.values(), TimeInForce::value, report.timeInForceRaw()))
                .append(" leaves=").append(report.leavesQuantity());
            final long displayQuantity = displayQuantity(report);
            if (displayQuantity != 0)
            {
                line.append(" display=").append(displayQuantity);
            }
            appendStopPrice(line, report, instrumentId);
        }
        else if (ExecType.TRADE.value() == execType)
        {
            appendOrder(line, report, instrumentId);
            line.append(price(instrumentId, report.price()))
                .append(" trade=").append(report.tradeId())
                .append(" leaves=").append(report.leavesQuantity())
                .append(' ').append(name(Liquidity.values(), Liquidity::value, report.liquidityRaw()));
        }
        else if (ExecType.CANCELLED.value() == execType)
        {
            line.append(" qty=").append(report.quantity())
                .append(" reason=").append(name(CancelReason.values(), CancelReason::value, report.cancelReasonRaw()));
        }
        else if (ExecType.REDUCED.value() == execType)
        {
            line.append(" qty=").append(report.quantity())
                .append(" leaves=").append(report.leavesQuantity())
                .append(" reason=").append(name(CancelReason.values(), CancelReason::value, report.cancelReasonRaw()));
        }
        else if (ExecType.REPLACED.value() == execType)
        {
            // a waiting STOP has no limit price: its REPLACED carries price 0 and its stop price
            final boolean stop = stopPrice(report) != 0 && report.price() == 0;
            line.append(' ').append(symbol(instrumentId))
                .append(" @ ").append(stop ? "MKT" : price(instrumentId, report.price()))
                .append(" leaves=").append(report.leavesQuantity())
                .append(" priority=").append(BooleanType.TRUE.value() == report.priorityKeptRaw() ? "KEPT" : "LOST");
            appendStopPrice(line, report, instrumentId);
        }
        else if (ExecType.REFILLED.value() == execType)
        {
            // the slice shown is the quantity; leaves are the whole order's, the hidden part included
            line.append(' ').append(name(Side.values(), Side::value, report.sideRaw()))
                .append(' ').append(symbol(instrumentId))
                .append(" @ ").append(price(instrumentId, report.price()))
                .append(" shown=").append(report.quantity())
                .append(" leaves=").append(report.leavesQuantity());
        }
        else if (ExecType.TRIGGERED.value() == execType)
        {
            line.append(' ').append(name(Side.values(), Side::value, report.sideRaw()))
                .append(' ').append(symbol(instrumentId));
            appendStopPrice(line, report, instrumentId);
        }

        return line.toString();
    }

    /**
     * @param reject a cancel reject, read during the call only.
     * @return its line: {@code CANCEL-REJECT order=<id> reason=<R> clOrd=<id> on=<CANCEL|REPLACE>}.
     */
    public String cancelReject(final CancelRejectDecoder reject)
    {
        return "CANCEL-REJECT order=" + reject.orderId() +
            " reason=" + name(RejectReason.values(), RejectReason::value, reject.reasonRaw()) +
            " clOrd=" + reject.clOrdId() +
            " on=" + name(CancelRejectResponseTo.values(), CancelRejectResponseTo::value, reject.responseToRaw());
    }

    /**
     * @param report a mass cancel report, read during the call only.
     * @return its line: {@code MASS-CANCEL <SYM> cancelled=<n>}, plus {@code  reason=<R>} unless the reason is
     * MASS_CANCEL.
     */
    public String massCancelReport(final MassCancelReportDecoder report)
    {
        final short reason = report.reasonRaw();
        final String line = "MASS-CANCEL " + symbol(report.instrumentId()) + " cancelled=" + report.cancelledCount();

        return CancelReason.MASS_CANCEL.value() == reason ? line :
            line + " reason=" + name(CancelReason.values(), CancelReason::value, reason);
    }

    /**
     * @param update a trading status update, read during the call only.
     * @return its line: {@code STATUS <SYM> <HALTED|TRADING>}.
     */
    public String tradingStatus(final TradingStatusUpdateDecoder update)
    {
        return "STATUS " + symbol(update.instrumentId()) + " " +
            name(TradingStatus.values(), TradingStatus::value, update.statusRaw());
    }

    /**
     * @param report a price collar report, read during the call only.
     * @return its line: {@code COLLAR <SYM> ticks=<n>}, {@code COLLAR <SYM> percent=<p>%} or {@code COLLAR <SYM> none},
     * then {@code reference=<price>}.
     */
    public String priceCollar(final io.matchpoint.codec.sbe.PriceCollarReportDecoder report)
    {
        final long basisPoints = report.basisPoints();
        final String collar = report.collarTicks() != 0 ? "ticks=" + report.collarTicks() :
            basisPoints != 0 ? "percent=" + java.math.BigDecimal.valueOf(basisPoints, 2).toPlainString() + "%" : "none";
        return "COLLAR " + symbol(report.instrumentId()) + " " + collar + " reference=" +
            price(report.instrumentId(), report.referencePrice());
    }

    /**
     * @param status an account status, read during the call only.
     * @return its line: {@code ACCOUNT <id> KILLED cancelled=<n>} or {@code ACCOUNT <id> ACTIVE}.
     */
    public String accountStatus(final io.matchpoint.codec.sbe.AccountStatusDecoder status)
    {
        return "ACCOUNT " + status.accountId() + (BooleanType.TRUE.value() == status.killedRaw() ?
            " KILLED cancelled=" + status.cancelledCount() : " ACTIVE");
    }

    /**
     * @param report risk limits, read during the call only.
     * @return its line: {@code LIMITS <account|default> own|defaults max-order-qty=<n|none> ... open-orders=<n>
     * open-notional=<n>}.
     */
    public String riskLimits(final io.matchpoint.codec.sbe.RiskLimitsReportDecoder report)
    {
        return "LIMITS " + (report.accountId() == MatchpointClient.ALL_ACCOUNTS ? "default" : report.accountId()) +
            (BooleanType.TRUE.value() == report.ownLimitsRaw() ? " own" : " defaults") +
            " max-order-qty=" + limit(report.maxOrderQuantity()) +
            " max-order-notional=" + limit(report.maxOrderNotional()) +
            " max-open-orders=" + limit(report.maxOpenOrders()) +
            " instrument-credit=" + limit(report.instrumentCredit()) +
            " total-credit=" + limit(report.totalCredit()) +
            " position-limit=" + limit(report.positionLimit()) +
            (report.accountId() == MatchpointClient.ALL_ACCOUNTS ? "" :
            " open-orders=" + report.openOrders() + " open-notional=" + report.openNotional());
    }

    private static String limit(final long value)
    {
        return value == MatchpointClient.NO_LIMIT ? "none" : Long.toString(value);
    }

    /**
     * @param reject a session reject, read during the call only.
     * @return its line: {@code SESSION-REJECT reason=<R> ref=<seqNum> template=<id> expected=<n>}.
     */
    public String sessionReject(final SessionRejectDecoder reject)
    {
        return "SESSION-REJECT reason=" +
            name(SessionRejectReason.values(), SessionRejectReason::value, reject.reasonRaw()) +
            " ref=" + reject.refSeqNum() +
            " template=" + reject.refTemplateId() +
            " expected=" + reject.expected();
    }

    /**
     * @param reject a throttle reject, read during the call only.
     * @return its line: {@code THROTTLE-REJECT ref=<seqNum> template=<id> limit=<max>/<window>ms}.
     */
    public String throttleReject(final ThrottleRejectDecoder reject)
    {
        return "THROTTLE-REJECT ref=" + reject.refSeqNum() +
            " template=" + reject.refTemplateId() +
            " limit=" + reject.maxMessages() + "/" + reject.windowMs() + "ms";
    }

    /**
     * @param reject a business reject, read during the call only.
     * @return its line: {@code BUSINESS-REJECT template=<id> <SYM> reason=<R>}.
     */
    public String businessReject(final BusinessRejectDecoder reject)
    {
        return "BUSINESS-REJECT template=" + reject.refTemplateId() +
            " " + symbol(reject.instrumentId()) +
            " reason=" + name(RejectReason.values(), RejectReason::value, reject.reasonRaw());
    }

    /**
     * @param sessionId           the session's id.
     * @param accountId           the account's id.
     * @param heartbeatIntervalMs the confirmed heartbeat interval.
     * @param instrumentCount     how many instrument definitions follow.
     * @return {@code LOGON accepted session=<id> account=<id> heartbeat=<ms>ms instruments=<n>}.
     */
    public String logonAccepted(
        final long sessionId, final long accountId, final long heartbeatIntervalMs, final int instrumentCount)
    {
        return "LOGON accepted session=" + sessionId + " account=" + accountId +
            " heartbeat=" + heartbeatIntervalMs + "ms instruments=" + instrumentCount;
    }

    /**
     * @param reason       why the logon was refused.
     * @param retryAfterMs how long a lockout lasts, or 0.
     * @return {@code LOGON rejected reason=<R> retryAfter=<ms>ms}.
     */
    public String logonRejected(final LogonRejectReason reason, final long retryAfterMs)
    {
        return "LOGON rejected reason=" + reason + " retryAfter=" + retryAfterMs + "ms";
    }

    /**
     * @param reason why the server ends the session.
     * @return {@code LOGOUT reason=<R>}.
     */
    public String logout(final LogoutReason reason)
    {
        return "LOGOUT reason=" + reason;
    }

    /**
     * @param seqNum the heartbeat's sequence number.
     * @return {@code HEARTBEAT seq=<n>}.
     */
    public String heartbeat(final long seqNum)
    {
        return "HEARTBEAT seq=" + seqNum;
    }

    /**
     * @param instrument reference data.
     * @return {@code INSTRUMENT <id> <SYM> decimals=<d> tick=<price> lot=<n> qty=<min>..<max>
     * band=<low>..<high> <TRADING|HALTED>}, prices in the instrument's decimals.
     */
    public String instrument(final ClientInstrument instrument)
    {
        final int decimals = instrument.priceDecimals();

        return "INSTRUMENT " + instrument.id() + " " + instrument.symbol() +
            " decimals=" + decimals +
            " tick=" + formatPrice(instrument.tickSize(), decimals) +
            " lot=" + instrument.lotSize() +
            " qty=" + instrument.minQuantity() + ".." + instrument.maxQuantity() +
            " band=" + formatPrice(instrument.lowPrice(), decimals) + ".." +
            formatPrice(instrument.highPrice(), decimals) +
            (instrument.halted() ? " HALTED" : " TRADING");
    }

    /**
     * @param what the protocol error.
     * @return {@code PROTOCOL-ERROR <what>}.
     */
    public String protocolError(final String what)
    {
        return "PROTOCOL-ERROR " + what;
    }

    /**
     * @param why what ended the connection.
     * @return {@code DISCONNECTED <why>}.
     */
    public String disconnected(final String why)
    {
        return "DISCONNECTED " + why;
    }

    /**
     * A listener that formats every callback except heartbeats into its line and hands it to {@code lines}.
     *
     * @param lines receives one line per message.
     * @return the listener.
     */
    public ClientListener asListener(final Consumer<String> lines)
    {
        Objects.requireNonNull(lines, "lines");
        return new ClientListener()
        {
            public void onLogonAccepted(
                final long sessionId, final long accountId, final long heartbeatIntervalMs, final int instrumentCount)
            {
                lines.accept(logonAccepted(sessionId, accountId, heartbeatIntervalMs, instrumentCount));
            }

            public void onLogonRejected(final LogonRejectReason reason, final long retryAfterMs)
            {
                lines.accept(logonRejected(reason, retryAfterMs));
            }

            public void onInstrument(final ClientInstrument instrument)
            {
                lines.accept(instrument(instrument));
            }

            public void onExecutionReport(final ExecutionReportDecoder report)
            {
                lines.accept(executionReport(report));
            }

            public void onCancelReject(final CancelRejectDecoder reject)
            {
                lines.accept(cancelReject(reject));
            }

            public void onMassCancelReport(final MassCancelReportDecoder report)
            {
                lines.accept(massCancelReport(report));
            }

            public void onTradingStatus(final TradingStatusUpdateDecoder update)
            {
                lines.accept(tradingStatus(update));
            }

            public void onSessionReject(final SessionRejectDecoder reject)
            {
                lines.accept(sessionReject(reject));
            }

            public void onThrottleReject(final ThrottleRejectDecoder reject)
            {
                lines.accept(throttleReject(reject));
            }

            public void onBusinessReject(final BusinessRejectDecoder reject)
            {
                lines.accept(businessReject(reject));
            }

            public void onLogout(final LogoutReason reason)
            {
                lines.accept(logout(reason));
            }

            public void onProtocolError(final String what)
            {
                lines.accept(protocolError(what));
            }

            public void onDisconnected(final String why)
            {
                lines.accept(disconnected(why));
            }
        };
    }

    /**
     * @param instrumentId the instrument the price belongs to.
     * @param price        in the instrument's price unit.
     * @return the price with the instrument's decimals, or the raw integer for an unknown instrument.
     */
    public String price(final int instrumentId, final long price)
    {
        final ClientInstrument instrument = ALL_INSTRUMENTS == instrumentId ? null : instruments.apply(instrumentId);

        return null == instrument ? Long.toString(price) : formatPrice(price, instrument.priceDecimals());
    }

    /**
     * @param instrumentId an instrument id.
     * @return the instrument's symbol, {@code ALL} for -1, or {@code #<id>} when unknown.
     */
    public String symbol(final int instrumentId)
    {
        if (ALL_INSTRUMENTS == instrumentId)
        {
            return "ALL";
        }
        final ClientInstrument instrument = instruments.apply(instrumentId);

        return null == instrument ? "#" + instrumentId : instrument.symbol();
    }

    /**
     * Formats an integer price with a decimal point: (10125, 2) gives {@code 101.25}, (-5, 2) gives {@code -0.05},
     * (7, 0) gives {@code 7}.
     *
     * @param price    integer count of the price unit.
     * @param decimals digits after the decimal point, 0 or more.
     * @return the price as text.
     */
    public static String formatPrice(final long price, final int decimals)
    {
        // decimals arrive from the wire: beyond what PriceText handles, print the raw units rather than fail
        return decimals <= 0 || decimals > PriceText.MAX_DECIMALS ? Long.toString(price) :
            PriceText.format(price, decimals);
    }

    /**
     * @return the report's display quantity: 0 in a report of a server on schema version 0, which has no such field.
     */
    private static long displayQuantity(final ExecutionReportDecoder report)
    {
        return report.actingVersion() < ExecutionReportDecoder.displayQuantitySinceVersion() ? 0 :
            report.displayQuantity();
    }

    /**
     * Appends {@code  stop=<price>} for a stop order's report; nothing for any other order's, whose stop price is 0,
     * nor for a report of a server on schema version 0, which has no such field.
     */
    private void appendStopPrice(final StringBuilder line, final ExecutionReportDecoder report, final int instrumentId)
    {
        final long stopPrice = stopPrice(report);
        if (stopPrice != 0)
        {
            line.append(" stop=").append(price(instrumentId, stopPrice));
        }
    }

    /**
     * @return the report's stop price: 0 in a report of a server on schema version 0, which has no such field.
     */
    private static long stopPrice(final ExecutionReportDecoder report)
    {
        return report.actingVersion() < ExecutionReportDecoder.stopPriceSinceVersion() ? 0 : report.stopPrice();
    }

    private void appendOrder(final StringBuilder line, final ExecutionReportDecoder report, final int instrumentId)
    {
        line.append(' ').append(name(Side.values(), Side::value, report.sideRaw()))
            .append(' ').append(report.quantity())
            .append(' ').append(symbol(instrumentId))
            .append(" @ ");
    }

    private static StringBuilder padded(final StringBuilder line, final String text)
    {
        line.append(text);
        for (int i = text.length(); i < EXEC_TYPE_WIDTH; i++)
        {
            line.append(' ');
        }

        return line;
    }

    private static <E extends Enum<E>> String name(final E[] values, final ToIntFunction<E> valueOf, final short raw)
    {
        for (final E value : values)
        {
            if (valueOf.applyAsInt(value) == raw && !NULL_VAL.equals(value.name()))
            {
                return value.name();
            }
        }

        return "?" + raw;
    }
}
