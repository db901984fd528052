package io.matchpoint.gateway.server;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.engine.counters.CountersFile;

/**
 * The gateway's settings, checked once in {@link #conclude()}. Times are nanoseconds.
 */
public final class GatewayContext
{
    private InetSocketAddress bindAddress = new InetSocketAddress("127.0.0.1", 0);
    private int maxSessions = 64;
    private int maxSessionsPerAccount = 4;
    private int maxAccountId = 4096;
    private int sessionInboundBufferBytes = 64 * 1024;
    private int framesPerSessionTurn = 256;
    private int sessionOutboundBufferBytes = 1024 * 1024;
    private int socketSendBufferBytes;
    private int throttleMessages = 10_000;
    private long throttleWindowNs = TimeUnit.SECONDS.toNanos(1);
    private int throttleRejectsBeforeClose = 100;
    private int accountThrottleMessages = 20_000;
    private int addressThrottleMessages = 100_000;
    private int logonsPerAddress = 50;
    private int logonsPerAccount = 10;
    private long logonRateWindowNs = TimeUnit.SECONDS.toNanos(1);
    private int logonFailuresBeforeLockout = 5;
    private long logonFailureWindowNs = TimeUnit.SECONDS.toNanos(60);
    private long lockoutNs = TimeUnit.SECONDS.toNanos(30);
    private long logonTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private long minHeartbeatIntervalMs = 100;
    private long maxHeartbeatIntervalMs = 60_000;
    private int heartbeatTimeoutIntervals = 3;
    private long snapshotIntervalNs;
    private boolean busySpin;
    private EpochNanoClock clock = new MonotonicEpochClock();
    private AccountDirectory accounts;
    private CountersManager counters;

    /**
     * @return this, once every setting is checked.
     * @throws IllegalStateException naming the bad setting.
     */
    public GatewayContext conclude()
    {
        if (accounts == null)
        {
            throw new IllegalStateException("accounts must be set");
        }
        if (counters == null)
        {
            counters = CountersFile.inMemory().manager();
        }
        if (maxSessions < 1 || maxSessions > SessionIds.MAX_SLOTS)
        {
            throw new IllegalStateException("maxSessions must be 1.." + SessionIds.MAX_SLOTS + ", got " + maxSessions);
        }
        if (sessionInboundBufferBytes < 2 * io.matchpoint.codec.MessageLimits.MAX_FRAME_LENGTH ||
            sessionOutboundBufferBytes < 2 * io.matchpoint.codec.MessageLimits.MAX_FRAME_LENGTH)
        {
            throw new IllegalStateException("session buffers must hold at least two of the largest frames");
        }
        if (framesPerSessionTurn < 1)
        {
            throw new IllegalStateException("framesPerSessionTurn must be positive, got " + framesPerSessionTurn);
        }
        if (throttleMessages < 1 || throttleWindowNs < 1 || maxSessionsPerAccount < 1 || heartbeatTimeoutIntervals < 2)
        {
            throw new IllegalStateException("throttle, sessions per account and heartbeat timeout must be positive");
        }
        if (accountThrottleMessages < 1 || addressThrottleMessages < 1 || logonsPerAddress < 1 ||
            logonsPerAccount < 1 || logonRateWindowNs < 1)
        {
            throw new IllegalStateException("account and address throttles and logon rates must be positive");
        }
        return this;
    }

    /**
     * @return where the gateway allocates its counters; {@link GatewayServer} gives it the pipeline's (the data
     * directory's counters file); counters in memory unless set.
     */
    public CountersManager counters()
    {
        return counters;
    }

    public GatewayContext counters(final CountersManager counters)
    {
        this.counters = counters;
        return this;
    }

    public InetSocketAddress bindAddress()
    {
        return bindAddress;
    }

