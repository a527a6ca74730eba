package dev.cassini.model.plan;

import java.util.List;
import java.util.Optional;

/** How to start one node: the agent's start request. */
public record StartNode(String pod, List<Long> initialTokens, boolean autoBootstrap, Optional<String> replaceAddress) {
    public StartNode {
        initialTokens = List.copyOf(initialTokens);
    }

    public static StartNode restart(String pod) {
        return new StartNode(pod, List.of(), true, Optional.empty());
    }
}
