package io.matchpoint.gateway.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileTest
{
    @Test
    void shouldReadEveryProfileByItsCommandLineName()
    {
        assertEquals("default", Profile.DEFAULT.cliName());
        assertEquals("low-latency", Profile.LOW_LATENCY.cliName());
        for (final Profile profile : Profile.values())
        {
            assertEquals(profile, Profile.fromCliName(profile.cliName()));
        }
    }

    @Test
    void shouldRejectAnUnknownNameListingTheKnownOnes()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Profile.fromCliName("LOW_LATENCY"));

        assertEquals("unknown profile 'LOW_LATENCY': expected default or low-latency", ex.getMessage());
    }
}
