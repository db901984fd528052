package io.matchpoint.gateway.cli;

import io.matchpoint.client.PriceText;
import io.matchpoint.gateway.config.InstrumentConfig;

/**
 * What the client needs to know of an instrument to read and print its prices and quantities.
 *
 * @param id            instrument id on the wire.
 * @param symbol        the symbol, upper case.
 * @param priceDecimals digits after the point: a price travels as a count of 10<sup>-priceDecimals</sup>.
 * @param tickSize      smallest price step, in price units.
 * @param lotSize       quantity step.
 */
public record InstrumentRef(int id, String symbol, int priceDecimals, long tickSize, long lotSize)
{
    /**
     * @param instrument an instrument of the server configuration.
     * @return its reference data.
     */
    public static InstrumentRef from(final InstrumentConfig instrument)
    {
        return new InstrumentRef(
            instrument.id(), instrument.symbol(), instrument.priceDecimals(), instrument.tickSize(),
            instrument.lotSize());
    }

    /**
     * @param text a price as decimal text, e.g. {@code 101.25}.
     * @return the price in this instrument's units.
     * @throws IllegalArgumentException as {@link PriceText#parse} does.
     */
    public long parsePrice(final CharSequence text)
    {
        return PriceText.parse(text, priceDecimals);
    }

    /**
     * @param units a price in this instrument's units.
     * @return the price as decimal text with {@code priceDecimals} decimals.
     */
    public String formatPrice(final long units)
    {
        return PriceText.format(units, priceDecimals);
    }
}
