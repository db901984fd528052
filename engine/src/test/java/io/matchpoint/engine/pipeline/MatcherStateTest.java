package io.matchpoint.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matchpoint.engine.match.EngineConfig;

/**
 * The matcher's own part of a saved state (the stream numbers of each account and the sessions open) and the command
 * it was taken at: a state that is wrong there is refused before anything is loaded, like a wrong core state, and the
 * matcher can then load a good one. The core's part is covered by {@code SavedEngineStateTest}.
 */
class MatcherStateTest
{
    /**
     * A fresh matcher's state ends with its two maps' counts, both 0 (the tests write their own maps there), then the
     * market data sequences (two channel sequences and a count of no instruments) and a count of no drop copy grants.
     */
    private static final int EMPTY_MAPS = 4 + 4;
    private static final int FRESH_TAIL = 8 + 8 + 4 + 4;
    private static final int NO_GRANTS = 4;
    private static final long NO_SESSION = -1;

    @Test
    void shouldLoadStreamsAndSessionsAndSaveThemAgain() throws IOException
    {
        final byte[] state = withMaps(out ->
        {
            map(out, 7, 3); // one pair each: a map saves its pairs in its own order
            map(out, 100, (7L << 1) | 1);
        });
        final MatcherHandler matcher = freshMatcher();
        matcher.loadState(new DataInputStream(new ByteArrayInputStream(state)), 0);
        assertArrayEquals(state, save(matcher));
        final long[] seen = new long[3];
        matcher.forEachOpenSession((sessionId, accountId, cancelOnDisconnect) ->
        {
            seen[0] = sessionId;
            seen[1] = accountId;
            seen[2] = cancelOnDisconnect ? 1 : 0;
        });
        assertArrayEquals(new long[]{ 100, 7, 1 }, seen);
    }

    static Stream<Arguments> brokenMaps()
    {
        return Stream.of(
            Arguments.of("a stream number the map keeps for none", (Consumer<DataOutputStream>)out ->
            {
                map(out, 7, 0);
                map(out);
            }, "bad stream state: key 7 saved with value 0"),
            Arguments.of("an account's stream twice", (Consumer<DataOutputStream>)out ->
            {
                map(out, 7, 3, 7, 4);
                map(out);
            }, "bad stream state: key 7 saved twice"),
            Arguments.of("a negative count", (Consumer<DataOutputStream>)out ->
            {
                map(out);
                write(out, -1);
            }, "bad open session state: a count of -1"),
            Arguments.of("a session the map keeps for none", (Consumer<DataOutputStream>)out ->
            {
                map(out);
                map(out, 100, NO_SESSION);
            }, "bad open session state: key 100 saved with value -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMaps")
    void shouldRefuseABrokenMapAndStayFresh(
        final String name, final Consumer<DataOutputStream> maps, final String problem) throws IOException
    {
        final MatcherHandler matcher = freshMatcher();
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> matcher.loadState(new DataInputStream(new ByteArrayInputStream(withMaps(maps))), 0));
        assertTrue(refused.getMessage().contains(problem), refused.getMessage());
        assertLoadsAGoodStateAfterwards(matcher);
    }

    @Test
    void shouldRefuseADropCopyGrantSavedTwiceAndStayFresh() throws IOException
    {
        final byte[] fresh = save(freshMatcher());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.write(fresh, 0, fresh.length - NO_GRANTS);
        map(out, 9, 1, 9, 1);
        final MatcherHandler matcher = freshMatcher();

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> matcher.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 0));

        assertTrue(refused.getMessage().contains("bad drop copy state: grant 9 -> 1 repeated"), refused.getMessage());
        assertLoadsAGoodStateAfterwards(matcher);
    }

    @Test
    void shouldRefuseAStateOfAnotherCommandThanItsSnapshotSays() throws IOException
    {
        final MatcherHandler matcher = freshMatcher();
        final byte[] state = save(freshMatcher());
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> matcher.loadState(new DataInputStream(new ByteArrayInputStream(state)), 5));
        assertTrue(refused.getMessage().contains("a matcher state through command 0 where its snapshot says 5"),
            refused.getMessage());
        assertLoadsAGoodStateAfterwards(matcher);
    }

    @Test
    void shouldRefuseAStateThatEndsEarly() throws IOException
    {
        final MatcherHandler matcher = freshMatcher();
        final byte[] state = withMaps(out -> map(out, 7, 3, 8, 1));
        assertThrows(IOException.class, () -> matcher.loadState(
            new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(state, state.length - 2))), 0));
        assertLoadsAGoodStateAfterwards(matcher);
    }

    private static void assertLoadsAGoodStateAfterwards(final MatcherHandler matcher) throws IOException
    {
        final byte[] good = withMaps(out ->
        {
            map(out, 9, 2);
            map(out);
        });
        matcher.loadState(new DataInputStream(new ByteArrayInputStream(good)), 0);
        assertArrayEquals(good, save(matcher), "nothing of the refused state was loaded");
        assertEquals(0, matcher.lastSequence());
    }

    private static MatcherHandler freshMatcher()
    {
        return new Replayer(new EngineConfig().maxOrders(64).maxPriceLevels(64).maxAccounts(16).maxInstruments(4)
            .ticksPerBook(64), (event, sequence, endOfBatch) -> { }).matcher();
    }

    private static byte[] save(final MatcherHandler matcher) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        matcher.saveState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /**
     * @return a fresh matcher's state with its two empty maps replaced by what {@code maps} writes.
     */
    private static byte[] withMaps(final Consumer<DataOutputStream> maps)
    {
        try
        {
            final byte[] fresh = save(freshMatcher());
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final DataOutputStream out = new DataOutputStream(bytes);
            out.write(fresh, 0, fresh.length - EMPTY_MAPS - FRESH_TAIL);
            maps.accept(out);
            out.write(fresh, fresh.length - FRESH_TAIL, FRESH_TAIL);
            out.flush();
            return bytes.toByteArray();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Writes a map as the matcher saves one: the count, then the key and value pairs.
     */
    private static void map(final DataOutputStream out, final long... keysAndValues)
    {
        try
        {
            out.writeInt(keysAndValues.length / 2);
            for (final long word : keysAndValues)
            {
                out.writeLong(word);
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void write(final DataOutputStream out, final int value)
    {
        try
        {
            out.writeInt(value);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
