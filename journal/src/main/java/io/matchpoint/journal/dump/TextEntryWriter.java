package io.matchpoint.journal.dump;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;

/**
 * {@link DumpFormat#TEXT}: {@code kind=command seq=.. time=.. session=.. account=.. Template field=value ...} and
 * {@code kind=event event=.. cmd=.. time=.. target=KIND:id Template field=value ...}.
 */
final class TextEntryWriter implements EntryWriter
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
        line.append("kind=command seq=").append(slot.sequence()).append(" time=");
        time.append(slot.timestampNs(), line);
        line.append(" session=").append(slot.sessionId()).append(" account=").append(slot.accountId()).append(' ');
        message(fields, slot.buffer(), slot.length(), line);
    }

    @Override
    public void event(
        final EventSlot slot, final long journalTimeNs, final MessageFields fields, final StringBuilder line)
    {
        line.append("kind=event event=").append(slot.eventSequence()).append(" cmd=").append(slot.commandSequence())
            .append(" time=");
        time.append(slot.timestampNs(), line);
        line.append(" target=").append(DumpText.targetName(slot.targetKind())).append(':').append(slot.targetId())
            .append(' ');
        message(fields, slot.buffer(), slot.length(), line);
    }

    private static void message(
        final MessageFields fields, final DirectBuffer buffer, final int length, final StringBuilder line)
    {
        if (fields.isDecoded())
        {
            fields.appendTo(line);
        }
        else
        {
            fields.appendUndecodable(buffer, 0, length, line);
        }
        line.append('\n');
    }
}
