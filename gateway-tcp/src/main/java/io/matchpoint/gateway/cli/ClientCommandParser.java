package io.matchpoint.gateway.cli;

import io.matchpoint.client.PriceText;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;

import java.util.Locale;
import java.util.Objects;

/**
 * Reads one line of the client's command language (typed, or from a script) into a {@link ClientLine}. Pure: no
 * I/O and no state beyond the two lookups it is given. A malformed line never throws: it gives an
 * {@link ClientLine.ErrorLine} whose message names the command and the problem, ready to print.
 * <p>
 * Keywords are case-insensitive and symbols are upper-cased; {@code #} starts a comment; {@code @} need not be
 * surrounded by spaces. Prices are converted exactly with the instrument's decimals ({@link PriceText}). The parser
 * checks syntax and units only: tick, lot, band and quantity limits are the server's to check, and its reject names
 * the rule. {@link #helpText()} lists the commands.
 * <p>
 * Not for the order path (it builds strings); thread-safe if the lookups are.
 */
public final class ClientCommandParser
{
    /** The longest {@code sleep}: one day. */
    public static final long MAX_SLEEP_MILLIS = 86_400_000L;

    private static final String LIMIT_USAGE =
        "SIDE QTY SYMBOL @ PRICE [gtc|ioc|fok] [post] [iceberg DISPLAY] [stop STOPPRICE]";
    private static final String MARKET_USAGE = "SIDE QTY SYMBOL mkt|stop STOPPRICE [ioc|fok]";
    private static final String CANCEL_USAGE = "usage: cancel ORDERID  or  cancel clord CLORDID";
    private static final String REPLACE_USAGE = "usage: replace ORDERID [qty QTY] [px PRICE] [stop STOPPRICE]";
    private static final String STP_MODES = "cancel-taker, cancel-maker, cancel-both or decrement-and-cancel";

    private final InstrumentLookup instruments;
    private final OrderLookup orders;

