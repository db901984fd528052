package io.matchpoint.gateway.config;

import java.util.BitSet;

/**
 * The kernel's CPU list notation ({@code 0-3,8,10-11}), as in {@code /sys/devices/system/cpu/isolated}, {@code
 * taskset -c} and {@code isolcpus=}.
 */
public final class CpuList
{
    private CpuList()
    {
    }

    /**
     * @param text a CPU list; blank means none.
     * @return the CPUs it names.
     * @throws IllegalArgumentException when it is not a CPU list.
     */
    public static BitSet parse(final String text)
    {
        final BitSet cpus = new BitSet();
        final String trimmed = text.strip();
        if (trimmed.isEmpty())
        {
            return cpus;
        }
        for (final String part : trimmed.split(","))
        {
            final String range = part.strip();
            try
            {
                final int dash = range.indexOf('-');
                final int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                final int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                if (from < 0 || to < from)
                {
                    throw new IllegalArgumentException("not a CPU range: '" + range + "' in '" + text + "'");
                }
                cpus.set(from, to + 1);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a CPU list: '" + text + "'", ex);
            }
        }
        return cpus;
    }

    /**
     * @return the CPUs in the kernel's notation, ranges joined: {@code 0-3,8}; {@code none} when empty.
     */
    public static String format(final BitSet cpus)
    {
        if (cpus.isEmpty())
        {
            return "none";
        }
        final StringBuilder text = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; )
        {
            final int to = cpus.nextClearBit(from) - 1;
            text.append(text.length() == 0 ? "" : ",").append(from);
            if (to > from)
            {
                text.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return text.toString();
    }
}
