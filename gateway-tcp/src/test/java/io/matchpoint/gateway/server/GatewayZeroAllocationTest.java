package io.matchpoint.gateway.server;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.io.TempDir;

import io.aeron.Aeron;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.feed.MarketDataMedia;
import io.matchpoint.feed.MarketDataPublisher;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataSubscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * After warm-up, a long run of mixed commands over real loopback sockets (resting orders, trades, IOC and market
 * orders, replaces, cancels by order id and by client order id, rejects) allocates nothing on the gateway's I/O
 * thread, the matcher, the sender or the market data agent (publishing over a real media driver to a subscriber, with
 * snapshots), as the JVM's per-thread allocation counters show; with a drop copy session receiving a copy of every
 * report.
 */
class GatewayZeroAllocationTest
{
    private static final int WARM_UP_ORDERS = 300_000;
    private static final int MEASURED_ORDERS = 200_000;
    private static final int COMMANDS_PER_ROUND = 8;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path aeronParent;

    @Test
    void shouldAllocateNothingOnTheGatewayMatcherSenderAndMarketDataThreadsAfterWarmUp() throws Exception
    {
        final PipelineContext pipelineContext = TestServers.pipelineContext();
        // the feed over a real media driver (IPC), read by a subscriber of its own, snapshots four times a second;
        // small terms, so that every stream's log has rotated (a path whose first use loads a class) in the warm-up
        try (MarketDataMedia media = MarketDataMedia.launch(aeronParent.resolve("aeron").toFile(), null, "aeron:ipc",
            1001, 1002, 1003, 64 * 1024, false, Throwable::printStackTrace);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(media.aeronDirectory()));
            MarketDataSubscriber subscriber = new MarketDataSubscriber(aeron, "aeron:ipc", 1001, 1002, 1003,
                new MarketDataBooks()))
        {
            final MarketDataPublisher publisher = new MarketDataPublisher(media.incremental(), media.orders(),
                media.snapshot(), new MonotonicEpochClock(), new SystemNanoClock(), TimeUnit.MILLISECONDS.toNanos(250),
                pipelineContext.engineConfig().copy().conclude());
            final AtomicBoolean reading = new AtomicBoolean(true);
            final Thread feedReader = new Thread(() ->
            {
                // backs off when idle: two CPUs have no room for one more spinning thread
                final org.agrona.concurrent.IdleStrategy idle = new org.agrona.concurrent.BackoffIdleStrategy();
                while (reading.get())
                {
                    idle.idle(subscriber.poll(1024));
                }
            }, "feed-reader");
            feedReader.start();
            try
            {
                run(pipelineContext.marketData(publisher));
            }
            finally
            {
                reading.set(false);
                feedReader.join();
            }
            assertTrue(publisher.messagesSent(MdChannel.INCREMENTAL) > MEASURED_ORDERS, "the feed was published");
        }
    }

    private void run(final PipelineContext pipelineContext) throws Exception
    {
        try (GatewayServer server = TestServers.start(
            TestServers.gatewayContext().throttleMessages(10_000_000).sessionOutboundBufferBytes(1 << 20),
            pipelineContext, true);
            RawClient alice = Sessions.loggedOn(server, "alice");
            RawClient bob = Sessions.loggedOn(server, "bob");
            RawClient audit = Sessions.loggedOn(server, "audit"))
        {
            final Reader aliceReader = new Reader(alice);
            final Reader bobReader = new Reader(bob);
            final Reader auditReader = new Reader(audit);
            aliceReader.start();
            bobReader.start();
            auditReader.start();
            final long[] threadIds = {
                server.gatewayThreadId(), server.pipeline().threadId("matcher"), server.pipeline().threadId("sender"),
                server.pipeline().threadId("market-data") };

            final long[] round = { 0 };
            drive(alice, bob, aliceReader, auditReader, WARM_UP_ORDERS / COMMANDS_PER_ROUND, round);
            assertTrue(server.awaitQuiet(10, TimeUnit.SECONDS));
            awaitJitSettled();
            // four rounds of 50,000: for each thread the quietest round must be exactly 0, and all four together
            // under one byte per 50 orders, as the journal threads (a late JIT deoptimisation on a loaded machine
            // may materialise objects once: up to 1,008 bytes in a round seen on the matcher; one allocation per
            // command would be megabytes, and one in every thousand orders shows in every round)
            final long[] total = new long[threadIds.length];
            final long[] quietest = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
            for (int r = 0; r < 4; r++)
            {
                final long[] before = allocated(threadIds);
                drive(alice, bob, aliceReader, auditReader, MEASURED_ORDERS / 4 / COMMANDS_PER_ROUND, round);
                assertTrue(server.awaitQuiet(10, TimeUnit.SECONDS));
                final long[] after = allocated(threadIds);
                for (int t = 0; t < threadIds.length; t++)
                {
                    total[t] += after[t] - before[t];
                    quietest[t] = Math.min(quietest[t], after[t] - before[t]);
                }
            }

            aliceReader.stopAndCheck();
            bobReader.stopAndCheck();
            auditReader.stopAndCheck();
            assertTrue(auditReader.copies.get() > MEASURED_ORDERS, "copies flowed: " + auditReader.copies.get());
            assertEquals(0, server.pipeline().handlerErrors());
            assertTrue(aliceReader.reports.get() > MEASURED_ORDERS, "reports flowed: " + aliceReader.reports.get());
            final String[] names = { "gateway I/O", "matcher", "sender", "market data" };
            for (int t = 0; t < names.length; t++)
            {
                assertEquals(0, quietest[t], names[t] + " thread: bytes allocated in its quietest 50,000 orders");
                assertTrue(total[t] < MEASURED_ORDERS / 50,
                    names[t] + " thread: bytes allocated over 200,000 orders: " + total[t]);
            }
        }
    }

    /**
     * Eight commands a round: a resting sell, a crossing IOC buy (trade), a resting buy, a replace of it, a cancel of
     * it by client order id, a market sell finding nothing left (cancelled), a cancel of an unknown order (reject),
     * and a cancel of alice's resting sell by its order id once seen.
     */
    private static void drive(
        final RawClient alice, final RawClient bob, final Reader aliceReader, final Reader auditReader,
        final int rounds, final long[] round)
        throws Exception
    {
        for (int i = 0; i < rounds; i++)
        {
            final long r = ++round[0];
            final long base = r * 10;
            alice.newOrder(base + 1, 1, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 10_000, 2);
            bob.newOrder(base + 2, 1, Side.BUY, OrdType.LIMIT, TimeInForce.IOC, 10_000, 1);
            alice.newOrder(base + 3, 1, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, 9_000 + (r % 100), 5);
            alice.replace(aliceReader.lastRestingBuy.get(), base + 4, 9_050, 4);
            alice.cancelByClientOrderId(base + 4);
            bob.newOrder(base + 5, 1, Side.SELL, OrdType.MARKET, TimeInForce.IOC, 0, 1);
            bob.cancel(Long.MAX_VALUE);
            alice.cancelByClientOrderId(base + 1);
            // stay within a bounded distance of the readers, like a real client with a window of open requests
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (round[0] * 10 - Math.min(aliceReader.lastClOrdId.get(), auditReader.lastClOrdId.get()) > 2_000)
            {
                if (aliceReader.failure.get() != null || auditReader.failure.get() != null ||
                    System.nanoTime() > deadlineNs)
                {
                    throw new AssertionError("alice's or audit's reader stopped, or fell 2,000 orders behind for 60 s",
                        aliceReader.failure.get() != null ? aliceReader.failure.get() : auditReader.failure.get());
                }
                Thread.yield();
            }
        }
    }

    /**
     * Waits (at most 6 s: the readers give up on a silent socket after 10) until the JIT has compiled nothing for a
     * second. With the market data agent on the same thread there is more code to settle, and an uncommon trap taken
     * by code compiled late in the warm-up materialises objects once (7 to 9 KB seen, in one round of four), which is
     * not what this test is after. The rounds measured still run the same paths, so anything allocated per command or
     * per snapshot shows in all of them.
     */
    private static void awaitJitSettled() throws InterruptedException
    {
        final java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        long last = jit.getTotalCompilationTime();
        long quietSinceNs = System.nanoTime();
        while (System.nanoTime() - deadlineNs < 0 && System.nanoTime() - quietSinceNs < TimeUnit.SECONDS.toNanos(1))
        {
            Thread.sleep(50);
            final long now = jit.getTotalCompilationTime();
            if (now != last)
            {
                last = now;
                quietSinceNs = System.nanoTime();
            }
        }
    }

    private long[] allocated(final long[] threadIds)
    {
        final long[] bytes = new long[threadIds.length];
        for (int i = 0; i < threadIds.length; i++)
        {
            bytes[i] = threads.getThreadAllocatedBytes(threadIds[i]);
        }
        return bytes;
    }

    private static final class Reader extends Thread
    {
        final RawClient client;
        final AtomicLong reports = new AtomicLong();
        final AtomicLong copies = new AtomicLong();
        final AtomicLong lastRestingBuy = new AtomicLong(1);
        final AtomicLong lastClOrdId = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean running = true;

        Reader(final RawClient client)
        {
            this.client = client;
            setDaemon(true);
        }

        public void run()
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final ExecutionReportDecoder report = new ExecutionReportDecoder();
            final DropCopyReportDecoder copy = new DropCopyReportDecoder();
            try
            {
                while (running)
                {
                    final UnsafeBuffer message = client.read();
                    header.wrap(message, 0);
                    if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
                    {
                        report.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), 0);
                        reports.incrementAndGet();
                        if (report.execType() == ExecType.NEW && report.side() == Side.BUY)
                        {
                            lastRestingBuy.set(report.orderId());
                        }
                        lastClOrdId.set(Math.max(lastClOrdId.get(), report.clOrdId()));
                    }
                    else if (header.templateId() == DropCopyReportDecoder.TEMPLATE_ID)
                    {
                        copy.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), 0);
                        copies.incrementAndGet();
                        lastClOrdId.set(Math.max(lastClOrdId.get(), copy.clOrdId()));
                    }
                }
            }
            catch (final Throwable ex)
            {
                if (running)
                {
                    failure.set(ex);
                }
            }
        }

        void stopAndCheck()
        {
            running = false;
            if (failure.get() != null)
            {
                throw new AssertionError(failure.get());
            }
        }
    }
}
