package io.matchpoint.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.engine.pipeline.Replayer;
import io.matchpoint.journal.CommandJournalReader;
import io.matchpoint.journal.EngineCapacityFile;
import io.matchpoint.journal.EventJournalReader;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalVerifier;

/**
 * A real server process under load from several client sessions is killed with SIGKILL at a random moment, then
 * restarted on the same data directory, several times. After each restart: every order acknowledgement and every
 * fill a client received is in the event journal, trade ids run without gap or duplicate, the recovered digest is
 * the journal's, and {@code journal verify} passes. At the end each account cancels everything it has open, and the
 * cancelled counts equal the open orders the journal says each account has. carol asks for cancel-on-disconnect: the
 * crash leaves her session open in the journal, and the restart ends it, so she has nothing open after each one.
 * <p>
 * {@code -Dmatchpoint.crash.cycles=N} runs N cycles ({@code perf/crash-cycles.sh} runs many); the seed is printed.
 */
class CrashRecoveryProcessTest
{
    private static final String[] ACCOUNTS = { "alice", "bob", "carol" };
    private static final String CANCEL_ON_DISCONNECT = "carol";
    private static final long CAROL = 3;
    private static final int DEMO1 = 1;

    @TempDir
    Path data;

    private final Map<String, Long> nextClOrdId = new HashMap<>();

    @Test
    void everyAcknowledgedOrderAndFillSurvivesKillMinusNine() throws Exception
    {
        final int cycles = Integer.getInteger("matchpoint.crash.cycles", 3);
        final long seed = Long.getLong("matchpoint.crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryProcessTest seed " + seed + ", " + cycles + " cycles");
        final SplittableRandom random = new SplittableRandom(seed);
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            final ServerProcess server = ServerProcess.start(data);
            try
            {
                final List<Trader> traders = new ArrayList<>();
                for (final String account : ACCOUNTS)
                {
                    traders.add(Trader.start(server.port, account, random.split(), nextClOrdId));
                }
                awaitAcknowledgements(traders, 200 + random.nextInt(3_000)); // a random moment under load
                server.kill();
                for (final Trader trader : traders)
                {
                    trader.stop();
                }
                final ServerProcess restarted = ServerProcess.start(data);
                try
                {
                    final JournalFacts journal = JournalFacts.read(data);
                    for (final Trader trader : traders)
                    {
                        assertTrue(journal.acknowledged.containsAll(trader.acknowledged),
                            "cycle " + cycle + ": every order acknowledged to " + trader.account + " is journaled");
                        assertTrue(journal.fills.containsAll(trader.fills),
                            "cycle " + cycle + ": every fill " + trader.account + " received is journaled");
                    }
                    journal.assertTradesWholeAndUnique(cycle);
                    assertEquals(0, journal.openOrdersByAccount().getOrDefault(CAROL, 0).intValue(),
                        "cycle " + cycle + ": the restart ended carol's session and cancelled her orders");
                    final JournalVerifier.Result verified = new JournalVerifier(new JournalDirectory(data),
                        EngineCapacityFile.read(new JournalDirectory(data))).verify();
                    assertTrue(verified.passed(), "cycle " + cycle + ": " + verified.divergence());
                    assertEquals(digestAfter(data, restarted.lastSequence), restarted.digest,
                        "the recovered state is the journal's");
                    System.out.printf("cycle %d: %,d orders acknowledged, %,d fills, %,d commands journaled%n",
                        cycle, journal.acknowledged.size(), journal.fills.size(), verified.commands());
                }
                finally
                {
                    restarted.stop();
                }
            }
            finally
            {
                server.kill();
            }
        }

