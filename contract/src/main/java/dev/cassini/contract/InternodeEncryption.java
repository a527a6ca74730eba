package dev.cassini.contract;

import java.util.Locale;

/**
 * How a node talks to the other nodes ({@link AgentEnvironment#INTERNODE_ENCRYPTION}). A running
 * cluster goes up these steps one rolling restart at a time: at each, every node takes what the
 * nodes one step ahead or behind send.
 */
public enum InternodeEncryption {
    OFF,
    /** Takes TLS and plaintext, sends plaintext: every node must accept TLS before any sends it. */
    ACCEPT,
    /** Sends TLS, still takes plaintext from nodes not there yet. */
    OPTIONAL,
    REQUIRED;

    /** What the agent's environment variable holds. */
    public String envValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
