package dev.cassini.cli;

import dev.cassini.api.v1alpha1.NodeStatus;

/** Rows of a cluster's status.nodes, as the operator writes them, for the commands' tests. */
final class NodeStatuses {
    private NodeStatuses() {}

    /** A node of rack r1 with 16 tokens; {@code ip} null for one without an address yet. */
    static NodeStatus node(String pod, String datacenter, String ip, String state) {
        NodeStatus node = new NodeStatus();
        node.setPod(pod);
        node.setDatacenter(datacenter);
        node.setRack("r1");
        node.setIp(ip);
        node.setState(state);
        node.setTokens(16);
        return node;
    }
}
