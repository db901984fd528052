package io.matchpoint.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code matchpoint client}: logs on to a server and sends the commands read from standard input, one per line
 * (see {@link ClientCommandParser#helpText()}), printing execution reports as they arrive. Parses and checks the
 * options, resolves the password, and hands the rest to the {@link ClientRunner}.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Log on to a server, send orders, cancels and replaces read from standard input (typed, or a script: " +
            "matchpoint client --account alice < orders.txt), and print the execution reports.",
        "The password comes from --password, --password-file or the environment variable " +
            ClientCommand.PASSWORD_VARIABLE + ", in that order (a password on the command line is visible to " +
            "other users of the machine)."
    })
public final class ClientCommand implements Callable<Integer>
{
    /** Environment variable holding the password when no option gives it. */
    public static final String PASSWORD_VARIABLE = "MATCHPOINT_PASSWORD";

    private final ClientRunner runner;
    private final Function<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7400",
        description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--account", paramLabel = "NAME", required = true, description = "Account to log on with.")
    private String account;

    @Option(names = "--password", paramLabel = "TEXT", description = "The account's password.")
    private String password;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "File whose first line is the password.")
    private Path passwordFile;

    @Option(names = "--no-cancel-on-disconnect",
        description = "Keep this session's orders when the connection drops (default: the server cancels them).")
    private boolean noCancelOnDisconnect;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Heartbeat interval to ask for, milliseconds (default: ${DEFAULT-VALUE}).")
    private long heartbeatIntervalMs;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
        description = "At the end of the input, how long to wait for replies to what was sent, milliseconds " +
            "(default: ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "0",
        description = "After that, how long to keep printing events, milliseconds (default: ${DEFAULT-VALUE}).")
    private long lingerMs;

    @Option(names = "--quiet-banner", description = "Do not print the banner on connecting.")
    private boolean quietBanner;

    /**
     * @param runner      what runs the client once the options are parsed.
     * @param environment reads an environment variable (null when unset).
     * @param in          the command input.
     * @param out         where events go.
     * @param err         where errors go.
     */
    public ClientCommand(
        final ClientRunner runner,
        final Function<String, String> environment,
        final InputStream in,
        final PrintStream out,
        final PrintStream err)
    {
        this.runner = runner;
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * @return the runner's exit code.
     * @throws Exception what the runner throws.
     */
    @Override
    public Integer call() throws Exception
    {
        requireInRange("--port", port, 1, 65535);
        requireInRange("--heartbeat-ms", heartbeatIntervalMs, 1, Long.MAX_VALUE);
        requireInRange("--timeout-ms", timeoutMs, 0, Long.MAX_VALUE);
        requireInRange("--linger-ms", lingerMs, 0, Long.MAX_VALUE);
        final ClientOptions options = new ClientOptions(
            host, port, account, resolvePassword(), !noCancelOnDisconnect, heartbeatIntervalMs, timeoutMs, lingerMs,
            quietBanner);
        return runner.run(options, in, out, err);
    }

    private String resolvePassword()
    {
        if (password != null && passwordFile != null)
        {
            throw new ParameterException(spec.commandLine(), "Give --password or --password-file, not both");
        }
        if (password != null)
        {
            return password;
        }
        if (passwordFile != null)
        {
            try
            {
                final String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                final int end = text.indexOf('\n');
                final String line = end < 0 ? text : text.substring(0, end);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            catch (final IOException ex)
            {
                throw new ParameterException(
                    spec.commandLine(), "Cannot read --password-file " + passwordFile + ": " + ex);
            }
        }
        final String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment == null)
        {
            throw new ParameterException(
                spec.commandLine(),
                "No password: give --password, --password-file or set " + PASSWORD_VARIABLE);
        }
        return fromEnvironment;
    }

    private void requireInRange(final String option, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new ParameterException(
                spec.commandLine(), "Invalid value for option '" + option + "': must be " +
                (max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max) + ", got " + value);
        }
    }
}
