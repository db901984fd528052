package io.matchpoint.gateway.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.DropCopyGrantEncoder;
import io.matchpoint.codec.sbe.DropCopyResetEncoder;
import io.matchpoint.codec.sbe.SetPriceCollarEncoder;
import io.matchpoint.codec.sbe.RiskLimitsAction;
import io.matchpoint.codec.sbe.RiskLimitsRequestEncoder;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.MatcherHandler;
import io.matchpoint.engine.pipeline.Pipeline;
import io.matchpoint.engine.pipeline.PipelineContext;
import io.matchpoint.engine.pipeline.ThreadingMode;
import io.matchpoint.journal.JournaledPipeline;
import io.matchpoint.journal.Recovery;

/**
 * A running engine behind a TCP gateway: the pipeline's agents (the matcher, and with a data directory the journal
 * stages, recovered from the journal before anything else happens) and the session agent, which owns every
 * connection (its read step, {@link GatewayAgent}, first on its thread and its write step, {@link SessionSender},
 * last), on the threads the pipeline context's {@link ThreadingMode} gives them. Lifecycle: construct (recovers, binds the port),
 * {@link #defineInstrument} for each start-up instrument, {@link #grantDropCopy} for each drop copy grant,
 * {@link #start()} (the gateway starts serving), and
 * {@link #close()}, which ends every session (cancel-on-disconnect applies), takes a snapshot, lets the rings drain
 * and stops the threads.
 * <p>
 * The inbound ring has one producer at a time: this object's thread until {@link #start()} and again once the
 * gateway agent has ended every session in {@link #close()}; the gateway agent in between.
 */
public final class GatewayServer implements AutoCloseable
{
    /** Beyond the linger time, how long a stopping server waits for its sessions' last housekeeping. */
    private static final long SHUTDOWN_GRACE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Pipeline pipeline;
    private final GatewayContext gatewayContext;
    private final CountersManager gatewayCountersBefore;
    private final JournaledPipeline journaled;
    private final GatewayAgent gateway;
    private final SessionSender sender;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final DefineInstrumentEncoder defineInstrument = new DefineInstrumentEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private final SessionClosedEncoder sessionClosed = new SessionClosedEncoder();
    private final DropCopyResetEncoder dropCopyReset = new DropCopyResetEncoder();
    private final DropCopyGrantEncoder dropCopyGrant = new DropCopyGrantEncoder();
    private final SetPriceCollarEncoder setPriceCollar = new SetPriceCollarEncoder();
    private final RiskLimitsRequestEncoder riskLimitsRequest = new RiskLimitsRequestEncoder();
    /** The drop copy grants of this start, as {drop copy account, watched account or 0}. */
    private final List<long[]> dropCopyGrants = new ArrayList<>();
    private boolean recoveredDropCopyGrants;
    private int sessionsClosedAtRestart;
    private long ownClaimed;
    private CommandSlot ownSlot;
    private final List<Integer> instrumentIds = new ArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final EpochNanoClock clock;
    private boolean serving;
    private boolean pipelineStarted;
    private boolean closed;

    /**
     * @param gatewayContext  sessions, limits, accounts.
     * @param pipelineContext rings, threading mode, idle strategies, engine capacity; its sender is set here.
     * @throws IOException if the listening port cannot be bound.
     */
    public GatewayServer(final GatewayContext gatewayContext, final PipelineContext pipelineContext)
        throws IOException
    {
        this(gatewayContext, pipelineContext, null);
    }

