package io.matchpoint.gateway.cli;

/**
 * The options of {@code matchpoint client}, for a {@link ClientRunner}. {@link #toString()} never shows the password.
 *
 * @param host                server host.
 * @param port                server port, 1..65535.
 * @param account             account name to log on with.
 * @param password            the account's password, from {@code --password}, {@code --password-file} or the
 *                            environment variable {@code MATCHPOINT_PASSWORD}.
 * @param cancelOnDisconnect  whether the server cancels the session's orders when the connection drops.
 * @param heartbeatIntervalMs heartbeat interval to ask for at logon, milliseconds.
 * @param timeoutMs           how long to wait for replies to what was sent once the input ends, milliseconds.
 * @param lingerMs            how long to keep printing events after that, milliseconds.
 * @param quietBanner         whether to leave out the banner printed on connecting.
 */
public record ClientOptions(
    String host,
    int port,
    String account,
    String password,
    boolean cancelOnDisconnect,
    long heartbeatIntervalMs,
    long timeoutMs,
    long lingerMs,
    boolean quietBanner)
{
    /**
     * @return every option but the password, which shows as {@code <hidden>}.
     */
    @Override
    public String toString()
    {
        return "ClientOptions[host=" + host + ", port=" + port + ", account=" + account + ", password=<hidden>" +
            ", cancelOnDisconnect=" + cancelOnDisconnect + ", heartbeatIntervalMs=" + heartbeatIntervalMs +
            ", timeoutMs=" + timeoutMs + ", lingerMs=" + lingerMs + ", quietBanner=" + quietBanner + "]";
    }
}
