package io.matchpoint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.matchpoint.codec.md.MessageHeaderDecoder;
import io.matchpoint.codec.md.PacketHeaderDecoder;
import io.matchpoint.codec.md.TradeDecoder;
import io.matchpoint.gateway.app.MarketDataEndpoint;
import io.matchpoint.marketdata.MarketDataSubscriber;

/**
 * The bench's market data subscriber: reads the feed's INCREMENTAL stream on the load driver's thread (polled with the
 * sessions) and tells the run's {@link LatencyRecorder} when each trade arrives, which pairs it with the command that
 * caused it by trade id. It reads packets and trades only (no books: what a subscriber does with the data is not the
 * feed's latency), through the server's own media driver so that a 2-CPU host runs no third driver thread.
 * <p>
 * Optionally a stopped subscriber beside it: on a media driver of its own (a separate receiver, as a subscriber on
 * another host would be), it subscribes to every stream and never reads.
 */
final class MarketDataProbe implements AutoCloseable, FragmentHandler
{
    private final Aeron aeron;
    private final Subscription incremental;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PacketHeaderDecoder packet = new PacketHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final MediaDriver stoppedDriver;
    private final Aeron stoppedAeron;
    private final Path stoppedDirectory;
    private LatencyRecorder latencies;
    private long trades;

    private MarketDataProbe(
        final Aeron aeron, final Subscription incremental, final MediaDriver stoppedDriver, final Aeron stoppedAeron,
        final Path stoppedDirectory)
    {
        this.aeron = aeron;
        this.incremental = incremental;
        this.stoppedDriver = stoppedDriver;
        this.stoppedAeron = stoppedAeron;
        this.stoppedDirectory = stoppedDirectory;
    }

    /**
     * Subscribes to the feed of the server whose data directory this is, and waits until it is connected.
     *
     * @param stoppedSubscriber whether to add a subscriber that never reads.
     */
    static MarketDataProbe open(final Path dataDirectory, final boolean stoppedSubscriber) throws IOException
    {
        final MarketDataEndpoint endpoint = MarketDataEndpoint.read(dataDirectory);
        final String channel = MarketDataSubscriber.subscriptionChannel(endpoint.channel(), "127.0.0.1");
        Aeron aeron = null;
        MediaDriver stoppedDriver = null;
        Aeron stoppedAeron = null;
        Path stoppedDirectory = null;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(endpoint.aeronDirectory()));
            final Subscription incremental = aeron.addSubscription(channel, endpoint.incrementalStreamId());
            if (stoppedSubscriber)
            {
                stoppedDirectory = Files.createTempDirectory("matchpoint-bench-stopped-");
                stoppedDriver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(stoppedDirectory.resolve("aeron").toString())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .threadingMode(ThreadingMode.SHARED)
                    .asyncExecutorEnabled(false)
                    .termBufferSparseFile(true));
                stoppedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(
                    stoppedDriver.aeronDirectoryName()));
                for (final int streamId : new int[]{
                    endpoint.incrementalStreamId(), endpoint.ordersStreamId(), endpoint.snapshotStreamId() })
                {
                    stoppedAeron.addSubscription(channel, streamId);
                }
            }
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (!incremental.isConnected())
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IOException("no market data publisher on " + channel + " within 10 s");
                }
                Thread.yield();
            }
            return new MarketDataProbe(aeron, incremental, stoppedDriver, stoppedAeron, stoppedDirectory);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(stoppedAeron, stoppedDriver, aeron);
            deleteQuietly(stoppedDirectory);
            throw ex;
        }
    }

    /**
     * @param latencies the run's, told of each trade the feed carries.
     */
    void latencies(final LatencyRecorder latencies)
    {
        this.latencies = latencies;
        latencies.readingFeed();
    }

    int poll()
    {
        return incremental.poll(this, 64);
    }

    /**
     * @return the trades read from the feed.
     */
    long trades()
    {
        return trades;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final long nowNs = System.nanoTime();
        header.wrap(buffer, offset);
        if (header.templateId() != PacketHeaderDecoder.TEMPLATE_ID)
        {
            return;
        }
        packet.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        int at = offset + MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
        final int end = offset + length;
        final int count = packet.messageCount();
        for (int i = 0; i < count && at + MessageHeaderDecoder.ENCODED_LENGTH <= end; i++)
        {
            header.wrap(buffer, at);
            final int body = at + MessageHeaderDecoder.ENCODED_LENGTH;
            if (header.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                trades++;
                if (latencies != null)
                {
                    latencies.tradeOnFeed(trade.wrap(buffer, body, header.blockLength(), header.version()).tradeId(),
                        nowNs);
                }
            }
            at = body + header.blockLength();
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(incremental, aeron, stoppedAeron, stoppedDriver);
        deleteQuietly(stoppedDirectory);
    }

    private static void deleteQuietly(final Path directory)
    {
        if (directory == null)
        {
            return;
        }
        try (var paths = Files.walk(directory))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // a temporary directory: the system cleans up what is left
        }
    }
}