    /**
     * @param gatewayContext  sessions, limits, accounts.
     * @param pipelineContext rings, threading mode, idle strategies, engine capacity; its sender (and with a journal,
     *                        the journal stages and first sequence) are set here, and in the {@code shared} mode of the
     *                        default profile the shared thread's idle strategy (it waits in the gateway's select).
     * @param journal         the data directory to journal to and recover from; null for none.
     * @throws IOException if the port cannot be bound or the journal cannot be opened.
     */
    public GatewayServer(
        final GatewayContext gatewayContext, final PipelineContext pipelineContext, final JournalOptions journal)
        throws IOException
    {
        gatewayContext.conclude();
        this.gatewayContext = gatewayContext;
        clock = gatewayContext.clock();
        // the session agent's write step holds the sessions; the pipeline runs it as its sender, on the read step's thread
        sender = new SessionSender(gatewayContext, new SystemNanoClock(), journal == null ? null : journal.directory());
        pipelineContext.sender(sender);
        if (journal == null)
        {
            journaled = null;
            pipeline = new Pipeline(pipelineContext);
        }
        else
        {
            journaled = JournaledPipeline.open(journal.directory(), pipelineContext, clock,
                pipelineContext.errorHandler(), journal.log(), journal.faults());
            pipeline = journaled.pipeline();
        }
        // the pipeline's counters (the data directory's file, once the journal holds the directory) for all
        gatewayCountersBefore = gatewayContext.counters();
        gatewayContext.counters(pipelineContext.counters());
        sender.counters(pipelineContext.counters());
        if (pipelineContext.marketData() instanceof io.matchpoint.feed.MarketDataPublisher marketData)
        {
            marketData.counters(pipelineContext.counters());
        }
        try
        {
            gateway = new GatewayAgent(gatewayContext, pipeline.commandPublisher(), sender);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (journaled != null)
            {
                journaled.close(); // the port could not be bound: let the journal go for the next try
            }
            gatewayContext.counters(gatewayCountersBefore);
            throw ex;
        }
        if (pipelineContext.threadingMode() == ThreadingMode.SHARED && !gatewayContext.busySpin())
        {
            // one thread, and its only inputs are the gateway's sockets: it waits in select when idle
            final Function<String, IdleStrategy> others = pipelineContext.idleStrategies();
            final String gatewayThread = ThreadingMode.SHARED.threadOf(ThreadingMode.Roles.GATEWAY);
            pipelineContext.idleStrategies(name -> name.equals(gatewayThread) ?
                new SelectingIdleStrategy(gateway) : others.apply(name));
        }
    }

