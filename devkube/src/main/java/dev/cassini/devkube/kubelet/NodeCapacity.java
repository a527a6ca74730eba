package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * What each devkube node claims to have. The numbers are generous on purpose: every node shares
 * the one machine, and the scheduler should place pods by topology, not run out of invented CPUs.
 */
public final class NodeCapacity {
    public static final Map<String, Quantity> DEFAULT = Map.of(
            "cpu", new Quantity("16"),
            "memory", new Quantity("64Gi"),
            "pods", new Quantity("110"),
            "ephemeral-storage", new Quantity("100Gi"));

    private NodeCapacity() {}
}
