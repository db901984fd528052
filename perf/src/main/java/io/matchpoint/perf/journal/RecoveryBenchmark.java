package io.matchpoint.perf.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.SystemEpochNanoClock;


import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.JournalVerifier;
import io.matchpoint.journal.JournaledPipeline;
import io.matchpoint.journal.Recovery;

/**
 * Restart time with and without a snapshot, and {@code journal verify}'s rate, on a journal of many commands:
 * <ol>
 *     <li>writes N commands through a journaled pipeline (passive limit orders around the mid on 3 instruments from
 *     100 accounts, each cancelled later, oldest first, by client order id, unless it traded first by client order id, a fifth crossing), with one snapshot
 *     request 100,000 commands before the end, and stops without a closing snapshot, as a crash would;</li>
 *     <li>restarts on it (newest snapshot + the tail), then restarts again with the snapshots moved aside (the
 *     whole journal replayed), and checks both reach the same digest;</li>
 *     <li>runs {@link JournalVerifier} over it.</li>
 * </ol>
 * {@code java ... io.matchpoint.perf.journal.RecoveryBenchmark [DIR] [COMMANDS]} (default a temp dir, 10,000,000).
 * <p>
 * {@code RecoveryBenchmark --restart DIR [RUNS]} only restarts, RUNS times (default 5), on a journal this benchmark
 * wrote: with its snapshot, then with the snapshots moved aside (and back), each in this JVM, checking that both reach
 * the same digest. For comparing releases on one journal without writing it again.
 */
public final class RecoveryBenchmark
{
    private static final int INSTRUMENTS = 3;
    private static final int ACCOUNTS = 100;
    private static final int TAIL = 100_000;
    private static final int PASSIVE_PER_ACCOUNT = 1_000;

