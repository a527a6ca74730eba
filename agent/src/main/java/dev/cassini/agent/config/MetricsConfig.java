package dev.cassini.agent.config;

/**
 * The Prometheus exporter loaded into Cassandra: where it listens (on the node address) and which
 * tables get per-table series.
 *
 * @param port 0 turns the exporter off
 * @param tableAllow regular expression on keyspace.table; a table must match it fully...
 * @param tableDeny ...and not match this one
 * @param tableLimit at most this many tables get per-table series, which bounds the series count
 */
public record MetricsConfig(int port, String tableAllow, String tableDeny, int tableLimit) {
    public boolean enabled() {
        return port != 0;
    }
}
