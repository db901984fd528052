package io.matchpoint.gateway.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.matchpoint.client.PriceText;
import io.matchpoint.engine.pipeline.ThreadingMode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads the server configuration from HOCON files (Typesafe Config). HOCON rather than properties, YAML or JSON
 * because a server configuration needs what it gives: comments, nesting, lists of objects (instruments, accounts),
 * layering one file over another, substitutions such as {@code ${?MATCHPOINT_PORT}}, and parse errors that carry
 * the file and line.
 * <p>
 * The built-in defaults are the resource {@value #DEFAULT_RESOURCE}, which documents every key. {@link #load(Path)}
 * lays a file over them, key by key within blocks, so a file may hold only what it changes; a list in the file
 * ({@code instruments}, {@code accounts}) replaces the default list whole, as HOCON merges objects but not lists.
 * Command-line overrides are applied afterwards with {@link ServerConfig#withPort(int)} and the other withers.
 * <p>
 * Strict: a key this version does not know, anywhere under {@code matchpoint} (or a top-level key other than
 * {@code matchpoint}), is an error, so a typo never passes silently; values must have the right type (a whole number
 * is not a string, a quoted price is a string); every problem is a {@link BadConfigException} naming the full key
 * and, where the value came from a file, the file and line. Stateless and thread-safe.
 */
public final class ServerConfigLoader
{
    /** Classpath resource holding the built-in defaults. */
    public static final String DEFAULT_RESOURCE = "matchpoint-default.conf";

    private ServerConfigLoader()
    {
    }

    /**
     * @return the built-in configuration, as {@code ./matchpoint server} with no {@code --config} uses it.
     * @throws BadConfigException only if the embedded resource is broken (a build problem).
     */
    public static ServerConfig defaults()
    {
        return fromHocon(defaultHocon());
    }

    /**
     * Loads a configuration file laid over the built-in defaults.
     *
     * @param file a HOCON file (JSON and {@code .properties} files are read by their own syntax).
     * @return the checked configuration.
     * @throws BadConfigException when the file cannot be read or parsed, or any value is unknown or invalid.
     */
    public static ServerConfig load(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new BadConfigException(
                null, "cannot read config file " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"),
                null);
        }
        if (!Files.isReadable(file))
        {
            throw new BadConfigException(null, "cannot read config file " + file + ": permission denied", null);
        }
        final Config parsed;
        try
        {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        }
        catch (final ConfigException ex)
        {
            throw new BadConfigException(null, ex.getMessage(), null);
        }
        return fromHocon(parsed.withFallback(defaultHocon()));
    }

    private static Config defaultHocon()
    {
        try
        {
            return ConfigFactory.parseResources(
                ServerConfigLoader.class, "/" + DEFAULT_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
        }
        catch (final ConfigException ex)
        {
            throw new BadConfigException(null, "built-in defaults: " + ex.getMessage(), null);
        }
    }

    private static ServerConfig fromHocon(final Config unresolved)
    {
        final ConfigObject root;
        try
        {
            root = unresolved.resolve().root();
        }
        catch (final ConfigException ex)
        {
            throw new BadConfigException(null, ex.getMessage(), null);
        }

        final Section top = new Section(root, null);
        top.allowOnly(ServerConfig.PATH);
        final Section matchpoint = top.section(ServerConfig.PATH);
        matchpoint.allowOnly(
            ServerConfig.HOST, ServerConfig.PORT, ServerConfig.DATA_DIRECTORY, ServerConfig.PROFILE,
            ServerConfig.CPUS, ServerConfig.THREADING, ServerConfig.CAPACITY, ServerConfig.SESSIONS,
            ServerConfig.MARKET_DATA, ServerConfig.INSTRUMENTS, ServerConfig.ACCOUNTS, ServerConfig.RISK_LIMITS);

        final String host = matchpoint.string(ServerConfig.HOST);
        final int port = matchpoint.intValue(ServerConfig.PORT);
        final Path dataDirectory = matchpoint.path(ServerConfig.DATA_DIRECTORY);
        final Profile profile = matchpoint.profile(ServerConfig.PROFILE);
        final List<Integer> cpus = matchpoint.has(ServerConfig.CPUS) ? matchpoint.intList(ServerConfig.CPUS) : List.of();
        final ThreadingMode threading = matchpoint.has(ServerConfig.THREADING) ?
            matchpoint.threading(ServerConfig.THREADING) : null;
        final CapacityConfig capacity = capacity(matchpoint.section(ServerConfig.CAPACITY));
        final SessionConfig sessions = sessions(matchpoint.section(ServerConfig.SESSIONS));
        final MarketDataConfig marketData = marketData(matchpoint.section(ServerConfig.MARKET_DATA));
        final List<InstrumentConfig> instruments = new ArrayList<>();
        for (final Section entry : matchpoint.entries(ServerConfig.INSTRUMENTS))
        {
            instruments.add(instrument(entry));
        }
        final List<AccountConfig> accounts = new ArrayList<>();
        for (final Section entry : matchpoint.entries(ServerConfig.ACCOUNTS))
        {
            accounts.add(account(entry));
        }
        final List<RiskLimitsConfig> riskLimits = new ArrayList<>();
        if (matchpoint.has(ServerConfig.RISK_LIMITS))
        {
            for (final Section entry : matchpoint.entries(ServerConfig.RISK_LIMITS))
            {
                riskLimits.add(riskLimits(entry));
            }
        }

        try
        {
            return new ServerConfig(host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData,
                instruments, accounts, riskLimits);
        }
        catch (final BadConfigException ex)
        {
            throw ex.origin() == null && ex.key() != null ? ex.at(describe(originOf(root, ex.key()))) : ex;
        }
    }

    private static MarketDataConfig marketData(final Section section)
    {
        section.allowOnly(
            MarketDataConfig.ENABLED, MarketDataConfig.CHANNEL, MarketDataConfig.INCREMENTAL_STREAM_ID,
            MarketDataConfig.ORDERS_STREAM_ID, MarketDataConfig.SNAPSHOT_STREAM_ID, MarketDataConfig.SNAPSHOT_INTERVAL_MS,
            MarketDataConfig.TERM_LENGTH_BYTES, MarketDataConfig.MEDIA_DRIVER);
        final boolean enabled = section.bool(MarketDataConfig.ENABLED);
        final String channel = section.string(MarketDataConfig.CHANNEL);
        final int incrementalStreamId = section.intValue(MarketDataConfig.INCREMENTAL_STREAM_ID);
        final int ordersStreamId = section.intValue(MarketDataConfig.ORDERS_STREAM_ID);
        final int snapshotStreamId = section.intValue(MarketDataConfig.SNAPSHOT_STREAM_ID);
        final long snapshotIntervalMs = section.longValue(MarketDataConfig.SNAPSHOT_INTERVAL_MS);
        final int termLengthBytes = section.intValue(MarketDataConfig.TERM_LENGTH_BYTES);
        final String mediaDriver = section.string(MarketDataConfig.MEDIA_DRIVER);
        try
        {
            return new MarketDataConfig(enabled, channel, incrementalStreamId, ordersStreamId, snapshotStreamId,
                snapshotIntervalMs, termLengthBytes, mediaDriver);
        }
        catch (final BadConfigException ex)
        {
            throw section.locate(ex);
        }
    }

    private static CapacityConfig capacity(final Section section)
    {
        section.allowOnly(
            CapacityConfig.MAX_ORDERS, CapacityConfig.MAX_PRICE_LEVELS, CapacityConfig.MAX_INSTRUMENTS,
            CapacityConfig.MAX_ACCOUNTS, CapacityConfig.TICKS_PER_BOOK, CapacityConfig.MAX_SESSIONS_KEY,
            CapacityConfig.INBOUND_RING_SIZE, CapacityConfig.OUTBOUND_RING_SIZE,
            CapacityConfig.SESSION_OUTBOUND_BUFFER_BYTES);
        final int maxOrders = section.intValue(CapacityConfig.MAX_ORDERS);
        final int maxPriceLevels = section.intValue(CapacityConfig.MAX_PRICE_LEVELS);
        final int maxInstruments = section.intValue(CapacityConfig.MAX_INSTRUMENTS);
        final int maxAccounts = section.intValue(CapacityConfig.MAX_ACCOUNTS);
        final int ticksPerBook = section.intValue(CapacityConfig.TICKS_PER_BOOK);
        final int maxSessions = section.intValue(CapacityConfig.MAX_SESSIONS_KEY);
        final int inboundRingSize = section.intValue(CapacityConfig.INBOUND_RING_SIZE);
        final int outboundRingSize = section.intValue(CapacityConfig.OUTBOUND_RING_SIZE);
        final int sessionOutboundBufferBytes = section.intValue(CapacityConfig.SESSION_OUTBOUND_BUFFER_BYTES);
        try
        {
            return new CapacityConfig(
                maxOrders, maxPriceLevels, maxInstruments, maxAccounts, ticksPerBook, maxSessions, inboundRingSize,
                outboundRingSize, sessionOutboundBufferBytes);
        }
        catch (final BadConfigException ex)
        {
            throw section.locate(ex);
        }
    }

    private static SessionConfig sessions(final Section section)
    {
        section.allowOnly(
            SessionConfig.MAX_SESSIONS_PER_ACCOUNT, SessionConfig.THROTTLE_MESSAGES, SessionConfig.THROTTLE_WINDOW_MS,
            SessionConfig.THROTTLE_REJECTS_BEFORE_CLOSE, SessionConfig.ACCOUNT_THROTTLE_MESSAGES,
            SessionConfig.ADDRESS_THROTTLE_MESSAGES, SessionConfig.LOGONS_PER_ADDRESS, SessionConfig.LOGONS_PER_ACCOUNT,
            SessionConfig.LOGON_RATE_WINDOW_MS, SessionConfig.LOGON_FAILURES_BEFORE_LOCKOUT,
            SessionConfig.LOGON_FAILURE_WINDOW_MS, SessionConfig.LOCKOUT_MS, SessionConfig.LOGON_TIMEOUT_MS,
            SessionConfig.MIN_HEARTBEAT_INTERVAL_MS, SessionConfig.MAX_HEARTBEAT_INTERVAL_MS);
        final int maxSessionsPerAccount = section.intValue(SessionConfig.MAX_SESSIONS_PER_ACCOUNT);
        final int throttleMessages = section.intValue(SessionConfig.THROTTLE_MESSAGES);
        final long throttleWindowMs = section.longValue(SessionConfig.THROTTLE_WINDOW_MS);
        final int throttleRejectsBeforeClose = section.intValue(SessionConfig.THROTTLE_REJECTS_BEFORE_CLOSE);
        final int accountThrottleMessages = section.intValue(SessionConfig.ACCOUNT_THROTTLE_MESSAGES);
        final int addressThrottleMessages = section.intValue(SessionConfig.ADDRESS_THROTTLE_MESSAGES);
        final int logonsPerAddress = section.intValue(SessionConfig.LOGONS_PER_ADDRESS);
        final int logonsPerAccount = section.intValue(SessionConfig.LOGONS_PER_ACCOUNT);
        final long logonRateWindowMs = section.longValue(SessionConfig.LOGON_RATE_WINDOW_MS);
        final int logonFailuresBeforeLockout = section.intValue(SessionConfig.LOGON_FAILURES_BEFORE_LOCKOUT);
        final long logonFailureWindowMs = section.longValue(SessionConfig.LOGON_FAILURE_WINDOW_MS);
        final long lockoutMs = section.longValue(SessionConfig.LOCKOUT_MS);
        final long logonTimeoutMs = section.longValue(SessionConfig.LOGON_TIMEOUT_MS);
        final long minHeartbeatIntervalMs = section.longValue(SessionConfig.MIN_HEARTBEAT_INTERVAL_MS);
        final long maxHeartbeatIntervalMs = section.longValue(SessionConfig.MAX_HEARTBEAT_INTERVAL_MS);
        try
        {
            return new SessionConfig(
                maxSessionsPerAccount, throttleMessages, throttleWindowMs, throttleRejectsBeforeClose,
                accountThrottleMessages, addressThrottleMessages, logonsPerAddress, logonsPerAccount, logonRateWindowMs,
                logonFailuresBeforeLockout, logonFailureWindowMs, lockoutMs, logonTimeoutMs, minHeartbeatIntervalMs,
                maxHeartbeatIntervalMs);
        }
        catch (final BadConfigException ex)
        {
            throw section.locate(ex);
        }
    }

    private static InstrumentConfig instrument(final Section entry)
    {
        entry.allowOnly(
            InstrumentConfig.ID, InstrumentConfig.SYMBOL, InstrumentConfig.PRICE_DECIMALS, InstrumentConfig.TICK_SIZE,
            InstrumentConfig.LOT_SIZE, InstrumentConfig.MIN_QUANTITY, InstrumentConfig.MAX_QUANTITY,
            InstrumentConfig.LOW_PRICE, InstrumentConfig.HIGH_PRICE, InstrumentConfig.COLLAR_TICKS,
            InstrumentConfig.COLLAR_PERCENT);
        final int id = entry.intValue(InstrumentConfig.ID);
        final String symbol = entry.string(InstrumentConfig.SYMBOL);
        final int priceDecimals = entry.intValue(InstrumentConfig.PRICE_DECIMALS);
        if (priceDecimals < 0 || priceDecimals > PriceText.MAX_DECIMALS)
        {
            throw entry.error(
                InstrumentConfig.PRICE_DECIMALS, "must be in 0.." + PriceText.MAX_DECIMALS + ", got " + priceDecimals);
        }
        final long tickSize = entry.price(InstrumentConfig.TICK_SIZE, priceDecimals);
        final long lotSize = entry.longValue(InstrumentConfig.LOT_SIZE);
        final long minQuantity = entry.longValue(InstrumentConfig.MIN_QUANTITY);
        final long maxQuantity = entry.longValue(InstrumentConfig.MAX_QUANTITY);
        final long lowPrice = entry.price(InstrumentConfig.LOW_PRICE, priceDecimals);
        final long highPrice = entry.price(InstrumentConfig.HIGH_PRICE, priceDecimals);
        if (entry.has(InstrumentConfig.COLLAR_TICKS) && entry.has(InstrumentConfig.COLLAR_PERCENT))
        {
            throw entry.error(InstrumentConfig.COLLAR_PERCENT, "give collar-ticks or collar-percent, not both");
        }
        final long collarBasisPoints = entry.has(InstrumentConfig.COLLAR_PERCENT) ?
            collarBasisPoints(entry) : 0;
        final long collarTicks = entry.has(InstrumentConfig.COLLAR_TICKS) ?
            entry.longValue(InstrumentConfig.COLLAR_TICKS) : collarBasisPoints != 0 ? 0 : InstrumentConfig.NOT_CONFIGURED;
        if (entry.has(InstrumentConfig.COLLAR_TICKS) && collarTicks < 0)
        {
            throw entry.error(InstrumentConfig.COLLAR_TICKS, "must be 0 (no collar) or more, got " + collarTicks);
        }
        try
        {
            return new InstrumentConfig(id, symbol, priceDecimals, tickSize, lotSize, minQuantity, maxQuantity,
                lowPrice, highPrice, collarTicks, collarBasisPoints);
        }
        catch (final BadConfigException ex)
        {
            throw entry.locateRelative(ex);
        }
    }

    /** {@code collar-percent}: a number or a string, 0.01 to 100 in steps of 0.01, as basis points. */
    private static long collarBasisPoints(final Section entry)
    {
        final String text = String.valueOf(entry.value(InstrumentConfig.COLLAR_PERCENT).unwrapped()).trim();
        try
        {
            final java.math.BigDecimal points = new java.math.BigDecimal(text).movePointRight(2);
            if (points.signum() > 0 && points.compareTo(java.math.BigDecimal.valueOf(10_000)) <= 0 &&
                points.stripTrailingZeros().scale() <= 0)
            {
                return points.longValueExact();
            }
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            // reported below
        }
        throw entry.error(InstrumentConfig.COLLAR_PERCENT,
            "must be 0.01 to 100 (percent of the reference price) in steps of 0.01, got " + text);
    }

    private static RiskLimitsConfig riskLimits(final Section entry)
    {
        entry.allowOnly(
            RiskLimitsConfig.ACCOUNT, RiskLimitsConfig.MAX_ORDER_QUANTITY, RiskLimitsConfig.MAX_ORDER_NOTIONAL,
            RiskLimitsConfig.MAX_OPEN_ORDERS, RiskLimitsConfig.INSTRUMENT_CREDIT, RiskLimitsConfig.TOTAL_CREDIT,
            RiskLimitsConfig.POSITION_LIMIT);
        final long accountId;
        if (entry.value(RiskLimitsConfig.ACCOUNT).valueType() == ConfigValueType.STRING)
        {
            final String name = entry.string(RiskLimitsConfig.ACCOUNT);
            if (!name.equals(RiskLimitsConfig.DEFAULTS_NAME))
            {
                throw entry.error(RiskLimitsConfig.ACCOUNT,
                    "must be an account id or \"" + RiskLimitsConfig.DEFAULTS_NAME + "\", got \"" + name + "\"");
            }
            accountId = RiskLimitsConfig.DEFAULTS;
        }
        else
        {
            accountId = entry.longValue(RiskLimitsConfig.ACCOUNT);
        }
        try
        {
            return new RiskLimitsConfig(accountId, limit(entry, RiskLimitsConfig.MAX_ORDER_QUANTITY),
                limit(entry, RiskLimitsConfig.MAX_ORDER_NOTIONAL), limit(entry, RiskLimitsConfig.MAX_OPEN_ORDERS),
                limit(entry, RiskLimitsConfig.INSTRUMENT_CREDIT), limit(entry, RiskLimitsConfig.TOTAL_CREDIT),
                limit(entry, RiskLimitsConfig.POSITION_LIMIT));
        }
        catch (final BadConfigException ex)
        {
            throw entry.locateRelative(ex);
        }
    }

    /** A limit left out is not set. */
    private static long limit(final Section entry, final String name)
    {
        if (!entry.has(name))
        {
            return io.matchpoint.engine.match.MatchingEngine.NO_LIMIT;
        }
        final long value = entry.longValue(name);
        if (value < 0)
        {
            throw entry.error(name, "must be 0 or more (leave it out for no limit), got " + value);
        }
        return value;
    }

    private static AccountConfig account(final Section entry)
    {
        entry.allowOnly(
            AccountConfig.ID, AccountConfig.NAME, AccountConfig.PASSWORD, AccountConfig.PASSWORD_SHA256,
            AccountConfig.ADMIN, AccountConfig.DROP_COPY_FOR);
        final long id = entry.longValue(AccountConfig.ID);
        final String name = entry.string(AccountConfig.NAME);
        final boolean hasPassword = entry.has(AccountConfig.PASSWORD);
        final boolean hasDigest = entry.has(AccountConfig.PASSWORD_SHA256);
        if (hasPassword == hasDigest)
        {
            throw entry.error(
                hasPassword ? AccountConfig.PASSWORD_SHA256 : AccountConfig.PASSWORD,
                hasPassword ? "give either password or password-sha256, not both" :
                "missing: give password (clear text, for demo accounts) or password-sha256 (64 hex digits)");
        }
        final boolean admin = entry.has(AccountConfig.ADMIN) && entry.bool(AccountConfig.ADMIN);
        final DropCopyScope dropCopy = entry.has(AccountConfig.DROP_COPY_FOR) ?
            entry.dropCopyScope(AccountConfig.DROP_COPY_FOR) : DropCopyScope.NONE;
        final String password = hasPassword ? entry.string(AccountConfig.PASSWORD, true) : null;
        final byte[] digest = hasPassword ? null : entry.sha256(AccountConfig.PASSWORD_SHA256);
        try
        {
            return hasPassword ? AccountConfig.fromPassword(id, name, password, admin, dropCopy) :
                new AccountConfig(id, name, digest, admin, dropCopy);
        }
        catch (final BadConfigException ex)
        {
            throw entry.locateRelative(ex);
        }
    }

    /**
     * @param origin where a value came from, or null.
     * @return {@code FILE: LINE} (the resource name for the built-in defaults), or null.
     */
    static String describe(final ConfigOrigin origin)
    {
        if (origin == null)
        {
            return null;
        }
        final String where = origin.resource() != null ? origin.resource() :
            origin.filename() != null ? origin.filename() :
            origin.url() != null ? origin.url().toString() : null;
        if (where == null)
        {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? where + ": " + origin.lineNumber() : where;
    }

    /**
     * @param root the whole configuration.
     * @param key  a full key such as {@code matchpoint.instruments[1].symbol}.
     * @return the origin of the value at {@code key}, or of the closest enclosing value there is; null if none.
     */
    static ConfigOrigin originOf(final ConfigObject root, final String key)
    {
        ConfigValue value = root;
        for (final String segment : key.split("\\."))
        {
            final int bracket = segment.indexOf('[');
            final String name = bracket < 0 ? segment : segment.substring(0, bracket);
            final ConfigValue child = value instanceof ConfigObject object ? object.get(name) : null;
            if (child == null)
            {
                break;
            }
            value = child;
            if (bracket >= 0)
            {
                final int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                if (!(value instanceof ConfigList list) || index >= list.size())
                {
                    break;
                }
                value = list.get(index);
            }
        }
        return value == root ? null : value.origin();
    }

    /**
     * A block of the configuration being read, with its full key, turning every type problem into a
     * {@link BadConfigException} that names the key and its origin.
     */
    private static final class Section
    {
        private final ConfigObject object;
        private final String path;

        Section(final ConfigObject object, final String path)
        {
            this.object = object;
            this.path = path;
        }

        String key(final String name)
        {
            return path == null ? name : path + "." + name;
        }

        BadConfigException error(final String name, final String problem)
        {
            final ConfigValue value = object.get(name);
            return new BadConfigException(
                key(name), problem, describe(value != null ? value.origin() : object.origin()));
        }

        /** Adds the origin to a problem whose key is already full. */
        BadConfigException locate(final BadConfigException ex)
        {
            if (ex.origin() != null || ex.key() == null || !ex.key().startsWith(path + "."))
            {
                return ex;
            }
            final ConfigValue value = object.get(ex.key().substring(path.length() + 1));
            return ex.at(describe(value != null ? value.origin() : object.origin()));
        }

        /** Makes a key relative to this entry full and adds its origin. */
        BadConfigException locateRelative(final BadConfigException ex)
        {
            final ConfigValue value = ex.key() == null ? null : object.get(ex.key());
            return ex.under(path, describe(value != null ? value.origin() : object.origin()));
        }

        void allowOnly(final String... names)
        {
            final List<String> known = Arrays.asList(names);
            for (final String name : object.keySet())
            {
                if (!known.contains(name))
                {
                    throw error(name, path == null ?
                        "unknown top-level key: every setting goes in the matchpoint { ... } block" :
                        "unknown key (known here: " + String.join(", ", known) + ")");
                }
            }
        }

        boolean has(final String name)
        {
            final ConfigValue value = object.get(name);
            return value != null && value.valueType() != ConfigValueType.NULL;
        }

        ConfigValue value(final String name)
        {
            if (!has(name))
            {
                throw error(name, "missing");
            }
            return object.get(name);
        }

        Section section(final String name)
        {
            final ConfigValue value = value(name);
            if (!(value instanceof ConfigObject child))
            {
                throw error(name, "must be a block { ... }, got " + show(value));
            }
            return new Section(child, key(name));
        }

        List<Section> entries(final String name)
        {
            final ConfigValue value = value(name);
            if (!(value instanceof ConfigList list))
            {
                throw error(name, "must be a list [ { ... } ... ], got " + show(value));
            }
            final List<Section> entries = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++)
            {
                final String entryKey = key(name) + "[" + i + "]";
                if (!(list.get(i) instanceof ConfigObject entry))
                {
                    throw new BadConfigException(
                        entryKey, "must be a block { ... }, got " + show(list.get(i)),
                        describe(list.get(i).origin()));
                }
                entries.add(new Section(entry, entryKey));
            }
            return entries;
        }

        List<Integer> intList(final String name)
        {
            final ConfigValue value = value(name);
            if (!(value instanceof ConfigList list))
            {
                throw error(name, "must be a list of whole numbers [ 2, 3, ... ], got " + show(value));
            }
            final List<Integer> numbers = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++)
            {
                final Object number = list.get(i).unwrapped();
                if (!(number instanceof Integer))
                {
                    throw new BadConfigException(key(name) + "[" + i + "]",
                        "must be a whole number, got " + show(list.get(i)), describe(list.get(i).origin()));
                }
                numbers.add((Integer)number);
            }
            return numbers;
        }

        String string(final String name)
        {
            return string(name, false);
        }

        /** "all", or a list of account ids, at least one, each once. */
        DropCopyScope dropCopyScope(final String name)
        {
            final ConfigValue value = value(name);
            if (value.valueType() == ConfigValueType.STRING && "all".equals(value.unwrapped()))
            {
                return DropCopyScope.EVERY_ACCOUNT;
            }
            if (!(value instanceof ConfigList list) || list.isEmpty())
            {
                throw error(name, "must be \"all\" or a list of account ids [ 1, 2, ... ], got " + show(value));
            }
            final List<Long> ids = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++)
            {
                final Object number = list.get(i).unwrapped();
                if (!(number instanceof Integer || number instanceof Long) || ((Number)number).longValue() <= 0 ||
                    ids.contains(((Number)number).longValue()))
                {
                    throw new BadConfigException(key(name) + "[" + i + "]",
                        "must be an account id (a whole number above 0), each once, got " + show(list.get(i)),
                        describe(list.get(i).origin()));
                }
                ids.add(((Number)number).longValue());
            }
            return DropCopyScope.of(ids);
        }

        /** A string; a secret one is never echoed in an error. */
        String string(final String name, final boolean secret)
        {
            final ConfigValue value = value(name);
            if (value.valueType() != ConfigValueType.STRING)
            {
                throw error(name, "must be a string in quotes" + (secret ? "" : ", got " + show(value)));
            }
            return (String)value.unwrapped();
        }

        long longValue(final String name)
        {
            final ConfigValue value = value(name);
            final Object number = value.unwrapped();
            if (!(number instanceof Integer || number instanceof Long))
            {
                throw error(name, "must be a whole number, got " + show(value));
            }
            return ((Number)number).longValue();
        }

        int intValue(final String name)
        {
            final long value = longValue(name);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                throw error(name, "must be at most " + Integer.MAX_VALUE + ", got " + value);
            }
            return (int)value;
        }

        boolean bool(final String name)
        {
            final ConfigValue value = value(name);
            if (value.valueType() != ConfigValueType.BOOLEAN)
            {
                throw error(name, "must be true or false, got " + show(value));
            }
            return (Boolean)value.unwrapped();
        }

        /** A decimal price, quoted ("0.01") or not (0.01, read as written, never through a double). */
        long price(final String name, final int decimals)
        {
            final ConfigValue value = value(name);
            final String text;
            if (value.valueType() == ConfigValueType.STRING)
            {
                text = (String)value.unwrapped();
            }
            else if (value.valueType() == ConfigValueType.NUMBER)
            {
                text = value.render(ConfigRenderOptions.concise());
            }
            else
            {
                throw error(name, "must be a decimal string such as \"0.01\", got " + show(value));
            }
            try
            {
                return PriceText.parse(text, decimals);
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(name, ex.getMessage() + " (price-decimals is " + decimals + ")");
            }
        }

        Path path(final String name)
        {
            final String text = string(name);
            try
            {
                return Path.of(text);
            }
            catch (final InvalidPathException ex)
            {
                throw error(name, "not a valid path: " + ex.getMessage());
            }
        }

        ThreadingMode threading(final String name)
        {
            final String text = string(name);
            if (text.equals(ServerConfig.THREADING_AUTO))
            {
                return null;
            }
            try
            {
                return ThreadingMode.fromCliName(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(name, ex.getMessage() + " (or " + ServerConfig.THREADING_AUTO + ")");
            }
        }

        Profile profile(final String name)
        {
            try
            {
                return Profile.fromCliName(string(name));
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(name, ex.getMessage());
            }
        }

        byte[] sha256(final String name)
        {
            final String hex = string(name, true);
            if (hex.length() != 2 * AccountConfig.DIGEST_LENGTH)
            {
                throw error(
                    name, "must be " + 2 * AccountConfig.DIGEST_LENGTH + " hex digits (a SHA-256), got " +
                    hex.length() + " characters");
            }
            try
            {
                return HexFormat.of().parseHex(hex);
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(name, "must be " + 2 * AccountConfig.DIGEST_LENGTH + " hex digits (a SHA-256)");
            }
        }

        private static String show(final ConfigValue value)
        {
            final String kind = value.valueType().name().toLowerCase(Locale.ROOT);
            return value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST ?
                "a " + (value.valueType() == ConfigValueType.OBJECT ? "block" : "list") :
                kind + " " + value.render(ConfigRenderOptions.concise());
        }
    }
}
