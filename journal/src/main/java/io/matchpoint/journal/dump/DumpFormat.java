package io.matchpoint.journal.dump;

/**
 * How {@link JournalDump} writes entries. Every form has one line per entry and the same facts: the entry's kind
 * ({@code command} or {@code event}), command sequence, event sequence, gateway time, journal write time, session and
 * account (commands), target (events), template name, and the message's fields.
 */
public enum DumpFormat
{
    /**
     * For people: {@code kind=command seq=5 time=... session=11 account=3 NewOrder seqNum=1 clOrdId=100 ...} and
     * {@code kind=event event=9 cmd=5 time=... target=ACCOUNT:3 ExecutionReport ...}; times in ISO-8601 UTC with
     * nanoseconds. A text value that would be ambiguous is quoted.
     */
    TEXT,

    /**
     * RFC 4180 CSV with a header row: the fixed columns {@link JournalDump#CSV_FIXED_COLUMNS}, then one column per
     * distinct field name of the schema ({@link MessageFields#allFieldNames()}), named {@code fields.<name>} and
     * filled where the template has that field. An entry that does not decode has its bytes in hex in {@code raw}.
     */
    CSV,

    /**
     * JSON Lines: one object per line with the keys of the CSV's fixed columns (null where they do not apply) and
     * {@code fields}, an object of the message's fields: numbers as JSON numbers, enums and text as strings.
     */
    JSON
}
