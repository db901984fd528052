package io.matchpoint.engine.service;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.CountersManager;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderDecoder;
import io.matchpoint.codec.sbe.DefineInstrumentDecoder;
import io.matchpoint.codec.sbe.DropCopyGrantDecoder;
import io.matchpoint.codec.sbe.DropCopyResetDecoder;
import io.matchpoint.codec.sbe.KillSwitchRequestDecoder;
import io.matchpoint.codec.sbe.PriceCollarRequestDecoder;
import io.matchpoint.codec.sbe.RiskLimitsAction;
import io.matchpoint.codec.sbe.RiskLimitsRequestDecoder;
import io.matchpoint.codec.sbe.SetPriceCollarDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.MassCancelDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderDecoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.ReplaceOrderDecoder;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionOpenedDecoder;
import io.matchpoint.codec.sbe.SnapshotRequestDecoder;
import io.matchpoint.codec.sbe.TakeSnapshotDecoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusRequestDecoder;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SavedEngineState;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * The matching service: everything between a host and the matching core. It decodes each sequenced command with
 * flyweights created once, dispatches it (a session's open and close, a client's or an admin's request to the core, a
 * request for a snapshot to the host's {@link SnapshotHook}), and lets {@link EventProxy} encode what the core reports
 * into its {@link Egress}. The busiest command is tested first. Everything it reads comes from its arguments, so the
 * same command stream always yields the same events, byte for byte.
 * <p>
 * It has the shape of Aeron Cluster's {@code ClusteredService} and, like it, does not know its host: no ring, no
 * journal, no socket and no clock reach it (the build checks that it imports no Disruptor, Chronicle, journal or
 * gateway type). The live pipeline drives it from the inbound ring, recovery and {@code journal verify} from a
 * journal, and a replicated host could drive it from a log.
 * <p>
 * Single-threaded: one thread at a time calls every method, and the state it holds (the core's included) may be read
 * from another thread only while nobody drives it.
 */
public final class MatchingService
{
    /**
     * The version of the rules this service and its core answer by: a journal replays to the same answers only under
     * the rules it was written with, so the data directory records it and a server refuses a journal of other rules.
     * Raised whenever an answer to the same commands changes. 2: cancel-on-disconnect cancels the ended session's
     * own orders (1: every order of the account), and a logon resuming beyond the account's stream is refused. 3: an
     * order id carries the order's pool slot in its low bits (2: ids counted 1, 2, 3...). 4: pre-trade risk limits
     * (new rejects, and start-up limits that register accounts, so later orders can meet a full account table
     * sooner); the kill switch, the price collar and drop copy came with commands of their own, which version 3
     * never journaled. 5: iceberg and stop orders (new rejects and events, and execution reports of schema version
     * 1, longer by their display quantity and stop price, so a journal of version 4 would not verify against its
     * replay).
     */
    public static final int RULES_VERSION = 5;

    /** First int of a saved state: "MPST". */
    private static final int STATE_MAGIC = 0x4D505354;
    /**
     * Bumped whenever the saved layout changes; an older snapshot is then skipped and the journal replayed. 13: the
     * waiting stop orders. 12: each resting order's display quantity and hidden quantity (icebergs). 11: each
     * instrument's collar in basis points. 10: the risk limits and every account's net positions. 9: each
     * instrument's price collar and last trade. 8: the core saves the accounts the kill switch stopped. 7: the drop
     * copy grants. 6: the market data channels' sequences and rptSeqs. 5: the core saves its order sequence, the ids'
     * slot bits and the order pool's free slots (4: the next order id).
     */
    private static final int STATE_FORMAT = 13;
    /** What {@link #openSessions} answers for a session that is not open (not the core's "no session", 0). */
    private static final long NOT_OPEN = -1;

    private final MatchingEngine engine;
    private final EventProxy events;
    private final InstrumentDirectory instruments;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final TradingStatusRequestDecoder tradingStatusRequest = new TradingStatusRequestDecoder();
    private final SessionOpenedDecoder sessionOpened = new SessionOpenedDecoder();
    private final SessionClosedDecoder sessionClosed = new SessionClosedDecoder();
    private final DefineInstrumentDecoder defineInstrument = new DefineInstrumentDecoder();
    private final DropCopyGrantDecoder dropCopyGrant = new DropCopyGrantDecoder();
    private final KillSwitchRequestDecoder killSwitchRequest = new KillSwitchRequestDecoder();
    private final SetPriceCollarDecoder setPriceCollar = new SetPriceCollarDecoder();
    private final RiskLimitsRequestDecoder riskLimitsRequest = new RiskLimitsRequestDecoder();
    private final PriceCollarRequestDecoder priceCollarRequest = new PriceCollarRequestDecoder();
    private final long[] riskLimits = new long[6];
    private final StringBuilder symbol = new StringBuilder(InstrumentDirectory.SYMBOL_LENGTH);
    private final byte[] symbolBytes = new byte[InstrumentDirectory.SYMBOL_LENGTH];
    /** Sessions opened and not yet closed: id to account id shifted left once, low bit cancel-on-disconnect. */
    private final Long2LongHashMap openSessions = new Long2LongHashMap(NOT_OPEN);
    private SnapshotHook snapshotHook;
    private long commandCount;
    private long unknownCommandCount;
    private long lastSequence;

    /**
     * A service with a fresh core of its own.
     *
     * @param engineConfig capacity of the core.
     * @param egress       where the events go until {@link #egress(Egress)} says otherwise.
     * @param counters     where the service's counters (rejects by reason, trades) are allocated.
     */
    public MatchingService(final EngineConfig engineConfig, final Egress egress, final CountersManager counters)
    {
        instruments = new InstrumentDirectory(engineConfig.maxInstruments());
        events = new EventProxy(egress, instruments, engineConfig.maxAccounts(), new MatcherCounters(counters));
        events.marketData().orderCapacity(engineConfig.maxOrders());
        engine = new MatchingEngine(engineConfig, events);
    }

    /**
     * What the host does when a command asks for a snapshot.
     */
    @FunctionalInterface
    public interface SnapshotHook
    {
        /**
         * Called on the service's thread between two commands, the only moment the state is consistent; the service
         * waits until it returns, and {@link #saveState} is what writes the state.
         *
         * @param sequence        of the command that asked: the snapshot includes every command up to it.
         * @param timestampNs     that command's timestamp.
         * @param journalPosition where the host's journal put that command, -1 if unknown.
         */
        void onTakeSnapshot(long sequence, long timestampNs, long journalPosition);
    }

    /**
     * @param snapshotHook told of each journaled {@code TakeSnapshot} or {@code SnapshotRequest} command; null (the
     *                     default) while a journal is replayed, so that recovery and verify never write snapshots.
     */
    public void snapshotHook(final SnapshotHook snapshotHook)
    {
        this.snapshotHook = snapshotHook;
    }

    /**
     * @param egress where the events go from the next command on (a replay's handler, then the live ring).
     */
    public void egress(final Egress egress)
    {
        events.egress(egress);
    }

    /**
     * Handles one sequenced command: its events reach the egress before this returns.
     *
     * @param sequence        the command's global sequence, from 1, assigned before it was journaled.
     * @param sessionId       of the session it came from, 0 for the host's own commands.
     * @param accountId       the session's account.
     * @param timestampNs     when the host received it, nanoseconds since the epoch: the only time the service knows.
     * @param journalPosition where the host's journal put it (opaque here, handed to the {@link SnapshotHook}), -1 if
     *                        unknown.
     * @param journaled       false if the host's journal could not take it: each client request then gets its
     *                        specific reject, the answers are not sequenced, and no state changes.
     * @param buffer          holding the SBE message, header first.
     * @param offset          of the message header in {@code buffer}.
     * @param length          of the message, header included.
     */
    public void onCommand(
        final long sequence,
        final long sessionId,
        final long accountId,
        final long timestampNs,
        final long journalPosition,
        final boolean journaled,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        commandCount++;
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            unknownCommandCount++;
            return;
        }
        events.command(sequence, sessionId, timestampNs, journaled);
        events.templateId(templateId);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (!journaled)
        {
            refuseNotJournaled(sessionId, accountId, templateId, buffer, offset, length, bodyOffset, blockLength,
                version);
            return;
        }
        lastSequence = sequence;

        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                onNewOrder(accountId, sessionId, newOrder.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, bodyOffset, blockLength, version);
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
                onReplaceOrder(accountId, replaceOrder.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case MassCancelDecoder.TEMPLATE_ID:
                engine.massCancel(accountId, massCancel.wrap(buffer, bodyOffset, blockLength, version).instrumentId());
                break;

            case TradingStatusRequestDecoder.TEMPLATE_ID:
                onTradingStatusRequest(tradingStatusRequest.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case SessionOpenedDecoder.TEMPLATE_ID:
                onSessionOpen(sessionOpened.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                onSessionClose(sessionClosed.wrap(buffer, bodyOffset, blockLength, version), buffer, offset, length);
                break;

            case DefineInstrumentDecoder.TEMPLATE_ID:
                onDefineInstrument(defineInstrument.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case KillSwitchRequestDecoder.TEMPLATE_ID: // an admin's: the gateway let only admin accounts through
                onKillSwitchRequest(killSwitchRequest.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case RiskLimitsRequestDecoder.TEMPLATE_ID: // an admin's, or the server's start-up configuration
                onRiskLimitsRequest(riskLimitsRequest.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case PriceCollarRequestDecoder.TEMPLATE_ID: // an admin's: the gateway let only admin accounts through
                priceCollarRequest.wrap(buffer, bodyOffset, blockLength, version);
                engine.setPriceCollar(
                    priceCollarRequest.instrumentId(), priceCollarRequest.collarTicks(),
                    priceCollarRequest.basisPoints());
                if (engine.hasInstrument(priceCollarRequest.instrumentId()))
                {
                    // what stands, after a refusal too (its BusinessReject came first)
                    events.priceCollarReport(priceCollarRequest.instrumentId(),
                        engine.collarTicks(priceCollarRequest.instrumentId()),
                        engine.collarBasisPoints(priceCollarRequest.instrumentId()),
                        engine.referencePrice(priceCollarRequest.instrumentId()));
                }
                break;

            case SetPriceCollarDecoder.TEMPLATE_ID:
                setPriceCollar.wrap(buffer, bodyOffset, blockLength, version);
                engine.setPriceCollar(
                    setPriceCollar.instrumentId(), setPriceCollar.collarTicks(), setPriceCollar.basisPoints());
                break;

            case DropCopyResetDecoder.TEMPLATE_ID:
                events.dropCopies().clear();
                break;

            case DropCopyGrantDecoder.TEMPLATE_ID:
                dropCopyGrant.wrap(buffer, bodyOffset, blockLength, version);
                events.dropCopies().grant(dropCopyGrant.dropCopyAccountId(), dropCopyGrant.accountId());
                break;

            case TakeSnapshotDecoder.TEMPLATE_ID:
            case SnapshotRequestDecoder.TEMPLATE_ID: // an admin's: the gateway let only admin accounts through
                if (snapshotHook != null)
                {
                    snapshotHook.onTakeSnapshot(sequence, timestampNs, journalPosition);
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
        final long sessionId,
        final long accountId,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, bodyOffset, blockLength, version);
                events.orderRejected(
                    accountId, newOrder.clOrdId(), newOrder.instrumentId(), RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, bodyOffset, blockLength, version);
                events.cancelRejected(accountId, cancelOrder.orderId(), cancelOrder.origClOrdId(), false,
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, bodyOffset, blockLength, version);
                events.cancelRejected(accountId, replaceOrder.orderId(), replaceOrder.newClOrdId(), true,
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case MassCancelDecoder.TEMPLATE_ID:
                events.businessReject(massCancel.wrap(buffer, bodyOffset, blockLength, version).instrumentId(),
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case TradingStatusRequestDecoder.TEMPLATE_ID:
                events.businessReject(
                    tradingStatusRequest.wrap(buffer, bodyOffset, blockLength, version).instrumentId(),
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case KillSwitchRequestDecoder.TEMPLATE_ID:
            case RiskLimitsRequestDecoder.TEMPLATE_ID:
                events.businessReject(0, RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case PriceCollarRequestDecoder.TEMPLATE_ID:
                events.businessReject(
                    priceCollarRequest.wrap(buffer, bodyOffset, blockLength, version).instrumentId(),
                    RejectReason.JOURNAL_UNAVAILABLE);
                break;

            case SessionOpenedDecoder.TEMPLATE_ID:
                sessionOpened.wrap(buffer, bodyOffset, blockLength, version);
                events.logonAccepted(sessionOpened.sessionId(), sessionOpened.accountId(),
                    sessionOpened.heartbeatIntervalMs(), SessionOpenedDecoder.lastSeqNumNullValue());
                break;

            case SessionClosedDecoder.TEMPLATE_ID:
                // the socket goes; cancel-on-disconnect cannot, since the book may only change through the journal
                events.forward(
                    sessionClosed.wrap(buffer, bodyOffset, blockLength, version).sessionId(), buffer, offset, length);
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
            order.quantity(), displayQuantity(order), stopPrice(order), postOnly == BooleanType.TRUE.value(), stp);
    }

    /**
     * A null stop price (or a version 0 message, which has none) keeps a waiting stop's stop price: the replace
     * without one. The core ignores a stop price for an order that does not wait.
     */
    private void onReplaceOrder(final long accountId, final ReplaceOrderDecoder replace)
    {
        final long stopPrice = replace.stopPrice(); // the null value for a version 0 message too
        if (stopPrice == ReplaceOrderDecoder.stopPriceNullValue())
        {
            engine.replaceOrder(
                accountId, replace.orderId(), replace.newClOrdId(), replace.price(), replace.quantity());
        }
        else
        {
            engine.replaceOrder(
                accountId, replace.orderId(), replace.newClOrdId(), replace.price(), replace.quantity(), stopPrice);
        }
    }

    /**
     * @return the order's display quantity; 0 (not an iceberg) for a message encoded before the field existed, whose
     * block ends before it and for which the decoder answers the field's null value.
     */
    static long displayQuantity(final NewOrderDecoder order)
    {
        return order.actingVersion() < NewOrderDecoder.displayQuantitySinceVersion() ? 0 : order.displayQuantity();
    }

    /**
     * @return the order's stop price; 0 for a message encoded before the field existed (the decoder would answer the
     * field's null value). Read by the core for STOP and STOP_LIMIT orders only.
     */
    static long stopPrice(final NewOrderDecoder order)
    {
        return order.actingVersion() < NewOrderDecoder.stopPriceSinceVersion() ? 0 : order.stopPrice();
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

    private void onKillSwitchRequest(final KillSwitchRequestDecoder request)
    {
        final short kill = request.killRaw();
        if (kill == BooleanType.TRUE.value())
        {
            engine.killAccount(request.accountId());
        }
        else if (kill == BooleanType.FALSE.value())
        {
            engine.reviveAccount(request.accountId());
        }
        else
        {
            events.businessReject(0, RejectReason.INVALID_FIELD);
        }
    }

    /**
     * Sets, clears or only shows an account's risk limits (or the defaults); the admin who asked then gets the
     * limits that apply now, with what the account has at stake: after a refused change too (a BusinessReject with
     * the reason comes first), so that the answer always says what stands.
     */
    private void onRiskLimitsRequest(final RiskLimitsRequestDecoder request)
    {
        final long accountId = request.accountId();
        final short action = request.actionRaw();
        if (action == RiskLimitsAction.SET.value())
        {
            engine.setRiskLimits(
                accountId, request.maxOrderQuantity(), request.maxOrderNotional(), request.maxOpenOrders(),
                request.instrumentCredit(), request.totalCredit(), request.positionLimit());
        }
        else if (action == RiskLimitsAction.CLEAR.value())
        {
            engine.clearRiskLimits(accountId);
        }
        else if (action != RiskLimitsAction.SHOW.value())
        {
            events.businessReject(0, RejectReason.INVALID_FIELD);
            return;
        }
        final boolean own = engine.riskLimits(accountId, riskLimits);
        events.riskLimitsReport(
            accountId, own, riskLimits, engine.openOrderCount(accountId), engine.openNotional(accountId));
    }

    private void onSessionOpen(final SessionOpenedDecoder opened)
    {
        if (events.resumesBeyondStream(opened.accountId(), opened.lastSeqNum()))
        {
            // never opened: the gateway holds its commands until it hears the answer, and ends it
            events.logonRejected(opened.sessionId(), LogonRejectReason.BAD_SEQUENCE_NUMBER);
            return;
        }
        openSessions.put(opened.sessionId(), opened.accountId() << 1 |
            (opened.cancelOnDisconnectRaw() == BooleanType.TRUE.value() ? 1 : 0));
        events.logonAccepted(opened.sessionId(), opened.accountId(), opened.heartbeatIntervalMs(), opened.lastSeqNum());
    }

    private void onSessionClose(
        final SessionClosedDecoder closed, final DirectBuffer buffer, final int offset, final int length)
    {
        // The session's own goodbye goes first; its account's other sessions then see the cancels. Whether to cancel
        // is what the session opened with; for one this service never opened (its logon was accepted while the
        // journal could not take it), what its journaled close says: the gateway says no for a logon the engine
        // refused or never answered, whose commands it never read. Only the orders this session entered go, as on
        // CME iLink or Nasdaq OUCH: a backup session of the account keeps its own. The id is the message's, not the
        // command's: the server closes sessions left open by a crash as its own command.
        final long opened = openSessions.remove(closed.sessionId());
        events.forward(closed.sessionId(), buffer, offset, length);
        final boolean cancelOnDisconnect = opened != NOT_OPEN ? (opened & 1) == 1 :
            closed.cancelOnDisconnectRaw() == BooleanType.TRUE.value();
        if (cancelOnDisconnect)
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
     * Writes everything the service's answers depend on: the core's state, the instrument reference data, the event
     * counter, each account's stream number, the sessions open, the market data sequence numbers and the drop copy
     * grants.
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
        events.marketData().saveState(out);
        events.dropCopies().save(out);
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
     * @param visitor told of every session opened and not closed, in no particular order; call only while nobody
     *                drives the service (after recovery, before the pipeline starts).
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
     * Loads what {@link #saveState} wrote into a service that has handled nothing yet. Everything is read and checked
     * before anything is loaded ({@link MatchingEngine#readState} checks the core's invariants), so a state that is
     * refused leaves this service as it was: recovery can then try an older snapshot or replay the whole journal.
     *
     * @param expectedLastSequence the last command the state must include, as its snapshot's header says: recovery
     *                             replays from there, so a state of another command would apply some twice or none.
     * @throws IOException           if the input ends early; nothing was loaded.
     * @throws IllegalStateException if it is not a state this version wrote, breaks an invariant, is not of
     *                               {@code expectedLastSequence}, does not fit this service, or this service has
     *                               handled commands; nothing was loaded.
     */
    public void loadState(final DataInput in, final long expectedLastSequence) throws IOException
    {
        if (commandCount != 0 || lastSequence != 0 || engine.instrumentCount() != 0 || engine.accountCount() != 0 ||
            engine.restingOrderCount() != 0 || instruments.count() != 0 || !openSessions.isEmpty() ||
            !events.hasSentNothing() || !events.marketData().hasCountedNothing() || !events.dropCopies().isEmpty())
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
        final long[] marketDataState = MarketDataProxy.readState(in, core.instrumentCount());
        final DropCopies dropCopies = DropCopies.read(in);

        // all read and checked: nothing below can fail
        lastSequence = savedLastSequence;
        engine.loadState(core);
        instruments.load(directory);
        events.nextEventSequence(nextEventSequence);
        events.loadStreams(streams);
        LongMapState.load(sessions, openSessions);
        events.marketData().loadState(marketDataState);
        for (int i = 0, count = core.orderCount(); i < count; i++)
        {
            if (core.orderDisplayQuantity(i) != 0)
            {
                // the feed goes on showing each resting iceberg's slice only
                events.marketData().restingIceberg(core.orderId(i), core.orderDisplayQuantity(i),
                    core.orderLeaves(i), core.orderHiddenQuantity(i));
            }
        }
        for (int i = core.orderCount() - core.stopCount(), count = core.orderCount(); i < count; i++)
        {
            // what each waiting stop will be once triggered: none of it is on the feed until then
            events.marketData().waitingStop(core.orderId(i), core.orderStopType(i), core.orderStopTimeInForce(i),
                core.orderPrice(i), core.orderLeaves(i));
        }
        events.dropCopies().load(dropCopies);
    }

    /**
     * @return whether any drop copy grant is in force (read only while nobody drives the service).
     */
    public boolean hasDropCopyGrants()
    {
        return !events.dropCopies().isEmpty();
    }

    /**
     * @return the sequence of the last journaled command handled (or loaded from a snapshot); 0 if none.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @param publishing whether the market data messages (levels, trades, the order-by-order view) go to the egress
     *                   beside the events; off by default. Their sequence numbers advance either way, so that they
     *                   stay a function of the journal alone whenever the feed is switched on.
     */
    public void publishMarketData(final boolean publishing)
    {
        events.marketData().publishing(publishing);
    }

    /**
     * What a market data agent starting after recovery must know of the books, which it may read only now.
     */
    public interface MarketDataVisitor
    {
        /**
         * @param definition the instrument's definition as the feed's message (header included, rptSeq 0).
         */
        void onInstrument(
            int instrumentId, DirectBuffer definition, int length, long incrementalRptSeq, long ordersRptSeq);

        /** A level, each side best first, bids then asks. */
        void onLevel(int instrumentId, boolean bid, long price, long quantity, int orderCount);

        /** A resting order, after its level, in time priority. */
        void onOrder(int instrumentId, boolean bid, long orderId, long price, long quantity);
    }

    /**
     * Tells a market data agent where the feed stands: every instrument with its last rptSeqs, its levels and its
     * resting orders. Call only while nobody drives the service (after recovery, before the pipeline starts).
     */
    public void visitMarketData(final MarketDataVisitor visitor)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer =
            new org.agrona.concurrent.UnsafeBuffer(new byte[io.matchpoint.codec.MessageLimits.MAX_MESSAGE_LENGTH]);
        final MarketDataProxy marketData = events.marketData();
        for (int index = 0, count = instruments.count(); index < count; index++)
        {
            final int instrumentId = instruments.id(index);
            final int length = marketData.definition(index, 0, buffer);
            visitor.onInstrument(instrumentId, buffer, length, marketData.incrementalRptSeq(index),
                marketData.ordersRptSeq(index));
            engine.visitBook(instrumentId, new io.matchpoint.engine.match.BookVisitor()
            {
                public void onLevel(final Side side, final long price, final long total, final int orderCount)
                {
                    visitor.onLevel(instrumentId, side == Side.BUY, price, total, orderCount);
                }

                public void onOrder(
                    final Side side, final long price, final long orderId, final long accountId,
                    final long clientOrderId, final long leaves, final SelfTradePrevention stp, final boolean postOnly)
                {
                    visitor.onOrder(instrumentId, side == Side.BUY, orderId, price, leaves);
                }
            });
        }
    }

    /**
     * @return the last sequence of the market data INCREMENTAL channel (0 before its first message).
     */
    public long lastIncrementalSequence()
    {
        return events.marketData().lastIncrementalSequence();
    }

    /**
     * @return the last sequence of the market data ORDERS channel (0 before its first message).
     */
    public long lastOrdersSequence()
    {
        return events.marketData().lastOrdersSequence();
    }

    /**
     * @return the instrument's last rptSeq on the INCREMENTAL channel, or -1 for an instrument never defined.
     */
    public long incrementalRptSeq(final int instrumentId)
    {
        final int index = instruments.indexOf(instrumentId);
        return index < 0 ? -1 : events.marketData().incrementalRptSeq(index);
    }

    /**
     * @return the instrument's last rptSeq on the ORDERS channel, or -1 for an instrument never defined.
     */
    public long ordersRptSeq(final int instrumentId)
    {
        final int index = instruments.indexOf(instrumentId);
        return index < 0 ? -1 : events.marketData().ordersRptSeq(index);
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
