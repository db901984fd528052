package io.matchpoint.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.matchpoint.engine.pipeline.ThreadingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigLoaderTest
{
    @TempDir
    Path directory;

    @Test
    void shouldLoadTheBuiltInDefaults()
    {
        final ServerConfig config = ServerConfigLoader.defaults();

        assertEquals("127.0.0.1", config.host());
        assertEquals(7400, config.port());
        assertEquals(Path.of("data"), config.dataDirectory());
        assertEquals(Profile.DEFAULT, config.profile());
        assertEquals(new CapacityConfig(1 << 20, 1 << 16, 16, 4096, 1 << 14, 64, 1 << 16, 1 << 16, 1 << 20),
            config.capacity());
        assertEquals(new SessionConfig(
            4, 10_000, 1000, 100, 20_000, 100_000, 50, 10, 1000, 5, 60_000, 30_000, 5000, 100, 60_000), config.sessions());
        assertEquals(List.of(
            new InstrumentConfig(1, "DEMO1", 2, 1, 1, 1, 1_000_000, 2000, 18000),
            new InstrumentConfig(2, "DEMO2", 2, 5, 1, 1, 1_000_000, 1000, 50000),
            new InstrumentConfig(3, "DEMO3", 4, 25, 10, 10, 100_000, 5000, 100000)), config.instruments());
        assertEquals(List.of(
            AccountConfig.fromPassword(1, "alice", "alice-demo", false),
            AccountConfig.fromPassword(2, "bob", "bob-demo", false),
            AccountConfig.fromPassword(3, "carol", "carol-demo", false),
            AccountConfig.fromPassword(100, "admin", "admin-demo", true)), config.accounts());
    }

    @Test
    void shouldShipAnExampleIdenticalToTheBuiltInDefaults() throws IOException
    {
        final Path example = Path.of("..", "config", "matchpoint-example.conf");
        final Path builtIn = Path.of("src", "main", "resources", ServerConfigLoader.DEFAULT_RESOURCE);

        assertEquals(-1, Files.mismatch(example, builtIn), "config/matchpoint-example.conf differs from the default");
        assertEquals(ServerConfigLoader.defaults(), ServerConfigLoader.load(example));
    }

    @Test
    void shouldOverrideOneKeyAndKeepTheOtherDefaults() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("matchpoint.capacity.max-orders = 4194304"));

        final ServerConfig defaults = ServerConfigLoader.defaults();
        final CapacityConfig capacity = defaults.capacity();
        final ServerConfig expected = new ServerConfig(
            defaults.host(), defaults.port(), defaults.dataDirectory(), defaults.profile(), defaults.cpus(),
            defaults.threading(),
            new CapacityConfig(
                4194304, capacity.maxPriceLevels(), capacity.maxInstruments(), capacity.maxAccounts(),
                capacity.ticksPerBook(), capacity.maxSessions(), capacity.inboundRingSize(),
                capacity.outboundRingSize(), capacity.sessionOutboundBufferBytes()),
            defaults.sessions(), defaults.marketData(), defaults.instruments(), defaults.accounts(),
            defaults.riskLimits());
        assertEquals(expected, config);
    }

    @Test
    void shouldReadTheMarketDataFeedOffByDefaultWithAnEmbeddedDriverOnAFreeLoopbackPort() throws IOException
    {
        final MarketDataConfig defaults = ServerConfigLoader.defaults().marketData();
        assertFalse(defaults.enabled());
        assertTrue(defaults.embedded());
        assertEquals("aeron:udp?control=127.0.0.1:0|control-mode=dynamic", defaults.channel());
        assertEquals(1001, defaults.incrementalStreamId());
        assertEquals(1002, defaults.ordersStreamId());
        assertEquals(1003, defaults.snapshotStreamId());
        assertEquals(1000, defaults.snapshotIntervalMs());
        assertEquals(1 << 20, defaults.termLengthBytes());

        final MarketDataConfig changed = ServerConfigLoader.load(file("""
            matchpoint.market-data { enabled = true, channel = "aeron:ipc", media-driver = "/dev/shm/aeron-md" }
            """)).marketData();
        assertEquals(new MarketDataConfig(true, "aeron:ipc", 1001, 1002, 1003, 1000, 1 << 20, "/dev/shm/aeron-md"),
            changed);
        assertFalse(changed.embedded());
    }

    @Test
    void shouldRefuseAMarketDataFeedOnTheSameStreamTwiceOrOnSomethingNotAeron() throws IOException
    {
        final BadConfigException sameStream = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(
            file("matchpoint.market-data.orders-stream-id = 1001")));
        assertTrue(sameStream.getMessage().contains("matchpoint.market-data.orders-stream-id"),
            sameStream.getMessage());
        final BadConfigException notAeron = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(
            file("matchpoint.market-data.channel = \"udp://224.0.1.1:40456\"")));
        assertTrue(notAeron.getMessage().contains("must be an Aeron channel"), notAeron.getMessage());
        final BadConfigException term = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(
            file("matchpoint.market-data.term-length-bytes = 100000")));
        assertTrue(term.getMessage().contains("term-length-bytes"), term.getMessage());
    }

    @Test
    void shouldReadTheThreadingModeWithAutoLeavingTheChoiceToTheServer() throws IOException
    {
        assertNull(ServerConfigLoader.defaults().threading());
        assertEquals(ThreadingMode.SHARED_IO,
            ServerConfigLoader.load(file("matchpoint.threading = shared-io")).threading());
        assertNull(ServerConfigLoader.load(file("matchpoint.threading = auto")).threading());
        assertEquals(ThreadingMode.DEDICATED, ServerConfigLoader.defaults().withThreading(ThreadingMode.DEDICATED)
            .threading());
    }

    @Test
    void shouldReplaceTheDefaultInstrumentsWithTheFilesList() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.instruments = [
                { id = 7, symbol = "ABC", price-decimals = 3, tick-size = "0.005", lot-size = 100,
                  min-quantity = 100, max-quantity = 10000, low-price = "1.000", high-price = "2.000" }
            ]
            """));

        assertEquals(List.of(new InstrumentConfig(7, "ABC", 3, 5, 100, 100, 10000, 1000, 2000)), config.instruments());
        assertEquals(ServerConfigLoader.defaults().accounts(), config.accounts());
    }

    @Test
    void shouldReplaceTheDefaultAccountsWithTheFilesList() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file(
            "matchpoint.accounts = [ { id = 9, name = \"dave\", password = \"secret\" } ]"));

        assertEquals(List.of(AccountConfig.fromPassword(9, "dave", "secret", false)), config.accounts());
        assertEquals(ServerConfigLoader.defaults().instruments(), config.instruments());
    }

    @Test
    void shouldReadADropCopyAccountForEveryAccountOrForTheAccountsListed() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.accounts = [
                { id = 1, name = "alice", password = "a" }
                { id = 2, name = "bob", password = "b" }
                { id = 8, name = "audit", password = "c", drop-copy-for = "all" }
                { id = 9, name = "risk", password = "d", drop-copy-for = [ 2, 1 ] }
            ]
            """));

        assertEquals(DropCopyScope.NONE, config.accounts().get(0).dropCopy());
        assertEquals(DropCopyScope.EVERY_ACCOUNT, config.accounts().get(2).dropCopy());
        assertEquals(DropCopyScope.of(List.of(2L, 1L)), config.accounts().get(3).dropCopy());
        assertTrue(config.summary().contains("risk (id 9, drop copy of [2, 1])"), config.summary());
    }

    @Test
    void shouldRefuseADropCopyOfAnUnknownAccountOfItselfOfADropCopyOrThatIsAdminToo() throws IOException
    {
        final String accounts = """
            matchpoint.accounts = [
                { id = 1, name = "alice", password = "a" }
                { id = 8, name = "audit", password = "c", drop-copy-for = "all" }
                { id = 9, name = "risk", password = "d", %s }
            ]
            """;
        final Map<String, String> refusals = Map.of(
            "drop-copy-for = [ 1, 3 ]", "matchpoint.accounts[2].drop-copy-for[1]: no account has id 3",
            "drop-copy-for = [ 9 ]", "matchpoint.accounts[2].drop-copy-for: lists the account itself (9)",
            "drop-copy-for = [ 8 ]",
            "matchpoint.accounts[2].drop-copy-for[0]: a drop copy account has no reports of its own: 8",
            "drop-copy-for = [ 1, 1 ]", "matchpoint.accounts[2].drop-copy-for[1]: must be an account id",
            "drop-copy-for = [ ]", "matchpoint.accounts[2].drop-copy-for: must be \"all\" or a list",
            "drop-copy-for = \"some\"", "matchpoint.accounts[2].drop-copy-for: must be \"all\" or a list",
            "drop-copy-for = \"all\", admin = true",
            "matchpoint.accounts[2].drop-copy-for: a drop copy account is read-only: it cannot be admin too");
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final BadConfigException ex = assertThrows(BadConfigException.class,
                () -> ServerConfigLoader.load(file(accounts.formatted(refusal.getKey()))), refusal.getKey());
            assertTrue(ex.getMessage().contains(refusal.getValue()), ex.getMessage());
        }
    }

    @Test
    void shouldReadRiskLimitsForTheDefaultsAndForAnAccountWithEveryLimitLeftOutUnset() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.risk-limits = [
                { account = "default", max-order-quantity = 10000, max-order-notional = 100000000 }
                { account = 3, max-open-orders = 50, instrument-credit = 7, total-credit = 0, position-limit = 5000 }
            ]
            """));

        assertEquals(List.of(
            new RiskLimitsConfig(RiskLimitsConfig.DEFAULTS, 10_000, 100_000_000, -1, -1, -1, -1),
            new RiskLimitsConfig(3, -1, -1, 50, 7, 0, 5_000)), config.riskLimits());
        assertEquals(List.of(), ServerConfigLoader.defaults().riskLimits(), "none by default: the journal's stay");
    }

    @Test
    void shouldRefuseRiskLimitsForAnUnknownAccountTwiceForOneOrBelowZero() throws IOException
    {
        final Map<String, String> refusals = Map.of(
            "{ account = 7, max-open-orders = 1 }", "matchpoint.risk-limits[0].account: no account has id 7",
            "{ account = \"all\" }", "matchpoint.risk-limits[0].account: must be an account id or \"default\"",
            "{ account = 1 }, { account = 1 }",
            "matchpoint.risk-limits[1].account: account 1 already has limits in matchpoint.risk-limits[0]",
            "{ account = 1, position-limit = -1 }",
            "matchpoint.risk-limits[0].position-limit: must be 0 or more (leave it out for no limit), got -1",
            "{ account = 1, max-order-qty = 5 }", "max-order-qty");
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final BadConfigException ex = assertThrows(BadConfigException.class,
                () -> ServerConfigLoader.load(file("matchpoint.risk-limits = [ " + refusal.getKey() + " ]")),
                refusal.getKey());
            assertTrue(ex.getMessage().contains(refusal.getValue()), ex.getMessage());
        }
    }

    @Test
    void shouldReadAnInstrumentsPriceCollarAndLeaveItUnsetWhenTheKeyIsMissing() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.instruments = [
                { id = 7, symbol = "ABC", price-decimals = 3, tick-size = "0.005", lot-size = 100,
                  min-quantity = 100, max-quantity = 10000, low-price = "1.000", high-price = "2.000",
                  collar-ticks = 20 }
                { id = 8, symbol = "DEF", price-decimals = 3, tick-size = "0.005", lot-size = 100,
                  min-quantity = 100, max-quantity = 10000, low-price = "1.000", high-price = "2.000" }
            ]
            """));

        assertEquals(20, config.instruments().get(0).collarTicks());
        assertEquals(InstrumentConfig.NOT_CONFIGURED, config.instruments().get(1).collarTicks());
        final BadConfigException negative = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(
            file("matchpoint.instruments = [ { id = 7, symbol = \"ABC\", price-decimals = 0, tick-size = 1, " +
                "lot-size = 1, min-quantity = 1, max-quantity = 10, low-price = 1, high-price = 9, " +
                "collar-ticks = -2 } ]")));
        assertTrue(negative.getMessage().contains("collar-ticks: must be 0 (no collar) or more, got -2"),
            negative.getMessage());
    }

    @Test
    void shouldReadACollarInPercentAsBasisPointsAndRefuseItBesideTicksOrOutOfRange() throws IOException
    {
        final String entry = "matchpoint.instruments = [ { id = 7, symbol = \"ABC\", price-decimals = 0, " +
            "tick-size = 1, lot-size = 1, min-quantity = 1, max-quantity = 10, low-price = 1, high-price = 9, %s } ]";
        final ServerConfig config = ServerConfigLoader.load(file(entry.formatted("collar-percent = \"2.5\"")));
        assertEquals(0, config.instruments().get(0).collarTicks());
        assertEquals(250, config.instruments().get(0).collarBasisPoints());
        assertEquals(100, ServerConfigLoader.load(file(entry.formatted("collar-percent = 1")))
            .instruments().get(0).collarBasisPoints());

        final Map<String, String> refusals = Map.of(
            "collar-percent = 2, collar-ticks = 3", "collar-percent: give collar-ticks or collar-percent, not both",
            "collar-percent = 0", "collar-percent: must be 0.01 to 100",
            "collar-percent = 100.5", "collar-percent: must be 0.01 to 100",
            "collar-percent = \"0.005\"", "collar-percent: must be 0.01 to 100",
            "collar-percent = \"lots\"", "collar-percent: must be 0.01 to 100");
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final BadConfigException ex = assertThrows(BadConfigException.class,
                () -> ServerConfigLoader.load(file(entry.formatted(refusal.getKey()))), refusal.getKey());
            assertTrue(ex.getMessage().contains(refusal.getValue()), ex.getMessage());
        }
    }

    @Test
    void shouldAppendToTheDefaultInstrumentsWithPlusEquals() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.instruments += { id = 4, symbol = "DEMO4", price-decimals = 0, tick-size = "1", lot-size = 1,
                min-quantity = 1, max-quantity = 10, low-price = "1", high-price = "100" }
            """));

        assertEquals(4, config.instruments().size());
        assertEquals("DEMO4", config.instruments().get(3).symbol());
    }

    @Test
    void shouldReadAnUnquotedPriceAsWrittenNotThroughADouble() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file("""
            matchpoint.instruments = [
                { id = 1, symbol = "X", price-decimals = 2, tick-size = 0.10, lot-size = 1,
                  min-quantity = 1, max-quantity = 10, low-price = 0.30, high-price = 20 }
            ]
            """));

        final InstrumentConfig instrument = config.instruments().get(0);
        assertEquals(10, instrument.tickSize());
        assertEquals(30, instrument.lowPrice());
        assertEquals(2000, instrument.highPrice());
    }

    @Test
    void shouldTakeAPasswordDigestInHex() throws IOException
    {
        // printf '%s' 'eve-secret' | sha256sum
        final String hex = "9bb1d11a48848bb9729b660525e7a72bbe1167644b65c5e69302b02e37d0869a";
        final ServerConfig config = ServerConfigLoader.load(file(
            "matchpoint.accounts = [ { id = 5, name = \"eve\", password-sha256 = \"" + hex + "\", admin = true } ]"));

        final AccountConfig account = config.accounts().get(0);
        assertTrue(account.matches("eve-secret"));
        assertTrue(account.admin());
    }

    @Test
    void shouldSubstituteAnEnvironmentVariableOnlyWhenSet() throws IOException
    {
        final ServerConfig config = ServerConfigLoader.load(file(
            "matchpoint.port = ${?MATCHPOINT_TEST_VARIABLE_THAT_IS_NEVER_SET}"));

        assertEquals(7400, config.port());
    }

    @Test
    void shouldRejectAnUnknownKeyUnderMatchpointNamingItsFileAndLine() throws IOException
    {
        final Path file = file("matchpoint {\n    capacity {\n        max-order = 1024\n    }\n}\n");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpoint.capacity.max-order", ex.key());
        assertEquals(file + ": 3", ex.origin());
        assertTrue(ex.getMessage().startsWith(file + ": 3: matchpoint.capacity.max-order: unknown key"),
            ex.getMessage());
    }

    @Test
    void shouldRejectAnUnknownKeyInAListEntry() throws IOException
    {
        final Path file = file("matchpoint.accounts = [ { id = 9, name = \"dave\", pasword = \"x\" } ]");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpoint.accounts[0].pasword", ex.key());
    }

    @Test
    void shouldRejectATopLevelKeyOtherThanMatchpoint() throws IOException
    {
        final Path file = file("matchpont.port = 7500");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpont", ex.key());
    }

    @Test
    void shouldReportAMalformedFileWithItsFileAndLine() throws IOException
    {
        final Path file = file("matchpoint {\n    port = 7500\n    capacity {\n        max-orders = \n}\n");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertNull(ex.key());
        assertTrue(ex.getMessage().startsWith(file.toString() + ": "), ex.getMessage());
        assertTrue(ex.getMessage().matches(".*: [45]: .*"), ex.getMessage());
    }

    @Test
    void shouldReportAMissingFile()
    {
        final Path file = directory.resolve("absent.conf");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("cannot read config file " + file + ": no such file", ex.getMessage());
    }

    @Test
    void shouldRejectAQuotedNumber() throws IOException
    {
        final Path file = file("matchpoint.port = \"7500\"");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals(file + ": 1: matchpoint.port: must be a whole number, got string \"7500\"", ex.getMessage());
    }

    @Test
    void shouldRejectAPriceWithMoreDecimalsThanTheInstrumentHasNamingTheKey() throws IOException
    {
        final Path file = file("""
            matchpoint.instruments = [
                { id = 1, symbol = "X", price-decimals = 2, tick-size = "0.01", lot-size = 1,
                  min-quantity = 1, max-quantity = 10, low-price = "1.005", high-price = "2.00" }
            ]
            """);

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpoint.instruments[0].low-price", ex.key());
        assertEquals("'1.005' has more than 2 decimals (price-decimals is 2)", ex.problem());
        assertEquals(file + ": 3", ex.origin());
    }

    @Test
    void shouldNotEchoAPasswordOfTheWrongType() throws IOException
    {
        final Path file = file("matchpoint.accounts = [ { id = 9, name = \"dave\", password = 73519 } ]");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpoint.accounts[0].password", ex.key());
        assertFalse(ex.getMessage().contains("73519"), ex.getMessage());
    }

    @Test
    void shouldPointACrossCheckAtTheValueInTheFile() throws IOException
    {
        final Path file = file("matchpoint {\n  capacity.max-accounts = 50\n}\n");

        final BadConfigException ex = assertThrows(BadConfigException.class, () -> ServerConfigLoader.load(file));

        assertEquals("matchpoint.accounts[3].id", ex.key());
        assertEquals("must be below matchpoint.capacity.max-accounts (50), got 100", ex.problem());
        assertTrue(ex.origin().startsWith(ServerConfigLoader.DEFAULT_RESOURCE + ": "), ex.origin());
    }

    private Path file(final String text) throws IOException
    {
        final Path file = Files.createTempFile(directory, "server", ".conf");
        Files.writeString(file, text);
        return file;
    }
}
