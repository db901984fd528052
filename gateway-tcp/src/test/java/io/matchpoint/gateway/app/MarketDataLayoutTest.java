package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.matchpoint.journal.dump.SchemaLayout;

/**
 * The README's table of the feed's message layouts is what {@code ./matchpoint md --layouts} writes from the schema:
 * a change to the schema that is not carried into the README fails the build.
 */
class MarketDataLayoutTest
{
    @Test
    void shouldShowInTheReadmeExactlyTheLayoutsTheSchemaGives() throws IOException
    {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final String layouts = SchemaLayout.marketData();

        assertTrue(readme.contains("```\n" + layouts + "```\n"),
            "README.md's market data layouts differ from the schema's: paste ./matchpoint md --layouts there\n" +
            layouts);
        assertTrue(layouts.contains("LevelUpdate (template 3, 42 bytes)"), layouts);
        assertTrue(layouts.contains("Side: BUY = 0, SELL = 1"), layouts);
    }
}
