package dev.cassini.agent.config;

/** cassandra-rackdc.properties for GossipingPropertyFileSnitch. */
public final class RackDcRenderer {
    private RackDcRenderer() {}

    public static String render(NodeConfig config) {
        return "# Rendered by the Cassini node agent.\n"
                + "dc=" + config.datacenter() + "\n"
                + "rack=" + config.rack() + "\n"
                // Cassandra prefers the local DC's addresses when it has them; one address per node here.
                + "prefer_local=true\n";
    }
}
