package io.matchpoint.journal.dump;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * {@link DumpFormat#CSV}: a header row, then one row per entry, the fixed columns then one per field name of the
 * schema, named {@code fields.<name>}: the prefix keeps a message's {@code sessionId} and {@code accountId} apart from
 * the journal's columns of the same names, and mirrors the JSON form. Written by hand after RFC 4180 (only text cells
 * can need quoting), with {@code \n} between rows.
 */
final class CsvEntryWriter implements EntryWriter
{
    private final IsoTimeFormat time = new IsoTimeFormat();
    private final List<String> fieldColumns = MessageFields.allFieldNames();
    private final Map<String, Integer> columnByFieldName = new HashMap<>();
    private final int[] fieldIndexByColumn;

    CsvEntryWriter()
    {
        for (int column = 0; column < fieldColumns.size(); column++)
        {
            columnByFieldName.put(fieldColumns.get(column), column);
        }
        fieldIndexByColumn = new int[fieldColumns.size()];
    }

    @Override
    public void header(final StringBuilder line)
    {
        String separator = "";
        for (final String column : JournalDump.CSV_FIXED_COLUMNS)
        {
            line.append(separator);
            DumpText.appendCsvCell(column, line);
            separator = ",";
        }
        for (final String column : fieldColumns)
        {
            line.append(',');
            DumpText.appendCsvCell(JournalDump.CSV_FIELD_PREFIX + column, line);
        }
        line.append('\n');
    }

    @Override
    public void command(
        final CommandSlot slot, final long journalTimeNs, final MessageFields fields, final StringBuilder line)
    {
        line.append("command,").append(slot.sequence()).append(",,");
        times(slot.timestampNs(), journalTimeNs, line);
        line.append(',').append(slot.sessionId()).append(',').append(slot.accountId()).append(",,");
        message(fields, slot.buffer(), slot.length(), line);
    }

    @Override
    public void event(
        final EventSlot slot, final long journalTimeNs, final MessageFields fields, final StringBuilder line)
    {
        line.append("event,").append(slot.commandSequence()).append(',').append(slot.eventSequence()).append(',');
        times(slot.timestampNs(), journalTimeNs, line);
        line.append(",,,").append(DumpText.targetName(slot.targetKind())).append(',').append(slot.targetId());
        message(fields, slot.buffer(), slot.length(), line);
    }

    private void times(final long timestampNs, final long journalTimeNs, final StringBuilder line)
    {
        time.append(timestampNs, line);
        line.append(',');
        time.append(journalTimeNs, line);
    }

    /**
     * Appends {@code ,template,raw} and the field columns.
     */
    private void message(
        final MessageFields fields, final DirectBuffer buffer, final int length, final StringBuilder line)
    {
        Arrays.fill(fieldIndexByColumn, -1);
        line.append(',');
        if (fields.isDecoded())
        {
            DumpText.appendCsvCell(fields.templateName(), line);
            line.append(',');
            for (int i = 0; i < fields.fieldCount(); i++)
            {
                // A name outside the union (an entry of a repeating group, which the schema does not have) has no
                // column: CSV needs a fixed set, and the other forms show it.
                final Integer column = columnByFieldName.get(fields.name(i));
                if (column != null)
                {
                    fieldIndexByColumn[column] = i;
                }
            }
        }
        else
        {
            line.append(',');
            DumpText.appendHex(buffer, 0, length, line);
        }
        for (final int index : fieldIndexByColumn)
        {
            line.append(',');
            if (index >= 0)
            {
                if (fields.kind(index) == MessageFields.Kind.TEXT)
                {
                    DumpText.appendCsvCell(fields.text(index), line);
                }
                else
                {
                    fields.appendValue(index, line);
                }
            }
        }
        line.append('\n');
    }
}
