package io.matchpoint.gateway.cli;

import java.io.PrintStream;

/**
 * Carries out one {@code matchpoint admin} action against a running server; the command's exit code is what it
 * returns. An exception it throws exits with {@link MatchpointCli#EXIT_FAILURE}.
 */
@FunctionalInterface
public interface AdminRunner
{
    /**
     * @param options the parsed options and the action.
     * @param out     where the outcome goes.
     * @param err     where errors go.
     * @return the process exit code.
     * @throws Exception on a failure the runner does not handle itself.
     */
    int run(AdminOptions options, PrintStream out, PrintStream err) throws Exception;
}
