package io.matchpoint.journal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.pipeline.CommandSlot;
import io.matchpoint.engine.pipeline.EventSlot;
import io.matchpoint.journal.CommandJournalReader;
import io.matchpoint.journal.EventJournalReader;
import io.matchpoint.journal.JournalDirectory;

/**
 * The engine of {@code matchpoint journal dump}: reads the command journal, the event journal or both, and writes the
 * entries that pass the {@link DumpOptions}' filters in a {@link DumpFormat}, one line each, every message decoded
 * field by field ({@link MessageFields}).
 * <p>
 * Both journals together are merged as they happened: each command, then the events it caused, in sequence order;
 * an event whose command is not in the command journal comes where its command sequence puts it. The journals are
 * streamed with both readers open and one entry of each in hand, so memory stays constant whatever their size, and
 * reading stops at the end of the sequence range: command sequences only rise in the command journal, and the matcher
 * appends events in the order of their commands. An entry whose message does not decode is still written (raw, in
 * hex), unless a filter needs its fields.
 * <p>
 * Reads read-only, so it is safe on the directory of a running server; what is written then is what the journal held
 * when each reader reached its end. Not thread-safe: one dump at a time per instance.
 */
public final class JournalDump
{
    /** The columns every CSV row starts with, and the keys every JSON line has before {@code fields}. */
    public static final List<String> CSV_FIXED_COLUMNS = List.of(
        "kind", "sequence", "eventSequence", "time", "journalTime", "sessionId", "accountId", "targetKind", "targetId",
        "template", "raw");

    /** What the name of a field's CSV column starts with, before the field's own name: {@code fields.price}. */
    public static final String CSV_FIELD_PREFIX = "fields.";

    private final CommandSlot command = new CommandSlot();
    private final EventSlot event = new EventSlot();
    private final MessageFields fields = new MessageFields();
    private final StringBuilder line = new StringBuilder(1024);

    /**
     * Writes the entries of a journal that pass the options' filters, up to their limit.
     *
     * @param directory the data directory.
     * @param options   which journal, which entries, which form.
     * @param out       where the lines go, each appended whole; the caller buffers and flushes it.
     * @return how many entries were written (a CSV header row is not one).
     * @throws NoSuchFileException if a journal the options ask for does not exist.
     * @throws IOException         if {@code out} fails.
     */
    public long dump(final JournalDirectory directory, final DumpOptions options, final Appendable out)
        throws IOException
    {
        final boolean readCommands = options.source() != DumpOptions.Source.EVENTS;
        final boolean readEvents = options.source() != DumpOptions.Source.COMMANDS;
        if (readCommands)
        {
            requireDirectory(directory.commands(), "command");
        }
        if (readEvents)
        {
            requireDirectory(directory.events(), "event");
        }
        final EntryWriter writer = switch (options.format())
        {
            case TEXT -> new TextEntryWriter();
            case CSV -> new CsvEntryWriter();
            case JSON -> new JsonEntryWriter();
        };
        line.setLength(0);
        writer.header(line);
        out.append(line);
        // try-with-resources skips a null resource: a reader is opened only for a journal that is read.
        try (CommandJournalReader commands = readCommands ? new CommandJournalReader(directory) : null;
            EventJournalReader events = readEvents ? new EventJournalReader(directory) : null)
        {
            return merge(commands, events, options, writer, out);
        }
    }

    private long merge(
        final CommandJournalReader commands,
        final EventJournalReader events,
        final DumpOptions options,
        final EntryWriter writer,
        final Appendable out) throws IOException
    {
        long written = 0;
        boolean hasCommand = nextCommand(commands, options);
        boolean hasEvent = nextEvent(events, options);
        while ((hasCommand || hasEvent) && written < options.limit())
        {
            // A command comes before the events it caused, so a tie goes to the command.
            if (hasCommand && (!hasEvent || command.sequence() <= event.commandSequence()))
            {
                if (options.inRanges(command.sequence(), command.timestampNs()) &&
                    options.matches(isAccount(options, command.accountId()),
                        decode(command.buffer(), command.length())))
                {
                    line.setLength(0);
                    writer.command(command, commands.journalTimeNs(), fields, line);
                    out.append(line);
                    written++;
                }
                hasCommand = nextCommand(commands, options);
            }
            else
            {
                final boolean accountTarget = event.targetKind() == EventSlot.TARGET_ACCOUNT &&
                    isAccount(options, event.targetId());
                if (options.inRanges(event.commandSequence(), event.timestampNs()) &&
                    options.matches(accountTarget, decode(event.buffer(), event.length())))
                {
                    line.setLength(0);
                    writer.event(event, events.journalTimeNs(), fields, line);
                    out.append(line);
                    written++;
                }
                hasEvent = nextEvent(events, options);
            }
        }
        return written;
    }

    private MessageFields decode(final DirectBuffer buffer, final int length)
    {
        fields.decode(buffer, 0, length);
        return fields;
    }

    private boolean nextCommand(final CommandJournalReader commands, final DumpOptions options)
    {
        return commands != null && commands.next(command) && command.sequence() <= options.maxSequence();
    }

    private boolean nextEvent(final EventJournalReader events, final DumpOptions options)
    {
        return events != null && events.next(event) && event.commandSequence() <= options.maxSequence();
    }

    private static boolean isAccount(final DumpOptions options, final long accountId)
    {
        return options.accountId().isPresent() && options.accountId().getAsLong() == accountId;
    }

    private static void requireDirectory(final Path path, final String journal) throws NoSuchFileException
    {
        if (!Files.isDirectory(path))
        {
            throw new NoSuchFileException(path.toString(), null, "no " + journal + " journal");
        }
    }
}
