package io.matchpoint.journal.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.journal.CommandJournalWriter;
import io.matchpoint.journal.EventJournalWriter;
import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;
import io.matchpoint.journal.dump.DumpFixture.Entry;

/**
 * Every form read back by a standard reader (commons-csv, Jackson) and compared, value by value, with what
 * {@link DumpFixture} wrote.
 */
class DumpFormatsTest
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
    void shouldWriteCsvThatAStandardReaderParsesWithEveryFieldInItsColumn() throws IOException
    {
        final String csv = dump(DumpOptions.defaults().withFormat(DumpFormat.CSV));
        final CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format))
        {
            final List<String> header = new ArrayList<>(JournalDump.CSV_FIXED_COLUMNS);
            for (final String field : MessageFields.allFieldNames())
            {
                header.add("fields." + field);
            }
            assertEquals(header, parser.getHeaderNames());

            final List<CSVRecord> records = parser.getRecords();
            assertEquals(written.size(), records.size());
            for (int i = 0; i < records.size(); i++)
            {
                final CSVRecord record = records.get(i);
                final Entry entry = written.get(i);
                assertEquals(header.size(), record.size(), "row " + i);
                assertEquals(entry.kind(), record.get("kind"));
                assertEquals(Long.toString(entry.sequence()), record.get("sequence"));
                assertEquals(entry.isCommand() ? "" : Long.toString(entry.eventSequence()),
                    record.get("eventSequence"));
                assertEquals(instant(entry.timestampNs()), Instant.parse(record.get("time")));
                assertTrue(Instant.parse(record.get("journalTime")).isAfter(Instant.parse("2020-01-01T00:00:00Z")));
                assertEquals(entry.isCommand() ? Long.toString(entry.sessionId()) : "", record.get("sessionId"));
                assertEquals(entry.isCommand() ? Long.toString(entry.accountId()) : "", record.get("accountId"));
                assertEquals(entry.isCommand() ? "" : targetName(entry.targetKind()), record.get("targetKind"));
                assertEquals(entry.isCommand() ? "" : Long.toString(entry.targetId()), record.get("targetId"));
                assertEquals(entry.template(), record.get("template"));
                assertEquals("", record.get("raw"));
                for (final String field : MessageFields.allFieldNames())
                {
                    final Object value = entry.fields().get(field);
                    assertEquals(value == null ? "" : value.toString(), record.get("fields." + field),
                        "row " + i + " " + field);
                }
            }
        }
    }

    @Test
    void shouldWriteJsonLinesThatJacksonParsesWithTypedValues() throws IOException
    {
        final String[] lines = dump(DumpOptions.defaults().withFormat(DumpFormat.JSON)).split("\n");
        assertEquals(written.size(), lines.length);
        final List<String> keys = new ArrayList<>(JournalDump.CSV_FIXED_COLUMNS);
        keys.add("fields");
        for (int i = 0; i < lines.length; i++)
        {
            final JsonNode node = JSON.readTree(lines[i]);
            final Entry entry = written.get(i);
            assertTrue(node.isObject(), lines[i]);
            assertEquals(keys, names(node), lines[i]);
            assertEquals(entry.kind(), node.get("kind").textValue());
            assertEquals(entry.sequence(), node.get("sequence").longValue());
            assertEquals(instant(entry.timestampNs()), Instant.parse(node.get("time").textValue()));
            assertTrue(node.get("journalTime").isTextual());
            assertEquals(entry.template(), node.get("template").textValue());
            assertTrue(node.get("raw").isNull());
            if (entry.isCommand())
            {
                assertTrue(node.get("eventSequence").isNull() && node.get("targetKind").isNull());
                assertEquals(entry.sessionId(), node.get("sessionId").longValue());
                assertEquals(entry.accountId(), node.get("accountId").longValue());
            }
            else
            {
                assertTrue(node.get("sessionId").isNull() && node.get("accountId").isNull());
                assertEquals(entry.eventSequence(), node.get("eventSequence").longValue());
                assertEquals(targetName(entry.targetKind()), node.get("targetKind").textValue());
                assertEquals(entry.targetId(), node.get("targetId").longValue());
            }
            final JsonNode fields = node.get("fields");
            assertEquals(new ArrayList<>(entry.fields().keySet()), names(fields), lines[i]);
            for (final Map.Entry<String, Object> field : entry.fields().entrySet())
            {
                final JsonNode value = fields.get(field.getKey());
                if (field.getValue() instanceof Long number)
                {
                    assertTrue(value.isIntegralNumber(), field.getKey() + " in " + lines[i]);
                    assertEquals(number.longValue(), value.longValue());
                }
                else
                {
                    assertTrue(value.isTextual(), field.getKey() + " in " + lines[i]);
                    assertEquals(field.getValue(), value.textValue());
                }
            }
        }
    }

    @Test
    void shouldWriteOneTextLinePerEntryWithItsJournalFactsThenItsFields() throws IOException
    {
        final List<String> lines = Arrays.asList(dump(DumpOptions.defaults()).split("\n"));

        assertEquals(written.size(), lines.size());
        assertTrue(lines.contains("kind=command seq=5 time=2024-03-01T09:30:01.250000615Z session=11 account=3 " +
            "NewOrder seqNum=5 clOrdId=100 instrumentId=1 side=BUY ordType=LIMIT timeInForce=GTC postOnly=FALSE " +
            "selfTradePrevention=CANCEL_TAKER price=10000 quantity=10 displayQuantity=0 stopPrice=0"),
            String.join("\n", lines));
        assertTrue(lines.contains("kind=event event=7 cmd=6 time=2024-03-01T09:30:01.500000738Z target=ACCOUNT:4 " +
            "ExecutionReport seqNum=0 transactTime=1709285401500000738 orderId=2 clOrdId=200 instrumentId=1 " +
            "execType=TRADE side=SELL ordType=LIMIT timeInForce=GTC price=10000 quantity=4 leavesQuantity=0 " +
            "tradeId=506 liquidity=TAKER rejectReason=NONE cancelReason=NONE priorityKept=FALSE displayQuantity=0 " +
            "stopPrice=0"),
            String.join("\n", lines));
    }

    @Test
    void shouldQuoteAmbiguousTextInTheTextForm() throws IOException
    {
        final String text = dump(DumpOptions.defaults().withSource(DumpOptions.Source.COMMANDS).withMaxSequence(2));

        assertTrue(text.contains(" symbol=AAPL "), text);
        assertTrue(text.contains(" symbol=\"M,S \\\"T\" "), text);
    }

    @Test
    void shouldWriteTheCsvHeaderEvenWhenNoEntryMatches() throws IOException
    {
        final String csv = dump(DumpOptions.defaults().withFormat(DumpFormat.CSV).withAccountId(404));

        assertEquals(1, csv.split("\n").length);
        assertTrue(csv.startsWith(String.join(",", JournalDump.CSV_FIXED_COLUMNS) + ",fields.seqNum,"), csv);
    }

    @Test
    void shouldWriteAnEntryThatDoesNotDecodeRawInEveryForm(@TempDir final Path other) throws IOException
    {
        final byte[] garbage = { 12, 0, 99, 0, (byte)0xE8, 0x1C, 0, 0, 1, 2, 3, 4 };
        writeOneCommandAndEvent(new JournalDirectory(other), garbage);
        final String hex = "0c006300e81c000001020304";

        final String text = dump(other, DumpOptions.defaults());
        assertTrue(text.startsWith("kind=command seq=1 time="), text);
        assertTrue(text.contains(" undecodable (unknown template; templateId=99, 12 bytes): " + hex + "\n"), text);

        final String csv = dump(other, DumpOptions.defaults().withFormat(DumpFormat.CSV));
        final CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format))
        {
            for (final CSVRecord record : parser.getRecords())
            {
                assertEquals("", record.get("template"));
                assertEquals(hex, record.get("raw"));
                assertEquals(parser.getHeaderNames().size(), record.size());
            }
        }

        for (final String line : dump(other, DumpOptions.defaults().withFormat(DumpFormat.JSON)).split("\n"))
        {
            final JsonNode node = JSON.readTree(line);
            assertTrue(node.get("template").isNull(), line);
            assertEquals(hex, node.get("raw").textValue());
            assertEquals(0, node.get("fields").size());
        }

        assertEquals(0, new JournalDump().dump(new JournalDirectory(other),
            DumpOptions.defaults().withMessageTypes(List.of("NewOrder")), new StringBuilder()),
            "an entry that does not decode is no message type");
    }

    private static void writeOneCommandAndEvent(final JournalDirectory directory, final byte[] message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        final CommandJournalWriter commands = new CommandJournalWriter(directory, new SystemEpochNanoClock(),
            Throwable::printStackTrace, JournalFaultInjector.NONE);
        final EventJournalWriter events = new EventJournalWriter(directory, new SystemEpochNanoClock(),
            Throwable::printStackTrace, JournalFaultInjector.NONE);
        try
        {
            commands.onStart();
            events.onStart();
            commands.onEvent(new CommandSlot().load(1, 11, 3, DumpFixture.timeOf(1), buffer, 0, message.length), 0,
                true);
            events.onEvent(new EventSlot().load(1, 1, DumpFixture.timeOf(1), EventSlot.TARGET_ACCOUNT, 3, buffer, 0,
                message.length), 0, true);
        }
        finally
        {
            commands.close();
            events.close();
        }
    }

    private static String dump(final DumpOptions options) throws IOException
    {
        return dump(root, options);
    }

    private static String dump(final Path directory, final DumpOptions options) throws IOException
    {
        final StringBuilder out = new StringBuilder();
        new JournalDump().dump(new JournalDirectory(directory), options, out);
        return out.toString();
    }

    private static List<String> names(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); )
        {
            names.add(it.next());
        }
        return names;
    }

    private static String targetName(final byte targetKind)
    {
        return switch (targetKind)
        {
            case EventSlot.TARGET_SESSION -> "SESSION";
            case EventSlot.TARGET_ACCOUNT -> "ACCOUNT";
            default -> "ALL";
        };
    }

    private static Instant instant(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs);
    }
}
