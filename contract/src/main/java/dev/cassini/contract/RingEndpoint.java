package dev.cassini.contract;

/**
 * One node as another node sees it, in the terms of {@code nodetool status}.
 *
 * @param status UP or DOWN, from the failure detector
 * @param state NORMAL, JOINING, LEAVING or MOVING (a ring member's state; null when unknown)
 * @param tokens how many tokens the endpoint owns
 */
public record RingEndpoint(
        String address,
        String datacenter,
        String rack,
        String hostId,
        String status,
        NodeState state,
        String load,
        int tokens) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public boolean up() {
        return UP.equals(status);
    }

    /** Two letters as nodetool prints them: UN, DN, UJ, UL, ... */
    public String statusCode() {
        return (up() ? "U" : "D") + (state == null ? "?" : state.name().substring(0, 1));
    }
}