    /**
     * @param instruments finds instruments by symbol, for orders and mass cancels.
     * @param orders      finds the instrument of a known order, for the price of a {@code replace}.
     */
    public ClientCommandParser(final InstrumentLookup instruments, final OrderLookup orders)
    {
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    /**
     * @param line one line of input, without its line terminator; not null.
     * @return what the line says, or an {@link ClientLine.ErrorLine}; never null, never throws for bad input.
     */
    public ClientLine parse(final CharSequence line)
    {
        final String text = line.toString();
        final int comment = text.indexOf('#');
        final String[] words = (comment < 0 ? text : text.substring(0, comment)).replace("@", " @ ").trim()
            .split("\\s+");
        if (words.length == 1 && words[0].isEmpty())
        {
            return new ClientLine.EmptyLine();
        }
        final Tokens tokens = new Tokens(words);
        final String command = tokens.keyword();
        try
        {
            return switch (command)
            {
                case "buy" -> newOrder(Side.BUY, command, tokens);
                case "sell" -> newOrder(Side.SELL, command, tokens);
                case "cancel" -> cancel(tokens);
                case "replace" -> replace(tokens);
                case "masscancel" -> massCancel(tokens);
                case "stp" -> stp(tokens);
                case "sleep" -> sleep(tokens);
                case "help", "?" -> noArguments(tokens, new ClientLine.HelpLine());
                case "quit", "exit" -> noArguments(tokens, new ClientLine.QuitLine());
                default -> new ClientLine.ErrorLine(
                    "unknown command '" + words[0] + "' (type help for the list)");
            };
        }
        catch (final LineException ex)
        {
            return new ClientLine.ErrorLine(command + ": " + ex.getMessage());
        }
    }

    /**
     * @return every command with an example, one per line or two, for a person.
     */
    public static String helpText()
    {
        return String.join(System.lineSeparator(),
            "Commands (keywords in any case, symbols are upper-cased, # starts a comment):",
            "  buy QTY SYMBOL @ PRICE [gtc|ioc|fok] [post]",
            "      limit order, GTC unless told; post: rest only, never take",
            "      e.g. buy 100 DEMO1 @ 101.25",
            "  sell QTY SYMBOL @ PRICE [gtc|ioc|fok] [post]",
            "      e.g. sell 50 DEMO1 @ 101.30 post",
            "  buy|sell QTY SYMBOL @ PRICE [gtc] [post] iceberg DISPLAY",
            "      iceberg: GTC, shows at most DISPLAY of QTY at a time (same units); each",
            "      time the part shown trades away, more shows at the back of its level",
            "      e.g. sell 1000 DEMO1 @ 101.30 iceberg 100",
            "  buy|sell QTY SYMBOL mkt [ioc|fok]",
            "      market order, IOC unless told; it never rests",
            "      e.g. sell 10 DEMO2 mkt fok",
            "  buy|sell QTY SYMBOL stop STOPPRICE [ioc|fok]",
            "      stop order: waits off the book until a trade reaches STOPPRICE (a buy",
            "      stop: a trade at or above it; a sell stop: at or below), then a market",
            "      order, IOC unless told; e.g. sell 5 DEMO1 stop 99.50",
            "  buy|sell QTY SYMBOL @ PRICE stop STOPPRICE [gtc|ioc|fok]",
            "      stop-limit order: the same, then a limit order at PRICE, GTC unless told",
            "      e.g. sell 5 DEMO1 @ 99.40 stop 99.50",
            "  cancel ORDERID",
            "      cancel by the order id the server gave, e.g. cancel 42",
            "  cancel clord CLORDID",
            "      cancel by your client order id, e.g. cancel clord 7",
            "  replace ORDERID [qty QTY] [px PRICE] [stop STOPPRICE]",
            "      new open quantity, price or both, e.g. replace 42 qty 80 px 101.20",
            "      stop: a waiting stop order's new stop price, e.g. replace 43 stop 99.60",
            "  masscancel [SYMBOL]",
            "      all your resting orders, or one instrument's, e.g. masscancel DEMO1",
            "  stp cancel-taker|cancel-maker|cancel-both|decrement-and-cancel",
            "      self-trade prevention for the orders that follow, e.g. stp cancel-both",
            "      (cancel-newest and cancel-oldest also name cancel-taker and cancel-maker)",
            "  sleep MILLIS",
            "      pause a script, e.g. sleep 250",
            "  help",
            "      this list",
            "  quit | exit",
            "      log out and leave; so does the end of the input",
            "Prices have at most the instrument's decimals (DEMO1 has 2: 101.25);",
            "quantities are whole numbers.");
    }

    private ClientLine newOrder(final Side side, final String command, final Tokens tokens) throws LineException
    {
        final String usage = "usage: " + LIMIT_USAGE.replace("SIDE", command) + "  or  " +
            MARKET_USAGE.replace("SIDE", command);
        final long quantity = positive(tokens.next("quantity", usage), "quantity");
        final InstrumentRef instrument = instrument(tokens.next("symbol", usage));
        final String kind = tokens.keyword();
        final boolean market;
        long price = 0;
        // a stop price of 0 is no stop price: the server refuses 0 as outside every band, so none is lost
        long stopPrice = 0;
        if ("@".equals(kind))
        {
            market = false;
            price = price(tokens.next("price", usage), instrument);
        }
        else if ("mkt".equals(kind))
        {
            market = true;
        }
        else if ("stop".equals(kind))
        {
            market = true;
            stopPrice = stopPrice(tokens, instrument, usage);
        }
        else
        {
            throw new LineException(kind == null ?
                "missing '@ PRICE', 'mkt' or 'stop STOPPRICE' after " + instrument.symbol() + "; " + usage :
                "expected '@ PRICE', 'mkt' or 'stop STOPPRICE' after " + instrument.symbol() + ", got '" +
                tokens.last() + "'");
        }

        TimeInForce timeInForce = null;
        boolean postOnly = false;
        long displayQuantity = 0;
        for (String modifier = tokens.keyword(); modifier != null; modifier = tokens.keyword())
        {
            switch (modifier)
            {
                case "stop" ->
                {
                    if (stopPrice != 0)
                    {
                        throw new LineException("stop given twice");
                    }
                    stopPrice = stopPrice(tokens, instrument, usage);
                }
                case "gtc", "ioc", "fok" ->
                {
                    if (timeInForce != null)
                    {
                        throw new LineException("time in force given twice");
                    }
                    timeInForce = TimeInForce.valueOf(modifier.toUpperCase(Locale.ROOT));
                }
                case "post" ->
                {
                    if (postOnly)
                    {
                        throw new LineException("post given twice");
                    }
                    postOnly = true;
                }
                case "iceberg" ->
                {
                    if (displayQuantity != 0)
                    {
                        throw new LineException("iceberg given twice");
                    }
                    displayQuantity = positive(
                        tokens.next("display quantity after iceberg", usage), "display quantity");
                }
                default -> throw new LineException("unexpected '" + tokens.last() + "' (expected " +
                    (market ? "ioc, fok or stop STOPPRICE" : "gtc, ioc, fok, post, iceberg DISPLAY or stop STOPPRICE") +
                    ")");
            }
        }

        final boolean stop = stopPrice != 0;
        if (stop && postOnly)
        {
            throw new LineException("a stop order waits off the book until a trade triggers it, then takes what it " +
                "can: it cannot be post-only (drop post)");
        }
        if (stop && displayQuantity != 0)
        {
            throw new LineException("a stop order cannot be an iceberg (drop iceberg)");
        }
        if (stop && market)
        {
            if (timeInForce == TimeInForce.GTC)
            {
                throw new LineException("a stop order waits whatever its time in force, then trades as a market " +
                    "order, which never rests: use ioc (the default) or fok");
            }
            return new ClientLine.NewOrderLine(
                side, quantity, instrument, OrdType.STOP, timeInForce == null ? TimeInForce.IOC : timeInForce, 0,
                0, stopPrice, false);
        }
        if (stop)
        {
            return new ClientLine.NewOrderLine(
                side, quantity, instrument, OrdType.STOP_LIMIT, timeInForce == null ? TimeInForce.GTC : timeInForce,
                price, 0, stopPrice, false);
        }
        if (market)
        {
            if (postOnly)
            {
                throw new LineException("post applies to limit orders only (a market order always takes)");
            }
            if (displayQuantity != 0)
            {
                throw new LineException("an iceberg is a GTC limit order (a market order never rests): give '@ PRICE'");
            }
            if (timeInForce == TimeInForce.GTC)
            {
                throw new LineException("a market order never rests: use ioc (the default) or fok");
            }
            return new ClientLine.NewOrderLine(
                side, quantity, instrument, OrdType.MARKET, timeInForce == null ? TimeInForce.IOC : timeInForce, 0,
                0, 0, false);
        }
        if (displayQuantity != 0 && timeInForce != null && timeInForce != TimeInForce.GTC)
        {
            throw new LineException(
                "an iceberg rests, so it is GTC: drop " + timeInForce.name().toLowerCase(Locale.ROOT));
        }
        if (postOnly && timeInForce != null && timeInForce != TimeInForce.GTC)
        {
            throw new LineException("a post-only order rests, so it is GTC: drop " +
                timeInForce.name().toLowerCase(Locale.ROOT));
        }
        return new ClientLine.NewOrderLine(
            side, quantity, instrument, OrdType.LIMIT, timeInForce == null ? TimeInForce.GTC : timeInForce, price,
            displayQuantity, 0, postOnly);
    }

    /**
     * @return the price after {@code stop}, in the instrument's units; never 0, which stands for no stop price.
     */
    private static long stopPrice(final Tokens tokens, final InstrumentRef instrument, final String usage)
        throws LineException
    {
        final String text = tokens.next("stop price after stop", usage);
        final long stopPrice = price(text, instrument);
        if (stopPrice == 0)
        {
            throw new LineException("stop price must not be 0, got '" + text + "'");
        }
        return stopPrice;
    }

    private ClientLine cancel(final Tokens tokens) throws LineException
    {
        final String first = tokens.next("order id", CANCEL_USAGE);
        if ("clord".equalsIgnoreCase(first))
        {
            final long clientOrderId = positive(tokens.next("client order id", CANCEL_USAGE), "client order id");
            tokens.end();
            return new ClientLine.CancelClientOrderLine(clientOrderId);
        }
        final long orderId = positive(first, "order id");
        tokens.end();
        return new ClientLine.CancelLine(orderId);
    }

    private ClientLine replace(final Tokens tokens) throws LineException
    {
        final long orderId = positive(tokens.next("order id", REPLACE_USAGE), "order id");
        long quantity = ClientLine.ReplaceLine.NO_QUANTITY;
        String priceText = null;
        String stopPriceText = null;
        for (String field = tokens.keyword(); field != null; field = tokens.keyword())
        {
            if ("qty".equals(field))
            {
                if (quantity != ClientLine.ReplaceLine.NO_QUANTITY)
                {
                    throw new LineException("qty given twice");
                }
                quantity = positive(tokens.next("quantity after qty", REPLACE_USAGE), "quantity");
            }
            else if ("px".equals(field))
            {
                if (priceText != null)
                {
                    throw new LineException("px given twice");
                }
                priceText = tokens.next("price after px", REPLACE_USAGE);
            }
            else if ("stop".equals(field))
            {
                if (stopPriceText != null)
                {
                    throw new LineException("stop given twice");
                }
                stopPriceText = tokens.next("stop price after stop", REPLACE_USAGE);
            }
            else
            {
                throw new LineException("unexpected '" + tokens.last() + "' (expected qty, px or stop)");
            }
        }
        if (quantity == ClientLine.ReplaceLine.NO_QUANTITY && priceText == null && stopPriceText == null)
        {
            throw new LineException("give qty, px, stop or more than one; " + REPLACE_USAGE);
        }
        long price = ClientLine.ReplaceLine.NO_PRICE;
        long stopPrice = ClientLine.ReplaceLine.NO_PRICE;
        if (priceText != null || stopPriceText != null)
        {
            final InstrumentRef instrument = orders.instrumentOfOrder(orderId);
            if (instrument == null)
            {
                throw new LineException(
                    "order " + orderId + " is not one this client knows, so the price cannot be read");
            }
            price = priceText == null ? price : price(priceText, instrument);
            stopPrice = stopPriceText == null ? stopPrice : price(stopPriceText, instrument);
        }
        return new ClientLine.ReplaceLine(orderId, quantity, price, stopPrice);
    }

    private ClientLine massCancel(final Tokens tokens) throws LineException
    {
        final String symbol = tokens.nextOrNull();
        if (symbol == null)
        {
            return new ClientLine.MassCancelLine(null);
        }
        final InstrumentRef instrument = instrument(symbol);
        tokens.end();
        return new ClientLine.MassCancelLine(instrument);
    }

    private ClientLine stp(final Tokens tokens) throws LineException
    {
        final String mode = tokens.keyword();
        if (mode == null)
        {
            throw new LineException("missing mode; usage: stp " + STP_MODES.replace(", ", "|").replace(" or ", "|"));
        }
        final SelfTradePrevention selfTradePrevention = switch (mode)
        {
            case "cancel-taker", "cancel-newest" -> SelfTradePrevention.CANCEL_TAKER;
            case "cancel-maker", "cancel-oldest" -> SelfTradePrevention.CANCEL_MAKER;
            case "cancel-both" -> SelfTradePrevention.CANCEL_BOTH;
            case "decrement-and-cancel" -> SelfTradePrevention.DECREMENT_AND_CANCEL;
            case "none" -> throw new LineException(
                "self-trades are always prevented, so there is no 'none'; choose " + STP_MODES);
            default -> throw new LineException("unknown mode '" + tokens.last() + "' (expected " + STP_MODES + ")");
        };
        tokens.end();
        return new ClientLine.StpLine(selfTradePrevention);
    }

    private ClientLine sleep(final Tokens tokens) throws LineException
    {
        final String text = tokens.next("milliseconds", "usage: sleep MILLIS");
        final long millis = number(text, "milliseconds", 0);
        if (millis > MAX_SLEEP_MILLIS)
        {
            throw new LineException("at most " + MAX_SLEEP_MILLIS + " milliseconds (one day), got " + millis);
        }
        tokens.end();
        return new ClientLine.SleepLine(millis);
    }

    private static ClientLine noArguments(final Tokens tokens, final ClientLine line) throws LineException
    {
        tokens.end();
        return line;
    }

    private InstrumentRef instrument(final String symbolText) throws LineException
    {
        final String symbol = symbolText.toUpperCase(Locale.ROOT);
        final InstrumentRef instrument = instruments.bySymbol(symbol);
        if (instrument == null)
        {
            throw new LineException("unknown symbol '" + symbol + "'");
        }
        return instrument;
    }

    private static long price(final String text, final InstrumentRef instrument) throws LineException
    {
        try
        {
            return instrument.parsePrice(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LineException("bad price for " + instrument.symbol() + ": " + ex.getMessage());
        }
    }

    private static long positive(final String text, final String what) throws LineException
    {
        return number(text, what, 1);
    }

    /**
     * @return the value of a whole number {@code >= min} written in plain digits.
     */
    private static long number(final String text, final String what, final long min) throws LineException
    {
        long value = 0;
        boolean valid = !text.isEmpty();
        for (int i = 0; i < text.length() && valid; i++)
        {
            final char c = text.charAt(i);
            valid = c >= '0' && c <= '9';
            if (valid)
            {
                if (value > (Long.MAX_VALUE - (c - '0')) / 10)
                {
                    throw new LineException(what + " '" + text + "' is too large (at most " + Long.MAX_VALUE + ")");
                }
                value = value * 10 + (c - '0');
            }
        }
        if (!valid || value < min)
        {
            throw new LineException(what + " must be a whole number of at least " + min + ", got '" + text + "'");
        }
        return value;
    }

    /**
     * The words of a line, read front to back.
     */
    private static final class Tokens
    {
        private final String[] words;
        private int next;

        Tokens(final String[] words)
        {
            this.words = words;
        }

        String nextOrNull()
        {
            return next < words.length ? words[next++] : null;
        }

        /** The next word in lower case, or null at the end. */
        String keyword()
        {
            final String word = nextOrNull();
            return word == null ? null : word.toLowerCase(Locale.ROOT);
        }

        String next(final String what, final String usage) throws LineException
        {
            final String word = nextOrNull();
            if (word == null)
            {
                throw new LineException("missing " + what + "; " + usage);
            }
            return word;
        }

        /** The word last read, as written. */
        String last()
        {
            return words[next - 1];
        }

        void end() throws LineException
        {
            if (next < words.length)
            {
                throw new LineException("unexpected '" + words[next] + "' at the end");
            }
        }
    }

    /**
     * What is wrong with a line: control flow inside the parser only, never thrown to a caller.
     */
    private static final class LineException extends Exception
    {
        LineException(final String message)
        {
            super(message, null, false, false);
        }
    }
}
