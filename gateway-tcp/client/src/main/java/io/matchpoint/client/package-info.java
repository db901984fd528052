/**
 * The Java client library: {@link io.matchpoint.client.MatchpointClient} speaks the SOFH + SBE order entry
 * protocol over one TCP connection, hands what the server sends to a
 * {@link io.matchpoint.client.ClientListener}, and keeps the instrument reference data it receives;
 * {@link io.matchpoint.client.ReportFormatter} turns what arrives into one readable line per message for the
 * command-line client and logs.
 * <p>
 * Sending and receiving allocate nothing after warm-up; reference data, logon and formatting may.
 */
package io.matchpoint.client;
