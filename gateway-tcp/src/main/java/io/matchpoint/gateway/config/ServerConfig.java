package io.matchpoint.gateway.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * Everything the server needs to start (the {@code matchpoint} block of a configuration file), checked as a whole
 * when built: each part checks itself, and this record checks what crosses parts. Immutable: the lists are
 * unmodifiable copies, and the {@code with...} methods return a checked copy with one value changed (the
 * command-line overrides).
 * <p>
 * Made by {@link ServerConfigLoader}; see {@code matchpoint-default.conf} for every key's meaning and limits.
 *
 * @param host          address the gateway listens on.
 * @param port          TCP port, 0..65535; 0 picks a free port.
 * @param dataDirectory where the journal lives; relative to the working directory unless absolute.
 * @param profile       threading profile.
 * @param cpus          the CPUs of the low-latency profile's hot threads, in the order of {@link CpuPlan#ROLES}:
 *                      four distinct CPU numbers, or empty to let the server choose; only with that profile.
 * @param threading     how the agents are placed on threads; null to let the server choose from its CPUs
 *                      ({@link ThreadingMode#choose}). Never {@code invoker} (a server needs threads), and
 *                      {@code dedicated} with the low-latency profile, which pins one thread per agent.
 * @param capacity      preallocated capacity.
 * @param sessions      session rules.
 * @param instruments   instruments defined at start-up, at most {@link CapacityConfig#maxInstruments()}, with
 *                      unique ids and symbols, each band spanning fewer than {@link CapacityConfig#ticksPerBook()}
 *                      ticks and each maximum quantity at most {@link #maxQuantityLimit(int)}.
 * @param accounts      accounts that may log on, with unique ids below {@link CapacityConfig#maxAccounts()} and
 *                      unique names.
 * @param riskLimits    risk limits set at start-up: the defaults at most once, and each configured account at most
 *                      once.
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDirectory,
    Profile profile,
    List<Integer> cpus,
    ThreadingMode threading,
    CapacityConfig capacity,
    SessionConfig sessions,
    MarketDataConfig marketData,
    List<InstrumentConfig> instruments,
    List<AccountConfig> accounts,
    List<RiskLimitsConfig> riskLimits)
{
    /** The top-level key that holds every setting. */
    public static final String PATH = "matchpoint";
    /** Highest TCP port. */
    public static final int MAX_PORT = 65535;

    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATA_DIRECTORY = "data-directory";
    static final String PROFILE = "profile";
    static final String CPUS = "cpus";
    static final String THREADING = "threading";
    /** The value of {@link #THREADING} that lets the server choose. */
    public static final String THREADING_AUTO = "auto";
    static final String CAPACITY = "capacity";
    static final String SESSIONS = "sessions";
    static final String MARKET_DATA = "market-data";
    static final String INSTRUMENTS = "instruments";
    static final String ACCOUNTS = "accounts";
    static final String RISK_LIMITS = "risk-limits";

    /**
     * Checks the configuration as a whole and copies the lists (which must not hold nulls).
     *
     * @throws BadConfigException naming the first bad key by its full path, e.g.
     *                            {@code matchpoint.instruments[1].symbol}.
     */
    public ServerConfig
    {
        Checks.present(key(HOST), host);
        if (host.isBlank() || !host.strip().equals(host))
        {
            throw new BadConfigException(key(HOST), "must be a host name or address, got \"" + host + "\"");
        }
        Checks.inRange(key(PORT), port, 0, MAX_PORT);
        Checks.present(key(DATA_DIRECTORY), dataDirectory);
        if (dataDirectory.toString().isEmpty())
        {
            throw new BadConfigException(key(DATA_DIRECTORY), "must not be empty");
        }
        Checks.present(key(PROFILE), profile);
        cpus = List.copyOf(Checks.present(key(CPUS), cpus));
        CpuPlan.checkConfigured(key(CPUS), cpus);
        if (threading == ThreadingMode.INVOKER)
        {
            throw new BadConfigException(key(THREADING), "invoker runs no threads (it is for tests and tools): a " +
                "server needs dedicated, shared-io, shared or " + THREADING_AUTO);
        }
        if (profile == Profile.LOW_LATENCY && threading != null && threading != ThreadingMode.DEDICATED)
        {
            throw new BadConfigException(key(THREADING), "the low-latency profile pins one busy-spinning thread per " +
                "agent, so it runs dedicated; got " + threading.cliName() + " (use the default profile for it)");
        }
        Checks.present(key(CAPACITY), capacity);
        Checks.present(key(SESSIONS), sessions);
        Checks.present(key(MARKET_DATA), marketData);
        instruments = List.copyOf(Checks.present(key(INSTRUMENTS), instruments));
        accounts = List.copyOf(Checks.present(key(ACCOUNTS), accounts));

        if (sessions.maxSessionsPerAccount() > capacity.maxSessions())
        {
            throw new BadConfigException(
                SessionConfig.key(SessionConfig.MAX_SESSIONS_PER_ACCOUNT),
                "must be at most " + CapacityConfig.key(CapacityConfig.MAX_SESSIONS_KEY) + " (" +
                capacity.maxSessions() + "), got " + sessions.maxSessionsPerAccount());
        }
        checkInstruments(instruments, capacity);
        checkAccounts(accounts, capacity);
        riskLimits = List.copyOf(Checks.present(key(RISK_LIMITS), riskLimits));
        checkRiskLimits(riskLimits, accounts);
    }

    private static void checkRiskLimits(final List<RiskLimitsConfig> riskLimits, final List<AccountConfig> accounts)
    {
        final Map<Long, Integer> indexByAccount = new HashMap<>();
        for (int i = 0; i < riskLimits.size(); i++)
        {
            final long accountId = riskLimits.get(i).accountId();
            final String key = entryKey(RISK_LIMITS, i) + "." + RiskLimitsConfig.ACCOUNT;
            if (!riskLimits.get(i).isDefaults() && accounts.stream().noneMatch(account -> account.id() == accountId))
            {
                throw new BadConfigException(key, "no account has id " + accountId);
            }
            final Integer same = indexByAccount.putIfAbsent(accountId, i);
            if (same != null)
            {
                throw new BadConfigException(key, (riskLimits.get(i).isDefaults() ? "the defaults" :
                    "account " + accountId) + " already has limits in " + entryKey(RISK_LIMITS, same));
            }
        }
    }

    /**
     * @param port the TCP port to listen on instead, 0..65535.
     * @return a copy with that port.
     * @throws BadConfigException when the port is out of range.
     */
    public ServerConfig withPort(final int port)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * @param dataDirectory the data directory to use instead.
     * @return a copy with that data directory.
     */
    public ServerConfig withDataDirectory(final Path dataDirectory)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * @param profile the threading profile to use instead.
     * @return a copy with that profile.
     */
    public ServerConfig withProfile(final Profile profile)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * @param threading the threading mode to use instead, null to let the server choose.
     * @return a copy with that mode.
     * @throws BadConfigException when it is {@code invoker}, or not dedicated with the low-latency profile.
     */
    public ServerConfig withThreading(final ThreadingMode threading)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * @param cpus the hot threads' CPUs to use instead, in the order of {@link CpuPlan#ROLES} (empty: the server
     *             chooses).
     * @return a copy with those CPUs.
     * @throws BadConfigException when they are not four distinct CPU numbers, or the profile is not low-latency.
     */
    public ServerConfig withCpus(final List<Integer> cpus)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * @param marketData the market data settings to use instead.
     * @return a copy with those settings.
     */
    public ServerConfig withMarketData(final MarketDataConfig marketData)
    {
        return new ServerConfig(
            host, port, dataDirectory, profile, cpus, threading, capacity, sessions, marketData, instruments, accounts,
            riskLimits);
    }

    /**
     * The largest maximum quantity an instrument may have, so that no sum of resting quantities overflows a
     * {@code long} (the engine's own limit).
     *
     * @param maxOrders the order capacity.
     * @return {@code Long.MAX_VALUE / maxOrders}.
     */
    public static long maxQuantityLimit(final int maxOrders)
    {
        return Long.MAX_VALUE / maxOrders;
    }

    /**
     * @return a few lines for a person: where the server listens, its profile, capacity, instruments and accounts
     * (names only, never passwords). Each line ends with a line separator.
     */
    public String summary()
    {
        final String nl = System.lineSeparator();
        final StringBuilder text = new StringBuilder(512);
        text.append("listen:      ").append(host).append(':').append(port).append(nl);
        text.append("data:        ").append(dataDirectory).append(nl);
        text.append("profile:     ").append(profile.cliName()).append(nl);
        text.append("threading:   ").append(threading == null ? THREADING_AUTO : threading.cliName()).append(nl);
        text.append("engine:      ").append(capacity.maxOrders()).append(" orders, ")
            .append(capacity.maxPriceLevels()).append(" price levels, ")
            .append(capacity.maxInstruments()).append(" instruments, ")
            .append(capacity.maxAccounts()).append(" accounts, ")
            .append(capacity.ticksPerBook()).append(" ticks per book").append(nl);
        text.append("gateway:     ").append(capacity.maxSessions()).append(" sessions (")
            .append(sessions.maxSessionsPerAccount()).append(" per account), rings ")
            .append(capacity.inboundRingSize()).append(" in / ").append(capacity.outboundRingSize()).append(" out, ")
            .append(capacity.sessionOutboundBufferBytes()).append(" bytes per session").append(nl);
        for (final InstrumentConfig instrument : instruments)
        {
            text.append("instrument:  ").append(instrument.symbol()).append(" (id ").append(instrument.id())
                .append(") tick ").append(instrument.formatPrice(instrument.tickSize()))
                .append(", lot ").append(instrument.lotSize())
                .append(", quantity ").append(instrument.minQuantity()).append("..").append(instrument.maxQuantity())
                .append(", band ").append(instrument.formatPrice(instrument.lowPrice())).append("..")
                .append(instrument.formatPrice(instrument.highPrice())).append(nl);
        }
        for (final AccountConfig account : accounts)
        {
            text.append("account:     ").append(account.name()).append(" (id ").append(account.id())
                .append(account.admin() ? ", admin" : "")
                .append(account.dropCopy().isDropCopy() ? ", drop copy of " + account.dropCopy() : "")
                .append(")").append(nl);
        }
        return text.toString();
    }

    static String key(final String name)
    {
        return PATH + "." + name;
    }

    static String entryKey(final String list, final int index)
    {
        return PATH + "." + list + "[" + index + "]";
    }

    private static void checkInstruments(final List<InstrumentConfig> instruments, final CapacityConfig capacity)
    {
        if (instruments.size() > capacity.maxInstruments())
        {
            throw new BadConfigException(
                key(INSTRUMENTS),
                "lists " + instruments.size() + " instruments, more than " +
                CapacityConfig.key(CapacityConfig.MAX_INSTRUMENTS) + " (" + capacity.maxInstruments() + ")");
        }
        final long maxQuantityLimit = maxQuantityLimit(capacity.maxOrders());
        final Map<Integer, Integer> indexById = new HashMap<>();
        final Map<String, Integer> indexBySymbol = new HashMap<>();
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentConfig instrument = instruments.get(i);
            final String entry = entryKey(INSTRUMENTS, i) + ".";
            final Integer sameId = indexById.putIfAbsent(instrument.id(), i);
            if (sameId != null)
            {
                throw new BadConfigException(
                    entry + InstrumentConfig.ID,
                    "duplicate id " + instrument.id() + ", already used by " + entryKey(INSTRUMENTS, sameId));
            }
            final Integer sameSymbol = indexBySymbol.putIfAbsent(instrument.symbol(), i);
            if (sameSymbol != null)
            {
                throw new BadConfigException(
                    entry + InstrumentConfig.SYMBOL,
                    "duplicate symbol " + instrument.symbol() + ", already used by " +
                    entryKey(INSTRUMENTS, sameSymbol));
            }
            if (instrument.bandTicks() >= capacity.ticksPerBook())
            {
                throw new BadConfigException(
                    entry + InstrumentConfig.HIGH_PRICE,
                    "the band " + instrument.formatPrice(instrument.lowPrice()) + ".." +
                    instrument.formatPrice(instrument.highPrice()) + " spans " + instrument.bandTicks() +
                    " ticks of " + instrument.formatPrice(instrument.tickSize()) + "; it must span fewer than " +
                    CapacityConfig.key(CapacityConfig.TICKS_PER_BOOK) + " (" + capacity.ticksPerBook() + ")");
            }
            if (instrument.maxQuantity() > maxQuantityLimit)
            {
                throw new BadConfigException(
                    entry + InstrumentConfig.MAX_QUANTITY,
                    "must be at most " + maxQuantityLimit + " (the largest long divided by " +
                    CapacityConfig.key(CapacityConfig.MAX_ORDERS) + ", so that no sum of quantities overflows), got " +
                    instrument.maxQuantity());
            }
        }
    }

    private static void checkAccounts(final List<AccountConfig> accounts, final CapacityConfig capacity)
    {
        final Map<Long, Integer> indexById = new HashMap<>();
        final Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++)
        {
            final AccountConfig account = accounts.get(i);
            final String entry = entryKey(ACCOUNTS, i) + ".";
            if (account.id() >= capacity.maxAccounts())
            {
                throw new BadConfigException(
                    entry + AccountConfig.ID,
                    "must be below " + CapacityConfig.key(CapacityConfig.MAX_ACCOUNTS) + " (" +
                    capacity.maxAccounts() + "), got " + account.id());
            }
            final Integer sameId = indexById.putIfAbsent(account.id(), i);
            if (sameId != null)
            {
                throw new BadConfigException(
                    entry + AccountConfig.ID,
                    "duplicate id " + account.id() + ", already used by " + entryKey(ACCOUNTS, sameId));
            }
            final Integer sameName = indexByName.putIfAbsent(account.name(), i);
            if (sameName != null)
            {
                throw new BadConfigException(
                    entry + AccountConfig.NAME,
                    "duplicate name " + account.name() + ", already used by " + entryKey(ACCOUNTS, sameName));
            }
        }
        for (int i = 0; i < accounts.size(); i++)
        {
            final List<Long> watched = accounts.get(i).dropCopy().accounts();
            for (int j = 0; j < watched.size(); j++)
            {
                final Integer index = indexById.get(watched.get(j));
                if (index == null || accounts.get(index).dropCopy().isDropCopy())
                {
                    throw new BadConfigException(
                        entryKey(ACCOUNTS, i) + "." + AccountConfig.DROP_COPY_FOR + "[" + j + "]",
                        (index == null ? "no account has id " : "a drop copy account has no reports of its own: ") +
                        watched.get(j));
                }
            }
        }
    }
}
