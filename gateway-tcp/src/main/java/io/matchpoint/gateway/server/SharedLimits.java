package io.matchpoint.gateway.server;

/**
 * The limits that several sessions share: those of one account, or those from one IP address. A session's own
 * throttle resets with each connection; these do not, so logging off and on again gets around neither the message
 * rate nor the logon rate.
 */
final class SharedLimits
{
    final RateLimiter messages;
    final RateLimiter logons;
    /** Connections that hold these limits (addresses only: how many connections from there are open). */
    int holders;

    SharedLimits(final int messages, final int logons, final long messageWindowNs, final long logonWindowNs)
    {
        this.messages = new RateLimiter(messages, messageWindowNs);
        this.logons = new RateLimiter(logons, logonWindowNs);
    }

    boolean isIdle(final long nowNs)
    {
        return holders == 0 && messages.isIdle(nowNs) && logons.isIdle(nowNs);
    }
}
