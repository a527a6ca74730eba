package dev.cassini.model;

import java.util.Map;

/** A rack as the model needs it: name and where its pods may run. */
public record RackShape(String name, String zone, Map<String, String> nodeAffinityLabels) {
    public RackShape {
        nodeAffinityLabels = nodeAffinityLabels == null ? Map.of() : Map.copyOf(nodeAffinityLabels);
    }
}
