package io.matchpoint.engine.match;

import io.matchpoint.engine.book.RiskExposure;

/**
 * The pre-trade risk checks of a new order and of a replace, against the account's {@link RiskLimits} and what
 * {@link RiskExposure} says it has at stake; the order of the checks and their arithmetic are in
 * {@code MATCHING-RULES.md} ("Risk limits"). Every sum and product is exact: notionals are 128-bit unsigned numbers
 * and positions 128-bit signed ones, worked as pairs of longs in locals (high and low words), so no limit is ever
 * passed by an overflow.
 * <p>
 * Those exact sums are the rare path. Every order that real limits meet has its price and quantity below
 * {@code 2^31} and its account's open notionals and position far below {@code 2^61}: then each sum fits a long, and
 * the checks are a few plain comparisons, against the limits as {@link RiskLimits#ceilingAt ceilings}
 * ({@code Long.MAX_VALUE} where none is set, so that no test for {@link MatchingEngine#NO_LIMIT} is needed). An order
 * or an account past those bounds takes the exact path, which gives the same answer for every input
 * ({@code RiskChecksTest} holds the two to that over a million random cases at and around both bounds).
 * <p>
 * Single-threaded: owned by the matcher. Allocates nothing.
 */
final class RiskChecks
{
    private static final long NO_LIMIT = MatchingEngine.NO_LIMIT;
    private static final int INSTRUMENT_CREDIT_BREACH = 1;
    private static final int TOTAL_CREDIT_BREACH = 2;

