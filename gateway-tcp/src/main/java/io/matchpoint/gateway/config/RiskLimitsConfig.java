package io.matchpoint.gateway.config;

import io.matchpoint.engine.match.MatchingEngine;

/**
 * Pre-trade risk limits set at start-up (an entry of {@code matchpoint.risk-limits}): the defaults every account
 * without its own follows ({@code account = "default"}), or one account's own. A limit the entry leaves out is not
 * set ({@link MatchingEngine#NO_LIMIT}). Notionals are {@code |price| x quantity} in the instrument's integer units
 * (the price as the wire carries it, not in decimals). The server publishes each entry as a journaled start-up
 * command, so the limits the journal recovered stay for accounts the configuration does not name.
 *
 * @param accountId        the account, or {@link #DEFAULTS}; {@link ServerConfig} checks it is configured.
 * @param maxOrderQuantity each limit at or above 0, or {@link MatchingEngine#NO_LIMIT}.
 */
public record RiskLimitsConfig(
    long accountId,
    long maxOrderQuantity,
    long maxOrderNotional,
    long maxOpenOrders,
    long instrumentCredit,
    long totalCredit,
    long positionLimit)
{
    /** The list's key. */
    public static final String PATH = "matchpoint.risk-limits";
    /** {@link #accountId()} of the defaults' entry. */
    public static final long DEFAULTS = MatchingEngine.ALL_ACCOUNTS;
    /** The value of {@link #ACCOUNT} that names the defaults. */
    static final String DEFAULTS_NAME = "default";

    static final String ACCOUNT = "account";
    static final String MAX_ORDER_QUANTITY = "max-order-quantity";
    static final String MAX_ORDER_NOTIONAL = "max-order-notional";
    static final String MAX_OPEN_ORDERS = "max-open-orders";
    static final String INSTRUMENT_CREDIT = "instrument-credit";
    static final String TOTAL_CREDIT = "total-credit";
    static final String POSITION_LIMIT = "position-limit";

    /**
     * @throws BadConfigException naming the first limit below 0, relative to the entry.
     */
    public RiskLimitsConfig
    {
        Checks.inRange(MAX_ORDER_QUANTITY, maxOrderQuantity, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
        Checks.inRange(MAX_ORDER_NOTIONAL, maxOrderNotional, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
        Checks.inRange(MAX_OPEN_ORDERS, maxOpenOrders, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
        Checks.inRange(INSTRUMENT_CREDIT, instrumentCredit, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
        Checks.inRange(TOTAL_CREDIT, totalCredit, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
        Checks.inRange(POSITION_LIMIT, positionLimit, MatchingEngine.NO_LIMIT, Long.MAX_VALUE);
    }

    public boolean isDefaults()
    {
        return accountId == DEFAULTS;
    }
}
