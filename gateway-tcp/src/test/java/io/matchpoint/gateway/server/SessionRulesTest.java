package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.CancelRejectResponseTo;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.LogonAcceptedDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MassCancelReportDecoder;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;
import io.matchpoint.codec.sbe.TradingStatus;
import io.matchpoint.codec.sbe.TradingStatusUpdateDecoder;

/**
 * Logon, limits, permissions and isolation between accounts, each with another session trading unharmed.
 */
class SessionRulesTest
{
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private GatewayServer server;

    @AfterEach
    void stop() throws Exception
    {
        for (final AutoCloseable closeable : toClose)
        {
            closeable.close();
        }
        server.close();
    }

    private RawClient bystander() throws IOException
    {
        return track(Sessions.loggedOn(server, "carol"));
    }

    private RawClient track(final RawClient client)
    {
        toClose.add(client);
        return client;
    }

    @Test
    void shouldRejectBadCredentialsAndThenLockTheAddressOut() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext().logonFailuresBeforeLockout(3),
            TestServers.pipelineContext());
        final RawClient carol = bystander();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try (RawClient guesser = new RawClient(server.localAddress()))
            {
                guesser.logon("alice", "guess-" + attempt, true);
                assertEquals(LogonRejectReason.BAD_CREDENTIALS, logonRejected(guesser).reason());
                assertTrue(guesser.awaitClosed());
            }
        }
        try (RawClient guesser = new RawClient(server.localAddress()))
        {
            guesser.logon("alice", "alice-pw", true); // even the right password: locked out first
            final LogonRejectedDecoder rejected = logonRejected(guesser);
            assertEquals(LogonRejectReason.LOCKED_OUT, rejected.reason());
            assertTrue(rejected.retryAfterMs() > 0);
            assertTrue(guesser.awaitClosed());
        }
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldRejectAnUnknownAccount() throws IOException
    {
        server = TestServers.start();
        try (RawClient stranger = new RawClient(server.localAddress()))
        {
            stranger.logon("mallory", "mallory-pw", true);
            final LogonRejectedDecoder rejected = logonRejected(stranger);
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, rejected.reason());
            assertEquals(0, rejected.seqNum(), "unsequenced: a connection not logged on has no stream");
        }
    }

    @Test
    void shouldGiveTheJavaClientACleanRejectionNotAProtocolError() throws IOException
    {
        server = TestServers.start();
        try (MatchpointClient client = MatchpointClient.connect(
            server.localAddress().getHostString(), server.localAddress().getPort(), 10_000))
        {
            final LogonResult result = client.logonAndWait(
                new ClientListener() { }, "alice", "not-alices-password", true, 30_000, 10_000);

            assertEquals(LogonResult.Outcome.REJECTED, result.outcome(), result.toString());
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, result.rejectReason());
        }
    }

    @Test
    void shouldRefuseASecondLogonOnASessionWithAlreadyLoggedOnAndCarryOn() throws IOException
    {
        server = TestServers.start();
        final RawClient carol = bystander();
        final RawClient alice = track(Sessions.loggedOn(server, "alice"));

        alice.logon("alice", "alice-pw", true); // in sequence (seqNum 2): only the template is wrong

        final LogonRejectedDecoder rejected = logonRejected(alice);
        assertEquals(LogonRejectReason.ALREADY_LOGGED_ON, rejected.reason());
        assertEquals(0, rejected.seqNum(), "unsequenced: an answer to the session's own frame");
        Sessions.assertTrades(alice);
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldRefuseALogonResumingBeyondTheAccountsStreamAndRunNoneOfItsCommands() throws IOException
    {
        server = TestServers.start();
        final RawClient carol = bystander();
        final RawClient alice = track(Sessions.loggedOn(server, "alice"));
        alice.buy(1, 100, 1);
        final ExecutionReportDecoder resting = alice.expectReport();
        assertEquals(ExecType.NEW, resting.execType());
        final long lastSent = resting.seqNum();

        try (RawClient lost = new RawClient(server.localAddress()))
        {
            lost.logon("alice", "alice-pw", true, 30_000, lastSent + 1); // a number the server never sent
            lost.buy(2, 100, 1); // sent before any answer: must never reach the book

            final LogonRejectedDecoder rejected = logonRejected(lost);
            assertEquals(LogonRejectReason.BAD_SEQUENCE_NUMBER, rejected.reason());
            assertEquals(0, rejected.seqNum());
            lost.expectEndOfStream();
        }

        // neither its order nor its cancel-on-disconnect touched alice's account: the next report is the next order's
        alice.buy(3, 100, 1);
        final ExecutionReportDecoder next = alice.expectReport();
        assertEquals(ExecType.NEW, next.execType());
        assertEquals(3, next.clOrdId());
        assertEquals(lastSent + 1, next.seqNum());

        try (RawClient resumer = new RawClient(server.localAddress()))
        {
            resumer.logon("alice", "alice-pw", false, 30_000, lastSent + 1); // exactly the last sent: accepted
            final UnsafeBuffer message = resumer.expect(LogonAcceptedDecoder.TEMPLATE_ID);
            final LogonAcceptedDecoder accepted = new LogonAcceptedDecoder().wrap(
                message, MessageHeaderDecoder.ENCODED_LENGTH, LogonAcceptedDecoder.BLOCK_LENGTH, 0);
            assertEquals(lastSent + 2, accepted.nextSeqNum());
            assertEquals(0, accepted.replayFromSeqNum(), "nothing to replay");
        }
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldLimitSessionsPerAccount() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext().maxSessionsPerAccount(2), TestServers.pipelineContext());
        final RawClient carol = bystander();
        track(Sessions.loggedOn(server, "alice"));
        track(Sessions.loggedOn(server, "alice"));
        try (RawClient third = new RawClient(server.localAddress()))
        {
            third.logon("alice", "alice-pw", true);
            assertEquals(LogonRejectReason.TOO_MANY_SESSIONS_FOR_ACCOUNT, logonRejected(third).reason());
        }
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldRefuseConnectionsBeyondTheServersCapacity() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext().maxSessions(2), TestServers.pipelineContext());
        final RawClient carol = bystander();
        track(Sessions.loggedOn(server, "alice"));
        try (RawClient third = new RawClient(server.localAddress()))
        {
            assertEquals(LogonRejectReason.SERVER_FULL, logonRejected(third).reason());
            assertTrue(third.awaitClosed());
        }
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldCloseAConnectionThatNeverLogsOn() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext().logonTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)),
            TestServers.pipelineContext());
        try (RawClient silent = new RawClient(server.localAddress()))
        {
            assertEquals(SessionRejectReason.LOGON_TIMEOUT, sessionReject(silent).reason());
            assertTrue(silent.awaitClosed());
        }
    }

    @Test
    void shouldHeartbeatAnIdleSessionAndDropASilentOne() throws IOException
    {
        server = TestServers.start(TestServers.gatewayContext().minHeartbeatIntervalMs(10),
            TestServers.pipelineContext());
        try (RawClient alice = new RawClient(server.localAddress()))
        {
            alice.logon("alice", "alice-pw", true, 500);
            alice.expect(LogonAcceptedDecoder.TEMPLATE_ID);
            // the server's own heartbeats arrive while alice says nothing, then it gives up on her: a heartbeat due
            // at 0.5 s, the drop at 1.5 s (three intervals), so a sender thread held up for a second still passes
            alice.expectExactly(io.matchpoint.codec.sbe.InstrumentDefinitionDecoder.TEMPLATE_ID);
            alice.expectExactly(HeartbeatDecoder.TEMPLATE_ID);
            assertEquals(LogoutReason.HEARTBEAT_TIMEOUT, logout(alice).reason());
            assertTrue(alice.awaitClosed());
        }
    }

    @Test
    void shouldRejectABadHeartbeatInterval() throws IOException
    {
        server = TestServers.start();
        try (RawClient alice = new RawClient(server.localAddress()))
        {
            alice.logon("alice", "alice-pw", true, 5);
            assertEquals(LogonRejectReason.BAD_HEARTBEAT_INTERVAL, logonRejected(alice).reason());
        }
    }

    @Test
    void shouldThrottleAndThenDropAnAbusiveSession() throws IOException
    {
        server = TestServers.start(
            TestServers.gatewayContext().throttleMessages(10).throttleWindowNs(TimeUnit.SECONDS.toNanos(60))
                .throttleRejectsBeforeClose(5),
            TestServers.pipelineContext());
        final RawClient carol = bystander();
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            for (int i = 0; i < 15; i++)
            {
                alice.buy(1 + i, 100, 1);
            }
            int accepted = 0;
            int throttled = 0;
            while (accepted + throttled < 15)
            {
                final UnsafeBuffer message = alice.read();
                final int templateId = new MessageHeaderDecoder().wrap(message, 0).templateId();
                if (templateId == ExecutionReportDecoder.TEMPLATE_ID)
                {
                    accepted++;
                }
                else if (templateId == ThrottleRejectDecoder.TEMPLATE_ID)
                {
                    final ThrottleRejectDecoder reject = new ThrottleRejectDecoder().wrap(
                        message, MessageHeaderDecoder.ENCODED_LENGTH, ThrottleRejectDecoder.BLOCK_LENGTH, 0);
                    assertEquals(10, reject.maxMessages());
                    assertEquals(2 + 10 + throttled, reject.refSeqNum());
                    throttled++;
                }
            }
            assertEquals(10, accepted);
            assertEquals(5, throttled);
            assertEquals(LogoutReason.THROTTLE_ABUSE, logout(alice).reason());
            assertTrue(alice.awaitClosed());
        }
        Sessions.assertTrades(carol);
        assertTrue(server.awaitQuiet(5, TimeUnit.SECONDS));
        assertEquals(0, server.matcher().engine().restingOrderCount(), "cancel-on-disconnect took alice's orders");
    }

    @Test
    void shouldKeepEachAccountsOrdersItsOwn() throws IOException
    {
        server = TestServers.start();
        final RawClient alice = track(Sessions.loggedOn(server, "alice"));
        final RawClient bob = track(Sessions.loggedOn(server, "bob"));
        bob.buy(7, 100, 3);
        final long bobsOrder = bob.expectReport().orderId();

        alice.cancel(bobsOrder);
        final CancelRejectDecoder cancelReject = cancelReject(alice);
        assertEquals(RejectReason.UNKNOWN_ORDER, cancelReject.reason());
        alice.replace(bobsOrder, 8, 101, 1);
        final CancelRejectDecoder replaceReject = cancelReject(alice);
        assertEquals(CancelRejectResponseTo.REPLACE, replaceReject.responseTo());
        assertEquals(RejectReason.UNKNOWN_ORDER, replaceReject.reason());
        alice.massCancel(-1);
        final UnsafeBuffer report = alice.expect(MassCancelReportDecoder.TEMPLATE_ID);
        assertEquals(0, new MassCancelReportDecoder().wrap(
            report, MessageHeaderDecoder.ENCODED_LENGTH, MassCancelReportDecoder.BLOCK_LENGTH, 0).cancelledCount());

        bob.cancel(bobsOrder);
        final ExecutionReportDecoder cancelled = bob.expectReport();
        assertEquals(ExecType.CANCELLED, cancelled.execType());
        assertEquals(3, cancelled.quantity(), "bob's order was untouched");
    }

    @Test
    void shouldCancelOnlyTheDroppedSessionsOrdersAndKeepTheBackupSessionsOnes() throws IOException
    {
        server = TestServers.start();
        final RawClient carol = bystander();
        final RawClient primary = track(Sessions.loggedOn(server, "alice")); // cancel-on-disconnect
        final RawClient backup = track(new RawClient(server.localAddress()));
        backup.logon("alice", "alice-pw", false);
        backup.expect(LogonAcceptedDecoder.TEMPLATE_ID);
        backup.expect(io.matchpoint.codec.sbe.InstrumentDefinitionDecoder.TEMPLATE_ID);
        primary.buy(1, 100, 2);
        final long primarysOrder = primary.expectReport().orderId();
        backup.expectReport(); // every session of the account sees the account's reports
        backup.buy(2, 101, 3);
        final long backupsOrder = backup.expectReport().orderId();
        primary.expectReport();

        primary.close(); // the primary drops

        final ExecutionReportDecoder cancelled = backup.expectReport();
        assertEquals(ExecType.CANCELLED, cancelled.execType());
        assertEquals(primarysOrder, cancelled.orderId());
        assertEquals(io.matchpoint.codec.sbe.CancelReason.CANCEL_ON_DISCONNECT, cancelled.cancelReason());
        final MassCancelReportDecoder report = new MassCancelReportDecoder().wrap(
            backup.expect(MassCancelReportDecoder.TEMPLATE_ID), MessageHeaderDecoder.ENCODED_LENGTH,
            MassCancelReportDecoder.BLOCK_LENGTH, 0);
        assertEquals(1, report.cancelledCount(), "only the primary's order");
        assertEquals(io.matchpoint.codec.sbe.CancelReason.CANCEL_ON_DISCONNECT, report.reason());

        backup.cancel(backupsOrder); // still resting: the backup's order survived the primary's end
        final ExecutionReportDecoder backupsCancel = backup.expectReport();
        assertEquals(ExecType.CANCELLED, backupsCancel.execType());
        assertEquals(backupsOrder, backupsCancel.orderId());
        assertEquals(3, backupsCancel.quantity());
        Sessions.assertTrades(carol);
    }

    @Test
    void shouldLetOnlyAdminsHaltAndResume() throws IOException
    {
        server = TestServers.start();
        final RawClient alice = track(Sessions.loggedOn(server, "alice"));
        final RawClient admin = track(Sessions.loggedOn(server, "admin"));

        alice.tradingStatus(1, TradingStatus.HALTED);
        final UnsafeBuffer refused = alice.expect(BusinessRejectDecoder.TEMPLATE_ID);
        assertEquals(RejectReason.NOT_PERMITTED, new BusinessRejectDecoder().wrap(
            refused, MessageHeaderDecoder.ENCODED_LENGTH, BusinessRejectDecoder.BLOCK_LENGTH, 0).reason());

        admin.tradingStatus(1, TradingStatus.HALTED);
        assertEquals(TradingStatus.HALTED, tradingStatus(admin).status());
        assertEquals(TradingStatus.HALTED, tradingStatus(alice).status());
        alice.buy(1, 100, 1);
        final ExecutionReportDecoder rejected = alice.expectReport();
        assertEquals(ExecType.REJECTED, rejected.execType());
        assertEquals(RejectReason.INSTRUMENT_HALTED, rejected.rejectReason());

        admin.tradingStatus(42, TradingStatus.HALTED);
        final UnsafeBuffer unknown = admin.expect(BusinessRejectDecoder.TEMPLATE_ID);
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, new BusinessRejectDecoder().wrap(
            unknown, MessageHeaderDecoder.ENCODED_LENGTH, BusinessRejectDecoder.BLOCK_LENGTH, 0).reason());

        admin.tradingStatus(1, TradingStatus.TRADING);
        assertEquals(TradingStatus.TRADING, tradingStatus(alice).status());
        Sessions.assertTrades(alice);
    }

    @Test
    void shouldSayGoodbyeOnLogout() throws IOException
    {
        server = TestServers.start();
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            alice.logout();
            assertEquals(LogoutReason.CLIENT_LOGOUT, logout(alice).reason());
            assertTrue(alice.awaitClosed());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static LogonRejectedDecoder logonRejected(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(LogonRejectedDecoder.TEMPLATE_ID);
        return new LogonRejectedDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, LogonRejectedDecoder.BLOCK_LENGTH, 0);
    }

    private static SessionRejectDecoder sessionReject(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(SessionRejectDecoder.TEMPLATE_ID);
        return new SessionRejectDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, SessionRejectDecoder.BLOCK_LENGTH, 0);
    }

    private static LogoutDecoder logout(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(LogoutDecoder.TEMPLATE_ID);
        return new LogoutDecoder().wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, LogoutDecoder.BLOCK_LENGTH, 0);
    }

    private static CancelRejectDecoder cancelReject(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(CancelRejectDecoder.TEMPLATE_ID);
        return new CancelRejectDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, CancelRejectDecoder.BLOCK_LENGTH, 0);
    }

    private static TradingStatusUpdateDecoder tradingStatus(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(TradingStatusUpdateDecoder.TEMPLATE_ID);
        return new TradingStatusUpdateDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, TradingStatusUpdateDecoder.BLOCK_LENGTH, 0);
    }
}
