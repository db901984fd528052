package io.matchpoint.journal.dump;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.agrona.DirectBuffer;

import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.otf.OtfMessageDecoder;

/**
 * Decodes any message of the Matchpoint schema without generated code: SBE's on-the-fly decoder, driven by the IR of
 * the schema that the codec jar bundles ({@code /matchpoint-schema.xml}, built once per JVM; or the market data
 * feed's, {@link #marketData()}), yields the template's name and its fields in schema order as (name, value) pairs. A
 * template or field added to the schema shows up here with no code change, which is what an audit tool wants.
 * <p>
 * Values: whole numbers as numbers (uint64 unsigned); enums by the name of their value, or the raw number's decimal
 * text when the schema defines no such value, so that a bad byte is shown, not hidden; char arrays as text cut at the
 * first NUL and trimmed.
 * <p>
 * An instance holds the last message it decoded and is reused from one message to the next; it belongs to one
 * thread. This is an audit tool, not the order path: clarity first, though it keeps to a few small allocations per
 * message (the text of char arrays) and decodes about two million ExecutionReports a second on one core.
 */
public final class MessageFields
{
    /**
     * How a field's value reads.
     */
    public enum Kind
    {
        /** A whole number: {@link #longValue(int)}, unsigned if {@link #isUnsigned(int)}. */
        INTEGER,
        /** An enum: {@link #text(int)} is its value's name (else the raw number); {@link #longValue(int)} the raw. */
        ENUM,
        /** Text: a char array, a set's chosen names, a floating-point number or an array of numbers. */
        TEXT
    }

    private final FieldRecorder recorder = new FieldRecorder(this);
    /** Null only while a schema decodes its own templates to learn their field names. */
    private final BundledSchema schema;
    private int templateId = -1;
    private String templateName;
    private String problem = "nothing decoded yet";
    private int count;
    private String[] names = new String[32];
    private Kind[] kinds = new Kind[32];
    private long[] longs = new long[32];
    private String[] texts = new String[32];
    private boolean[] unsigned = new boolean[32];

    /**
     * Decodes messages of the order-entry schema (commands and events).
     */
    public MessageFields()
    {
        this(BundledSchema.INSTANCE);
    }

    MessageFields(final BundledSchema schema)
    {
        this.schema = schema;
    }

    /**
     * @return fields that decode messages of the market data feed's schema (its packets' messages) instead.
     */
    public static MessageFields marketData()
    {
        return new MessageFields(BundledSchema.marketData());
    }

    /**
     * Decodes one message: an SBE message header, then the body. Reads only the bytes from {@code offset} to
     * {@code offset + length} that the buffer really has.
     *
     * @param buffer holding the message.
     * @param offset of the message header in the buffer.
     * @param length of header and body together.
     * @return true if decoded; false if the bytes are not a message of this schema: {@link #problem()} says why, and
     * {@link #templateId()} still gives the template when the header could be read.
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        final OtfHeaderDecoder header = schema.header;
        final int headerLength = header.encodedLength();
        final int capacity = buffer.capacity();
        final int available = offset < 0 || offset > capacity ? 0 : Math.min(length, capacity - offset);
        if (available < headerLength)
        {
            problem = "shorter than the " + headerLength + "-byte message header";
            return false;
        }
        templateId = header.getTemplateId(buffer, offset);
        final int schemaId = header.getSchemaId(buffer, offset);
        if (schemaId != schema.ir.id())
        {
            problem = "schema id " + schemaId + ", not " + schema.ir.id();
            return false;
        }
        final List<Token> tokens = schema.ir.getMessage(templateId);
        if (tokens == null)
        {
            problem = "unknown template";
            return false;
        }
        final int blockLength = header.getBlockLength(buffer, offset);
        if (headerLength + blockLength > available)
        {
            problem = "block length " + blockLength + " runs past the message's end";
            return false;
        }
        final int version = header.getSchemaVersion(buffer, offset);
        if (!decodeBody(buffer, offset + headerLength, version, blockLength, tokens))
        {
            reset();
            templateId = tokens.get(0).id();
            problem = "block length " + blockLength + " is too short for the fields of version " + version;
            return false;
        }
        return true;
    }

    /**
     * Decodes a body with no header to check: for {@link BundledSchema} while it is built, and for {@link #decode}.
     *
     * @return false if a field lies past the block.
     */
    boolean decodeBody(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int version,
        final int blockLength,
        final List<Token> tokens)
    {
        reset();
        recorder.begin(bodyOffset + blockLength);
        OtfMessageDecoder.decode(buffer, bodyOffset, version, blockLength, tokens, recorder);
        templateId = tokens.get(0).id();
        templateName = tokens.get(0).name();
        problem = null;
        return !recorder.truncated();
    }

    /**
     * @return true if the last {@link #decode} succeeded.
     */
    public boolean isDecoded()
    {
        return templateName != null;
    }

    /**
     * @return the template id from the last message's header, -1 if it had none.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * @return the template's name (e.g. {@code ExecutionReport}), null if the last message was not decoded.
     */
    public String templateName()
    {
        return templateName;
    }

    /**
     * @return why the last message could not be decoded, null if it was.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return how many fields the last message has, 0 if it was not decoded.
     */
    public int fieldCount()
    {
        return count;
    }

    /**
     * @param index from 0 to {@link #fieldCount()} - 1, in schema order.
     * @return the field's name.
     */
    public String name(final int index)
    {
        return names[checkIndex(index)];
    }

    public Kind kind(final int index)
    {
        return kinds[checkIndex(index)];
    }

