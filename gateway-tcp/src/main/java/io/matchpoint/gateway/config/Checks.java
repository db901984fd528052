package io.matchpoint.gateway.config;

/**
 * The range and shape checks every configuration record shares; each failure names the key.
 */
final class Checks
{
    /** Longest a -ms setting may be: one day, so that converting it to nanoseconds can never overflow. */
    static final long MAX_MILLIS = 86_400_000L;

    private Checks()
    {
    }

    static void inRange(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new BadConfigException(key, "must be in " + min + ".." + max + ", got " + value);
        }
    }

    static void powerOfTwoInRange(final String key, final int value, final int min, final int max)
    {
        if (Integer.bitCount(value) != 1 || value < 0)
        {
            throw new BadConfigException(key, "must be a power of two, got " + value);
        }
        inRange(key, value, min, max);
    }

    static void millis(final String key, final long value)
    {
        inRange(key, value, 1, MAX_MILLIS);
    }

    static <T> T present(final String key, final T value)
    {
        if (value == null)
        {
            throw new BadConfigException(key, "missing");
        }
        return value;
    }

    /**
     * @return whether every character of {@code text} is in {@code allowed} and its length in {@code 1..maxLength}.
     */
    static boolean isWord(final String text, final int maxLength, final String allowed)
    {
        if (text.isEmpty() || text.length() > maxLength)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (allowed.indexOf(text.charAt(i)) < 0)
            {
                return false;
            }
        }
        return true;
    }
}
