package io.matchpoint.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Object2ObjectHashMap;

import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.TradingStatus;

/**
 * The instrument reference data a client has received, by id and by symbol. Reference data arrives rarely, so this
 * allocates freely: a new immutable {@link ClientInstrument} for each change. Used by the client's thread only.
 */
final class InstrumentCache
{
    private final Int2ObjectHashMap<ClientInstrument> byId = new Int2ObjectHashMap<>();
    private final Object2ObjectHashMap<String, ClientInstrument> bySymbol = new Object2ObjectHashMap<>();

    /**
     * Stores a definition, replacing any earlier one of the same id (and forgetting its symbol if that changed).
     *
     * @param decoder wrapped over an InstrumentDefinition.
     * @return the stored value.
     */
    ClientInstrument onDefinition(final InstrumentDefinitionDecoder decoder)
    {
        final ClientInstrument instrument = new ClientInstrument(
            decoder.instrumentId(),
            decoder.symbol(),
            decoder.priceDecimals(),
            decoder.tickSize(),
            decoder.lotSize(),
            decoder.minQuantity(),
            decoder.maxQuantity(),
            decoder.lowPrice(),
            decoder.highPrice(),
            TradingStatus.HALTED.value() == decoder.statusRaw());

        final ClientInstrument previous = byId.put(instrument.id(), instrument);
        if (null != previous && !previous.symbol().equals(instrument.symbol()))
        {
            bySymbol.remove(previous.symbol());
        }
        bySymbol.put(instrument.symbol(), instrument);

        return instrument;
    }

    /**
     * Records a halt or resumption; ignored for an instrument never defined.
     *
     * @param instrumentId the instrument.
     * @param halted       its new state.
     */
    void onTradingStatus(final int instrumentId, final boolean halted)
    {
        final ClientInstrument instrument = byId.get(instrumentId);
        if (null != instrument)
        {
            final ClientInstrument updated = instrument.withHalted(halted);
            if (updated != instrument)
            {
                byId.put(updated.id(), updated);
                bySymbol.put(updated.symbol(), updated);
            }
        }
    }

    ClientInstrument byId(final int instrumentId)
    {
        return byId.get(instrumentId);
    }

    ClientInstrument bySymbol(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    List<ClientInstrument> snapshot()
    {
        final ArrayList<ClientInstrument> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(ClientInstrument::id));

        return Collections.unmodifiableList(list);
    }
}
