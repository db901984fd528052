package io.matchpoint.gateway.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.gateway.config.ServerConfig;
import picocli.CommandLine;

/**
 * Reads {@code --threading MODE} by {@link ThreadingMode#cliName()} ({@code auto}: null, the server chooses), and
 * lists the names a server accepts for the usage help ({@code invoker} is for tests and tools, not a server).
 */
public final class ThreadingConverter implements CommandLine.ITypeConverter<ThreadingMode>, Iterable<String>
{
    /**
     * @param name a mode name from the command line.
     * @return the mode, or null for {@code auto}.
     * @throws CommandLine.TypeConversionException naming the accepted names when there is none by that name.
     */
    @Override
    public ThreadingMode convert(final String name)
    {
        if (ServerConfig.THREADING_AUTO.equals(name))
        {
            return null;
        }
        try
        {
            final ThreadingMode mode = ThreadingMode.fromCliName(name);
            if (mode == ThreadingMode.INVOKER)
            {
                throw new CommandLine.TypeConversionException(
                    "invoker runs no threads (it is for tests and tools): a server needs " + String.join(", ", this));
            }
            return mode;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage() + " (or " + ServerConfig.THREADING_AUTO + ")");
        }
    }

    /**
     * @return the names a server accepts, for picocli's {@code ${COMPLETION-CANDIDATES}}.
     */
    @Override
    public Iterator<String> iterator()
    {
        final List<String> names = new ArrayList<>();
        names.add(ServerConfig.THREADING_AUTO);
        for (final ThreadingMode mode : ThreadingMode.values())
        {
            if (mode != ThreadingMode.INVOKER)
            {
                names.add(mode.cliName());
            }
        }
        return names.iterator();
    }
}
