package io.matchpoint.feed;

import java.io.File;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * The feed's transport: an Aeron client with one publication per channel, on a media driver of its own (embedded,
 * in its own directory, deleted when it closes) or on an external one (joined through its directory). Opened once at
 * start-up, closed at shutdown; the publications are used by the market data agent's thread only.
 * <p>
 * The embedded driver runs its conductor, sender and receiver on one thread. In the {@code default} profile that
 * thread backs off to 1 ms parks when idle (so an idle server costs next to nothing, and a packet waits at most that
 * long to leave when the feed was quiet); in {@code low-latency} it busy-spins.
 */
public final class MarketDataMedia implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ExclusivePublication incremental;
    private final ExclusivePublication orders;
    private final ExclusivePublication snapshot;
    private final String channel;
    private final String aeronDirectory;

    private MarketDataMedia(
        final MediaDriver driver,
        final Aeron aeron,
        final ExclusivePublication incremental,
        final ExclusivePublication orders,
        final ExclusivePublication snapshot,
        final String channel,
        final String aeronDirectory)
    {
        this.driver = driver;
        this.aeron = aeron;
        this.incremental = incremental;
        this.orders = orders;
        this.snapshot = snapshot;
        this.channel = channel;
        this.aeronDirectory = aeronDirectory;
    }

    /**
     * Starts the media driver (unless {@code externalAeronDirectory} names a running one), connects and adds the
     * publications.
     *
     * @param embeddedDirectory      where an embedded driver keeps its files: deleted first and at close.
     * @param externalAeronDirectory the directory of a media driver already running, or null to embed one.
     * @param channel                the Aeron channel of every stream.
     * @param incrementalStreamId    the INCREMENTAL channel's stream.
     * @param ordersStreamId         the ORDERS channel's stream.
     * @param snapshotStreamId       the SNAPSHOT channel's stream.
     * @param termLength             of each publication's log (a power of two, 64 KiB..1 GiB); embedded driver only.
     * @param lowLatency             whether the embedded driver busy-spins.
     * @param errorHandler           told of the driver's and client's errors.
     */
    public static MarketDataMedia launch(
        final File embeddedDirectory,
        final String externalAeronDirectory,
        final String channel,
        final int incrementalStreamId,
        final int ordersStreamId,
        final int snapshotStreamId,
        final int termLength,
        final boolean lowLatency,
        final ErrorHandler errorHandler)
    {
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            final String directory;
            if (externalAeronDirectory == null)
            {
                final IdleStrategy idle = lowLatency ? new BusySpinIdleStrategy() :
                    new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(embeddedDirectory.getAbsolutePath())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(idle)
                    // its own polling thread is for slow name lookups; the channels name addresses, and an idle
                    // server should not pay a thread that wakes to find nothing
                    .asyncExecutorEnabled(false)
                    .publicationTermBufferLength(termLength)
                    .ipcTermBufferLength(termLength)
                    .termBufferSparseFile(true)
                    .errorHandler(errorHandler));
                directory = driver.aeronDirectoryName();
            }
            else
            {
                directory = externalAeronDirectory;
            }
            final String publicationChannel = withFreeControlPort(channel);
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(directory)
                .errorHandler(errorHandler));
            final ExclusivePublication incremental =
                aeron.addExclusivePublication(publicationChannel, incrementalStreamId);
            final ExclusivePublication orders = aeron.addExclusivePublication(publicationChannel, ordersStreamId);
            final ExclusivePublication snapshot =
                aeron.addExclusivePublication(publicationChannel, snapshotStreamId);
            return new MarketDataMedia(driver, aeron, incremental, orders, snapshot, publicationChannel, directory);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            throw ex;
        }
    }

    /**
     * A dynamic multi-destination-cast channel whose control port is 0 gets a free port of the system's choosing
     * here, found by binding a socket to it and letting it go (Aeron's own ephemeral control port would not be told
     * to subscribers in the same way).
     */
    static String withFreeControlPort(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        final String control = uri.get(CommonContext.MDC_CONTROL_PARAM_NAME);
        if (control == null || !control.endsWith(":0"))
        {
            return channel;
        }
        final String host = control.substring(0, control.length() - 2);
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new java.net.InetSocketAddress(host, 0)))
        {
            uri.put(CommonContext.MDC_CONTROL_PARAM_NAME, host + ":" + socket.getLocalPort());
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("no free UDP port on " + host + " for the market data channel", ex);
        }
        return uri.toString();
    }

    public PacketSink incremental()
    {
        return new AeronPacketSink(incremental);
    }

    public PacketSink orders()
    {
        return new AeronPacketSink(orders);
    }

    public PacketSink snapshot()
    {
        return new AeronPacketSink(snapshot);
    }

    /**
     * @return the channel the streams are published on: as configured, except that a control port of 0 is the free
     * port chosen at launch (so subscribers can be told it).
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the directory of the media driver the publications are on (an embedded one's, or the external one's).
     */
    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(incremental, orders, snapshot, aeron, driver);
    }
}
