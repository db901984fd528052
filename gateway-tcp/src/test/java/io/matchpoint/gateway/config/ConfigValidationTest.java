package io.matchpoint.gateway.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule of the configuration, each broken once in a file laid over the defaults: the error names the key and
 * says what is wrong, and says where the value came from.
 */
class ConfigValidationTest
{
    private static final String INSTRUMENT = "id = 1, symbol = \"X\", price-decimals = 2, tick-size = \"0.01\", " +
        "lot-size = 10, min-quantity = 10, max-quantity = 1000, low-price = \"1.00\", high-price = \"2.00\"";
    private static final String ACCOUNT = "id = 7, name = \"dave\", password = \"pw\"";
    private static final String DIGEST = "9bb1d11a48848bb9729b660525e7a72bbe1167644b65c5e69302b02e37d0869a";

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("brokenRules")
    void shouldNameTheKeyAndTheProblem(final String text, final String key, final String problem) throws IOException
    {
        final Path file = Files.createTempFile(directory, "server", ".conf");
        Files.writeString(file, text);

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals(key, ex.key(), ex.getMessage());
        assertEquals(problem, ex.problem(), ex.getMessage());
        assertNotNull(ex.origin(), ex.getMessage());
        assertTrue(ex.getMessage().endsWith(key + ": " + problem), ex.getMessage());
    }

