package io.matchpoint.journal.dump;

import org.agrona.DirectBuffer;

import io.matchpoint.engine.pipeline.EventSlot;

/**
 * What the output forms share, in one place: names of event targets, hex for raw bytes, and the escaping of each
 * form (quoting for the text form, JSON strings, CSV cells after RFC 4180).
 */
final class DumpText
{
    /** Raw bytes beyond this many are cut: a message is at most 128 bytes, so only garbage is ever cut. */
    static final int MAX_HEX_BYTES = 256;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DumpText()
    {
    }

    /**
     * @param targetKind an event's target kind.
     * @return {@code SESSION}, {@code ACCOUNT}, {@code ALL}, or the number of a kind this code does not know.
     */
    static String targetName(final byte targetKind)
    {
        return switch (targetKind)
        {
            case EventSlot.TARGET_SESSION -> "SESSION";
            case EventSlot.TARGET_ACCOUNT -> "ACCOUNT";
            case EventSlot.TARGET_ALL -> "ALL";
            default -> Byte.toString(targetKind);
        };
    }

    /**
     * Appends the bytes as lower-case hex, at most {@link #MAX_HEX_BYTES} of them (then {@code ...}), and only those
     * the buffer really holds. Never throws.
     */
    static void appendHex(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        final int capacity = buffer == null ? 0 : buffer.capacity();
        final int available = offset < 0 || offset > capacity ? 0 : Math.min(Math.max(length, 0), capacity - offset);
        final int shown = Math.min(available, MAX_HEX_BYTES);
        for (int i = 0; i < shown; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        if (shown < length)
        {
            out.append("...");
        }
    }

    /**
     * Appends a text value for the {@code name=value} form: as it is when that is unambiguous; else in double quotes
     * with Java-style escapes (empty, or holding a blank, {@code =}, a quote, a backslash or a control character).
     */
    static void appendTextValue(final String text, final StringBuilder out)
    {
        boolean plain = !text.isEmpty();
        for (int i = 0; plain && i < text.length(); i++)
        {
            final char c = text.charAt(i);
            plain = c > ' ' && c != '=' && c != '"' && c != '\\' && c != 0x7F;
        }
        if (plain)
        {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            appendEscaped(text.charAt(i), out);
        }
        out.append('"');
    }

    /**
     * Appends a JSON string, quotes included (RFC 8259: quote, backslash and control characters escaped).
     */
    static void appendJsonString(final CharSequence text, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            appendEscaped(text.charAt(i), out);
        }
        out.append('"');
    }

    /**
     * Appends one CSV cell (RFC 4180): as it is, or in double quotes with quotes doubled when it holds a comma, a
     * quote, a line break or a blank at either end (some readers trim those).
     */
    static void appendCsvCell(final CharSequence text, final StringBuilder out)
    {
        final int length = text.length();
        boolean plain = length == 0 || (text.charAt(0) != ' ' && text.charAt(length - 1) != ' ');
        for (int i = 0; plain && i < length; i++)
        {
            final char c = text.charAt(i);
            plain = c != ',' && c != '"' && c != '\n' && c != '\r';
        }
        if (plain)
        {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            out.append(c);
            if (c == '"')
            {
                out.append('"');
            }
        }
        out.append('"');
    }

    /**
     * The escapes JSON and Java share; {@code \u007f} is legal unescaped in JSON but escaped here for the terminal.
     */
    private static void appendEscaped(final char c, final StringBuilder out)
    {
        switch (c)
        {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default ->
            {
                if (c < ' ' || c == 0x7F)
                {
                    out.append("\\u00").append(HEX[c >>> 4]).append(HEX[c & 0xF]);
                }
                else
                {
                    out.append(c);
                }
            }
        }
    }
}
