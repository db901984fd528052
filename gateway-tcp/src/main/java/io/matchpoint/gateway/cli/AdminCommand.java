package io.matchpoint.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code matchpoint admin halt|resume SYMBOL}, {@code snapshot}, {@code kill|revive ACCOUNT_ID}: an operator's
 * action on a running server, carried out by the
 * {@link AdminRunner}. The connection options may stand before or after the action.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = { AdminCommand.Halt.class, AdminCommand.Resume.class, AdminCommand.Snapshot.class,
        AdminCommand.Kill.class, AdminCommand.Revive.class, AdminCommand.Limits.class, AdminCommand.Collar.class },
    description = "Operator actions on a running server, as an admin account.")
public final class AdminCommand
{
    private final AdminRunner runner;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", scope = ScopeType.INHERIT,
        description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7400", scope = ScopeType.INHERIT,
        description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--account", paramLabel = "NAME", defaultValue = "admin", scope = ScopeType.INHERIT,
        description = "Admin account to log on with (default: ${DEFAULT-VALUE}).")
    private String account;

    @Option(names = "--password", paramLabel = "TEXT", defaultValue = "admin-demo", scope = ScopeType.INHERIT,
        description = "Its password (default: the demo admin's).")
    private String password;

    /**
     * @param runner what carries out the action.
     * @param out    where the outcome goes.
     * @param err    where errors go.
     */
    public AdminCommand(final AdminRunner runner, final PrintStream out, final PrintStream err)
    {
        this.runner = runner;
        this.out = out;
        this.err = err;
    }

    int run(final CommandSpec spec, final AdminAction action, final String symbol) throws Exception
    {
        return run(spec, action, symbol, RiskLimitChanges.NONE);
    }

    int run(final CommandSpec spec, final AdminAction action, final String symbol, final RiskLimitChanges limits)
        throws Exception
    {
        return run(spec, action, symbol, limits, AdminOptions.CollarChange.NONE);
    }

    int run(
        final CommandSpec spec,
        final AdminAction action,
        final String symbol,
        final RiskLimitChanges limits,
        final AdminOptions.CollarChange collar) throws Exception
    {
        if (port < 1 || port > 65535)
        {
            throw new ParameterException(
                spec.commandLine(), "Invalid value for option '--port': must be in 1..65535, got " + port);
        }
        return runner.run(
            new AdminOptions(host, port, account, password, action, symbol.toUpperCase(Locale.ROOT), limits, collar),
            out, err);
    }

    /**
     * {@code matchpoint admin snapshot}.
     */
    @Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write a snapshot of the engine now, so a restart replays only what follows (the server " +
            "prints where it wrote it).")
    public static final class Snapshot implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        /**
         * @return the runner's exit code.
         * @throws Exception what the runner throws.
         */
        @Override
        public Integer call() throws Exception
        {
            return parent.run(spec, AdminAction.SNAPSHOT, "");
        }
    }

    /**
     * {@code matchpoint admin halt SYMBOL}.
     */
    @Command(
        name = "halt",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Halt trading on an instrument: new orders and replaces are rejected, cancels still work.")
    public static final class Halt implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SYMBOL", description = "The instrument's symbol.")
        private String symbol;

        /**
         * @return the runner's exit code.
         * @throws Exception what the runner throws.
         */
        @Override
        public Integer call() throws Exception
        {
            return parent.run(spec, AdminAction.HALT, symbol);
        }
    }

    /**
     * {@code matchpoint admin resume SYMBOL}.
     */
    @Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Resume trading on a halted instrument.")
    public static final class Resume implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SYMBOL", description = "The instrument's symbol.")
        private String symbol;

        /**
         * @return the runner's exit code.
         * @throws Exception what the runner throws.
         */
        @Override
        public Integer call() throws Exception
        {
            return parent.run(spec, AdminAction.RESUME, symbol);
        }
    }

    /**
     * {@code matchpoint admin kill ACCOUNT_ID}.
     */
    @Command(
        name = "kill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "The kill switch: cancel every resting order of the account at once and refuse its new " +
            "orders and replaces until it is revived; its sessions are told. Journaled like any command.")
    public static final class Kill implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ACCOUNT_ID", description = "The account's id (as in the configuration).")
        private long accountId;

        @Override
        public Integer call() throws Exception
        {
            return parent.run(spec, AdminAction.KILL, accountIdText(spec, accountId));
        }
    }

    /**
     * {@code matchpoint admin revive ACCOUNT_ID}.
     */
    @Command(
        name = "revive",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Let an account the kill switch stopped trade again.")
    public static final class Revive implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ACCOUNT_ID", description = "The account's id (as in the configuration).")
        private long accountId;

        @Override
        public Integer call() throws Exception
        {
            return parent.run(spec, AdminAction.REVIVE, accountIdText(spec, accountId));
        }
    }

    /**
     * {@code matchpoint admin limits ACCOUNT_ID|default [--max-order-qty N|none] ... [--clear]}.
     */
    @Command(
        name = "limits",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show an account's pre-trade risk limits and what it has at stake (open orders, open notional), or the " +
                "defaults every account without its own follows (ACCOUNT_ID default); with options, change them " +
                "first. A limit not named keeps its value; 'none' unsets it. Journaled like any command.",
            "Notionals are |price| x quantity in the instrument's integer units (prices as the wire carries them)."})
    public static final class Limits implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ACCOUNT_ID", description = "The account's id, or 'default' for the defaults.")
        private String account;

        @Option(names = "--max-order-qty", paramLabel = "N|none", description = "Largest quantity of one order.")
        private String maxOrderQuantity;

        @Option(names = "--max-order-notional", paramLabel = "N|none",
            description = "Largest notional of one order (a market order's at the collar's or the band's edge).")
        private String maxOrderNotional;

        @Option(names = "--max-open-orders", paramLabel = "N|none", description = "Most resting orders at once.")
        private String maxOpenOrders;

        @Option(names = "--instrument-credit", paramLabel = "N|none",
            description = "Largest gross notional of open orders (and the new one) on one instrument.")
        private String instrumentCredit;

        @Option(names = "--total-credit", paramLabel = "N|none",
            description = "Largest gross notional of open orders (and the new one) over all instruments.")
        private String totalCredit;

        @Option(names = "--position-limit", paramLabel = "N|none",
            description = "Per instrument: net executed quantity plus open orders on the side that grows it.")
        private String positionLimit;

        @Option(names = "--clear", description = "Drop the account's own limits: it follows the defaults again.")
        private boolean clear;

        @Override
        public Integer call() throws Exception
        {
            final String id = account.equalsIgnoreCase("default") ? "DEFAULT" :
                accountIdText(spec, parseLong(spec, "ACCOUNT_ID", account));
            final java.util.List<Long> values = new java.util.ArrayList<>();
            values.add(limit("--max-order-qty", maxOrderQuantity));
            values.add(limit("--max-order-notional", maxOrderNotional));
            values.add(limit("--max-open-orders", maxOpenOrders));
            values.add(limit("--instrument-credit", instrumentCredit));
            values.add(limit("--total-credit", totalCredit));
            values.add(limit("--position-limit", positionLimit));
            final RiskLimitChanges changes = new RiskLimitChanges(values, clear);
            if (clear && values.stream().anyMatch(value -> value != null))
            {
                throw new ParameterException(spec.commandLine(), "--clear takes no limit with it");
            }
            if (clear && id.equals("DEFAULT"))
            {
                throw new ParameterException(spec.commandLine(), "the defaults cannot be cleared: set them to none");
            }
            return parent.run(spec, AdminAction.LIMITS, id, changes);
        }

        private Long limit(final String option, final String text)
        {
            if (text == null)
            {
                return null;
            }
            if (text.equalsIgnoreCase("none"))
            {
                return -1L;
            }
            final long value = parseLong(spec, option, text);
            if (value < 0)
            {
                throw new ParameterException(spec.commandLine(), option + " must be 0 or more, or none: " + text);
            }
            return value;
        }
    }

    /**
     * {@code matchpoint admin collar SYMBOL --ticks N | --percent P | --off}.
     */
    @Command(
        name = "collar",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Set an instrument's price collar now: limit prices further than this from its reference price " +
            "(the last trade; before the first, the band's middle) are refused and market orders trade no further. " +
            "Resting orders stay. Journaled like any command; the configuration's collar-ticks or collar-percent " +
            "sets it again at the next start.")
    public static final class Collar implements Callable<Integer>
    {
        @ParentCommand
        private AdminCommand parent;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SYMBOL", description = "The instrument.")
        private String symbol;

        @Option(names = "--ticks", paramLabel = "N", description = "Ticks either side of the reference price.")
        private Long ticks;

        @Option(names = "--percent", paramLabel = "P",
            description = "Percent of the reference price either side, 0.01 to 100 (rounded down to whole ticks).")
        private java.math.BigDecimal percent;

        @Option(names = "--off", description = "Lift the collar.")
        private boolean off;

        @Override
        public Integer call() throws Exception
        {
            final int given = (ticks != null ? 1 : 0) + (percent != null ? 1 : 0) + (off ? 1 : 0);
            if (given != 1)
            {
                throw new ParameterException(spec.commandLine(), "give exactly one of --ticks, --percent and --off");
            }
            long basisPoints = 0;
            if (percent != null)
            {
                final java.math.BigDecimal points = percent.movePointRight(2);
                if (points.signum() <= 0 || points.compareTo(java.math.BigDecimal.valueOf(10_000)) > 0 ||
                    points.stripTrailingZeros().scale() > 0)
                {
                    throw new ParameterException(spec.commandLine(),
                        "--percent must be 0.01 to 100 in steps of 0.01, got " + percent.toPlainString());
                }
                basisPoints = points.longValueExact();
            }
            if (ticks != null && ticks <= 0)
            {
                throw new ParameterException(spec.commandLine(), "--ticks must be above 0 (--off lifts it), got " +
                    ticks);
            }
            return parent.run(spec, AdminAction.COLLAR, symbol, RiskLimitChanges.NONE,
                new AdminOptions.CollarChange(ticks != null ? ticks : 0, basisPoints));
        }
    }

    private static long parseLong(final CommandSpec spec, final String name, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), name + " must be a whole number: " + text);
        }
    }

    private static String accountIdText(final CommandSpec spec, final long accountId)
    {
        if (accountId <= 0)
        {
            throw new ParameterException(spec.commandLine(), "ACCOUNT_ID must be above 0, got " + accountId);
        }
        return Long.toString(accountId);
    }
}
