package io.matchpoint.journal.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.dump.DumpFixture.Entry;

/**
 * Each filter, alone and together, against the set the test computes from what {@link DumpFixture} wrote. Entries are
 * read back from the JSON form, by kind, command sequence and event sequence.
 */
class DumpFiltersTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    private static List<Entry> written;

    @BeforeAll
    static void writeJournal()
    {
        written = DumpFixture.write(root);
    }

    @Test
    void shouldMergeEachCommandWithTheEventsItCausedInOrder() throws IOException
    {
        assertEquals(expected(entry -> true), dump(DumpOptions.defaults()));
    }

    @Test
    void shouldDumpOnlyTheCommandJournal() throws IOException
    {
        assertEquals(expected(Entry::isCommand), dump(DumpOptions.defaults().withSource(DumpOptions.Source.COMMANDS)));
    }

    @Test
    void shouldDumpOnlyTheEventJournal() throws IOException
    {
        assertEquals(expected(entry -> !entry.isCommand()),
            dump(DumpOptions.defaults().withSource(DumpOptions.Source.EVENTS)));
    }

    @Test
    void shouldIncludeTheFromInstantAndExcludeTheToInstant() throws IOException
    {
        final long fromNs = DumpFixture.timeOf(5);
        final long toNs = DumpFixture.timeOf(9);
        final List<String> ids = dump(DumpOptions.defaults().withFrom(instant(fromNs)).withTo(instant(toNs)));

        assertEquals(expected(entry -> entry.timestampNs() >= fromNs && entry.timestampNs() < toNs), ids);
        assertTrue(ids.contains("command:5:0") && !ids.contains("command:9:0"), ids::toString);
    }

    @Test
    void shouldExcludeEntriesOneNanosecondOutsideTheTimeRange() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults()
            .withFrom(instant(DumpFixture.timeOf(5) + 1)).withTo(instant(DumpFixture.timeOf(9) + 1)));

        assertEquals(expected(entry -> entry.sequence() >= 6 && entry.sequence() <= 9), ids);
    }

    @Test
    void shouldKeepTheSequenceRangeInclusiveForCommandsAndTheirEvents() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withMinSequence(6).withMaxSequence(10));

        assertEquals(expected(entry -> entry.sequence() >= 6 && entry.sequence() <= 10), ids);
        assertTrue(ids.contains("event:6:6") && ids.contains("event:10:13"), ids::toString);
    }

    @Test
    void shouldSelectAnAccountByCommandHeaderEventTargetOrAccountIdField() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withAccountId(3));

        assertEquals(expected(entry -> isAccount(entry, 3)), ids);
        assertTrue(ids.contains("command:3:0"), "a SessionOpened names its account in its body only: " + ids);
        assertTrue(ids.contains("event:3:3"), "a LogonAccepted goes to a session, with its account in its body");
        assertTrue(ids.contains("event:6:8"), "the maker's trade report goes to its account");
    }

    @Test
    void shouldSelectAnInstrumentByItsInstrumentIdField() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withInstrumentId(2));

        assertEquals(expected(entry -> Objects.equals(entry.fields().get("instrumentId"), 2L)), ids);
        assertTrue(ids.contains("command:2:0") && ids.contains("event:11:14"), ids::toString);
    }

    @Test
    void shouldSelectAnOrderByItsOrderIdField() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withOrderId(3));

        assertEquals(expected(entry -> Objects.equals(entry.fields().get("orderId"), 3L)), ids);
        assertEquals(List.of("event:7:9", "command:9:0", "event:9:11", "event:10:12"), ids);
    }

    @Test
    void shouldSelectMessageTypesInAnyCase() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withMessageTypes(List.of("executionreport", "NEWORDER")));

        assertEquals(expected(entry -> entry.template().equals("ExecutionReport") ||
            entry.template().equals("NewOrder")), ids);
    }

    @Test
    void shouldApplyEveryFilterTogether() throws IOException
    {
        final long fromNs = DumpFixture.timeOf(8);
        final long toNs = DumpFixture.timeOf(11);
        final List<String> ids = dump(DumpOptions.defaults()
            .withAccountId(4)
            .withInstrumentId(2)
            .withMessageTypes(List.of("ExecutionReport"))
            .withFrom(instant(fromNs))
            .withTo(instant(toNs))
            .withMinSequence(1)
            .withMaxSequence(10));

        assertEquals(expected(entry -> isAccount(entry, 4) &&
            Objects.equals(entry.fields().get("instrumentId"), 2L) &&
            entry.template().equals("ExecutionReport") &&
            entry.timestampNs() >= fromNs && entry.timestampNs() < toNs &&
            entry.sequence() <= 10), ids);
        assertEquals(List.of("event:9:11", "event:10:12"), ids);
    }

    @Test
    void shouldStopAfterTheLimit() throws IOException
    {
        final List<String> ids = dump(DumpOptions.defaults().withAccountId(4).withLimit(5));

        assertEquals(expected(entry -> isAccount(entry, 4)).subList(0, 5), ids);
    }

    @Test
    void shouldRejectAnUnknownMessageTypeNamingTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DumpOptions.defaults().withMessageTypes(List.of("NewOrder", "Trade")));

        assertTrue(ex.getMessage().contains("'Trade'") && ex.getMessage().contains("ExecutionReport"),
            ex.getMessage());
    }

    @Test
    void shouldRejectARangeThatEndsBeforeItStarts()
    {
        assertThrows(IllegalArgumentException.class, () -> DumpOptions.defaults()
            .withFrom(instant(DumpFixture.timeOf(2))).withTo(instant(DumpFixture.timeOf(1))));
        assertThrows(IllegalArgumentException.class,
            () -> DumpOptions.defaults().withMinSequence(5).withMaxSequence(4));
        assertThrows(IllegalArgumentException.class, () -> DumpOptions.defaults().withLimit(-1));
    }

    @Test
    void shouldFailWhenTheDirectoryHoldsNoJournal(@TempDir final Path empty)
    {
        assertThrows(NoSuchFileException.class,
            () -> new JournalDump().dump(new JournalDirectory(empty), DumpOptions.defaults(), new StringBuilder()));
    }

    private static boolean isAccount(final Entry entry, final long accountId)
    {
        final boolean inHeader = entry.isCommand() ? entry.accountId() == accountId :
            entry.targetKind() == EventSlot.TARGET_ACCOUNT && entry.targetId() == accountId;
        return inHeader || Objects.equals(entry.fields().get("accountId"), accountId);
    }

    private static List<String> expected(final Predicate<Entry> filter)
    {
        final List<String> ids = new ArrayList<>();
        for (final Entry entry : written)
        {
            if (filter.test(entry))
            {
                ids.add(entry.id());
            }
        }
        return ids;
    }

    private static List<String> dump(final DumpOptions options) throws IOException
    {
        final StringBuilder out = new StringBuilder();
        final long count = new JournalDump().dump(new JournalDirectory(root), options.withFormat(DumpFormat.JSON), out);
        final List<String> ids = new ArrayList<>();
        for (final String line : out.toString().split("\n", -1))
        {
            if (!line.isEmpty())
            {
                final JsonNode node = JSON.readTree(line);
                final JsonNode eventSequence = node.get("eventSequence");
                ids.add(Entry.id(node.get("kind").textValue(), node.get("sequence").longValue(),
                    eventSequence.isNull() ? 0 : eventSequence.longValue()));
            }
        }
        assertEquals(ids.size(), count, "the count returned is the count written");
        return ids;
    }

    private static Instant instant(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs);
    }
}
