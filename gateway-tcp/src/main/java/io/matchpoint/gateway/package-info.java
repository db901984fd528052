/**
 * The TCP gateway, sessions, the Java client library and the server's command-line entry point.
 * Arrives with the gateway issue.
 */
package io.matchpoint.gateway;
