package io.matchpoint.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.service.MatchingService;

/**
 * {@code engine.properties} in the data directory: the core's capacity when the journal began, and the version of
 * the matching rules ({@link MatchingService#RULES_VERSION}). Both decide answers (a full order pool rejects; the
 * pool's capacity sets how many bits of an order id hold its slot; the rules say which orders a disconnect cancels
 * and how ids are formed), so a replay must use the same: the server refuses to start on a
 * journal with another capacity or of other rules, and {@code journal verify} reads them from here.
 */
public final class EngineCapacityFile
{
    private static final String NAME = "engine.properties";
    private static final String RULES_KEY = "matchingRules";

    private EngineCapacityFile()
    {
    }

    /**
     * @return the capacity recorded in the directory, or null if none is.
     * @throws IllegalStateException if the journal was written under other matching rules.
     */
    public static EngineConfig read(final JournalDirectory directory) throws IOException
    {
        final Path file = directory.root().resolve(NAME);
        if (!Files.exists(file))
        {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        final String rules = properties.getProperty(RULES_KEY);
        if (rules == null || !rules.trim().equals(Integer.toString(MatchingService.RULES_VERSION)))
        {
            throw new IllegalStateException("the journal in " + directory.root() + " was written under matching rules " +
                (rules == null ? "from before rule versions were recorded (version 1)" : "version " + rules.trim()) +
                ", and this engine answers by version " + MatchingService.RULES_VERSION + " (order ids that carry " +
                "their pool slot; cancel-on-disconnect per session, logons resuming beyond the stream refused): " +
                "replaying it would give other answers. " +
                "Start with a new data directory, or read it with the release that wrote it");
        }
        return new EngineConfig()
            .maxOrders(intValue(properties, "maxOrders", file))
            .maxPriceLevels(intValue(properties, "maxPriceLevels", file))
            .maxInstruments(intValue(properties, "maxInstruments", file))
            .maxAccounts(intValue(properties, "maxAccounts", file))
            .ticksPerBook(intValue(properties, "ticksPerBook", file));
    }

    /**
     * Records the capacity if nothing is recorded yet; else checks it is the same.
     *
     * @throws IllegalStateException naming the difference.
     */
    public static void recordOrCheck(final JournalDirectory directory, final EngineConfig config) throws IOException
    {
        final EngineConfig recorded = read(directory);
        if (recorded == null)
        {
            Files.createDirectories(directory.root());
            final Properties properties = new Properties();
            properties.setProperty("maxOrders", Integer.toString(config.maxOrders()));
            properties.setProperty("maxPriceLevels", Integer.toString(config.maxPriceLevels()));
            properties.setProperty("maxInstruments", Integer.toString(config.maxInstruments()));
            properties.setProperty("maxAccounts", Integer.toString(config.maxAccounts()));
            properties.setProperty("ticksPerBook", Integer.toString(config.ticksPerBook()));
            properties.setProperty(RULES_KEY, Integer.toString(MatchingService.RULES_VERSION));
            try (Writer writer = Files.newBufferedWriter(directory.root().resolve(NAME), StandardCharsets.UTF_8))
            {
                properties.store(writer, "engine capacity and matching rules of this journal: replays must use the same");
            }
            return;
        }
        if (!recorded.toString().equals(config.toString()))
        {
            throw new IllegalStateException("the journal in " + directory + " was written with " + recorded +
                " but this server is configured with " + config + ": replaying it with another capacity could give " +
                "other answers. Configure the same capacity, or start with a new data directory");
        }
    }

    private static int intValue(final Properties properties, final String key, final Path file)
    {
        final String value = properties.getProperty(key);
        if (value == null)
        {
            throw new IllegalStateException(file + " lacks " + key);
        }
        return Integer.parseInt(value.trim());
    }
}
