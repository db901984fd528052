package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.MessageLimits;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.DropCopyGrantEncoder;
import io.matchpoint.codec.sbe.DropCopyReportDecoder;
import io.matchpoint.codec.sbe.DropCopyResetEncoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.InstrumentDefinitionDecoder;
import io.matchpoint.codec.sbe.Liquidity;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionClosedDecoder;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.counters.CountersFile;
import io.matchpoint.engine.match.EngineConfig;

/**
 * The service with no host at all: commands are handed to {@link MatchingService#onCommand} from a plain buffer (at
 * an offset, as a log or a cluster would hand them), and the events are read back from a recording {@link Egress}.
 * No ring, no journal, no thread: what the live pipeline, recovery and verify share needs none of them.
 */
class MatchingServiceTest
{
    /** Commands sit this far into the buffer, as they would in a log's term or a framed network buffer. */
    private static final int OFFSET = 24;
    private static final int INSTRUMENT = 1;
    private static final long ALICE_SESSION = 77;
    private static final long ALICE = 5;
    private static final long BOB_SESSION = 88;
    private static final long BOB = 6;
    private static final long AUDIT = 9;
    private static final long CAROL = 10;

    private final RecordingEgress egress = new RecordingEgress();
    private final MatchingService service = new MatchingService(
        new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), egress,
        CountersFile.inMemory().manager());
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[OFFSET + MessageLimits.MAX_MESSAGE_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long sequence;

    /**
     * Format 5 saves the order sequence, the order ids' slot bits and the pool's free slots; a format 4 state (the
     * next order id, ids counted 1, 2, 3...) is refused by its number, so recovery replays the journal instead.
     */
    @Test
    void shouldRefuseAStateOfTheFormatBeforeOrderIdsCarriedTheirSlot() throws IOException
    {
        define();
        order(ALICE_SESSION, ALICE, 1, Side.SELL, 10_000, 3);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        service.saveState(new DataOutputStream(bytes));
        final byte[] saved = bytes.toByteArray();
        ByteBuffer.wrap(saved).putInt(4, 4);
        final MatchingService fresh = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4),
            new RecordingEgress(), CountersFile.inMemory().manager());

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> fresh.loadState(new DataInputStream(new ByteArrayInputStream(saved)), sequence));

        assertEquals("not a matcher state of format 13: magic 4d505354, format 4", refused.getMessage());
    }

    @Test
    void shouldCountMarketDataWhileNotPublishingItAndPublishItOnItsChannelsOutsideTheJournal()
    {
        define();
        order(0, ALICE, 1, Side.SELL, 10_000, 3);
        assertEquals(0, egress.events.stream().filter(e -> e.targetKind() >= Egress.TARGET_MD_INCREMENTAL).count());
        assertEquals(2, service.lastIncrementalSequence(), "the definition and the level, counted though not sent");
        assertEquals(1, service.lastOrdersSequence(), "the order resting");

        service.publishMarketData(true);
        egress.events.clear();
        order(0, BOB, 1, Side.BUY, 10_000, 1);

        final List<Event> incremental = egress.events.stream()
            .filter(e -> e.targetKind() == Egress.TARGET_MD_INCREMENTAL).toList();
        final List<Event> orders = egress.events.stream()
            .filter(e -> e.targetKind() == Egress.TARGET_MD_ORDERS).toList();
        assertEquals(List.of(3L, 4L), incremental.stream().map(Event::targetId).toList(), "trade, then the level");
        final List<Integer> tradeThenLevel = List.of(
            io.matchpoint.codec.md.TradeDecoder.TEMPLATE_ID, io.matchpoint.codec.md.LevelUpdateDecoder.TEMPLATE_ID);
        assertEquals(tradeThenLevel, incremental.stream().map(Event::templateId).toList());
        assertEquals(List.of(2L), orders.stream().map(Event::targetId).toList(), "the maker executed");
        for (final Event event : incremental)
        {
            assertEquals(0, event.eventSequence(), "never journaled: the command journal decides it");
            assertEquals(sequence, event.commandSequence());
        }
        assertEquals(4, service.incrementalRptSeq(INSTRUMENT));
        assertEquals(2, service.ordersRptSeq(INSTRUMENT));
        assertEquals(-1, service.incrementalRptSeq(INSTRUMENT + 1));
    }

    @Test
    void shouldContinueTheMarketDataSequencesFromASavedState() throws IOException
    {
        define();
        order(0, ALICE, 1, Side.SELL, 10_000, 3);
        order(0, BOB, 1, Side.BUY, 10_000, 1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        service.saveState(new DataOutputStream(bytes));
        final RecordingEgress freshEgress = new RecordingEgress();
        final MatchingService fresh = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), freshEgress,
            CountersFile.inMemory().manager());
        fresh.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), sequence);
        fresh.publishMarketData(true);

        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(2).clOrdId(2).instrumentId(INSTRUMENT)
            .side(Side.BUY).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(10_000).quantity(1)
            .displayQuantity(0).stopPrice(0);
        fresh.onCommand(++sequence, 0, BOB, 1_000 + sequence, -1, true, command, OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());

        assertEquals(List.of(5L, 6L), freshEgress.events.stream()
            .filter(e -> e.targetKind() == Egress.TARGET_MD_INCREMENTAL).map(Event::targetId).toList());
        assertEquals(6, fresh.incrementalRptSeq(INSTRUMENT));
        assertEquals(3, fresh.ordersRptSeq(INSTRUMENT));
    }

    @Test
    void shouldAnswerSessionsOrdersTradesAndCancelOnDisconnectThroughItsEgressWithNoHost()
    {
        define();
        openSession(ALICE_SESSION, ALICE, BooleanType.TRUE);
        openSession(BOB_SESSION, BOB, BooleanType.FALSE);
        order(ALICE_SESSION, ALICE, 1, Side.SELL, 10_000, 3);
        order(ALICE_SESSION, ALICE, 2, Side.SELL, 10_001, 2);
        final int beforeTrade = egress.events.size();
        order(BOB_SESSION, BOB, 3, Side.BUY, 10_000, 1);
        final int beforeClose = egress.events.size();
        closeSession(ALICE_SESSION, ALICE);

        final List<Event> events = egress.events;
        // the definition to everyone, then each logon's answer and the instrument to that session
        assertEquals(InstrumentDefinitionDecoder.TEMPLATE_ID, events.get(0).templateId());
        assertEquals(Egress.TARGET_ALL, events.get(0).targetKind);
        assertTo(events.get(1), LogonAcceptedDecoder.TEMPLATE_ID, Egress.TARGET_SESSION, ALICE_SESSION);
        assertTo(events.get(2), InstrumentDefinitionDecoder.TEMPLATE_ID, Egress.TARGET_SESSION, ALICE_SESSION);
        assertTo(events.get(3), LogonAcceptedDecoder.TEMPLATE_ID, Egress.TARGET_SESSION, BOB_SESSION);
        assertTo(events.get(4), InstrumentDefinitionDecoder.TEMPLATE_ID, Egress.TARGET_SESSION, BOB_SESSION);
        assertEquals(ExecType.NEW, report(events.get(5), ALICE).execType());
        assertEquals(ExecType.NEW, report(events.get(6), ALICE).execType());

        // bob's buy: accepted, then the trade to the maker and to the taker
        assertEquals(beforeTrade + 3, beforeClose, "the buy's three events");
        assertEquals(ExecType.NEW, report(events.get(beforeTrade), BOB).execType());
        final ExecutionReportDecoder maker = report(events.get(beforeTrade + 1), ALICE);
        assertEquals(ExecType.TRADE, maker.execType());
        assertEquals(Liquidity.MAKER, maker.liquidity());
        assertEquals(2, maker.leavesQuantity());
        final ExecutionReportDecoder taker = report(events.get(beforeTrade + 2), BOB);
        assertEquals(ExecType.TRADE, taker.execType());
        assertEquals(Liquidity.TAKER, taker.liquidity());
        assertEquals(maker.tradeId(), taker.tradeId());

        // alice's goodbye to her session, then her two resting orders cancelled on disconnect, then the count
        final Event goodbye = events.get(beforeClose);
        assertTo(goodbye, SessionClosedDecoder.TEMPLATE_ID, Egress.TARGET_SESSION, ALICE_SESSION);
        for (int i = 1; i <= 2; i++)
        {
            final ExecutionReportDecoder cancelled = report(events.get(beforeClose + i), ALICE);
            assertEquals(ExecType.CANCELLED, cancelled.execType());
            assertEquals(CancelReason.CANCEL_ON_DISCONNECT, cancelled.cancelReason());
            assertEquals(i, cancelled.clOrdId());
        }
        assertTo(events.get(beforeClose + 3), MassCancelReportDecoder.TEMPLATE_ID, Egress.TARGET_ACCOUNT, ALICE);
        final MassCancelReportDecoder count = new MassCancelReportDecoder()
            .wrapAndApplyHeader(events.get(beforeClose + 3).bytes, 0, new MessageHeaderDecoder());
        assertEquals(2, count.cancelledCount());
        assertEquals(CancelReason.CANCEL_ON_DISCONNECT, count.reason());
        assertEquals(beforeClose + 4, events.size());
        assertEquals(0, service.engine().restingOrderCount());

        // every event is journaled, numbered from 1 without a gap, and carries its command's sequence
        for (int i = 0; i < events.size(); i++)
        {
            assertEquals(i + 1, events.get(i).eventSequence);
        }
        assertEquals(sequence, events.get(events.size() - 1).commandSequence);
        assertEquals(sequence, service.lastSequence());
        assertEquals(events.size() + 1, service.nextEventSequence());
    }

    @Test
    void shouldCancelOnDisconnectAsTheCloseSaysForASessionItNeverOpened()
    {
        // a logon accepted while the journal could not take it: this service never saw it open, but its orders were
        // journaled later under its id, and its journaled close says it asked for cancel-on-disconnect
        define();
        openSession(BOB_SESSION, BOB, BooleanType.FALSE);
        order(ALICE_SESSION, ALICE, 1, Side.SELL, 10_000, 3);
        final int beforeClose = egress.events.size();

        closeSession(ALICE_SESSION, ALICE, BooleanType.TRUE);

        final ExecutionReportDecoder cancelled = report(egress.events.get(beforeClose + 1), ALICE);
        assertEquals(ExecType.CANCELLED, cancelled.execType());
        assertEquals(CancelReason.CANCEL_ON_DISCONNECT, cancelled.cancelReason());
        assertEquals(0, service.engine().restingOrderCount());
    }

    @Test
    void shouldCancelNothingForARefusedLogonWhoseCloseSaysNo()
    {
        define();
        openSession(ALICE_SESSION, ALICE, BooleanType.FALSE);
        order(ALICE_SESSION, ALICE, 1, Side.SELL, 10_000, 3);
        final int beforeClose = egress.events.size();

        closeSession(BOB_SESSION + 1, ALICE, BooleanType.FALSE); // never opened, and the gateway says no

        assertEquals(beforeClose + 1, egress.events.size(), "its goodbye only");
        assertEquals(1, service.engine().restingOrderCount());
    }

    @Test
    void shouldCopyEachReportOfAWatchedAccountToTheDropCopyAccountNumberedInItsOwnStream()
    {
        define();
        grantDropCopy(AUDIT, ALICE);
        order(0, ALICE, 1, Side.SELL, 10_000, 3);
        order(0, BOB, 2, Side.BUY, 10_000, 1);

        final List<Event> toAudit = egress.events.stream().filter(e -> e.targetId() == AUDIT).toList();
        final List<Event> aliceReports = egress.events.stream()
            .filter(e -> e.targetKind() == Egress.TARGET_ACCOUNT && e.targetId() == ALICE).toList();
        assertEquals(2, aliceReports.size(), "her order's NEW and its fill");
        assertEquals(2, toAudit.size(), "a copy of each of hers, none of Bob's");
        for (int i = 0; i < toAudit.size(); i++)
        {
            final Event copy = toAudit.get(i);
            assertTo(copy, DropCopyReportDecoder.TEMPLATE_ID, Egress.TARGET_ACCOUNT, AUDIT);
            final DropCopyReportDecoder decoder =
                new DropCopyReportDecoder().wrapAndApplyHeader(copy.bytes(), 0, new MessageHeaderDecoder());
            final ExecutionReportDecoder original = report(aliceReports.get(i), ALICE);
            assertEquals(i + 1, decoder.seqNum(), "the drop copy account's own stream");
            assertEquals(ALICE, decoder.accountId());
            assertEquals(original.seqNum(), decoder.accountSeqNum());
            assertEquals(original.execType(), decoder.execType());
            assertEquals(original.orderId(), decoder.orderId());
            assertEquals(original.leavesQuantity(), decoder.leavesQuantity());
            final int tail = ExecutionReportDecoder.BLOCK_LENGTH - ExecutionReportDecoder.transactTimeEncodingOffset();
            assertEquals(copy.bytes().capacity() - tail, DropCopyReportDecoder.transactTimeEncodingOffset() +
                MessageHeaderDecoder.ENCODED_LENGTH);
            for (int b = 0; b < tail; b++)
            {
                assertEquals(
                    aliceReports.get(i).bytes().getByte(aliceReports.get(i).bytes().capacity() - tail + b),
                    copy.bytes().getByte(copy.bytes().capacity() - tail + b), "byte " + b + " of the report's body");
            }
            assertTrue(copy.eventSequence() > aliceReports.get(i).eventSequence(), "journaled, after the original");
        }
    }

    @Test
    void shouldCopyOnceToADropCopyAccountWatchingEveryAccountAndOneByNameAndNeverItsOwn()
    {
        define();
        grantDropCopy(AUDIT, 0);
        grantDropCopy(AUDIT, ALICE);
        grantDropCopy(AUDIT, AUDIT);
        order(0, ALICE, 1, Side.SELL, 10_000, 3);
        order(0, BOB, 2, Side.BUY, 10_000, 1);

        final List<Long> copiedFrom = egress.events.stream().filter(e -> e.targetId() == AUDIT)
            .map(e -> new DropCopyReportDecoder().wrapAndApplyHeader(e.bytes(), 0, new MessageHeaderDecoder())
                .accountId()).toList();
        assertEquals(List.of(ALICE, BOB, ALICE, BOB), copiedFrom, "both NEWs, then the maker's and the taker's fills");
    }

    @Test
    void shouldKeepTheGrantsInASavedStateAndForgetThemAtAReset() throws IOException
    {
        define();
        grantDropCopy(AUDIT, BOB);
        order(0, BOB, 1, Side.SELL, 10_000, 3);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        service.saveState(new DataOutputStream(bytes));
        final RecordingEgress freshEgress = new RecordingEgress();
        final MatchingService fresh = new MatchingService(
            new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4), freshEgress,
            CountersFile.inMemory().manager());
        fresh.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), sequence);
        assertTrue(fresh.hasDropCopyGrants());

        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(2).clOrdId(2).instrumentId(INSTRUMENT)
            .side(Side.SELL).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(10_001).quantity(1)
            .displayQuantity(0).stopPrice(0);
        fresh.onCommand(++sequence, 0, BOB, 1_000 + sequence, -1, true, command, OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
        final List<Event> copies = freshEgress.events.stream().filter(e -> e.targetId() == AUDIT).toList();
        assertEquals(1, copies.size());
        assertEquals(2, new DropCopyReportDecoder().wrapAndApplyHeader(copies.get(0).bytes(), 0,
            new MessageHeaderDecoder()).seqNum(), "its stream continues from the saved state");

        final DropCopyResetEncoder reset = new DropCopyResetEncoder();
        reset.wrapAndApplyHeader(command, OFFSET, header).grantsFollowing(0);
        send(0, 0, reset.encodedLength());
        assertFalse(service.hasDropCopyGrants());
        egress.events.clear();
        order(0, BOB, 3, Side.SELL, 10_002, 1);
        assertEquals(0, egress.events.stream().filter(e -> e.targetId() == AUDIT).count());
    }

    @Test
    void shouldTellTheAccountAndItsDropCopyAccountsOfAKillInTheirStreamsAndTheAdminUnsequenced()
    {
        define();
        grantDropCopy(AUDIT, ALICE);
        order(0, ALICE, 1, Side.SELL, 10_000, 3);
        egress.events.clear();

        final io.matchpoint.codec.sbe.KillSwitchRequestEncoder kill =
            new io.matchpoint.codec.sbe.KillSwitchRequestEncoder();
        kill.wrapAndApplyHeader(command, OFFSET, header).seqNum(1).accountId(ALICE).kill(BooleanType.TRUE);
        send(BOB_SESSION, 100, kill.encodedLength());

        final List<Event> events = egress.events;
        assertEquals(5, events.size(), "the cancel and its copy, the status and its copy, the admin's status");
        assertEquals(ExecType.CANCELLED, report(events.get(0), ALICE).execType());
        assertTo(events.get(1), DropCopyReportDecoder.TEMPLATE_ID, Egress.TARGET_ACCOUNT, AUDIT);
        final int[] statuses = { 2, 3, 4 };
        final long[] targets = { ALICE, AUDIT, BOB_SESSION };
        final long[] seqNums = { 3, 3, 0 };
        for (int i = 0; i < statuses.length; i++)
        {
            final Event event = events.get(statuses[i]);
            assertTo(event, io.matchpoint.codec.sbe.AccountStatusDecoder.TEMPLATE_ID,
                i == 2 ? Egress.TARGET_SESSION : Egress.TARGET_ACCOUNT, targets[i]);
            final io.matchpoint.codec.sbe.AccountStatusDecoder status = new io.matchpoint.codec.sbe
                .AccountStatusDecoder().wrapAndApplyHeader(event.bytes(), 0, new MessageHeaderDecoder());
            assertEquals(ALICE, status.accountId());
            assertEquals(BooleanType.TRUE, status.killed());
            assertEquals(1, status.cancelledCount());
            assertEquals(seqNums[i], status.seqNum(), "in the stream of " + targets[i]);
        }
    }

    @Test
    void shouldReportAnIcebergsDisplayQuantityInItsNewAndZeroInEveryOtherReport()
    {
        define();
        order(0, ALICE, 1, Side.SELL, 10_000, 30, 10);
        order(0, BOB, 2, Side.BUY, 10_000, 4);

        final List<Event> reports = egress.events.stream()
            .filter(e -> e.templateId() == ExecutionReportDecoder.TEMPLATE_ID).toList();
        final ExecutionReportDecoder accepted = report(reports.get(0), ALICE);
        assertEquals(ExecType.NEW, accepted.execType());
        assertEquals(30, accepted.quantity());
        assertEquals(30, accepted.leavesQuantity());
        assertEquals(10, accepted.displayQuantity());
        assertEquals(0, report(reports.get(1), BOB).displayQuantity(), "a plain order's NEW");
        final ExecutionReportDecoder makerFill = report(reports.get(2), ALICE);
        assertEquals(ExecType.TRADE, makerFill.execType());
        assertEquals(26, makerFill.leavesQuantity(), "the whole order's leaves");
        assertEquals(0, makerFill.displayQuantity());
        assertEquals(0, report(reports.get(3), BOB).displayQuantity());
        assertEquals(4, reports.size(), "a part of the slice traded: no refill");
    }

    @Test
    void shouldTakeAVersionZeroNewOrderWhichHasNoDisplayQuantityAsAPlainOrder()
    {
        define();
        // what follows the old block would read as a display quantity of -1 (refused) if it were read
        command.setMemory(OFFSET, command.capacity() - OFFSET, (byte)0xFF);
        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(1).clOrdId(1).instrumentId(INSTRUMENT)
            .side(Side.SELL).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(10_000).quantity(3);
        final int versionZeroBlockLength = NewOrderEncoder.displayQuantityEncodingOffset();
        header.blockLength(versionZeroBlockLength).version(0);

        send(0, ALICE, versionZeroBlockLength);

        final ExecutionReportDecoder accepted = report(egress.events.get(egress.events.size() - 1), ALICE);
        assertEquals(ExecType.NEW, accepted.execType());
        assertEquals(0, accepted.displayQuantity());
        assertEquals(1, service.engine().restingOrderCount());
    }

    @Test
    void shouldReportARefillToItsOwnerAndItsDropCopiesWithTheSliceShownAndTheWholeOrdersLeaves()
    {
        final EventProxy events = new EventProxy(
            egress, new InstrumentDirectory(4), 16, new MatcherCounters(CountersFile.inMemory().manager()));
        events.marketData().orderCapacity(64); // as the service sizes it for its core
        events.onInstrumentDefined(INSTRUMENT, "TEST", 1, 1, 1, 1_000, 1, 100_000);
        events.dropCopies().grant(AUDIT, ALICE);
        events.command(7, 0, 1_007, true);
        egress.events.clear();

        events.onOrderRefilled(42, ALICE, 1, INSTRUMENT, io.matchpoint.engine.match.Side.SELL, 10_000, 10, 15);

        assertEquals(2, egress.events.size(), "the report and its copy");
        final ExecutionReportDecoder refill = report(egress.events.get(0), ALICE);
        assertEquals(ExecType.REFILLED, refill.execType());
        assertEquals(42, refill.orderId());
        assertEquals(1, refill.clOrdId());
        assertEquals(Side.SELL, refill.side());
        assertEquals(10_000, refill.price());
        assertEquals(10, refill.quantity());
        assertEquals(10, refill.displayQuantity());
        assertEquals(25, refill.leavesQuantity());
        assertEquals(0, refill.tradeId());
        assertEquals(1, refill.seqNum());
        assertTo(egress.events.get(1), DropCopyReportDecoder.TEMPLATE_ID, Egress.TARGET_ACCOUNT, AUDIT);
        final DropCopyReportDecoder copy = new DropCopyReportDecoder()
            .wrapAndApplyHeader(egress.events.get(1).bytes(), 0, new MessageHeaderDecoder());
        assertEquals(ExecType.REFILLED, copy.execType());
        assertEquals(10, copy.displayQuantity());
        assertEquals(25, copy.leavesQuantity());
    }

    @Test
    void shouldReportAStopsTypeAndStopPriceInItsNewThenTriggeredBeforeItsTradeToItsOwnerAndItsDropCopies()
    {
        define();
        grantDropCopy(AUDIT, BOB);
        order(0, ALICE, 1, Side.SELL, 10_000, 5);
        stopOrder(BOB, 2, Side.BUY, OrdType.STOP, TimeInForce.IOC, 0, 3, 10_000);
        order(0, CAROL, 3, Side.BUY, 10_000, 1);

        final List<ExecutionReportDecoder> bobs = reportsTo(BOB);
        assertEquals(3, bobs.size(), "NEW, TRIGGERED, TRADE");
        final ExecutionReportDecoder accepted = bobs.get(0);
        assertEquals(ExecType.NEW, accepted.execType());
        assertEquals(OrdType.STOP, accepted.ordType());
        assertEquals(0, accepted.price(), "a STOP has no limit price");
        assertEquals(3, accepted.quantity());
        assertEquals(10_000, accepted.stopPrice());
        final ExecutionReportDecoder triggered = bobs.get(1);
        assertEquals(ExecType.TRIGGERED, triggered.execType());
        assertEquals(accepted.orderId(), triggered.orderId());
        assertEquals(2, triggered.clOrdId());
        assertEquals(Side.BUY, triggered.side());
        assertEquals(10_000, triggered.price());
        assertEquals(10_000, triggered.stopPrice());
        final ExecutionReportDecoder trade = bobs.get(2);
        assertEquals(ExecType.TRADE, trade.execType());
        assertEquals(Liquidity.TAKER, trade.liquidity());
        assertEquals(3, trade.quantity());
        assertEquals(0, trade.leavesQuantity());
        assertEquals(0, trade.stopPrice());
        for (final ExecutionReportDecoder report : reportsTo(ALICE))
        {
            assertEquals(0, report.stopPrice(), "a plain order's " + report.execType());
        }
        final List<ExecType> copied = egress.events.stream().filter(e -> e.targetId() == AUDIT)
            .map(e -> new DropCopyReportDecoder().wrapAndApplyHeader(e.bytes(), 0, new MessageHeaderDecoder()))
            .map(DropCopyReportDecoder::execType).toList();
        assertEquals(List.of(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE), copied);
        final DropCopyReportDecoder copy = new DropCopyReportDecoder().wrapAndApplyHeader(
            egress.events.stream().filter(e -> e.targetId() == AUDIT).toList().get(1).bytes(), 0,
            new MessageHeaderDecoder());
        assertEquals(10_000, copy.stopPrice());
        assertEquals(BOB, copy.accountId());
    }

    @Test
    void shouldGiveAWaitingStopANewStopPriceOrKeepItsOwnWhenTheReplaceHasNone()
    {
        define();
        stopOrder(BOB, 1, Side.BUY, OrdType.STOP_LIMIT, TimeInForce.GTC, 10_050, 4, 10_020);
        final long orderId = reportsTo(BOB).get(0).orderId();
        assertEquals(10_020, reportsTo(BOB).get(0).stopPrice());

        replace(BOB, orderId, 2, 10_060, 4, 10_030);
        replace(BOB, orderId, 3, 10_060, 3, ReplaceOrderEncoder.stopPriceNullValue());

        final List<ExecutionReportDecoder> bobs = reportsTo(BOB);
        assertEquals(3, bobs.size());
        final ExecutionReportDecoder moved = bobs.get(1);
        assertEquals(ExecType.REPLACED, moved.execType());
        assertEquals(10_060, moved.price());
        assertEquals(10_030, moved.stopPrice());
        final ExecutionReportDecoder kept = bobs.get(2);
        assertEquals(ExecType.REPLACED, kept.execType());
        assertEquals(3, kept.leavesQuantity());
        assertEquals(10_030, kept.stopPrice(), "no stop price in the replace: the order's own");
        assertEquals(BooleanType.TRUE, kept.priorityKept());
    }

    @Test
    void shouldTakeAVersionZeroReplaceWhichHasNoStopPriceAsOneThatKeepsIt()
    {
        define();
        stopOrder(BOB, 1, Side.SELL, OrdType.STOP, TimeInForce.IOC, 0, 4, 9_950);
        order(0, ALICE, 2, Side.SELL, 10_010, 5);
        final long stopId = reportsTo(BOB).get(0).orderId();
        final long limitId = reportsTo(ALICE).get(0).orderId();

        versionZeroReplace(BOB, stopId, 3, 0, 2);
        versionZeroReplace(ALICE, limitId, 4, 10_020, 5);

        final ExecutionReportDecoder stop = reportsTo(BOB).get(1);
        assertEquals(ExecType.REPLACED, stop.execType());
        assertEquals(2, stop.leavesQuantity());
        assertEquals(9_950, stop.stopPrice());
        final ExecutionReportDecoder limit = reportsTo(ALICE).get(1);
        assertEquals(ExecType.REPLACED, limit.execType());
        assertEquals(10_020, limit.price());
        assertEquals(0, limit.stopPrice(), "not a stop order");
    }

    @Test
    void shouldRefuseAStopOrderOfAVersionZeroNewOrderWhichCannotCarryItsStopPrice()
    {
        define();
        command.setMemory(OFFSET, command.capacity() - OFFSET, (byte)0xFF);
        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(1).clOrdId(1).instrumentId(INSTRUMENT)
            .side(Side.BUY).ordType(OrdType.STOP).timeInForce(TimeInForce.IOC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(0).quantity(3);
        final int versionZeroBlockLength = NewOrderEncoder.displayQuantityEncodingOffset();
        header.blockLength(versionZeroBlockLength).version(0);

        send(0, ALICE, versionZeroBlockLength);

        final ExecutionReportDecoder refused = reportsTo(ALICE).get(0);
        assertEquals(ExecType.REJECTED, refused.execType());
        assertEquals(io.matchpoint.codec.sbe.RejectReason.INVALID_STOP_PRICE, refused.rejectReason(),
            "its stop price read as 0, outside the band");
    }

    private void versionZeroReplace(
        final long accountId, final long orderId, final long newClOrdId, final long price, final long quantity)
    {
        // what follows the old block would read as a stop price of -1 if it were read
        command.setMemory(OFFSET, command.capacity() - OFFSET, (byte)0xFF);
        final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
        replace.wrapAndApplyHeader(command, OFFSET, header).seqNum(newClOrdId).orderId(orderId).newClOrdId(newClOrdId)
            .price(price).quantity(quantity);
        final int versionZeroBlockLength = ReplaceOrderEncoder.stopPriceEncodingOffset();
        header.blockLength(versionZeroBlockLength).version(0);
        send(0, accountId, versionZeroBlockLength);
    }

    private void grantDropCopy(final long dropCopyAccountId, final long accountId)
    {
        final DropCopyGrantEncoder grant = new DropCopyGrantEncoder();
        grant.wrapAndApplyHeader(command, OFFSET, header).dropCopyAccountId(dropCopyAccountId).accountId(accountId);
        send(0, 0, grant.encodedLength());
    }

    private static void assertTo(final Event event, final int templateId, final byte targetKind, final long targetId)
    {
        assertEquals(templateId, event.templateId());
        assertEquals(targetKind, event.targetKind);
        assertEquals(targetId, event.targetId);
    }

    private static ExecutionReportDecoder report(final Event event, final long accountId)
    {
        assertTo(event, ExecutionReportDecoder.TEMPLATE_ID, Egress.TARGET_ACCOUNT, accountId);
        return new ExecutionReportDecoder().wrapAndApplyHeader(event.bytes, 0, new MessageHeaderDecoder());
    }

    private void define()
    {
        final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
        define.wrapAndApplyHeader(command, OFFSET, header).instrumentId(INSTRUMENT).symbol("TEST")
            .priceDecimals((short)2).tickSize(1).lotSize(1).minQuantity(1).maxQuantity(1_000).lowPrice(9_000)
            .highPrice(11_000);
        send(0, 0, define.encodedLength());
    }

    private void openSession(final long sessionId, final long accountId, final BooleanType cancelOnDisconnect)
    {
        final SessionOpenedEncoder opened = new SessionOpenedEncoder();
        opened.wrapAndApplyHeader(command, OFFSET, header).sessionId(sessionId).accountId(accountId)
            .heartbeatIntervalMs(1000).cancelOnDisconnect(cancelOnDisconnect)
            .lastSeqNum(SessionOpenedEncoder.lastSeqNumNullValue());
        send(sessionId, accountId, opened.encodedLength());
    }

    private void closeSession(final long sessionId, final long accountId)
    {
        closeSession(sessionId, accountId, BooleanType.TRUE);
    }

    private void closeSession(final long sessionId, final long accountId, final BooleanType cancelOnDisconnect)
    {
        final SessionClosedEncoder closed = new SessionClosedEncoder();
        closed.wrapAndApplyHeader(command, OFFSET, header).sessionId(sessionId).accountId(accountId)
            .cancelOnDisconnect(cancelOnDisconnect).reason(LogoutReason.PEER_CLOSED);
        send(sessionId, accountId, closed.encodedLength());
    }

    private void order(
        final long sessionId,
        final long accountId,
        final long clOrdId,
        final Side side,
        final long price,
        final long quantity)
    {
        order(sessionId, accountId, clOrdId, side, price, quantity, 0);
    }

    private void order(
        final long sessionId,
        final long accountId,
        final long clOrdId,
        final Side side,
        final long price,
        final long quantity,
        final long displayQuantity)
    {
        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(clOrdId).clOrdId(clOrdId).instrumentId(INSTRUMENT)
            .side(side).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(price).quantity(quantity)
            .displayQuantity(displayQuantity).stopPrice(0);
        send(sessionId, accountId, order.encodedLength());
    }

    private void stopOrder(
        final long accountId,
        final long clOrdId,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long stopPrice)
    {
        final NewOrderEncoder order = new NewOrderEncoder();
        order.wrapAndApplyHeader(command, OFFSET, header).seqNum(clOrdId).clOrdId(clOrdId).instrumentId(INSTRUMENT)
            .side(side).ordType(ordType).timeInForce(timeInForce).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER).price(price).quantity(quantity)
            .displayQuantity(0).stopPrice(stopPrice);
        send(0, accountId, order.encodedLength());
    }

    /**
     * @param stopPrice the new stop price, or {@link ReplaceOrderEncoder#stopPriceNullValue()} to keep it.
     */
    private void replace(
        final long accountId, final long orderId, final long newClOrdId, final long price, final long quantity,
        final long stopPrice)
    {
        final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
        replace.wrapAndApplyHeader(command, OFFSET, header).seqNum(newClOrdId).orderId(orderId).newClOrdId(newClOrdId)
            .price(price).quantity(quantity).stopPrice(stopPrice);
        send(0, accountId, replace.encodedLength());
    }

    private List<ExecutionReportDecoder> reportsTo(final long accountId)
    {
        return egress.events.stream()
            .filter(e -> e.templateId() == ExecutionReportDecoder.TEMPLATE_ID && e.targetId() == accountId)
            .map(e -> report(e, accountId)).toList();
    }

    private void send(final long sessionId, final long accountId, final int bodyLength)
    {
        sequence++;
        service.onCommand(sequence, sessionId, accountId, 1_000 + sequence, -1, true, command, OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private record Event(
        long eventSequence, long commandSequence, long timestampNs, byte targetKind, long targetId, UnsafeBuffer bytes)
    {
        int templateId()
        {
            return new MessageHeaderDecoder().wrap(bytes, 0).templateId();
        }
    }

    /**
     * An egress that keeps a copy of every event: a test's third implementation, never loaded by a server.
     */
    private static final class RecordingEgress extends Egress
    {
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MessageLimits.MAX_MESSAGE_LENGTH]);
        private final List<Event> events = new ArrayList<>();
        private long eventSequence;
        private long commandSequence;
        private long timestampNs;
        private byte targetKind;
        private long targetId;

        public UnsafeBuffer claim(
            final long eventSequence,
            final long commandSequence,
            final long timestampNs,
            final byte targetKind,
            final long targetId)
        {
            this.eventSequence = eventSequence;
            this.commandSequence = commandSequence;
            this.timestampNs = timestampNs;
            this.targetKind = targetKind;
            this.targetId = targetId;
            return scratch;
        }

        public void publish(final int length)
        {
            final byte[] copy = new byte[length];
            scratch.getBytes(0, copy);
            events.add(new Event(eventSequence, commandSequence, timestampNs, targetKind, targetId,
                new UnsafeBuffer(copy)));
        }
    }
}
