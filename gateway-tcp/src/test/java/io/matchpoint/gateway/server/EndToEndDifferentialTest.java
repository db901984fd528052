package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.MassCancelDecoder;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderDecoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.CancelReason;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.EngineListenerAdapter;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.RejectReason;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.pipeline.CommandSlot;

/**
 * Several sessions send a seeded random stream of commands over TCP at once; the gateway sequences them in whatever
 * order they arrive. A stage in the command journal's place records that sequenced stream. Replaying it through the
 * bare matching core, and turning the core's events into the reports each account should see with a mapping written
 * here from the schema's descriptions, must give exactly what the clients received: same reports, same order, same
 * fields. This proves decoding, matching, encoding, routing, per-session framing and the client's view together.
 * <p>
 * Rerun a seed with {@code -Dmatchpoint.e2e.seed=N}; size with {@code -Dmatchpoint.e2e.commands=N}.
 */
class EndToEndDifferentialTest
{
    private static final String[] ACCOUNTS = { "alice", "bob", "carol" };
    private static final long SEED = Long.getLong("matchpoint.e2e.seed", 20261124L);
    private static final int COMMANDS = Integer.getInteger("matchpoint.e2e.commands", 120_000);

    @Test
    void shouldGiveEveryClientExactlyTheReportsTheCoreAloneGivesForTheSequencedStream() throws Exception
    {
        final CommandRecorder recorder = new CommandRecorder();
        final GatewayServer server = TestServers.start(
            TestServers.gatewayContext().maxSessions(4).throttleMessages(10_000_000)
                .sessionOutboundBufferBytes(16 << 20),
            TestServers.pipelineContext().inboundRingSize(4096).outboundRingSize(4096).commandJournal(recorder));
        final Map<Long, List<String>> received = new HashMap<>();
        final List<Thread> threads = new ArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<RawClient> clients = new ArrayList<>();
        try
        {
            for (int i = 0; i < ACCOUNTS.length; i++)
            {
                final RawClient client = Sessions.loggedOn(server, ACCOUNTS[i]);
                clients.add(client);
                final List<String> reports = Collections.synchronizedList(new ArrayList<>());
                received.put(TestServers.ACCOUNTS.get(ACCOUNTS[i]), reports);
                final ClientStream stream = new ClientStream(client, reports, new Random(SEED * 31 + i));
                threads.add(new Thread(() -> stream.read(failure), "reader-" + ACCOUNTS[i]));
                threads.add(new Thread(() -> stream.send(COMMANDS / ACCOUNTS.length, failure), "sender-" + ACCOUNTS[i]));
            }
            threads.forEach(Thread::start);
            for (int i = 1; i < threads.size(); i += 2)
            {
                threads.get(i).join(TimeUnit.SECONDS.toMillis(120));
            }
            // the rings can be quiet while the gateway has not yet read the last commands off the sockets (a loaded
            // host): wait until every account's commands are sequenced, then until the rings are quiet
            final long sequencedDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allSequenced(recorder, COMMANDS / ACCOUNTS.length) && System.nanoTime() - sequencedDeadlineNs < 0)
            {
                Thread.sleep(1);
            }
            assertTrue(allSequenced(recorder, COMMANDS / ACCOUNTS.length), "every command sent was sequenced");
            assertTrue(server.awaitQuiet(30, TimeUnit.SECONDS));
            final Map<Long, List<String>> expected = replay(recorder);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (final Map.Entry<Long, List<String>> account : expected.entrySet())
            {
                final List<String> actual = received.get(account.getKey());
                while (actual.size() < account.getValue().size() && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.sleep(1);
                }
            }
            if (failure.get() != null)
            {
                throw new AssertionError("seed " + SEED, failure.get());
            }
            assertTrue(recorder.commands.size() > COMMANDS, "sequenced " + recorder.commands.size());
            System.out.println("e2e differential, seed " + SEED + ": " + recorder.commands.size() + " commands, " +
                expected.values().stream().mapToInt(List::size).sum() + " reports, kinds " +
                expected.values().stream().flatMap(List::stream).collect(
                    java.util.stream.Collectors.groupingBy(line -> line.startsWith("CANCEL-REJECT") ? line.replaceAll(" order=.* reason=", " ").replaceAll(" t=.*", "") : line.substring(0, line.indexOf(" ")),
                    java.util.TreeMap::new, java.util.stream.Collectors.counting())));
            for (final String kind : new String[]{ "NEW", "TRADE", "REJECTED", "CANCELLED", "REPLACED", "CANCEL-REJECT",
                "MASS-CANCEL" })
            {
                assertTrue(expected.values().stream().flatMap(List::stream).filter(line -> line.startsWith(kind + " "))
                    .count() > 100, "the stream exercises " + kind);
            }
            for (final Map.Entry<Long, List<String>> account : expected.entrySet())
            {
                final List<String> actual = new ArrayList<>(received.get(account.getKey()));
                assertEquals(account.getValue().size(), actual.size(), "reports for account " + account.getKey());
                for (int i = 0; i < actual.size(); i++)
                {
                    assertEquals(account.getValue().get(i), actual.get(i),
                        "account " + account.getKey() + " report " + i + ", seed " + SEED);
                }
            }
        }
        finally
        {
            for (final RawClient client : clients)
            {
                client.close();
            }
            server.close();
            threads.forEach(Thread::interrupt);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The sequenced stream, as the journal stage sees it
    // ---------------------------------------------------------------------------------------------------------------

    private record Recorded(long sequence, long accountId, long timestampNs, byte[] message)
    {
    }

    /**
     * @return whether the recorder has sequenced at least {@code perAccount} commands from each test account (its
     * logon adds one more).
     */
    private static boolean allSequenced(final CommandRecorder recorder, final int perAccount)
    {
        final Map<Long, Integer> counts = new HashMap<>();
        for (final Recorded command : new ArrayList<>(recorder.commands))
        {
            counts.merge(command.accountId(), 1, Integer::sum);
        }
        for (final String account : ACCOUNTS)
        {
            if (counts.getOrDefault(TestServers.ACCOUNTS.get(account), 0) < perAccount)
            {
                return false;
            }
        }
        return true;
    }

    private static final class CommandRecorder implements EventHandler<CommandSlot>
    {
        final List<Recorded> commands = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
        {
            final byte[] message = new byte[slot.length()];
            slot.buffer().getBytes(0, message);
            commands.add(new Recorded(slot.sequence(), slot.accountId(), slot.timestampNs(), message));
        }
    }

    /**
     * The core alone, fed the recorded order-entry commands, with each event turned into the report line each
     * account must have received.
     */
    private static Map<Long, List<String>> replay(final CommandRecorder recorder)
    {
        final Map<Long, List<String>> expected = new HashMap<>();
        for (final String account : ACCOUNTS)
        {
            expected.put(TestServers.ACCOUNTS.get(account), new ArrayList<>());
        }
        final ExpectedReports reports = new ExpectedReports(expected);
        final MatchingEngine engine = new MatchingEngine(
            new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 12).maxAccounts(128), reports);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        final MassCancelDecoder massCancel = new MassCancelDecoder();
        engine.defineInstrument(1, "TEST", 1, 1, 1, 1_000_000, 100, 15_000);
        long lastSequence = 0;
        for (final Recorded command : new ArrayList<>(recorder.commands))
        {
            assertEquals(lastSequence == 0 ? command.sequence() : lastSequence + 1, command.sequence(), "gap");
            lastSequence = command.sequence();
            final UnsafeBuffer buffer = new UnsafeBuffer(command.message());
            header.wrap(buffer, 0);
            final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
            final long account = command.accountId();
            reports.timestampNs = command.timestampNs();
            switch (header.templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID:
                    newOrder.wrap(buffer, offset, header.blockLength(), header.version());
                    engine.newOrder(account, newOrder.clOrdId(), newOrder.instrumentId(),
                        newOrder.side() == Side.BUY ? io.matchpoint.engine.match.Side.BUY :
                        io.matchpoint.engine.match.Side.SELL,
                        newOrder.ordType() == OrdType.LIMIT ? OrderType.LIMIT : OrderType.MARKET,
                        io.matchpoint.engine.match.TimeInForce.valueOf(newOrder.timeInForce().name()),
                        newOrder.price(), newOrder.quantity(), false, SelfTradePrevention.CANCEL_TAKER);
                    break;
                case CancelOrderDecoder.TEMPLATE_ID:
                    cancel.wrap(buffer, offset, header.blockLength(), header.version());
                    if (cancel.orderId() != 0)
                    {
                        engine.cancelOrder(account, cancel.orderId());
                    }
                    else
                    {
                        engine.cancelOrderByClientId(account, cancel.origClOrdId());
                    }
                    break;
                case ReplaceOrderDecoder.TEMPLATE_ID:
                    replace.wrap(buffer, offset, header.blockLength(), header.version());
                    engine.replaceOrder(account, replace.orderId(), replace.newClOrdId(), replace.price(),
                        replace.quantity());
                    break;
                case MassCancelDecoder.TEMPLATE_ID:
                    massCancel.wrap(buffer, offset, header.blockLength(), header.version());
                    engine.massCancel(account, massCancel.instrumentId());
                    break;
                default:
                    break; // session opened: no report for an account's order stream
            }
        }
        return expected;
    }