    private RecoveryBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 1 && args[0].equals("--restart"))
        {
            restartOnly(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5);
            return;
        }
        final Path data = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("matchpoint-recovery");
        final long commands = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        if (Files.exists(data.resolve("commands")))
        {
            throw new IllegalArgumentException(data + " already holds a journal: give an empty directory");
        }
        final EngineConfig capacity = new EngineConfig();
        System.out.printf("recovery benchmark: %,d commands into %s, engine %s, JDK %s, %d CPUs%n",
            commands, data, capacity, Runtime.version(), Runtime.getRuntime().availableProcessors());

        final long writeStartNs = System.nanoTime();
        final long writtenDigest;
        try (JournaledPipeline journaled = open(data, capacity))
        {
            journaled.pipeline().start();
            new Workload(1).publish(journaled.pipeline().commandPublisher(), commands);
            if (!journaled.pipeline().awaitQuiet(10, TimeUnit.MINUTES))
            {
                throw new IllegalStateException("the pipeline did not drain");
            }
            writtenDigest = journaled.pipeline().matcher().engine().digest();
            System.out.printf("written:        %,d commands, %,d events, %,d orders resting, in %.1f s%n",
                journaled.pipeline().matcher().lastSequence(), journaled.pipeline().matcher().nextEventSequence() - 1,
                journaled.pipeline().matcher().engine().restingOrderCount(), (System.nanoTime() - writeStartNs) / 1e9);
        }
        System.out.printf("journal size:   commands %,d MB, events %,d MB%n",
            sizeMb(data.resolve("commands")), sizeMb(data.resolve("events")));

        final Recovery.Report withSnapshot = restart(data, capacity, writtenDigest);
        System.out.println("with snapshot:  " + withSnapshot.summary());

        final Path aside = data.resolve("snapshots-aside");
        Files.move(data.resolve("snapshots"), aside);
        final Recovery.Report fromStart = restart(data, capacity, writtenDigest);
        System.out.println("no snapshot:    " + fromStart.summary());
        Files.move(aside, data.resolve("snapshots"));

        final JournalVerifier.Result verified = new JournalVerifier(new JournalDirectory(data), capacity).verify();
        System.out.printf("verify:         %s, %,d commands, %,d events compared in %.2f s (%,.0f commands/s), " +
                "digest %016x%n", verified.passed() ? "passed" : "FAILED " + verified.divergence(),
            verified.commands(), verified.events(), verified.elapsedNs() / 1e9, verified.commandsPerSecond(),
            verified.digest());
    }

    private static void restartOnly(final Path data, final int runs) throws IOException
    {
        if (!Files.exists(data.resolve("commands")) || !Files.exists(data.resolve("snapshots")))
        {
            throw new IllegalArgumentException(data + " holds no journal with snapshots: write one first");
        }
        final EngineConfig capacity = new EngineConfig();
        System.out.printf("restarts on %s, engine %s, JDK %s, %d CPUs%n",
            data, capacity, Runtime.version(), Runtime.getRuntime().availableProcessors());
        final Path aside = data.resolve("snapshots-aside");
        for (int run = 1; run <= runs; run++)
        {
            final Recovery.Report withSnapshot = restart(data, capacity, NO_DIGEST);
            System.out.println("run " + run + " with snapshot:  " + withSnapshot.summary());
            Files.move(data.resolve("snapshots"), aside);
            try
            {
                final Recovery.Report fromStart = restart(data, capacity, withSnapshot.digest());
                System.out.println("run " + run + " no snapshot:    " + fromStart.summary());
            }
            finally
            {
                Files.move(aside, data.resolve("snapshots"));
            }
        }
    }

    /** Passed as the expected digest when none is known yet. */
    private static final long NO_DIGEST = 0;

    private static Recovery.Report restart(final Path data, final EngineConfig capacity, final long expectedDigest)
        throws IOException
    {
        try (JournaledPipeline journaled = open(data, capacity))
        {
            final Recovery.Report report = journaled.recovery();
            if (expectedDigest != NO_DIGEST && report.digest() != expectedDigest)
            {
                throw new IllegalStateException("recovered digest " + Long.toHexString(report.digest()) +
                    " is not the written state's " + Long.toHexString(expectedDigest));
            }
            return report;
        }
    }

    private static JournaledPipeline open(final Path data, final EngineConfig capacity) throws IOException
    {
        final PipelineContext context = new PipelineContext()
            .engineConfig(capacity)
            .inboundRingSize(1 << 16)
            .outboundRingSize(1 << 16)
            .sender((event, sequence, endOfBatch) -> { })
            .errorHandler(Throwable::printStackTrace);
        return JournaledPipeline.open(new JournalDirectory(data), context, new SystemEpochNanoClock(),
            Throwable::printStackTrace, line -> System.out.println("  " + line), JournalFaultInjector.NONE);
    }

    private static long sizeMb(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() >> 20;
        }
    }

    /**
     * The command stream: instruments first, then the order flow.
     */
    private static final class Workload
    {
        private final SplittableRandom random;
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final NewOrderEncoder newOrder = new NewOrderEncoder();
        private final CancelOrderEncoder cancel = new CancelOrderEncoder();
        private final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
        private final TakeSnapshotEncoder snapshot = new TakeSnapshotEncoder();
        private final long[] lastClOrdId = new long[ACCOUNTS + 1];
        /** Each account's passive orders not yet cancelled, oldest first: cancels take the oldest, so books stay bounded. */
        private final long[][] passive = new long[ACCOUNTS + 1][PASSIVE_PER_ACCOUNT];
        private final int[] passiveHead = new int[ACCOUNTS + 1];
        private final int[] passiveCount = new int[ACCOUNTS + 1];
        private long claimed;
        private long timeNs = System.currentTimeMillis() * 1_000_000L;

        Workload(final long seed)
        {
            random = new SplittableRandom(seed);
        }

        void publish(final CommandPublisher publisher, final long commands)
        {
            for (int i = 1; i <= INSTRUMENTS; i++)
            {
                final CommandSlot slot = claim(publisher, 0);
                define.wrapAndApplyHeader(slot.buffer(), 0, header).instrumentId(i).symbol("BENCH" + i)
                    .priceDecimals((short)2).tickSize(1).lotSize(1).minQuantity(1).maxQuantity(1_000_000)
                    .lowPrice(5_000).highPrice(15_000);
                publish(publisher, slot, define.encodedLength());
            }
            for (long n = INSTRUMENTS + 1; n <= commands; n++)
            {
                if (n == commands - TAIL)
                {
                    final CommandSlot slot = claim(publisher, 0);
                    snapshot.wrapAndApplyHeader(slot.buffer(), 0, header).requestedBy(0);
                    publish(publisher, slot, snapshot.encodedLength());
                    continue;
                }
                final int account = 1 + random.nextInt(ACCOUNTS);
                final CommandSlot slot = claim(publisher, account);
                final int choice = random.nextInt(100);
                if ((choice < 40 && passiveCount[account] > 0) || passiveCount[account] == PASSIVE_PER_ACCOUNT)
                {
                    final long oldest = passive[account][passiveHead[account]];
                    passiveHead[account] = (passiveHead[account] + 1) % PASSIVE_PER_ACCOUNT;
                    passiveCount[account]--;
                    cancel.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0).orderId(0).origClOrdId(oldest);
                    publish(publisher, slot, cancel.encodedLength());
                }
                else
                {
                    final boolean buy = random.nextBoolean();
                    final boolean aggressive = choice >= 80;
                    final long offset = aggressive ? -random.nextInt(10) : 1 + random.nextInt(200);
                    newOrder.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0).clOrdId(++lastClOrdId[account])
                        .instrumentId(1 + random.nextInt(INSTRUMENTS)).side(buy ? Side.BUY : Side.SELL)
                        .ordType(OrdType.LIMIT).timeInForce(aggressive ? TimeInForce.IOC : TimeInForce.GTC)
                        .postOnly(BooleanType.FALSE).selfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
                        .price(buy ? 10_000 - offset : 10_000 + offset).quantity(1 + random.nextInt(100))
                        .displayQuantity(0).stopPrice(0);
                    publish(publisher, slot, newOrder.encodedLength());
                    if (!aggressive)
                    {
                        passive[account][(passiveHead[account] + passiveCount[account]++) % PASSIVE_PER_ACCOUNT] =
                            lastClOrdId[account];
                    }
                }
            }
        }

        private CommandSlot claim(final CommandPublisher publisher, final long account)
        {
            while ((claimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
            {
                Thread.onSpinWait();
            }
            timeNs += 1_000;
            return publisher.slot(claimed).header(account << 16, account, timeNs);
        }

        private void publish(final CommandPublisher publisher, final CommandSlot slot, final int bodyLength)
        {
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
            publisher.publish(claimed);
        }
    }
}
