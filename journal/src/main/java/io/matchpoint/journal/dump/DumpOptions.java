package io.matchpoint.journal.dump;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@link JournalDump} writes and how: which journal, which entries (every filter set must hold), how many, in
 * which form. Immutable: start from {@link #defaults()} (both journals, every entry, {@link DumpFormat#TEXT}) and
 * derive with the {@code with...} methods, which check their arguments and return a new instance.
 * <p>
 * Filters and what they test:
 * <ul>
 *     <li>time, {@code from} inclusive and {@code to} exclusive: the gateway receive time of the command, which an
 *     event carries too;</li>
 *     <li>sequence, both bounds inclusive: the command sequence, for an event that of the command that caused it;</li>
 *     <li>account: a command's account, an event targeted at that account, or any entry whose message has an
 *     {@code accountId} field of that value;</li>
 *     <li>instrument, order: an entry whose message has an {@code instrumentId}, {@code orderId} field of that value
 *     (so a NewOrder, which has no order id yet, is not among an order's entries; its {@code NEW} execution report
 *     is);</li>
 *     <li>message types: template names, in any case; an entry that does not decode matches none.</li>
 * </ul>
 */
public final class DumpOptions
{
    /**
     * Which journal to read.
     */
    public enum Source
    {
        /** The command journal only. */
        COMMANDS,
        /** The event journal only. */
        EVENTS,
        /** Both, merged: each command followed by the events it caused. */
        ALL
    }

    private static final DumpOptions DEFAULTS = new DumpOptions(
        Source.ALL, DumpFormat.TEXT, null, null, Long.MIN_VALUE, Long.MAX_VALUE,
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Collections.emptySet(), Long.MAX_VALUE);

    private final Source source;
    private final DumpFormat format;
    private final Instant from;
    private final Instant to;
    private final long fromNs;
    private final long toNs;
    private final long minSequence;
    private final long maxSequence;
    private final OptionalLong accountId;
    private final OptionalLong instrumentId;
    private final OptionalLong orderId;
    private final Set<String> messageTypes;
    private final long limit;

    private DumpOptions(
        final Source source,
        final DumpFormat format,
        final Instant from,
        final Instant to,
        final long minSequence,
        final long maxSequence,
        final OptionalLong accountId,
        final OptionalLong instrumentId,
        final OptionalLong orderId,
        final Set<String> messageTypes,
        final long limit)
    {
        if (from != null && to != null && to.isBefore(from))
        {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
        if (maxSequence < minSequence)
        {
            throw new IllegalArgumentException(
                "sequence range ends (" + maxSequence + ") before it starts (" + minSequence + ")");
        }
        if (limit < 0)
        {
            throw new IllegalArgumentException("limit " + limit + " < 0");
        }
        this.source = source;
        this.format = format;
        this.from = from;
        this.to = to;
        this.fromNs = from == null ? Long.MIN_VALUE : epochNs(from);
        this.toNs = to == null ? Long.MAX_VALUE : epochNs(to);
        this.minSequence = minSequence;
        this.maxSequence = maxSequence;
        this.accountId = accountId;
        this.instrumentId = instrumentId;
        this.orderId = orderId;
        this.messageTypes = messageTypes;
        this.limit = limit;
    }

    /**
     * @return both journals merged, every entry, as {@link DumpFormat#TEXT}.
     */
    public static DumpOptions defaults()
    {
        return DEFAULTS;
    }

    public DumpOptions withSource(final Source source)
    {
        return new DumpOptions(Objects.requireNonNull(source, "source"), format, from, to, minSequence, maxSequence,
            accountId, instrumentId, orderId, messageTypes, limit);
    }

    public DumpOptions withFormat(final DumpFormat format)
    {
        return new DumpOptions(source, Objects.requireNonNull(format, "format"), from, to, minSequence, maxSequence,
            accountId, instrumentId, orderId, messageTypes, limit);
    }

    /**
     * @param from the earliest gateway time to include, null for no bound.
     * @return the new options.
     */
    public DumpOptions withFrom(final Instant from)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            messageTypes, limit);
    }

    /**
     * @param to the first gateway time to leave out, null for no bound.
     * @return the new options.
     */
    public DumpOptions withTo(final Instant to)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            messageTypes, limit);
    }

    /**
     * @param minSequence the lowest command sequence to include.
     * @return the new options.
     */
    public DumpOptions withMinSequence(final long minSequence)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            messageTypes, limit);
    }

    /**
     * @param maxSequence the highest command sequence to include.
     * @return the new options.
     */
    public DumpOptions withMaxSequence(final long maxSequence)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            messageTypes, limit);
    }

    public DumpOptions withAccountId(final long accountId)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, OptionalLong.of(accountId),
            instrumentId, orderId, messageTypes, limit);
    }

    public DumpOptions withInstrumentId(final long instrumentId)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId,
            OptionalLong.of(instrumentId), orderId, messageTypes, limit);
    }

    public DumpOptions withOrderId(final long orderId)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId,
            OptionalLong.of(orderId), messageTypes, limit);
    }

    /**
     * @param names template names in any case, e.g. {@code executionreport}; empty for every type.
     * @return the new options.
     * @throws IllegalArgumentException naming the known types, if a name is not a template of the schema.
     */
    public DumpOptions withMessageTypes(final Collection<String> names)
    {
        final Set<String> canonical = new LinkedHashSet<>();
        for (final String name : names)
        {
            final String templateName = MessageFields.canonicalTemplateName(name);
            if (templateName == null)
            {
                throw new IllegalArgumentException(
                    "unknown message type '" + name + "'; known: " + MessageFields.templateNames());
            }
            canonical.add(templateName);
        }
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            Collections.unmodifiableSet(canonical), limit);
    }

    /**
     * @param limit the most entries to write; {@link Long#MAX_VALUE} for no limit.
     * @return the new options.
     */
    public DumpOptions withLimit(final long limit)
    {
        return new DumpOptions(source, format, from, to, minSequence, maxSequence, accountId, instrumentId, orderId,
            messageTypes, limit);
    }

    public Source source()
    {
        return source;
    }

    public DumpFormat format()
    {
        return format;
    }

    /**
     * @return the earliest gateway time included, null if unbounded.
     */
    public Instant from()
    {
        return from;
    }

    /**
     * @return the first gateway time left out, null if unbounded.
     */
    public Instant to()
    {
        return to;
    }

    /**
     * @return the lowest command sequence included, {@link Long#MIN_VALUE} if unbounded.
     */
    public long minSequence()
    {
        return minSequence;
    }

    /**
     * @return the highest command sequence included, {@link Long#MAX_VALUE} if unbounded.
     */
    public long maxSequence()
    {
        return maxSequence;
    }

    public OptionalLong accountId()
    {
        return accountId;
    }

    public OptionalLong instrumentId()
    {
        return instrumentId;
    }

    public OptionalLong orderId()
    {
        return orderId;
    }

    /**
     * @return the template names to include, as the schema spells them; empty for all.
     */
    public Set<String> messageTypes()
    {
        return messageTypes;
    }

    /**
     * @return the most entries to write, {@link Long#MAX_VALUE} if unlimited.
     */
    public long limit()
    {
        return limit;
    }

    /**
     * @param sequence    a command's sequence, or an event's command sequence.
     * @param timestampNs the command's gateway time.
     * @return true if both fall in the ranges.
     */
    boolean inRanges(final long sequence, final long timestampNs)
    {
        return sequence >= minSequence && sequence <= maxSequence &&
            (from == null || timestampNs >= fromNs) && (to == null || timestampNs < toNs);
    }

    /**
     * @param accountInHeader true if the entry's journal header names the account filtered on (a command's account,
     *                        an event's account target).
     * @param fields          the entry's message, decoded or not.
     * @return true if the message type, account, instrument and order filters hold.
     */
    boolean matches(final boolean accountInHeader, final MessageFields fields)
    {
        if (!messageTypes.isEmpty() && !(fields.isDecoded() && messageTypes.contains(fields.templateName())))
        {
            return false;
        }
        if (accountId.isPresent() && !accountInHeader && !hasField(fields, "accountId", accountId.getAsLong()))
        {
            return false;
        }
        if (instrumentId.isPresent() && !hasField(fields, "instrumentId", instrumentId.getAsLong()))
        {
            return false;
        }
        return orderId.isEmpty() || hasField(fields, "orderId", orderId.getAsLong());
    }

    @Override
    public String toString()
    {
        return "DumpOptions{source=" + source + ", format=" + format + ", from=" + from + ", to=" + to +
            ", minSequence=" + minSequence + ", maxSequence=" + maxSequence + ", accountId=" + accountId +
            ", instrumentId=" + instrumentId + ", orderId=" + orderId + ", messageTypes=" + messageTypes +
            ", limit=" + limit + "}";
    }

    private static boolean hasField(final MessageFields fields, final String name, final long value)
    {
        final int index = fields.indexOf(name);
        return index >= 0 && fields.kind(index) == MessageFields.Kind.INTEGER && fields.longValue(index) == value;
    }

    /**
     * Saturates instead of overflowing: a bound past the year 2262 is as good as no bound.
     */
    private static long epochNs(final Instant instant)
    {
        final long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L)
        {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L)
        {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }
}