    private final RiskLimits limits;
    private final RiskExposure exposure;

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
        final long magnitude = Math.abs(notionalPrice);
        final long instrumentLow = exposure.openNotionalLow(account, instrument);
        final long totalLow = exposure.totalNotionalLow(account);
        final long position = exposure.netPosition(account, instrument);
        final long openQuantity = exposure.openQuantity(account, instrument, sideCode);
        if (!fitsLongs(
            magnitude, quantity, exposure.openNotionalHigh(account, instrument), instrumentLow,
            exposure.totalNotionalHigh(account), totalLow) || !positionFits(position, openQuantity))
        {
            return exactNewOrderBreach(account, instrument, sideCode, mayRest, notionalPrice, quantity);
        }
        final long row = limits.rowOf(account);
        final long notional = magnitude * quantity;
        final RejectReason orderLimit = orderLimitBreach(row, quantity, notional);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        // the count first: it is almost never reached, while whether the order may rest is the stream's to say
        if (exposure.openOrders(account) >= limits.ceilingAt(row, RiskLimits.MAX_OPEN_ORDERS) && mayRest)
        {
            return RejectReason.OPEN_ORDERS_LIMIT;
        }
        final boolean instrumentBreach = instrumentLow + notional > limits.ceilingAt(row, RiskLimits.INSTRUMENT_CREDIT);
        final boolean totalBreach = totalLow + notional > limits.ceilingAt(row, RiskLimits.TOTAL_CREDIT);
        if (instrumentBreach | totalBreach)
        {
            return instrumentBreach ? RejectReason.INSTRUMENT_CREDIT_LIMIT : RejectReason.CREDIT_LIMIT;
        }
        // the position, negated for a sell (a short grows the other way), plus what rests on the side and the order
        final long sellMask = -(long)sideCode;
        final long reach = ((position ^ sellMask) - sellMask) + openQuantity + quantity;
        if (reach > limits.ceilingAt(row, RiskLimits.POSITION_LIMIT))
        {
            return RejectReason.POSITION_LIMIT;
        }
        return null;
    }

    /**
     * {@link #newOrderBreach}'s checks in exact 128-bit arithmetic, for any input.
     */
    RejectReason exactNewOrderBreach(
        final int account,
        final int instrument,
        final int sideCode,
        final boolean mayRest,
        final long notionalPrice,
        final long quantity)
    {
        final long row = limits.rowOf(account);
        final long high = RiskExposure.notionalHigh(notionalPrice, quantity);
        final long low = RiskExposure.notionalLow(notionalPrice, quantity);
        final RejectReason orderLimit = orderLimitBreach(row, quantity, high, low);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        final long maxOpenOrders = limits.limitAt(row, RiskLimits.MAX_OPEN_ORDERS);
        if (maxOpenOrders != NO_LIMIT && exposure.openOrders(account) >= maxOpenOrders && mayRest)
        {
            return RejectReason.OPEN_ORDERS_LIMIT;
        }
        final int creditBreaches = creditBreaches(row, account, instrument, 0, 0, high, low);
        if (creditBreaches != 0)
        {
            return creditLimit(creditBreaches);
        }
        final long positionLimit = limits.limitAt(row, RiskLimits.POSITION_LIMIT);
        if (positionLimit != NO_LIMIT &&
            positionExceeds(account, instrument, sideCode, exposure.openQuantity(account, instrument, sideCode),
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
        final long newMagnitude = Math.abs(newPrice);
        final long instrumentLow = exposure.openNotionalLow(account, instrument);
        final long totalLow = exposure.totalNotionalLow(account);
        if (!fitsLongs(
            newMagnitude | Math.abs(price), newQuantity | leaves, exposure.openNotionalHigh(account, instrument),
            instrumentLow, exposure.totalNotionalHigh(account), totalLow))
        {
            return exactReplaceBreach(account, instrument, sideCode, price, leaves, newPrice, newQuantity);
        }
        final long row = limits.rowOf(account);
        final long newNotional = newMagnitude * newQuantity;
        final RejectReason orderLimit = orderLimitBreach(row, newQuantity, newNotional);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        // worked out whether or not the notional grows, which for a re-price is as likely as not: a branch on it
        // would be mispredicted half the time, the sums cost less (and mean nothing when it shrinks)
        final long growth = newNotional - Math.abs(price) * leaves;
        final boolean instrumentBreach = instrumentLow + growth > limits.ceilingAt(row, RiskLimits.INSTRUMENT_CREDIT);
        final boolean totalBreach = totalLow + growth > limits.ceilingAt(row, RiskLimits.TOTAL_CREDIT);
        if (growth > 0 & (instrumentBreach | totalBreach))
        {
            return instrumentBreach ? RejectReason.INSTRUMENT_CREDIT_LIMIT : RejectReason.CREDIT_LIMIT;
        }
        return replacePositionBreach(row, account, instrument, sideCode, leaves, newQuantity);
    }

    /**
     * {@link #replaceBreach}'s checks in exact 128-bit arithmetic, for any input.
     */
    RejectReason exactReplaceBreach(
        final int account,
        final int instrument,
        final int sideCode,
        final long price,
        final long leaves,
        final long newPrice,
        final long newQuantity)
    {
        final long row = limits.rowOf(account);
        final long newHigh = RiskExposure.notionalHigh(newPrice, newQuantity);
        final long newLow = RiskExposure.notionalLow(newPrice, newQuantity);
        final RejectReason orderLimit = orderLimitBreach(row, newQuantity, newHigh, newLow);
        if (orderLimit != null)
        {
            return orderLimit;
        }
        final long oldHigh = RiskExposure.notionalHigh(price, leaves);
        final long oldLow = RiskExposure.notionalLow(price, leaves);
        final boolean notionalGrows = Long.compareUnsigned(newHigh, oldHigh) > 0 ||
            newHigh == oldHigh && Long.compareUnsigned(newLow, oldLow) > 0;
        final int creditBreaches = creditBreaches(row, account, instrument, oldHigh, oldLow, newHigh, newLow);
        if (creditBreaches != 0 & notionalGrows)
        {
            return creditLimit(creditBreaches);
        }
        return replacePositionBreach(row, account, instrument, sideCode, leaves, newQuantity);
    }

    /**
     * A replace that adds to the order's open quantity, held to the position limit (exactly, at any size: it is
     * rare).
     */
    private RejectReason replacePositionBreach(
        final long row,
        final int account,
        final int instrument,
        final int sideCode,
        final long leaves,
        final long newQuantity)
    {
        if (newQuantity <= leaves)
        {
            return null;
        }
        final long positionLimit = limits.limitAt(row, RiskLimits.POSITION_LIMIT);
        if (positionLimit != NO_LIMIT && positionExceeds(account, instrument, sideCode,
            exposure.openQuantity(account, instrument, sideCode) - leaves, newQuantity, positionLimit))
        {
            return RejectReason.POSITION_LIMIT;
        }
        return null;
    }

    /**
     * @return whether every sum of the checks fits a long: the price's magnitude and the quantity (or, for a replace,
     * each side's OR'd together) below {@code 2^31}, so that a notional is below {@code 2^62}, and both open
     * notionals below {@code 2^62}. A magnitude of {@code Long.MIN_VALUE} (whose {@code Math.abs} stays negative)
     * fails.
     */
    private static boolean fitsLongs(
        final long magnitude,
        final long quantity,
        final long instrumentHigh,
        final long instrumentLow,
        final long totalHigh,
        final long totalLow)
    {
        return ((magnitude | quantity) >>> 31 | instrumentHigh | totalHigh | (instrumentLow | totalLow) >>> 62) == 0;
    }

    /**
     * @return whether the position and the open quantity on the order's side are both within {@code 2^61} of 0, so
     * that with a quantity below {@code 2^31} their sum fits a long.
     */
    private static boolean positionFits(final long position, final long openQuantity)
    {
        return ((position ^ position >> 63) | openQuantity) >>> 61 == 0;
    }

    /**
     * The order limits on the quick path.
     *
     * @param notional the order's notional, below {@code 2^62}.
     */
    private RejectReason orderLimitBreach(final long row, final long quantity, final long notional)
    {
        if (quantity > limits.ceilingAt(row, RiskLimits.MAX_ORDER_QUANTITY))
        {
            return RejectReason.ORDER_QUANTITY_LIMIT;
        }
        return notional > limits.ceilingAt(row, RiskLimits.MAX_ORDER_NOTIONAL) ?
            RejectReason.ORDER_NOTIONAL_LIMIT : null;
    }

    /**
     * @param high the high word of the order's notional ({@code low} its low word).
     */
    private RejectReason orderLimitBreach(final long row, final long quantity, final long high, final long low)
    {
        final long maxQuantity = limits.limitAt(row, RiskLimits.MAX_ORDER_QUANTITY);
        if (maxQuantity != NO_LIMIT && quantity > maxQuantity)
        {
            return RejectReason.ORDER_QUANTITY_LIMIT;
        }
        final long maxNotional = limits.limitAt(row, RiskLimits.MAX_ORDER_NOTIONAL);
        if (maxNotional != NO_LIMIT && exceeds(high, low, maxNotional))
        {
            return RejectReason.ORDER_NOTIONAL_LIMIT;
        }
        return null;
    }

    /**
     * Both credit limits, per instrument and in total, each worked out with no branch on the other's answer or on
     * its own (the answer is nearly always no, and a replace asks before it knows whether it needs them).
     *
     * @return the credit limits that the open notional breaks once a notional is taken out of it (the order's own,
     * for a replace; 0 for a new order) and another put in: {@link #INSTRUMENT_CREDIT_BREACH} and
     * {@link #TOTAL_CREDIT_BREACH} bits, 0 for none.
     */
    private int creditBreaches(
        final long row,
        final int account,
        final int instrument,
        final long removedHigh,
        final long removedLow,
        final long addedHigh,
        final long addedLow)
    {
        final long instrumentCredit = limits.limitAt(row, RiskLimits.INSTRUMENT_CREDIT);
        final boolean instrumentBreach = instrumentCredit != NO_LIMIT & movedExceeds(
            exposure.openNotionalHigh(account, instrument), exposure.openNotionalLow(account, instrument),
            removedHigh, removedLow, addedHigh, addedLow, instrumentCredit);
        final long totalCredit = limits.limitAt(row, RiskLimits.TOTAL_CREDIT);
        final boolean totalBreach = totalCredit != NO_LIMIT & movedExceeds(
            exposure.totalNotionalHigh(account), exposure.totalNotionalLow(account),
            removedHigh, removedLow, addedHigh, addedLow, totalCredit);
        return (instrumentBreach ? INSTRUMENT_CREDIT_BREACH : 0) | (totalBreach ? TOTAL_CREDIT_BREACH : 0);
    }

    /**
     * @return the reason of the first credit limit broken: per instrument, then in total.
     */
    private static RejectReason creditLimit(final int creditBreaches)
    {
        return (creditBreaches & INSTRUMENT_CREDIT_BREACH) != 0 ?
            RejectReason.INSTRUMENT_CREDIT_LIMIT : RejectReason.CREDIT_LIMIT;
    }

    /**
     * @return whether the position the account could reach on this side passes the limit: for a buy the net position
     * plus the open buy quantity plus {@code quantity}, for a sell the open sell quantity plus {@code quantity} less
     * the net position (a short grows the other way), exactly.
     */
    private boolean positionExceeds(
        final int account,
        final int instrument,
        final int sideCode,
        final long openQuantity,
        final long quantity,
        final long limit)
    {
        final long position = exposure.netPosition(account, instrument);
        // for a sell the position is negated (two's complement under an all-ones mask), as a 128-bit number whose
        // high word is all ones only when the position was above 0 (-Long.MIN_VALUE is 2^63, which the low word
        // holds unsigned); both quantities are at or above 0
        final long sellMask = -(long)sideCode;
        final long signed = (position ^ sellMask) - sellMask;
        final long high = (signed & ~(position & sellMask)) >> 63;
        final long withOpen = signed + openQuantity;
        final long highWithOpen = high + carry(withOpen, signed);
        final long low = withOpen + quantity;
        return exceeds(highWithOpen + carry(low, withOpen), low, limit);
    }

    /**
     * @return whether {@code high:low - removed + added}, all 128-bit numbers and the result read as signed, is above
     * {@code limit}.
     */
    private static boolean movedExceeds(
        final long high,
        final long low,
        final long removedHigh,
        final long removedLow,
        final long addedHigh,
        final long addedLow,
        final long limit)
    {
        final long lessLow = low - removedLow;
        final long lessHigh = high - removedHigh - (Long.compareUnsigned(low, removedLow) < 0 ? 1 : 0);
        final long sumLow = lessLow + addedLow;
        return exceeds(lessHigh + addedHigh + carry(sumLow, lessLow), sumLow, limit);
    }

    /**
     * @return 1 when {@code sum}, the low word of an addition to {@code before}, wrapped past 2^64, else 0.
     */
    private static long carry(final long sum, final long before)
    {
        return Long.compareUnsigned(sum, before) < 0 ? 1 : 0;
    }

    /**
     * @return whether {@code high:low}, read as signed 128 bits, is above {@code limit} (at or above 0).
     */
    private static boolean exceeds(final long high, final long low, final long limit)
    {
        return high > 0 || high == 0 && Long.compareUnsigned(low, limit) > 0;
    }
}
