package io.matchpoint.engine.match;

/**
 * Why (part of) a live order was taken out of the market. Every cancel the core emits, solicited or not,
 * carries exactly one of these.
 */
public enum CancelReason
{
    /** The owner asked for it (cancel by order id or by client order id). */
    CLIENT_REQUEST,
    /** A mass cancel for the account, or a session cancel (cancel-on-disconnect: the ended session's orders). */
    MASS_CANCEL,
    /** The remainder of an IOC or market order found nothing more to trade with. */
    NO_LIQUIDITY,
    /** A FOK order could not be filled in full at once; nothing traded. */
    FOK_NOT_FILLABLE,
    /** Self-trade prevention. */
    SELF_TRADE,
    /** The instrument's price band moved and the resting order now lies outside it. */
    OUTSIDE_BAND,
    /** The kill switch stopped the order's account. */
    KILL_SWITCH,
    /** What a market order could not fill inside its instrument's price collar, with liquidity only beyond it. */
    OUTSIDE_COLLAR,
    /** A triggered GTC stop-limit order with no level at its price to rest in and the level pool full. */
    PRICE_LEVEL_CAPACITY_EXHAUSTED
}
