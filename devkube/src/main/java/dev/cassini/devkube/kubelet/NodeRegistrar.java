package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers devkube's Nodes and keeps them alive the way a kubelet does: a Lease in
 * {@code kube-node-lease} renewed every few seconds (what the node lifecycle controller watches)
 * and a Ready condition whose heartbeat is refreshed less often.
 */
final class NodeRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistrar.class);
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final int LEASE_SECONDS = 40;

    private final KubernetesClient client;
    private final List<DevNode> nodes;
    private final String kubeletVersion;
    private final Instant registeredAt = Instant.now();
    private final int kubeletPort;

    NodeRegistrar(KubernetesClient client, List<DevNode> nodes, String kubeletVersion, int kubeletPort) {
        this.client = client;
        this.nodes = nodes;
        this.kubeletVersion = kubeletVersion;
        this.kubeletPort = kubeletPort;
    }

    void registerAll() {
        for (DevNode node : nodes) {
            Node object = new NodeBuilder()
                    .withNewMetadata()
                    .withName(node.name())
                    .withLabels(Map.of(
                            DevNode.ZONE_LABEL,
                            node.zone(),
                            DevNode.REGION_LABEL,
                            DevNode.REGION,
                            DevNode.HOSTNAME_LABEL,
                            node.name(),
                            "kubernetes.io/os",
                            "linux",
                            "kubernetes.io/arch",
                            "amd64",
                            "node.cassini.dev/devkube",
                            "true"))
                    .endMetadata()
                    .withStatus(status(node))
                    .build();
            Node created = client.nodes().resource(object).createOr(existing -> existing.update());
            patchStatus(node, status(node));
            renewLease(node, created);
            LOG.info("registered node {} in zone {} ({})", node.name(), node.zone(), node.address());
        }
    }

    /** Renews every lease; refreshes the Ready heartbeat when {@code withStatus}. */
    void heartbeat(boolean withStatus) {
        for (DevNode node : nodes) {
            try {
                renewLease(node, null);
                if (withStatus) {
                    patchStatus(node, status(node));
                }
            } catch (KubernetesClientException e) {
                LOG.warn("node {}: heartbeat failed (will retry): {}", node.name(), e.getMessage());
            }
        }
    }

    private void patchStatus(DevNode node, NodeStatus status) {
        Node patch = new NodeBuilder()
                .withNewMetadata()
                .withName(node.name())
                .endMetadata()
                .withStatus(status)
                .build();
        client.nodes().withName(node.name()).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private void renewLease(DevNode node, Node owner) {
        java.time.ZonedDateTime now = Instant.now().atZone(ZoneOffset.UTC);
        var leases = client.leases().inNamespace(LEASE_NAMESPACE);
        Lease existing = leases.withName(node.name()).get();
        if (existing == null) {
            Node nodeObject =
                    owner != null ? owner : client.nodes().withName(node.name()).get();
            LeaseBuilder lease = new LeaseBuilder()
                    .withNewMetadata()
                    .withName(node.name())
                    .withNamespace(LEASE_NAMESPACE)
                    .endMetadata()
                    .withNewSpec()
                    .withHolderIdentity(node.name())
                    .withLeaseDurationSeconds(LEASE_SECONDS)
                    .withRenewTime(now)
                    .endSpec();
            if (nodeObject != null) {
                lease.editMetadata()
                        .addNewOwnerReference()
                        .withApiVersion("v1")
                        .withKind("Node")
                        .withName(node.name())
                        .withUid(nodeObject.getMetadata().getUid())
                        .endOwnerReference()
                        .endMetadata();
            }
            leases.resource(lease.build()).create();
        } else {
            existing.getSpec().setRenewTime(now);
            leases.resource(existing).update();
        }
    }

    private NodeStatus status(DevNode node) {
        String heartbeat = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String since = registeredAt.truncatedTo(ChronoUnit.SECONDS).toString();
        return new NodeStatusBuilder()
                .withCapacity(NodeCapacity.DEFAULT)
                .withAllocatable(NodeCapacity.DEFAULT)
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(node.address())
                .endAddress()
                .addNewAddress()
                .withType("Hostname")
                .withAddress(node.name())
                .endAddress()
                .withConditions(
                        condition(
                                "Ready",
                                "True",
                                "KubeletReady",
                                "devkube process kubelet is posting ready status",
                                heartbeat,
                                since),
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "", heartbeat, since),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "", heartbeat, since),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "", heartbeat, since))
                .withNewDaemonEndpoints()
                .withNewKubeletEndpoint()
                .withPort(kubeletPort)
                .endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNewNodeInfo()
                .withKubeletVersion("v" + kubeletVersion)
                .withKubeProxyVersion("")
                .withOperatingSystem("linux")
                .withArchitecture("amd64")
                .withContainerRuntimeVersion("devkube://process")
                .withOsImage("devkube process kubelet")
                .withKernelVersion(System.getProperty("os.version"))
                .withMachineID(node.name())
                .withSystemUUID(node.name())
                .withBootID(node.name() + "-" + registeredAt.toEpochMilli())
                .endNodeInfo()
                .build();
    }

    private static NodeCondition condition(
            String type, String status, String reason, String message, String heartbeat, String since) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastHeartbeatTime(heartbeat)
                .withLastTransitionTime(since)
                .build();
    }
}
