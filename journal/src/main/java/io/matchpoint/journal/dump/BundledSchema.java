package io.matchpoint.journal.dump;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.agrona.concurrent.UnsafeBuffer;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

/**
 * The IR of a schema the codec jar bundles, and what the dump derives from it once: template names and the union of
 * field names. The order-entry schema's is built on first use, the market data feed's on the first use of
 * {@link #marketData()} (class initialisation makes both thread-safe), and only read after.
 */
final class BundledSchema
{
    /** Where the codec jar puts the schema: codec's pom adds {@code src/main/sbe} as a resource directory. */
    static final String RESOURCE = "/matchpoint-schema.xml";
    /** The market data feed's schema, beside it. */
    static final String MARKET_DATA_RESOURCE = "/market-data-schema.xml";

    static final BundledSchema INSTANCE = new BundledSchema(RESOURCE);

    final Ir ir;
    final OtfHeaderDecoder header;
    final List<String> templateNames;
    final Map<String, String> templateNameByLowerCase;
    final List<String> allFieldNames;

    /**
     * @return the market data feed's schema.
     */
    static BundledSchema marketData()
    {
        return MarketDataHolder.SCHEMA;
    }

    private static final class MarketDataHolder
    {
        static final BundledSchema SCHEMA = new BundledSchema(MARKET_DATA_RESOURCE);
    }

    private BundledSchema(final String resource)
    {
        ir = load(resource);
        header = new OtfHeaderDecoder(ir.headerStructure());
        final List<List<Token>> messages = new ArrayList<>(ir.messages());
        messages.sort(Comparator.comparingInt(tokens -> tokens.get(0).id()));
        final List<String> names = new ArrayList<>();
        final Map<String, String> byLowerCase = new TreeMap<>();
        for (final List<Token> tokens : messages)
        {
            final String name = tokens.get(0).name();
            names.add(name);
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
        templateNames = Collections.unmodifiableList(names);
        templateNameByLowerCase = Collections.unmodifiableMap(byLowerCase);
        allFieldNames = Collections.unmodifiableList(fieldNames(messages, ir.version()));
    }

    private static Ir load(final String resource)
    {
        final InputStream in = BundledSchema.class.getResourceAsStream(resource);
        if (in == null)
        {
            throw new IllegalStateException(resource + " is not on the class path (the codec jar bundles it)");
        }
        try (in)
        {
            final ParserOptions options = ParserOptions.builder().stopOnError(true).build();
            return new IrGenerator().generate(XmlSchemaParser.parse(in, options));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot load the schema " + resource, ex);
        }
    }

    /**
     * Decodes a zeroed body of each template and keeps the names the decoder reports: the CSV columns then come from
     * the very code that fills them and cannot disagree with it.
     */
    private static List<String> fieldNames(final List<List<Token>> messages, final int version)
    {
        final Set<String> fieldNames = new LinkedHashSet<>();
        final MessageFields fields = new MessageFields(null);
        for (final List<Token> tokens : messages)
        {
            final int blockLength = tokens.get(0).encodedLength();
            fields.decodeBody(new UnsafeBuffer(new byte[blockLength]), 0, version, blockLength, tokens);
            for (int i = 0; i < fields.fieldCount(); i++)
            {
                fieldNames.add(fields.name(i));
            }
        }
        return new ArrayList<>(fieldNames);
    }
}