    /**
     * Publishes an instrument definition as a start-up command (journaled like any other). Call before
     * {@link #start()}: until then this thread is the ring's only producer.
     *
     * @param instrumentId   id.
     * @param symbol         1 to 8 ASCII characters.
     * @param priceDecimals  decimal places of the price unit.
     * @param tickSize       in price units.
     * @param lotSize        in quantity units.
     * @param minQuantity    smallest order quantity.
     * @param maxQuantity    largest order quantity.
     * @param lowPrice       lowest acceptable limit price.
     * @param highPrice      highest acceptable limit price.
     */
    public void defineInstrument(
        final int instrumentId,
        final String symbol,
        final int priceDecimals,
        final long tickSize,
        final long lotSize,
        final long minQuantity,
        final long maxQuantity,
        final long lowPrice,
        final long highPrice)
    {
        if (serving)
        {
            throw new IllegalStateException("instruments are defined before start()");
        }
        startPipeline();
        defineInstrument.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder)
            .instrumentId(instrumentId)
            .symbol(symbol)
            .priceDecimals((short)priceDecimals)
            .tickSize(tickSize)
            .lotSize(lotSize)
            .minQuantity(minQuantity)
            .maxQuantity(maxQuantity)
            .lowPrice(lowPrice)
            .highPrice(highPrice);
        publishOwnCommand(defineInstrument.encodedLength());
        instrumentIds.add(instrumentId);
    }

    /**
     * Sets an instrument's price collar as a start-up command (journaled like any other), after its definition.
     * Call before {@link #start()}.
     *
     * @param collarTicks ticks either side of the instrument's reference price; 0 lifts the collar.
     */
    public void setPriceCollar(final int instrumentId, final long collarTicks)
    {
        setPriceCollar(instrumentId, collarTicks, 0);
    }

    /**
     * Sets an instrument's price collar, in ticks or in basis points of its reference price (at most one above 0;
     * both 0 lift it), as a start-up command. Call before {@link #start()}; an admin changes it later.
     */
    public void setPriceCollar(final int instrumentId, final long collarTicks, final long basisPoints)
    {
        if (serving)
        {
            throw new IllegalStateException("price collars are set before start()");
        }
        startPipeline();
        setPriceCollar.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder)
            .instrumentId(instrumentId)
            .collarTicks(collarTicks)
            .basisPoints(basisPoints);
        publishOwnCommand(setPriceCollar.encodedLength());
    }

    /**
     * Sets an account's own pre-trade risk limits, or with {@link io.matchpoint.engine.match.MatchingEngine#ALL_ACCOUNTS}
     * the defaults, as a start-up command (journaled like any other). Call before {@link #start()}. Each limit is at
     * or above 0, or {@link io.matchpoint.engine.match.MatchingEngine#NO_LIMIT}.
     */
    public void setRiskLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final long maxOpenOrders,
        final long instrumentCredit,
        final long totalCredit,
        final long positionLimit)
    {
        if (serving)
        {
            throw new IllegalStateException("start-up risk limits are set before start(); an admin changes them later");
        }
        startPipeline();
        riskLimitsRequest.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder)
            .seqNum(0)
            .accountId(accountId)
            .action(RiskLimitsAction.SET)
            .maxOrderQuantity(maxOrderQuantity)
            .maxOrderNotional(maxOrderNotional)
            .maxOpenOrders(maxOpenOrders)
            .instrumentCredit(instrumentCredit)
            .totalCredit(totalCredit)
            .positionLimit(positionLimit);
        publishOwnCommand(riskLimitsRequest.encodedLength());
    }

    /**
     * Grants a drop copy account a copy of every execution report of an account (or of every account). Call before
     * {@link #start()}, once per grant: the grants of a start replace the last start's (journaled as start-up
     * commands, so a replay copies what the live server copied). The account's sessions must be read-only, which
     * the gateway's {@link AccountDirectory#isDropCopy} decides.
     *
     * @param dropCopyAccountId the account whose sessions receive the copies, as DropCopyReport.
     * @param accountId         the account watched, or 0 for every account.
     */
    public void grantDropCopy(final long dropCopyAccountId, final long accountId)
    {
        if (serving)
        {
            throw new IllegalStateException("drop copies are granted before start()");
        }
        if (dropCopyAccountId <= 0 || accountId < 0 || dropCopyAccountId == accountId)
        {
            throw new IllegalArgumentException("drop copy account " + dropCopyAccountId + " cannot watch " + accountId);
        }
        dropCopyGrants.add(new long[] { dropCopyAccountId, accountId });
    }

    /**
     * Journals this start's drop copy grants, in place of the last start's; nothing when neither has any, so a server
     * without drop copies journals no command for them.
     */
    private void publishDropCopyGrants()
    {
        if (dropCopyGrants.isEmpty() && !recoveredDropCopyGrants)
        {
            return;
        }
        dropCopyReset.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder).grantsFollowing(dropCopyGrants.size());
        publishOwnCommand(dropCopyReset.encodedLength());
        for (final long[] grant : dropCopyGrants)
        {
            dropCopyGrant.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder)
                .dropCopyAccountId(grant[0])
                .accountId(grant[1]);
            publishOwnCommand(dropCopyGrant.encodedLength());
        }
    }

    private void startPipeline()
    {
        if (!pipelineStarted)
        {
            pipelineStarted = true;
            // read before the agents start: the matcher changes its table of open sessions as soon as it runs
            final List<long[]> leftOpen = sessionsLeftOpen();
            recoveredDropCopyGrants = pipeline.matcher().service().hasDropCopyGrants();
            pipeline.start(gateway); // dormant until start(): this thread stays the ring's producer till then
            closeSessionsLeftOpen(leftOpen);
        }
    }

    /**
     * Starts serving connections (and the pipeline's agents, if no instrument started them), once the start-up
     * commands are processed.
     */
    public void start()
    {
        startPipeline();
        publishDropCopyGrants();
        if (!pipeline.awaitQuiet(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("the matcher did not process the start-up commands in time");
        }
        for (final int instrumentId : instrumentIds)
        {
            if (!pipeline.matcher().engine().hasInstrument(instrumentId))
            {
                throw new IllegalStateException("the definition of instrument " + instrumentId + " was rejected " +
                    "(is its price band wider than ticks-per-book ticks?)");
            }
        }
        serving = true;
        gateway.open();
    }

    /**
     * @return what recovery did at construction, null without a journal.
     */
    public Recovery.Report recovery()
    {
        return journaled == null ? null : journaled.recovery();
    }

    /**
     * @return true while the command journal cannot write (commands are refused with JOURNAL_UNAVAILABLE).
     */
    public boolean isJournalFailing()
    {
        return journaled != null && journaled.commandWriter().isFailing();
    }

    /**
     * @return where clients connect.
     */
    public InetSocketAddress localAddress()
    {
        return gateway.localAddress();
    }

    /**
     * @return the matcher, to inspect the core once {@link #awaitQuiet(long, TimeUnit)} says all is processed.
     */
    public MatcherHandler matcher()
    {
        return pipeline.matcher();
    }

    /**
     * @return the pipeline (thread ids, error counts).
     */
    public Pipeline pipeline()
    {
        return pipeline;
    }

    /**
     * @return the gateway I/O thread's id, or -1 before start.
     */
    public long gatewayThreadId()
    {
        return serving ? pipeline.threadId(ThreadingMode.Roles.GATEWAY) : -1;
    }

    /**
     * Waits until both rings' handlers have processed everything published so far.
     *
     * @param timeout at most this long.
     * @param unit    of the timeout.
     * @return true if quiet in time.
     */
    public boolean awaitQuiet(final long timeout, final TimeUnit unit)
    {
        return pipeline.awaitQuiet(timeout, unit);
    }

    /**
     * @return sessions the sender dropped for reading too slowly (approximate while running).
     */
    public long slowReadersDropped()
    {
        return sender.slowReadersDropped();
    }

    /**
     * @return how often the gateway stopped reading a session because the inbound ring was full.
     */
    public long backPressurePauses()
    {
        return gateway.pauses();
    }

    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (pipelineStarted)
        {
            // the gateway agent ends every session on its own thread; then this thread is the ring's producer again
            gateway.requestClose();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!gateway.isClosed() && System.nanoTime() - deadlineNs < 0)
            {
                awaitProgress();
            }
            if (journaled != null && gateway.isClosed())
            {
                publishSnapshotRequest(); // so the next start replays nothing
            }
            // the sessions' ends are commands on the ring: once they are through, give each its last words (the
            // Logout) and a clean close, for as long as a lingering close takes at most
            pipeline.awaitQuiet(5, TimeUnit.SECONDS);
            final long closedByNs = System.nanoTime() + GatewayAgent.LINGER_NS + SHUTDOWN_GRACE_NS;
            while (sender.pendingCloses() > 0 && System.nanoTime() - closedByNs < 0)
            {
                awaitProgress();
            }
        }
        if (journaled != null)
        {
            journaled.close();
        }
        else
        {
            pipeline.close();
        }
        gateway.onClose(); // the agent's own close when its thread ran it; when none started, here
        gatewayContext.counters(gatewayCountersBefore); // the journal's counters file may be unmapped now
        for (int i = closeAfter.size() - 1; i >= 0; i--)
        {
            org.agrona.CloseHelper.quietClose(closeAfter.get(i));
        }
    }

    /**
     * @param resource closed by {@link #close()} once the agents have stopped (the market data's transport, which its
     *                 agent uses to the end), in the reverse order of these calls.
     */
    public void closeAfter(final AutoCloseable resource)
    {
        closeAfter.add(resource);
    }

    /**
     * Lets the agents run while this thread waits for them: an invoker's are run here, threads are yielded to.
     */
    private void awaitProgress()
    {
        if (pipeline.host() != null && pipeline.host().isInvoker())
        {
            pipeline.invoke();
        }
        else
        {
            Thread.yield();
        }
    }

    /**
     * Sessions the journal says are open were cut by a crash: nobody journaled their end. Their end enters now, as a
     * command like any other, so that cancel-on-disconnect applies to them as it would have.
     */
    private void closeSessionsLeftOpen(final List<long[]> leftOpen)
    {
        for (final long[] session : leftOpen)
        {
            sessionClosed.wrapAndApplyHeader(claimOwnCommand(session[1]), 0, headerEncoder)
                .sessionId(session[0])
                .accountId(session[1])
                .cancelOnDisconnect(session[2] == 1 ? BooleanType.TRUE : BooleanType.FALSE)
                .reason(LogoutReason.SERVER_RESTART);
            publishOwnCommand(sessionClosed.encodedLength());
            sessionsClosedAtRestart++;
        }
    }

    /**
     * @return each session the recovered state has open, as {session id, account id, 1 if cancel-on-disconnect}, read
     * while no agent runs.
     */
    private List<long[]> sessionsLeftOpen()
    {
        final List<long[]> leftOpen = new ArrayList<>();
        pipeline.matcher().forEachOpenSession((sessionId, accountId, cancelOnDisconnect) ->
            leftOpen.add(new long[] { sessionId, accountId, cancelOnDisconnect ? 1 : 0 }));
        return leftOpen;
    }

    /**
     * @return sessions a crash had left open, ended at this start (cancel-on-disconnect applied where they asked).
     */
    public int sessionsClosedAtRestart()
    {
        return sessionsClosedAtRestart;
    }

    private void publishSnapshotRequest()
    {
        takeSnapshot.wrapAndApplyHeader(claimOwnCommand(0), 0, headerEncoder).requestedBy(0);
        publishOwnCommand(takeSnapshot.encodedLength());
    }

    /**
     * Claims a slot for one of the server's own commands (session 0), waiting for room. Only while this thread is the
     * ring's producer: before the gateway starts, or after it stopped.
     *
     * @return the slot's buffer, to encode the command into from offset 0.
     */
    private org.agrona.MutableDirectBuffer claimOwnCommand(final long accountId)
    {
        final CommandPublisher publisher = pipeline.commandPublisher();
        while ((ownClaimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
        {
            awaitProgress();
        }
        ownSlot = publisher.slot(ownClaimed).header(0, accountId, clock.nanoTime());
        return ownSlot.buffer();
    }

    private void publishOwnCommand(final int bodyLength)
    {
        ownSlot.length(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        pipeline.commandPublisher().publish(ownClaimed);
        gateway.wakeUp(); // a shared thread may be waiting in the gateway's select
    }
}
