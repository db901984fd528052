package io.matchpoint.gateway.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Runs the interactive or scripted client once {@code matchpoint client} has parsed its options; the command's exit
 * code is what it returns. An exception it throws exits with {@link MatchpointCli#EXIT_FAILURE}.
 */
@FunctionalInterface
public interface ClientRunner
{
    /**
     * @param options the parsed options, password resolved.
     * @param in      the command lines to read ({@link ClientCommandParser} reads each).
     * @param out     where execution reports and other events go.
     * @param err     where errors go.
     * @return the process exit code.
     * @throws Exception on a failure the runner does not handle itself.
     */
    int run(ClientOptions options, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
