package io.matchpoint.engine.match;

import io.matchpoint.engine.book.OrderPool;

/**
 * The layout of an exchange order id, as {@code MATCHING-RULES.md} ("Units and ids") states it:
 * {@code sequence << slotBits | slot}. {@code sequence} counts accepted orders from 1, so every id is positive,
 * unique over the core's life and rises with acceptance; {@code slot} is the order's index in the {@link OrderPool},
 * or {@link #noSlot()} for an order that never rests (IOC, FOK, market). So a cancel or a replace finds the order by
 * decoding its id, with no hash lookup, and then checks the id held in the record at that slot.
 * <p>
 * {@code slotBits} is the number of bits needed to write {@code maxOrders} itself, so that {@code 2^slotBits - 1} is
 * never a slot and can mark "no slot"; the sequence gets the other {@code 63 - slotBits} bits. Fixed by the capacity,
 * never by the load: an id means the same for the core's whole life, and an engine of another bit width can neither
 * load a saved state nor replay a journal to the same ids. Immutable, allocation-free. Public for the market data
 * agent, which keeps its copy of each resting order at the order's own slot.
 */
public final class OrderIdScheme
{
    private static final int NONE = OrderPool.NONE;

    private final int capacity;
    private final int slotBits;
    private final long slotMask;
    private final long maxSequence;

    /**
     * @param maxOrders the order pool's capacity, 1 to {@link OrderPool#MAX_CAPACITY}.
     */
    public OrderIdScheme(final int maxOrders)
    {
        capacity = maxOrders;
        slotBits = slotBits(maxOrders);
        slotMask = (1L << slotBits) - 1;
        maxSequence = Long.MAX_VALUE >>> slotBits;
    }

    /**
     * @return the bits of an id that hold the slot for a pool of {@code maxOrders}: enough to write {@code maxOrders}.
     */
    static int slotBits(final int maxOrders)
    {
        return Integer.SIZE - Integer.numberOfLeadingZeros(maxOrders);
    }

    int slotBits()
    {
        return slotBits;
    }

    /**
     * @return the slot part of the id of an order that never rests: all ones, at least {@code maxOrders}.
     */
    int noSlot()
    {
        return (int)slotMask;
    }

    /**
     * @return the largest sequence number an id can carry; the core refuses new orders once it is used.
     */
    long maxSequence()
    {
        return maxSequence;
    }

    /**
     * @param sequence 1 to {@link #maxSequence()}.
     * @param slot     a pool slot, or {@link OrderPool#NONE} for an order that takes none.
     */
    long orderId(final long sequence, final int slot)
    {
        return sequence << slotBits | (slot == NONE ? slotMask : slot);
    }

    long sequence(final long orderId)
    {
        return orderId >>> slotBits;
    }

    /**
     * @return the pool slot an id names, or {@link OrderPool#NONE} for an id that can name none: not positive, or its
     * slot part not below the capacity. Whether an order with that id rests there is the caller's check (the id in
     * the record).
     */
    public int slot(final long orderId)
    {
        final long slot = orderId & slotMask;
        return orderId > 0 && slot < capacity ? (int)slot : NONE;
    }
}
