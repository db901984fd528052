package io.matchpoint.engine.match;

/**
 * Limit orders carry a price; market orders take whatever the book offers inside the price band and never rest.
 */
public enum OrderType
{
    LIMIT,
    MARKET
}
