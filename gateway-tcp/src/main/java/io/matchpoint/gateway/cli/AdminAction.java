package io.matchpoint.gateway.cli;

/**
 * What {@code matchpoint admin} asks of the server.
 */
public enum AdminAction
{
    /** Halt trading on an instrument: new orders and replaces are rejected, cancels still work. */
    HALT,
    /** Resume trading on a halted instrument. */
    RESUME,
    /** Write a snapshot of the engine now. */
    SNAPSHOT,
    KILL,
    REVIVE,
    /** Show, set or clear an account's risk limits, or the defaults. */
    LIMITS,
    /** Set an instrument's price collar, in ticks or in percent, or lift it. */
    COLLAR
}
