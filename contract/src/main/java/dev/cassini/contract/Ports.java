package dev.cassini.contract;

/** The ports a Cassandra pod serves on its own address. */
public final class Ports {
    private Ports() {}

    /** The node agent's HTTP API (probes and the operator's calls). */
    public static final int AGENT_API = 8080;
    /** CQL, Cassandra's native transport. */
    public static final int CQL = 9042;
    /** Internode messaging (gossip, streaming). */
    public static final int STORAGE = 7000;
    /** The Prometheus exporter inside the Cassandra JVM. */
    public static final int METRICS = 9500;
}
