package io.matchpoint.gateway.cli;

import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.MatchingEngine;

/**
 * One line of the client's command language, as {@link ClientCommandParser} reads it: a command with its values
 * converted to what the wire carries (prices in instrument units), or an {@link ErrorLine} saying what is wrong.
 * Switch over it with pattern matching; the set of kinds is closed.
 */
public sealed interface ClientLine
{
    /**
     * {@code buy|sell QTY SYMBOL @ PRICE [gtc|ioc|fok] [post] [iceberg DISPLAY] [stop STOPPRICE]} or
     * {@code buy|sell QTY SYMBOL mkt|stop STOPPRICE [ioc|fok]}.
     *
     * @param side            buy or sell.
     * @param quantity        order quantity, {@code > 0}.
     * @param instrument      the instrument.
     * @param orderType       limit, market, stop (a market order once triggered) or stop-limit (a limit order).
     * @param timeInForce     GTC by default for limit and stop-limit orders, IOC by default for market and stop
     *                        orders (which never rest).
     * @param price           limit price in the instrument's units; 0 for market and stop orders.
     * @param displayQuantity above 0 for an iceberg (a GTC limit order that shows at most this much at a time, in
     *                        the quantity's units), else 0.
     * @param stopPrice       for a stop or stop-limit order, the price a trade must reach to trigger it, in the
     *                        instrument's units; else 0.
     * @param postOnly        rest only, never take: a GTC limit order that is rejected if it would cross.
     */
    record NewOrderLine(
        Side side,
        long quantity,
        InstrumentRef instrument,
        OrdType orderType,
        TimeInForce timeInForce,
        long price,
        long displayQuantity,
        long stopPrice,
        boolean postOnly) implements ClientLine
    {
    }

    /**
     * {@code cancel ORDERID}.
     *
     * @param orderId the id the server gave the order.
     */
    record CancelLine(long orderId) implements ClientLine
    {
    }

    /**
     * {@code cancel clord CLORDID}.
     *
     * @param clientOrderId the client order id the order was sent with.
     */
    record CancelClientOrderLine(long clientOrderId) implements ClientLine
    {
    }

    /**
     * {@code replace ORDERID [qty QTY] [px PRICE] [stop STOPPRICE]}: at least one of them; the quantity and price not
     * given stay as they are, which the caller fills in from the order it knows, and a stop price not given is sent
     * as none, which keeps a waiting stop order's.
     *
     * @param orderId   the id the server gave the order.
     * @param quantity  the new open quantity, or {@link #NO_QUANTITY}.
     * @param price     the new price in the instrument's units, or {@link #NO_PRICE}.
     * @param stopPrice a waiting stop order's new stop price in the instrument's units, or {@link #NO_PRICE}.
     */
    record ReplaceLine(long orderId, long quantity, long price, long stopPrice) implements ClientLine
    {
        /** {@link #quantity()} when the line does not change the quantity. */
        public static final long NO_QUANTITY = 0;
        /** {@link #price()} when the line does not change the price. */
        public static final long NO_PRICE = Long.MIN_VALUE;

        /**
         * @return whether the line gives a new quantity.
         */
        public boolean hasQuantity()
        {
            return quantity != NO_QUANTITY;
        }

        /**
         * @return whether the line gives a new price.
         */
        public boolean hasPrice()
        {
            return price != NO_PRICE;
        }

        /**
         * @return whether the line gives a new stop price.
         */
        public boolean hasStopPrice()
        {
            return stopPrice != NO_PRICE;
        }
    }

    /**
     * {@code masscancel [SYMBOL]}: cancel the account's resting orders on one instrument or on all.
     *
     * @param instrument the instrument, or null for all instruments.
     */
    record MassCancelLine(InstrumentRef instrument) implements ClientLine
    {
        /**
         * @return whether the line cancels on every instrument.
         */
        public boolean allInstruments()
        {
            return instrument == null;
        }

        /**
         * @return the instrument's id, or {@link MatchingEngine#ALL_INSTRUMENTS}.
         */
        public int instrumentId()
        {
            return instrument == null ? MatchingEngine.ALL_INSTRUMENTS : instrument.id();
        }
    }

    /**
     * {@code stp MODE}: the self-trade prevention mode of the orders that follow.
     *
     * @param mode the mode.
     */
    record StpLine(SelfTradePrevention mode) implements ClientLine
    {
    }

    /**
     * {@code sleep MILLIS}: pause a script.
     *
     * @param millis how long, {@code >= 0}.
     */
    record SleepLine(long millis) implements ClientLine
    {
    }

    /**
     * {@code help}: print {@link ClientCommandParser#helpText()}.
     */
    record HelpLine() implements ClientLine
    {
    }

    /**
     * {@code quit} or {@code exit}.
     */
    record QuitLine() implements ClientLine
    {
    }

    /**
     * A blank line or a comment: nothing to do.
     */
    record EmptyLine() implements ClientLine
    {
    }

    /**
     * A line that could not be read.
     *
     * @param message what is wrong, ready to print as it is (no trailing period or line break).
     */
    record ErrorLine(String message) implements ClientLine
    {
    }
}
