package io.matchpoint.journal.dump;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.DirectBuffer;

import io.matchpoint.journal.dump.MessageFields.Kind;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.AbstractTokenListener;
import uk.co.real_logic.sbe.otf.Types;

/**
 * Turns the on-the-fly decoder's callbacks into the fields of a {@link MessageFields}. The decoder hands over buffer
 * positions and the recorder does the reading, only inside the message's block: a message whose header claims a
 * block too short for its fields is marked {@link #truncated()}, never read past.
 * <p>
 * The schema uses plain fields and enums only; composites ({@code field.component}), sets (chosen names joined by
 * {@code |}), repeating groups ({@code group[i].field}), var data and floats are decoded so that a schema that grows
 * them still dumps, not so that their layout is final.
 */
final class FieldRecorder extends AbstractTokenListener
{
    private final MessageFields fields;
    private byte[] scratch = new byte[64];
    private int limit;
    private boolean truncated;
    private String compositeName;
    private String groupPrefix = "";

    FieldRecorder(final MessageFields fields)
    {
        this.fields = fields;
    }

    /**
     * @param limit the buffer index just past the message's block.
     */
    void begin(final int limit)
    {
        this.limit = limit;
        truncated = false;
        compositeName = null;
        groupPrefix = "";
    }

    /**
     * @return true if a field of the message lies past its block.
     */
    boolean truncated()
    {
        return truncated;
    }

    @Override
    public void onEncoding(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final Token typeToken,
        final int actingVersion)
    {
        if (absent(typeToken, actingVersion))
        {
            return;
        }
        final String name = name(fieldToken, typeToken);
        final Encoding encoding = typeToken.encoding();
        final PrimitiveType type = encoding.primitiveType();
        if (typeToken.isConstantEncoding())
        {
            fields.add(name, Kind.TEXT, 0, encoding.constValue().toString(), false);
        }
        else if (!fits(index, typeToken.encodedLength()))
        {
            truncated = true;
        }
        else if (type == PrimitiveType.CHAR)
        {
            fields.add(name, Kind.TEXT, 0, chars(buffer, index, typeToken.arrayLength(), encoding), false);
        }
        else if (typeToken.arrayLength() != 1 || type == PrimitiveType.FLOAT || type == PrimitiveType.DOUBLE)
        {
            fields.add(name, Kind.TEXT, 0, numbers(buffer, index, typeToken.arrayLength(), encoding), false);
        }
        else
        {
            fields.add(name, Kind.INTEGER, Types.getLong(buffer, index, encoding), null, type == PrimitiveType.UINT64);
        }
    }

    @Override
    public void onEnum(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final Token enumToken = tokens.get(fromIndex);
        if (absent(enumToken, actingVersion))
        {
            return;
        }
        if (!fits(index, enumToken.encodedLength()))
        {
            truncated = true;
            return;
        }
        final long raw = Types.getLong(buffer, index, enumToken.encoding());
        String valueName = null;
        for (int i = fromIndex + 1; i < toIndex && valueName == null; i++)
        {
            if (tokens.get(i).encoding().constValue().longValue() == raw)
            {
                valueName = tokens.get(i).name();
            }
        }
        if (valueName == null && raw == enumToken.encoding().applicableNullValue().longValue())
        {
            valueName = "NULL_VAL"; // the schema's "no value" (an execution report's side on a cancel reject...)
        }
        // An undefined value is shown as its number: an audit must show a bad byte, not hide it.
        fields.add(name(fieldToken, enumToken), Kind.ENUM, raw, valueName != null ? valueName : Long.toString(raw),
            false);
    }

    @Override
    public void onBitSet(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final Token setToken = tokens.get(fromIndex);
        if (absent(setToken, actingVersion))
        {
            return;
        }
        if (!fits(index, setToken.encodedLength()))
        {
            truncated = true;
            return;
        }
        final long bits = Types.getLong(buffer, index, setToken.encoding());
        final StringBuilder chosen = new StringBuilder();
        for (int i = fromIndex + 1; i < toIndex; i++)
        {
            if ((bits & (1L << tokens.get(i).encoding().constValue().longValue())) != 0)
            {
                chosen.append(chosen.length() == 0 ? "" : "|").append(tokens.get(i).name());
            }
        }
        fields.add(name(fieldToken, setToken), Kind.TEXT, bits, chosen.toString(), false);
    }

    @Override
    public void onBeginComposite(
        final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        if (compositeName == null)
        {
            compositeName = fieldToken.name();
        }
    }

    @Override
    public void onEndComposite(
        final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        if (fieldToken.name().equals(compositeName))
        {
            compositeName = null;
        }
    }

    @Override
    public void onBeginGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        groupPrefix = token.name() + "[" + groupIndex + "].";
    }

    @Override
    public void onEndGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        groupPrefix = "";
    }

    @Override
    public void onVarData(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final int length,
        final Token typeToken)
    {
        fields.add(groupPrefix + fieldToken.name(), Kind.TEXT, 0, chars(buffer, index, length, typeToken.encoding()),
            false);
    }

    /**
     * Inside a composite the decoder passes the composite's field token and the component's own token.
     */
    private String name(final Token fieldToken, final Token typeToken)
    {
        final String name = compositeName != null ? compositeName + "." + typeToken.name() : fieldToken.name();
        return groupPrefix.isEmpty() ? name : groupPrefix + name;
    }

    private static boolean absent(final Token token, final int actingVersion)
    {
        // A field added in a later version than the one the message was written with is not in its block.
        return token.version() > actingVersion;
    }

    private boolean fits(final int index, final int encodedLength)
    {
        return index + encodedLength <= limit;
    }

    private String chars(final DirectBuffer buffer, final int index, final int length, final Encoding encoding)
    {
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(index, scratch, 0, length);
        int end = 0;
        while (end < length && scratch[end] != 0)
        {
            end++;
        }
        final String characterEncoding = encoding.characterEncoding();
        final Charset charset = characterEncoding == null || characterEncoding.equals("US-ASCII") ?
            StandardCharsets.US_ASCII : Charset.forName(characterEncoding);
        return new String(scratch, 0, end, charset).trim();
    }

    private static String numbers(final DirectBuffer buffer, final int index, final int count, final Encoding encoding)
    {
        final StringBuilder text = new StringBuilder();
        final int size = encoding.primitiveType().size();
        for (int i = 0; i < count; i++)
        {
            text.append(i == 0 ? "" : ",");
            Types.appendAsString(text, buffer, index + i * size, encoding);
        }
        return count == 1 ? text.toString() : "[" + text + "]";
    }
}
