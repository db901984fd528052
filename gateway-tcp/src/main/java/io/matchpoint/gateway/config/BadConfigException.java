package io.matchpoint.gateway.config;

/**
 * A server configuration that cannot be used: a malformed file, a missing or unknown key, or a value that breaks a
 * rule. The message is meant to be printed as it is, in the form {@code FILE: LINE: KEY: PROBLEM}, for example
 * {@code my.conf: 12: matchpoint.capacity.max-orders: must be a power of two, got 1000}; the origin is left out when
 * the value did not come from a file (a command-line override), and the key when the problem is not about one key (a
 * syntax error, whose message comes from the HOCON parser and carries its own file and line).
 * <p>
 * Keys are full HOCON paths from the top of the file; an entry of a list is written with its index from 0, e.g.
 * {@code matchpoint.instruments[2].tick-size}. The records of this package, built outside a file, report keys
 * relative to themselves: full paths for {@link ServerConfig}, {@link CapacityConfig} and {@link SessionConfig}, and
 * paths inside the entry (such as {@code tick-size}) for {@link InstrumentConfig} and {@link AccountConfig}.
 */
public final class BadConfigException extends RuntimeException
{
    private final String key;
    private final String problem;
    private final String origin;

    /**
     * @param key     the key at fault, or null when the problem is not about one key.
     * @param problem what is wrong, starting in lower case, e.g. {@code must be a power of two, got 1000}.
     * @param origin  where the value came from, e.g. {@code my.conf: 12}, or null when unknown.
     */
    public BadConfigException(final String key, final String problem, final String origin)
    {
        super(message(key, problem, origin));
        this.key = key;
        this.problem = problem;
        this.origin = origin;
    }

    /**
     * A problem with a key whose origin is not known (yet).
     *
     * @param key     the key at fault.
     * @param problem what is wrong.
     */
    public BadConfigException(final String key, final String problem)
    {
        this(key, problem, null);
    }

    /**
     * @return the key at fault, or null when the problem is not about one key.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return what is wrong, without the key and origin.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return where the value came from ({@code FILE: LINE}), or null when unknown.
     */
    public String origin()
    {
        return origin;
    }

    /**
     * @param keyPrefix path of the list entry or block the key is relative to, e.g. {@code matchpoint.accounts[1]}.
     * @param origin    where the value came from, or null to keep this exception's.
     * @return the same problem with its key made full and its origin set.
     */
    BadConfigException under(final String keyPrefix, final String origin)
    {
        return new BadConfigException(
            key == null ? keyPrefix : keyPrefix + "." + key, problem, origin == null ? this.origin : origin);
    }

    /**
     * @param origin where the value came from.
     * @return the same problem with its origin set.
     */
    BadConfigException at(final String origin)
    {
        return new BadConfigException(key, problem, origin);
    }

    private static String message(final String key, final String problem, final String origin)
    {
        final StringBuilder message = new StringBuilder();
        if (origin != null)
        {
            message.append(origin).append(": ");
        }
        if (key != null)
        {
            message.append(key).append(": ");
        }
        return message.append(problem).toString();
    }
}
