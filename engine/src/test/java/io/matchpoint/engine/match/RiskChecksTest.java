package io.matchpoint.engine.match;

import static io.matchpoint.engine.match.MatchingEngine.NO_LIMIT;
import static io.matchpoint.engine.match.RejectReason.CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.POSITION_LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matchpoint.engine.book.RiskExposure;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The risk checks' arithmetic at the edges of the long range, where no order stream of the scenario tests reaches:
 * a position saturated at either end, read from the side that grows it and from the side that shrinks it, a
 * re-price whose notional shrinks under a credit limit it already breaks, and the quick path in longs held to the
 * exact one in 128 bits on random cases at and around the bounds where one hands over to the other.
 */
class RiskChecksTest
{
    private static final int ACCOUNT = 0;
    private static final int INSTRUMENT = 0;
    private static final int BUY = 0;
    private static final int SELL = 1;

    private final RiskLimits limits = new RiskLimits(1);
    private final RiskExposure exposure = new RiskExposure(1, 1);
    private final RiskChecks checks = new RiskChecks(limits, exposure);

    private void positionLimit(final long limit)
    {
        limits.setDefaults(new long[]{ NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, limit });
    }

    private RejectReason newOrder(final int sideCode, final long quantity)
    {
        return checks.newOrderBreach(ACCOUNT, INSTRUMENT, sideCode, true, 100, quantity);
    }

    @Test
    void shouldRefuseASellFromAShortSaturatedAtTheBottomOfTheLongRangeEvenUnderTheLargestLimit()
    {
        positionLimit(Long.MAX_VALUE);
        exposure.netPosition(ACCOUNT, INSTRUMENT, Long.MIN_VALUE); // a short of 2^63: past any limit

        assertEquals(POSITION_LIMIT, newOrder(SELL, 1));
        assertNull(newOrder(BUY, 1));
    }

    @Test
    void shouldRefuseABuyFromALongSaturatedAtTheTopButLetASellReduceIt()
    {
        positionLimit(Long.MAX_VALUE);
        exposure.netPosition(ACCOUNT, INSTRUMENT, Long.MAX_VALUE);

        assertEquals(POSITION_LIMIT, newOrder(BUY, 1));
        assertNull(newOrder(SELL, Long.MAX_VALUE));
    }

    @Test
    void shouldRefuseABuyWhosePositionAndOpenQuantityPassTheLongRangeWhenTheyRestAtAPriceOfZero()
    {
        positionLimit(Long.MAX_VALUE);
        exposure.netPosition(ACCOUNT, INSTRUMENT, (1L << 62) - 1);
        exposure.rest(ACCOUNT, INSTRUMENT, BUY, 0, (1L << 62) - 1); // no notional: nothing else says "large"

        assertEquals(POSITION_LIMIT, newOrder(BUY, 10)); // 2^63 + 8 could be reached
        assertNull(newOrder(SELL, 10));
    }

    @Test
    void shouldHoldEachSideToTheLimitExactlyWhateverThePositionsSign()
    {
        positionLimit(100);
        exposure.netPosition(ACCOUNT, INSTRUMENT, -40);

        assertNull(newOrder(SELL, 60));
        assertEquals(POSITION_LIMIT, newOrder(SELL, 61));
        assertNull(newOrder(BUY, 140));
        assertEquals(POSITION_LIMIT, newOrder(BUY, 141));
    }

    @Test
    void shouldLetAReplaceThatShrinksTheNotionalThroughACreditLimitAlreadyBrokenButNotOneThatGrowsIt()
    {
        exposure.rest(ACCOUNT, INSTRUMENT, BUY, 100, 50); // 5,000 open
        limits.setDefaults(new long[]{ NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, 4_000, NO_LIMIT });

        assertNull(checks.replaceBreach(ACCOUNT, INSTRUMENT, BUY, 100, 50, 99, 50));
        assertEquals(CREDIT_LIMIT, checks.replaceBreach(ACCOUNT, INSTRUMENT, BUY, 100, 50, 101, 50));
    }

