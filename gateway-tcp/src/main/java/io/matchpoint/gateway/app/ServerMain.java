package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import io.matchpoint.client.PriceText;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.feed.MarketDataMedia;
import io.matchpoint.feed.MarketDataPublisher;
import io.matchpoint.gateway.cli.VersionProvider;
import io.matchpoint.gateway.config.AccountConfig;
import io.matchpoint.gateway.config.CapacityConfig;
import io.matchpoint.gateway.config.CpuList;
import io.matchpoint.gateway.config.CpuPlan;
import io.matchpoint.gateway.config.InstrumentConfig;
import io.matchpoint.gateway.config.MarketDataConfig;
import io.matchpoint.gateway.config.Profile;
import io.matchpoint.gateway.config.ServerConfig;
import io.matchpoint.gateway.config.SessionConfig;
import io.matchpoint.gateway.server.GatewayContext;
import io.matchpoint.gateway.server.GatewayServer;
import io.matchpoint.gateway.server.JournalOptions;
import io.matchpoint.gateway.server.MonotonicEpochClock;
import io.matchpoint.gateway.server.SelectingIdleStrategy;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.JournalUnavailableException;
import io.matchpoint.journal.Recovery;

/**
 * {@code matchpoint server}: builds the engine and gateway from the configuration, defines the instruments through
 * the command path, prints one start-up banner and runs until Ctrl-C or SIGTERM, then ends every session (so
 * cancel-on-disconnect applies), drains the rings and stops.
 */
public final class ServerMain
{
    /** A restart replays at most about this much of the journal after the newest snapshot. */
    static final long SNAPSHOT_INTERVAL_MINUTES = 10;

    private ServerMain()
    {
    }

