package dev.cassini.model.plan;

import dev.cassini.model.NodeSlot;
import java.util.Optional;

/**
 * One desired node as observed now: its pod's address (empty while the pod has none), what its
 * agent said (empty while the agent does not answer), and whether the pod runs an older template
 * than its StatefulSet's (a configuration, version or resource change waiting for a restart).
 */
public record ObservedNode(NodeSlot slot, Optional<String> address, Optional<AgentView> agent, boolean outdated) {
    public ObservedNode(NodeSlot slot, Optional<String> address, Optional<AgentView> agent) {
        this(slot, address, agent, false);
    }

    public String pod() {
        return slot.pod();
    }

    public boolean reachable() {
        return address.isPresent() && agent.isPresent();
    }

    /** Its agent answers and reports Cassandra NORMAL: the node serves. */
    public boolean normal() {
        return agent.map(AgentView::normal).orElse(false);
    }
}
