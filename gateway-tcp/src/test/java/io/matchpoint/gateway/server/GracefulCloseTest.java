package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.matchpoint.codec.sbe.CancelRejectDecoder;
import io.matchpoint.codec.sbe.ExecType;
import io.matchpoint.codec.sbe.ExecutionReportDecoder;
import io.matchpoint.codec.sbe.HeartbeatDecoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.LogonRejectedDecoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SessionRejectReason;
import io.matchpoint.codec.sbe.ThrottleRejectDecoder;

/**
 * A connection the server ends while the client still has bytes in flight gets everything that was queued for it
 * and the reason, then a clean end of stream: never a reset, which would make the client's kernel throw away the
 * last answers. The client here writes everything first and reads only afterwards, over a real socket.
 */
class GracefulCloseTest
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private GatewayServer server;

    @AfterEach
    void tearDown()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldDeliverEveryAnswerAndTheRejectBeforeClosingASessionThatSentABadFrameAfterABurst() throws IOException
    {
        server = TestServers.start();
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            final int orders = 3_000;
            for (int i = 1; i <= orders; i++)
            {
                alice.buy(i, 100 + i % 50, 1);
            }
            alice.sendRaw(new byte[]{ 0, 0, 0, 0, (byte)0xEB, 0x50 }); // a frame of length 0

            // the reject answers the frame at once, so it may overtake reports still in the rings; the logout comes
            // after the session's last report
            int acknowledged = 0;
            int rejects = 0;
            while (true)
            {
                final UnsafeBuffer message = alice.read();
                final int templateId = header.wrap(message, 0).templateId();
                if (templateId == ExecutionReportDecoder.TEMPLATE_ID)
                {
                    assertEquals(ExecType.NEW, report(message).execType());
                    acknowledged++;
                }
                else if (templateId == SessionRejectDecoder.TEMPLATE_ID)
                {
                    assertEquals(SessionRejectReason.BAD_LENGTH, new SessionRejectDecoder().wrap(message,
                        MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).reason());
                    rejects++;
                }
                else if (templateId == LogoutDecoder.TEMPLATE_ID)
                {
                    assertEquals(LogoutReason.SESSION_REJECT, new LogoutDecoder().wrap(message,
                        MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).reason());
                    break;
                }
                else
                {
                    assertEquals(HeartbeatDecoder.TEMPLATE_ID, templateId);
                }
            }
            assertEquals(orders, acknowledged, "every order before the bad frame was answered");
            assertEquals(1, rejects, "and the bad frame itself, with its reason");
            alice.expectEndOfStream();
        }
    }

    @Test
    void shouldDeliverEveryAnswerAndTheLogoutToAClientThatFloodsBeforeReading() throws IOException
    {
        final int allowed = 1_000;
        final int rejectsBeforeClose = 2_000;
        server = TestServers.start(TestServers.gatewayContext().throttleMessages(allowed)
                .throttleWindowNs(TimeUnit.SECONDS.toNanos(60)).throttleRejectsBeforeClose(rejectsBeforeClose),
            TestServers.pipelineContext());
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            for (int i = 0; i < 12_000; i++)
            {
                alice.cancel(1_000_000 + i); // unknown orders: each answered with a CancelReject while allowed
            }

            int cancelRejects = 0;
            int throttleRejects = 0;
            while (true)
            {
                final UnsafeBuffer message = alice.read();
                final int templateId = header.wrap(message, 0).templateId();
                if (templateId == CancelRejectDecoder.TEMPLATE_ID)
                {
                    cancelRejects++;
                }
                else if (templateId == ThrottleRejectDecoder.TEMPLATE_ID)
                {
                    throttleRejects++;
                }
                else if (templateId == LogoutDecoder.TEMPLATE_ID)
                {
                    assertEquals(LogoutReason.THROTTLE_ABUSE, new LogoutDecoder().wrap(message,
                        MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).reason());
                    break;
                }
            }
            assertEquals(allowed, cancelRejects);
            assertEquals(rejectsBeforeClose, throttleRejects);
            alice.expectEndOfStream();
        }
    }

    @Test
    void shouldDeliverTheLogonRejectToAClientThatSentOrdersBehindItsLogon() throws IOException
    {
        server = TestServers.start();
        try (RawClient mallory = new RawClient(server.localAddress()))
        {
            mallory.logon("alice", "wrong-password", true);
            final byte[] junk = new byte[64 * 1024];
            for (int i = 0; i < 32; i++)
            {
                mallory.sendRaw(junk); // 2 MiB behind the logon, more than the gateway reads before it answers
            }

            final UnsafeBuffer message = mallory.expectExactly(LogonRejectedDecoder.TEMPLATE_ID);
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, new LogonRejectedDecoder().wrap(message,
                MessageHeaderDecoder.ENCODED_LENGTH, header.wrap(message, 0).blockLength(), header.version()).reason());
            mallory.expectEndOfStream();
        }
    }

    private ExecutionReportDecoder report(final UnsafeBuffer message)
    {
        return new ExecutionReportDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private LogoutDecoder logout(final RawClient client) throws IOException
    {
        final UnsafeBuffer message = client.expect(LogoutDecoder.TEMPLATE_ID);
        return new LogoutDecoder().wrap(
            message, MessageHeaderDecoder.ENCODED_LENGTH, header.wrap(message, 0).blockLength(), header.version());
    }
}
