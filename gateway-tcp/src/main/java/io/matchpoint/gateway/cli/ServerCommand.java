package io.matchpoint.gateway.cli;

import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.gateway.config.BadConfigException;
import io.matchpoint.gateway.config.Profile;
import io.matchpoint.gateway.config.ServerConfig;
import io.matchpoint.gateway.config.ServerConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code matchpoint server}: loads the configuration (the built-in defaults, or a file laid over them), applies the
 * command-line overrides, and hands it to the {@link ServerRunner}. A bad configuration exits with
 * {@link MatchpointCli#EXIT_USAGE} after one line naming the key, file and line.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the matching engine server.",
        "With no options it runs on the built-in configuration: 127.0.0.1:7400, the data directory 'data', " +
            "profile default, " +
            "three demo instruments (DEMO1, DEMO2, DEMO3) and demo accounts alice, bob, carol and admin " +
            "(passwords alice-demo, bob-demo, carol-demo, admin-demo).",
        "A configuration file (HOCON, see config/matchpoint-example.conf) needs to hold only what it changes; " +
            "the options below override it."
    })
public final class ServerCommand implements Callable<Integer>
{
    private final ServerRunner runner;
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file laid over the built-in one.")
    private Path configFile;

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on, 0..65535 (0: any free port).")
    private Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (the journal lives there).")
    private Path dataDirectory;

    @Option(
        names = "--profile",
        paramLabel = "PROFILE",
        converter = ProfileConverter.class,
        completionCandidates = ProfileConverter.class,
        description = "Threading profile: ${COMPLETION-CANDIDATES}.")
    private Profile profile;

    @Option(
        names = "--threading",
        paramLabel = "MODE",
        converter = ThreadingConverter.class,
        completionCandidates = ThreadingConverter.class,
        description = "How the agents share threads: ${COMPLETION-CANDIDATES} (auto: shared on 1-2 CPUs, shared-io " +
            "on more, dedicated with the low-latency profile).")
    private ThreadingMode threading;

    @Option(
        names = "--cpus",
        paramLabel = "LIST",
        split = ",",
        description = "low-latency profile: the CPUs of the matcher, gateway, command-journal and event-journal " +
            "threads, in that order, e.g. 4,2,3,5 (default: the first four isolated CPUs, else the four highest; " +
            "the host needs one more CPU for everything else). affinity-scripts/pin chooses them for you.")
    private List<Integer> cpus;

    /**
     * @param runner what runs the server once the configuration is loaded.
     * @param out    what the runner prints to.
     * @param err    where a bad configuration is reported.
     */
    public ServerCommand(final ServerRunner runner, final PrintStream out, final PrintStream err)
    {
        this.runner = runner;
        this.out = out;
        this.err = err;
    }

    /**
     * @return the runner's exit code, or {@link MatchpointCli#EXIT_USAGE} for a bad configuration.
     * @throws Exception what the runner throws.
     */
    @Override
    public Integer call() throws Exception
    {
        if (port != null && (port < 0 || port > ServerConfig.MAX_PORT))
        {
            throw new ParameterException(
                spec.commandLine(), "Invalid value for option '--port': must be in 0.." + ServerConfig.MAX_PORT +
                ", got " + port);
        }
        ServerConfig config;
        try
        {
            config = configFile == null ? ServerConfigLoader.defaults() : ServerConfigLoader.load(configFile);
            config = port == null ? config : config.withPort(port);
            config = dataDirectory == null ? config : config.withDataDirectory(dataDirectory);
            config = profile == null ? config : config.withProfile(profile);
            // "--threading auto" (null) overrides a mode in the file, so ask whether the option was given at all
            config = spec.commandLine().getParseResult().hasMatchedOption("--threading") ?
                config.withThreading(threading) : config;
            config = cpus == null ? config : config.withCpus(cpus);
        }
        catch (final BadConfigException ex)
        {
            err.println(spec.qualifiedName() + ": bad config: " + ex.getMessage());
            return MatchpointCli.EXIT_USAGE;
        }
        return runner.run(config, out);
    }
}
