package io.matchpoint.gateway.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.matchpoint.codec.md.InstrumentDefinitionDecoder;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.PacketHeaderDecoder;
import io.matchpoint.journal.dump.MessageFields;
import io.matchpoint.marketdata.PacketHandler;

/**
 * What {@code ./matchpoint md --record FILE} received, packet for packet, and how {@code md --read FILE} prints it.
 * <p>
 * The file: the magic {@code MPMD}, a format number (1), then one entry per packet as it arrived: its length (int),
 * the time it was read (nanoseconds since the epoch, long) and its bytes exactly (a PacketHeader, then its messages).
 * Big-endian framing around the packets' own little-endian SBE. An entry cut short by a crash or a full disk ends the
 * reading, said so, with everything before it kept.
 */
public final class MarketDataRecording
{
    private static final int MAGIC = 0x4D504D44;
    private static final int FORMAT = 1;
    /** Beyond any packet the feed sends (one Aeron message, at most a term's eighth): a corrupt length. */
    private static final int MAX_PACKET = 1 << 24;

    private MarketDataRecording()
    {
    }

    /**
     * Writes each packet it is handed, then hands it on.
     */
    static final class Writer implements PacketHandler, AutoCloseable
    {
        private final DataOutputStream out;
        private final PacketHandler next;
        private byte[] copy = new byte[2048];
        private long packets;

        Writer(final Path file, final PacketHandler next) throws IOException
        {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            this.next = next;
        }

        @Override
        public void onPacket(final DirectBuffer buffer, final int offset, final int length)
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            buffer.getBytes(offset, copy, 0, length);
            final Instant now = Instant.now();
            try
            {
                out.writeInt(length);
                out.writeLong(now.getEpochSecond() * 1_000_000_000L + now.getNano());
                out.write(copy, 0, length);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot record a packet", ex);
            }
            packets++;
            next.onPacket(buffer, offset, length);
        }

        long packets()
        {
            return packets;
        }

        void flush() throws IOException
        {
            out.flush();
        }

        @Override
        public void close() throws IOException
        {
            out.close();
        }
    }

    /**
     * Prints every message of a recording, one line each: when its packet was read, its stream, its channel sequence,
     * the template and every field by name, as {@code journal dump} prints the journal.
     *
     * @param symbol only the messages of this instrument (known by the definitions the recording holds: those before
     *               its first definition are not shown), or null for every message.
     * @return the messages printed.
     * @throws IOException if the file cannot be read or is not a recording.
     */
    public static long print(final Path file, final String symbol, final PrintStream out, final PrintStream err)
        throws IOException
    {
        final java.util.Map<Integer, String> symbols = new java.util.HashMap<>();
        final MessageFields fields = MessageFields.marketData();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final PacketHeaderDecoder packet = new PacketHeaderDecoder();
        final StringBuilder line = new StringBuilder(256);
        long printed = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            final int magic;
            final int format;
            try
            {
                magic = in.readInt();
                format = in.readInt();
            }
            catch (final EOFException ex)
            {
                throw new IOException(file + " is not a market data recording (too short; md --record writes one)");
            }
            if (magic != MAGIC)
            {
                throw new IOException(file + " is not a market data recording (md --record writes one)");
            }
            if (format != FORMAT)
            {
                throw new IOException(file + " is a recording of format " + format + ", this version reads " + FORMAT);
            }
            byte[] bytes = new byte[2048];
            while (true)
            {
                int length = -1;
                final long receivedNs;
                try
                {
                    length = in.readInt();
                    receivedNs = in.readLong();
                    if (length < 0 || length > MAX_PACKET)
                    {
                        err.println("matchpoint md: a packet of " + length + " bytes: the recording is damaged here");
                        return printed;
                    }
                    if (bytes.length < length)
                    {
                        bytes = new byte[length];
                    }
                    in.readFully(bytes, 0, length);
                }
                catch (final EOFException ex)
                {
                    if (length >= 0)
                    {
                        err.println("matchpoint md: the recording ends in the middle of a packet (cut short by a " +
                            "crash or a full disk); everything before it is shown");
                    }
                    return printed;
                }
                printed += printPacket(new UnsafeBuffer(bytes, 0, length), receivedNs, symbol, symbols, header,
                    packet, fields, line, out);
            }
        }
    }

    private static int printPacket(
        final UnsafeBuffer buffer,
        final long receivedNs,
        final String symbol,
        final java.util.Map<Integer, String> symbols,
        final MessageHeaderDecoder header,
        final PacketHeaderDecoder packet,
        final MessageFields fields,
        final StringBuilder line,
        final PrintStream out)
    {
        final String received = Instant.ofEpochSecond(0, receivedNs).toString();
        header.wrap(buffer, 0);
        if (buffer.capacity() < MessageHeaderDecoder.ENCODED_LENGTH + PacketHeaderDecoder.BLOCK_LENGTH ||
            header.templateId() != PacketHeaderDecoder.TEMPLATE_ID)
        {
            line.setLength(0);
            line.append("received=").append(received).append(' ');
            fields.decode(buffer, 0, buffer.capacity());
            fields.appendUndecodable(buffer, 0, buffer.capacity(), line);
            out.println(line);
            return 1;
        }
        packet.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final String channel = packet.channel().name();
        final long first = packet.sequence();
        final int count = packet.messageCount();
        int at = MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
        int printed = 0;
        for (int i = 0; i < count && at + MessageHeaderDecoder.ENCODED_LENGTH <= buffer.capacity(); i++)
        {
            header.wrap(buffer, at);
            final int length = MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
            // every instrument message starts with its instrument id
            final int instrumentId = header.blockLength() < 4 ? 0 :
                buffer.getInt(at + MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (header.templateId() == InstrumentDefinitionDecoder.TEMPLATE_ID)
            {
                symbols.put(instrumentId, new InstrumentDefinitionDecoder().wrap(buffer,
                    at + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).symbol().trim());
            }
            final boolean shown = symbol == null || symbol.equals(symbols.get(instrumentId));
            if (shown)
            {
                line.setLength(0);
                line.append("received=").append(received).append(" stream=").append(channel).append(" seq=")
                    .append(first + i).append(' ');
                if (fields.decode(buffer, at, length))
                {
                    fields.appendTo(line);
                }
                else
                {
                    fields.appendUndecodable(buffer, at, length, line);
                }
                out.println(line);
                printed++;
            }
            at += length;
        }
        return printed;
    }
}