    public GatewayContext bindAddress(final InetSocketAddress bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    public int maxSessions()
    {
        return maxSessions;
    }

    public GatewayContext maxSessions(final int maxSessions)
    {
        this.maxSessions = maxSessions;
        return this;
    }

    public int maxSessionsPerAccount()
    {
        return maxSessionsPerAccount;
    }

    public GatewayContext maxSessionsPerAccount(final int maxSessionsPerAccount)
    {
        this.maxSessionsPerAccount = maxSessionsPerAccount;
        return this;
    }

    /**
     * @return account ids are below this (the sender indexes its per-account session lists by id).
     */
    public int maxAccountId()
    {
        return maxAccountId;
    }

    public GatewayContext maxAccountId(final int maxAccountId)
    {
        this.maxAccountId = maxAccountId;
        return this;
    }

    public int sessionInboundBufferBytes()
    {
        return sessionInboundBufferBytes;
    }

    public GatewayContext sessionInboundBufferBytes(final int sessionInboundBufferBytes)
    {
        this.sessionInboundBufferBytes = sessionInboundBufferBytes;
        return this;
    }

    /**
     * @return frames the gateway handles from one connection in one duty cycle at most; the rest wait in its read
     * buffer for the next cycle, so one flooding connection cannot take a cycle from the others.
     */
    public int framesPerSessionTurn()
    {
        return framesPerSessionTurn;
    }

    public GatewayContext framesPerSessionTurn(final int framesPerSessionTurn)
    {
        this.framesPerSessionTurn = framesPerSessionTurn;
        return this;
    }

    /**
     * @return bytes a session may have waiting to be written; a session that needs more is dropped as a slow reader.
     */
    public int sessionOutboundBufferBytes()
    {
        return sessionOutboundBufferBytes;
    }

    public GatewayContext sessionOutboundBufferBytes(final int sessionOutboundBufferBytes)
    {
        this.sessionOutboundBufferBytes = sessionOutboundBufferBytes;
        return this;
    }

    /**
     * @return SO_SNDBUF for accepted sockets, or 0 for the OS default.
     */
    public int socketSendBufferBytes()
    {
        return socketSendBufferBytes;
    }

    public GatewayContext socketSendBufferBytes(final int socketSendBufferBytes)
    {
        this.socketSendBufferBytes = socketSendBufferBytes;
        return this;
    }

    public int throttleMessages()
    {
        return throttleMessages;
    }

    public GatewayContext throttleMessages(final int throttleMessages)
    {
        this.throttleMessages = throttleMessages;
        return this;
    }

    public long throttleWindowNs()
    {
        return throttleWindowNs;
    }

    public GatewayContext throttleWindowNs(final long throttleWindowNs)
    {
        this.throttleWindowNs = throttleWindowNs;
        return this;
    }

    /**
     * @return messages all sessions of one account together may send per throttle window (a token bucket: a burst of
     * this many, then this many per window).
     */
    public int accountThrottleMessages()
    {
        return accountThrottleMessages;
    }

    public GatewayContext accountThrottleMessages(final int accountThrottleMessages)
    {
        this.accountThrottleMessages = accountThrottleMessages;
        return this;
    }

    /**
     * @return messages all sessions from one IP address together may send per throttle window (a token bucket).
     */
    public int addressThrottleMessages()
    {
        return addressThrottleMessages;
    }

    public GatewayContext addressThrottleMessages(final int addressThrottleMessages)
    {
        this.addressThrottleMessages = addressThrottleMessages;
        return this;
    }

    /**
     * @return logon attempts one IP address may make per logon-rate window, whatever their outcome.
     */
    public int logonsPerAddress()
    {
        return logonsPerAddress;
    }

    public GatewayContext logonsPerAddress(final int logonsPerAddress)
    {
        this.logonsPerAddress = logonsPerAddress;
        return this;
    }

    /**
     * @return logons with the right credentials one account may make per logon-rate window (failed ones do not
     * count: a guesser must not be able to keep an account out).
     */
    public int logonsPerAccount()
    {
        return logonsPerAccount;
    }

    public GatewayContext logonsPerAccount(final int logonsPerAccount)
    {
        this.logonsPerAccount = logonsPerAccount;
        return this;
    }

    public long logonRateWindowNs()
    {
        return logonRateWindowNs;
    }

    public GatewayContext logonRateWindowNs(final long logonRateWindowNs)
    {
        this.logonRateWindowNs = logonRateWindowNs;
        return this;
    }

    public int throttleRejectsBeforeClose()
    {
        return throttleRejectsBeforeClose;
    }

    public GatewayContext throttleRejectsBeforeClose(final int throttleRejectsBeforeClose)
    {
        this.throttleRejectsBeforeClose = throttleRejectsBeforeClose;
        return this;
    }

    public int logonFailuresBeforeLockout()
    {
        return logonFailuresBeforeLockout;
    }

    public GatewayContext logonFailuresBeforeLockout(final int logonFailuresBeforeLockout)
    {
        this.logonFailuresBeforeLockout = logonFailuresBeforeLockout;
        return this;
    }

    public long logonFailureWindowNs()
    {
        return logonFailureWindowNs;
    }

    public GatewayContext logonFailureWindowNs(final long logonFailureWindowNs)
    {
        this.logonFailureWindowNs = logonFailureWindowNs;
        return this;
    }

    public long lockoutNs()
    {
        return lockoutNs;
    }

    public GatewayContext lockoutNs(final long lockoutNs)
    {
        this.lockoutNs = lockoutNs;
        return this;
    }

    public long logonTimeoutNs()
    {
        return logonTimeoutNs;
    }

    /**
     * @param snapshotIntervalNs how often the gateway asks the matcher for a snapshot (a journaled command, so that a
     *                           restart replays at most this much of the journal); 0 for never.
     * @return this.
     */
    public GatewayContext snapshotIntervalNs(final long snapshotIntervalNs)
    {
        this.snapshotIntervalNs = snapshotIntervalNs;
        return this;
    }

    public long snapshotIntervalNs()
    {
        return snapshotIntervalNs;
    }

    public GatewayContext logonTimeoutNs(final long logonTimeoutNs)
    {
        this.logonTimeoutNs = logonTimeoutNs;
        return this;
    }

    public long minHeartbeatIntervalMs()
    {
        return minHeartbeatIntervalMs;
    }

    public GatewayContext minHeartbeatIntervalMs(final long minHeartbeatIntervalMs)
    {
        this.minHeartbeatIntervalMs = minHeartbeatIntervalMs;
        return this;
    }

    public long maxHeartbeatIntervalMs()
    {
        return maxHeartbeatIntervalMs;
    }

    public GatewayContext maxHeartbeatIntervalMs(final long maxHeartbeatIntervalMs)
    {
        this.maxHeartbeatIntervalMs = maxHeartbeatIntervalMs;
        return this;
    }

    /**
     * @return a logged-on peer silent for this many of its heartbeat intervals is dropped.
     */
    public int heartbeatTimeoutIntervals()
    {
        return heartbeatTimeoutIntervals;
    }

    public GatewayContext heartbeatTimeoutIntervals(final int heartbeatTimeoutIntervals)
    {
        this.heartbeatTimeoutIntervals = heartbeatTimeoutIntervals;
        return this;
    }

    /**
     * @return true when the gateway's thread busy-spins (low-latency profile); false lets a {@code shared} thread wait
     * in the gateway's select when idle.
     */
    public boolean busySpin()
    {
        return busySpin;
    }

    public GatewayContext busySpin(final boolean busySpin)
    {
        this.busySpin = busySpin;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    public GatewayContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public AccountDirectory accounts()
    {
        return accounts;
    }

    public GatewayContext accounts(final AccountDirectory accounts)
    {
        this.accounts = accounts;
        return this;
    }
}
