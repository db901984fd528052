package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.AccountStatusDecoder;
import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.BusinessRejectDecoder;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.KillSwitchRequestDecoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

/**
 * The kill switch over real sockets: an admin stops alice, whose session sees each of her orders cancelled with the
 * kill switch's reason and then her account's status, in her stream; the admin gets the status, unsequenced; her
 * next order is refused; bob, not an admin, cannot use it, nor can the admin name an account no one can log on to;
 * a revive lets her trade again.
 */
class KillSwitchTest
{
    private static final long ALICE = 1;

    @Test
    void anAdminStopsAnAccountWhoseSessionsAreToldAndRevivesIt() throws Exception
    {
        try (GatewayServer server = TestServers.start())
        {
            final Seen alices = new Seen();
            final Seen admins = new Seen();
            final Seen bobs = new Seen();
            try (MatchpointClient alice = logon(server, "alice", alices);
                MatchpointClient admin = logon(server, "admin", admins);
                MatchpointClient bob = logon(server, "bob", bobs))
            {
                order(alice, 1, Side.BUY, 10_000);
                order(alice, 2, Side.SELL, 10_500);
                pollUntil(alice, alices, () -> alices.lines.size() == 2, "her two orders");

                assertTrue(bob.killSwitch(ALICE, true) > 0);
                pollUntil(bob, bobs, () -> !bobs.lines.isEmpty(), "bob's answer");
                assertEquals(List.of("REJECT " + KillSwitchRequestDecoder.TEMPLATE_ID + " NOT_PERMITTED"), bobs.lines);

                assertTrue(admin.killSwitch(4_242, true) > 0);
                pollUntil(admin, admins, () -> !admins.lines.isEmpty(), "the admin's answer to a typo");
                assertEquals(List.of("REJECT " + KillSwitchRequestDecoder.TEMPLATE_ID + " UNKNOWN_ACCOUNT"),
                    admins.lines, "an account no one can log on to: refused, not a kill that stops nobody");
                admins.lines.clear();

                assertTrue(admin.killSwitch(ALICE, true) > 0);
                pollUntil(admin, admins, () -> !admins.lines.isEmpty(), "the admin's answer");
                assertEquals(List.of("STATUS seq=0 account=1 killed=TRUE cancelled=2"), admins.lines);
                pollUntil(alice, alices, () -> alices.lines.size() == 5, "the cancels and the status");
                assertEquals(List.of(
                    "seq=1 NEW", "seq=2 NEW", "seq=3 CANCELLED KILL_SWITCH", "seq=4 CANCELLED KILL_SWITCH",
                    "STATUS seq=5 account=1 killed=TRUE cancelled=2"), alices.lines);

                order(alice, 3, Side.BUY, 10_000);
                pollUntil(alice, alices, () -> alices.lines.size() == 6, "the refusal");
                assertEquals("seq=6 REJECTED ACCOUNT_KILLED", alices.lines.get(5));

                assertTrue(admin.killSwitch(ALICE, false) > 0);
                pollUntil(alice, alices, () -> alices.lines.size() == 7, "the revive");
                assertEquals("STATUS seq=7 account=1 killed=FALSE cancelled=0", alices.lines.get(6));
                order(alice, 4, Side.BUY, 10_000);
                pollUntil(alice, alices, () -> alices.lines.size() == 8, "a new order");
                assertEquals("seq=8 NEW", alices.lines.get(7));
            }
        }
    }

    private static MatchpointClient logon(final GatewayServer server, final String account, final Seen seen)
        throws IOException
    {
        final MatchpointClient client = MatchpointClient.connect("127.0.0.1", server.localAddress().getPort(), 5_000);
        final LogonResult result = client.logonAndWait(seen, account, account + "-pw", false, 5_000, 10_000);
        assertEquals(LogonResult.Outcome.ACCEPTED, result.outcome(), result.detail());
        return client;
    }

    private static void order(final MatchpointClient client, final long clOrdId, final Side side, final long price)
    {
        assertTrue(client.newOrder(clOrdId, 1, side, OrdType.LIMIT, TimeInForce.GTC, price, 10, false,
            SelfTradePrevention.CANCEL_TAKER) > 0);
    }

    private static void pollUntil(
        final MatchpointClient client, final Seen seen, final BooleanSupplier done, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "no " + what + " within 10 s: " + seen.lines);
            client.poll(seen);
            Thread.yield();
        }
    }

    private static final class Seen implements ClientListener
    {
        final List<String> lines = new ArrayList<>();

        public void onExecutionReport(final ExecutionReportDecoder report)
        {
            lines.add("seq=" + report.seqNum() + " " + report.execType() +
                (report.cancelReason().name().equals("NONE") ? "" : " " + report.cancelReason()) +
                (report.rejectReason().name().equals("NONE") ? "" : " " + report.rejectReason()));
        }

        public void onAccountStatus(final AccountStatusDecoder status)
        {
            lines.add("STATUS seq=" + status.seqNum() + " account=" + status.accountId() + " killed=" +
                (status.killed() == BooleanType.TRUE ? "TRUE" : "FALSE") + " cancelled=" + status.cancelledCount());
        }

        public void onBusinessReject(final BusinessRejectDecoder reject)
        {
            lines.add("REJECT " + reject.refTemplateId() + " " + reject.reason());
        }
    }
}
