package io.matchpoint.gateway.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code matchpoint --version}: the project version, which Maven writes into a resource when it builds.
 */
public final class VersionProvider implements CommandLine.IVersionProvider
{
    private static final String RESOURCE = "matchpoint-version.properties";

    /**
     * @return {@code matchpoint VERSION}, e.g. {@code matchpoint 0.1.0-SNAPSHOT}.
     */
    @Override
    public String[] getVersion()
    {
        return new String[] { "matchpoint " + version() };
    }

    /**
     * @return the project version, or {@code unknown} when the build left no record of it.
     */
    public static String version()
    {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
