package io.matchpoint.gateway.cli;

/**
 * Finds an instrument's reference data by symbol, for {@link ClientCommandParser}.
 */
@FunctionalInterface
public interface InstrumentLookup
{
    /**
     * @param symbol an upper-case symbol.
     * @return the instrument, or null when there is none with that symbol.
     */
    InstrumentRef bySymbol(String symbol);
}
