package io.matchpoint.gateway.cli;

import io.matchpoint.gateway.config.Profile;
import io.matchpoint.gateway.config.ServerConfig;
import io.matchpoint.gateway.config.ServerConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchpointCliTest
{
    private static final String NL = System.lineSeparator();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final InputStream in = new ByteArrayInputStream("buy 1 DEMO1 @ 20\n".getBytes(StandardCharsets.UTF_8));
    private final Map<String, String> environment = new HashMap<>();
    private final AtomicReference<ServerConfig> serverConfig = new AtomicReference<>();
    private final AtomicReference<ClientOptions> clientOptions = new AtomicReference<>();
    private final AtomicReference<AdminOptions> adminOptions = new AtomicReference<>();
    private final AtomicReference<InputStream> clientInput = new AtomicReference<>();

    private final MatchpointCli cli = new MatchpointCli()
        .in(in)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .environment(environment::get)
        .serverRunner((config, out) ->
        {
            serverConfig.set(config);
            return 0;
        })
        .clientRunner((options, in, out, err) ->
        {
            clientOptions.set(options);
            clientInput.set(in);
            return 0;
        })
        .adminRunner((options, out, err) ->
        {
            adminOptions.set(options);
            return 0;
        });

    @Test
    void shouldPrintTheVersion()
    {
        assertEquals(0, cli.execute("--version"));
        assertEquals("matchpoint " + System.getProperty("matchpoint.expected.version") + NL, out());
        assertEquals("", err());
    }

    @Test
    void shouldListTheCommandsAndExitCodesInTheHelp()
    {
        assertEquals(0, cli.execute("--help"));
        assertTrue(out().contains("server") && out().contains("client") && out().contains("admin"), out());
        assertTrue(out().contains("2   usage error"), out());
    }

    @Test
    void shouldSayThereIsNoJournalWhereTheDataDirectoryHasNone(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path empty)
    {
        assertEquals(1, cli.execute("journal", "verify", "--data", empty.toString()));
        assertTrue(err().contains("no journal in " + empty.toAbsolutePath()), err());
        assertEquals(1, cli.execute("journal", "dump", "--data", empty.toString()));
    }

    @Test
    void shouldRejectAnUnknownDumpFormatOrMessageTypeAsAUsageError()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("journal", "dump", "--format", "xml"));
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("journal", "dump", "--type", "Bogus"));
        assertTrue(err().contains("Bogus"), err());
    }

    @Test
    void shouldRejectAnUnknownCommandWithOneLineAndTheUsage()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("bogus"));
        assertEquals(String.join(NL,
            "matchpoint: unknown command 'bogus'",
            "Usage: matchpoint [-hV] COMMAND",
            "Try 'matchpoint --help' for more information.",
            ""), err());
        assertEquals("", out());
    }

    @Test
    void shouldRejectAnUnknownOption()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--bogus"));
        assertTrue(err().startsWith("matchpoint server: Unknown option: '--bogus'" + NL + "Usage: matchpoint server"),
            err());
        assertNull(serverConfig.get());
    }

    @Test
    void shouldRequireACommand()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute());
        assertTrue(err().startsWith("matchpoint: Missing required subcommand" + NL), err());
    }

    @Test
    void shouldRunTheServerOnTheBuiltInConfiguration()
    {
        assertEquals(0, cli.execute("server"));
        assertEquals(ServerConfigLoader.defaults(), serverConfig.get());
    }

    @Test
    void shouldLayTheCommandLineOverTheConfigFile() throws IOException
    {
        final Path file = file("matchpoint { port = 7600, capacity.max-sessions = 8 }");

        assertEquals(0, cli.execute(
            "server", "--config", file.toString(), "--port", "7500", "--data", "/var/matchpoint",
            "--profile", "low-latency"));

        final ServerConfig config = serverConfig.get();
        assertEquals(7500, config.port());
        assertEquals(8, config.capacity().maxSessions());
        assertEquals(Path.of("/var/matchpoint"), config.dataDirectory());
        assertEquals(Profile.LOW_LATENCY, config.profile());
    }

    @Test
    void shouldTakeTheHotThreadsCpusInRoleOrder()
    {
        assertEquals(0, cli.execute("server", "--profile", "low-latency", "--cpus", "4,2,3,5"));

        assertEquals(java.util.List.of(4, 2, 3, 5), serverConfig.get().cpus());
    }

    @Test
    void shouldRefuseACpuListThatIsNotOneCpuPerHotThread()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--profile", "low-latency", "--cpus", "4,2"));

        assertTrue(err().contains("matchpoint.cpus: must name 4 CPUs"), err());
    }

    @Test
    void shouldExitWithTheServerRunnersCode()
    {
        cli.serverRunner((config, out) -> 42);

        assertEquals(42, cli.execute("server"));
    }

    @Test
    void shouldRejectAnUnknownProfile()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--profile", "fast"));
        assertTrue(err().startsWith("matchpoint server: Invalid value for option '--profile': unknown profile " +
            "'fast': expected default or low-latency" + NL), err());
        assertNull(serverConfig.get());
    }

    @Test
    void shouldRejectAPortOutOfRange()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--port", "70000"));
        assertTrue(err().startsWith(
            "matchpoint server: Invalid value for option '--port': must be in 0..65535, got 70000" + NL), err());
    }

    @Test
    void shouldNameTheBadKeyOfAConfigFile() throws IOException
    {
        final Path file = file("matchpoint {\n  capacity.max-orders = 1000\n}\n");

        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--config", file.toString()));
        assertEquals("matchpoint server: bad config: " + file + ": 2: matchpoint.capacity.max-orders: " +
            "must be a power of two, got 1000" + NL, err());
        assertNull(serverConfig.get());
    }

    @Test
    void shouldReportAMissingConfigFile()
    {
        final Path file = directory.resolve("absent.conf");

        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("server", "--config", file.toString()));
        assertEquals("matchpoint server: bad config: cannot read config file " + file + ": no such file" + NL, err());
    }

    @Test
    void shouldReportARunnerFailureInOneLine()
    {
        cli.serverRunner((config, out) ->
        {
            throw new IllegalStateException("boom");
        });

        assertEquals(MatchpointCli.EXIT_FAILURE, cli.execute("server"));
        assertEquals("matchpoint server: failed: java.lang.IllegalStateException: boom " +
            "(set MATCHPOINT_DEBUG=1 for the stack trace)" + NL, err());
    }

    @Test
    void shouldAddTheStackTraceWhenDebugging()
    {
        environment.put(MatchpointCli.DEBUG_VARIABLE, "1");
        cli.serverRunner((config, out) ->
        {
            throw new IllegalStateException("boom");
        });

        assertEquals(MatchpointCli.EXIT_FAILURE, cli.execute("server"));
        assertTrue(err().startsWith("matchpoint server: failed: java.lang.IllegalStateException: boom" + NL +
            "java.lang.IllegalStateException: boom" + NL + "\tat "), err());
    }

    @Test
    void shouldPassEveryClientOptionToTheRunner()
    {
        assertEquals(0, cli.execute(
            "client", "--host", "10.0.0.5", "--port", "7401", "--account", "bob", "--password", "bob-demo",
            "--no-cancel-on-disconnect", "--heartbeat-ms", "250", "--timeout-ms", "2000", "--linger-ms", "300",
            "--quiet-banner"));

        assertEquals(
            new ClientOptions("10.0.0.5", 7401, "bob", "bob-demo", false, 250, 2000, 300, true), clientOptions.get());
        assertSame(in, clientInput.get());
    }

    @Test
    void shouldDefaultTheClientOptions()
    {
        assertEquals(0, cli.execute("client", "--account", "alice", "--password", "alice-demo"));

        assertEquals(
            new ClientOptions("127.0.0.1", 7400, "alice", "alice-demo", true, 1000, 5000, 0, false),
            clientOptions.get());
    }

    @Test
    void shouldReadTheFirstLineOfThePasswordFile() throws IOException
    {
        final Path file = file("carol-demo\r\nsecond line\n");

        assertEquals(0, cli.execute("client", "--account", "carol", "--password-file", file.toString()));

        assertEquals("carol-demo", clientOptions.get().password());
    }

    @Test
    void shouldTakeThePasswordFromTheEnvironmentWhenNoOptionGivesIt()
    {
        environment.put(ClientCommand.PASSWORD_VARIABLE, "alice-demo");

        assertEquals(0, cli.execute("client", "--account", "alice"));

        assertEquals("alice-demo", clientOptions.get().password());
    }

    @Test
    void shouldPreferThePasswordOptionToTheEnvironment()
    {
        environment.put(ClientCommand.PASSWORD_VARIABLE, "from-environment");

        assertEquals(0, cli.execute("client", "--account", "alice", "--password", "alice-demo"));

        assertEquals("alice-demo", clientOptions.get().password());
    }

    @Test
    void shouldRequireAPassword()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("client", "--account", "alice"));
        assertTrue(err().startsWith("matchpoint client: No password: give --password, --password-file or set " +
            "MATCHPOINT_PASSWORD" + NL), err());
        assertNull(clientOptions.get());
    }

    @Test
    void shouldRefuseTwoPasswords() throws IOException
    {
        final Path file = file("x");

        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute(
            "client", "--account", "alice", "--password", "a", "--password-file", file.toString()));
        assertTrue(err().startsWith("matchpoint client: Give --password or --password-file, not both" + NL), err());
    }

    @Test
    void shouldReportAnUnreadablePasswordFile()
    {
        final Path file = directory.resolve("absent");

        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute(
            "client", "--account", "alice", "--password-file", file.toString()));
        assertTrue(err().startsWith("matchpoint client: Cannot read --password-file " + file + ": "), err());
    }

    @Test
    void shouldRequireAnAccount()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("client", "--password", "x"));
        assertTrue(err().startsWith("matchpoint client: Missing required option: '--account=NAME'" + NL), err());
    }

    @Test
    void shouldRejectANegativeTimeout()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute(
            "client", "--account", "alice", "--password", "x", "--timeout-ms", "-1"));
        assertTrue(err().startsWith(
            "matchpoint client: Invalid value for option '--timeout-ms': must be at least 0, got -1" + NL), err());
    }

    @Test
    void shouldShowTheCommandLanguageInTheClientHelp()
    {
        assertEquals(0, cli.execute("client", "--help"));
        assertTrue(out().contains(ClientCommandParser.helpText()), out());
    }

    @Test
    void shouldPassTheAdminActionWithItsDefaults()
    {
        assertEquals(0, cli.execute("admin", "halt", "demo1"));

        assertEquals(
            new AdminOptions("127.0.0.1", 7400, "admin", "admin-demo", AdminAction.HALT, "DEMO1"), adminOptions.get());
    }

    @Test
    void shouldTakeAdminOptionsBeforeAndAfterTheAction()
    {
        assertEquals(0, cli.execute(
            "admin", "--port", "7500", "resume", "DEMO2", "--account", "ops", "--password", "pw", "--host", "h"));

        assertEquals(new AdminOptions("h", 7500, "ops", "pw", AdminAction.RESUME, "DEMO2"), adminOptions.get());
    }

    @Test
    void shouldPassTheKillSwitchWithTheAccountIdAndRefuseOneNotAboveZero()
    {
        assertEquals(0, cli.execute("admin", "kill", "7"));
        assertEquals(new AdminOptions("127.0.0.1", 7400, "admin", "admin-demo", AdminAction.KILL, "7"),
            adminOptions.get());
        assertEquals(0, cli.execute("admin", "revive", "7"));
        assertEquals(AdminAction.REVIVE, adminOptions.get().action());

        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("admin", "kill", "0"));
        assertTrue(err().contains("ACCOUNT_ID must be above 0, got 0"), err());
    }

    @Test
    void shouldRequireAnAdminAction()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("admin"));
        assertTrue(err().startsWith("matchpoint admin: Missing required subcommand" + NL), err());
    }

    @Test
    void shouldRequireTheSymbolOfAnAdminAction()
    {
        assertEquals(MatchpointCli.EXIT_USAGE, cli.execute("admin", "halt"));
        assertTrue(err().startsWith("matchpoint admin halt: Missing required parameter: 'SYMBOL'" + NL), err());
        assertNull(adminOptions.get());
    }

    @Test
    void shouldHidePasswordsInTheOptionsToString()
    {
        final String client = new ClientOptions("h", 1, "a", "s3cret", true, 1, 1, 1, false).toString();
        final String admin = new AdminOptions("h", 1, "a", "s3cret", AdminAction.HALT, "X").toString();

        assertFalse(client.contains("s3cret"), client);
        assertFalse(admin.contains("s3cret"), admin);
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(final String text) throws IOException
    {
        final Path file = Files.createTempFile(directory, "file", ".conf");
        Files.writeString(file, text);
        return file;
    }
}
