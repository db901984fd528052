package io.matchpoint.bench;

/**
 * The server's session limits for a {@code --flood} comparison, written into the configuration of both its runs, the
 * one without the flood and the one with it. The server has one set of limits for every account, so they are fitted
 * to the bystanders: each throttle is the server's default or four times what the bystanders need of it on average, whichever is
 * more, so that the bystanders never reach them while the flooder's account and address meet them as any client
 * would. The logon limits, the sessions an account may have and the throttle rejects before a logout are the
 * server's defaults.
 *
 * @param sessionMessages    messages a session may send per second (sliding window).
 * @param accountMessages    messages all sessions of an account may send per second together (token bucket).
 * @param addressMessages    messages all sessions from an IP address may send per second together (token bucket).
 * @param logonsPerAddress   logon attempts per second from an IP address.
 * @param logonsPerAccount   logons with the right credentials per second for an account.
 * @param sessionsPerAccount sessions an account may have open at once.
 * @param rejectsBeforeClose throttle rejects in a window before the session is logged out (THROTTLE_ABUSE).
 * @param maxSessions        the server's session slots: the bystanders', one per flooding connection, a few spare.
 */
record FloodLimits(
    int sessionMessages,
    int accountMessages,
    int addressMessages,
    int logonsPerAddress,
    int logonsPerAccount,
    int sessionsPerAccount,
    int rejectsBeforeClose,
    int maxSessions)
{
    /** The server's defaults (config/matchpoint-example.conf). */
    static final int DEFAULT_SESSION_MESSAGES = 10_000;
    static final int DEFAULT_ACCOUNT_MESSAGES = 20_000;
    static final int DEFAULT_ADDRESS_MESSAGES = 100_000;
    static final int DEFAULT_LOGONS_PER_ADDRESS = 50;
    static final int DEFAULT_LOGONS_PER_ACCOUNT = 10;
    static final int DEFAULT_SESSIONS_PER_ACCOUNT = 4;
    static final int DEFAULT_REJECTS_BEFORE_CLOSE = 100;
    /** Slots beyond the bystanders' and the flood's: a closing session keeps its slot until its last bytes are out. */
    static final int SPARE_SLOTS = 8;
    /**
     * The bystanders' headroom under each throttle: four times their average share, as the tape does not spread its
     * commands evenly over the sessions, its build-up goes out as fast as the server takes it, and a server that
     * paused reads a bystander's backlog in one go (a run without any flood logged a bystander out for
     * THROTTLE_ABUSE at twice its share).
     */
    static final int HEADROOM = 4;

    /**
     * @param rate             the bystanders' commands per second, all sessions together.
     * @param sessions         the bystanders' sessions, one account each (a session's share is its account's).
     * @param floodConnections the flooding connections.
     */
    static FloodLimits forRun(final long rate, final int sessions, final int floodConnections)
    {
        final long perSession = (rate + sessions - 1) / sessions;
        return new FloodLimits(
            atLeast(DEFAULT_SESSION_MESSAGES, HEADROOM * perSession),
            atLeast(DEFAULT_ACCOUNT_MESSAGES, HEADROOM * perSession),
            // the bystanders share one address (the flood, by default, comes from another)
            atLeast(DEFAULT_ADDRESS_MESSAGES, HEADROOM * rate),
            DEFAULT_LOGONS_PER_ADDRESS,
            DEFAULT_LOGONS_PER_ACCOUNT,
            DEFAULT_SESSIONS_PER_ACCOUNT,
            DEFAULT_REJECTS_BEFORE_CLOSE,
            sessions + floodConnections + SPARE_SLOTS);
    }

    private static int atLeast(final int floor, final long wanted)
    {
        return (int)Math.min(Integer.MAX_VALUE, Math.max(floor, wanted));
    }

    /**
     * @return one line for the report.
     */
    String description()
    {
        return String.format("server limits (both runs): %,d messages/s per session, %,d per account, %,d per " +
            "address; %d logons/s per address, %d per account; %d sessions per account; logout after %d throttle " +
            "rejects; %d session slots", sessionMessages, accountMessages, addressMessages, logonsPerAddress,
            logonsPerAccount, sessionsPerAccount, rejectsBeforeClose, maxSessions);
    }
}
