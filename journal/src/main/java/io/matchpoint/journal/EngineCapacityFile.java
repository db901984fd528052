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
 * {@code engine.properties} in the data directory: the core's capacity when the journal began, the version of the
 * matching rules ({@link MatchingService#RULES_VERSION}) and the journals' layout ({@link JournalFormat}: blocks of
 * entries from format 2; this release reads 1 as well, so a directory begun before blocks goes on with them). Both
 * decide answers (a full order pool rejects; the pool's capacity sets how many bits of an order id hold its slot; the
 * rules say which orders a disconnect cancels and how ids are formed), so a replay must use the same: the server
 * refuses to start on a journal with another capacity or of other rules, and {@code journal verify} reads them from
 * here.
 */
public final class EngineCapacityFile
{
    private static final String NAME = "engine.properties";
    private static final String RULES_KEY = "matchingRules";
    /** The journals' layout ({@link JournalFormat#FORMAT_VERSION}); absent in directories begun before blocks. */
    private static final String FORMAT_KEY = "journalFormat";

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
        final String rulesValue = properties.getProperty(RULES_KEY);
        final String rules = rulesValue == null ? null : rulesValue.split(";")[0];
        if (rules == null || !rules.trim().equals(Integer.toString(MatchingService.RULES_VERSION)))
        {
            throw new IllegalStateException("the journal in " + directory.root() + " was written under matching rules " +
                (rules == null ? "from before rule versions were recorded (version 1)" : "version " + rules.trim()) +
                ", and this engine answers by version " + MatchingService.RULES_VERSION + " (iceberg and stop " +
                "orders, execution reports of wire schema version 1; pre-trade risk limits and the account table " +
                "they register in; order ids that carry their pool slot; cancel-on-disconnect " +
                "per session, logons resuming beyond the stream refused): " +
                "replaying it would give other answers. " +
                "Start with a new data directory, or read it with the release that wrote it");
        }
        final String format = properties.getProperty(FORMAT_KEY);
        if (format != null && !format.trim().equals("1") &&
            !format.trim().equals(Integer.toString(JournalFormat.FORMAT_VERSION)))
        {
            throw new IllegalStateException("the journals in " + directory.root() + " are laid out in format " +
                format.trim() + ", and this release reads formats 1 and " + JournalFormat.FORMAT_VERSION +
                ": read them with the release that wrote them");
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
        if (recorded != null && !recorded.toString().equals(config.toString()))
        {
            throw new IllegalStateException("the journal in " + directory + " was written with " + recorded +
                " but this server is configured with " + config + ": replaying it with another capacity could give " +
                "other answers. Configure the same capacity, or start with a new data directory");
        }
        // written again over a directory begun before blocks, so that it says blocks may follow
        Files.createDirectories(directory.root());
        final Properties properties = new Properties();
        properties.setProperty("maxOrders", Integer.toString(config.maxOrders()));
        properties.setProperty("maxPriceLevels", Integer.toString(config.maxPriceLevels()));
        properties.setProperty("maxInstruments", Integer.toString(config.maxInstruments()));
        properties.setProperty("maxAccounts", Integer.toString(config.maxAccounts()));
        properties.setProperty("ticksPerBook", Integer.toString(config.ticksPerBook()));
        properties.setProperty(RULES_KEY, rulesValue());
        properties.setProperty(FORMAT_KEY, Integer.toString(JournalFormat.FORMAT_VERSION));
        final Path file = directory.root().resolve(NAME);
        final Path written = directory.root().resolve(NAME + ".new");
        try (Writer writer = Files.newBufferedWriter(written, StandardCharsets.UTF_8))
        {
            properties.store(writer, "engine capacity, matching rules and journal format: replays must use the same");
        }
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The rules version, and after it the journal format: releases before blocks compare the whole value with their
     * rules version, so they refuse a directory this release has written in (and say which) rather than read each
     * block's first entry alone; this release reads the version before the ';'.
     */
    private static String rulesValue()
    {
        return MatchingService.RULES_VERSION + "; journal format " + JournalFormat.FORMAT_VERSION;
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