    /**
     * The schema's description of each report, applied to the core's events.
     */
    private static final class ExpectedReports extends EngineListenerAdapter
    {
        private final Map<Long, List<String>> byAccount;
        long timestampNs;

        ExpectedReports(final Map<Long, List<String>> byAccount)
        {
            this.byAccount = byAccount;
        }

        @Override
        public void onOrderAccepted(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId,
            final io.matchpoint.engine.match.Side side, final OrderType orderType,
            final io.matchpoint.engine.match.TimeInForce timeInForce, final long price, final long quantity,
            final long displayQuantity, final long stopPrice)
        {
            add(accountId, "NEW order=" + orderId + " clOrd=" + clientOrderId + " " + side + " " + orderType + " " +
                timeInForce + " px=" + price + " qty=" + quantity + " leaves=" + quantity);
        }

        @Override
        public void onOrderRejected(
            final long accountId, final long clientOrderId, final int instrumentId, final RejectReason reason)
        {
            add(accountId, "REJECTED clOrd=" + clientOrderId + " reason=" + reason);
        }

        @Override
        public void onTrade(
            final long tradeId, final int instrumentId, final io.matchpoint.engine.match.Side aggressorSide,
            final long price, final long quantity, final long takerOrderId, final long takerAccountId,
            final long takerClientOrderId, final long takerLeavesQuantity, final long makerOrderId,
            final long makerAccountId, final long makerClientOrderId, final long makerLeavesQuantity)
        {
            add(makerAccountId, "TRADE order=" + makerOrderId + " clOrd=" + makerClientOrderId + " " +
                aggressorSide.opposite() + " px=" + price + " qty=" + quantity + " leaves=" + makerLeavesQuantity +
                " trade=" + tradeId + " MAKER");
            add(takerAccountId, "TRADE order=" + takerOrderId + " clOrd=" + takerClientOrderId + " " + aggressorSide +
                " px=" + price + " qty=" + quantity + " leaves=" + takerLeavesQuantity + " trade=" + tradeId +
                " TAKER");
        }

