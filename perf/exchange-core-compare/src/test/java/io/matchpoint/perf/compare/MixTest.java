package io.matchpoint.perf.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bench's --mix: percentages in, shares per mille out, every mistake named.
 */
class MixTest
{
    @Test
    void shouldReadExchangeCoresMixAsTheDefault()
    {
        assertEquals(Mix.DEFAULT, Mix.parse("gtc=9,ioc=3,cancel=6,move=82"));
        assertEquals(820, Mix.DEFAULT.movePerMille());
    }

    @Test
    void shouldAcceptDecimalsAndAnyOrder()
    {
        assertEquals(new Mix(125, 25, 100), Mix.parse("move=75, cancel=10, ioc=2.5, gtc=12.5"));
    }

    @Test
    void shouldRefuseSharesThatDoNotSumToAHundred()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Mix.parse("gtc=50,ioc=10,cancel=10,move=20"));
        assertEquals("the shares sum to 90.0%, not 100%", ex.getMessage());
    }

    @Test
    void shouldRefuseAMissingOrUnknownType()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mix.parse("gtc=18,cancel=0,move=82"))
            .getMessage().startsWith("name all four shares"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mix.parse("gtc=9,fok=3,cancel=6,move=82"))
            .getMessage().startsWith("unknown command type 'fok'"));
    }

    @Test
    void shouldRefuseAMixWithoutGtcOrders()
    {
        assertThrows(IllegalArgumentException.class, () -> Mix.parse("gtc=0,ioc=10,cancel=10,move=80"));
    }

    @Test
    void shouldGenerateTheSharesItWasGiven()
    {
        final MixedWorkload workload = MixedWorkloadGenerator.generate(3, 500, 100_000, new Mix(200, 100, 150));

        assertEquals(0.20, workload.stats().fraction(MixedWorkload.GTC), 0.01);
        assertEquals(0.10, workload.stats().fraction(MixedWorkload.IOC), 0.01);
        assertEquals(0.15, workload.stats().fraction(MixedWorkload.CANCEL), 0.01);
        assertEquals(0.55, workload.stats().fraction(MixedWorkload.MOVE), 0.01);
    }
}
