package io.matchpoint.client;

/**
 * Reference data of one instrument as the server last described it: an immutable value, replaced in the client's
 * cache by a new one whenever an InstrumentDefinition or a TradingStatusUpdate arrives for its id.
 * <p>
 * Prices are integer counts of the instrument's price unit, {@code 10^-priceDecimals} of the quote currency;
 * quantities are integer counts of the instrument's unit.
 *
 * @param id            instrument id.
 * @param symbol        symbol, at most 8 ASCII characters.
 * @param priceDecimals decimals of the price unit: 2 means a price of 10125 reads 101.25.
 * @param tickSize      every valid price is a multiple of this, in the price unit.
 * @param lotSize       every valid quantity is a multiple of this.
 * @param minQuantity   smallest acceptable order quantity.
 * @param maxQuantity   largest acceptable order quantity.
 * @param lowPrice      price band: lowest acceptable limit price.
 * @param highPrice     price band: highest acceptable limit price.
 * @param halted        whether trading in the instrument is halted.
 */
public record ClientInstrument(
    int id,
    String symbol,
    int priceDecimals,
    long tickSize,
    long lotSize,
    long minQuantity,
    long maxQuantity,
    long lowPrice,
    long highPrice,
    boolean halted)
{
    /**
     * @param halted the new trading state.
     * @return this instrument with {@link #halted()} set to {@code halted}; this very value when it already is.
     */
    public ClientInstrument withHalted(final boolean halted)
    {
        if (halted == this.halted)
        {
            return this;
        }

        return new ClientInstrument(
            id, symbol, priceDecimals, tickSize, lotSize, minQuantity, maxQuantity, lowPrice, highPrice, halted);
    }
}
