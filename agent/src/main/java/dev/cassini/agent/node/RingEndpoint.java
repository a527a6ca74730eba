package dev.cassini.agent.node;

/**
 * One node as another node sees it, in the terms of {@code nodetool status}.
 *
 * @param status UP or DOWN, from the failure detector
 * @param state NORMAL, JOINING, LEAVING or MOVING
 */
public record RingEndpoint(String address, String datacenter, String rack, String hostId, String status, String state,
        String load, int tokens) {

    public boolean up() { return "UP".equals(status); }

    /** Two letters as nodetool prints them: UN, DN, UJ, UL, ... */
    public String statusCode() {
        return (up() ? "U" : "D") + (state.isEmpty() ? "?" : state.substring(0, 1));
    }
}
