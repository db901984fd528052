package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import io.matchpoint.client.ClientInstrument;
import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.client.ReportFormatter;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;
import io.matchpoint.gateway.cli.AdminAction;
import io.matchpoint.gateway.cli.AdminOptions;

/**
 * {@code matchpoint admin halt|resume SYMBOL}, {@code kill|revive ACCOUNT_ID} and {@code limits ACCOUNT_ID}: logs on as an admin account and
 * sends a trading status or kill switch request, which enters the engine through the same sequenced (and journaled)
 * command path as any order; prints the resulting status or the reject and exits 0 or 1.
 */
public final class AdminConsole implements ClientListener
{
    private static final long TIMEOUT_MS = 5_000;

    private final ReportFormatter formatter;
    private int instrumentId;
    private long accountId;
    private String outcome;
    /** The limits the last RiskLimitsReport gave, in the wire's order. */
    private long[] limits;
    private boolean succeeded;
    private boolean loggedOut;

    private AdminConsole(final ReportFormatter formatter)
    {
        this.formatter = formatter;
    }

    /**
     * @param options parsed command line.
     * @param out     where the outcome goes.
     * @param err     where errors go.
     * @return 0 if the instrument's status changed as asked, 1 otherwise.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static int run(final AdminOptions options, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        final MatchpointClient client;
        try
        {
            client = MatchpointClient.connect(options.host(), options.port(), TIMEOUT_MS);
        }
        catch (final IOException ex)
        {
            err.println("matchpoint admin: cannot connect to " + options.host() + ":" + options.port() + ": " +
                ex.getMessage());
            return 1;
        }
        try
        {
            final AdminConsole admin = new AdminConsole(new ReportFormatter(client::instrumentById));
            final LogonResult logon = client.logonAndWait(
                admin, options.account(), options.password(), false, 1000, TIMEOUT_MS);
            if (!logon.accepted())
            {
                err.println("matchpoint admin: logon failed: " + logon.outcome() +
                    (logon.rejectReason() != null ? " " + logon.rejectReason() : ""));
                return 1;
            }
            if (options.action() == AdminAction.SNAPSHOT)
            {
                return requestSnapshot(client, admin, out, err);
            }
            if (options.action() == AdminAction.LIMITS)
            {
                return riskLimits(client, admin, options, out, err);
            }
            if (options.action() == AdminAction.COLLAR)
            {
                final ClientInstrument instrument = client.instrument(options.symbol());
                if (instrument == null)
                {
                    err.println("matchpoint admin: unknown instrument " + options.symbol());
                    return 1;
                }
                admin.instrumentId = instrument.id();
                client.priceCollar(instrument.id(), options.collar().ticks(), options.collar().basisPoints());
                return admin.answer(client, out, err);
            }
            if (options.action() == AdminAction.KILL || options.action() == AdminAction.REVIVE)
            {
                admin.accountId = Long.parseLong(options.symbol());
                if (client.killSwitch(admin.accountId, options.action() == AdminAction.KILL) < 0)
                {
                    err.println("matchpoint admin: the request could not be sent: the connection " +
                        (client.isConnected() ? "is full" : "ended"));
                    return 1;
                }
                return admin.answer(client, out, err);
            }
            final ClientInstrument instrument = client.instrument(options.symbol().toUpperCase());
            if (instrument == null)
            {
                err.println("matchpoint admin: unknown instrument " + options.symbol());
                return 1;
            }
            admin.instrumentId = instrument.id();
            client.tradingStatus(instrument.id(), options.action() == AdminAction.HALT);
            return admin.answer(client, out, err);
        }
        finally
        {
            client.close();
        }
    }

    /**
     * Waits for the answer to the request just sent, logs out and prints it.
     *
     * @return 0 if it was done, 1 if refused or unanswered.
     */
    private int answer(final MatchpointClient client, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        awaitAnswer(client, false);
        client.logout();
        if (outcome == null)
        {
            err.println("matchpoint admin: no answer within " + TIMEOUT_MS + " ms");
            return 1;
        }
        (succeeded ? out : err).println(outcome);
        return succeeded ? 0 : 1;
    }

