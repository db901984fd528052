package io.matchpoint.journal.dump;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * {@link DumpFormat#JSON}: one object per line, the keys of {@link JournalDump#CSV_FIXED_COLUMNS} in that order (null
 * where one does not apply), then {@code fields}. Written by hand: the values are numbers and short strings, and the
 * escaping is RFC 8259's.
 */
final class JsonEntryWriter implements EntryWriter
{
    private final IsoTimeFormat time = new IsoTimeFormat();

    @Override
    public void header(final StringBuilder line)
    {
    }

    @Override
    public void command(
        final CommandSlot slot, final long journalTimeNs, final MessageFields fields, final StringBuilder line)
    {
        line.append("{\"kind\":\"command\",\"sequence\":").append(slot.sequence())
            .append(",\"eventSequence\":null,\"time\":");
        times(slot.timestampNs(), journalTimeNs, line);
        line.append(",\"sessionId\":").append(slot.sessionId())
            .append(",\"accountId\":").append(slot.accountId())
            .append(",\"targetKind\":null,\"targetId\":null");
        message(fields, slot.buffer(), slot.length(), line);
    }

    @Override
    public void event(
        final EventSlot slot, final long journalTimeNs, final MessageFields fields, final StringBuilder line)
    {
        line.append("{\"kind\":\"event\",\"sequence\":").append(slot.commandSequence())
            .append(",\"eventSequence\":").append(slot.eventSequence())
            .append(",\"time\":");
        times(slot.timestampNs(), journalTimeNs, line);
        line.append(",\"sessionId\":null,\"accountId\":null,\"targetKind\":");
        DumpText.appendJsonString(DumpText.targetName(slot.targetKind()), line);
        line.append(",\"targetId\":").append(slot.targetId());
        message(fields, slot.buffer(), slot.length(), line);
    }

    private void times(final long timestampNs, final long journalTimeNs, final StringBuilder line)
    {
        line.append('"');
        time.append(timestampNs, line);
        line.append("\",\"journalTime\":\"");
        time.append(journalTimeNs, line);
        line.append('"');
    }

    private static void message(
        final MessageFields fields, final DirectBuffer buffer, final int length, final StringBuilder line)
    {
        if (!fields.isDecoded())
        {
            line.append(",\"template\":null,\"raw\":\"");
            DumpText.appendHex(buffer, 0, length, line);
            line.append("\",\"fields\":{}}\n");
            return;
        }
        line.append(",\"template\":");
        DumpText.appendJsonString(fields.templateName(), line);
        line.append(",\"raw\":null,\"fields\":{");
        for (int i = 0; i < fields.fieldCount(); i++)
        {
            line.append(i == 0 ? "" : ",");
            DumpText.appendJsonString(fields.name(i), line);
            line.append(':');
            if (fields.kind(i) == MessageFields.Kind.INTEGER)
            {
                fields.appendValue(i, line);
            }
            else
            {
                DumpText.appendJsonString(fields.text(i), line);
            }
        }
        line.append("}}\n");
    }
}
