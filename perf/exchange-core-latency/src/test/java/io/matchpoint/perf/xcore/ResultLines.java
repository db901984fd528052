package io.matchpoint.perf.xcore;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finds and parses the RESULT line the way a bench would: the one line starting {@code RESULT }, then space-separated
 * {@code key=value} pairs.
 */
final class ResultLines
{
    static final String[] KEYS = {
        "engine", "mode", "rate", "achieved", "sent", "acked", "rejected", "p50_ns", "p90_ns", "p99_ns", "p999_ns",
        "p9999_ns", "max_ns", "fill_p50_ns", "fill_p99_ns", "fills", "codes" };

    private ResultLines()
    {
    }

    /**
     * @return the pairs, in order, after checking there is exactly one RESULT line and that it is the last line.
     */
    static Map<String, String> parse(final String output)
    {
        final String[] lines = output.split("\\R");
        String result = null;
        for (final String line : lines)
        {
            if (line.startsWith("RESULT "))
            {
                assertEquals(null, result, "more than one RESULT line:\n" + output);
                result = line;
            }
        }
        assertNotNull(result, "no RESULT line:\n" + output);
        assertEquals(result, lines[lines.length - 1], "RESULT is not the last line");
        final Map<String, String> pairs = new LinkedHashMap<>();
        for (final String token : result.substring("RESULT ".length()).split(" "))
        {
            final int equals = token.indexOf('=');
            assertTrue(equals > 0, "not key=value: " + token);
            pairs.put(token.substring(0, equals), token.substring(equals + 1));
        }
        assertEquals(String.join(",", KEYS), String.join(",", pairs.keySet()), result);
        return pairs;
    }

    static long number(final Map<String, String> pairs, final String key)
    {
        return Long.parseLong(pairs.get(key));
    }
}
