package io.matchpoint.gateway.cli;

/**
 * Finds the instrument of an order the client knows, for {@link ClientCommandParser} to read the price of a
 * {@code replace} line (which names the order, not the symbol).
 */
@FunctionalInterface
public interface OrderLookup
{
    /**
     * @param orderId an order id the server assigned.
     * @return the order's instrument, or null when the client does not know the order.
     */
    InstrumentRef instrumentOfOrder(long orderId);
}
