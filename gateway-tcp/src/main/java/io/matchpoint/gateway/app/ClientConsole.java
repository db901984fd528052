package io.matchpoint.gateway.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.matchpoint.client.ClientInstrument;
import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.client.ReportFormatter;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;
import io.matchpoint.gateway.cli.ClientCommandParser;
import io.matchpoint.gateway.cli.ClientLine;
import io.matchpoint.gateway.cli.ClientOptions;
import io.matchpoint.gateway.cli.InstrumentRef;

/**
 * {@code matchpoint client}: logs on, then reads one command per line from the terminal, a pipe or a file, sends it
 * and prints every message the server sends as one line. Each command waits for its answer (or the timeout) before
 * the next is read, so a script's output comes in a stable order; reports caused by other accounts print as they
 * arrive. At the end of input it keeps printing for the linger time, logs out and exits 0; a failed logon exits 1.
 * Malformed lines are refused locally with a message and nothing is sent. Convenience over speed: this is a tool
 * for people; programs use {@link MatchpointClient} directly.
 */
public final class ClientConsole implements ClientListener
{
    private static final String END_OF_INPUT = new String("<eof>");

    private final ClientOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<Long, OrderState> orders = new HashMap<>();
    private MatchpointClient client;
    private ReportFormatter formatter;
    private ClientCommandParser parser;
    private SelfTradePrevention selfTradePrevention = SelfTradePrevention.CANCEL_TAKER;
    private long nextClOrdId = 1;
    private long awaitedClOrdId;
    private long awaitedOrderId;
    private boolean awaitingAny;
    private boolean awaiting;
    private boolean disconnected;

    private record OrderState(int instrumentId, long price, long leavesQuantity)
    {
    }

