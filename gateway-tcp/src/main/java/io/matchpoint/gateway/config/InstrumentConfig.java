package io.matchpoint.gateway.config;

import io.matchpoint.client.PriceText;

/**
 * An instrument defined at start-up (an entry of {@code matchpoint.instruments}). Prices are integers in the
 * instrument's price unit, 10<sup>-priceDecimals</sup>: with {@code priceDecimals} 2 the price 101.25 is 10125.
 * Quantities are integers in units of the instrument.
 * <p>
 * The constructor checks what the entry alone decides; {@link ServerConfig} checks what depends on the rest (unique
 * ids and symbols, the band against {@link CapacityConfig#ticksPerBook()}, the largest quantity against
 * {@link CapacityConfig#maxOrders()}).
 *
 * @param id            instrument id on the wire, {@code >= 0}.
 * @param symbol        1..{@value #MAX_SYMBOL_LENGTH} characters of {@code A-Z 0-9 . _ -}.
 * @param priceDecimals digits after the point, 0..{@value PriceText#MAX_DECIMALS}.
 * @param tickSize      smallest price step in price units, {@code > 0}.
 * @param lotSize       quantity step, {@code > 0}.
 * @param minQuantity   smallest order quantity, {@code > 0}, a multiple of the lot size.
 * @param maxQuantity   largest order quantity, {@code >= minQuantity}, a multiple of the lot size.
 * @param lowPrice      lowest accepted price, a multiple of the tick size.
 * @param highPrice     highest accepted price, {@code >= lowPrice}, a multiple of the tick size.
 * @param collarTicks   the price collar, in ticks either side of the reference price, 0 for none (or a collar in
 *                      percent); {@link #NOT_CONFIGURED} leaves whatever the journal says (a start-up with the key
 *                      journals it).
 * @param collarBasisPoints the price collar in basis points of the reference price, 1..10000, with collarTicks 0;
 *                      0 for a collar in ticks or none.
 */
public record InstrumentConfig(
    int id,
    String symbol,
    int priceDecimals,
    long tickSize,
    long lotSize,
    long minQuantity,
    long maxQuantity,
    long lowPrice,
    long highPrice,
    long collarTicks,
    long collarBasisPoints)
{
    /** {@link #collarTicks()} when the entry has no {@code collar-ticks}. */
    public static final long NOT_CONFIGURED = -1;
    static final String COLLAR_TICKS = "collar-ticks";
    static final String COLLAR_PERCENT = "collar-percent";

    /** The list's key. */
    public static final String PATH = "matchpoint.instruments";
    /** Longest symbol. */
    public static final int MAX_SYMBOL_LENGTH = 8;

    static final String ID = "id";
    static final String SYMBOL = "symbol";
    static final String PRICE_DECIMALS = "price-decimals";
    static final String TICK_SIZE = "tick-size";
    static final String LOT_SIZE = "lot-size";
    static final String MIN_QUANTITY = "min-quantity";
    static final String MAX_QUANTITY = "max-quantity";
    static final String LOW_PRICE = "low-price";
    static final String HIGH_PRICE = "high-price";

    private static final String SYMBOL_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    /**
     * Checks the entry.
     *
     * @throws BadConfigException naming the first bad key, relative to the entry (e.g. {@code tick-size}).
     */
    public InstrumentConfig
    {
        Checks.inRange(COLLAR_TICKS, collarTicks, NOT_CONFIGURED, Long.MAX_VALUE);
        Checks.inRange(COLLAR_PERCENT, collarBasisPoints, 0, 10_000);
        if (collarBasisPoints != 0 && collarTicks != 0)
        {
            throw new BadConfigException(COLLAR_PERCENT, "give collar-ticks or collar-percent, not both");
        }
        Checks.inRange(ID, id, 0, Integer.MAX_VALUE);
        Checks.present(SYMBOL, symbol);
        if (!Checks.isWord(symbol, MAX_SYMBOL_LENGTH, SYMBOL_CHARACTERS))
        {
            throw new BadConfigException(
                SYMBOL, "must be 1.." + MAX_SYMBOL_LENGTH + " characters of A-Z 0-9 . _ -, got \"" + symbol + "\"");
        }
        Checks.inRange(PRICE_DECIMALS, priceDecimals, 0, PriceText.MAX_DECIMALS);
        if (tickSize <= 0)
        {
            throw new BadConfigException(TICK_SIZE, "must be positive, got " + price(tickSize, priceDecimals));
        }
        Checks.inRange(LOT_SIZE, lotSize, 1, Long.MAX_VALUE);
        Checks.inRange(MIN_QUANTITY, minQuantity, 1, Long.MAX_VALUE);
        if (maxQuantity < minQuantity)
        {
            throw new BadConfigException(
                MAX_QUANTITY, "must be at least min-quantity (" + minQuantity + "), got " + maxQuantity);
        }
        requireOnLot(MIN_QUANTITY, minQuantity, lotSize);
        requireOnLot(MAX_QUANTITY, maxQuantity, lotSize);
        requireOnTick(LOW_PRICE, lowPrice, tickSize, priceDecimals);
        requireOnTick(HIGH_PRICE, highPrice, tickSize, priceDecimals);
        if (highPrice < lowPrice)
        {
            throw new BadConfigException(
                HIGH_PRICE, "must be at least low-price (" + price(lowPrice, priceDecimals) + "), got " +
                price(highPrice, priceDecimals));
        }
        if (lowPrice < 0 && highPrice > Long.MAX_VALUE + lowPrice)
        {
            throw new BadConfigException(HIGH_PRICE, "the band from low-price is wider than a long can hold");
        }
    }

    /**
     * An instrument whose price collar the configuration does not set.
     */
    public InstrumentConfig(
        final int id,
        final String symbol,
        final int priceDecimals,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        this(id, symbol, priceDecimals, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice,
            NOT_CONFIGURED, 0);
    }

    /**
     * An instrument with its price collar in ticks, or {@link #NOT_CONFIGURED}.
     */
    public InstrumentConfig(
        final int id,
        final String symbol,
        final int priceDecimals,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice,
        final long collarTicks)
    {
        this(id, symbol, priceDecimals, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice,
            collarTicks, 0);
    }

    /**
     * @return how many ticks the band spans: {@code (highPrice - lowPrice) / tickSize}. The band holds one more
     * price point than this.
     */
    public long bandTicks()
    {
        return (highPrice - lowPrice) / tickSize;
    }

    /**
     * @param units a price in this instrument's price units.
     * @return the price as decimal text, e.g. {@code 101.25}.
     */
    public String formatPrice(final long units)
    {
        return PriceText.format(units, priceDecimals);
    }

    private static void requireOnLot(final String key, final long quantity, final long lotSize)
    {
        if (quantity % lotSize != 0)
        {
            throw new BadConfigException(
                key, "must be a multiple of lot-size (" + lotSize + "), got " + quantity);
        }
    }

    private static void requireOnTick(final String key, final long price, final long tickSize, final int decimals)
    {
        if (price % tickSize != 0)
        {
            throw new BadConfigException(
                key, "must be a multiple of tick-size (" + price(tickSize, decimals) + "), got " +
                price(price, decimals));
        }
    }

    private static String price(final long units, final int decimals)
    {
        return PriceText.format(units, decimals);
    }
}
