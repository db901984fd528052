package io.matchpoint.journal.dump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

/**
 * The byte layout of every message of a bundled schema, written from its IR: for each template its id, name and block
 * length, then each field's offset in the block, length, name and type; then each enum's values. What the README shows of the market data
 * feed is this text, so that it cannot drift from the schema (a test compares them).
 */
public final class SchemaLayout
{
    private SchemaLayout()
    {
    }

    /**
     * @return the market data feed's layouts: packets' messages, in template id order.
     */
    public static String marketData()
    {
        return describe(BundledSchema.marketData().ir);
    }

    static String describe(final Ir ir)
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("schema ").append(ir.id()).append(" version ").append(ir.version()).append(", little-endian\n")
            .append("each message: an 8-byte header (blockLength, templateId, schemaId, version: uint16 each), then\n")
            .append("its block: offset, length, field, type\n");
        final java.util.Map<String, String> enums = new java.util.TreeMap<>();
        final List<List<Token>> messages = new ArrayList<>(ir.messages());
        messages.sort(Comparator.comparingInt(tokens -> tokens.get(0).id()));
        for (final List<Token> tokens : messages)
        {
            final Token message = tokens.get(0);
            out.append('\n').append(message.name()).append(" (template ").append(message.id()).append(", ")
                .append(message.encodedLength()).append(" bytes)\n");
            for (int i = 1; i < tokens.size(); i++)
            {
                final Token field = tokens.get(i);
                if (field.signal() != Signal.BEGIN_FIELD)
                {
                    continue;
                }
                final Token type = tokens.get(i + 1);
                out.append(String.format("  %3d  %2d  %-22s %s\n", field.offset(), type.encodedLength(), field.name(),
                    typeName(type)));
                if (type.signal() == Signal.BEGIN_ENUM && !enums.containsKey(type.name()))
                {
                    final StringBuilder values = new StringBuilder();
                    for (int v = i + 2; tokens.get(v).signal() == Signal.VALID_VALUE; v++)
                    {
                        values.append(values.length() == 0 ? "" : ", ").append(tokens.get(v).name()).append(" = ")
                            .append(tokens.get(v).encoding().constValue());
                    }
                    enums.put(type.name(), values.toString());
                }
            }
        }
        out.append("\nenums\n");
        enums.forEach((name, values) -> out.append("  ").append(name).append(": ").append(values).append('\n'));
        return out.toString();
    }

    private static String typeName(final Token type)
    {
        return switch (type.signal())
        {
            case ENCODING -> type.encoding().primitiveType().primitiveName() +
                (type.arrayLength() > 1 ? "[" + type.arrayLength() + "]" : "") +
                (type.name().equals(type.encoding().primitiveType().primitiveName()) ? "" : " " + type.name());
            case BEGIN_ENUM -> "enum " + type.name() + " (" + type.encoding().primitiveType().primitiveName() + ")";
            case BEGIN_SET -> "set " + type.name() + " (" + type.encoding().primitiveType().primitiveName() + ")";
            default -> type.name();
        };
    }
}
