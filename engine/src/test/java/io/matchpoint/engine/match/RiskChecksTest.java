package io.matchpoint.engine.match;

import static io.matchpoint.engine.match.MatchingEngine.NO_LIMIT;
import static io.matchpoint.engine.match.RejectReason.CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.INSTRUMENT_CREDIT_LIMIT;
import static io.matchpoint.engine.match.RejectReason.POSITION_LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.matchpoint.engine.book.RiskExposure;

import org.junit.jupiter.api.Test;

/**
 * The risk checks' arithmetic at the edges of the long range, where no order stream of the scenario tests reaches:
 * a position saturated at either end, read from the side that grows it and from the side that shrinks it, and a
 * re-price whose notional shrinks under a credit limit it already breaks.
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
}