        @Override
        public void onOrderCancelled(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId,
            final io.matchpoint.engine.match.Side side, final long cancelledQuantity, final CancelReason reason)
        {
            add(accountId, "CANCELLED order=" + orderId + " clOrd=" + clientOrderId + " " + side + " qty=" +
                cancelledQuantity + " reason=" + reason);
        }

        @Override
        public void onOrderReduced(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId,
            final io.matchpoint.engine.match.Side side, final long reducedQuantity, final long leavesQuantity,
            final CancelReason reason)
        {
            add(accountId, "REDUCED order=" + orderId + " clOrd=" + clientOrderId + " " + side + " qty=" +
                reducedQuantity + " leaves=" + leavesQuantity + " reason=" + reason);
        }

        @Override
        public void onOrderReplaced(
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId,
            final io.matchpoint.engine.match.Side side, final long price, final long leavesQuantity,
            final boolean priorityKept, final long stopPrice)
        {
            add(accountId, "REPLACED order=" + orderId + " clOrd=" + clientOrderId + " " + side + " px=" + price +
                " leaves=" + leavesQuantity + " priorityKept=" + priorityKept);
        }

        @Override
        public void onCancelRejected(
            final long accountId, final long orderId, final long clientOrderId, final RejectReason reason)
        {
            add(accountId, "CANCEL-REJECT CANCEL order=" + orderId + " clOrd=" + clientOrderId + " reason=" + reason);
        }

