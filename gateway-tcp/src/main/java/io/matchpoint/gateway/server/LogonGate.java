package io.matchpoint.gateway.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;

/**
 * Decides a Logon, in this order: its sequence numbers; the lock-out of its address (too many bad credentials); the
 * logon rate of its address (every attempt counts, whatever it logs on as); its heartbeat interval and
 * cancel-on-disconnect flag; its credentials; the logon rate of its account (right credentials only, so a guesser
 * cannot keep a firm out); the account's session limit. The first that fails is the {@link #reason()}, with a
 * {@link #retryAfterMs()} for the rate and lock-out limits. It owns the per-account state (open sessions, shared
 * limits) and the lock-out; the session agent calls it on its own thread. No socket: {@code LogonGateTest} drives it
 * from a table at the test's time.
 */
final class LogonGate
{
    /** What {@link #admit} returns for a refused logon. */
    static final long REFUSED = -1;
    private static final int NUL = 0;

    private final GatewayContext context;
    private final LogonLockout lockout;
    private final SharedLimits[] accountLimits;
    private final int[] sessionsPerAccount;
    private final byte[] credential = new byte[LogonDecoder.credentialLength()];
    private final byte[] accountName = new byte[LogonDecoder.accountLength()];
    private LogonRejectReason reason;
    private long retryAfterMs;

    /**
     * @param context concluded: accounts, heartbeat range, limits.
     */
    LogonGate(final GatewayContext context)
    {
        this.context = context;
        lockout = new LogonLockout(
            context.logonFailuresBeforeLockout(), context.logonFailureWindowNs(), context.lockoutNs());
        sessionsPerAccount = new int[context.maxAccountId()];
        accountLimits = new SharedLimits[context.maxAccountId()];
        for (int i = 0; i < accountLimits.length; i++)
        {
            accountLimits[i] = new SharedLimits(context.accountThrottleMessages(), context.logonsPerAccount(),
                context.throttleWindowNs(), context.logonRateWindowNs());
        }
    }

    /**
     * Decides a logon; an admitted one counts as a session of its account until {@link #onSessionEnded}.
     *
     * @param logon         the Logon, wrapped.
     * @param peer          the connection's address, for the lock-out.
     * @param addressLimits the limits shared by the connections from that address.
     * @param nowNs         the time.
     * @return the account id, or {@link #REFUSED} with {@link #reason()} and {@link #retryAfterMs()} set.
     */
    long admit(final LogonDecoder logon, final InetAddress peer, final SharedLimits addressLimits, final long nowNs)
    {
        retryAfterMs = 0;
        final long lastSeqNum = logon.lastSeqNum();
        if (logon.seqNum() != 1 || (lastSeqNum < 0 && lastSeqNum != LogonDecoder.lastSeqNumNullValue()))
        {
            return refuse(LogonRejectReason.BAD_SEQUENCE_NUMBER);
        }
        final long lockedForNs = lockout.lockedForNs(peer, nowNs);
        if (lockedForNs > 0)
        {
            retryAfterMs = TimeUnit.NANOSECONDS.toMillis(lockedForNs) + 1;
            return refuse(LogonRejectReason.LOCKED_OUT);
        }
        if (!addressLimits.logons.tryTake(nowNs))
        {
            retryAfterMs = retryAfterMs(addressLimits.logons, nowNs);
            return refuse(LogonRejectReason.LOCKED_OUT);
        }
        final long heartbeatIntervalMs = logon.heartbeatIntervalMs();
        final short cancelOnDisconnect = logon.cancelOnDisconnectRaw();
        if (heartbeatIntervalMs < context.minHeartbeatIntervalMs() ||
            heartbeatIntervalMs > context.maxHeartbeatIntervalMs() ||
            (cancelOnDisconnect != BooleanType.TRUE.value() && cancelOnDisconnect != BooleanType.FALSE.value()))
        {
            return refuse(LogonRejectReason.BAD_HEARTBEAT_INTERVAL);
        }

        final int nameLength = untilNul(accountName, logon.getAccount(accountName, 0));
        final String name = new String(accountName, 0, nameLength, StandardCharsets.US_ASCII);
        final int credentialLength = untilNul(credential, logon.getCredential(credential, 0));
        final long accountId = context.accounts().authenticate(name, credential, credentialLength);
        Arrays.fill(credential, (byte)0);
        if (accountId == AccountDirectory.NO_ACCOUNT || accountId < 0 || accountId >= sessionsPerAccount.length)
        {
            lockout.onFailure(peer, nowNs);
            return refuse(LogonRejectReason.BAD_CREDENTIALS);
        }
        lockout.onSuccess(peer);
        final RateLimiter accountLogons = accountLimits[(int)accountId].logons;
        if (!accountLogons.tryTake(nowNs))
        {
            retryAfterMs = retryAfterMs(accountLogons, nowNs);
            return refuse(LogonRejectReason.LOCKED_OUT);
        }
        if (sessionsPerAccount[(int)accountId] >= context.maxSessionsPerAccount())
        {
            return refuse(LogonRejectReason.TOO_MANY_SESSIONS_FOR_ACCOUNT);
        }
        sessionsPerAccount[(int)accountId]++;
        reason = null;
        return accountId;
    }

    /**
     * Whether a new connection from this address would be refused at its Logon whatever it sent: the address is
     * locked out, or has used up its logon rate. Refusing it at once, before it is registered or read, is what keeps
     * a reconnect storm cheap. Takes nothing from the rate; sets {@link #reason()} and {@link #retryAfterMs()}.
     *
     * @param peer          the connection's address.
     * @param addressLimits the limits shared by the connections from that address.
     * @param nowNs         the time.
     * @return true when the connection is to be refused with {@code LOCKED_OUT}.
     */
    boolean refusesAtConnect(final InetAddress peer, final SharedLimits addressLimits, final long nowNs)
    {
        final long lockedForNs = lockout.lockedForNs(peer, nowNs);
        if (lockedForNs > 0)
        {
            retryAfterMs = TimeUnit.NANOSECONDS.toMillis(lockedForNs) + 1;
            reason = LogonRejectReason.LOCKED_OUT;
            return true;
        }
        if (!addressLimits.logons.admits(nowNs))
        {
            retryAfterMs = retryAfterMs(addressLimits.logons, nowNs);
            reason = LogonRejectReason.LOCKED_OUT;
            return true;
        }
        reason = null;
        retryAfterMs = 0;
        return false;
    }

    /**
     * A session {@link #admit} let in has ended.
     */
    void onSessionEnded(final long accountId)
    {
        sessionsPerAccount[(int)accountId]--;
    }

    /**
     * @return the limits all sessions of an account share, admitted by this gate.
     */
    SharedLimits accountLimits(final long accountId)
    {
        return accountLimits[(int)accountId];
    }

    /**
     * @return why the last logon was refused; null if it was admitted.
     */
    LogonRejectReason reason()
    {
        return reason;
    }

    /**
     * @return for a refusal by a rate limit or the lock-out, in how many milliseconds a logon may succeed; else 0.
     */
    long retryAfterMs()
    {
        return retryAfterMs;
    }

    private long refuse(final LogonRejectReason reason)
    {
        this.reason = reason;
        return REFUSED;
    }

    private static long retryAfterMs(final RateLimiter limiter, final long nowNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(limiter.nanosUntilAdmitted(nowNs)) + 1;
    }

    private static int untilNul(final byte[] bytes, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] == NUL)
            {
                return i;
            }
        }
        return length;
    }
}
