package io.matchpoint.bench;

import picocli.CommandLine;

/**
 * {@code ./matchpoint bench}: see {@link BenchCommand}. A bad option or value is one line and exit 2; a failure one
 * line and exit 1 (the stack trace too with {@code MATCHPOINT_DEBUG} set).
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine(new BenchCommand(System.out)).execute(args));
    }

    static CommandLine commandLine(final BenchCommand command)
    {
        return new CommandLine(command).setExecutionExceptionHandler((ex, line, parsed) ->
        {
            if (System.getenv("MATCHPOINT_DEBUG") != null)
            {
                ex.printStackTrace(line.getErr());
            }
            if (ex instanceof IllegalArgumentException)
            {
                line.getErr().println("matchpoint bench: " + ex.getMessage());
                return 2;
            }
            line.getErr().println("matchpoint bench: failed: " + ex + " (set MATCHPOINT_DEBUG=1 for the stack trace)");
            return 1;
        });
    }
}
