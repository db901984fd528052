package io.matchpoint.gateway.cli;

/**
 * The options of {@code matchpoint admin}, for an {@link AdminRunner}. {@link #toString()} never shows the password.
 *
 * @param host     server host.
 * @param port     server port, 1..65535.
 * @param account  an admin account's name.
 * @param password its password.
 * @param action   what to do.
 * @param symbol   the instrument's symbol, upper case; for {@code kill}, {@code revive} and {@code limits} the
 *                 account id ({@code DEFAULT} for the default limits).
 * @param limits   for {@code limits}, what changes; {@link RiskLimitChanges#NONE} otherwise.
 * @param collar   for {@code collar}, the collar's ticks and basis points (both 0 to lift it); zeros otherwise.
 */
public record AdminOptions(
    String host, int port, String account, String password, AdminAction action, String symbol,
    RiskLimitChanges limits, CollarChange collar)
{
    /** A price collar for {@code matchpoint admin collar}: ticks or basis points, at most one above 0. */
    public record CollarChange(long ticks, long basisPoints)
    {
        public static final CollarChange NONE = new CollarChange(0, 0);
    }

    public AdminOptions(
        final String host, final int port, final String account, final String password, final AdminAction action,
        final String symbol)
    {
        this(host, port, account, password, action, symbol, RiskLimitChanges.NONE, CollarChange.NONE);
    }

    public AdminOptions(
        final String host, final int port, final String account, final String password, final AdminAction action,
        final String symbol, final RiskLimitChanges limits)
    {
        this(host, port, account, password, action, symbol, limits, CollarChange.NONE);
    }

    /**
     * @return every option but the password, which shows as {@code <hidden>}.
     */
    @Override
    public String toString()
    {
        return "AdminOptions[host=" + host + ", port=" + port + ", account=" + account + ", password=<hidden>" +
            ", action=" + action + ", symbol=" + symbol + ", limits=" + limits + ", collar=" + collar + "]";
    }
}
