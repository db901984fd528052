package io.matchpoint.engine.pipeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import com.lmax.disruptor.EventHandler;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectEncoder;
import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.DefineInstrumentDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.MassCancelDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.ReplaceOrderDecoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SnapshotRequestDecoder;
import io.matchpoint.codec.sbe.TakeSnapshotDecoder;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestDecoder;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SavedEngineState;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * The matcher: the single writer of all book state. Decodes each sequenced command with flyweights created once,
 * calls the matching core, and lets {@link EventProxy} encode what the core reports into the outbound ring. The
 * busiest command is tested first. Everything it reads comes from the slot, so the same command stream always
 * yields the same events.
 */
public final class MatcherHandler implements EventHandler<CommandSlot>
{
    /** First int of a saved state: "MPST". */
    private static final int STATE_MAGIC = 0x4D505354;
    /** Bumped whenever the saved layout changes; an older snapshot is then skipped and the journal replayed. */
    private static final int STATE_FORMAT = 4;
    /** What {@link #openSessions} answers for a session that is not open (not the core's "no session", 0). */
    private static final long NOT_OPEN = -1;

    private final MatchingEngine engine;
    private final EventProxy events;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final TradingStatusRequestDecoder tradingStatusRequest = new TradingStatusRequestDecoder();
    private final SessionOpenedDecoder sessionOpened = new SessionOpenedDecoder();
    private final SessionClosedDecoder sessionClosed = new SessionClosedDecoder();
    private final DefineInstrumentDecoder defineInstrument = new DefineInstrumentDecoder();
    private final InstrumentDirectory instruments;
    private final StringBuilder symbol = new StringBuilder(InstrumentDirectory.SYMBOL_LENGTH);
    private final byte[] symbolBytes = new byte[InstrumentDirectory.SYMBOL_LENGTH];
    /** Sessions opened and not yet closed: id to account id shifted left once, low bit cancel-on-disconnect. */
    private final Long2LongHashMap openSessions = new Long2LongHashMap(NOT_OPEN);
    private SnapshotTaker snapshotTaker;
    private long commandCount;
    private long unknownCommandCount;
    private long logonsRefused;
    private long lastSequence;

    MatcherHandler(final MatchingEngine engine, final EventProxy events, final InstrumentDirectory instruments)
    {
        this.engine = engine;
        this.events = events;
        this.instruments = instruments;
    }

