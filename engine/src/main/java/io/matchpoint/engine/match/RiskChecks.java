package io.matchpoint.engine.match;

import io.matchpoint.engine.book.RiskExposure;

/**
 * The pre-trade risk checks of a new order and of a replace, against the account's {@link RiskLimits} and what
 * {@link RiskExposure} says it has at stake; the order of the checks and their arithmetic are in
 * {@code MATCHING-RULES.md} ("Risk limits"). Every sum and product is exact: notionals are 128-bit unsigned numbers
 * and positions 128-bit signed ones, worked in the two scratch words below, so no limit is ever passed by an
 * overflow.
 * <p>
 * Single-threaded: owned by the matcher. Allocates nothing.
 */
final class RiskChecks
{
    private static final long NO_LIMIT = MatchingEngine.NO_LIMIT;
    private static final int BIDS = 0;

    private final RiskLimits limits;
    private final RiskExposure exposure;
    /** A 128-bit number being worked on: high and low words. */
    private long high;
    private long low;

    RiskChecks(final RiskLimits limits, final RiskExposure exposure)
    {
        this.limits = limits;
        this.exposure = exposure;
    }

    boolean isActive(final int account)
    {
        return limits.isActive(account);
    }

    /**
     * @param notionalPrice the price the order's notional is taken at: its limit, or for a market order the furthest
     *                      price it may trade at.
     * @param mayRest       whether the order may rest (GTC limit): only such an order counts as one more open order.
     * @return the first limit the new order would break, or null.
     */
    RejectReason newOrderBreach(
        final int account,
        final int instrument,
        final int sideCode,
        final boolean mayRest,
        final long notionalPrice,
        final long quantity)
    {
        final RejectReason orderLimit = orderLimitBreach(account, notionalPrice, quantity);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        final long maxOpenOrders = limits.limit(account, RiskLimits.MAX_OPEN_ORDERS);
        if (mayRest && maxOpenOrders != NO_LIMIT && exposure.openOrders(account) >= maxOpenOrders)
        {
            return RejectReason.OPEN_ORDERS_LIMIT;
        }
        final RejectReason credit = creditBreach(account, instrument, 0, 0,
            RiskExposure.notionalHigh(notionalPrice, quantity), RiskExposure.notionalLow(notionalPrice, quantity));
        if (credit != null)
        {
            return credit;
        }
        final long positionLimit = limits.limit(account, RiskLimits.POSITION_LIMIT);
        if (positionLimit != NO_LIMIT &&
            exposureExceeds(account, instrument, sideCode, exposure.openQuantity(account, instrument, sideCode),
                quantity, positionLimit))
        {
            return RejectReason.POSITION_LIMIT;
        }
        return null;
    }

    /**
     * A replace is held to the order limits as a new order is; the credit and position limits refuse it only when it
     * adds to what they measure (a larger notional, a larger open quantity), so a replace that shrinks an order is
     * never trapped by a limit lowered after the order rested.
     *
     * @return the first limit the replace would break, or null.
     */
    RejectReason replaceBreach(
        final int account,
        final int instrument,
        final int sideCode,
        final long price,
        final long leaves,
        final long newPrice,
        final long newQuantity)
    {
        final RejectReason orderLimit = orderLimitBreach(account, newPrice, newQuantity);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        final long newHigh = RiskExposure.notionalHigh(newPrice, newQuantity);
        final long newLow = RiskExposure.notionalLow(newPrice, newQuantity);
        final long oldHigh = RiskExposure.notionalHigh(price, leaves);
        final long oldLow = RiskExposure.notionalLow(price, leaves);
        final boolean notionalGrows = Long.compareUnsigned(newHigh, oldHigh) > 0 ||
            newHigh == oldHigh && Long.compareUnsigned(newLow, oldLow) > 0;
        if (notionalGrows)
        {
            final RejectReason credit = creditBreach(account, instrument, oldHigh, oldLow, newHigh, newLow);
            if (credit != null)
            {
                return credit;
            }
        }
        final long positionLimit = limits.limit(account, RiskLimits.POSITION_LIMIT);
        if (positionLimit != NO_LIMIT && newQuantity > leaves &&
            exposureExceeds(account, instrument, sideCode,
                exposure.openQuantity(account, instrument, sideCode) - leaves, newQuantity, positionLimit))
        {
            return RejectReason.POSITION_LIMIT;
        }
        return null;
    }

