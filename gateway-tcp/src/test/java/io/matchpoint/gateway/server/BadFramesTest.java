package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.codec.SofhFlyweight;
import io.matchpoint.codec.sbe.ExecutionReportEncoder;
import io.matchpoint.codec.sbe.LogoutDecoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.MessageHeaderDecoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.SessionRejectDecoder;
import io.matchpoint.codec.sbe.SessionRejectReason;

/**
 * DESIGN.md's bad-input table, frame by frame: a frame with a bad length, encoding type, schema id or version,
 * template or block length, a truncated frame, garbage, or a message out of sequence gets a session reject with
 * the reason and the connection closes; a session that was logged on also gets a Logout saying why; meanwhile
 * another session keeps trading unharmed.
 */
class BadFramesTest
{
    private GatewayServer server;
    private RawClient bystander;

    @BeforeEach
    void start() throws IOException
    {
        server = TestServers.start();
        bystander = Sessions.loggedOn(server, "bob");
    }

    @AfterEach
    void stop() throws IOException
    {
        bystander.close();
        server.close();
    }

    static Stream<Arguments> badFrames()
    {
        return Stream.of(
            Arguments.of("length above the largest frame", frame(9999, -1, -1, -1, -1), SessionRejectReason.BAD_LENGTH),
            Arguments.of("length below a message header", shortFrame(), SessionRejectReason.BAD_LENGTH),
            Arguments.of("encoding type", frame(-1, 0x5BE0, -1, -1, -1), SessionRejectReason.BAD_ENCODING_TYPE),
            Arguments.of("schema id", frame(-1, -1, 1, -1, -1), SessionRejectReason.BAD_SCHEMA_ID),
            Arguments.of("schema version", frame(-1, -1, -1, 9, -1), SessionRejectReason.BAD_SCHEMA_VERSION),
            Arguments.of("unknown template", frame(-1, -1, -1, -1, 999), SessionRejectReason.UNKNOWN_TEMPLATE),
            Arguments.of("a server template", frame(-1, -1, -1, -1, ExecutionReportEncoder.TEMPLATE_ID),
                SessionRejectReason.NOT_PERMITTED),
            Arguments.of("an internal template", frame(-1, -1, -1, -1, SessionOpenedEncoder.TEMPLATE_ID),
                SessionRejectReason.NOT_PERMITTED),
            Arguments.of("block length", blockLength(NewOrderEncoder.BLOCK_LENGTH - 1),
                SessionRejectReason.BAD_BLOCK_LENGTH),
            Arguments.of("frame longer than its block", longerThanBlock(), SessionRejectReason.BAD_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void shouldRejectABadFrameFromALoggedOnSessionThenLogItOutAndCloseIt(
        final String what, final byte[] frame, final SessionRejectReason reason) throws IOException
    {
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            alice.sendRaw(frame);

            assertEquals(reason, sessionReject(alice).reason(), what);
            assertEquals(LogoutReason.SESSION_REJECT, logout(alice).reason());
            assertTrue(alice.awaitClosed());
        }
        Sessions.assertTrades(bystander);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void shouldRejectABadFrameBeforeLogonAndCloseTheConnection(
        final String what, final byte[] frame, final SessionRejectReason reason) throws IOException
    {
        try (RawClient stranger = new RawClient(server.localAddress()))
        {
            stranger.sendRaw(frame);

            assertEquals(reason, sessionReject(stranger).reason(), what);
            assertTrue(stranger.awaitClosed());
        }
        Sessions.assertTrades(bystander);
    }

    @Test
    void shouldRejectAnOrderBeforeLogon() throws IOException
    {
        try (RawClient stranger = new RawClient(server.localAddress()))
        {
            stranger.buy(1, 10_000, 1);

            final SessionRejectDecoder reject = sessionReject(stranger);
            assertEquals(SessionRejectReason.NOT_LOGGED_ON, reject.reason());
            assertEquals(NewOrderEncoder.TEMPLATE_ID, reject.refTemplateId());
            assertTrue(stranger.awaitClosed());
        }
        Sessions.assertTrades(bystander);
    }

    @Test
    void shouldRejectASequenceGapAndCloseTheSession() throws IOException
    {
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            alice.skipSeqNum();
            alice.buy(1, 10_000, 1);

            final SessionRejectDecoder reject = sessionReject(alice);
            assertEquals(SessionRejectReason.BAD_SEQUENCE_NUMBER, reject.reason());
            assertEquals(3, reject.refSeqNum());
            assertEquals(2, reject.expected());
            assertEquals(LogoutReason.SESSION_REJECT, logout(alice).reason());
            assertTrue(alice.awaitClosed());
        }
        Sessions.assertTrades(bystander);
    }

    @Test
    void shouldRejectAFrameCutShortByThePeersClose() throws IOException
    {
        try (RawClient alice = Sessions.loggedOn(server, "alice"))
        {
            final byte[] whole = frame(-1, -1, -1, -1, -1);
            alice.sendRaw(java.util.Arrays.copyOf(whole, whole.length - 7));
            alice.shutdownOutput();

            assertEquals(SessionRejectReason.BAD_LENGTH, sessionReject(alice).reason());
            assertTrue(alice.awaitClosed());
        }
        Sessions.assertTrades(bystander);
    }

    @Test
    void shouldSurviveGarbageBytes() throws IOException
    {
        final Random random = new Random(42);
        for (int round = 0; round < 20; round++)
        {
            final byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            try (RawClient stranger = new RawClient(server.localAddress()))
            {
                stranger.sendRaw(garbage);
                stranger.shutdownOutput();
                assertTrue(stranger.awaitClosed(), "round " + round);
            }
        }
        Sessions.assertTrades(bystander);
    }

    // ---------------------------------------------------------------------------------------------------------------

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

    /**
     * A well-formed NewOrder frame (seqNum 2, the first after logon) with one field spoiled; -1 keeps the good value.
     */
    private static byte[] frame(
        final long length, final int encodingType, final int schemaId, final int version, final int templateId)
    {
        final UnsafeBuffer buffer = newOrderFrame();
        if (length >= 0)
        {
            buffer.putInt(0, (int)length, ByteOrder.BIG_ENDIAN);
        }
        if (encodingType >= 0)
        {
            buffer.putShort(4, (short)encodingType, ByteOrder.BIG_ENDIAN);
        }
        if (schemaId >= 0)
        {
            buffer.putShort(SofhFlyweight.HEADER_LENGTH + 4, (short)schemaId, ByteOrder.LITTLE_ENDIAN);
        }
        if (version >= 0)
        {
            buffer.putShort(SofhFlyweight.HEADER_LENGTH + 6, (short)version, ByteOrder.LITTLE_ENDIAN);
        }
        if (templateId >= 0)
        {
            buffer.putShort(SofhFlyweight.HEADER_LENGTH + 2, (short)templateId, ByteOrder.LITTLE_ENDIAN);
        }
        return buffer.byteArray();
    }

    private static byte[] shortFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SofhFlyweight.HEADER_LENGTH + 4]);
        SofhFlyweight.wrapSbe(buffer, 0, 4);
        return buffer.byteArray();
    }

    private static byte[] blockLength(final int blockLength)
    {
        final UnsafeBuffer buffer = newOrderFrame();
        buffer.putShort(SofhFlyweight.HEADER_LENGTH, (short)blockLength, ByteOrder.LITTLE_ENDIAN);
        return buffer.byteArray();
    }

    private static byte[] longerThanBlock()
    {
        final byte[] good = newOrderFrame().byteArray();
        final UnsafeBuffer buffer = new UnsafeBuffer(java.util.Arrays.copyOf(good, good.length + 4));
        SofhFlyweight.wrapSbe(buffer, 0, good.length + 4 - SofhFlyweight.HEADER_LENGTH);
        return buffer.byteArray();
    }

    private static UnsafeBuffer newOrderFrame()
    {
        final int sbeLength = MessageHeaderDecoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SofhFlyweight.HEADER_LENGTH + sbeLength]);
        new NewOrderEncoder()
            .wrapAndApplyHeader(buffer, SofhFlyweight.HEADER_LENGTH, new io.matchpoint.codec.sbe.MessageHeaderEncoder())
            .seqNum(2).clOrdId(1).instrumentId(1).price(10_000).quantity(1).displayQuantity(0).stopPrice(0);
        SofhFlyweight.wrapSbe(buffer, 0, sbeLength);
        return buffer;
    }
}