    /**
     * @param snapshotTaker told of each journaled {@code TakeSnapshot} command, on this thread; null while replaying
     *                      a journal, so that recovery and verify never write snapshots.
     */
    void snapshotTaker(final SnapshotTaker snapshotTaker)
    {
        this.snapshotTaker = snapshotTaker;
    }

    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        commandCount++;
        final MutableDirectBuffer buffer = slot.buffer();
        header.wrap(buffer, 0);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            unknownCommandCount++;
            return;
        }
        final boolean journaled = slot.isJournaled();
        events.command(slot.sequence(), slot.sessionId(), slot.timestampNs(), journaled);
        events.templateId(templateId);
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final long accountId = slot.accountId();
        if (!journaled)
        {
            refuseNotJournaled(slot, templateId, accountId, offset, blockLength, version);
            return;
        }
        lastSequence = slot.sequence();

        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                onNewOrder(accountId, slot.sessionId(), newOrder.wrap(buffer, offset, blockLength, version));
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, offset, blockLength, version);
                if (cancelOrder.orderId() != MatchingEngine.NULL_ID)
                {
                    engine.cancelOrder(accountId, cancelOrder.orderId());
                }
                else
                {
                    engine.cancelOrderByClientId(accountId, cancelOrder.origClOrdId());
                }
                break;

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, offset, blockLength, version);
                engine.replaceOrder(
                    accountId, replaceOrder.orderId(), replaceOrder.newClOrdId(), replaceOrder.price(),
                    replaceOrder.quantity());
                break;

            case MassCancelDecoder.TEMPLATE_ID:
                engine.massCancel(accountId, massCancel.wrap(buffer, offset, blockLength, version).instrumentId());
                break;

            case TradingStatusRequestDecoder.TEMPLATE_ID:
                onTradingStatusRequest(tradingStatusRequest.wrap(buffer, offset, blockLength, version));
                break;

            case SessionOpenedDecoder.TEMPLATE_ID:
                sessionOpened.wrap(buffer, offset, blockLength, version);
                if (events.resumesBeyondStream(sessionOpened.accountId(), sessionOpened.lastSeqNum()))
                {
                    // never opened: the gateway holds its commands until it hears the answer, and ends it
                    logonsRefused++;
                    events.logonRejected(sessionOpened.sessionId(), LogonRejectReason.BAD_SEQUENCE_NUMBER);
                    break;
                }
                openSessions.put(sessionOpened.sessionId(), sessionOpened.accountId() << 1 |
                    (sessionOpened.cancelOnDisconnectRaw() == BooleanType.TRUE.value() ? 1 : 0));
                events.logonAccepted(sessionOpened.sessionId(), sessionOpened.accountId(),
                    sessionOpened.heartbeatIntervalMs(), sessionOpened.lastSeqNum());
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                onSessionClosed(slot, sessionClosed.wrap(buffer, offset, blockLength, version));
                break;

            case SessionRejectDecoder.TEMPLATE_ID:
            case ThrottleRejectDecoder.TEMPLATE_ID:
            case BusinessRejectEncoder.TEMPLATE_ID:
            case LogonRejectedDecoder.TEMPLATE_ID:
                events.forward(slot.sessionId(), buffer, slot.length());
                break;

            case DefineInstrumentDecoder.TEMPLATE_ID:
                onDefineInstrument(defineInstrument.wrap(buffer, offset, blockLength, version));
                break;

            case TakeSnapshotDecoder.TEMPLATE_ID:
            case SnapshotRequestDecoder.TEMPLATE_ID: // an admin's: the gateway let only admin accounts through
                if (snapshotTaker != null)
                {
                    snapshotTaker.onSnapshotRequested(
                        slot.sequence(), slot.timestampNs(), slot.journalPosition(), this);
                }
                break;

            default:
                unknownCommandCount++; // the gateway admits only known templates: only a damaged journal gets here
        }
    }

    /**
     * A command the journal could not append: each client request gets its specific reject, session bookkeeping still
     * reaches the sender (so sockets and slots are not leaked), and nothing touches the core.
     */
    private void refuseNotJournaled(
        final CommandSlot slot, final int templateId, final long accountId, final int offset, final int blockLength,
        final int version)
    {
        final MutableDirectBuffer buffer = slot.buffer();
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, offset, blockLength, version);
                events.orderRejected(
                    accountId, newOrder.clOrdId(), newOrder.instrumentId(), RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, offset, blockLength, version);
                events.cancelRejected(
                    accountId, cancelOrder.orderId(), cancelOrder.origClOrdId(), false, RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, offset, blockLength, version);
                events.cancelRejected(
                    accountId, replaceOrder.orderId(), replaceOrder.newClOrdId(), true, RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case MassCancelDecoder.TEMPLATE_ID:
                events.businessReject(
                    massCancel.wrap(buffer, offset, blockLength, version).instrumentId(), RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case TradingStatusRequestDecoder.TEMPLATE_ID:
                events.businessReject(
                    tradingStatusRequest.wrap(buffer, offset, blockLength, version).instrumentId(),
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case SessionOpenedDecoder.TEMPLATE_ID:
                sessionOpened.wrap(buffer, offset, blockLength, version);
                events.logonAccepted(sessionOpened.sessionId(), sessionOpened.accountId(),
                    sessionOpened.heartbeatIntervalMs(), SessionOpenedDecoder.lastSeqNumNullValue());
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                // the socket goes; cancel-on-disconnect cannot, since the book may only change through the journal
                events.forward(sessionClosed.wrap(buffer, offset, blockLength, version).sessionId(), buffer, slot.length());
                break;

            case SessionRejectDecoder.TEMPLATE_ID:
            case ThrottleRejectDecoder.TEMPLATE_ID:
            case BusinessRejectEncoder.TEMPLATE_ID:
            case LogonRejectedDecoder.TEMPLATE_ID:
                events.forward(slot.sessionId(), buffer, slot.length());
                break;

            default:
                break; // instrument definitions and snapshots: the server's own, and it reports its journal's failure
        }
    }

    private void onNewOrder(final long accountId, final long sessionId, final NewOrderDecoder order)
    {
        final Side side = WireEnums.side(order.sideRaw());
        final OrderType orderType = WireEnums.orderType(order.ordTypeRaw());
        final TimeInForce timeInForce = WireEnums.timeInForce(order.timeInForceRaw());
        final SelfTradePrevention stp = WireEnums.selfTradePrevention(order.selfTradePreventionRaw());
        final short postOnly = order.postOnlyRaw();
        if (side == null || orderType == null || timeInForce == null || stp == null ||
            (postOnly != BooleanType.TRUE.value() && postOnly != BooleanType.FALSE.value()))
        {
            events.orderRejected(accountId, order.clOrdId(), order.instrumentId(), RejectReason.INVALID_FIELD);
            return;
        }
        engine.newOrder(
            accountId, sessionId, order.clOrdId(), order.instrumentId(), side, orderType, timeInForce, order.price(),
            order.quantity(), postOnly == BooleanType.TRUE.value(), stp);
    }

    private void onTradingStatusRequest(final TradingStatusRequestDecoder request)
    {
        final short status = request.statusRaw();
        if (status == TradingStatus.HALTED.value())
        {
            engine.haltTrading(request.instrumentId());
        }
        else if (status == TradingStatus.TRADING.value())
        {
            engine.resumeTrading(request.instrumentId());
        }
        else
        {
            events.businessReject(request.instrumentId(), RejectReason.INVALID_FIELD);
        }
    }

    private void onSessionClosed(final CommandSlot slot, final SessionClosedDecoder closed)
    {
        // The session's own goodbye goes first; its account's other sessions then see the cancels. Whether to cancel
        // is what the session opened with (a refused logon never opened, and cancels nothing). Only the orders this
        // session entered go, as on CME iLink or Nasdaq OUCH: a backup session of the account keeps its own. The id
        // is the message's, not the slot's: the server closes sessions left open by a crash as its own command.
        final long opened = openSessions.remove(closed.sessionId());
        events.forward(closed.sessionId(), slot.buffer(), slot.length());
        if (opened != NOT_OPEN && (opened & 1) == 1)
        {
            events.cancelOnDisconnect();
            engine.cancelSessionOrders(closed.accountId(), closed.sessionId());
        }
    }

    private void onDefineInstrument(final DefineInstrumentDecoder definition)
    {
        final int length = definition.getSymbol(symbolBytes, 0);
        symbol.setLength(0);
        for (int i = 0; i < length && symbolBytes[i] != 0; i++)
        {
            symbol.append((char)symbolBytes[i]);
        }
        events.priceDecimals(definition.priceDecimals());
        engine.defineInstrument(
            definition.instrumentId(), symbol, definition.tickSize(), definition.lotSize(), definition.minQuantity(),
            definition.maxQuantity(), definition.lowPrice(), definition.highPrice());
    }

    /**
     * Writes everything the matcher's answers depend on: the core's state, the instrument reference data, the event
     * counter, each account's stream number and the sessions open.
     */
    public void saveState(final DataOutput out) throws IOException
    {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_FORMAT);
        out.writeLong(lastSequence);
        engine.saveState(out);
        instruments.saveState(out);
        out.writeLong(events.nextEventSequence());
        events.saveStreams(out);
        LongMapState.save(openSessions, out);
    }

    /**
     * Told of each session the journal says is open: after a crash, sessions nobody ended.
     */
    @FunctionalInterface
    public interface OpenSessionVisitor
    {
        void onOpenSession(long sessionId, long accountId, boolean cancelOnDisconnect);
    }

    /**
     * @param visitor told of every session opened and not closed, in no particular order; call only while the
     *                pipeline is not running (after recovery, before start).
     */
    public void forEachOpenSession(final OpenSessionVisitor visitor)
    {
        final Long2LongHashMap.EntryIterator sessions = openSessions.entrySet().iterator();
        while (sessions.hasNext())
        {
            sessions.next();
            final long value = sessions.getLongValue();
            visitor.onOpenSession(sessions.getLongKey(), value >>> 1, (value & 1) == 1);
        }
    }

    /**
     * Loads what {@link #saveState} wrote into a matcher that has handled nothing yet. Everything is read and checked
     * before anything is loaded ({@link MatchingEngine#readState} checks the core's invariants), so a state that is
     * refused leaves this matcher as it was: recovery can then try an older snapshot or replay the whole journal.
     *
     * @param expectedLastSequence the last command the state must include, as its snapshot's header says: recovery
     *                             replays from there, so a state of another command would apply some twice or none.
     * @throws IOException           if the input ends early; nothing was loaded.
     * @throws IllegalStateException if it is not a state this version wrote, breaks an invariant, is not of
     *                               {@code expectedLastSequence}, does not fit this matcher, or this matcher has
     *                               handled commands; nothing was loaded.
     */
    public void loadState(final DataInput in, final long expectedLastSequence) throws IOException
    {
        if (commandCount != 0 || lastSequence != 0 || engine.instrumentCount() != 0 || engine.accountCount() != 0 ||
            engine.restingOrderCount() != 0 || instruments.count() != 0 || !openSessions.isEmpty() ||
            !events.hasSentNothing())
        {
            throw new IllegalStateException("state can only be loaded into a matcher that has handled nothing");
        }
        final int magic = in.readInt();
        final int format = in.readInt();
        if (magic != STATE_MAGIC || format != STATE_FORMAT)
        {
            throw new IllegalStateException("not a matcher state of format " + STATE_FORMAT + ": magic " +
                Integer.toHexString(magic) + ", format " + format);
        }
        final long savedLastSequence = in.readLong();
        if (savedLastSequence != expectedLastSequence)
        {
            throw new IllegalStateException("a matcher state through command " + savedLastSequence +
                " where its snapshot says " + expectedLastSequence);
        }
        final SavedEngineState core = engine.readState(in);
        final InstrumentDirectory directory = InstrumentDirectory.read(in, instruments.capacity(), core);
        final long nextEventSequence = in.readLong();
        if (savedLastSequence < 0 || nextEventSequence < 1)
        {
            throw new IllegalStateException("bad matcher state: last command " + savedLastSequence +
                ", next event " + nextEventSequence);
        }
        final Long2LongHashMap streams = events.readStreams(in);
        final Long2LongHashMap sessions = LongMapState.read(in, NOT_OPEN, "open session");

        // all read and checked: nothing below can fail
        lastSequence = savedLastSequence;
        engine.loadState(core);
        instruments.load(directory);
        events.nextEventSequence(nextEventSequence);
        events.loadStreams(streams);
        LongMapState.load(sessions, openSessions);
    }

    /**
     * @return the sequence of the last journaled command handled (or loaded from a snapshot); 0 if none.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return the sequence the next journaled event will carry.
     */
    public long nextEventSequence()
    {
        return events.nextEventSequence();
    }

    /**
     * @return commands handled so far; read it only when the pipeline is quiet (it is a plain field).
     */
    public long commandCount()
    {
        return commandCount;
    }

    /**
     * @return logons refused because they asked to resume beyond the account's stream; read it only when the
     * pipeline is quiet.
     */
    public long logonsRefused()
    {
        return logonsRefused;
    }

    /**
     * @return commands skipped for an unknown schema or template; read it only when the pipeline is quiet.
     */
    public long unknownCommandCount()
    {
        return unknownCommandCount;
    }

    /**
     * @return the core, for digests and book inspection when the pipeline is quiet.
     */
    public MatchingEngine engine()
    {
        return engine;
    }
}