        // a clean stop, then a start: the state is exactly the one the stop reported, and the snapshot taken at the stop
        // leaves nothing to replay
        final ServerProcess stopping = ServerProcess.start(data);
        final String stopped = stopping.stop();
        final Matcher stopDigest = Pattern.compile("stopped after .* state digest ([0-9a-f]{16})").matcher(stopped);
        assertTrue(stopDigest.find(), "stop printed [" + stopped + "] exit " + stopping.process.exitValue());
        final ServerProcess last = ServerProcess.start(data);
        try
        {
            assertEquals(Long.parseUnsignedLong(stopDigest.group(1), 16), last.digest, "the state a clean stop left");
            assertTrue(last.banner.contains(" 0 commands replayed"), last.banner);
            final Map<Long, Integer> openByAccount = JournalFacts.read(data).openOrdersByAccount();
            for (final String account : ACCOUNTS)
            {
                final MassCancelCounter counter = new MassCancelCounter();
                try (MatchpointClient client = MatchpointClient.connect("127.0.0.1", last.port, 5_000))
                {
                    final LogonResult logon = client.logonAndWait(counter, account, account + "-demo", false, 5_000, 10_000);
                    assertEquals(LogonResult.Outcome.ACCEPTED, logon.outcome(), logon.detail());
                    client.massCancel(-1);
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (counter.cancelled < 0 && System.nanoTime() - deadline < 0)
                    {
                        client.poll(counter);
                        Thread.onSpinWait();
                    }
                    assertEquals(openByAccount.getOrDefault(logon.accountId(), 0).intValue(), counter.cancelled,
                        account + ": the orders still open are exactly those the journal says are open");
                }
            }
        }
        finally
        {
            last.stop();
        }
    }

    private static void awaitAcknowledgements(final List<Trader> traders, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (traders.stream().mapToInt(trader -> trader.acknowledgements.get()).sum() < count)
        {
            assertTrue(System.nanoTime() - deadline < 0, "the traders got " + count + " acknowledgements in time");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static final class MassCancelCounter implements ClientListener
    {
        int cancelled = -1;

        public void onMassCancelReport(final MassCancelReportDecoder report)
        {
            cancelled = (int)report.cancelledCount();
        }
    }

    /**
     * One account's session sending limit orders around 100.00 (half of them crossing) until the server dies,
     * remembering every acknowledgement and fill it receives.
     */
    private static final class Trader implements ClientListener
    {
        final String account;
        final Set<Long> acknowledged = new HashSet<>();
        /** Read by the test thread, which kills the server once enough went by. */
        final java.util.concurrent.atomic.AtomicInteger acknowledgements = new java.util.concurrent.atomic.AtomicInteger();
        final Set<String> fills = new HashSet<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Trader(final String account, final int port, final SplittableRandom random, final Map<String, Long> ids)
        {
            this.account = account;
            thread = new Thread(() -> run(port, random, ids), "trader-" + account);
        }

        static Trader start(final int port, final String account, final SplittableRandom random,
            final Map<String, Long> ids)
        {
            final Trader trader = new Trader(account, port, random, ids);
            trader.thread.start();
            return trader;
        }

        private void run(final int port, final SplittableRandom random, final Map<String, Long> ids)
        {
            try (MatchpointClient client = MatchpointClient.connect("127.0.0.1", port, 5_000))
            {
                final LogonResult logon = client.logonAndWait(
                    this, account, account + "-demo", CANCEL_ON_DISCONNECT.equals(account), 5_000, 10_000);
                if (logon.outcome() != LogonResult.Outcome.ACCEPTED)
                {
                    throw new IllegalStateException(account + ": " + logon.detail());
                }
                while (running.get() && client.isConnected())
                {
                    final long clOrdId;
                    synchronized (ids)
                    {
                        clOrdId = ids.merge(account, 1L, Long::sum);
                    }
                    final boolean buy = random.nextBoolean();
                    client.newOrder(clOrdId, DEMO1, buy ? Side.BUY : Side.SELL, OrdType.LIMIT, TimeInForce.GTC,
                        10_000 + (buy ? 1 : -1) * (random.nextInt(40) - 20), 1 + random.nextInt(10), false,
                        SelfTradePrevention.CANCEL_TAKER);
                    client.poll(this);
                    LockSupport.parkNanos(200_000);
                }
                final long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (client.isConnected() && System.nanoTime() - drainUntil < 0)
                {
                    client.poll(this);
                }
            }
            catch (final IOException ex)
            {
                // the server was killed: what was received before is what counts
            }
        }

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            if (report.execType() == ExecType.NEW)
            {
                acknowledged.add(report.orderId());
                acknowledgements.incrementAndGet();
            }
            else if (report.execType() == ExecType.TRADE)
            {
                fills.add(report.tradeId() + "/" + report.orderId());
            }
        }

        void stop() throws InterruptedException
        {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!thread.isAlive(), account + "'s trader stopped");
        }
    }

    /**
     * What the event journal says, read read-only while the restarted server runs.
     */
    private static final class JournalFacts
    {
        final Set<Long> acknowledged = new HashSet<>();
        /** Read by the test thread, which kills the server once enough went by. */
        final java.util.concurrent.atomic.AtomicInteger acknowledgements = new java.util.concurrent.atomic.AtomicInteger();
        final Set<String> fills = new HashSet<>();
        final Map<Long, Integer> reportsPerTrade = new HashMap<>();
        final Map<Long, Long> openOrderAccount = new HashMap<>();

        static JournalFacts read(final Path data)
        {
            final JournalFacts facts = new JournalFacts();
            final EventSlot event = new EventSlot();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final ExecutionReportDecoder report = new ExecutionReportDecoder();
            try (EventJournalReader reader = new EventJournalReader(new JournalDirectory(data)))
            {
                while (reader.next(event))
                {
                    header.wrap(event.buffer(), 0);
                    if (header.templateId() != ExecutionReportDecoder.TEMPLATE_ID)
                    {
                        continue;
                    }
                    report.wrap(event.buffer(), MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                        header.version());
                    final long orderId = report.orderId();
                    switch (report.execType())
                    {
                        case NEW ->
                        {
                            facts.acknowledged.add(orderId);
                            facts.openOrderAccount.put(orderId, event.targetId());
                        }
                        case TRADE ->
                        {
                            facts.fills.add(report.tradeId() + "/" + orderId);
                            facts.reportsPerTrade.merge(report.tradeId(), 1, Integer::sum);
                            if (report.leavesQuantity() == 0)
                            {
                                facts.openOrderAccount.remove(orderId);
                            }
                        }
                        case CANCELLED -> facts.openOrderAccount.remove(orderId);
                        default ->
                        {
                        }
                    }
                }
            }
            return facts;
        }

        void assertTradesWholeAndUnique(final int cycle)
        {
            final long trades = reportsPerTrade.size();
            for (long tradeId = 1; tradeId <= trades; tradeId++)
            {
                assertEquals(2, reportsPerTrade.getOrDefault(tradeId, 0).intValue(),
                    "cycle " + cycle + ": trade " + tradeId + " reported once to the maker and once to the taker");
            }
        }

        Map<Long, Integer> openOrdersByAccount()
        {
            final Map<Long, Integer> open = new HashMap<>();
            openOrderAccount.values().forEach(account -> open.merge(account, 1, Integer::sum));
            return open;
        }
    }

    /**
     * @return the state digest after replaying the command journal up to a sequence through a fresh engine (the
     * restart then journals the end of the sessions the crash left open, which changes the state).
     */
    private static long digestAfter(final Path data, final long lastSequence) throws IOException
    {
        final JournalDirectory directory = new JournalDirectory(data);
        final Replayer replayer = new Replayer(EngineCapacityFile.read(directory), (event, sequence, end) -> { });
        final CommandSlot command = new CommandSlot();
        try (CommandJournalReader commands = new CommandJournalReader(directory))
        {
            while (commands.next(command) && command.sequence() <= lastSequence)
            {
                replayer.replay(command);
            }
        }
        return replayer.matcher().engine().digest();
    }
}
