/**
 * What a subscriber embeds to read Matchpoint's public market data feed ({@code market-data-schema.xml} in the codec):
 * {@link io.matchpoint.marketdata.MarketDataBooks} decodes packets of the INCREMENTAL (levels, trades, status,
 * definitions), ORDERS (order by order) and SNAPSHOT channels, rebuilds every instrument's book at both depths, tells a
 * gap from its sequence numbers (the channel's and each instrument's rptSeq), marks what it cannot trust as stale and
 * recovers it from the next snapshot. On the codec alone: no engine, no server, no transport; whoever receives the
 * packets (an Aeron subscription, a recorded file, a test) hands them in.
 */
package io.matchpoint.marketdata;