    /**
     * @param index of the field.
     * @return an {@link Kind#INTEGER}'s value (unsigned if {@link #isUnsigned(int)}), an {@link Kind#ENUM}'s raw
     * number; 0 for {@link Kind#TEXT}, except a set's raw bits.
     */
    public long longValue(final int index)
    {
        return longs[checkIndex(index)];
    }

    /**
     * @param index of the field.
     * @return true for a uint64, whose {@link #longValue(int)} reads with {@link Long#toUnsignedString(long)}.
     */
    public boolean isUnsigned(final int index)
    {
        return unsigned[checkIndex(index)];
    }

    /**
     * @param index of the field.
     * @return the value as text: decimal for an integer, the name (or raw number) for an enum, the text itself.
     */
    public String text(final int index)
    {
        checkIndex(index);
        if (kinds[index] == Kind.INTEGER)
        {
            return unsigned[index] ? Long.toUnsignedString(longs[index]) : Long.toString(longs[index]);
        }
        return texts[index];
    }

    /**
     * Appends the value as {@link #text(int)} returns it, without making a string of a number.
     *
     * @param index of the field.
     * @param out   to append to.
     */
    public void appendValue(final int index, final StringBuilder out)
    {
        checkIndex(index);
        if (kinds[index] != Kind.INTEGER)
        {
            out.append(texts[index]);
        }
        else if (unsigned[index])
        {
            out.append(Long.toUnsignedString(longs[index]));
        }
        else
        {
            out.append(longs[index]);
        }
    }

    /**
     * @param name of a field.
     * @return its index in the last message decoded, -1 if that message has no such field.
     */
    public int indexOf(final String name)
    {
        for (int i = 0; i < count; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends the form {@link #describe} gives a message that decoded: {@code Template name=value ...}. A text value
     * that is empty or holds a blank, {@code =}, a quote, a backslash or a control character is quoted, with
     * Java-style escapes, so that the line still splits into its fields.
     *
     * @param out to append to.
     */
    public void appendTo(final StringBuilder out)
    {
        out.append(templateName);
        for (int i = 0; i < count; i++)
        {
            out.append(' ').append(names[i]).append('=');
            if (kinds[i] == Kind.TEXT)
            {
                DumpText.appendTextValue(texts[i], out);
            }
            else
            {
                appendValue(i, out);
            }
        }
    }

    /**
     * Appends what {@link #describe} gives a message that did not decode:
     * {@code undecodable (problem; templateId=N, L bytes): hex}, the hex cut after 256 bytes.
     *
     * @param buffer the message was decoded from.
     * @param offset of the message.
     * @param length of the message.
     * @param out    to append to.
     */
    public void appendUndecodable(
        final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        appendUndecodable(problem, templateId, buffer, offset, length, out);
    }

    /**
     * A one-line description of any message, for logs and for {@code journal verify}'s report of a divergent event:
     * {@code ExecutionReport seqNum=0 transactTime=... orderId=7 ... execType=TRADE ...}, or for bytes that are not a
     * message of this schema {@code undecodable (why; templateId=99, 12 bytes): 0a0b...}. Never throws. Thread-safe:
     * it decodes with a decoder of its own.
     *
     * @param buffer holding the message.
     * @param offset of its SBE message header.
     * @param length of header and body.
     * @return the description.
     */
    public static String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder out = new StringBuilder(256);
        try
        {
            final MessageFields fields = new MessageFields();
            if (fields.decode(buffer, offset, length))
            {
                fields.appendTo(out);
            }
            else
            {
                fields.appendUndecodable(buffer, offset, length, out);
            }
        }
        catch (final RuntimeException | LinkageError ex)
        {
            // The caller is already reporting a problem. A second one (a schema that would not load, a buffer that
            // is not what it claims) must not replace the first, so it becomes part of the description.
            out.setLength(0);
            appendUndecodable(String.valueOf(ex), -1, buffer, offset, length, out);
        }
        return out.toString();
    }

    /**
     * @return every field name of every template, each once, in schema order: templates by id, the fields of each in
     * their order, a name seen before left where it first appeared. The fixed set of CSV columns.
     */
    public static List<String> allFieldNames()
    {
        return BundledSchema.INSTANCE.allFieldNames;
    }

    /**
     * @return the names of all templates, by template id.
     */
    public static List<String> templateNames()
    {
        return BundledSchema.INSTANCE.templateNames;
    }

    /**
     * @param name of a template in any case, e.g. {@code executionreport}.
     * @return the template's name as the schema spells it, null if the schema has no such template.
     */
    public static String canonicalTemplateName(final String name)
    {
        return BundledSchema.INSTANCE.templateNameByLowerCase.get(name.toLowerCase(Locale.ROOT));
    }

    void add(final String name, final Kind kind, final long value, final String text, final boolean isUnsigned)
    {
        if (count == names.length)
        {
            final int capacity = count * 2;
            names = Arrays.copyOf(names, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            longs = Arrays.copyOf(longs, capacity);
            texts = Arrays.copyOf(texts, capacity);
            unsigned = Arrays.copyOf(unsigned, capacity);
        }
        names[count] = name;
        kinds[count] = kind;
        longs[count] = value;
        texts[count] = text;
        unsigned[count] = isUnsigned;
        count++;
    }

    private static void appendUndecodable(
        final String problem,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final StringBuilder out)
    {
        out.append("undecodable (").append(problem);
        if (templateId >= 0)
        {
            out.append("; templateId=").append(templateId);
        }
        out.append(", ").append(length).append(" bytes): ");
        DumpText.appendHex(buffer, offset, length, out);
    }

    private int checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("field " + index + " of " + count);
        }
        return index;
    }

    private void reset()
    {
        templateId = -1;
        templateName = null;
        count = 0;
        Arrays.fill(texts, null);
    }
}
