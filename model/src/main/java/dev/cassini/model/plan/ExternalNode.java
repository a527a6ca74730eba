package dev.cassini.model.plan;

import dev.cassini.contract.NodeState;
import java.util.Optional;

/**
 * A node of a datacenter this resource does not manage, as the ring views of its own nodes show
 * it, with what its node agent says when one answers at its address ({@code cassini node} runs
 * one on a virtual machine too).
 *
 * @param state its ring state (NORMAL, LEAVING, ...); null when no view says
 * @param up whether the views see it up
 * @param agent its agent's report; empty when no agent answers there
 */
public record ExternalNode(
        String datacenter, String address, String hostId, NodeState state, boolean up, Optional<AgentView> agent) {
    /** Still owns tokens: neither decommissioned nor gone from the ring. */
    public boolean inRing() {
        return agent.map(a -> a.state() != NodeState.DECOMMISSIONED).orElse(true) && state != NodeState.DECOMMISSIONED;
    }

    /** Leaving the ring now, as its agent or the ring says. */
    public boolean leaving() {
        return state == NodeState.LEAVING
                || agent.map(a -> a.state() == NodeState.LEAVING).orElse(false);
    }
}
