package io.matchpoint.gateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.KillSwitchRequestDecoder;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedEncoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.SessionRejectEncoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.ThrottleRejectEncoder;
import io.matchpoint.codec.sbe.SnapshotRequestDecoder;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.codec.sbe.TradingStatusRequestDecoder;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;

/**
 * The session agent, which owns every connection whole, and its read step, the first of its duty cycle: accepts
 * connections, reads and frames bytes, validates every frame, runs the logon protocol, throttles, and publishes each
 * admissible command into the inbound ring with its session, account and receive time. One thread serves every
 * connection with a non-blocking selector; its write step ({@link SessionSender}) runs last on the same thread and
 * shares the {@link Session}s.
 * <p>
 * Only what changes the engine's state enters the ring (session opened, session closed, client and admin commands).
 * The answers to a session's own frames (session, throttle, logon and business rejects) are written by this agent
 * directly, and counted. It never blocks on the ring: when the ring is full it stops reading, leaving unread bytes in
 * the kernel so TCP pushes back on the clients, and resumes when space returns. Nothing a client sends is dropped
 * unanswered.
 */
public final class GatewayAgent implements Agent
{
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * Connections accepted in one duty cycle at most: a reconnect storm waits in the listen backlog (and then in its
     * clients' connection retries) instead of taking whole duty cycles from the sessions already served.
     */
    static final int ACCEPTS_PER_CYCLE = 16;
    /** How long a refused connection is kept, its input read and discarded, for its peer to read the answer. */
    static final long LINGER_NS = TimeUnit.SECONDS.toNanos(2);
    /** Bound but not yet serving: the start-up commands go first (the server's own thread publishes them). */
    private static final int DORMANT = 0;
    private static final int OPEN = 1;
    /** Asked to stop: ends every session, on its own thread, as commands on the ring. */
    private static final int CLOSING = 2;
    /** Every session ended and its end published: the ring's producer side is free for the server's thread. */
    private static final int CLOSED = 3;

    private final GatewayContext context;
    private final CommandPublisher publisher;
    private final SessionSender writeStep;
    private final EpochNanoClock clock;
    private final Selector selector;
    private final ServerSocketChannel serverChannel;
    private final Session[] sessions;
    private final LogonGate logonGate;
    private final GatewayCounters counters;
    private final AddressLimits addressLimits;
    private final LingeringCloser closer;
    private static final Consumer<SelectionKey> IGNORE_READY_KEY = key -> { };
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final FrameValidator validator = new FrameValidator();
    private final LogonDecoder logon = new LogonDecoder();
    private final TradingStatusRequestDecoder tradingStatusRequest = new TradingStatusRequestDecoder();
    private final KillSwitchRequestDecoder killSwitchRequest = new KillSwitchRequestDecoder();
    private final io.matchpoint.codec.sbe.RiskLimitsRequestDecoder riskLimitsRequest =
        new io.matchpoint.codec.sbe.RiskLimitsRequestDecoder();
    private final io.matchpoint.codec.sbe.PriceCollarRequestDecoder priceCollarRequest =
        new io.matchpoint.codec.sbe.PriceCollarRequestDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SessionOpenedEncoder sessionOpened = new SessionOpenedEncoder();
    private final SessionClosedEncoder sessionClosed = new SessionClosedEncoder();
    private final SessionRejectEncoder sessionReject = new SessionRejectEncoder();
    private final ThrottleRejectEncoder throttleReject = new ThrottleRejectEncoder();
    private final BusinessRejectEncoder businessReject = new BusinessRejectEncoder();
    private final LogonRejectedEncoder logonRejected = new LogonRejectedEncoder();
    /** An answer being encoded: framed here for a connection not logged on, or handed to the write step without. */
    private final ByteBuffer directReply = ByteBuffer.allocateDirect(MessageLimits.MAX_FRAME_LENGTH);
    private final UnsafeBuffer answer = new UnsafeBuffer(directReply, SofhFlyweight.HEADER_LENGTH,
        MessageLimits.MAX_FRAME_LENGTH - SofhFlyweight.HEADER_LENGTH);
    private final UnsafeBuffer directReplyView = new UnsafeBuffer(directReply);
    private long nowNs;
    private long nextSnapshotNs;
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private long nextTimerCheckNs;
    private long dutyCycle;
    private int awaitingEngineCount;
    private int pausedCount;
    private int deferredCount;
    // written by the server's thread to open and close, read each duty cycle: a plain load on x86
    private volatile int lifecycle = DORMANT;
    // single writer (this thread), volatile so that monitoring threads read a fresh value; a rare event
    private volatile long pauses;

    /**
     * Binds the listening socket.
     *
     * @param context   concluded here.
     * @param publisher the inbound ring's producer side; this agent is its only user once started.
     * @param writeStep the agent's write step, which holds the sessions; the pipeline runs it as its sender, after
     *                  this step, on the same thread.
     * @throws IOException if the port cannot be bound.
     */
    GatewayAgent(final GatewayContext context, final CommandPublisher publisher, final SessionSender writeStep)
        throws IOException
    {
        this.context = context.conclude();
        this.publisher = publisher;
        this.writeStep = writeStep;
        this.clock = context.clock();
        sessions = writeStep.sessions();
        counters = new GatewayCounters(context.counters());
        logonGate = new LogonGate(this.context);
        addressLimits = new AddressLimits(context.addressThrottleMessages(), context.logonsPerAddress(),
            context.throttleWindowNs(), context.logonRateWindowNs());
        closer = new LingeringCloser(context.maxSessions(), LINGER_NS);
        selector = Selector.open();
        serverChannel = ServerSocketChannel.open();
        try
        {
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(context.bindAddress(), 256);
            serverChannel.configureBlocking(false);
            serverChannel.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(serverChannel, selector);
            throw ex;
        }
    }

    /**
     * @return the address the gateway listens on (with the port the OS chose, if port 0 was asked for).
     */
    public InetSocketAddress localAddress()
    {
        try
        {
            return (InetSocketAddress)serverChannel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public String roleName()
    {
        return "gateway";
    }

    /**
     * Starts serving connections (those that arrived meanwhile wait in the listen backlog). Before this the agent does
     * nothing, and the thread that calls this may publish to the inbound ring; after it, only the agent does.
     */
    void open()
    {
        lifecycle = OPEN;
        selector.wakeup();
    }

    /**
     * Asks the agent to end every session ({@code SERVER_SHUTDOWN}, so cancel-on-disconnect applies) on its own
     * thread; {@link #isClosed()} says when it is done and the ring's producer side is free again.
     */
    void requestClose()
    {
        lifecycle = CLOSING;
        selector.wakeup();
    }

    /**
     * Wakes the thread if it waits in {@link #awaitIo(long)}: for another thread that published to the inbound ring.
     */
    void wakeUp()
    {
        if (selector.isOpen())
        {
            selector.wakeup();
        }
    }

    /**
     * @return true once every session has ended and its end is on the ring (after {@link #requestClose()}).
     */
    boolean isClosed()
    {
        return lifecycle == CLOSED;
    }

    /**
     * @return whether the agent serves connections now (opened and not yet closing).
     */
    boolean isServing()
    {
        return lifecycle == OPEN;
    }

    /**
     * @return whether some session is not being read because the inbound ring was full: its socket stays readable,
     * so waiting in {@code select} would not wait.
     */
    boolean hasPausedSessions()
    {
        return pausedCount > 0;
    }

    /**
     * Waits in {@code select} until a socket has something for this agent, the timeout passes, or
     * {@link Selector#wakeup()}; the next duty cycle handles what arrived. For an idle strategy on a thread whose
     * only inputs are this agent's sockets and timers.
     *
     * @param timeoutMs at most this long.
     * @throws IOException if the selector fails.
     */
    void awaitIo(final long timeoutMs) throws IOException
    {
        // only waits: the duty cycle's selectNow finds the same keys ready again (epoll is level-triggered), and the
        // action form keeps the selector's key set untouched (adding to it allocates a node per key)
        selector.select(IGNORE_READY_KEY, timeoutMs);
    }

    public int doWork() throws IOException
    {
        final int lifecycle = this.lifecycle;
        if (lifecycle != OPEN)
        {
            return lifecycle == CLOSING ? endEverySession() : 0;
        }
        return doWork(clock.nanoTime());
    }

    /**
     * One duty cycle at the given time: drop requests, paused sessions, whatever the sockets have, then the timers.
     *
     * @param nowNs the time, from the context's clock.
     * @return the work done.
     * @throws IOException if the selector fails.
     */
    int doWork(final long nowNs) throws IOException
    {
        this.nowNs = nowNs;
        dutyCycle++;
        int work = 0;
        if (writeStep.notices() > 0)
        {
            work += takeNotices();
        }
        if (pausedCount > 0)
        {
            work += resumePaused();
        }
        if (deferredCount > 0)
        {
            work += resumeDeferred();
        }
        // never blocks: waiting belongs to the thread's idle strategy, which knows what else runs on the thread
        work += selector.selectNow(onSelected);
        if (nowNs - nextTimerCheckNs >= 0)
        {
            nextTimerCheckNs = nowNs + TIMER_INTERVAL_NS;
            work += checkTimers();
            // on the timer, not every cycle: refused connections must not cost the live sessions a read each cycle
            work += closer.doWork(nowNs);
        }
        return work;
    }

    private void onSelected(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            accept();
        }
        else if (key.isReadable())
        {
            read((Session)key.attachment());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connections
    // ---------------------------------------------------------------------------------------------------------------

    private void accept()
    {
        SocketChannel channel;
        try
        {
            int accepted = 0;
            while (accepted < ACCEPTS_PER_CYCLE && (channel = serverChannel.accept()) != null)
            {
                accepted++;
                counters.connections.incrementRelease();
                onAccepted(channel);
            }
        }
        catch (final IOException ignore)
        {
            // a connection reset before we accepted it: nothing to answer
        }
    }

    private void onAccepted(final SocketChannel channel)
    {
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (context.socketSendBufferBytes() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, context.socketSendBufferBytes());
            }
            final Session session = freeSession();
            if (session == null)
            {
                replyLogonRejectedAndClose(channel, LogonRejectReason.SERVER_FULL, 0);
                return;
            }
            final InetAddress peer = ((InetSocketAddress)channel.getRemoteAddress()).getAddress();
            final SharedLimits limits = addressLimits.acquire(peer, nowNs);
            if (logonGate.refusesAtConnect(peer, limits, nowNs))
            {
                // its Logon would be refused whatever it said: answered now, never registered or read
                addressLimits.release(limits);
                replyLogonRejectedAndClose(channel, logonGate.reason(), logonGate.retryAfterMs());
                return;
            }
            final SelectionKey key;
            try
            {
                key = channel.register(selector, SelectionKey.OP_READ, session);
            }
            catch (final IOException ex)
            {
                addressLimits.release(limits);
                throw ex;
            }
            session.open(channel, key, peer, nowNs);
            session.addressLimits = limits;
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
        }
    }

    private Session freeSession()
    {
        for (final Session session : sessions)
        {
            if (session.state == Session.FREE && session.isReusable())
            {
                return session;
            }
        }
        for (final Session session : sessions)
        {
            if (session.isReusable())
            {
                session.free();
                return session;
            }
        }
        return null;
    }

    private void read(final Session session)
    {
        if (session.paused || session.deferred || session.state == Session.ENDED ||
            session.state == Session.FREE)
        {
            return; // what it has already read goes first; the socket stays readable for later
        }
        final int bytesRead;
        try
        {
            bytesRead = session.channel.read(session.readBuffer);
        }
        catch (final IOException ex)
        {
            onPeerGone(session, LogoutReason.IO_ERROR);
            return;
        }
        if (bytesRead < 0)
        {
            onPeerGone(session, LogoutReason.PEER_CLOSED);
            return;
        }
        if (bytesRead > 0)
        {
            counters.bytesIn.getAndAddRelease(bytesRead);
            session.lastReceiveNs = nowNs;
            parseFrames(session);
        }
    }

    private void onPeerGone(final Session session, final LogoutReason reason)
    {
        // a session the engine has not yet accepted has read none of its frames: they go with it, unanswered (a
        // client that closes before its logon is answered has not waited for the session it asked for)
        if (session.readBuffer.position() > 0 && session.state == Session.ACTIVE && !session.awaitingEngine)
        {
            // a frame cut short by the peer's close: say so (best effort) before the session ends
            rejectFrame(session, SessionRejectReason.BAD_LENGTH, 0, 0, MessageLimits.MAX_FRAME_LENGTH);
            return;
        }
        endSession(session, reason);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frames
    // ---------------------------------------------------------------------------------------------------------------

    private void parseFrames(final Session session)
    {
        final ByteBuffer readBuffer = session.readBuffer;
        final UnsafeBuffer view = session.readView;
        final int limit = readBuffer.position();
        int offset = 0;
        if (session.dutyCycle != dutyCycle)
        {
            session.dutyCycle = dutyCycle;
            session.framesThisCycle = 0;
        }
        while (limit - offset >= SofhFlyweight.HEADER_LENGTH && isReadable(session))
        {
            // the budget is the cycle's, however many times the session is parsed in it (its leftovers, then a read)
            if (session.framesThisCycle == context.framesPerSessionTurn())
            {
                defer(session); // the others' turn: the rest of its frames go first in the next cycle
                break;
            }
            final SessionRejectReason badFraming = validator.checkFraming(view, offset);
            if (badFraming != null)
            {
                rejectFrame(session, badFraming, 0, 0, validator.expected());
                return;
            }
            final long frameLength = SofhFlyweight.messageLength(view, offset);
            if (limit - offset < frameLength)
            {
                break;
            }
            if (!onFrame(session, offset + SofhFlyweight.HEADER_LENGTH, (int)frameLength - SofhFlyweight.HEADER_LENGTH))
            {
                pause(session);
                break;
            }
            offset += (int)frameLength;
            session.framesThisCycle++;
        }
        if (session.state == Session.ENDED || session.state == Session.FREE)
        {
            return;
        }
        if (offset > 0)
        {
            view.putBytes(0, view, offset, limit - offset);
            readBuffer.position(limit - offset);
        }
    }

    private static boolean isReadable(final Session session)
    {
        return (session.state == Session.ACTIVE && !session.awaitingEngine) ||
            session.state == Session.AWAITING_LOGON;
    }

    /**
     * @return false, having done nothing, when the inbound ring lacks the space this frame may need.
     */
    private boolean onFrame(final Session session, final int offset, final int length)
    {
        // every outcome of one frame publishes at most one command (the command itself, or the session's end)
        if (session.state == Session.ACTIVE && !publisher.hasCapacity(1))
        {
            return false;
        }
        final UnsafeBuffer view = session.readView;
        final SessionRejectReason invalid = validator.checkMessage(view, offset, length);
        final int templateId = validator.templateId();
        if (invalid != null)
        {
            rejectFrame(session, invalid, 0, templateId, validator.expected());
            return true;
        }
        final int expectedBlockLength = validator.blockLength();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long seqNum = view.getLong(bodyOffset, ByteOrder.LITTLE_ENDIAN);

        if (session.state == Session.AWAITING_LOGON)
        {
            if (templateId != LogonDecoder.TEMPLATE_ID)
            {
                rejectFrame(session, SessionRejectReason.NOT_LOGGED_ON, seqNum, templateId, LogonDecoder.TEMPLATE_ID);
                return true;
            }
            if (!publisher.hasCapacity(1))
            {
                return false; // the logon waits in the buffer for room for its SessionOpened
            }
            onLogon(session, logon.wrap(view, bodyOffset, expectedBlockLength, validator.version()));
            return true;
        }

        if (seqNum != session.expectedSeqNum)
        {
            rejectFrame(session, SessionRejectReason.BAD_SEQUENCE_NUMBER, seqNum, templateId, session.expectedSeqNum);
            return true;
        }
        session.expectedSeqNum++;

        if (session.dropCopy && templateId != HeartbeatDecoder.TEMPLATE_ID &&
            templateId != LogoutDecoder.TEMPLATE_ID && templateId != LogonDecoder.TEMPLATE_ID)
        {
            // read-only: the request goes no further
            refuse(session, seqNum, templateId, 0, RejectReason.NOT_PERMITTED);
            return true;
        }

        switch (templateId)
        {
            case HeartbeatDecoder.TEMPLATE_ID:
                break;

            case LogoutDecoder.TEMPLATE_ID:
                endSession(session, LogoutReason.CLIENT_LOGOUT);
                break;

            case LogonDecoder.TEMPLATE_ID:
                // refused, unsequenced; the session carries on as it was
                answerLogonRejected(session, LogonRejectReason.ALREADY_LOGGED_ON);
                break;

            case SnapshotRequestDecoder.TEMPLATE_ID:
                if (!session.admin)
                {
                    refuse(session, seqNum, templateId, 0, RejectReason.NOT_PERMITTED);
                    break;
                }
                publishCommand(session, view, offset, length, seqNum, templateId);
                break;

            case KillSwitchRequestDecoder.TEMPLATE_ID:
                killSwitchRequest.wrap(view, bodyOffset, expectedBlockLength, validator.version());
                if (!session.admin || !context.accounts().isKnown(killSwitchRequest.accountId()))
                {
                    // an account no one can log on to: a typo, which must not report a kill that stops nobody
                    refuse(session, seqNum, templateId, 0,
                        session.admin ? RejectReason.UNKNOWN_ACCOUNT : RejectReason.NOT_PERMITTED);
                    break;
                }
                publishCommand(session, view, offset, length, seqNum, templateId);
                break;

            case io.matchpoint.codec.sbe.RiskLimitsRequestDecoder.TEMPLATE_ID:
                riskLimitsRequest.wrap(view, bodyOffset, expectedBlockLength, validator.version());
                final long limitsAccount = riskLimitsRequest.accountId();
                final boolean defaults = limitsAccount == io.matchpoint.engine.match.MatchingEngine.ALL_ACCOUNTS;
                if (!session.admin || !defaults && !context.accounts().isKnown(limitsAccount))
                {
                    // limits for an account no one can log on to: a typo, which must not register one in the core
                    refuse(session, seqNum, templateId, 0,
                        session.admin ? RejectReason.UNKNOWN_ACCOUNT : RejectReason.NOT_PERMITTED);
                    break;
                }
                publishCommand(session, view, offset, length, seqNum, templateId);
                break;

            case io.matchpoint.codec.sbe.PriceCollarRequestDecoder.TEMPLATE_ID:
                if (!session.admin)
                {
                    priceCollarRequest.wrap(view, bodyOffset, expectedBlockLength, validator.version());
                    refuse(session, seqNum, templateId, priceCollarRequest.instrumentId(), RejectReason.NOT_PERMITTED);
                    break;
                }
                publishCommand(session, view, offset, length, seqNum, templateId);
                break;

            case TradingStatusRequestDecoder.TEMPLATE_ID:
                if (!session.admin)
                {
                    tradingStatusRequest.wrap(view, bodyOffset, expectedBlockLength, validator.version());
                    refuse(session, seqNum, templateId, tradingStatusRequest.instrumentId(),
                        RejectReason.NOT_PERMITTED);
                    break;
                }
                publishCommand(session, view, offset, length, seqNum, templateId);
                break;

            default:
                publishCommand(session, view, offset, length, seqNum, templateId);
        }
        return true;
    }

    private void publishCommand(
        final Session session,
        final UnsafeBuffer view,
        final int offset,
        final int length,
        final long seqNum,
        final int templateId)
    {
        if (admitted(session, seqNum, templateId))
        {
            publisher.offer(session.sessionId, session.accountId, nowNs, view, offset, length);
        }
    }

    /**
     * Answers a request the session may not make with a business reject, within the same limits as any message (a
     * flood of refused requests is throttled and ends the session like any other flood).
     */
    private void refuse(
        final Session session, final long seqNum, final int templateId, final int instrumentId,
        final RejectReason reason)
    {
        if (admitted(session, seqNum, templateId))
        {
            answerBusinessReject(session, templateId, instrumentId, reason);
        }
    }

    /**
     * Takes a message from the session's, its account's and its address's limits; a message over one is answered
     * with a throttle reject naming it (and too many of those end the session) and goes no further.
     *
     * @return whether the message is within every limit.
     */
    private boolean admitted(final Session session, final long seqNum, final int templateId)
    {
        final RateLimiter accountMessages = logonGate.accountLimits(session.accountId).messages;
        final RateLimiter addressMessages = session.addressLimits.messages;
        final boolean accountAdmits = accountMessages.admits(nowNs);
        final boolean addressAdmits = addressMessages.admits(nowNs);
        if (!accountAdmits || !addressAdmits || !session.throttle.tryAcquire(nowNs))
        {
            // the answer names the limit that was hit: the account's, the address's, or the session's own
            if (!accountAdmits)
            {
                answerThrottleReject(session, seqNum, templateId, accountMessages.limit(), accountMessages.windowNs());
            }
            else if (!addressAdmits)
            {
                answerThrottleReject(session, seqNum, templateId, addressMessages.limit(), addressMessages.windowNs());
            }
            else
            {
                answerThrottleReject(
                    session, seqNum, templateId, session.throttle.maxMessages(), session.throttle.windowNs());
            }
            if (nowNs - session.throttleRejectWindowStartNs >= context.throttleWindowNs())
            {
                session.throttleRejectWindowStartNs = nowNs;
                session.throttleRejects = 0;
            }
            if (++session.throttleRejects >= context.throttleRejectsBeforeClose())
            {
                endSession(session, LogoutReason.THROTTLE_ABUSE);
            }
            return false;
        }
        accountMessages.take(nowNs);
        addressMessages.take(nowNs);
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Logon
    // ---------------------------------------------------------------------------------------------------------------

    private void onLogon(final Session session, final LogonDecoder logon)
    {
        final long accountId = logonGate.admit(logon, session.peer, session.addressLimits, nowNs);
        if (accountId == LogonGate.REFUSED)
        {
            replyLogonRejected(session, logonGate.reason(), logonGate.retryAfterMs());
            return;
        }
        final long heartbeatIntervalMs = logon.heartbeatIntervalMs();
        final long lastSeqNum = logon.lastSeqNum();
        counters.sessionsOpen.incrementRelease();
        session.sessionId = SessionIds.sessionId(publisher.nextSequence(), session.slot);
        session.accountId = accountId;
        session.admin = context.accounts().isAdmin(accountId);
        session.dropCopy = context.accounts().isDropCopy(accountId);
        // a drop copy session enters no order: nothing of its to cancel
        session.cancelOnDisconnect = !session.dropCopy && logon.cancelOnDisconnectRaw() == BooleanType.TRUE.value();
        session.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        session.expectedSeqNum = 2;
        session.state = Session.ACTIVE;
        session.awaitingEngine = true;
        awaitingEngineCount++;
        session.held = true;

        final long claimed = publisher.tryClaim();
        final CommandSlot slot = publisher.slot(claimed).header(session.sessionId, accountId, nowNs);
        sessionOpened.wrapAndApplyHeader(slot.buffer(), 0, headerEncoder)
            .sessionId(session.sessionId)
            .accountId(accountId)
            .heartbeatIntervalMs(heartbeatIntervalMs)
            .cancelOnDisconnect(session.cancelOnDisconnect ? BooleanType.TRUE : BooleanType.FALSE)
            .lastSeqNum(lastSeqNum);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + sessionOpened.encodedLength());
        publisher.publish(claimed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Replies and session ends
    // ---------------------------------------------------------------------------------------------------------------

    private void rejectFrame(
        final Session session,
        final SessionRejectReason reason,
        final long refSeqNum,
        final int refTemplateId,
        final long expected)
    {
        counters.frameRejects.incrementRelease();
        // unsequenced, as every answer outside an account's stream
        sessionReject.wrapAndApplyHeader(answer, 0, headerEncoder)
            .seqNum(0)
            .reason(reason)
            .refSeqNum(refSeqNum)
            .refTemplateId(refTemplateId)
            .expected(expected);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + sessionReject.encodedLength();
        if (session.state == Session.ACTIVE)
        {
            // the reject goes out ahead of the logout, which follows the session's last events
            writeStep.answer(session, answer, length);
            endSession(session, LogoutReason.SESSION_REJECT);
        }
        else
        {
            replyDirectAndClose(session, length);
        }
    }

    private void replyLogonRejected(final Session session, final LogonRejectReason reason, final long retryMs)
    {
        counters.logonsRejected.incrementRelease();
        encodeLogonRejected(reason, retryMs);
        replyDirectAndClose(session, MessageHeaderEncoder.ENCODED_LENGTH + logonRejected.encodedLength());
    }

    private void replyLogonRejectedAndClose(
        final SocketChannel channel, final LogonRejectReason reason, final long retryMs)
    {
        counters.logonsRejected.incrementRelease();
        encodeLogonRejected(reason, retryMs);
        writeDirect(channel, MessageHeaderEncoder.ENCODED_LENGTH + logonRejected.encodedLength());
        closer.close(channel, nowNs);
    }

    private void encodeLogonRejected(final LogonRejectReason reason, final long retryMs)
    {
        logonRejected.wrapAndApplyHeader(answer, 0, headerEncoder)
            .seqNum(0)
            .reason(reason)
            .retryAfterMs(Math.min(retryMs, LogonRejectedEncoder.retryAfterMsMaxValue()));
    }

    /**
     * Answers a connection that never logged on (the write step does not know it) and closes it at once.
     */
    private void replyDirectAndClose(final Session session, final int sbeLength)
    {
        writeDirect(session.channel, sbeLength);
        closeUnregistered(session);
    }

    /**
     * Closes a connection that never logged on: the write step never knew it, so this step closes it (lingering, so
     * that the answer just written is not lost to a reset) and frees the slot.
     */
    private void closeUnregistered(final Session session)
    {
        releaseAddressLimits(session);
        session.key.cancel();
        closer.close(session.channel, nowNs);
        unpause(session);
        undefer(session);
        session.free();
    }

    private void defer(final Session session)
    {
        if (!session.deferred)
        {
            session.deferred = true;
            deferredCount++;
        }
    }

    private void undefer(final Session session)
    {
        if (session.deferred)
        {
            session.deferred = false;
            deferredCount--;
        }
    }

    private int resumeDeferred()
    {
        int resumed = 0;
        for (final Session session : sessions)
        {
            if (session.deferred)
            {
                undefer(session);
                if (isReadable(session) && !session.paused)
                {
                    parseFrames(session);
                    resumed++;
                }
            }
        }
        return resumed;
    }

    private void unpause(final Session session)
    {
        if (session.paused)
        {
            session.paused = false;
            pausedCount--;
        }
    }

    private void writeDirect(final SocketChannel channel, final int sbeLength)
    {
        SofhFlyweight.wrapSbe(directReplyView, 0, sbeLength);
        directReply.clear().limit(SofhFlyweight.HEADER_LENGTH + sbeLength);
        try
        {
            channel.write(directReply); // a fresh socket's send buffer takes one small frame
        }
        catch (final IOException ignore)
        {
            // the peer is already gone: nobody to tell
        }
    }

    private void answerLogonRejected(final Session session, final LogonRejectReason reason)
    {
        counters.logonsRejected.incrementRelease();
        encodeLogonRejected(reason, 0);
        writeStep.answer(session, answer, MessageHeaderEncoder.ENCODED_LENGTH + logonRejected.encodedLength());
    }

    private void answerThrottleReject(
        final Session session,
        final long refSeqNum,
        final int refTemplateId,
        final int maxMessages,
        final long windowNs)
    {
        counters.throttleRejects.incrementRelease();
        throttleReject.wrapAndApplyHeader(answer, 0, headerEncoder)
            .seqNum(0)
            .refSeqNum(refSeqNum)
            .refTemplateId(refTemplateId)
            .maxMessages(maxMessages)
            .windowMs(TimeUnit.NANOSECONDS.toMillis(windowNs));
        writeStep.answer(session, answer, MessageHeaderEncoder.ENCODED_LENGTH + throttleReject.encodedLength());
    }

    private void answerBusinessReject(
        final Session session, final int refTemplateId, final int instrumentId, final RejectReason reason)
    {
        counters.businessRejects.incrementRelease();
        businessReject.wrapAndApplyHeader(answer, 0, headerEncoder)
            .seqNum(0)
            .transactTime(nowNs)
            .refTemplateId(refTemplateId)
            .instrumentId(instrumentId)
            .reason(reason);
        writeStep.answer(session, answer, MessageHeaderEncoder.ENCODED_LENGTH + businessReject.encodedLength());
    }

    /**
     * Ends a session: a logged-on one by publishing its end as a command (the matcher applies cancel-on-disconnect;
     * when the end comes back as an event, the write step says goodbye, closes the socket and gives the slot back);
     * one that never logged on by closing it.
     */
    private void endSession(final Session session, final LogoutReason reason)
    {
        if (session.state == Session.AWAITING_LOGON)
        {
            closeUnregistered(session);
            return;
        }
        if (session.state != Session.ACTIVE)
        {
            return;
        }
        session.state = Session.ENDED;
        releaseAddressLimits(session);
        session.key.cancel();
        unpause(session);
        undefer(session);
        if (session.awaitingEngine)
        {
            // the engine never accepted it, and none of its commands was read: its end cancels nothing
            session.cancelOnDisconnect = false;
            session.awaitingEngine = false;
            awaitingEngineCount--;
        }
        logonGate.onSessionEnded(session.accountId);
        counters.sessionsOpen.decrementRelease();
        session.pendingEndReason = reason.value();
        publishPendingEnd(session);
    }

    private void releaseAddressLimits(final Session session)
    {
        if (session.addressLimits != null)
        {
            addressLimits.release(session.addressLimits);
            session.addressLimits = null;
        }
    }

    private boolean publishPendingEnd(final Session session)
    {
        final long claimed = publisher.tryClaim();
        if (claimed == CommandPublisher.RING_FULL)
        {
            return false; // retried by the timer until the ring has room: a session's end is never lost
        }
        final CommandSlot slot = publisher.slot(claimed).header(session.sessionId, session.accountId, nowNs);
        sessionClosed.wrapAndApplyHeader(slot.buffer(), 0, headerEncoder)
            .sessionId(session.sessionId)
            .accountId(session.accountId)
            .cancelOnDisconnect(session.cancelOnDisconnect ? BooleanType.TRUE : BooleanType.FALSE)
            .reason(LogoutReason.get((short)session.pendingEndReason));
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + sessionClosed.encodedLength());
        publisher.publish(claimed);
        session.pendingEndReason = 0;
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Back pressure, drop requests, timers
    // ---------------------------------------------------------------------------------------------------------------

    private void pause(final Session session)
    {
        // Interest ops stay as they are: changing them costs the JDK's epoll selector a boxed map entry each time.
        // A paused session is simply not read, so its bytes wait in the kernel and TCP pushes back on the client.
        if (!session.paused)
        {
            session.paused = true;
            pausedCount++;
            pauses++;
            counters.ringFullPauses.incrementRelease();
        }
    }

    private int resumePaused()
    {
        int resumed = 0;
        for (final Session session : sessions)
        {
            if (session.paused && publisher.hasCapacity(1))
            {
                unpause(session);
                parseFrames(session);
                if (!session.paused)
                {
                    resumed++;
                }
            }
        }
        return resumed;
    }

    /**
     * What the write step noticed since the last duty cycle: logons the engine accepted (their commands, waiting in
     * the read buffer, are read from now on) and sessions to end (slow readers, failed writes, logons the engine
     * refused).
     */
    private int takeNotices()
    {
        int work = 0;
        for (final Session session : sessions)
        {
            if (session.engineAccepted)
            {
                session.engineAccepted = false;
                if (session.awaitingEngine)
                {
                    session.awaitingEngine = false;
                    awaitingEngineCount--;
                    defer(session); // parsed first in this cycle's resumeDeferred
                    work++;
                }
            }
            final int reason = session.endRequest;
            if (reason != 0)
            {
                session.endRequest = 0;
                if (session.state == Session.ACTIVE)
                {
                    endSession(session, LogoutReason.get((short)reason));
                    work++;
                }
            }
        }
        writeStep.noticesTaken();
        return work;
    }

    private int checkTimers()
    {
        counters.heartbeatEpochMs.setRelease(clock.nanoTime() / 1_000_000);
        int work = 0;
        if (context.snapshotIntervalNs() > 0 && nowNs - nextSnapshotNs >= 0)
        {
            if (nextSnapshotNs != 0 && publisher.hasCapacity(1))
            {
                final long claimed = publisher.tryClaim();
                final CommandSlot slot = publisher.slot(claimed).header(0, 0, nowNs);
                takeSnapshot.wrapAndApplyHeader(slot.buffer(), 0, headerEncoder).requestedBy(0);
                slot.length(MessageHeaderEncoder.ENCODED_LENGTH + takeSnapshot.encodedLength());
                publisher.publish(claimed);
                work++;
            }
            nextSnapshotNs = nowNs + context.snapshotIntervalNs();
        }
        for (final Session session : sessions)
        {
            switch (session.state)
            {
                case Session.AWAITING_LOGON:
                    if (nowNs - session.connectedNs > context.logonTimeoutNs())
                    {
                        rejectFrame(session, SessionRejectReason.LOGON_TIMEOUT, 0, 0, 0);
                        work++;
                    }
                    break;

                case Session.ACTIVE:
                    if (nowNs - session.lastReceiveNs > context.heartbeatTimeoutIntervals() * session.heartbeatIntervalNs)
                    {
                        endSession(session, LogoutReason.HEARTBEAT_TIMEOUT);
                        work++;
                    }
                    break;

                case Session.ENDED:
                    if (session.pendingEndReason != 0 && publishPendingEnd(session))
                    {
                        work++;
                    }
                    break;

                default:
                    break;
            }
        }
        return work;
    }

    /**
     * The duty cycle of a closing agent: ends every logged-on session with reason {@code SERVER_SHUTDOWN}
     * (cancel-on-disconnect applies) and closes the others, publishing each end as the ring makes room (never waiting
     * for it: on a shared thread the ring drains between duty cycles), then reports itself closed.
     */
    private int endEverySession()
    {
        nowNs = clock.nanoTime();
        int work = 0;
        boolean pending = false;
        for (final Session session : sessions)
        {
            if (session.state == Session.ACTIVE || session.state == Session.AWAITING_LOGON)
            {
                endSession(session, LogoutReason.SERVER_SHUTDOWN);
                work++;
            }
            else if (session.state == Session.ENDED && session.pendingEndReason != 0)
            {
                if (publishPendingEnd(session))
                {
                    work++;
                }
                else
                {
                    pending = true;
                }
            }
        }
        if (closer.lingering() > 0)
        {
            work += closer.doWork(nowNs);
        }
        if (!pending && work == 0 && closer.lingering() == 0)
        {
            lifecycle = CLOSED; // refused connections closed too: a stopping server waits for this
        }
        return work;
    }

    public void onClose()
    {
        closer.closeAll();
        CloseHelper.quietCloseAll(serverChannel, selector);
    }

    /**
     * @return how often a session stopped being read because the inbound ring was full.
     */
    long pauses()
    {
        return pauses;
    }
}
