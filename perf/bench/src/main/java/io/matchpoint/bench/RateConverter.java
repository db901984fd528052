package io.matchpoint.bench;

import picocli.CommandLine.ITypeConverter;

/**
 * Rates and counts as people write them: {@code 100000}, {@code 100k}, {@code 1.5m}, {@code 2_000_000}.
 */
final class RateConverter implements ITypeConverter<Long>
{
    @Override
    public Long convert(final String text)
    {
        return parse(text);
    }

    static long parse(final String text)
    {
        final String plain = text.strip().toLowerCase().replace("_", "").replace(",", "");
        final double multiplier = plain.endsWith("k") ? 1e3 : plain.endsWith("m") ? 1e6 : plain.endsWith("g") ? 1e9 : 1;
        final String digits = multiplier == 1 ? plain : plain.substring(0, plain.length() - 1);
        final double value;
        try
        {
            value = Double.parseDouble(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a rate or count: '" + text + "' (e.g. 50000, 100k, 1.5m)");
        }
        final long result = Math.round(value * multiplier);
        if (result <= 0)
        {
            throw new IllegalArgumentException("must be positive: '" + text + "'");
        }
        return result;
    }

    static String format(final long rate)
    {
        return rate % 1_000_000 == 0 ? rate / 1_000_000 + "m" : rate % 1_000 == 0 ? rate / 1_000 + "k" :
            Long.toString(rate);
    }
}
