package io.matchpoint.gateway.config;

/**
 * The public market data feed (key {@code matchpoint.market-data}): whether the server publishes it, on which Aeron
 * channel and streams, with which media driver.
 *
 * @param enabled             whether the server publishes the feed at all.
 * @param channel             the Aeron channel of every stream ({@code aeron:udp?...} or {@code aeron:ipc}).
 * @param incrementalStreamId the INCREMENTAL channel's stream (levels, trades, status, definitions).
 * @param ordersStreamId      the ORDERS channel's stream (the order-by-order view).
 * @param snapshotStreamId    the SNAPSHOT channel's stream (every book, cycled); the three streams differ.
 * @param snapshotIntervalMs  from one snapshot of every book to the next, 1..86400000.
 * @param termLengthBytes     each publication's term, a power of two from 64 KiB to 1 GiB: a subscriber may fall
 *                            behind by half a term before packets are dropped for it (embedded driver only).
 * @param mediaDriver         {@link #EMBEDDED}, or the directory of a running media driver to join.
 */
public record MarketDataConfig(
    boolean enabled,
    String channel,
    int incrementalStreamId,
    int ordersStreamId,
    int snapshotStreamId,
    long snapshotIntervalMs,
    int termLengthBytes,
    String mediaDriver)
{
    /** This block's key. */
    public static final String PATH = "matchpoint.market-data";
    /** The value of {@link #MEDIA_DRIVER} that runs a driver inside the server. */
    public static final String EMBEDDED = "embedded";

    static final String ENABLED = "enabled";
    static final String CHANNEL = "channel";
    static final String INCREMENTAL_STREAM_ID = "incremental-stream-id";
    static final String ORDERS_STREAM_ID = "orders-stream-id";
    static final String SNAPSHOT_STREAM_ID = "snapshot-stream-id";
    static final String SNAPSHOT_INTERVAL_MS = "snapshot-interval-ms";
    static final String TERM_LENGTH_BYTES = "term-length-bytes";
    static final String MEDIA_DRIVER = "media-driver";

    /**
     * Checks every value.
     *
     * @throws BadConfigException naming the first bad key, as {@code matchpoint.market-data.KEY}.
     */
    public MarketDataConfig
    {
        Checks.present(key(CHANNEL), channel);
        if (!channel.startsWith("aeron:udp") && !channel.startsWith("aeron:ipc"))
        {
            throw new BadConfigException(key(CHANNEL), "must be an Aeron channel (aeron:udp?... or aeron:ipc), got \"" +
                channel + "\"");
        }
        Checks.inRange(key(INCREMENTAL_STREAM_ID), incrementalStreamId, 1, Integer.MAX_VALUE);
        Checks.inRange(key(ORDERS_STREAM_ID), ordersStreamId, 1, Integer.MAX_VALUE);
        Checks.inRange(key(SNAPSHOT_STREAM_ID), snapshotStreamId, 1, Integer.MAX_VALUE);
        if (ordersStreamId == incrementalStreamId)
        {
            throw new BadConfigException(key(ORDERS_STREAM_ID), "must differ from " + key(INCREMENTAL_STREAM_ID) +
                " (" + incrementalStreamId + ")");
        }
        if (snapshotStreamId == incrementalStreamId || snapshotStreamId == ordersStreamId)
        {
            throw new BadConfigException(key(SNAPSHOT_STREAM_ID), "must differ from the incremental and orders " +
                "streams (" + incrementalStreamId + ", " + ordersStreamId + ")");
        }
        Checks.millis(key(SNAPSHOT_INTERVAL_MS), snapshotIntervalMs);
        Checks.powerOfTwoInRange(key(TERM_LENGTH_BYTES), termLengthBytes, 64 * 1024, 1 << 30);
        Checks.present(key(MEDIA_DRIVER), mediaDriver);
        if (mediaDriver.isBlank())
        {
            throw new BadConfigException(key(MEDIA_DRIVER), "must be \"" + EMBEDDED + "\" or a media driver's " +
                "directory");
        }
    }

    /**
     * @return whether the server runs its own media driver.
     */
    public boolean embedded()
    {
        return EMBEDDED.equals(mediaDriver);
    }

    /**
     * @return a copy that publishes or not.
     */
    public MarketDataConfig withEnabled(final boolean enabled)
    {
        return new MarketDataConfig(enabled, channel, incrementalStreamId, ordersStreamId, snapshotStreamId,
            snapshotIntervalMs, termLengthBytes, mediaDriver);
    }

    static String key(final String name)
    {
        return PATH + "." + name;
    }
}
