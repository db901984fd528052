package io.matchpoint.gateway.config;

/**
 * Session rules: logon, throttling, lockout and heartbeats (key {@code matchpoint.sessions}). Every value is at
 * least 1; every {@code ...Ms} value is in milliseconds and at most one day (86400000).
 *
 * @param maxSessionsPerAccount      sessions one account may have open at once; at most
 *                                   {@link CapacityConfig#maxSessions()} (checked by {@link ServerConfig}).
 * @param throttleMessages           messages a session may send per throttle window.
 * @param throttleWindowMs           the throttle window.
 * @param throttleRejectsBeforeClose throttle rejects within one window before the session is closed.
 * @param accountThrottleMessages    messages all sessions of one account together may send per throttle window.
 * @param addressThrottleMessages    messages all sessions from one IP address together may send per throttle window.
 * @param logonsPerAddress           logon attempts one IP address may make per logon-rate window.
 * @param logonsPerAccount           logons with the right credentials one account may make per logon-rate window.
 * @param logonRateWindowMs          the logon-rate window.
 * @param logonFailuresBeforeLockout failed logons from one IP address within {@code logonFailureWindowMs} that lock
 *                                   that address out (whatever accounts they named; other addresses are not).
 * @param logonFailureWindowMs       the window in which logon failures count.
 * @param lockoutMs                  how long a locked-out address's logons are refused.
 * @param logonTimeoutMs             how long a connection may stay without logging on.
 * @param minHeartbeatIntervalMs     the shortest heartbeat interval a client may ask for.
 * @param maxHeartbeatIntervalMs     the longest heartbeat interval a client may ask for; at least the shortest.
 */
public record SessionConfig(
    int maxSessionsPerAccount,
    int throttleMessages,
    long throttleWindowMs,
    int throttleRejectsBeforeClose,
    int accountThrottleMessages,
    int addressThrottleMessages,
    int logonsPerAddress,
    int logonsPerAccount,
    long logonRateWindowMs,
    int logonFailuresBeforeLockout,
    long logonFailureWindowMs,
    long lockoutMs,
    long logonTimeoutMs,
    long minHeartbeatIntervalMs,
    long maxHeartbeatIntervalMs)
{
    /** This block's key. */
    public static final String PATH = "matchpoint.sessions";

    static final String MAX_SESSIONS_PER_ACCOUNT = "max-sessions-per-account";
    static final String THROTTLE_MESSAGES = "throttle-messages";
    static final String THROTTLE_WINDOW_MS = "throttle-window-ms";
    static final String THROTTLE_REJECTS_BEFORE_CLOSE = "throttle-rejects-before-close";
    static final String ACCOUNT_THROTTLE_MESSAGES = "account-throttle-messages";
    static final String ADDRESS_THROTTLE_MESSAGES = "address-throttle-messages";
    static final String LOGONS_PER_ADDRESS = "logons-per-address";
    static final String LOGONS_PER_ACCOUNT = "logons-per-account";
    static final String LOGON_RATE_WINDOW_MS = "logon-rate-window-ms";
    static final String LOGON_FAILURES_BEFORE_LOCKOUT = "logon-failures-before-lockout";
    static final String LOGON_FAILURE_WINDOW_MS = "logon-failure-window-ms";
    static final String LOCKOUT_MS = "lockout-ms";
    static final String LOGON_TIMEOUT_MS = "logon-timeout-ms";
    static final String MIN_HEARTBEAT_INTERVAL_MS = "min-heartbeat-interval-ms";
    static final String MAX_HEARTBEAT_INTERVAL_MS = "max-heartbeat-interval-ms";

    /**
     * Checks every value.
     *
     * @throws BadConfigException naming the first bad key, as {@code matchpoint.sessions.KEY}.
     */
    public SessionConfig
    {
        Checks.inRange(key(MAX_SESSIONS_PER_ACCOUNT), maxSessionsPerAccount, 1, CapacityConfig.MAX_SESSIONS);
        Checks.inRange(key(THROTTLE_MESSAGES), throttleMessages, 1, Integer.MAX_VALUE);
        Checks.millis(key(THROTTLE_WINDOW_MS), throttleWindowMs);
        Checks.inRange(key(THROTTLE_REJECTS_BEFORE_CLOSE), throttleRejectsBeforeClose, 1, Integer.MAX_VALUE);
        Checks.inRange(key(ACCOUNT_THROTTLE_MESSAGES), accountThrottleMessages, 1, Integer.MAX_VALUE);
        Checks.inRange(key(ADDRESS_THROTTLE_MESSAGES), addressThrottleMessages, 1, Integer.MAX_VALUE);
        Checks.inRange(key(LOGONS_PER_ADDRESS), logonsPerAddress, 1, Integer.MAX_VALUE);
        Checks.inRange(key(LOGONS_PER_ACCOUNT), logonsPerAccount, 1, Integer.MAX_VALUE);
        Checks.millis(key(LOGON_RATE_WINDOW_MS), logonRateWindowMs);
        Checks.inRange(key(LOGON_FAILURES_BEFORE_LOCKOUT), logonFailuresBeforeLockout, 1, Integer.MAX_VALUE);
        Checks.millis(key(LOGON_FAILURE_WINDOW_MS), logonFailureWindowMs);
        Checks.millis(key(LOCKOUT_MS), lockoutMs);
        Checks.millis(key(LOGON_TIMEOUT_MS), logonTimeoutMs);
        Checks.millis(key(MIN_HEARTBEAT_INTERVAL_MS), minHeartbeatIntervalMs);
        Checks.millis(key(MAX_HEARTBEAT_INTERVAL_MS), maxHeartbeatIntervalMs);
        if (maxHeartbeatIntervalMs < minHeartbeatIntervalMs)
        {
            throw new BadConfigException(
                key(MAX_HEARTBEAT_INTERVAL_MS),
                "must be at least " + key(MIN_HEARTBEAT_INTERVAL_MS) + " (" + minHeartbeatIntervalMs + "), got " +
                maxHeartbeatIntervalMs);
        }
    }

    static String key(final String name)
    {
        return PATH + "." + name;
    }
}
