package io.matchpoint.gateway.config;

/**
 * The server's threading profile: how its hot threads wait and whether they are pinned to CPUs.
 */
public enum Profile
{
    /** Blocking or yielding waits, no pinning: fits a 2-core laptop or CI box. Tests use it. */
    DEFAULT("default"),
    /** Busy-spinning waits, each hot thread pinned to a configured CPU (the matcher first, on an isolated core). */
    LOW_LATENCY("low-latency");

    private final String cliName;

    Profile(final String cliName)
    {
        this.cliName = cliName;
    }

    /**
     * @return the name on the command line and in the configuration file, e.g. {@code low-latency}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * The inverse of {@link #cliName()}; exact and case-sensitive, as the names are documented.
     *
     * @param name a profile's {@link #cliName()}.
     * @return the profile of that name.
     * @throws IllegalArgumentException naming the accepted names when {@code name} is none of them.
     */
    public static Profile fromCliName(final String name)
    {
        for (final Profile profile : values())
        {
            if (profile.cliName.equals(name))
            {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "': expected default or low-latency");
    }

    @Override
    public String toString()
    {
        return cliName;
    }
}
