package io.matchpoint.bench;

import java.util.ArrayList;
import java.util.List;

import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogoutReason;

/**
 * What the flood of {@code --flood} did and what the server answered it, counted by the flood's threads (each its
 * own) and added up once they have stopped: plain fields, no synchronisation. Reasons are counted by their wire code
 * and named only for the report.
 */
final class FloodCounts
{
    private static final int CODES = 256;

    long connectAttempts;
    long connectFailures;
    long connections;
    long logonsAccepted;
    final long[] logonsRefused = new long[CODES];
    long noLogonAnswer;
    long ordersSent;
    long ordersAccepted;
    long ordersRejected;
    long throttleRejects;
    long sessionRejects;
    final long[] logouts = new long[CODES];
    long endedWithoutLogout;
    long cpuNs;
    /** The first failure to connect, for the report; null while none. */
    String firstConnectFailure;
    /** Why a flood thread stopped before it was told to; null if none did. */
    String threadFailure;

    void add(final FloodCounts other)
    {
        connectAttempts += other.connectAttempts;
        connectFailures += other.connectFailures;
        connections += other.connections;
        logonsAccepted += other.logonsAccepted;
        noLogonAnswer += other.noLogonAnswer;
        ordersSent += other.ordersSent;
        ordersAccepted += other.ordersAccepted;
        ordersRejected += other.ordersRejected;
        throttleRejects += other.throttleRejects;
        sessionRejects += other.sessionRejects;
        endedWithoutLogout += other.endedWithoutLogout;
        cpuNs += other.cpuNs;
        for (int code = 0; code < CODES; code++)
        {
            logonsRefused[code] += other.logonsRefused[code];
            logouts[code] += other.logouts[code];
        }
        if (firstConnectFailure == null)
        {
            firstConnectFailure = other.firstConnectFailure;
        }
        if (threadFailure == null)
        {
            threadFailure = other.threadFailure;
        }
    }

    long logonsRefused()
    {
        return sum(logonsRefused);
    }

    long logouts()
    {
        return sum(logouts);
    }

    long logouts(final LogoutReason reason)
    {
        return logouts[reason.value()];
    }

    long logonsRefused(final LogonRejectReason reason)
    {
        return logonsRefused[reason.value()];
    }

    /**
     * @param heading what the flood was (connections, address, account, threads) and how long it ran.
     * @param seconds      how long it ran, for the rates.
     * @param accountLimit the flooder's account's messages per second (and burst), for the bound on what it may have
     *                     processed.
     * @return the report's lines: a heading, then one count a line, the name first.
     */
    List<String> lines(final String heading, final double seconds, final int accountLimit)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(heading);
        lines.add(line("connections made", connections, String.format("%,.0f/s; %,d attempts, %,d failed to connect%s",
            connections / seconds, connectAttempts, connectFailures,
            firstConnectFailure == null ? "" : " (first: " + firstConnectFailure + ")")));
        lines.add(line("logons accepted", logonsAccepted, ""));
        lines.add(line("logons refused", logonsRefused(), byReason(logonsRefused, true)));
        lines.add(line("no answer to the logon", noLogonAnswer, "the connection ended first"));
        lines.add(line("orders sent", ordersSent,
            String.format("%,.0f/s, as the sockets took them", ordersSent / seconds)));
        lines.add(line("orders accepted", ordersAccepted, String.format("%,.0f/s processed (ExecutionReport NEW); " +
            "REJECTED %,d; the account's limit allows %,d in this time", ordersAccepted / seconds, ordersRejected,
            accountLimit + (long)(accountLimit * seconds))));
        lines.add(line("throttle rejects received", throttleRejects, ""));
        lines.add(line("logouts", logouts(), byReason(logouts, false)));
        lines.add(line("ended without a logout", endedWithoutLogout,
            String.format("SessionReject %,d", sessionRejects)));
        lines.add(String.format("  %-28s %13.1f s  %.0f%% of one CPU", "flood threads' CPU time", cpuNs / 1e9,
            100 * cpuNs / 1e9 / seconds));
        if (threadFailure != null)
        {
            lines.add("WARNING: a flood thread stopped early: " + threadFailure);
        }
        return lines;
    }

    private static String line(final String name, final long count, final String detail)
    {
        return String.format("  %-28s %,13d  %s", name, count, detail).stripTrailing();
    }

    private static String byReason(final long[] counts, final boolean logon)
    {
        final StringBuilder text = new StringBuilder();
        for (int code = 0; code < CODES; code++)
        {
            if (counts[code] > 0)
            {
                text.append(text.length() == 0 ? "" : ", ")
                    .append(logon ? logonReasonName(code) : logoutReasonName(code))
                    .append(' ').append(String.format("%,d", counts[code]));
            }
        }
        return text.toString();
    }

    private static String logonReasonName(final int code)
    {
        try
        {
            return LogonRejectReason.get((short)code).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "code " + code;
        }
    }

    private static String logoutReasonName(final int code)
    {
        try
        {
            return LogoutReason.get((short)code).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "code " + code;
        }
    }

    private static long sum(final long[] counts)
    {
        long sum = 0;
        for (final long count : counts)
        {
            sum += count;
        }
        return sum;
    }
}
