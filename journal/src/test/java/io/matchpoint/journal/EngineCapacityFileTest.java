package io.matchpoint.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.engine.match.EngineConfig;

class EngineCapacityFileTest
{
    @TempDir
    Path data;

    @Test
    void shouldRecordTheCapacityAndTheRulesAndAcceptTheSameAgain() throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final EngineConfig config = new EngineConfig().maxOrders(1 << 10);

        EngineCapacityFile.recordOrCheck(directory, config);
        EngineCapacityFile.recordOrCheck(directory, config);

        assertEquals(config.toString(), EngineCapacityFile.read(directory).toString());
        assertTrue(Files.readString(data.resolve("engine.properties")).contains("matchingRules=5; journal format 2"),
            "a release before journal blocks, which compares the whole value with its rules version, refuses it");
    }

    @Test
    void shouldRefuseAJournalWrittenUnderOtherMatchingRules() throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        Files.writeString(data.resolve("engine.properties"), "maxOrders=1024\nmaxPriceLevels=4096\n" +
            "maxInstruments=16\nmaxAccounts=4096\nticksPerBook=16384\n", StandardCharsets.UTF_8); // as before versions

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> EngineCapacityFile.recordOrCheck(directory, new EngineConfig()));

        assertTrue(refused.getMessage().contains("matching rules from before rule versions were recorded") &&
            refused.getMessage().contains("Start with a new data directory"), refused.getMessage());
    }
}
