package io.matchpoint.engine.match;

/**
 * Why a command was refused. Every reject the core emits carries exactly one of these; nothing in the book changed.
 */
public enum RejectReason
{
    /** No instrument with that id was defined. */
    UNKNOWN_INSTRUMENT,
    /** The account is stopped by the kill switch: no new order and no replace until it is revived. */
    ACCOUNT_KILLED,
    /** The instrument is halted: new orders and replaces are refused, cancels are not. */
    INSTRUMENT_HALTED,
    /** Post-only is only meaningful for a GTC limit order. */
    POST_ONLY_REQUIRES_GTC_LIMIT,
    /** Quantity below the instrument's minimum or above its maximum (zero and negative included). */
    QUANTITY_OUT_OF_RANGE,
    /** Quantity is not a multiple of the instrument's lot size. */
    QUANTITY_OFF_LOT,
    /** Limit price is not a multiple of the instrument's tick size. */
    PRICE_OFF_TICK,
    /** Limit price lies outside the instrument's price band. */
    PRICE_OUTSIDE_BAND,
    /** Limit price lies further from the instrument's reference price than its price collar allows. */
    PRICE_OUTSIDE_COLLAR,
    /** The account already has a live order with this client order id. */
    DUPLICATE_CLIENT_ORDER_ID,
    /** No live order with that id belongs to the account (other accounts' orders are unknown too). */
    UNKNOWN_ORDER,
    /** A post-only order (or a replace of one) would take liquidity. */
    POST_ONLY_WOULD_CROSS,
    /** The order pool is full: the order could not rest. */
    ORDER_CAPACITY_EXHAUSTED,
    /** The price-level pool is full and the order would need a new level. */
    PRICE_LEVEL_CAPACITY_EXHAUSTED,
    /** The account table is full and this is an account the core has not seen. */
    ACCOUNT_CAPACITY_EXHAUSTED,
    /** The instrument table is full. */
    INSTRUMENT_CAPACITY_EXHAUSTED,
    /** An instrument definition with a non-positive tick, lot or quantity, an inverted band or an off-tick band. */
    INVALID_INSTRUMENT_DEFINITION,
    /** The band spans more ticks than a book is configured to hold. */
    PRICE_BAND_TOO_WIDE,
    /** Tick or lot size may only change while the instrument's book is empty. */
    INSTRUMENT_BOOK_NOT_EMPTY,
    /** The order's quantity is above the account's maximum order quantity. */
    ORDER_QUANTITY_LIMIT,
    /** The order's notional (|price| x quantity) is above the account's maximum order notional. */
    ORDER_NOTIONAL_LIMIT,
    /** The account already has as many resting orders as its limit allows. */
    OPEN_ORDERS_LIMIT,
    /** The account's open notional on the instrument would pass its credit limit per instrument. */
    INSTRUMENT_CREDIT_LIMIT,
    /** The account's open notional over all instruments would pass its credit limit. */
    CREDIT_LIMIT,
    /** The position the account could reach on the instrument would pass its position limit. */
    POSITION_LIMIT,
    /** A risk limit below 0 that is not NO_LIMIT. */
    INVALID_RISK_LIMITS,
    /** A display quantity that is negative, off lot, or on an order that is not GTC LIMIT (one that never rests). */
    INVALID_DISPLAY_QUANTITY,
    /** A stop order's stop price off tick or outside the band. */
    INVALID_STOP_PRICE,
    /** A stop price the instrument's last trade already reaches (a buy stop at or below it, a sell at or above). */
    STOP_ALREADY_TRIGGERED
}