    /**
     * Shows an account's limits (or the defaults); to change some, reads them first, so that the limits not named
     * keep their values, then sends the whole set and prints the answer.
     */
    private static int riskLimits(
        final MatchpointClient client,
        final AdminConsole admin,
        final io.matchpoint.gateway.cli.AdminOptions options,
        final PrintStream out,
        final PrintStream err) throws InterruptedException
    {
        admin.accountId = options.symbol().equals("DEFAULT") ? MatchpointClient.ALL_ACCOUNTS :
            Long.parseLong(options.symbol());
        final io.matchpoint.gateway.cli.RiskLimitChanges changes = options.limits();
        if (changes.clear())
        {
            client.clearRiskLimits(admin.accountId);
            return admin.answer(client, out, err);
        }
        client.showRiskLimits(admin.accountId);
        if (!changes.changesAnything())
        {
            return admin.answer(client, out, err);
        }
        admin.awaitAnswer(client, false);
        if (admin.limits == null)
        {
            client.logout();
            err.println(admin.outcome != null ? admin.outcome : "matchpoint admin: no answer within " + TIMEOUT_MS +
                " ms");
            return 1;
        }
        final long[] limits = changes.applyTo(admin.limits);
        admin.outcome = null;
        admin.limits = null;
        client.setRiskLimits(admin.accountId, limits[0], limits[1], limits[2], limits[3], limits[4], limits[5]);
        return admin.answer(client, out, err);
    }

    /**
     * Sends the request, then logs out: the server handles a session's messages in order, so the snapshot is
     * requested before the session ends. A refusal (not an admin account) comes back before the logout's answer.
     */
    private static int requestSnapshot(
        final MatchpointClient client, final AdminConsole admin, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        client.snapshotRequest();
        client.logout();
        admin.awaitAnswer(client, true);
        if (admin.outcome != null && !admin.succeeded)
        {
            err.println(admin.outcome);
            return 1;
        }
        out.println("SNAPSHOT requested: the server prints the file it wrote (snapshots/ in its data directory)");
        return 0;
    }

    /**
     * Polls until the server answered (or, if {@code logoutAnswers}, logged the session out), the connection ended,
     * or the timeout passed.
     */
    private void awaitAnswer(final MatchpointClient client, final boolean logoutAnswers) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (outcome == null && !(logoutAnswers && loggedOut) && client.isConnected() &&
            System.nanoTime() - deadlineNs < 0)
        {
            if (client.poll(this) == 0)
            {
                Thread.sleep(1);
            }
        }
    }

    public void onLogout(final io.matchpoint.codec.sbe.LogoutReason reason)
    {
        loggedOut = true;
    }

    public void onTradingStatus(final TradingStatusUpdateDecoder update)
    {
        if (update.instrumentId() == instrumentId)
        {
            outcome = formatter.tradingStatus(update);
            succeeded = update.status() == TradingStatus.HALTED || update.status() == TradingStatus.TRADING;
        }
    }

    public void onAccountStatus(final io.matchpoint.codec.sbe.AccountStatusDecoder status)
    {
        if (status.accountId() == accountId)
        {
            outcome = formatter.accountStatus(status);
            succeeded = true;
        }
    }

    public void onRiskLimitsReport(final io.matchpoint.codec.sbe.RiskLimitsReportDecoder report)
    {
        if (report.accountId() == accountId && outcome == null)
        {
            limits = new long[]{ report.maxOrderQuantity(), report.maxOrderNotional(), report.maxOpenOrders(),
                report.instrumentCredit(), report.totalCredit(), report.positionLimit() };
            outcome = formatter.riskLimits(report);
            succeeded = true;
        }
    }

    public void onPriceCollarReport(final io.matchpoint.codec.sbe.PriceCollarReportDecoder report)
    {
        if (report.instrumentId() == instrumentId && outcome == null)
        {
            outcome = formatter.priceCollar(report);
            succeeded = true;
        }
    }

    public void onBusinessReject(final BusinessRejectDecoder reject)
    {
        outcome = formatter.businessReject(reject);
        succeeded = false;
    }
}
