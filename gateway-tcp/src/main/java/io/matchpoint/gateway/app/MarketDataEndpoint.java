package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where a running server publishes its market data, as it writes it into
 * {@code <data-directory>/market-data.properties} at start-up: the channel (with the control port it got when the
 * configured one was 0), the streams and the media driver's directory. {@code ./matchpoint md --data DIR} reads it,
 * so a subscriber needs to be told nothing else.
 *
 * @param channel             the publications' Aeron channel.
 * @param incrementalStreamId the INCREMENTAL stream.
 * @param ordersStreamId      the ORDERS stream.
 * @param snapshotStreamId    the SNAPSHOT stream.
 * @param aeronDirectory      the media driver's directory (what an {@code aeron:ipc} subscriber must share).
 */
public record MarketDataEndpoint(
    String channel, int incrementalStreamId, int ordersStreamId, int snapshotStreamId, String aeronDirectory)
{
    /** The file's name in the data directory. */
    public static final String FILE_NAME = "market-data.properties";

    /**
     * Writes the file whole (to a temporary file, then moved over the old one).
     */
    public void write(final Path dataDirectory) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("channel", channel);
        properties.setProperty("incremental-stream-id", Integer.toString(incrementalStreamId));
        properties.setProperty("orders-stream-id", Integer.toString(ordersStreamId));
        properties.setProperty("snapshot-stream-id", Integer.toString(snapshotStreamId));
        properties.setProperty("aeron-directory", aeronDirectory);
        final Path temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
        {
            properties.store(out, "Where this data directory's server publishes its market data (written at start-up)");
        }
        Files.move(temporary, dataDirectory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @return what the file in the data directory says.
     * @throws IOException if there is no such file (no server with a feed ever ran there) or it cannot be read.
     * @throws IllegalArgumentException if it lacks a value or has a bad one.
     */
    public static MarketDataEndpoint read(final Path dataDirectory) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        return new MarketDataEndpoint(
            required(properties, "channel"),
            Integer.parseInt(required(properties, "incremental-stream-id")),
            Integer.parseInt(required(properties, "orders-stream-id")),
            Integer.parseInt(required(properties, "snapshot-stream-id")),
            required(properties, "aeron-directory"));
    }

    private static String required(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException(FILE_NAME + " has no " + key);
        }
        return value;
    }
}