    @Test
    void shouldNameThePerInstrumentCreditLimitWhenANewOrderOrAReplaceBreaksBoth()
    {
        exposure.rest(ACCOUNT, INSTRUMENT, BUY, 100, 50); // 5,000 open
        limits.setDefaults(new long[]{ NO_LIMIT, NO_LIMIT, NO_LIMIT, 5_500, 5_000, NO_LIMIT });

        assertEquals(CREDIT_LIMIT, newOrder(BUY, 1)); // 5,100: past the total only
        assertEquals(INSTRUMENT_CREDIT_LIMIT, newOrder(BUY, 6)); // 5,600: past both
        assertEquals(INSTRUMENT_CREDIT_LIMIT, checks.replaceBreach(ACCOUNT, INSTRUMENT, BUY, 100, 50, 112, 50));
    }

    @Test
    void shouldAnswerOnTheQuickPathExactlyAsIn128BitArithmeticAtAndAroundEveryBound()
    {
        final SplittableRandom random = new SplittableRandom(20261206);
        final Map<RejectReason, Integer> newOrderAnswers = new EnumMap<>(RejectReason.class);
        final Map<RejectReason, Integer> replaceAnswers = new EnumMap<>(RejectReason.class);
        int newOrdersAccepted = 0;
        int replacesAccepted = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            final RiskLimits limits = new RiskLimits(1);
            final RiskExposure exposure = new RiskExposure(1, 2);
            final RiskChecks checks = new RiskChecks(limits, exposure);
            final int sideCode = random.nextInt(2);
            final long price = price(random);
            final long leaves = quantity(random);
            exposure.rest(ACCOUNT, INSTRUMENT, sideCode, price, leaves); // the order a replace re-prices
            for (int rests = random.nextInt(3); rests > 0; rests--)
            {
                // at a price of 0 now and then: a large open quantity with no notional to send the order the exact way
                final long restingPrice = random.nextInt(4) == 0 ? 0 : price(random);
                exposure.rest(ACCOUNT, random.nextInt(2), random.nextInt(2), restingPrice, restingQuantity(random));
            }
            exposure.netPosition(ACCOUNT, INSTRUMENT, position(random));
            final long newPrice = random.nextInt(4) == 0 ? price : price(random);
            final long quantity = random.nextInt(4) == 0 ? leaves : quantity(random);
            final boolean mayRest = random.nextBoolean();

            final BigInteger notional = BigInteger.valueOf(newPrice).abs().multiply(BigInteger.valueOf(quantity));
            final BigInteger reach = BigInteger.valueOf(exposure.netPosition(ACCOUNT, INSTRUMENT))
                .multiply(BigInteger.valueOf(sideCode == BUY ? 1 : -1))
                .add(BigInteger.valueOf(exposure.openQuantity(ACCOUNT, INSTRUMENT, sideCode)))
                .add(BigInteger.valueOf(quantity));
            limits.setDefaults(new long[]{
                limitNear(random, BigInteger.valueOf(quantity)),
                limitNear(random, notional),
                limitNear(random, BigInteger.valueOf(exposure.openOrders(ACCOUNT))),
                limitNear(random, notional.add(unsigned128(
                    exposure.openNotionalHigh(ACCOUNT, INSTRUMENT), exposure.openNotionalLow(ACCOUNT, INSTRUMENT)))),
                limitNear(random, notional.add(unsigned128(
                    exposure.totalNotionalHigh(ACCOUNT), exposure.totalNotionalLow(ACCOUNT)))),
                limitNear(random, reach) });

            final RejectReason newOrder =
                checks.newOrderBreach(ACCOUNT, INSTRUMENT, sideCode, mayRest, newPrice, quantity);
            assertEquals(
                checks.exactNewOrderBreach(ACCOUNT, INSTRUMENT, sideCode, mayRest, newPrice, quantity), newOrder,
                "new order, case " + i);
            final RejectReason replace =
                checks.replaceBreach(ACCOUNT, INSTRUMENT, sideCode, price, leaves, newPrice, quantity);
            assertEquals(
                checks.exactReplaceBreach(ACCOUNT, INSTRUMENT, sideCode, price, leaves, newPrice, quantity), replace,
                "replace, case " + i);
            if (newOrder == null)
            {
                newOrdersAccepted++;
            }
            else
            {
                newOrderAnswers.merge(newOrder, 1, Integer::sum);
            }
            if (replace == null)
            {
                replacesAccepted++;
            }
            else
            {
                replaceAnswers.merge(replace, 1, Integer::sum);
            }
        }

