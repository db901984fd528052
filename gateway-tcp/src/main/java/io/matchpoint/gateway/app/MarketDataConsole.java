package io.matchpoint.gateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.agrona.CloseHelper;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.matchpoint.client.PriceText;
import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.Side;
import io.matchpoint.marketdata.BookOrder;
import io.matchpoint.marketdata.InstrumentBook;
import io.matchpoint.marketdata.MarketDataBooks;
import io.matchpoint.marketdata.MarketDataListener;
import io.matchpoint.marketdata.MarketDataSubscriber;
import io.matchpoint.marketdata.PriceLevel;

/**
 * {@code matchpoint md}: subscribes to the feed of the server running on a data directory (where it is, the data
 * directory's {@code market-data.properties} says), rebuilds every book from the feed alone, recovering from the
 * snapshot channel by itself, and shows them: live, refreshed in place; once every book is in step and then exit
 * ({@code --once}); or checking each snapshot against the books it built ({@code --check}).
 */
public final class MarketDataConsole
{
    /** The feed gave no book in step, or no publisher connected, in time. */
    public static final int EXIT_NOT_IN_STEP = 1;
    /** {@code --check}: a snapshot differed from the books built. */
    public static final int EXIT_MISMATCH = 3;
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    /** Trades shown under a book, newest first. */
    private static final int RECENT_TRADES = 5;

    /** What to show and for how long; {@code record}: where to write every packet received, null for nowhere. */
    public record Options(
        Path data,
        String symbol,
        boolean orders,
        int depth,
        boolean once,
        boolean check,
        long seconds,
        long intervalMs,
        boolean clearScreen,
        Path record)
    {
    }

    private MarketDataConsole()
    {
    }

