/**
 * The wire and journal format: the SBE schema {@code src/main/sbe/matchpoint-schema.xml}, the flyweights generated
 * from it at build time (package {@code io.matchpoint.codec.sbe}), and the SOFH framing in front of each message.
 */
package io.matchpoint.codec;