        @Override
        public void onReplaceRejected(
            final long accountId, final long orderId, final long newClientOrderId, final RejectReason reason)
        {
            add(accountId, "CANCEL-REJECT REPLACE order=" + orderId + " clOrd=" + newClientOrderId + " reason=" +
                reason);
        }

        @Override
        public void onMassCancelled(final long accountId, final int instrumentId, final int cancelledCount)
        {
            add(accountId, "MASS-CANCEL instrument=" + instrumentId + " cancelled=" + cancelledCount);
        }

        private void add(final long accountId, final String line)
        {
            byAccount.get(accountId).add(line + " t=" + timestampNs);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One client: a seeded sender and a reader that renders what arrives in the same line format
    // ---------------------------------------------------------------------------------------------------------------

    private static final class ClientStream
    {
        private final RawClient client;
        private final List<String> reports;
        private final Random random;
        private final List<Long> liveOrderIds = new ArrayList<>();
        private volatile boolean sending = true;
        private volatile long answeredClOrdId;
        private long nextClOrdId = 1;

        ClientStream(final RawClient client, final List<String> reports, final Random random)
        {
            this.client = client;
            this.reports = reports;
            this.random = random;
        }

        void send(final int commands, final AtomicReference<Throwable> failure)
        {
            try
            {
                for (int i = 0; i < commands && failure.get() == null; i++)
                {
                    sendOne();
                    while (nextClOrdId - answeredClOrdId > 64 && failure.get() == null)
                    {
                        Thread.onSpinWait(); // a bounded window of open requests, so the live ids it picks are fresh
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
            }
            finally
            {
                sending = false;
            }
        }

        private void sendOne() throws java.io.IOException
        {
            final int roll = random.nextInt(1000);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            // buys mostly below sells, overlapping in the middle: a book that rests, trades and sweeps
            final long price = (side == Side.BUY ? 7_000 : 7_015) + random.nextInt(26) +
                (random.nextInt(50) == 0 ? 9_000 : 0); // now and then outside the band
            final long quantity = random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(20); // now and then invalid
            if (roll < 450)
            {
                final TimeInForce tif = roll < 380 ? TimeInForce.GTC : roll < 420 ? TimeInForce.IOC : TimeInForce.FOK;
                client.newOrder(nextClOrdId++, 1, side, OrdType.LIMIT, tif, price, quantity);
            }
            else if (roll < 490)
            {
                client.newOrder(nextClOrdId++, 1, side, OrdType.MARKET, TimeInForce.IOC, 0, quantity);
            }
            else if (roll < 680)
            {
                client.cancel(someOrderId());
            }
            else if (roll < 720)
            {
                client.cancelByClientOrderId(1 + random.nextInt((int)nextClOrdId));
            }
            else if (roll < 997)
            {
                client.replace(someOrderId(), nextClOrdId++, price, 1 + random.nextInt(20));
            }
            else
            {
                client.massCancel(random.nextBoolean() ? 1 : -1);
            }
        }

        private long someOrderId()
        {
            synchronized (liveOrderIds)
            {
                return liveOrderIds.isEmpty() || random.nextInt(20) == 0 ? 1 + random.nextInt(1000) :
                    liveOrderIds.get(random.nextInt(liveOrderIds.size()));
            }
        }

        private void track(final ExecutionReportDecoder report)
        {
            synchronized (liveOrderIds)
            {
                switch (report.execType())
                {
                    case NEW:
                        if (report.timeInForce() == TimeInForce.GTC)
                        {
                            liveOrderIds.add(report.orderId());
                        }
                        break;
                    case CANCELLED:
                        liveOrderIds.remove(report.orderId());
                        break;
                    case TRADE:
                    case REDUCED:
                        if (report.leavesQuantity() == 0)
                        {
                            liveOrderIds.remove(report.orderId());
                        }
                        break;
                    default:
                        break;
                }
            }
        }

        void read(final AtomicReference<Throwable> failure)
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final ExecutionReportDecoder report = new ExecutionReportDecoder();
            final CancelRejectDecoder cancelReject = new CancelRejectDecoder();
            final MassCancelReportDecoder massCancel = new MassCancelReportDecoder();
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    final UnsafeBuffer message = client.read();
                    header.wrap(message, 0);
                    final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
                    switch (header.templateId())
                    {
                        case ExecutionReportDecoder.TEMPLATE_ID:
                            report.wrap(message, offset, header.blockLength(), header.version());
                            reports.add(render(report));
                            track(report);
                            if (report.execType() != io.matchpoint.codec.sbe.ExecType.TRADE &&
                                report.execType() != io.matchpoint.codec.sbe.ExecType.CANCELLED)
                            {
                                answeredClOrdId = Math.max(answeredClOrdId, report.clOrdId());
                            }
                            break;
                        case CancelRejectDecoder.TEMPLATE_ID:
                            cancelReject.wrap(message, offset, header.blockLength(), header.version());
                            if (cancelReject.responseTo() == io.matchpoint.codec.sbe.CancelRejectResponseTo.REPLACE)
                            {
                                answeredClOrdId = Math.max(answeredClOrdId, cancelReject.clOrdId());
                            }
                            reports.add("CANCEL-REJECT " + cancelReject.responseTo() + " order=" +
                                cancelReject.orderId() + " clOrd=" + cancelReject.clOrdId() + " reason=" +
                                cancelReject.reason() + " t=" + cancelReject.transactTime());
                            break;
                        case MassCancelReportDecoder.TEMPLATE_ID:
                            massCancel.wrap(message, offset, header.blockLength(), header.version());
                            reports.add("MASS-CANCEL instrument=" + massCancel.instrumentId() + " cancelled=" +
                                massCancel.cancelledCount() + " t=" + massCancel.transactTime());
                            break;
                        default:
                            break; // heartbeats
                    }
                }
            }
            catch (final Throwable ex)
            {
                if (sending)
                {
                    failure.compareAndSet(null, ex);
                }
            }
        }

        private static String render(final ExecutionReportDecoder r)
        {
            final String t = " t=" + r.transactTime();
            switch (r.execType())
            {
                case NEW:
                    return "NEW order=" + r.orderId() + " clOrd=" + r.clOrdId() + " " + r.side() + " " + r.ordType() +
                        " " + r.timeInForce() + " px=" + r.price() + " qty=" + r.quantity() + " leaves=" +
                        r.leavesQuantity() + t;
                case REJECTED:
                    return "REJECTED clOrd=" + r.clOrdId() + " reason=" + r.rejectReason() + t;
                case TRADE:
                    return "TRADE order=" + r.orderId() + " clOrd=" + r.clOrdId() + " " + r.side() + " px=" +
                        r.price() + " qty=" + r.quantity() + " leaves=" + r.leavesQuantity() + " trade=" +
                        r.tradeId() + " " + r.liquidity() + t;
                case CANCELLED:
                    return "CANCELLED order=" + r.orderId() + " clOrd=" + r.clOrdId() + " " + r.side() + " qty=" +
                        r.quantity() + " reason=" + r.cancelReason() + t;
                case REDUCED:
                    return "REDUCED order=" + r.orderId() + " clOrd=" + r.clOrdId() + " " + r.side() + " qty=" +
                        r.quantity() + " leaves=" + r.leavesQuantity() + " reason=" + r.cancelReason() + t;
                case REPLACED:
                    return "REPLACED order=" + r.orderId() + " clOrd=" + r.clOrdId() + " " + r.side() + " px=" +
                        r.price() + " leaves=" + r.leavesQuantity() + " priorityKept=" +
                        (r.priorityKept() == io.matchpoint.codec.sbe.BooleanType.TRUE) + t;
                default:
                    return "UNEXPECTED " + r;
            }
        }
    }
}