    private ClientConsole(final ClientOptions options, final PrintStream out, final PrintStream err)
    {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs a client session.
     *
     * @param options parsed command-line options.
     * @param in      commands, one per line.
     * @param out     reports.
     * @param err     errors.
     * @return 0 after a clean logout; 1 if the logon failed or the server went away.
     * @throws Exception if interrupted.
     */
    public static int run(final ClientOptions options, final InputStream in, final PrintStream out, final PrintStream err)
        throws Exception
    {
        return new ClientConsole(options, out, err).session(in);
    }

    private int session(final InputStream in) throws Exception
    {
        try
        {
            client = MatchpointClient.connect(options.host(), options.port(), options.timeoutMs());
        }
        catch (final IOException ex)
        {
            err.println("matchpoint client: cannot connect to " + options.host() + ":" + options.port() + ": " +
                ex.getMessage() + " (is the server running? ./matchpoint server)");
            return 1;
        }
        try
        {
            formatter = new ReportFormatter(client::instrumentById);
            final LogonResult logon = client.logonAndWait(this, options.account(), options.password(),
                options.cancelOnDisconnect(), (int)options.heartbeatIntervalMs(), options.timeoutMs());
            if (!logon.accepted())
            {
                err.println("matchpoint client: logon failed: " + logon.outcome() +
                    (logon.rejectReason() != null ? " " + logon.rejectReason() : "") +
                    (logon.retryAfterMs() > 0 ? " (retry after " + logon.retryAfterMs() + " ms)" : "") +
                    (logon.detail() != null ? " " + logon.detail() : ""));
                return 1;
            }
            parser = new ClientCommandParser(this::instrumentBySymbol, this::instrumentOfOrder);
            if (!options.quietBanner())
            {
                out.println("# logged on as " + options.account() + " (account " + client.accountId() + ", session " +
                    client.sessionId() + "); type 'help' for commands");
            }
            return commandLoop(in);
        }
        finally
        {
            client.close();
        }
    }

    private int commandLoop(final InputStream in) throws Exception
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() -> readLines(in, lines), "matchpoint-client-input");
        reader.setDaemon(true);
        reader.start();
        while (!disconnected)
        {
            client.poll(this);
            final String line = lines.poll(1, TimeUnit.MILLISECONDS);
            if (line == null)
            {
                continue;
            }
            if (line == END_OF_INPUT)
            {
                break;
            }
            if (!execute(line))
            {
                break;
            }
        }
        if (disconnected)
        {
            return 1;
        }
        pollFor(options.lingerMs());
        client.logout();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
        while (!disconnected && System.nanoTime() - deadlineNs < 0)
        {
            if (client.poll(this) == 0)
            {
                Thread.sleep(1);
            }
        }
        return 0;
    }

    private static void readLines(final InputStream in, final BlockingQueue<String> lines)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // the end of input, however it came
        }
        lines.add(END_OF_INPUT);
    }

    /**
     * @return false to stop reading commands.
     */
    private boolean execute(final String line) throws InterruptedException
    {
        final ClientLine command = parser.parse(line);
        if (command instanceof ClientLine.ErrorLine error)
        {
            err.println("error: " + error.message() + " (not sent)");
            return true;
        }
        if (command instanceof ClientLine.NewOrderLine order)
        {
            final long clOrdId = nextClOrdId++;
            expectClOrdId(clOrdId);
            if (order.stopPrice() != 0)
            {
                sent(client.newStopOrder(clOrdId, order.instrument().id(), order.side(), order.orderType(),
                    order.timeInForce(), order.price(), order.stopPrice(), order.quantity(), selfTradePrevention));
            }
            else
            {
                sent(client.newOrder(clOrdId, order.instrument().id(), order.side(), order.orderType(),
                    order.timeInForce(), order.price(), order.quantity(), order.displayQuantity(), order.postOnly(),
                    selfTradePrevention));
            }
        }
        else if (command instanceof ClientLine.CancelLine cancel)
        {
            expectOrderId(cancel.orderId());
            sent(client.cancelOrder(cancel.orderId()));
        }
        else if (command instanceof ClientLine.CancelClientOrderLine cancel)
        {
            expectAnything();
            sent(client.cancelByClientOrderId(cancel.clientOrderId()));
        }
        else if (command instanceof ClientLine.ReplaceLine replace)
        {
            final OrderState order = orders.get(replace.orderId());
            if (order == null && (!replace.hasPrice() || !replace.hasQuantity()))
            {
                err.println("error: order " + replace.orderId() + " is not a live order of this session; give both " +
                    "qty and px (not sent)");
                return true;
            }
            final long clOrdId = nextClOrdId++;
            expectClOrdId(clOrdId);
            // no stop price: the null one, which keeps a waiting stop order's
            sent(client.replaceOrder(replace.orderId(), clOrdId,
                replace.hasPrice() ? replace.price() : order.price(),
                replace.hasQuantity() ? replace.quantity() : order.leavesQuantity(),
                replace.hasStopPrice() ? replace.stopPrice() : ReplaceOrderEncoder.stopPriceNullValue()));
        }
        else if (command instanceof ClientLine.MassCancelLine massCancel)
        {
            expectAnything();
            sent(client.massCancel(massCancel.instrumentId()));
        }
        else if (command instanceof ClientLine.StpLine stp)
        {
            selfTradePrevention = stp.mode();
            out.println("# self-trade prevention for new orders: " + stp.mode());
        }
        else if (command instanceof ClientLine.SleepLine sleep)
        {
            pollFor(sleep.millis());
        }
        else if (command instanceof ClientLine.HelpLine)
        {
            out.print(ClientCommandParser.helpText());
        }
        else if (command instanceof ClientLine.QuitLine)
        {
            return false;
        }
        return true;
    }

    private void sent(final long result) throws InterruptedException
    {
        if (result < 0)
        {
            err.println("error: not sent (" + (result == MatchpointClient.NOT_CONNECTED ? "not connected" :
                "outbound buffer full") + ")");
            awaiting = false;
            return;
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
        while (awaiting && !disconnected && System.nanoTime() - deadlineNs < 0)
        {
            if (client.poll(this) == 0)
            {
                Thread.sleep(0, 100_000);
            }
        }
        if (awaiting && !disconnected)
        {
            err.println("warning: no answer within " + options.timeoutMs() + " ms");
            awaiting = false;
        }
    }

    private void pollFor(final long millis) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!disconnected && System.nanoTime() - deadlineNs < 0)
        {
            if (client.poll(this) == 0)
            {
                Thread.sleep(1);
            }
        }
    }

    private void expectClOrdId(final long clOrdId)
    {
        awaiting = true;
        awaitingAny = false;
        awaitedClOrdId = clOrdId;
        awaitedOrderId = 0;
    }

    private void expectOrderId(final long orderId)
    {
        awaiting = true;
        awaitingAny = false;
        awaitedClOrdId = 0;
        awaitedOrderId = orderId;
    }

    private void expectAnything()
    {
        awaiting = true;
        awaitingAny = true;
    }

    private InstrumentRef instrumentBySymbol(final String symbol)
    {
        final ClientInstrument instrument = client.instrument(symbol);
        return instrument == null ? null : toRef(instrument);
    }

    private InstrumentRef instrumentOfOrder(final long orderId)
    {
        final OrderState order = orders.get(orderId);
        final ClientInstrument instrument = order == null ? null : client.instrumentById(order.instrumentId());
        return instrument == null ? null : toRef(instrument);
    }

    private static InstrumentRef toRef(final ClientInstrument instrument)
    {
        return new InstrumentRef(instrument.id(), instrument.symbol(), instrument.priceDecimals(),
            instrument.tickSize(), instrument.lotSize());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What arrives
    // ---------------------------------------------------------------------------------------------------------------

    public void onDropCopyReport(final DropCopyReportDecoder copy)
    {
        out.println(formatter.dropCopyReport(copy));
    }

    public void onAccountStatus(final io.matchpoint.codec.sbe.AccountStatusDecoder status)
    {
        out.println(formatter.accountStatus(status));
    }

    public void onExecutionReport(final ExecutionReportDecoder report)
    {
        out.println(formatter.executionReport(report));
        final ExecType execType = report.execType();
        final long orderId = report.orderId();
        switch (execType)
        {
            case NEW:
            case REPLACED:
                if (report.leavesQuantity() > 0)
                {
                    orders.put(orderId, new OrderState(report.instrumentId(), report.price(), report.leavesQuantity()));
                }
                break;
            case TRADE:
            case REDUCED:
                final OrderState order = orders.get(orderId);
                if (report.leavesQuantity() == 0)
                {
                    orders.remove(orderId);
                }
                else if (order != null)
                {
                    orders.put(orderId, new OrderState(order.instrumentId(), order.price(), report.leavesQuantity()));
                }
                break;
            case CANCELLED:
                orders.remove(orderId);
                break;
            default:
                break;
        }
        if (awaiting && (awaitingAny || (awaitedClOrdId != 0 && report.clOrdId() == awaitedClOrdId &&
            execType != ExecType.TRADE && execType != ExecType.CANCELLED) ||
            (awaitedOrderId != 0 && orderId == awaitedOrderId && execType == ExecType.CANCELLED)))
        {
            awaiting = false;
        }
    }

    public void onCancelReject(final CancelRejectDecoder reject)
    {
        out.println(formatter.cancelReject(reject));
        awaiting = false;
    }

    public void onMassCancelReport(final MassCancelReportDecoder report)
    {
        out.println(formatter.massCancelReport(report));
        awaiting = false;
    }

    public void onTradingStatus(final TradingStatusUpdateDecoder update)
    {
        out.println(formatter.tradingStatus(update));
    }

    public void onSessionReject(final SessionRejectDecoder reject)
    {
        out.println(formatter.sessionReject(reject));
        awaiting = false;
    }

    public void onThrottleReject(final ThrottleRejectDecoder reject)
    {
        out.println(formatter.throttleReject(reject));
        awaiting = false;
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        out.println(formatter.businessReject(reject));
        awaiting = false;
    }

    public void onLogonAccepted(
        final long sessionId, final long accountId, final long heartbeatIntervalMs, final int instrumentCount)
    {
        if (!options.quietBanner())
        {
            out.println(formatter.logonAccepted(sessionId, accountId, heartbeatIntervalMs, instrumentCount));
        }
    }

    public void onInstrument(final ClientInstrument instrument)
    {
        if (!options.quietBanner())
        {
            out.println(formatter.instrument(instrument));
        }
    }

    public void onLogout(final LogoutReason reason)
    {
        out.println(formatter.logout(reason));
    }

    public void onProtocolError(final String what)
    {
        err.println(formatter.protocolError(what));
    }

    public void onDisconnected(final String why)
    {
        disconnected = true;
        awaiting = false;
    }
}
