package io.matchpoint.perf.support.tape;

/**
 * One instrument of a tape, as the header describes it: every price of its records lies in
 * {@code [priceLow, priceHigh]} and is a multiple of {@code tickSize}. All three are in the instrument's integer price
 * unit, the unit of the records' {@code price}; a driver defines its symbol from them.
 *
 * @param priceLow  the lowest price any record of this instrument uses.
 * @param priceHigh the highest price any record of this instrument uses.
 * @param tickSize  the price increment, at least 1.
 */
public record TapeInstrument(long priceLow, long priceHigh, long tickSize)
{
    /**
     * @throws IllegalArgumentException when the band is empty or the tick is not positive.
     */
    public TapeInstrument
    {
        if (tickSize < 1)
        {
            throw new IllegalArgumentException("tickSize must be at least 1: " + tickSize);
        }
        if (priceHigh < priceLow)
        {
            throw new IllegalArgumentException("priceHigh " + priceHigh + " below priceLow " + priceLow);
        }
    }
}
