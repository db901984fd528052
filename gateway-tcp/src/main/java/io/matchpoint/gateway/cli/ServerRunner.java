package io.matchpoint.gateway.cli;

import io.matchpoint.gateway.config.ServerConfig;

import java.io.PrintStream;

/**
 * Runs the server once {@code matchpoint server} has parsed its options and loaded its configuration; the command's
 * exit code is what it returns. An exception it throws exits with {@link MatchpointCli#EXIT_FAILURE}.
 */
@FunctionalInterface
public interface ServerRunner
{
    /**
     * @param config the checked configuration, command-line overrides applied.
     * @param out    where to print what a person should see (start-up summary, shutdown).
     * @return the process exit code: {@link MatchpointCli#EXIT_OK} after a clean shutdown.
     * @throws Exception on a failure the runner does not handle itself.
     */
    int run(ServerConfig config, PrintStream out) throws Exception;
}
