package dev.cassini.model.plan;

import dev.cassini.model.NodeSlot;
import java.util.Optional;

/**
 * One desired node as observed now: its pod's address (empty while the pod has none) and what its
 * agent said (empty while the agent does not answer).
 */
public record ObservedNode(NodeSlot slot, Optional<String> address, Optional<AgentView> agent) {
    public String pod() { return slot.pod(); }

    public boolean reachable() { return address.isPresent() && agent.isPresent(); }
}
