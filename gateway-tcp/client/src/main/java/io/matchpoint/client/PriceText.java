package io.matchpoint.client;

/**
 * Exact conversion between decimal text such as {@code "101.25"} and a {@code long} count of units of
 * 10<sup>-decimals</sup>, the form prices take everywhere inside Matchpoint. No {@code double} and no
 * {@code BigDecimal} on the way: a value that does not fit exactly is an error, never rounded.
 * <p>
 * Text syntax: an optional sign ({@code +} or {@code -}), digits, and optionally a point followed by digits, with at
 * least one digit in all ({@code "5"}, {@code "-0.25"}, {@code ".5"}, {@code "5."}). No spaces, exponents or group
 * separators. Digits after the point beyond {@code decimals} are accepted only while they are zeros
 * ({@code "1.50"} is 150 units at 2 decimals; {@code "1.505"} is an error), so every accepted text is exact.
 * <p>
 * Stateless and thread-safe; meant for configuration and command lines, not the order path (it builds strings).
 */
public final class PriceText
{
    /** The most decimals a {@code long} can carry: 10<sup>18</sup> still fits, 10<sup>19</sup> does not. */
    public static final int MAX_DECIMALS = 18;

    private PriceText()
    {
    }

    /**
     * Parses decimal text into units of 10<sup>-decimals</sup>.
     *
     * @param text     the decimal text, without surrounding spaces.
     * @param decimals how many decimals one unit stands for, 0 to {@link #MAX_DECIMALS}.
     * @return the value in units, exact.
     * @throws IllegalArgumentException when the text is malformed, has more non-zero decimals than {@code decimals},
     *                                  or does not fit a {@code long}; the message quotes the text and says why.
     */
    public static long parse(final CharSequence text, final int decimals)
    {
        checkDecimals(decimals);
        final int length = text.length();
        final int first = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        final boolean negative = first == 1 && text.charAt(0) == '-';
        int pointAt = -1;
        int digits = 0;
        for (int i = first; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == '.' && pointAt < 0)
            {
                pointAt = i;
            }
            else if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else
            {
                throw malformed(text);
            }
        }
        if (digits == 0)
        {
            throw malformed(text);
        }
        final int fractionEnd = pointAt < 0 ? length : Math.min(length, pointAt + 1 + decimals);
        for (int i = fractionEnd; pointAt >= 0 && i < length; i++)
        {
            if (text.charAt(i) != '0')
            {
                throw new IllegalArgumentException("'" + text + "' has more than " + decimals + " decimals");
            }
        }

        // accumulate as a negative number, whose range includes Long.MIN_VALUE
        long value = 0;
        try
        {
            for (int i = first; i < fractionEnd; i++)
            {
                if (i != pointAt)
                {
                    value = Math.subtractExact(Math.multiplyExact(value, 10L), text.charAt(i) - '0');
                }
            }
            final int fractionDigits = pointAt < 0 ? 0 : fractionEnd - pointAt - 1;
            for (int i = fractionDigits; i < decimals; i++)
            {
                value = Math.multiplyExact(value, 10L);
            }
            return negative ? value : Math.negateExact(value);
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                "'" + text + "' is out of range: at " + decimals + " decimals the limit is " +
                format(negative ? Long.MIN_VALUE : Long.MAX_VALUE, decimals), ex);
        }
    }

    /**
     * Formats units of 10<sup>-decimals</sup> as decimal text with exactly {@code decimals} digits after the point
     * (none and no point when {@code decimals} is 0): {@code format(10125, 2)} is {@code "101.25"},
     * {@code format(-5, 2)} is {@code "-0.05"}. {@link #parse} reads every result back to the same value.
     *
     * @param units    the value in units.
     * @param decimals how many decimals one unit stands for, 0 to {@link #MAX_DECIMALS}.
     * @return the decimal text.
     */
    public static String format(final long units, final int decimals)
    {
        checkDecimals(decimals);
        final String digits = Long.toString(units);
        if (decimals == 0)
        {
            return digits;
        }
        final boolean negative = units < 0;
        final String magnitude = negative ? digits.substring(1) : digits;
        final StringBuilder text = new StringBuilder(magnitude.length() + decimals + 3);
        if (negative)
        {
            text.append('-');
        }
        final int pad = decimals + 1 - magnitude.length();
        for (int i = 0; i < pad; i++)
        {
            text.append('0');
        }
        text.append(magnitude);
        text.insert(text.length() - decimals, '.');
        return text.toString();
    }

    private static void checkDecimals(final int decimals)
    {
        if (decimals < 0 || decimals > MAX_DECIMALS)
        {
            throw new IllegalArgumentException("decimals must be in 0.." + MAX_DECIMALS + ": " + decimals);
        }
    }

    private static IllegalArgumentException malformed(final CharSequence text)
    {
        return new IllegalArgumentException(
            "'" + text + "' is not a decimal number (expected digits with an optional sign and point, like 101.25)");
    }
}