    /**
     * @param stopped true once the caller wants the loop to end (Ctrl-C ends it from the command line).
     * @return 0, {@link #EXIT_NOT_IN_STEP} or {@link #EXIT_MISMATCH}.
     */
    public static int run(final Options options, final BooleanSupplier stopped, final PrintStream out,
        final PrintStream err) throws IOException, InterruptedException
    {
        final MarketDataEndpoint endpoint;
        try
        {
            endpoint = MarketDataEndpoint.read(options.data());
        }
        catch (final NoSuchFileException ex)
        {
            err.println("matchpoint md: no market data on " + options.data() + ": no server with a feed has run " +
                "there (" + MarketDataEndpoint.FILE_NAME + " is missing)");
            return EXIT_NOT_IN_STEP;
        }
        final List<String> events = new ArrayList<>();
        final java.util.Map<Integer, java.util.ArrayDeque<String>> recentTrades = new java.util.HashMap<>();
        final MarketDataBooks books = new MarketDataBooks(new MarketDataListener()
        {
            public void onChannelGap(final MdChannel channel, final long expected, final long received)
            {
                events.add(channel + " gap: expected " + expected + ", got " + received);
            }

            public void onStale(final InstrumentBook book, final MdChannel channel, final String why)
            {
                events.add(name(book) + " " + channel + " stale: " + why);
            }

            public void onRecovered(final InstrumentBook book, final MdChannel channel)
            {
                events.add(name(book) + " " + channel + " recovered from a snapshot");
            }

            public void onSnapshotMismatch(final InstrumentBook book, final MdChannel channel, final String difference)
            {
                events.add("MISMATCH " + name(book) + " " + channel + " " + difference);
            }

            public void onTrade(
                final InstrumentBook book, final long tradeId, final Side aggressorSide, final long price,
                final long quantity)
            {
                final java.util.ArrayDeque<String> last =
                    recentTrades.computeIfAbsent(book.instrumentId(), id -> new java.util.ArrayDeque<>());
                if (last.size() == RECENT_TRADES)
                {
                    last.removeLast();
                }
                last.addFirst(quantity + " @ " + PriceText.format(price, book.priceDecimals()) + " " +
                    (aggressorSide == Side.BUY ? "bought" : "sold") + " #" + tradeId);
            }
        }).checking(options.check());

        final boolean ipc = endpoint.channel().startsWith("aeron:ipc");
        final Path driverDirectory = ipc ? null : Files.createTempDirectory("matchpoint-md-");
        MediaDriver driver = null;
        Aeron aeron = null;
        MarketDataSubscriber subscriber = null;
        MarketDataRecording.Writer recording = null;
        try
        {
            if (!ipc)
            {
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(driverDirectory.resolve("aeron").toString())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .threadingMode(ThreadingMode.SHARED)
                    .asyncExecutorEnabled(false)
                    .termBufferSparseFile(true));
            }
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ipc ? endpoint.aeronDirectory() : driver.aeronDirectoryName()));
            recording = options.record() == null ? null :
                new MarketDataRecording.Writer(options.record(), books::onPacket);
            subscriber = new MarketDataSubscriber(aeron,
                MarketDataSubscriber.subscriptionChannel(endpoint.channel(), "127.0.0.1"),
                endpoint.incrementalStreamId(), endpoint.ordersStreamId(), endpoint.snapshotStreamId(),
                recording != null ? recording : books::onPacket);
            final int exit = loop(options, stopped, subscriber, books, events, recentTrades, endpoint, recording, out,
                err);
            if (recording != null)
            {
                recording.flush();
                err.println("matchpoint md: " + recording.packets() + " packets recorded in " + options.record() +
                    " (read them with md --read " + options.record() + ")");
            }
            return exit;
        }
        finally
        {
            CloseHelper.quietCloseAll(subscriber, recording, aeron, driver);
            if (driverDirectory != null)
            {
                deleteQuietly(driverDirectory);
            }
        }
    }

    private static int loop(
        final Options options,
        final BooleanSupplier stopped,
        final MarketDataSubscriber subscriber,
        final MarketDataBooks books,
        final List<String> events,
        final java.util.Map<Integer, java.util.ArrayDeque<String>> recentTrades,
        final MarketDataEndpoint endpoint,
        final MarketDataRecording.Writer recording,
        final PrintStream out,
        final PrintStream err) throws InterruptedException, IOException
    {
        long nextFlushMs = System.currentTimeMillis() + 1000;
        final long startMs = System.currentTimeMillis();
        final long endMs = options.seconds() > 0 ? startMs + TimeUnit.SECONDS.toMillis(options.seconds()) :
            Long.MAX_VALUE;
        long nextShowMs = startMs + options.intervalMs();
        int eventsShown = 0;
        while (!stopped.getAsBoolean())
        {
            final int read = subscriber.poll(1024);
            final long nowMs = System.currentTimeMillis();
            if (recording != null && nowMs >= nextFlushMs)
            {
                recording.flush(); // a recording cut by Ctrl-C or a kill keeps all but its last second
                nextFlushMs = nowMs + 1000;
            }
            for (; eventsShown < events.size(); eventsShown++)
            {
                if (options.check() || options.once())
                {
                    err.println("matchpoint md: " + events.get(eventsShown));
                }
                if (events.get(eventsShown).startsWith("MISMATCH"))
                {
                    return EXIT_MISMATCH;
                }
            }
            if (!subscriber.isConnected() && nowMs - startMs > CONNECT_TIMEOUT_MS)
            {
                err.println("matchpoint md: no publisher on " + endpoint.channel() + " after " +
                    CONNECT_TIMEOUT_MS / 1000 + " s: is the server running on " + options.data() + "?");
                return EXIT_NOT_IN_STEP;
            }
            if (options.once() && inStep(books))
            {
                show(options, books, recentTrades, out);
                return 0;
            }
            if (nowMs >= endMs)
            {
                if (options.once())
                {
                    err.println("matchpoint md: the books were not all in step within " + options.seconds() + " s");
                    show(options, books, recentTrades, out);
                    return EXIT_NOT_IN_STEP;
                }
                if (options.check())
                {
                    out.println("matchpoint md: " + books.snapshotsChecked() + " snapshots checked against the " +
                        "books built from the feed, no difference; " + books.channelGaps() + " gaps, " +
                        books.recoveries() + " recoveries");
                }
                return 0;
            }
            if (!options.once() && !options.check() && nowMs >= nextShowMs)
            {
                nextShowMs = nowMs + options.intervalMs();
                if (options.clearScreen())
                {
                    out.print(CLEAR_SCREEN);
                }
                show(options, books, recentTrades, out);
                final int from = Math.max(0, events.size() - 5);
                for (int i = from; i < events.size(); i++)
                {
                    out.println("  " + events.get(i));
                }
            }
            if (read == 0)
            {
                Thread.sleep(1);
            }
        }
        return 0;
    }

    /**
     * @return whether at least one snapshot has arrived and every book the feed named is defined and in step.
     */
    private static boolean inStep(final MarketDataBooks books)
    {
        if (books.snapshotsCompleted() == 0 || books.books().isEmpty())
        {
            return false;
        }
        for (final InstrumentBook book : books.books())
        {
            if (!book.isDefined() || book.isStale(MdChannel.INCREMENTAL) || book.isStale(MdChannel.ORDERS))
            {
                return false;
            }
        }
        return true;
    }

    private static void show(
        final Options options, final MarketDataBooks books,
        final java.util.Map<Integer, java.util.ArrayDeque<String>> recentTrades, final PrintStream out)
    {
        for (final InstrumentBook book : books.books())
        {
            if (options.symbol() == null || options.symbol().equals(book.symbol()))
            {
                out.print(describe(book, options.depth(), options.orders()));
                final java.util.ArrayDeque<String> trades = recentTrades.get(book.instrumentId());
                if (trades != null)
                {
                    out.println("  last trades (aggressor): " + String.join(", ", trades));
                }
            }
        }
        out.flush();
    }

    /**
     * @return the book as a ladder: best {@code depth} levels a side, then (with {@code orders}) its resting orders.
     */
    static String describe(final InstrumentBook book, final int depth, final boolean orders)
    {
        final int decimals = book.priceDecimals();
        final StringBuilder text = new StringBuilder();
        text.append(name(book)).append("  ").append(book.status())
            .append("  rptSeq ").append(book.rptSeq(MdChannel.INCREMENTAL)).append(" levels")
            .append(book.isStale(MdChannel.INCREMENTAL) ? " (STALE)" : "")
            .append(" / ").append(book.rptSeq(MdChannel.ORDERS)).append(" orders")
            .append(book.isStale(MdChannel.ORDERS) ? " (STALE)" : "");
        if (book.tradeCount() > 0)
        {
            text.append("  last trade ").append(book.lastTradeQuantity()).append(" @ ")
                .append(PriceText.format(book.lastTradePrice(), decimals)).append(" (#").append(book.lastTradeId())
                .append(", ").append(book.tradeCount()).append(" seen)");
        }
        text.append('\n');
        text.append(String.format("  %12s %7s %14s | %-14s %7s %12s%n", "bid qty", "orders", "bid", "ask", "orders",
            "ask qty"));
        final List<PriceLevel> bids = top(book.levels(Side.BUY), depth);
        final List<PriceLevel> asks = top(book.levels(Side.SELL), depth);
        for (int i = 0; i < Math.max(1, Math.max(bids.size(), asks.size())); i++)
        {
            final PriceLevel bid = i < bids.size() ? bids.get(i) : null;
            final PriceLevel ask = i < asks.size() ? asks.get(i) : null;
            text.append(String.format("  %12s %7s %14s | %-14s %7s %12s%n",
                bid == null ? "" : Long.toString(bid.quantity()), bid == null ? "" : Integer.toString(bid.orderCount()),
                bid == null ? "" : PriceText.format(bid.price(), decimals),
                ask == null ? "" : PriceText.format(ask.price(), decimals),
                ask == null ? "" : Integer.toString(ask.orderCount()),
                ask == null ? "" : Long.toString(ask.quantity())));
        }
        if (orders)
        {
            for (final Side side : new Side[]{ Side.BUY, Side.SELL })
            {
                text.append("  ").append(side == Side.BUY ? "bids" : "asks").append(" by priority:");
                for (final BookOrder order : book.orders(side))
                {
                    text.append(" #").append(order.orderId()).append(' ').append(order.quantity()).append('@')
                        .append(PriceText.format(order.price(), decimals));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static List<PriceLevel> top(final Iterable<PriceLevel> levels, final int depth)
    {
        final List<PriceLevel> top = new ArrayList<>();
        for (final PriceLevel level : levels)
        {
            if (top.size() == depth)
            {
                break;
            }
            top.add(level);
        }
        return top;
    }

    private static String name(final InstrumentBook book)
    {
        return (book.symbol().isEmpty() ? "?" : book.symbol()) + " (id " + book.instrumentId() + ")";
    }

    private static void deleteQuietly(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // a temporary directory: the system's cleaning takes what is left
        }
    }
}