        // every answer came up often, both ways, so no branch of either path went unchecked
        assertTrue(newOrdersAccepted > 10_000, "new orders accepted: " + newOrdersAccepted);
        assertTrue(replacesAccepted > 10_000, "replaces accepted: " + replacesAccepted);
        for (final RejectReason reason : new RejectReason[]{
            RejectReason.ORDER_QUANTITY_LIMIT, RejectReason.ORDER_NOTIONAL_LIMIT, RejectReason.OPEN_ORDERS_LIMIT,
            INSTRUMENT_CREDIT_LIMIT, CREDIT_LIMIT, POSITION_LIMIT })
        {
            assertTrue(newOrderAnswers.getOrDefault(reason, 0) > 1_000, "new orders " + newOrderAnswers);
            if (reason != RejectReason.OPEN_ORDERS_LIMIT)
            {
                assertTrue(replaceAnswers.getOrDefault(reason, 0) > 1_000, "replaces " + replaceAnswers);
            }
        }
    }

    /**
     * A price's magnitude mostly below 2^31, where the quick path runs, often just either side of that bound, now
     * and then anywhere in the long range; either sign.
     */
    private static long price(final SplittableRandom random)
    {
        final long magnitude = nearBound(random, 31);
        return random.nextInt(8) == 0 ? -magnitude : magnitude;
    }

    private static long quantity(final SplittableRandom random)
    {
        return Math.max(1, nearBound(random, 31));
    }

    /**
     * A net position mostly small, often just either side of 2^61 (where the quick path hands over) or of 2^62 (where
     * a sum of it and an open quantity as large would overflow), or saturated.
     */
    private static long position(final SplittableRandom random)
    {
        final long magnitude;
        switch (random.nextInt(6))
        {
            case 0:
                return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            case 1:
                magnitude = (1L << 61) + random.nextInt(-3, 4);
                break;
            case 2:
                magnitude = (1L << 62) - random.nextInt(1, 4);
                break;
            default:
                magnitude = random.nextLong(1_000_000);
                break;
        }
        return random.nextBoolean() ? -magnitude : magnitude;
    }

    /** What rests beside the order: as {@link #quantity}, or now and then just either side of 2^61 or below 2^62. */
    private static long restingQuantity(final SplittableRandom random)
    {
        switch (random.nextInt(8))
        {
            case 0:
                return (1L << 61) + random.nextInt(-3, 4);
            case 1:
                return (1L << 62) - random.nextInt(1, 4);
            default:
                return quantity(random);
        }
    }

    private static long nearBound(final SplittableRandom random, final int bits)
    {
        switch (random.nextInt(8))
        {
            case 0:
                return random.nextLong(Long.MAX_VALUE);
            case 1:
            case 2:
                return (1L << bits) + random.nextInt(-3, 4);
            case 3:
                return random.nextLong(1L << bits);
            default:
                return 1 + random.nextInt(100_000);
        }
    }

    /**
     * A limit: none, 0, the largest, or one just either side of {@code value} (the sum it will be held to), so that
     * both answers come up and every comparison meets its edge.
     */
    private static long limitNear(final SplittableRandom random, final BigInteger value)
    {
        switch (random.nextInt(10))
        {
            case 0:
            case 1:
                return NO_LIMIT;
            case 2:
                return 0;
            case 3:
                return Long.MAX_VALUE;
            default:
                final BigInteger near = value.add(BigInteger.valueOf(random.nextInt(-2, 3)));
                return near.signum() < 0 ? 0 : near.bitLength() > 63 ? Long.MAX_VALUE : near.longValueExact();
        }
    }

    private static BigInteger unsigned128(final long high, final long low)
    {
        return new BigInteger(Long.toUnsignedString(high)).shiftLeft(64)
            .add(new BigInteger(Long.toUnsignedString(low)));
    }
}
