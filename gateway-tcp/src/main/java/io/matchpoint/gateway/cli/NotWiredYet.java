package io.matchpoint.gateway.cli;

import io.matchpoint.gateway.config.ServerConfig;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The runners {@link MatchpointCli} uses until the gateway's server, client and admin are wired in: each says so and
 * exits with {@link MatchpointCli#EXIT_NOT_WIRED}. A placeholder, to be deleted when they arrive.
 */
final class NotWiredYet
{
    private NotWiredYet()
    {
    }

    static int server(final ServerConfig config, final PrintStream out)
    {
        out.print(config.summary());
        out.println("matchpoint server: server not wired yet");
        return MatchpointCli.EXIT_NOT_WIRED;
    }

    static int client(final ClientOptions options, final InputStream in, final PrintStream out, final PrintStream err)
    {
        err.println("matchpoint client: client not wired yet");
        return MatchpointCli.EXIT_NOT_WIRED;
    }

    static int admin(final AdminOptions options, final PrintStream out, final PrintStream err)
    {
        err.println("matchpoint admin: admin not wired yet");
        return MatchpointCli.EXIT_NOT_WIRED;
    }
}
