/**
 * {@code journal dump}: the journals' entries as text, CSV or JSON lines, filtered ({@link
 * io.matchpoint.journal.dump.JournalDump}, {@link io.matchpoint.journal.dump.DumpOptions}), and the schema-driven
 * decoder behind it and behind {@code journal verify}'s report ({@link io.matchpoint.journal.dump.MessageFields}).
 */
package io.matchpoint.journal.dump;
