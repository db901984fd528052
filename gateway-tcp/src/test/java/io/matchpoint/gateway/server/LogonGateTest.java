package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.LogonDecoder;
import io.matchpoint.codec.sbe.LogonEncoder;
import io.matchpoint.codec.sbe.LogonRejectReason;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;

/**
 * The logon decision from a table, at the test's time and without a socket: each bad field gets its reason, and the
 * lock-out, the logon rates and the session limit refuse and then admit again exactly as configured.
 */
class LogonGateTest
{
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
    private static final InetAddress PEER = InetAddress.getLoopbackAddress();

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final LogonDecoder logon = new LogonDecoder();
    private long nowNs = TimeUnit.SECONDS.toNanos(1_000);
    private LogonGate gate;
    private SharedLimits address;

    static Stream<Arguments> logons()
    {
        return Stream.of(
            row("alice with her password", l -> { }, null),
            row("a Logon numbered 2", l -> l.seqNum(2), LogonRejectReason.BAD_SEQUENCE_NUMBER),
            row("a resume from -5", l -> l.lastSeqNum(-5), LogonRejectReason.BAD_SEQUENCE_NUMBER),
            row("a heartbeat interval of 99 ms", l -> l.heartbeatIntervalMs(99),
                LogonRejectReason.BAD_HEARTBEAT_INTERVAL),
            row("a heartbeat interval of a day", l -> l.heartbeatIntervalMs(TimeUnit.DAYS.toMillis(1)),
                LogonRejectReason.BAD_HEARTBEAT_INTERVAL),
            row("cancel-on-disconnect neither true nor false", l -> l.buffer().putByte(
                l.offset() + LogonEncoder.cancelOnDisconnectEncodingOffset(), (byte)7),
                LogonRejectReason.BAD_HEARTBEAT_INTERVAL),
            row("a wrong password", l -> l.credential("guess"), LogonRejectReason.BAD_CREDENTIALS),
            row("an account nobody configured", l -> l.account("mallory").credential("mallory-pw"),
                LogonRejectReason.BAD_CREDENTIALS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logons")
    void shouldDecideEachLogonByItsFirstBadField(final Consumer<LogonEncoder> change, final LogonRejectReason reason)
    {
        start(TestServers.gatewayContext());
        final LogonEncoder encoder = alice();
        change.accept(encoder);
        final long accountId = admit();
        assertEquals(reason, gate.reason());
        assertEquals(reason == null ? 1 : LogonGate.REFUSED, accountId);
        assertEquals(0, gate.retryAfterMs());
    }

    @Test
    void shouldLockAnAddressOutAfterRepeatedBadCredentialsEvenForTheRightOnesUntilTheLockOutEnds()
    {
        start(TestServers.gatewayContext().logonFailuresBeforeLockout(3).lockoutNs(TimeUnit.SECONDS.toNanos(30)));
        for (int i = 0; i < 3; i++)
        {
            alice().credential("guess");
            assertEquals(LogonGate.REFUSED, admit());
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, gate.reason());
        }
        alice();
        assertEquals(LogonGate.REFUSED, admit(), "the right password, from a locked-out address");
        assertEquals(LogonRejectReason.LOCKED_OUT, gate.reason());
        assertEquals(30_001, gate.retryAfterMs());

        nowNs += TimeUnit.SECONDS.toNanos(30) + 1;
        alice();
        assertEquals(1, admit(), "the lock-out is over");
    }

    @Test
    void shouldLimitLogonAttemptsPerAddressWhateverTheirOutcome()
    {
        start(TestServers.gatewayContext().logonsPerAddress(2).logonRateWindowNs(WINDOW_NS));
        alice().credential("guess");
        assertEquals(LogonGate.REFUSED, admit());
        alice();
        assertEquals(1, admit());
        alice();
        assertEquals(LogonGate.REFUSED, admit(), "a third attempt within the window");
        assertEquals(LogonRejectReason.LOCKED_OUT, gate.reason());
        assertTrue(gate.retryAfterMs() > 0 && gate.retryAfterMs() <= 1_000, "retry after " + gate.retryAfterMs());

        nowNs += TimeUnit.MILLISECONDS.toNanos(gate.retryAfterMs());
        alice();
        assertEquals(1, admit(), "admitted once the time it was told has passed");
    }

    @Test
    void shouldLimitLogonsPerAccountCountingOnlyThoseWithTheRightCredentials()
    {
        start(TestServers.gatewayContext().logonsPerAccount(2).logonRateWindowNs(WINDOW_NS)
            .logonFailuresBeforeLockout(100));
        for (int i = 0; i < 10; i++)
        {
            alice().credential("guess");
            assertEquals(LogonRejectReason.BAD_CREDENTIALS, refusal(), "a guesser does not spend alice's logons");
        }
        alice();
        assertEquals(1, admit());
        alice();
        assertEquals(1, admit());
        alice();
        assertEquals(LogonRejectReason.LOCKED_OUT, refusal());
        assertTrue(gate.retryAfterMs() > 0);
        bob();
        assertEquals(2, admit(), "another account has its own rate");
    }

    @Test
    void shouldRefuseASessionBeyondTheAccountsLimitUntilOneEnds()
    {
        start(TestServers.gatewayContext().maxSessionsPerAccount(2));
        alice();
        assertEquals(1, admit());
        alice();
        assertEquals(1, admit());
        alice();
        assertEquals(LogonRejectReason.TOO_MANY_SESSIONS_FOR_ACCOUNT, refusal());

        gate.onSessionEnded(1);
        alice();
        assertEquals(1, admit());
        assertNull(gate.reason());
    }

    private void start(final GatewayContext context)
    {
        gate = new LogonGate(context.conclude());
        address = new SharedLimits(context.addressThrottleMessages(), context.logonsPerAddress(),
            context.throttleWindowNs(), context.logonRateWindowNs());
    }

    private LogonEncoder alice()
    {
        return logonOf("alice");
    }

    private LogonEncoder bob()
    {
        return logonOf("bob");
    }

    private LogonEncoder logonOf(final String account)
    {
        return new LogonEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .seqNum(1)
            .heartbeatIntervalMs(30_000)
            .cancelOnDisconnect(BooleanType.FALSE)
            .account(account)
            .credential(account + "-pw")
            .lastSeqNum(LogonEncoder.lastSeqNumNullValue());
    }

    private long admit()
    {
        logon.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, LogonDecoder.BLOCK_LENGTH, LogonDecoder.SCHEMA_VERSION);
        return gate.admit(logon, PEER, address, nowNs);
    }

    private LogonRejectReason refusal()
    {
        assertEquals(LogonGate.REFUSED, admit());
        return gate.reason();
    }

    private static Arguments row(final String name, final Consumer<LogonEncoder> change, final LogonRejectReason reason)
    {
        return Arguments.of(Named.of(name, change), reason);
    }
}
