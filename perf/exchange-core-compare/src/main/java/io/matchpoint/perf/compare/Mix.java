package io.matchpoint.perf.compare;

/**
 * The shares of a mixed workload's command types, per mille: GTC limit orders, IOC orders and cancels; moves take the
 * rest. {@link #DEFAULT} is exchange-core's published mix.
 *
 * @param gtcPerMille    GTC limit orders.
 * @param iocPerMille    IOC orders.
 * @param cancelPerMille cancels.
 */
public record Mix(int gtcPerMille, int iocPerMille, int cancelPerMille)
{
    /** 9% GTC, 3% IOC, 6% cancel, 82% move. */
    public static final Mix DEFAULT = new Mix(90, 30, 60);

    public Mix
    {
        if (gtcPerMille < 0 || iocPerMille < 0 || cancelPerMille < 0 || gtcPerMille + iocPerMille + cancelPerMille > 1000)
        {
            throw new IllegalArgumentException("shares must be at least 0 and sum to at most 100%: " + gtcPerMille / 10.0 +
                "% GTC, " + iocPerMille / 10.0 + "% IOC, " + cancelPerMille / 10.0 + "% cancel");
        }
        if (gtcPerMille == 0)
        {
            throw new IllegalArgumentException("a mix needs some GTC orders: nothing else builds a book");
        }
    }

    public int movePerMille()
    {
        return 1000 - gtcPerMille - iocPerMille - cancelPerMille;
    }

    /**
     * @param text percentages, e.g. {@code gtc=9,ioc=3,cancel=6,move=82} (decimals allowed, summing to 100).
     * @return the mix.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static Mix parse(final String text)
    {
        double gtc = -1;
        double ioc = -1;
        double cancel = -1;
        double move = -1;
        for (final String part : text.split(","))
        {
            final String[] pair = part.strip().split("=");
            if (pair.length != 2)
            {
                throw new IllegalArgumentException("not NAME=PERCENT: '" + part + "' in '" + text + "'");
            }
            final double value;
            try
            {
                value = Double.parseDouble(pair[1].strip().replace("%", ""));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a percentage: '" + pair[1] + "' in '" + text + "'");
            }
            switch (pair[0].strip().toLowerCase())
            {
                case "gtc" -> gtc = value;
                case "ioc" -> ioc = value;
                case "cancel" -> cancel = value;
                case "move" -> move = value;
                default -> throw new IllegalArgumentException(
                    "unknown command type '" + pair[0] + "': expected gtc, ioc, cancel and move");
            }
        }
        if (gtc < 0 || ioc < 0 || cancel < 0 || move < 0)
        {
            throw new IllegalArgumentException("name all four shares, e.g. gtc=9,ioc=3,cancel=6,move=82: '" + text + "'");
        }
        if (Math.abs(gtc + ioc + cancel + move - 100) > 1e-6)
        {
            throw new IllegalArgumentException("the shares sum to " + (gtc + ioc + cancel + move) + "%, not 100%");
        }
        return new Mix((int)Math.round(gtc * 10), (int)Math.round(ioc * 10), (int)Math.round(cancel * 10));
    }

    @Override
    public String toString()
    {
        return String.format("%s%% GTC, %s%% IOC, %s%% cancel, %s%% move", gtcPerMille / 10.0, iocPerMille / 10.0,
            cancelPerMille / 10.0, movePerMille() / 10.0).replace(".0%", "%");
    }
}
