package io.matchpoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.gateway.config.ServerConfig;
import io.matchpoint.gateway.config.ServerConfigLoader;
import io.matchpoint.perf.support.tape.TapeHeader;
import io.matchpoint.perf.support.tape.TapeInstrument;

/**
 * The server configuration of a {@code --flood} comparison, read back by the server's own loader: limits fitted to
 * the bystanders (the server's defaults, or twice a bystander's share of the rate where that is more), a session slot
 * for every flooding connection, and the flood's account and instrument beside the tape's.
 */
class FloodLimitsTest
{
    private static final TapeHeader TAPE = new TapeHeader(1, 0, 4, 7400, "test",
        List.of(new TapeInstrument(9_000, 11_000, 1), new TapeInstrument(9_000, 11_000, 1)));

    @TempDir
    Path directory;

    @Test
    void shouldWriteAConfigurationTheServerAcceptsWithTheLimitsTheFloodAccountAndItsInstrument() throws IOException
    {
        final FloodLimits limits = FloodLimits.forRun(100_000, 4, 150);

        final ServerConfig config = load(ServerProcess.configText(TAPE, 4, limits));

        assertEquals(100_000, config.sessions().throttleMessages(), "four times a bystander's 25k/s");
        assertEquals(100_000, config.sessions().accountThrottleMessages());
        assertEquals(400_000, config.sessions().addressThrottleMessages(), "four times the bystanders' address's 100k/s");
        assertEquals(FloodLimits.DEFAULT_LOGONS_PER_ADDRESS, config.sessions().logonsPerAddress());
        assertEquals(FloodLimits.DEFAULT_LOGONS_PER_ACCOUNT, config.sessions().logonsPerAccount());
        assertEquals(FloodLimits.DEFAULT_SESSIONS_PER_ACCOUNT, config.sessions().maxSessionsPerAccount());
        assertEquals(FloodLimits.DEFAULT_REJECTS_BEFORE_CLOSE, config.sessions().throttleRejectsBeforeClose());
        assertEquals(4 + 150 + FloodLimits.SPARE_SLOTS, config.capacity().maxSessions());
        assertTrue(config.accounts().stream().anyMatch(account -> account.id() == 5 &&
            account.name().equals(ServerProcess.FLOOD_ACCOUNT)), "the flooder's account after the bystanders'");
        assertTrue(config.instruments().stream().anyMatch(instrument ->
            instrument.id() == ServerProcess.floodInstrumentId(TAPE)), "an instrument no tape command names");
    }

    @Test
    void shouldKeepTheServersDefaultsWhereTheBystandersNeedLess()
    {
        final FloodLimits limits = FloodLimits.forRun(2_000, 2, 4);

        assertEquals(FloodLimits.DEFAULT_SESSION_MESSAGES, limits.sessionMessages());
        assertEquals(FloodLimits.DEFAULT_ACCOUNT_MESSAGES, limits.accountMessages());
        assertEquals(FloodLimits.DEFAULT_ADDRESS_MESSAGES, limits.addressMessages());
    }

    private ServerConfig load(final String text) throws IOException
    {
        final Path file = directory.resolve("bench-server.conf");
        Files.writeString(file, text);
        return ServerConfigLoader.load(file);
    }
}
