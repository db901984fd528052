package io.matchpoint.gateway.cli;

import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.MatchingEngine;
import io.matchpoint.gateway.cli.ClientLine.CancelClientOrderLine;
import io.matchpoint.gateway.cli.ClientLine.CancelLine;
import io.matchpoint.gateway.cli.ClientLine.EmptyLine;
import io.matchpoint.gateway.cli.ClientLine.ErrorLine;
import io.matchpoint.gateway.cli.ClientLine.HelpLine;
import io.matchpoint.gateway.cli.ClientLine.MassCancelLine;
import io.matchpoint.gateway.cli.ClientLine.NewOrderLine;
import io.matchpoint.gateway.cli.ClientLine.QuitLine;
import io.matchpoint.gateway.cli.ClientLine.ReplaceLine;
import io.matchpoint.gateway.cli.ClientLine.SleepLine;
import io.matchpoint.gateway.cli.ClientLine.StpLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCommandParserTest
{
    private static final InstrumentRef DEMO1 = new InstrumentRef(1, "DEMO1", 2, 1, 1);
    private static final InstrumentRef DEMO3 = new InstrumentRef(3, "DEMO3", 4, 25, 10);
    private static final long KNOWN_ORDER = 42;
    private static final String REPLACE_USAGE = "usage: replace ORDERID [qty QTY] [px PRICE] [stop STOPPRICE]";
    private static final String ORDER_USAGE =
        "usage: buy QTY SYMBOL @ PRICE [gtc|ioc|fok] [post] [iceberg DISPLAY] [stop STOPPRICE]  or  " +
        "buy QTY SYMBOL mkt|stop STOPPRICE [ioc|fok]";
    private static final String SELL_USAGE =
        "usage: sell QTY SYMBOL @ PRICE [gtc|ioc|fok] [post] [iceberg DISPLAY] [stop STOPPRICE]  or  " +
        "sell QTY SYMBOL mkt|stop STOPPRICE [ioc|fok]";

    private final ClientCommandParser parser = new ClientCommandParser(
        Map.of("DEMO1", DEMO1, "DEMO3", DEMO3)::get,
        orderId -> orderId == KNOWN_ORDER ? DEMO1 : null);

    @Test
    void shouldParseALimitBuyAsGoodTillCancelled()
    {
        assertEquals(
            new NewOrderLine(Side.BUY, 100, DEMO1, OrdType.LIMIT, TimeInForce.GTC, 10125, 0, 0, false),
            parser.parse("buy 100 DEMO1 @ 101.25"));
    }

    @Test
    void shouldParseAPostOnlySell()
    {
        assertEquals(
            new NewOrderLine(Side.SELL, 50, DEMO1, OrdType.LIMIT, TimeInForce.GTC, 10130, 0, 0, true),
            parser.parse("sell 50 DEMO1 @ 101.30 post"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "gtc, GTC", "ioc, IOC", "fok, FOK" })
    void shouldParseEachTimeInForceOfALimitOrder(final String keyword, final TimeInForce timeInForce)
    {
        assertEquals(
            new NewOrderLine(Side.BUY, 10, DEMO3, OrdType.LIMIT, timeInForce, 12525, 0, 0, false),
            parser.parse("buy 10 DEMO3 @ 1.2525 " + keyword));
    }

    @Test
    void shouldParseAnIcebergWithItsDisplayInTheQuantitysUnits()
    {
        assertEquals(
            new NewOrderLine(Side.SELL, 1000, DEMO1, OrdType.LIMIT, TimeInForce.GTC, 10130, 100, 0, false),
            parser.parse("sell 1000 DEMO1 @ 101.30 iceberg 100"));
    }

    @Test
    void shouldTakeAnIcebergsModifiersInAnyOrderAndCase()
    {
        final ClientLine expected =
            new NewOrderLine(Side.BUY, 100, DEMO3, OrdType.LIMIT, TimeInForce.GTC, 12525, 20, 0, true);

        assertEquals(expected, parser.parse("buy 100 DEMO3 @ 1.2525 gtc iceberg 20 post"));
        assertEquals(expected, parser.parse("buy 100 DEMO3 @ 1.2525 ICEBERG 20 post GTC"));
        assertEquals(expected, parser.parse("buy 100 DEMO3 @ 1.2525 post iceberg 20"));
    }

    @Test
    void shouldParseAStopOrderAsAStopThatIsImmediateOrCancelOnceTriggered()
    {
        final ClientLine expected =
            new NewOrderLine(Side.SELL, 5, DEMO1, OrdType.STOP, TimeInForce.IOC, 0, 0, 9950, false);

        assertEquals(expected, parser.parse("sell 5 DEMO1 stop 99.50"));
        assertEquals(expected, parser.parse("sell 5 demo1 STOP 99.5 ioc"));
        assertEquals(expected, parser.parse("sell 5 DEMO1 mkt stop 99.50"));
        assertEquals(new NewOrderLine(Side.BUY, 5, DEMO1, OrdType.STOP, TimeInForce.FOK, 0, 0, 10050, false),
            parser.parse("buy 5 DEMO1 stop 100.50 fok"));
    }

    @Test
    void shouldParseAStopLimitOrderAsGoodTillCancelledUnlessTold()
    {
        assertEquals(new NewOrderLine(Side.SELL, 5, DEMO1, OrdType.STOP_LIMIT, TimeInForce.GTC, 9940, 0, 9950, false),
            parser.parse("sell 5 DEMO1 @ 99.40 stop 99.50"));
        assertEquals(new NewOrderLine(Side.BUY, 10, DEMO3, OrdType.STOP_LIMIT, TimeInForce.IOC, 12525, 0, 12500, false),
            parser.parse("buy 10 DEMO3 @ 1.2525 ioc stop 1.25"));
        assertEquals(new NewOrderLine(Side.BUY, 10, DEMO3, OrdType.STOP_LIMIT, TimeInForce.FOK, 12525, 0, 12500, false),
            parser.parse("buy 10 DEMO3@1.2525 stop 1.2500 FOK"));
    }

    @Test
    void shouldTakeModifiersInEitherOrder()
    {
        assertEquals(parser.parse("buy 1 DEMO1 @ 20 gtc post"), parser.parse("buy 1 DEMO1 @ 20 post gtc"));
    }

    @Test
    void shouldReadKeywordsInAnyCaseAndUpperCaseTheSymbol()
    {
        assertEquals(
            new NewOrderLine(Side.BUY, 1, DEMO1, OrdType.LIMIT, TimeInForce.IOC, 2000, 0, 0, false),
            parser.parse("BUY 1 demo1 @ 20 IoC"));
    }

    @Test
    void shouldReadAPriceWrittenAgainstTheAtSign()
    {
        final ClientLine expected = parser.parse("buy 1 DEMO1 @ 20.50");

        assertEquals(expected, parser.parse("buy 1 DEMO1 @20.50"));
        assertEquals(expected, parser.parse("buy 1 DEMO1@20.5"));
        assertEquals(expected, parser.parse("  buy\t1   DEMO1 @ 20.5  "));
    }

    @Test
    void shouldDefaultAMarketOrderToImmediateOrCancel()
    {
        assertEquals(
            new NewOrderLine(Side.BUY, 10, DEMO1, OrdType.MARKET, TimeInForce.IOC, 0, 0, 0, false),
            parser.parse("buy 10 DEMO1 mkt"));
    }

    @Test
    void shouldParseAFillOrKillMarketOrder()
    {
        assertEquals(
            new NewOrderLine(Side.SELL, 10, DEMO1, OrdType.MARKET, TimeInForce.FOK, 0, 0, 0, false),
            parser.parse("sell 10 DEMO1 MKT fok"));
    }

    @Test
    void shouldParseACancelByOrderId()
    {
        assertEquals(new CancelLine(42), parser.parse("cancel 42"));
    }

    @Test
    void shouldParseACancelByClientOrderId()
    {
        assertEquals(new CancelClientOrderLine(7), parser.parse("Cancel CLORD 7"));
    }

    @Test
    void shouldParseAReplaceOfQuantityAndPriceInEitherOrder()
    {
        final ReplaceLine expected = new ReplaceLine(KNOWN_ORDER, 80, 10120, ReplaceLine.NO_PRICE);

        assertEquals(expected, parser.parse("replace 42 qty 80 px 101.20"));
        assertEquals(expected, parser.parse("replace 42 px 101.2 qty 80"));
    }

    @Test
    void shouldParseAReplaceOfTheQuantityOnlyEvenForAnOrderTheClientDoesNotKnow()
    {
        final ClientLine line = parser.parse("replace 7 qty 80");

        assertEquals(new ReplaceLine(7, 80, ReplaceLine.NO_PRICE, ReplaceLine.NO_PRICE), line);
        assertTrue(((ReplaceLine)line).hasQuantity());
        assertFalse(((ReplaceLine)line).hasPrice());
    }

    @Test
    void shouldParseAReplaceOfThePriceOnlyInTheOrdersInstrumentUnits()
    {
        final ClientLine line = parser.parse("replace 42 px 99.99");

        assertEquals(new ReplaceLine(KNOWN_ORDER, ReplaceLine.NO_QUANTITY, 9999, ReplaceLine.NO_PRICE), line);
        assertFalse(((ReplaceLine)line).hasQuantity());
        assertTrue(((ReplaceLine)line).hasPrice());
    }

    @Test
    void shouldParseAReplaceOfAWaitingStopsStopPriceAloneOrWithTheOthers()
    {
        final ClientLine line = parser.parse("replace 42 stop 99.60");

        assertEquals(new ReplaceLine(KNOWN_ORDER, ReplaceLine.NO_QUANTITY, ReplaceLine.NO_PRICE, 9960), line);
        assertTrue(((ReplaceLine)line).hasStopPrice());
        assertFalse(((ReplaceLine)line).hasPrice());
        assertEquals(new ReplaceLine(KNOWN_ORDER, 3, 9950, 9960), parser.parse("replace 42 stop 99.6 qty 3 px 99.50"));
        assertFalse(((ReplaceLine)parser.parse("replace 42 qty 3")).hasStopPrice());
    }

    @Test
    void shouldParseAMassCancelOfEveryInstrument()
    {
        final ClientLine line = parser.parse("masscancel");

        assertEquals(new MassCancelLine(null), line);
        assertTrue(((MassCancelLine)line).allInstruments());
        assertEquals(MatchingEngine.ALL_INSTRUMENTS, ((MassCancelLine)line).instrumentId());
    }

    @Test
    void shouldParseAMassCancelOfOneInstrument()
    {
        final ClientLine line = parser.parse("MassCancel demo3");

        assertEquals(new MassCancelLine(DEMO3), line);
        assertEquals(3, ((MassCancelLine)line).instrumentId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cancel-taker, CANCEL_TAKER",
        "cancel-newest, CANCEL_TAKER",
        "cancel-maker, CANCEL_MAKER",
        "cancel-oldest, CANCEL_MAKER",
        "cancel-both, CANCEL_BOTH",
        "Decrement-And-Cancel, DECREMENT_AND_CANCEL" })
    void shouldParseEachSelfTradePreventionMode(final String name, final SelfTradePrevention mode)
    {
        assertEquals(new StpLine(mode), parser.parse("stp " + name));
    }

    @Test
    void shouldParseASleep()
    {
        assertEquals(new SleepLine(250), parser.parse("sleep 250"));
        assertEquals(new SleepLine(0), parser.parse("sleep 0"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = { "help", "HELP", "?" })
    void shouldParseHelp(final String line)
    {
        assertEquals(new HelpLine(), parser.parse(line));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = { "quit", "exit", "Exit" })
    void shouldParseQuit(final String line)
    {
        assertEquals(new QuitLine(), parser.parse(line));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = { "", "   ", "\t", "# a comment", "   # indented comment", "#" })
    void shouldIgnoreBlankLinesAndComments(final String line)
    {
        assertEquals(new EmptyLine(), parser.parse(line));
    }

    @Test
    void shouldIgnoreACommentAfterACommand()
    {
        assertEquals(new CancelLine(42), parser.parse("cancel 42 # the stale bid"));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "fly 1 DEMO1 => unknown command 'fly' (type help for the list)",
        "buy => buy: missing quantity; " + ORDER_USAGE,
        "buy 0 DEMO1 @ 20 => buy: quantity must be a whole number of at least 1, got '0'",
        "buy -5 DEMO1 @ 20 => buy: quantity must be a whole number of at least 1, got '-5'",
        "buy 1.5 DEMO1 @ 20 => buy: quantity must be a whole number of at least 1, got '1.5'",
        "buy 99999999999999999999 DEMO1 @ 20 => buy: quantity '99999999999999999999' is too large " +
            "(at most 9223372036854775807)",
        "buy 1 => buy: missing symbol; " + ORDER_USAGE,
        "buy 1 xyz @ 20 => buy: unknown symbol 'XYZ'",
        "buy 1 DEMO1 => buy: missing '@ PRICE', 'mkt' or 'stop STOPPRICE' after DEMO1; " + ORDER_USAGE,
        "buy 1 DEMO1 at 20 => buy: expected '@ PRICE', 'mkt' or 'stop STOPPRICE' after DEMO1, got 'at'",
        "buy 1 DEMO1 @ => buy: missing price; " + ORDER_USAGE,
        "buy 1 DEMO1 @ 20.001 => buy: bad price for DEMO1: '20.001' has more than 2 decimals",
        "buy 1 DEMO1 @ abc => buy: bad price for DEMO1: 'abc' is not a decimal number (expected digits with an " +
            "optional sign and point, like 101.25)",
        "buy 1 DEMO1 @ 99999999999999999999 => buy: bad price for DEMO1: '99999999999999999999' is out of range: " +
            "at 2 decimals the limit is 92233720368547758.07",
        "buy 1 DEMO1 @ 20 gtc ioc => buy: time in force given twice",
        "buy 1 DEMO1 @ 20 post post => buy: post given twice",
        "buy 1 DEMO1 @ 20 day => buy: unexpected 'day' (expected gtc, ioc, fok, post, iceberg DISPLAY or " +
            "stop STOPPRICE)",
        "buy 10 DEMO1 @ 20 iceberg => buy: missing display quantity after iceberg; " + ORDER_USAGE,
        "buy 10 DEMO1 @ 20 iceberg 0 => buy: display quantity must be a whole number of at least 1, got '0'",
        "buy 10 DEMO1 @ 20 iceberg 2.5 => buy: display quantity must be a whole number of at least 1, got '2.5'",
        "buy 10 DEMO1 @ 20 iceberg 2 iceberg 3 => buy: iceberg given twice",
        "buy 10 DEMO1 @ 20 iceberg 2 ioc => buy: an iceberg rests, so it is GTC: drop ioc",
        "sell 10 DEMO1 @ 20 fok iceberg 2 => sell: an iceberg rests, so it is GTC: drop fok",
        "buy 10 DEMO1 mkt iceberg 2 => buy: an iceberg is a GTC limit order (a market order never rests): " +
            "give '@ PRICE'",
        "sell 1 DEMO1 @ 20 ioc post => sell: a post-only order rests, so it is GTC: drop ioc",
        "buy 1 DEMO1 mkt gtc => buy: a market order never rests: use ioc (the default) or fok",
        "buy 1 DEMO1 mkt post => buy: post applies to limit orders only (a market order always takes)",
        "buy 1 DEMO1 mkt 20 => buy: unexpected '20' (expected ioc, fok or stop STOPPRICE)",
        "sell 5 DEMO1 stop => sell: missing stop price after stop; " + SELL_USAGE,
        "sell 5 DEMO1 @ 99.40 stop => sell: missing stop price after stop; " + SELL_USAGE,
        "sell 5 DEMO1 stop 0 => sell: stop price must not be 0, got '0'",
        "sell 5 DEMO1 stop 99.501 => sell: bad price for DEMO1: '99.501' has more than 2 decimals",
        "sell 5 DEMO1 stop 99.50 stop 99.40 => sell: stop given twice",
        "sell 5 DEMO1 @ 99.40 stop 99.50 stop 99.60 => sell: stop given twice",
        "sell 5 DEMO1 mkt stop 99.50 stop 99.60 => sell: stop given twice",
        "sell 5 DEMO1 @ 99.40 stop 99.50 post => sell: a stop order waits off the book until a trade triggers it, " +
            "then takes what it can: it cannot be post-only (drop post)",
        "sell 5 DEMO1 stop 99.50 post => sell: a stop order waits off the book until a trade triggers it, " +
            "then takes what it can: it cannot be post-only (drop post)",
        "buy 50 DEMO1 @ 99.40 iceberg 10 stop 99.50 => buy: a stop order cannot be an iceberg (drop iceberg)",
        "buy 5 DEMO1 stop 99.50 gtc => buy: a stop order waits whatever its time in force, then trades as a " +
            "market order, which never rests: use ioc (the default) or fok",
        "cancel => cancel: missing order id; usage: cancel ORDERID  or  cancel clord CLORDID",
        "cancel abc => cancel: order id must be a whole number of at least 1, got 'abc'",
        "cancel 42 43 => cancel: unexpected '43' at the end",
        "cancel clord => cancel: missing client order id; usage: cancel ORDERID  or  cancel clord CLORDID",
        "cancel clord x => cancel: client order id must be a whole number of at least 1, got 'x'",
        "replace => replace: missing order id; " + REPLACE_USAGE,
        "replace 42 => replace: give qty, px, stop or more than one; " + REPLACE_USAGE,
        "replace 42 qty => replace: missing quantity after qty; " + REPLACE_USAGE,
        "replace 42 px => replace: missing price after px; " + REPLACE_USAGE,
        "replace 42 stop => replace: missing stop price after stop; " + REPLACE_USAGE,
        "replace 42 stop 20 stop 21 => replace: stop given twice",
        "replace 7 stop 20.00 => replace: order 7 is not one this client knows, so the price cannot be read",
        "replace 42 stop 20.001 => replace: bad price for DEMO1: '20.001' has more than 2 decimals",
        "replace 42 qty 0 => replace: quantity must be a whole number of at least 1, got '0'",
        "replace 42 qty 5 qty 6 => replace: qty given twice",
        "replace 42 px 20 px 21 => replace: px given twice",
        "replace 42 size 5 => replace: unexpected 'size' (expected qty, px or stop)",
        "replace 7 px 20.00 => replace: order 7 is not one this client knows, so the price cannot be read",
        "replace 42 px 20.001 => replace: bad price for DEMO1: '20.001' has more than 2 decimals",
        "masscancel XYZ => masscancel: unknown symbol 'XYZ'",
        "masscancel DEMO1 DEMO3 => masscancel: unexpected 'DEMO3' at the end",
        "stp => stp: missing mode; usage: stp cancel-taker|cancel-maker|cancel-both|decrement-and-cancel",
        "stp none => stp: self-trades are always prevented, so there is no 'none'; choose cancel-taker, " +
            "cancel-maker, cancel-both or decrement-and-cancel",
        "stp sometimes => stp: unknown mode 'sometimes' (expected cancel-taker, cancel-maker, cancel-both or " +
            "decrement-and-cancel)",
        "stp cancel-both now => stp: unexpected 'now' at the end",
        "sleep => sleep: missing milliseconds; usage: sleep MILLIS",
        "sleep -1 => sleep: milliseconds must be a whole number of at least 0, got '-1'",
        "sleep 86400001 => sleep: at most 86400000 milliseconds (one day), got 86400001",
        "help me => help: unexpected 'me' at the end",
        "quit now => quit: unexpected 'now' at the end",
    })
    void shouldExplainAMalformedLine(final String line, final String message)
    {
        assertEquals(new ErrorLine(message), parser.parse(line));
    }

    @Test
    void shouldNeverThrowWhateverTheLine()
    {
        final String[] words = { "buy", "sell", "cancel", "clord", "replace", "qty", "px", "masscancel", "stp",
            "sleep", "help", "quit", "mkt", "@", "gtc", "ioc", "fok", "post", "DEMO1", "demo3", "XYZ", "0", "1",
            "-1", "42", "1.5", "20.001", "99999999999999999999", "#", "cancel-both", "none", ".", "", " ", "@@",
            "iceberg", "stop" };
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++)
        {
            final StringBuilder line = new StringBuilder();
            final int length = random.nextInt(8);
            for (int w = 0; w < length; w++)
            {
                line.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? "" : " ");
            }

            assertNotNull(parser.parse(line), line.toString());
        }
    }

    @Test
    void shouldListEveryCommandWithAnExampleInTheHelp()
    {
        final String help = ClientCommandParser.helpText();

        for (final String example : new String[] { "buy 100 DEMO1 @ 101.25", "sell 50 DEMO1 @ 101.30 post",
            "sell 10 DEMO2 mkt fok", "sell 1000 DEMO1 @ 101.30 iceberg 100",
            "sell 5 DEMO1 stop 99.50", "sell 5 DEMO1 @ 99.40 stop 99.50", "replace 43 stop 99.60", "cancel 42",
            "cancel clord 7", "replace 42 qty 80 px 101.20",
            "masscancel DEMO1", "stp cancel-both", "sleep 250", "help", "quit | exit" })
        {
            assertTrue(help.contains(example), example);
        }
    }

    @Test
    void shouldParseEveryExampleInTheHelp()
    {
        final ClientCommandParser withDemo2 = new ClientCommandParser(
            symbol -> new InstrumentRef(2, symbol, 2, 5, 1), orderId -> DEMO1);
        for (final String line : ClientCommandParser.helpText().split("\\R"))
        {
            final int example = line.indexOf("e.g. ");
            if (example >= 0)
            {
                final String command = line.substring(example + "e.g. ".length());
                assertFalse(withDemo2.parse(command) instanceof ErrorLine, command);
            }
        }
    }

    @Test
    void shouldKeepTheHelpWithinEightyColumns()
    {
        for (final String line : ClientCommandParser.helpText().split("\\R"))
        {
            assertTrue(line.length() <= 80, line);
        }
    }
}
