package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.SeedSelector;
import dev.cassini.model.TokenAllocator;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.CleanupTask;
import dev.cassini.model.plan.KnownNode;
import dev.cassini.model.plan.ObservedCluster;
import dev.cassini.model.plan.ObservedNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Looks at the cluster as it is: the pods (their addresses come from pod status, never from DNS
 * or Service endpoints), what each agent says, and what status remembers. Asks every agent at
 * once, so observing six nodes costs one round trip, not six.
 */
final class ClusterObserver {
    private final KubernetesClient client;
    private final NodeAgentClient agents;
    private final ExecutorService pool;

    ClusterObserver(KubernetesClient client, NodeAgentClient agents, ExecutorService pool) {
        this.client = client;
        this.agents = agents;
        this.pool = pool;
    }

    /**
     * The observation, the address of each pod that has one (for executing the step), and the ring
     * by host ID as the first serving node sees it (for status).
     */
    record Observation(ClusterShape shape, ObservedCluster cluster, Map<String, String> addresses,
            Map<String, ClusterStatusFactory.RingEntry> ring) {}

    /** Every serving node's ring view, asked at once: pod name to its endpoints. */
    private Map<String, List<JsonNode>> ringViews(List<ObservedNode> nodes) {
        Map<String, CompletableFuture<List<JsonNode>>> views = new LinkedHashMap<>();
        for (ObservedNode node : nodes) {
            if (node.address().isPresent() && node.agent().map(AgentView::normal).orElse(false)) {
                String ip = node.address().get();
                views.put(node.pod(), CompletableFuture.supplyAsync(() -> {
                    List<JsonNode> endpoints = new ArrayList<>();
                    try {
                        agents.ring(ip).forEach(endpoints::add);
                    } catch (IOException | RuntimeException e) {
                        return null; // a view we could not read; counted as a problem by peersDown
                    }
                    return endpoints;
                }, pool));
            }
        }
        Map<String, List<JsonNode>> rings = new LinkedHashMap<>();
        views.forEach((pod, view) -> rings.put(pod, view.join()));
        return rings;
    }

    Observation observe(CassandraCluster resource) {
        ClusterShape shape = ClusterShape.of(resource);
        List<NodeSlot> slots = shape.slots();
        Map<String, Pod> pods = new HashMap<>();
        for (Pod pod : client.pods().inNamespace(shape.namespace()).withLabel(ClusterNames.LABEL_CLUSTER, shape.resourceName()).list().getItems()) {
            pods.put(pod.getMetadata().getName(), pod);
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (NodeSlot slot : slots) {
            address(pods.get(slot.pod())).ifPresent(ip -> addresses.put(slot.pod(), ip));
        }
        Map<String, String> updateRevisions = new HashMap<>();
        for (StatefulSet set : client.apps().statefulSets().inNamespace(shape.namespace())
                .withLabel(ClusterNames.LABEL_CLUSTER, shape.resourceName()).list().getItems()) {
            if (set.getStatus() != null && set.getStatus().getUpdateRevision() != null) {
                updateRevisions.put(set.getMetadata().getName(), set.getStatus().getUpdateRevision());
            }
        }
        List<NodeSlot> surplusSlots = surplusSlots(pods, slots);
        for (NodeSlot slot : surplusSlots) {
            Pod pod = pods.get(slot.pod());
            address(pod).ifPresent(ip -> addresses.put(slot.pod(), ip));
        }
        Map<String, CompletableFuture<Optional<AgentView>>> views = new LinkedHashMap<>();
        addresses.forEach((pod, ip) -> views.put(pod, CompletableFuture.supplyAsync(() -> agents.view(ip), pool)));

        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : slots) {
            Optional<String> address = Optional.ofNullable(addresses.get(slot.pod()));
            Optional<AgentView> view = views.containsKey(slot.pod()) ? views.get(slot.pod()).join() : Optional.empty();
            nodes.add(new ObservedNode(slot, address, view, outdated(pods.get(slot.pod()),
                    updateRevisions.get(shape.names().statefulSet(slot.datacenter(), slot.rack())))));
        }

        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : surplusSlots) {
            Optional<String> address = Optional.ofNullable(addresses.get(slot.pod()));
            Optional<AgentView> view = views.containsKey(slot.pod()) ? views.get(slot.pod()).join() : Optional.empty();
            surplus.add(new ObservedNode(slot, address, view));
        }