    static Stream<Arguments> brokenRules()
    {
        return Stream.of(
            // top level
            rule("matchpoint.host = \"\"", "matchpoint.host", "must be a host name or address, got \"\""),
            rule("matchpoint.port = 65536", "matchpoint.port", "must be in 0..65535, got 65536"),
            rule("matchpoint.port = -1", "matchpoint.port", "must be in 0..65535, got -1"),
            rule("matchpoint.port = 1.5", "matchpoint.port", "must be a whole number, got number 1.5"),
            rule("matchpoint.port = 4294967296", "matchpoint.port", "must be at most 2147483647, got 4294967296"),
            rule("matchpoint.data-directory = \"\"", "matchpoint.data-directory", "must not be empty"),
            rule("matchpoint.profile = \"fast\"", "matchpoint.profile",
                "unknown profile 'fast': expected default or low-latency"),
            rule("matchpoint.threading = \"many\"", "matchpoint.threading",
                "unknown threading mode 'many': expected dedicated, shared-io, shared or invoker (or auto)"),
            rule("matchpoint.threading = \"invoker\"", "matchpoint.threading", "invoker runs no threads (it is " +
                "for tests and tools): a server needs dedicated, shared-io, shared or auto"),
            rule("matchpoint { profile = \"low-latency\", threading = \"shared\" }", "matchpoint.threading",
                "the low-latency profile pins one busy-spinning thread per agent, so it runs dedicated; got " +
                "shared (use the default profile for it)"),
            rule("matchpoint.cpus = [ 1, 2 ]", "matchpoint.cpus", "must name 4 CPUs, one for each of matcher, " +
                "gateway, command-journal, event-journal (in that order), or none to let the server " +
                "choose; got [1, 2]"),
            rule("matchpoint.cpus = [ 1, 2, 3, 2 ]", "matchpoint.cpus",
                "names CPU 2 twice: each hot thread busy-spins and needs a CPU of its own"),
            rule("matchpoint.cpus = [ 1, 2, 3, -5 ]", "matchpoint.cpus", "CPU numbers start at 0, got -5"),
            rule("matchpoint.cpus = [ 1, 2, \"x\", 4 ]", "matchpoint.cpus[2]", "must be a whole number, got string \"x\""),
            rule("matchpoint.cpus = 4", "matchpoint.cpus", "must be a list of whole numbers [ 2, 3, ... ], got number 4"),
            rule("matchpoint.host = null", "matchpoint.host", "missing"),
            rule("matchpoint.capacity = 5", "matchpoint.capacity", "must be a block { ... }, got number 5"),
            rule("matchpoint.instruments = {}", "matchpoint.instruments",
                "must be a list [ { ... } ... ], got a block"),
            rule("matchpoint.accounts = [ 5 ]", "matchpoint.accounts[0]", "must be a block { ... }, got number 5"),

            // capacity
            rule("matchpoint.capacity.max-orders = 1000", "matchpoint.capacity.max-orders",
                "must be a power of two, got 1000"),
            rule("matchpoint.capacity.max-orders = 67108864", "matchpoint.capacity.max-orders",
                "must be in 1..33554430, got 67108864"),
            rule("matchpoint.capacity.max-price-levels = 3", "matchpoint.capacity.max-price-levels",
                "must be a power of two, got 3"),
            rule("matchpoint.capacity.max-price-levels = 0", "matchpoint.capacity.max-price-levels",
                "must be a power of two, got 0"),
            rule("matchpoint.capacity.max-instruments = 0", "matchpoint.capacity.max-instruments",
                "must be in 1..16777216, got 0"),
            rule("matchpoint.capacity.max-accounts = 16777217", "matchpoint.capacity.max-accounts",
                "must be in 1..16777216, got 16777217"),
            rule("matchpoint.capacity.ticks-per-book = 10000", "matchpoint.capacity.ticks-per-book",
                "must be a power of two, got 10000"),
            rule("matchpoint.capacity.ticks-per-book = 32", "matchpoint.capacity.ticks-per-book",
                "must be in 64..16777216, got 32"),
            rule("matchpoint.capacity.max-sessions = 0", "matchpoint.capacity.max-sessions",
                "must be in 1..65536, got 0"),
            rule("matchpoint.capacity.inbound-ring-size = 1000", "matchpoint.capacity.inbound-ring-size",
                "must be a power of two, got 1000"),
            rule("matchpoint.capacity.inbound-ring-size = 8", "matchpoint.capacity.inbound-ring-size",
                "must be in 16..16777216, got 8"),
            rule("matchpoint.capacity.outbound-ring-size = 33554432", "matchpoint.capacity.outbound-ring-size",
                "must be in 16..16777216, got 33554432"),
            rule("matchpoint.capacity.session-outbound-buffer-bytes = 1024",
                "matchpoint.capacity.session-outbound-buffer-bytes", "must be in 4096..1073741824, got 1024"),

            // sessions
            rule("matchpoint.sessions.max-sessions-per-account = 0", "matchpoint.sessions.max-sessions-per-account",
                "must be in 1..65536, got 0"),
            rule("matchpoint.sessions.max-sessions-per-account = 65", "matchpoint.sessions.max-sessions-per-account",
                "must be at most matchpoint.capacity.max-sessions (64), got 65"),
            rule("matchpoint.sessions.throttle-messages = 0", "matchpoint.sessions.throttle-messages",
                "must be in 1..2147483647, got 0"),
            rule("matchpoint.sessions.throttle-window-ms = 0", "matchpoint.sessions.throttle-window-ms",
                "must be in 1..86400000, got 0"),
            rule("matchpoint.sessions.account-throttle-messages = 0", "matchpoint.sessions.account-throttle-messages",
                "must be in 1..2147483647, got 0"),
            rule("matchpoint.sessions.address-throttle-messages = -1", "matchpoint.sessions.address-throttle-messages",
                "must be in 1..2147483647, got -1"),
            rule("matchpoint.sessions.logons-per-address = 0", "matchpoint.sessions.logons-per-address",
                "must be in 1..2147483647, got 0"),
            rule("matchpoint.sessions.logons-per-account = 0", "matchpoint.sessions.logons-per-account",
                "must be in 1..2147483647, got 0"),
            rule("matchpoint.sessions.logon-rate-window-ms = 0", "matchpoint.sessions.logon-rate-window-ms",
                "must be in 1..86400000, got 0"),
            rule("matchpoint.sessions.throttle-rejects-before-close = 0",
                "matchpoint.sessions.throttle-rejects-before-close", "must be in 1..2147483647, got 0"),
            rule("matchpoint.sessions.logon-failures-before-lockout = -1",
                "matchpoint.sessions.logon-failures-before-lockout", "must be in 1..2147483647, got -1"),
            rule("matchpoint.sessions.logon-failure-window-ms = 86400001",
                "matchpoint.sessions.logon-failure-window-ms", "must be in 1..86400000, got 86400001"),
            rule("matchpoint.sessions.lockout-ms = 0", "matchpoint.sessions.lockout-ms",
                "must be in 1..86400000, got 0"),
            rule("matchpoint.sessions.logon-timeout-ms = 0", "matchpoint.sessions.logon-timeout-ms",
                "must be in 1..86400000, got 0"),
            rule("matchpoint.sessions.min-heartbeat-interval-ms = 0", "matchpoint.sessions.min-heartbeat-interval-ms",
                "must be in 1..86400000, got 0"),
            rule("matchpoint.sessions.max-heartbeat-interval-ms = 99", "matchpoint.sessions.max-heartbeat-interval-ms",
                "must be at least matchpoint.sessions.min-heartbeat-interval-ms (100), got 99"),

            // instruments
            rule("matchpoint.capacity.max-instruments = 2", "matchpoint.instruments",
                "lists 3 instruments, more than matchpoint.capacity.max-instruments (2)"),
            rule(instrument("id = -1"), "matchpoint.instruments[0].id", "must be in 0..2147483647, got -1"),
            rule(instrument("symbol = \"x1\""), "matchpoint.instruments[0].symbol",
                "must be 1..8 characters of A-Z 0-9 . _ -, got \"x1\""),
            rule(instrument("symbol = \"ABCDEFGHI\""), "matchpoint.instruments[0].symbol",
                "must be 1..8 characters of A-Z 0-9 . _ -, got \"ABCDEFGHI\""),
            rule(instrument("symbol = \"\""), "matchpoint.instruments[0].symbol",
                "must be 1..8 characters of A-Z 0-9 . _ -, got \"\""),
            rule(instrument("price-decimals = 19"), "matchpoint.instruments[0].price-decimals",
                "must be in 0..18, got 19"),
            rule(instrument("tick-size = \"0\""), "matchpoint.instruments[0].tick-size",
                "must be positive, got 0.00"),
            rule(instrument("tick-size = \"0.001\""), "matchpoint.instruments[0].tick-size",
                "'0.001' has more than 2 decimals (price-decimals is 2)"),
            rule(instrument("tick-size = \"1,5\""), "matchpoint.instruments[0].tick-size",
                "'1,5' is not a decimal number (expected digits with an optional sign and point, like 101.25)" +
                " (price-decimals is 2)"),
            rule(instrument("tick-size = true"), "matchpoint.instruments[0].tick-size",
                "must be a decimal string such as \"0.01\", got boolean true"),
            rule(instrument("lot-size = 0"), "matchpoint.instruments[0].lot-size",
                "must be in 1..9223372036854775807, got 0"),
            rule(instrument("lot-size = \"10\""), "matchpoint.instruments[0].lot-size",
                "must be a whole number, got string \"10\""),
            rule(instrument("min-quantity = 0"), "matchpoint.instruments[0].min-quantity",
                "must be in 1..9223372036854775807, got 0"),
            rule(instrument("max-quantity = 5"), "matchpoint.instruments[0].max-quantity",
                "must be at least min-quantity (10), got 5"),
            rule(instrument("min-quantity = 15"), "matchpoint.instruments[0].min-quantity",
                "must be a multiple of lot-size (10), got 15"),
            rule(instrument("max-quantity = 1005"), "matchpoint.instruments[0].max-quantity",
                "must be a multiple of lot-size (10), got 1005"),
            rule(instrument("tick-size = \"0.05\", low-price = \"1.01\""), "matchpoint.instruments[0].low-price",
                "must be a multiple of tick-size (0.05), got 1.01"),
            rule(instrument("tick-size = \"0.05\", high-price = \"2.01\""), "matchpoint.instruments[0].high-price",
                "must be a multiple of tick-size (0.05), got 2.01"),
            rule(instrument("high-price = \"0.99\""), "matchpoint.instruments[0].high-price",
                "must be at least low-price (1.00), got 0.99"),
            rule(instrument("high-price = \"200.00\""), "matchpoint.instruments[0].high-price",
                "the band 1.00..200.00 spans 19900 ticks of 0.01; it must span fewer than " +
                "matchpoint.capacity.ticks-per-book (16384)"),
            rule("matchpoint.capacity.ticks-per-book = 8192", "matchpoint.instruments[0].high-price",
                "the band 20.00..180.00 spans 16000 ticks of 0.01; it must span fewer than " +
                "matchpoint.capacity.ticks-per-book (8192)"),
            rule("matchpoint.capacity.max-orders = 16\n" + instrument("max-quantity = 1000000000000000000"),
                "matchpoint.instruments[0].max-quantity",
                "must be at most 576460752303423487 (the largest long divided by matchpoint.capacity.max-orders, " +
                "so that no sum of quantities overflows), got 1000000000000000000"),
            rule("matchpoint.instruments = [ { " + INSTRUMENT + " }, { " + INSTRUMENT + ", symbol = \"Y\" } ]",
                "matchpoint.instruments[1].id", "duplicate id 1, already used by matchpoint.instruments[0]"),
            rule("matchpoint.instruments = [ { " + INSTRUMENT + " }, { " + INSTRUMENT + ", id = 2 } ]",
                "matchpoint.instruments[1].symbol", "duplicate symbol X, already used by matchpoint.instruments[0]"),
            rule("matchpoint.instruments = [ { id = 1, symbol = \"X\", price-decimals = 2 } ]",
                "matchpoint.instruments[0].tick-size", "missing"),
            rule(instrument("colour = \"red\""), "matchpoint.instruments[0].colour",
                "unknown key (known here: id, symbol, price-decimals, tick-size, lot-size, min-quantity, " +
                "max-quantity, low-price, high-price, collar-ticks, collar-percent)"),

            // accounts
            rule(account("id = 0"), "matchpoint.accounts[0].id", "must be in 1..9223372036854775807, got 0"),
            rule(account("id = 4096"), "matchpoint.accounts[0].id",
                "must be below matchpoint.capacity.max-accounts (4096), got 4096"),
            rule(account("name = \"Dave\""), "matchpoint.accounts[0].name",
                "must be 1..16 characters of a-z 0-9 _ -, got \"Dave\""),
            rule(account("name = \"abcdefghijklmnopq\""), "matchpoint.accounts[0].name",
                "must be 1..16 characters of a-z 0-9 _ -, got \"abcdefghijklmnopq\""),
            rule(account("password-sha256 = \"" + DIGEST + "\""), "matchpoint.accounts[0].password-sha256",
                "give either password or password-sha256, not both"),
            rule("matchpoint.accounts = [ { id = 7, name = \"dave\" } ]", "matchpoint.accounts[0].password",
                "missing: give password (clear text, for demo accounts) or password-sha256 (64 hex digits)"),
            rule("matchpoint.accounts = [ { id = 7, name = \"dave\", password-sha256 = \"abc\" } ]",
                "matchpoint.accounts[0].password-sha256", "must be 64 hex digits (a SHA-256), got 3 characters"),
            rule("matchpoint.accounts = [ { id = 7, name = \"dave\", password-sha256 = \"" +
                DIGEST.replace('9', 'z') + "\" } ]",
                "matchpoint.accounts[0].password-sha256", "must be 64 hex digits (a SHA-256)"),
            rule(account("admin = \"yes\""), "matchpoint.accounts[0].admin",
                "must be true or false, got string \"yes\""),
            rule("matchpoint.accounts = [ { " + ACCOUNT + " }, { " + ACCOUNT + ", name = \"erin\" } ]",
                "matchpoint.accounts[1].id", "duplicate id 7, already used by matchpoint.accounts[0]"),
            rule("matchpoint.accounts = [ { " + ACCOUNT + " }, { " + ACCOUNT + ", id = 8 } ]",
                "matchpoint.accounts[1].name", "duplicate name dave, already used by matchpoint.accounts[0]"));
    }

    private static Arguments rule(final String text, final String key, final String problem)
    {
        return Arguments.of(text, key, problem);
    }

    /** One valid instrument with some keys given again (in HOCON the last one wins). */
    private static String instrument(final String overrides)
    {
        return "matchpoint.instruments = [ { " + INSTRUMENT + ", " + overrides + " } ]";
    }

    /** One valid account with some keys given again. */
    private static String account(final String overrides)
    {
        return "matchpoint.accounts = [ { " + ACCOUNT + ", " + overrides + " } ]";
    }
}
