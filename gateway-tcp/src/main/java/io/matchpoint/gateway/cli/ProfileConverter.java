package io.matchpoint.gateway.cli;

import io.matchpoint.gateway.config.Profile;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code --profile NAME} by {@link Profile#cliName()}, and lists the names for the usage help.
 */
public final class ProfileConverter implements CommandLine.ITypeConverter<Profile>, Iterable<String>
{
    /**
     * @param name a profile name from the command line.
     * @return the profile.
     * @throws CommandLine.TypeConversionException naming the accepted names when there is none by that name.
     */
    @Override
    public Profile convert(final String name)
    {
        try
        {
            return Profile.fromCliName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
    }

    /**
     * @return the profile names, for picocli's {@code ${COMPLETION-CANDIDATES}}.
     */
    @Override
    public Iterator<String> iterator()
    {
        final List<String> names = new ArrayList<>();
        for (final Profile profile : Profile.values())
        {
            names.add(profile.cliName());
        }
        return names.iterator();
    }
}
