package io.matchpoint.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest
{
    private final ServerConfig defaults = ServerConfigLoader.defaults();

    @Test
    void shouldOverrideThePortOnly()
    {
        final ServerConfig config = defaults.withPort(7500);

        assertEquals(7500, config.port());
        assertEquals(defaults, config.withPort(defaults.port()));
    }

    @Test
    void shouldOverrideTheDataDirectoryOnly()
    {
        final ServerConfig config = defaults.withDataDirectory(Path.of("/tmp/matchpoint"));

        assertEquals(Path.of("/tmp/matchpoint"), config.dataDirectory());
        assertEquals(defaults, config.withDataDirectory(defaults.dataDirectory()));
    }

    @Test
    void shouldOverrideTheProfileOnly()
    {
        final ServerConfig config = defaults.withProfile(Profile.LOW_LATENCY);

        assertEquals(Profile.LOW_LATENCY, config.profile());
        assertEquals(defaults, config.withProfile(defaults.profile()));
    }

    @Test
    void shouldCheckAnOverriddenPort()
    {
        final BadConfigException ex = assertThrows(BadConfigException.class, () -> defaults.withPort(70000));

        assertEquals("matchpoint.port: must be in 0..65535, got 70000", ex.getMessage());
    }

    @Test
    void shouldNotLetTheListsBeChanged()
    {
        assertThrows(UnsupportedOperationException.class, () -> defaults.instruments().clear());
        assertThrows(UnsupportedOperationException.class, () -> defaults.accounts().clear());
    }

    @Test
    void shouldSummariseForAPerson()
    {
        final String summary = defaults.summary();

        assertTrue(summary.contains("listen:      127.0.0.1:7400"), summary);
        assertTrue(summary.contains(
            "instrument:  DEMO3 (id 3) tick 0.0025, lot 10, quantity 10..100000, band 0.5000..10.0000"), summary);
        assertTrue(summary.contains("account:     admin (id 100, admin)"), summary);
    }
}
