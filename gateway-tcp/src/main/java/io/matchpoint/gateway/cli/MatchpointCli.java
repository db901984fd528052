package io.matchpoint.gateway.cli;

import io.matchpoint.gateway.app.AdminConsole;
import io.matchpoint.gateway.app.ClientConsole;
import io.matchpoint.gateway.app.ServerMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code matchpoint} command line: the root command, its subcommands {@code server}, {@code client},
 * {@code admin}, {@code journal}, {@code stat}, {@code md} and {@code help}, and the exit codes. The launcher script
 * {@code ./matchpoint} runs {@link #main}.
 * <p>
 * The work itself is done by runners ({@link ServerRunner}, {@link ClientRunner}, {@link AdminRunner}) set here, as
 * are the streams and the environment, so that tests can run the whole command line in-process:
 * <pre>{@code
 * final int exitCode = new MatchpointCli().serverRunner((config, out) -> 0).out(out).err(err).execute("server");
 * }</pre>
 * A usage error (unknown command or option, bad option value) prints one line saying what is wrong, the command's
 * synopsis and where to find the full help to standard error, and exits with {@link #EXIT_USAGE}; a bad
 * configuration exits with the same code after one line naming the key.
 */
@Command(
    name = "matchpoint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Matchpoint, a low-latency order matching engine.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:failure while running",
        "2:usage error (unknown command or option, bad value) or bad configuration" })
public final class MatchpointCli
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** A failure while running: an exception the runner did not handle. */
    public static final int EXIT_FAILURE = 1;
    /** A usage error or a bad configuration (picocli's own code for invalid input). */
    public static final int EXIT_USAGE = 2;

    /** Environment variable that, when set to anything, adds the stack trace to a failure's one-line report. */
    public static final String DEBUG_VARIABLE = "MATCHPOINT_DEBUG";

    private ServerRunner serverRunner = ServerMain::run;
    private ClientRunner clientRunner = ClientConsole::run;
    private AdminRunner adminRunner = AdminConsole::run;
    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Function<String, String> environment = System::getenv;

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new MatchpointCli().execute(args));
    }

    /**
     * @param args the command-line arguments.
     * @return the exit code.
     */
    public int execute(final String... args)
    {
        return commandLine().execute(args);
    }

    /**
     * @return a new picocli command line over the current runners, streams and environment.
     */
    public CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(this);
        commandLine.addSubcommand(new ServerCommand(serverRunner, out, err));
        commandLine.addSubcommand(new ClientCommand(clientRunner, environment, in, out, err));
        commandLine.addSubcommand(new AdminCommand(adminRunner, out, err));
        commandLine.addSubcommand(new JournalCommand(out, err));
        commandLine.addSubcommand(new StatCommand(out, err));
        commandLine.addSubcommand(new MdCommand(out, err));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.getCommandSpec().usageMessage().footerHeading("%n").footer(
            "The load generator is a program of its own, started by the same launcher:",
            "  ./matchpoint bench --help");
        final CommandLine client = commandLine.getSubcommands().get("client");
        client.getCommandSpec().usageMessage()
            .footerHeading("%n")
            .footer(ClientCommandParser.helpText().replace("%", "%%").split("\\R"));

        // set after the subcommands are added: picocli passes these down to the subcommands there are now
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(MatchpointCli::onUsageError);
        commandLine.setExecutionExceptionHandler(
            (ex, command, parseResult) -> onFailure(ex, command, environment.apply(DEBUG_VARIABLE) != null));
        return commandLine;
    }

    /**
     * @param serverRunner runs {@code matchpoint server}.
     * @return this.
     */
    public MatchpointCli serverRunner(final ServerRunner serverRunner)
    {
        this.serverRunner = Objects.requireNonNull(serverRunner);
        return this;
    }

    /**
     * @param clientRunner runs {@code matchpoint client}.
     * @return this.
     */
    public MatchpointCli clientRunner(final ClientRunner clientRunner)
    {
        this.clientRunner = Objects.requireNonNull(clientRunner);
        return this;
    }

    /**
     * @param adminRunner runs {@code matchpoint admin}.
     * @return this.
     */
    public MatchpointCli adminRunner(final AdminRunner adminRunner)
    {
        this.adminRunner = Objects.requireNonNull(adminRunner);
        return this;
    }

    /**
     * @param in standard input (the client's commands); {@code System.in} unless set.
     * @return this.
     */
    public MatchpointCli in(final InputStream in)
    {
        this.in = Objects.requireNonNull(in);
        return this;
    }

    /**
     * @param out standard output; {@code System.out} unless set.
     * @return this.
     */
    public MatchpointCli out(final PrintStream out)
    {
        this.out = Objects.requireNonNull(out);
        return this;
    }

    /**
     * @param err standard error; {@code System.err} unless set.
     * @return this.
     */
    public MatchpointCli err(final PrintStream err)
    {
        this.err = Objects.requireNonNull(err);
        return this;
    }

    /**
     * @param environment reads an environment variable, null when unset; {@code System::getenv} unless set.
     * @return this.
     */
    public MatchpointCli environment(final Function<String, String> environment)
    {
        this.environment = Objects.requireNonNull(environment);
        return this;
    }

    private static int onUsageError(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + usageMessage(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        final CommandLine.Help help = command.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String usageMessage(final ParameterException ex)
    {
        if (ex instanceof UnmatchedArgumentException unmatched && !ex.getCommandLine().getSubcommands().isEmpty())
        {
            final List<String> arguments = unmatched.getUnmatched();
            if (!arguments.isEmpty() && !arguments.get(0).startsWith("-"))
            {
                return "unknown command '" + arguments.get(0) + "'";
            }
        }
        return ex.getMessage();
    }

    private static int onFailure(final Exception ex, final CommandLine command, final boolean stackTrace)
    {
        final PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": failed: " + ex +
            (stackTrace ? "" : " (set " + DEBUG_VARIABLE + "=1 for the stack trace)"));
        if (stackTrace)
        {
            ex.printStackTrace(err);
        }
        return EXIT_FAILURE;
    }
}