    /**
     * @return the first credit limit (per instrument, then in total) that the open notional breaks once a notional is
     * taken out of it (the order's own, for a replace; 0 for a new order) and another put in, or null.
     */
    private RejectReason creditBreach(
        final int account,
        final int instrument,
        final long removedHigh,
        final long removedLow,
        final long addedHigh,
        final long addedLow)
    {
        final long instrumentCredit = limits.limit(account, RiskLimits.INSTRUMENT_CREDIT);
        if (instrumentCredit != NO_LIMIT)
        {
            set(exposure.openNotionalHigh(account, instrument), exposure.openNotionalLow(account, instrument));
            subtract(removedHigh, removedLow);
            add(addedHigh, addedLow);
            if (exceeds(instrumentCredit))
            {
                return RejectReason.INSTRUMENT_CREDIT_LIMIT;
            }
        }
        final long totalCredit = limits.limit(account, RiskLimits.TOTAL_CREDIT);
        if (totalCredit != NO_LIMIT)
        {
            set(exposure.totalNotionalHigh(account), exposure.totalNotionalLow(account));
            subtract(removedHigh, removedLow);
            add(addedHigh, addedLow);
            if (exceeds(totalCredit))
            {
                return RejectReason.CREDIT_LIMIT;
            }
        }
        return null;
    }

    private RejectReason orderLimitBreach(final int account, final long price, final long quantity)
    {
        final long maxQuantity = limits.limit(account, RiskLimits.MAX_ORDER_QUANTITY);
        if (maxQuantity != NO_LIMIT && quantity > maxQuantity)
        {
            return RejectReason.ORDER_QUANTITY_LIMIT;
        }
        final long maxNotional = limits.limit(account, RiskLimits.MAX_ORDER_NOTIONAL);
        if (maxNotional != NO_LIMIT)
        {
            set(RiskExposure.notionalHigh(price, quantity), RiskExposure.notionalLow(price, quantity));
            if (exceeds(maxNotional))
            {
                return RejectReason.ORDER_NOTIONAL_LIMIT;
            }
        }
        return null;
    }

    /**
     * @return whether the position the account could reach on this side passes the limit: for a buy the net position
     * plus the open buy quantity plus {@code quantity}, for a sell the open sell quantity plus {@code quantity} less
     * the net position (a short grows the other way), exactly.
     */
    private boolean exposureExceeds(
        final int account,
        final int instrument,
        final int sideCode,
        final long openQuantity,
        final long quantity,
        final long limit)
    {
        final long position = exposure.netPosition(account, instrument);
        if (sideCode == BIDS)
        {
            set(position >> 63, position);
        }
        else
        {
            // -position as a 128-bit number; -Long.MIN_VALUE is 2^63, which the low word holds unsigned
            set(position > 0 ? -1 : 0, -position);
        }
        add(0, openQuantity);
        add(0, quantity);
        return exceeds(limit);
    }

    private void set(final long high, final long low)
    {
        this.high = high;
        this.low = low;
    }

    private void add(final long addHigh, final long addLow)
    {
        final long sum = low + addLow;
        high += addHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
    }

    private void subtract(final long subtractHigh, final long subtractLow)
    {
        high -= subtractHigh + (Long.compareUnsigned(low, subtractLow) < 0 ? 1 : 0);
        low -= subtractLow;
    }

    /**
     * @return whether the worked number, read as signed 128 bits, is above {@code limit} (at or above 0).
     */
    private boolean exceeds(final long limit)
    {
        return high > 0 || high == 0 && Long.compareUnsigned(low, limit) > 0;
    }
}
