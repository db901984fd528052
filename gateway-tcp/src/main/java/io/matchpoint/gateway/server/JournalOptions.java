package io.matchpoint.gateway.server;

import java.util.function.Consumer;

import io.matchpoint.journal.JournalDirectory;
import io.matchpoint.journal.JournalFaultInjector;

/**
 * How a {@link GatewayServer} journals.
 *
 * @param directory the data directory: journal, snapshots, capacity record.
 * @param log       told of recovery steps and snapshots.
 * @param faults    {@link JournalFaultInjector#NONE} outside tests.
 */
public record JournalOptions(JournalDirectory directory, Consumer<String> log, JournalFaultInjector faults)
{
}
