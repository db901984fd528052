package io.matchpoint.perf.xcore;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.ReportsQueriesConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import io.matchpoint.perf.support.tape.TapeHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;

/**
 * One exchange-core 0.5.3 instance, configured through its public configuration classes and set up for a tape: one
 * symbol per tape instrument, one user per tape account.
 * <ul>
 *     <li>Orders processing: {@code NO_RISK_PROCESSING}, margin trading off. Matchpoint has no balances or risk
 *     checks, so neither side pays for them; exchange-core still runs its risk stages (R1 checks the user and symbol
 *     exist, R2 settles the trades into balances that may go negative).</li>
 *     <li>Symbols: {@code CURRENCY_EXCHANGE_PAIR}, base currency {@code 1000 + instrument}, quote currency
 *     {@value #QUOTE_CURRENCY}, both scales 1 (a lot is one base unit, a price unit one quote unit: the tape's lots and
 *     prices are passed through unchanged), no fees. Symbol id = instrument index + 1. A futures symbol would need
 *     position records that only risk processing creates.</li>
 *     <li>Users: uid = account index + 1, added with {@code ApiAddUser}; no balances (no risk processing).</li>
 *     <li>Performance: {@code latencyPerformanceBuilder()} or {@code throughputPerformanceBuilder()} for ring size
 *     and grouping, {@code OrderBookDirectImpl} (exchange-core's fast book, the one both presets use), the chosen
 *     wait strategy, and a plain thread factory (the presets' {@code AffinityThreadFactory} pins each thread to a
 *     core; pinning is left to the caller, as on Matchpoint's side).</li>
 *     <li>No journaling, no snapshots ({@code SerializationConfiguration.DEFAULT}), clean start, logging of
 *     warnings only.</li>
 * </ul>
 */
final class ExchangeCoreHarness implements AutoCloseable
{
    static final int QUOTE_CURRENCY = 1;
    static final int BASE_CURRENCY_OFFSET = 1000;
    private static final long SHUTDOWN_WAIT_MS = 15_000;

    private final ExchangeCore core;
    private final ExchangeApi api;
    private final PerformanceConfiguration performance;

    ExchangeCoreHarness(final LatencyOptions options, final ObjLongConsumer<OrderCommand> resultsConsumer)
    {
        performance = performance(options);
        final ExchangeConfiguration configuration = ExchangeConfiguration.builder()
            .ordersProcessingCfg(OrdersProcessingConfiguration.builder()
                .riskProcessingMode(OrdersProcessingConfiguration.RiskProcessingMode.NO_RISK_PROCESSING)
                .marginTradingMode(OrdersProcessingConfiguration.MarginTradingMode.MARGIN_TRADING_DISABLED)
                .build())
            .initStateCfg(InitialStateConfiguration.cleanStart("MP_BENCH"))
            .performanceCfg(performance)
            .reportsQueriesCfg(ReportsQueriesConfiguration.createStandardConfig())
            .loggingCfg(LoggingConfiguration.DEFAULT)
            .serializationCfg(SerializationConfiguration.DEFAULT)
            .build();
        core = ExchangeCore.builder()
            .resultsConsumer(resultsConsumer)
            .exchangeConfiguration(configuration)
            .build();
        core.startup();
        api = core.getApi();
    }

    private static PerformanceConfiguration performance(final LatencyOptions options)
    {
        final boolean latency = options.perf == LatencyOptions.Perf.LATENCY;
        final PerformanceConfiguration.PerformanceConfigurationBuilder builder = latency ?
            PerformanceConfiguration.latencyPerformanceBuilder() :
            PerformanceConfiguration.throughputPerformanceBuilder();
        final int ringSize = options.ringSize != 0 ? options.ringSize : latency ? 2 * 1024 : 64 * 1024;
        final int groupLimit = Math.min(latency ? 256 : 4_096, ringSize / 4);
        if (groupLimit < 1)
        {
            throw new IllegalArgumentException("--ring-size too small: " + ringSize);
        }
        return builder
            .ringBufferSize(ringSize)
            .msgsInGroupLimit(groupLimit)
            .matchingEnginesNum(options.matchingEngines)
            .riskEnginesNum(options.riskEngines)
            .waitStrategy(waitStrategy(options.waitStrategy))
            .threadFactory(new NamedThreadFactory())
            .orderBookFactory(OrderBookDirectImpl::new)
            .build();
    }

    static CoreWaitStrategy waitStrategy(final LatencyOptions.Wait wait)
    {
        switch (wait)
        {
            case BUSY_SPIN:
                return CoreWaitStrategy.BUSY_SPIN;
            case YIELDING:
                return CoreWaitStrategy.YIELDING;
            default:
                return CoreWaitStrategy.BLOCKING;
        }
    }

    /**
     * Adds one symbol per instrument and one user per account, and waits until exchange-core has confirmed each.
     *
     * @throws IllegalStateException if exchange-core refuses any of them.
     */
    void define(final TapeHeader header)
    {
        final List<CoreSymbolSpecification> symbols = new ArrayList<>(header.instrumentCount());
        for (int i = 0; i < header.instrumentCount(); i++)
        {
            symbols.add(CoreSymbolSpecification.builder()
                .symbolId(symbolId(i))
                .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
                .baseCurrency(BASE_CURRENCY_OFFSET + i)
                .quoteCurrency(QUOTE_CURRENCY)
                .baseScaleK(1)
                .quoteScaleK(1)
                .takerFee(0)
                .makerFee(0)
                .build());
        }
        final CommandResultCode symbolsResult = api.submitBinaryDataAsync(new BatchAddSymbolsCommand(symbols)).join();
        if (symbolsResult != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core refused the symbols: " + symbolsResult);
        }

        final List<CompletableFuture<CommandResultCode>> users = new ArrayList<>(header.accountCount());
        for (int account = 0; account < header.accountCount(); account++)
        {
            users.add(api.submitCommandAsync(ApiAddUser.builder().uid(uid(account)).build()));
        }
        for (int account = 0; account < users.size(); account++)
        {
            final CommandResultCode result = users.get(account).join();
            if (result != CommandResultCode.SUCCESS)
            {
                throw new IllegalStateException("exchange-core refused user " + uid(account) + ": " + result);
            }
        }
    }

    static int symbolId(final int instrument)
    {
        return instrument + 1;
    }

    static long uid(final int account)
    {
        return account + 1L;
    }

    ExchangeApi api()
    {
        return api;
    }

    /**
     * @return the configuration in exchange-core's own words, for the run's description.
     */
    String describe()
    {
        return performance.toString().replaceFirst("orderBookFactory=[^,]*", "orderBookFactory=OrderBookDirectImpl::new");
    }

    /**
     * Stops exchange-core's pipeline. Its shutdown publishes a signal into the ring, which never returns if the
     * pipeline has already died with the ring full, so it runs on a daemon thread given {@value #SHUTDOWN_WAIT_MS} ms.
     */
    @Override
    public void close()
    {
        final Thread shutdown = new Thread(() -> core.shutdown(10, TimeUnit.SECONDS), "exchange-core-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try
        {
            shutdown.join(SHUTDOWN_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Names exchange-core's pipeline threads so a profile or a thread dump shows whose they are.
     */
    private static final class NamedThreadFactory implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final Thread thread = new Thread(runnable, "exchange-core-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