        Map<String, KnownNode> known = new HashMap<>();
        if (resource.getStatus() != null && resource.getStatus().getNodes() != null) {
            for (NodeStatus n : resource.getStatus().getNodes()) {
                if (n.getHostId() != null) {
                    known.put(n.getPod(), new KnownNode(n.getPod(), n.getHostId(), n.getLastAddress()));
                }
            }
        }
        boolean everBootstrapped = !known.isEmpty() || nodes.stream().anyMatch(n -> n.agent().map(AgentView::joined).orElse(false));
        // Seeds do not bootstrap: a node that has not joined a ring that exists (a new node, or a
        // replacement, even while it starts) must never be one, or it would join without its data.
        // Joined nodes are members; so is every node of a brand-new ring.
        Map<String, String> seedCandidates = new LinkedHashMap<>();
        for (ObservedNode n : nodes) {
            boolean member = n.agent().map(AgentView::joined).orElse(false);
            if (n.address().isPresent() && (!everBootstrapped || member)) {
                seedCandidates.put(n.pod(), n.address().get());
            }
        }
        List<String> seeds = SeedSelector.select(slots, seedCandidates, shape.additionalSeeds());

        boolean authInitialized = resource.getStatus() != null && Boolean.TRUE.equals(resource.getStatus().getInitialized());
        List<ObservedNode> everyNode = new ArrayList<>(nodes);
        everyNode.addAll(surplus);
        Map<String, List<JsonNode>> rings = ringViews(everyNode);
        KeyspaceReplication.ByDatacenter replication = surplus.isEmpty() ? new KeyspaceReplication.ByDatacenter(Map.of(), Map.of())
                : replication(resource, shape, nodes, surplus);
        ObservedCluster cluster = new ObservedCluster(nodes, known, seeds, newClusterTokens(shape, slots), shape.stopped(),
                shape.authEnabled(), authInitialized, peersDown(rings), surplus, replication.highest())
                .withCleanup(cleanupTasks(resource, addresses))
                .withKeyspaces(replication.keyspaces());
        return new Observation(shape, cluster, addresses, ringByHostId(rings));
    }

    /** The cleanups status records, each with its job's state as the node's agent reports it. */
    private List<CleanupTask> cleanupTasks(CassandraCluster resource, Map<String, String> addresses) {
        if (resource.getStatus() == null || resource.getStatus().getPendingCleanup() == null) {
            return List.of();
        }
        List<CompletableFuture<CleanupTask>> tasks = new ArrayList<>();
        for (CleanupStatus entry : resource.getStatus().getPendingCleanup()) {
            String ip = addresses.get(entry.getPod());
            if (entry.getJobId() == null || ip == null) {
                tasks.add(CompletableFuture.completedFuture(CleanupTask.pending(entry.getPod())));
                continue;
            }
            tasks.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return agents.job(ip, entry.getJobId()).map(job -> cleanupTask(entry.getPod(), job))
                            .orElse(CleanupTask.pending(entry.getPod()));
                } catch (IOException | RuntimeException e) {
                    return CleanupTask.pending(entry.getPod()); // the agent is not answering; the planner waits for it
                }
            }, pool));
        }
        return tasks.stream().map(CompletableFuture::join).toList();
    }

    static CleanupTask cleanupTask(String pod, JsonNode job) {
        CleanupTask.State state = switch (job.path("state").asText()) {
            case "RUNNING" -> CleanupTask.State.RUNNING;
            case "SUCCEEDED" -> CleanupTask.State.SUCCEEDED;
            default -> CleanupTask.State.FAILED;
        };
        String detail = state == CleanupTask.State.FAILED ? job.path("error").asText("failed")
                : job.path("progress").isTextual() ? job.path("progress").asText() : null;
        return new CleanupTask(pod, state, detail);
    }

    /**
     * Cassandra pods of this cluster beyond the desired layout (the spec's size went down): their
     * place is read from their labels and their StatefulSet ordinal.
     */
    static List<NodeSlot> surplusSlots(Map<String, Pod> pods, List<NodeSlot> desired) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        desired.forEach(slot -> wanted.add(slot.pod()));
        List<NodeSlot> surplus = new ArrayList<>();
        for (Pod pod : pods.values()) {
            String name = pod.getMetadata().getName();
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (wanted.contains(name) || labels == null || !labels.containsKey(ClusterNames.LABEL_RACK)) {
                continue;
            }
            int ordinal = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            surplus.add(new NodeSlot(labels.get(ClusterNames.LABEL_DATACENTER), labels.get(ClusterNames.LABEL_RACK), ordinal, name, -1));
        }
        surplus.sort(java.util.Comparator.comparing(NodeSlot::pod));
        return surplus;
    }

    /**
     * The highest replication factor per datacenter, read over CQL as the superuser. Only needed
     * before a decommission; failing to read it fails the step, so nothing is decommissioned blind.
     */
    private KeyspaceReplication.ByDatacenter replication(CassandraCluster resource, ClusterShape shape, List<ObservedNode> nodes,
            List<ObservedNode> surplus) {
        List<String> serving = nodes.stream().filter(n -> n.address().isPresent() && n.agent().map(AgentView::normal).orElse(false))
                .map(n -> n.address().get()).toList();
        if (serving.isEmpty()) {
            throw new IllegalStateException("no node serves CQL to read the keyspaces' replication before a scale-down");
        }
        // Every datacenter that has nodes, the ones leaving the spec too.
        List<String> dcs = java.util.stream.Stream.concat(nodes.stream(), surplus.stream()).map(n -> n.slot().datacenter())
                .distinct().toList();
        Optional<SuperuserSecret.Credentials> credentials = shape.authEnabled() ? SuperuserSecret.read(client, resource) : Optional.empty();
        try (CqlSession session = AuthInitializer.connect(serving, shape.datacenters().get(0).name(),
                credentials.map(SuperuserSecret.Credentials::username).orElse(null),
                credentials.map(SuperuserSecret.Credentials::password).orElse(null))) {
            return KeyspaceReplication.read(session, dcs);
        }
    }

    /** A pod's address while it runs and is not being deleted: the only address an agent is called on. */
    private static Optional<String> address(Pod pod) {
        boolean running = pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
        return running ? Optional.ofNullable(pod.getStatus().getPodIP()) : Optional.empty();
    }

    /** What each serving node sees down in its own ring view. */
    static List<String> peersDown(Map<String, List<JsonNode>> rings) {
        List<String> seen = new ArrayList<>();
        rings.forEach((pod, endpoints) -> {
            if (endpoints == null) {
                seen.add(pod + " did not show its ring view");
                return;
            }
            endpoints.stream().filter(e -> !e.path("status").asText().equals("UP"))
                    .forEach(e -> seen.add(pod + " sees " + e.path("address").asText() + " down"));
        });
        return seen;
    }

    /** The ring by host ID as the first readable view shows it: nodetool-style state and token count. */
    static Map<String, ClusterStatusFactory.RingEntry> ringByHostId(Map<String, List<JsonNode>> rings) {
        Map<String, ClusterStatusFactory.RingEntry> ring = new HashMap<>();
        rings.values().stream().filter(v -> v != null).findFirst().ifPresent(endpoints -> endpoints.forEach(e -> {
            String state = (e.path("status").asText().equals("UP") ? "U" : "D") + e.path("state").asText("N").charAt(0);
            ring.put(e.path("hostId").asText(), new ClusterStatusFactory.RingEntry(state, e.path("tokens").asInt()));
        }));
        return ring;
    }

    /** The pod was made from an older template than its StatefulSet's latest (OnDelete waits for us to restart it). */
    private static boolean outdated(Pod pod, String updateRevision) {
        if (pod == null || updateRevision == null || pod.getMetadata().getLabels() == null) {
            return false;
        }
        String revision = pod.getMetadata().getLabels().get("controller-revision-hash");
        return revision != null && !revision.equals(updateRevision);
    }

    /** Precomputed tokens of every node, for the case that the whole cluster is new. */
    static Map<String, List<Long>> newClusterTokens(ClusterShape shape, List<NodeSlot> slots) {
        Map<String, List<Long>> tokens = new HashMap<>();
        int dcCount = shape.datacenters().size();
        for (int d = 0; d < dcCount; d++) {
            ClusterShape.DatacenterShape dc = shape.datacenters().get(d);
            List<List<Long>> dcTokens = TokenAllocator.allocate(dc.size(), ClusterShape.TOKENS_PER_NODE, d, dcCount);
            for (NodeSlot slot : slots) {
                if (slot.datacenter().equals(dc.name())) {
                    tokens.put(slot.pod(), dcTokens.get(slot.interleavedIndex()));
                }
            }
        }
        return tokens;
    }
}
