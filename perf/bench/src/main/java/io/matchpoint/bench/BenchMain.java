package io.matchpoint.bench;

import picocli.CommandLine;

/**
 * {@code ./matchpoint bench}: see {@link BenchCommand}.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BenchCommand(System.out)).execute(args));
    }
}