    /**
     * Runs the server until the JVM is asked to stop.
     *
     * @param config the loaded configuration.
     * @param out    where the banner and the shutdown line go.
     * @return the exit code.
     * @throws IOException if the port cannot be bound or the data directory made.
     * @throws InterruptedException if interrupted while running.
     */
    public static int run(final ServerConfig config, final PrintStream out) throws IOException, InterruptedException
    {
        final ThreadPinning pinning;
        try
        {
            pinning = pinning(config);
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("matchpoint server: refused: " + ex.getMessage());
            return 1;
        }
        final GatewayServer server = start(config, pinning);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread shutdown = new Thread(() ->
        {
            out.println("matchpoint: stopping (sessions end with SERVER_SHUTDOWN; cancel-on-disconnect applies)");
            server.close();
            out.printf("matchpoint: stopped after %d commands, last command %,d, state digest %016x%n",
                server.matcher().commandCount(), server.matcher().lastSequence(), server.matcher().engine().digest());
            out.flush();
            stopped.countDown();
        }, "matchpoint-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.print(banner(config, server, pinning == null ? null : pinning.await()));
        if (Boolean.getBoolean(EchoEndpoint.PROPERTY))
        {
            final EchoEndpoint echo = new EchoEndpoint(config.host(), config.profile() == Profile.LOW_LATENCY);
            out.println("matchpoint: bench echo listening on " + echo.localAddress().getHostString() + ":" +
                echo.localAddress().getPort() + " (raw TCP, the bench's baseline)");
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Starts a server for the configuration (used by {@link #run} and by tests that need a real server in-process).
     *
     * @param config the configuration.
     * @return the started server.
     * @throws IOException if the port cannot be bound or the data directory made.
     */
    public static GatewayServer start(final ServerConfig config) throws IOException
    {
        return start(config, pinning(config));
    }

    /**
     * @return the pinning of the low-latency profile's hot threads, null for the default profile (no pinning).
     * @throws IllegalStateException with the reason and the fix, when this host cannot give each hot thread a CPU.
     */
    static ThreadPinning pinning(final ServerConfig config)
    {
        if (config.profile() != Profile.LOW_LATENCY)
        {
            return null;
        }
        return new ThreadPinning(CpuPlan.choose(config.cpus(), ThreadPinning.allowedCpus(), isolatedCpus()));
    }

    private static BitSet isolatedCpus()
    {
        try
        {
            return CpuList.parse(Files.readString(Path.of("/sys/devices/system/cpu/isolated")));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return new BitSet();
        }
    }

    private static GatewayServer start(final ServerConfig config, final ThreadPinning pinning) throws IOException
    {
        Files.createDirectories(config.dataDirectory());
        final boolean lowLatency = config.profile() == Profile.LOW_LATENCY;
        final CapacityConfig capacity = config.capacity();
        final SessionConfig sessions = config.sessions();
        final Consumer<String> onThreadStart = pinning == null ? role -> { } : pinning;
        final ErrorHandler errorHandler = error ->
        {
            System.err.println("matchpoint: " + (error instanceof JournalUnavailableException ?
                "JOURNAL: " + error.getMessage() : "handler error (the handler carries on): " + error));
            if (error.getCause() != null)
            {
                error.getCause().printStackTrace();
            }
        };
        final PipelineContext pipeline = new PipelineContext()
            .engineConfig(capacity.engineConfig())
            .inboundRingSize(capacity.inboundRingSize())
            .outboundRingSize(capacity.outboundRingSize())
            .threadingMode(threadingMode(config))
            // default: Agrona's back-off (a few spins and yields, then parks of 1 µs doubling to 1 ms); a shared
            // thread waits in the gateway's select instead (GatewayServer)
            .idleStrategies(lowLatency ? thread -> new BusySpinIdleStrategy() : thread -> new BackoffIdleStrategy())
            .onThreadStart(onThreadStart)
            .errorHandler(errorHandler);
        final GatewayContext gateway = new GatewayContext()
            .bindAddress(new InetSocketAddress(config.host(), config.port()))
            .maxSessions(capacity.maxSessions())
            .maxSessionsPerAccount(sessions.maxSessionsPerAccount())
            .maxAccountId(capacity.maxAccounts())
            .sessionOutboundBufferBytes(capacity.sessionOutboundBufferBytes())
            .throttleMessages(sessions.throttleMessages())
            .throttleWindowNs(TimeUnit.MILLISECONDS.toNanos(sessions.throttleWindowMs()))
            .throttleRejectsBeforeClose(sessions.throttleRejectsBeforeClose())
            .accountThrottleMessages(sessions.accountThrottleMessages())
            .addressThrottleMessages(sessions.addressThrottleMessages())
            .logonsPerAddress(sessions.logonsPerAddress())
            .logonsPerAccount(sessions.logonsPerAccount())
            .logonRateWindowNs(TimeUnit.MILLISECONDS.toNanos(sessions.logonRateWindowMs()))
            .logonFailuresBeforeLockout(sessions.logonFailuresBeforeLockout())
            .logonFailureWindowNs(TimeUnit.MILLISECONDS.toNanos(sessions.logonFailureWindowMs()))
            .lockoutNs(TimeUnit.MILLISECONDS.toNanos(sessions.lockoutMs()))
            .logonTimeoutNs(TimeUnit.MILLISECONDS.toNanos(sessions.logonTimeoutMs()))
            .minHeartbeatIntervalMs(sessions.minHeartbeatIntervalMs())
            .maxHeartbeatIntervalMs(sessions.maxHeartbeatIntervalMs())
            .busySpin(lowLatency)
            .snapshotIntervalNs(TimeUnit.MINUTES.toNanos(SNAPSHOT_INTERVAL_MINUTES))
            .accounts(new ConfiguredAccounts(config.accounts()));

        final MarketDataMedia marketData = marketData(config, lowLatency, errorHandler);
        final MarketDataPublisher publisher = marketData == null ? null : new MarketDataPublisher(
            marketData.incremental(), marketData.orders(), marketData.snapshot(), new MonotonicEpochClock(),
            new SystemNanoClock(), TimeUnit.MILLISECONDS.toNanos(config.marketData().snapshotIntervalMs()),
            capacity.engineConfig().copy().conclude());
        final GatewayServer server;
        try
        {
            if (publisher != null)
            {
                pipeline.marketData(publisher);
            }
            server = new GatewayServer(gateway, pipeline, new JournalOptions(
                new JournalDirectory(config.dataDirectory()), line -> System.out.println("matchpoint: " + line),
                JournalFaultInjector.NONE));
        }
        catch (final IOException | RuntimeException ex)
        {
            org.agrona.CloseHelper.quietClose(marketData);
            throw ex;
        }
        if (marketData != null)
        {
            server.closeAfter(marketData);
            publisher.seed(server.matcher().service()); // the recovered books, before the agent runs
        }
        try
        {
            for (final InstrumentConfig instrument : config.instruments())
            {
                server.defineInstrument(instrument.id(), instrument.symbol(), instrument.priceDecimals(),
                    instrument.tickSize(), instrument.lotSize(), instrument.minQuantity(), instrument.maxQuantity(),
                    instrument.lowPrice(), instrument.highPrice());
                if (instrument.collarTicks() != InstrumentConfig.NOT_CONFIGURED)
                {
                    server.setPriceCollar(instrument.id(), instrument.collarTicks(), instrument.collarBasisPoints());
                }
            }
            for (final io.matchpoint.gateway.config.RiskLimitsConfig limits : config.riskLimits())
            {
                server.setRiskLimits(limits.accountId(), limits.maxOrderQuantity(), limits.maxOrderNotional(),
                    limits.maxOpenOrders(), limits.instrumentCredit(), limits.totalCredit(), limits.positionLimit());
            }
            for (final AccountConfig account : config.accounts())
            {
                if (account.dropCopy().everyAccount())
                {
                    server.grantDropCopy(account.id(), 0);
                }
                for (final long watched : account.dropCopy().accounts())
                {
                    server.grantDropCopy(account.id(), watched);
                }
            }
            server.start();
            return server;
        }
        catch (final RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    /**
     * Starts the feed's transport when the configuration asks for the feed, and says where it is in the data
     * directory's {@link MarketDataEndpoint} file.
     *
     * @return the transport, or null when the feed is off.
     */
    private static MarketDataMedia marketData(
        final ServerConfig config, final boolean lowLatency, final ErrorHandler errorHandler) throws IOException
    {
        final MarketDataConfig settings = config.marketData();
        if (!settings.enabled())
        {
            return null;
        }
        final MarketDataMedia media = MarketDataMedia.launch(
            config.dataDirectory().resolve("aeron").toFile(), settings.embedded() ? null : settings.mediaDriver(),
            settings.channel(), settings.incrementalStreamId(), settings.ordersStreamId(), settings.snapshotStreamId(),
            settings.termLengthBytes(), lowLatency, errorHandler);
        try
        {
            new MarketDataEndpoint(media.channel(), settings.incrementalStreamId(), settings.ordersStreamId(),
                settings.snapshotStreamId(), media.aeronDirectory()).write(config.dataDirectory());
            return media;
        }
        catch (final IOException | RuntimeException ex)
        {
            media.close();
            throw ex;
        }
    }

    /**
     * @return the banner's market data line: where the feed is published (as the data directory's file says), or
     * that it is off.
     */
    private static String marketDataLine(final ServerConfig config)
    {
        if (!config.marketData().enabled())
        {
            return "off (matchpoint.market-data.enabled = false)";
        }
        try
        {
            final MarketDataEndpoint endpoint = MarketDataEndpoint.read(config.dataDirectory());
            return endpoint.channel() + " streams " + endpoint.incrementalStreamId() + " (incremental: levels, " +
                "trades), " + endpoint.ordersStreamId() + " (orders), " + endpoint.snapshotStreamId() +
                " (snapshots every " + config.marketData().snapshotIntervalMs() + " ms); media driver " +
                (config.marketData().embedded() ? "embedded in " : "at ") + endpoint.aeronDirectory() +
                "; subscribe: ./matchpoint md --data " + config.dataDirectory();
        }
        catch (final IOException | RuntimeException ex)
        {
            return "on, but " + MarketDataEndpoint.FILE_NAME + " cannot be read: " + ex.getMessage();
        }
    }

    /**
     * @return the configured threading mode, or the one {@link ThreadingMode#choose} picks for this process's CPUs.
     */
    static ThreadingMode threadingMode(final ServerConfig config)
    {
        return config.threading() != null ? config.threading() :
            ThreadingMode.choose(Runtime.getRuntime().availableProcessors(), config.profile() == Profile.LOW_LATENCY);
    }

    /**
     * @return why the server runs the threading mode it runs, for the banner.
     */
    static String threadingReason(final ServerConfig config)
    {
        if (config.threading() != null)
        {
            return "configured";
        }
        if (config.profile() == Profile.LOW_LATENCY)
        {
            return "chosen: the low-latency profile pins a thread per agent";
        }
        return "chosen: " + Runtime.getRuntime().availableProcessors() + " CPUs available to this process " +
            "(shared on 1-2, shared-io on 3 or more)";
    }

    static String banner(final ServerConfig config, final GatewayServer server)
    {
        return banner(config, server, null);
    }

    /**
     * @param pinned where each hot thread runs (low-latency profile), null when nothing is pinned.
     */
    static String banner(final ServerConfig config, final GatewayServer server, final String pinned)
    {
        final boolean lowLatency = config.profile() == Profile.LOW_LATENCY;
        final CapacityConfig capacity = config.capacity();
        final InetSocketAddress address = server.localAddress();
        final StringBuilder text = new StringBuilder();
        text.append(new VersionProvider().getVersion()[0]).append(" listening on ")
            .append(address.getHostString()).append(':').append(address.getPort())
            .append(" (SBE over TCP, SOFH framing, schema ").append(MessageHeaderEncoder.SCHEMA_ID)
            .append(" v").append(MessageHeaderEncoder.SCHEMA_VERSION).append(")\n");
        final ThreadingMode mode = server.pipeline().host().mode();
        text.append("  profile      ").append(config.profile().cliName()).append(lowLatency ?
            ": every thread busy-spins (BusySpinIdleStrategy)\n" +
            "  pinned       " + (pinned == null ? "not pinned" : pinned) + "\n" :
            ": idle threads back off (" + (mode == ThreadingMode.SHARED ?
            "spin, yield, then wait in the gateway's select for up to " +
                SelectingIdleStrategy.MAX_WAIT_MS + " ms" :
            "BackoffIdleStrategy: spin, yield, then park 1 µs doubling to 1 ms") + "); no pinning" +
            (config.cpus().isEmpty() ? "" : " (the cpus setting applies to low-latency only)") + "\n");
        text.append("  threading    ").append(mode.cliName()).append(" (").append(threadingReason(config))
            .append("): ").append(server.pipeline().host().describe()).append('\n');
        text.append("  capacity     orders ").append(capacity.maxOrders())
            .append(", price levels ").append(capacity.maxPriceLevels())
            .append(", instruments ").append(capacity.maxInstruments())
            .append(", accounts ").append(capacity.maxAccounts())
            .append(", sessions ").append(capacity.maxSessions())
            .append(", rings ").append(capacity.inboundRingSize()).append('/').append(capacity.outboundRingSize())
            .append('\n');
        text.append("  data         ").append(config.dataDirectory().toAbsolutePath())
            .append(" (commands/ and events/: Chronicle Queue, one file a day; snapshots/ every ")
            .append(SNAPSHOT_INTERVAL_MINUTES).append(" min and at a clean stop)\n");
        text.append("  market data  ").append(marketDataLine(config)).append('\n');
        final Recovery.Report recovery = server.recovery();
        if (recovery != null)
        {
            text.append("  recovery     ").append(recovery.summary()).append('\n');
            if (server.sessionsClosedAtRestart() > 0)
            {
                text.append("               ").append(server.sessionsClosedAtRestart()).append(" sessions the " +
                    "last run left open (it stopped without ending them) ended now: SERVER_RESTART, " +
                    "cancel-on-disconnect applied where asked\n");
            }
        }
        text.append("  instruments\n");
        for (final InstrumentConfig instrument : config.instruments())
        {
            text.append(String.format("    %-8s id %-3d tick %s  lot %d  qty %d..%d  band %s..%s%n",
                instrument.symbol(), instrument.id(),
                PriceText.format(instrument.tickSize(), instrument.priceDecimals()), instrument.lotSize(),
                instrument.minQuantity(), instrument.maxQuantity(),
                PriceText.format(instrument.lowPrice(), instrument.priceDecimals()),
                PriceText.format(instrument.highPrice(), instrument.priceDecimals())));
        }
        text.append("  accounts\n");
        for (final AccountConfig account : config.accounts())
        {
            final String demoPassword = account.name() + "-demo";
            final boolean isDemo = account.matches(demoPassword);
            text.append(String.format("    %-10s id %-4d%s%s%n", account.name(), account.id(),
                account.admin() ? " admin" : "",
                isDemo ? "  demo: ./matchpoint " + (account.admin() ? "admin --account " + account.name() +
                " --password " + demoPassword + " halt SYMBOL" : "client --account " + account.name() +
                " --password " + demoPassword) : ""));
        }
        text.append("Ready. Ctrl-C stops the server.\n");
        return text.toString();
    }
}
