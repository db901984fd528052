/**
 * The Java client library: {@link io.matchpoint.gateway.client.MatchpointClient} speaks the SOFH + SBE order entry
 * protocol over one TCP connection, hands what the server sends to a
 * {@link io.matchpoint.gateway.client.ClientListener}, and keeps the instrument reference data it receives;
 * {@link io.matchpoint.gateway.client.ReportFormatter} turns what arrives into one readable line per message for the
 * command-line client and logs.
 * <p>
 * Sending and receiving allocate nothing after warm-up; reference data, logon and formatting may.
 */
package io.matchpoint.gateway.client;
