package io.matchpoint.gateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.pipeline.ThreadingMode;

/**
 * Servers for tests: the default profile's idle strategies, the threading mode named by the system property
 * {@value #THREADING_PROPERTY} (the build runs this package's tests once in each mode) or else the one the server
 * would choose for this machine's CPUs, an OS-chosen port, small capacities, accounts
 * alice (1), bob (2), carol (3), audit (50, a drop copy account: read-only, receiving copies of the reports of the
 * accounts a test grants it) and admin (100, admin rights), each with password {@code <name>-pw}, and instrument
 * 1 "TEST" (2 decimals, tick 1, lot 1, quantity 1..1,000,000, band 1.00..150.00).
 */
final class TestServers
{
    static final String THREADING_PROPERTY = "matchpoint.test.threading";
    static final Map<String, Long> ACCOUNTS = Map.of("alice", 1L, "bob", 2L, "carol", 3L, "audit", 50L, "admin", 100L);
    static final long AUDIT = 50;

    private TestServers()
    {
    }

    static GatewayContext gatewayContext()
    {
        // the shared throttles and logon rates out of the way of tests that load or reconnect a lot; the tests of
        // those limits set their own
        return new GatewayContext()
            .maxSessions(16)
            .maxAccountId(128)
            .accountThrottleMessages(100_000_000)
            .addressThrottleMessages(100_000_000)
            .logonsPerAddress(1_000_000)
            .logonsPerAccount(1_000_000)
            .sessionOutboundBufferBytes(64 * 1024)
            .accounts(new AccountDirectory()
            {
                public long authenticate(final String name, final byte[] password, final int passwordLength)
                {
                    final Long id = ACCOUNTS.get(name);
                    final String expected = name + "-pw";
                    return id != null && expected.equals(new String(password, 0, passwordLength,
                        StandardCharsets.US_ASCII)) ? id : NO_ACCOUNT;
                }

                public boolean isAdmin(final long accountId)
                {
                    return accountId == 100;
                }

                public boolean isDropCopy(final long accountId)
                {
                    return accountId == AUDIT;
                }

                public boolean isKnown(final long accountId)
                {
                    return ACCOUNTS.containsValue(accountId);
                }
            });
    }

    static PipelineContext pipelineContext()
    {
        return new PipelineContext()
            .engineConfig(new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 12).maxAccounts(128))
            .inboundRingSize(1024)
            .outboundRingSize(1024)
            .threadingMode(threadingMode());
    }

    static ThreadingMode threadingMode()
    {
        final String name = System.getProperty(THREADING_PROPERTY);
        return name == null ? ThreadingMode.choose(Runtime.getRuntime().availableProcessors(), false) :
            ThreadingMode.fromCliName(name);
    }

    static GatewayServer start(final GatewayContext gateway, final PipelineContext pipeline) throws IOException
    {
        return start(gateway, pipeline, false);
    }

    /**
     * @param auditEveryAccount whether audit is granted a drop copy of every account's reports.
     */
    static GatewayServer start(
        final GatewayContext gateway, final PipelineContext pipeline, final boolean auditEveryAccount)
        throws IOException
    {
        final GatewayServer server = new GatewayServer(gateway, pipeline);
        server.defineInstrument(1, "TEST", 2, 1, 1, 1, 1_000_000, 100, 15_000);
        if (auditEveryAccount)
        {
            server.grantDropCopy(AUDIT, 0);
        }
        server.start();
        return server;
    }

    static GatewayServer start() throws IOException
    {
        return start(gatewayContext(), pipelineContext());
    }

    /**
     * Polls the client with the listener until {@code done}, failing after 10 s with {@code what} and what was seen:
     * a deadline, not a sleep.
     */
    static void pollUntil(
        final io.matchpoint.client.MatchpointClient client,
        final io.matchpoint.client.ClientListener listener,
        final java.util.function.BooleanSupplier done,
        final Object what)
    {
        final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new AssertionError("not within 10 s: " + what);
            }
            client.poll(listener);
            Thread.yield();
        }
    }
}
