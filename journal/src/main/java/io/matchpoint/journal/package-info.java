/**
 * The Chronicle Queue journal of commands and events, recovery at start-up, and the dump and verify tools.
 * Arrives with the journal issue.
 */
package io.matchpoint.journal;
