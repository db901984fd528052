/**
 * The wire and journal format: the SBE schema, its generated flyweights and Simple Open Framing Header framing.
 * Arrives with the gateway issue; the module exists now so that the module arrows are fixed from the start.
 */
package io.matchpoint.codec;
