/**
 * The journal: every command and every event in Chronicle Queue, in the codec's SBE form ({@link
 * io.matchpoint.journal.JournalFormat}); the pipeline stages that write them; snapshots; recovery at start-up; and
 * the readers behind {@code journal dump} and {@code journal verify}.
 */
package io.matchpoint.journal;
