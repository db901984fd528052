/**
 * What the command line runs: the server, the interactive or scripted client, and the admin commands, each built on
 * the gateway, the client library and the configuration.
 */
package io.matchpoint.gateway.app;
