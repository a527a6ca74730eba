package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.api.v1alpha1.ExternalDatacenterSpec;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.DataDisk;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.backup.RestoreTargets;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.AuthLogin;
import dev.cassini.model.plan.CleanupTask;
import dev.cassini.model.plan.ClusterHistory;
import dev.cassini.model.plan.DatacenterJoin;
import dev.cassini.model.plan.DatacenterStorage;
import dev.cassini.model.plan.DiskUsage;
import dev.cassini.model.plan.ExternalNode;
import dev.cassini.model.plan.KnownNode;
import dev.cassini.model.plan.ObservedCluster;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.PodObservation;
import dev.cassini.model.plan.RingEntry;
import dev.cassini.model.plan.RingObservation;
import dev.cassini.model.plan.RollingRestartPlan;
import dev.cassini.model.plan.StorageObservation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Looks at the cluster as it is: the pods (their addresses come from pod status, never from DNS
 * or Service endpoints), what each agent says, and what status remembers. Asks every agent at
 * once, so observing six nodes costs one round trip, not six.
 */
final class ClusterObserver implements ClusterObservations {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterObserver.class);
    private final KubernetesClient client;
    private final NodeAgents agents;
    private final ExecutorService pool;
    private final ClusterInformers informers;

    ClusterObserver(KubernetesClient client, ClusterInformers informers, NodeAgents agents, ExecutorService pool) {
        this.client = client;
        this.informers = informers;
        this.agents = agents;
        this.pool = pool;
    }

    /**
     * The observation, the address of each pod that has one (for executing the step), and the ring
     * by host ID as the first serving node sees it (for status).
     */
    record Observation(
            ClusterShape shape, ObservedCluster cluster, Map<String, String> addresses, Map<String, RingEntry> ring) {}

    /** Every serving node's ring view, asked at once: pod name to its endpoints, empty when unreadable. */
    private Map<String, Optional<List<RingEndpoint>>> ringViews(List<ObservedNode> nodes) {
        Map<String, CompletableFuture<Optional<List<RingEndpoint>>>> views = new LinkedHashMap<>();
        for (ObservedNode node : nodes) {
            if (node.address().isPresent() && node.normal()) {
                String ip = node.address().get();
                views.put(
                        node.pod(),
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return Optional.of(agents.ring(ip));
                                    } catch (IOException | RuntimeException e) {
                                        return Optional
                                                .empty(); // a view we could not read; counted as a problem by peersDown
                                    }
                                },
                                pool));
            }
        }
        Map<String, Optional<List<RingEndpoint>>> rings = new LinkedHashMap<>();
        views.forEach((pod, view) -> rings.put(pod, view.join()));
        return rings;
    }

    /** An agent's answer as the planner reads it. */
    static AgentView agentView(NodeAgents.Reply reply, Instant now) {
        DataDisk disk = reply.node().dataDisk();
        // Since the node serves CQL; an agent too old to say gives its process start while it serves.
        Instant servingSince = reply.node().servingSince() != null
                ? reply.node().servingSince()
                : Boolean.TRUE.equals(reply.node().nativeTransport())
                        ? reply.node().startedAt()
                        : null;
        // Clamped: a clock a little ahead on the node's machine must not read as a negative duration.
        Duration servingFor = servingSince == null ? null : Duration.between(servingSince, now);
        if (servingFor != null && servingFor.isNegative()) {
            servingFor = Duration.ZERO;
        }
        DiskUsage usage = disk == null || disk.loadBytes() == null
                ? null
                : new DiskUsage(disk.loadBytes(), disk.freeBytes(), disk.totalBytes());
        return new AgentView(
                reply.node().state(),
                reply.node().hostId(),
                reply.node().joined(),
                reply.seeds().seeds(),
                usage,
                reply.node().clientAddresses(),
                servingFor,
                reply.node().clients());
    }

    @Override
    public Observation observe(CassandraCluster resource) {
        ClusterShape shape = ClusterShape.of(resource);
        List<NodeSlot> slots = shape.slots();
        Map<String, Pod> pods = new HashMap<>();
        // From the watch: a pod a moment stale reads as it did a moment ago, which a poll could too.
        for (Pod pod : ofCluster(Pod.class, shape)) {
            pods.put(pod.getMetadata().getName(), pod);
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (NodeSlot slot : slots) {
            PodObservation.address(pods.get(slot.pod())).ifPresent(ip -> addresses.put(slot.pod(), ip));
        }
        Map<String, String> updateRevisions = new HashMap<>();
        List<StatefulSet> statefulSets = ofCluster(StatefulSet.class, shape);
        for (StatefulSet set : statefulSets) {
            if (set.getStatus() != null && set.getStatus().getUpdateRevision() != null) {
                updateRevisions.put(set.getMetadata().getName(), set.getStatus().getUpdateRevision());
            }
        }
        List<NodeSlot> surplusSlots = PodObservation.surplusSlots(pods, slots);
        for (NodeSlot slot : surplusSlots) {
            PodObservation.address(pods.get(slot.pod())).ifPresent(ip -> addresses.put(slot.pod(), ip));
        }
        Map<String, CompletableFuture<Optional<NodeAgents.Reply>>> replies = new LinkedHashMap<>();
        addresses.forEach((pod, ip) -> replies.put(pod, CompletableFuture.supplyAsync(() -> agents.view(ip), pool)));
        Instant now = Instant.now();
        Map<String, CompletableFuture<Optional<AgentView>>> views = new LinkedHashMap<>();
        replies.forEach((pod, reply) -> views.put(pod, reply.thenApply(r -> r.map(each -> agentView(each, now)))));

        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : slots) {
            Optional<String> address = Optional.ofNullable(addresses.get(slot.pod()));
            Optional<AgentView> view =
                    views.containsKey(slot.pod()) ? views.get(slot.pod()).join() : Optional.empty();
            nodes.add(new ObservedNode(
                    slot,
                    address,
                    view,
                    PodObservation.outdated(
                            pods.get(slot.pod()),
                            updateRevisions.get(shape.names().statefulSet(slot.datacenter(), slot.rack())))));
        }

        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : surplusSlots) {
            Optional<String> address = Optional.ofNullable(addresses.get(slot.pod()));
            Optional<AgentView> view =
                    views.containsKey(slot.pod()) ? views.get(slot.pod()).join() : Optional.empty();
            surplus.add(new ObservedNode(slot, address, view));
        }

        Map<String, KnownNode> known = new HashMap<>();
        if (resource.getStatus() != null) {
            // Leaving pods too: a leaving pod that no longer runs is removed from the ring by the host ID kept there.
            for (List<NodeStatus> rows : java.util.Arrays.asList(
                    resource.getStatus().getLeavingNodes(), resource.getStatus().getNodes())) {
                for (NodeStatus n : rows == null ? List.<NodeStatus>of() : rows) {
                    if (n.getHostId() != null) {
                        known.put(n.getPod(), new KnownNode(n.getPod(), n.getHostId(), n.getLastAddress()));
                    }
                }
            }
        }
        boolean ringFormed = ClusterHistory.ringFormed(known, nodes);
        List<ObservedNode> everyNode = new ArrayList<>(nodes);
        everyNode.addAll(surplus);
        Map<String, Optional<List<RingEndpoint>>> rings = ringViews(everyNode);
        List<ExternalNode> externalNodes = externalNodes(resource, shape, rings);
        // Joining an external ring, the seeds are its own until a node of this resource has joined it:
        // with only local seeds, nodes that cannot reach it would form a ring of their own.
        List<String> seeds = ClusterHistory.seeds(
                shape,
                nodes,
                ringFormed || shape.joinsExternalRing(),
                LeaveObservation.stayingSeeds(shape, rings, ringFormed));
        Optional<ExternalRing> externalRing = Optional.empty();
        List<String> externalJoinRefusals = List.of();
        // (With no datacenter in the spec, no node of this resource will join: nothing to check.)
        if (shape.joinsExternalRing() && !ringFormed && !shape.datacenters().isEmpty()) {
            externalRing = externalRing(resource, shape);
            externalJoinRefusals = ExternalRing.refusals(
                    externalRing,
                    shape.additionalSeeds(),
                    shape.clusterName(),
                    shape.datacenters().stream()
                            .map(ClusterShape.DatacenterShape::name)
                            .toList(),
                    shape.cassandraVersion());
        }

        // Joining an external ring, auth is the ring's: nothing to set up, no login to probe for.
        boolean authInitialized = shape.joinsExternalRing()
                || (resource.getStatus() != null
                        && Boolean.TRUE.equals(resource.getStatus().getInitialized()));
        Map<String, Integer> maxUnavailable = new HashMap<>();
        shape.datacenters().forEach(dc -> {
            if (dc.spec().getRollingRestart() != null
                    && dc.spec().getRollingRestart().getMaxUnavailable() != null) {
                maxUnavailable.put(dc.name(), dc.spec().getRollingRestart().getMaxUnavailable());
            }
        });
        Optional<Map<String, Map<String, String>>> replication = Optional.empty();
        if (!surplus.isEmpty() || !shape.leavingExternalDatacenters().isEmpty()) {
            replication = Optional.of(keyspaceReplication(resource, shape, nodes));
        } else if (RollingRestartPlan.couldRestartSeveral(nodes, maxUnavailable) && everyNodeNormal(nodes)) {
            // Only when the next round could be decided now: while a round's nodes restart, the
            // planner waits for them, and a session opened every reconcile (schema and token
            // metadata read from the nodes) would only take CPU from the nodes starting.
            replication = keyspaceReplicationForARestart(resource, shape, nodes);
        }
        // Every datacenter that has nodes, the ones leaving the spec too.
        List<String> datacenters =
                everyNode.stream().map(n -> n.slot().datacenter()).distinct().toList();
        Map<String, List<Long>> newRingTokens = ClusterHistory.newClusterTokens(shape);
        Optional<String> newRingBlocked = Optional.empty();
        if (resource.getSpec().getRestoreFrom() != null && !ClusterHistory.ringFormed(known, nodes)) {
            RestoreTargets.NewRing ring = restoredRing(resource, shape);
            if (ring.streamed().isEmpty()) {
                newRingTokens = ring.tokens();
            }
            newRingBlocked = ring.refusal();
        }
        List<DatacenterJoin> joins = joins(
                resource,
                shape,
                nodes,
                known,
                addresses,
                externalRing.map(ring -> ring.ring().keyspaces()));
        Map<String, RingEntry> ring = RingObservation.byHostId(rings);
        ObservedCluster.Builder cluster = ObservedCluster.builder()
                .nodes(nodes)
                .known(known)
                .desiredSeeds(seeds)
                .newClusterTokens(newRingTokens)
                .newRingBlocked(newRingBlocked)
                .stopped(shape.stopped())
                .authEnabled(shape.authEnabled())
                .authInitialized(authInitialized)
                .authLogin(authLogin(resource, shape, nodes, authInitialized))
                .peersDown(RingObservation.peersDown(rings))
                .surplus(surplus)
                .replicationByDatacenter(KeyspaceReplication.highest(replication.orElse(Map.of()), datacenters))
                .maxUnavailable(maxUnavailable)
                .forceLeave(LeaveObservation.forced(resource))
                .leftoverDatacenters(LeaveObservation.leftoverDatacenters(shape, statefulSets))
                .cleanup(cleanupTasks(resource, addresses))
                .storage(storage(shape, statefulSets, pods.values()))
                .joins(joins)
                .ringTokens(ringTokens(replies, externalRing))
                .externalDatacenters(shape.externalDatacenters())
                .externalJoinRefusals(externalJoinRefusals)
                .leavingExternalDatacenters(shape.leavingExternalDatacenters())
                .externalNodes(externalNodes)
                .ringHostIds(ring.keySet())
                .schemaVersions(schemaVersions(replies));
        replication.ifPresent(cluster::keyspaceReplication);
        return new Observation(shape, cluster.build(), addresses, ring);
    }

    /**
     * The nodes of leaving external datacenters in the ring views, each with its agent's report
     * when one answers at its address ({@code cassini node} runs one), asked at once.
     */
    private List<ExternalNode> externalNodes(
            CassandraCluster resource, ClusterShape shape, Map<String, Optional<List<RingEndpoint>>> rings) {
        Map<String, RingEndpoint> endpoints =
                LeaveObservation.leavingExternalEndpoints(shape.leavingExternalDatacenters(), rings);
        Set<String> httpsDatacenters = resource.getSpec().getExternalDatacenters() == null
                ? Set.of()
                : resource.getSpec().getExternalDatacenters().stream()
                        .filter(ExternalDatacenterSpec::agentApiIsHttps)
                        .map(ExternalDatacenterSpec::getName)
                        .collect(java.util.stream.Collectors.toSet());
        endpoints.forEach((ip, endpoint) -> agents.external(
                ip,
                resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(),
                httpsDatacenters.contains(endpoint.datacenter())));
        Map<String, CompletableFuture<Optional<NodeAgents.Reply>>> replies = new LinkedHashMap<>();
        endpoints.keySet().forEach(ip -> replies.put(ip, CompletableFuture.supplyAsync(() -> agents.view(ip), pool)));
        Instant now = Instant.now();
        List<ExternalNode> result = new ArrayList<>();
        endpoints.forEach((ip, endpoint) -> result.add(new ExternalNode(
                endpoint.datacenter(),
                ip,
                endpoint.hostId(),
                endpoint.state(),
                endpoint.up(),
                replies.get(ip).join().map(reply -> agentView(reply, now)))));
        return result;
    }

    /** The schema version each node reports, by pod; nodes that cannot tell are left out. */
    private static Map<String, String> schemaVersions(
            Map<String, CompletableFuture<Optional<NodeAgents.Reply>>> replies) {
        Map<String, String> versions = new HashMap<>();
        replies.forEach((pod, reply) ->
                reply.join().map(r -> r.node().schemaVersion()).ifPresent(version -> versions.put(pod, version)));
        return versions;
    }

    /** Every token the running nodes report, which a joining datacenter's nodes must not take. */
    private static java.util.Set<Long> ringTokens(
            Map<String, CompletableFuture<Optional<NodeAgents.Reply>>> replies, Optional<ExternalRing> external) {
        java.util.Set<Long> tokens = new java.util.HashSet<>();
        external.ifPresent(ring -> tokens.addAll(ring.tokens()));
        replies.values()
                .forEach(reply -> reply.join()
                        .map(r -> r.node().tokens())
                        .ifPresent(list -> list.forEach(t -> tokens.add(Long.parseLong(t)))));
        return tokens;
    }

    /**
     * The datacenters that join the running cluster. Their rebuild jobs are asked of the agents,
     * and the keyspaces' replication is read over CQL while a join still has to replicate (the join
     * waits for keyspaces on SimpleStrategy to move).
     */
    private List<DatacenterJoin> joins(
            CassandraCluster resource,
            ClusterShape shape,
            List<ObservedNode> nodes,
            Map<String, KnownNode> known,
            Map<String, String> addresses,
            Optional<Map<String, Map<String, String>>> readFromTheExternalRing) {
        Map<String, Optional<dev.cassini.contract.JobView>> noJobs = Map.of();
        List<DatacenterJoin> first = JoinObservation.joins(shape, resource.getStatus(), nodes, known, noJobs, Map.of());
        if (first.isEmpty()) {
            return first;
        }
        Map<String, CompletableFuture<Optional<dev.cassini.contract.JobView>>> asked = new LinkedHashMap<>();
        for (DatacenterJoin join : first) {
            JoinObservation.datacenterStatus(resource.getStatus(), join.datacenter())
                    .map(dev.cassini.api.v1alpha1.DatacenterStatus::getRebuilds)
                    .orElse(List.of())
                    .stream()
                    .filter(r -> r.getJobId() != null && addresses.containsKey(r.getPod()))
                    .forEach(r -> asked.put(
                            r.getPod(),
                            CompletableFuture.supplyAsync(
                                    () -> {
                                        try {
                                            return agents.job(addresses.get(r.getPod()), r.getJobId());
                                        } catch (IOException | RuntimeException e) {
                                            return Optional.empty();
                                        }
                                    },
                                    pool)));
        }
        Map<String, Optional<dev.cassini.contract.JobView>> jobs = new LinkedHashMap<>();
        asked.forEach((pod, job) -> jobs.put(pod, job.join()));
        Map<String, Map<String, String>> replication = Map.of();
        if (first.stream().anyMatch(j -> !j.replicated())) {
            // Read through the seeds already this reconcile when the ring is external: not twice.
            replication = readFromTheExternalRing.isPresent()
                    ? readFromTheExternalRing.get()
                    : keyspaceReplication(resource, shape, nodes, first);
        }
        return JoinObservation.joins(shape, resource.getStatus(), nodes, known, jobs, replication);
    }

    /**
     * The external ring as its seeds describe it, as the superuser of spec.auth.superuserSecretRef;
     * empty when no seed answers (the preflight then says so).
     */
    private Optional<ExternalRing> externalRing(CassandraCluster resource, ClusterShape shape) {
        if (shape.additionalSeeds().isEmpty()) {
            return Optional.empty();
        }
        try (CqlSession session = ClusterSchema.connect(
                client,
                resource,
                shape.additionalSeeds(),
                shape.externalDatacenters().get(0))) {
            return Optional.of(ExternalRing.read(session));
        } catch (RuntimeException e) {
            LOG.warn("no seed of the external ring answers at {}: {}", shape.additionalSeeds(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Each keyspace's replication, read as the superuser through the nodes that do not join. */
    private Map<String, Map<String, String>> keyspaceReplication(
            CassandraCluster resource, ClusterShape shape, List<ObservedNode> nodes, List<DatacenterJoin> joins) {
        java.util.Set<String> joining = new java.util.HashSet<>();
        joins.forEach(j -> joining.add(j.datacenter()));
        List<String> serving = new ArrayList<>(nodes.stream()
                .filter(n ->
                        !joining.contains(n.slot().datacenter()) && n.address().isPresent() && n.normal())
                .map(n -> n.address().get())
                .toList());
        // An external ring's nodes answer through its seeds.
        serving.addAll(shape.additionalSeeds());
        if (serving.isEmpty()) {
            return Map.of(); // nothing to read through yet; the join waits for these nodes anyway
        }
        try (CqlSession session =
                ClusterSchema.connect(client, resource, serving, joins.get(0).source())) {
            return ClusterSchema.replication(session);
        }
    }

    /**
     * The tokens of a new cluster started from a backup: each node takes those of the backed-up node
     * in its place. Until the backup has Succeeded and its manifests are read, and if the cluster's
     * racks do not fit it, no node starts, and the reason shows in status.
     */
    private RestoreTargets.NewRing restoredRing(CassandraCluster resource, ClusterShape shape) {
        dev.cassini.api.v1alpha1.RestoreFromSpec from = resource.getSpec().getRestoreFrom();
        String namespace = resource.getMetadata().getNamespace();
        String backupId;
        RestoreSource source;
        try {
            if (from.getSource() != null) {
                backupId = from.getSource().getBackupId();
                source = RestoreSource.of(client, resource, from.getSource());
            } else {
                backupId = from.getBackup();
                dev.cassini.api.v1alpha1.CassandraBackup backup = client.resources(
                                dev.cassini.api.v1alpha1.CassandraBackup.class)
                        .inNamespace(namespace)
                        .withName(backupId)
                        .get();
                if (backup == null) {
                    return blocked("spec.restoreFrom.backup names CassandraBackup " + backupId
                            + ", which does not exist in namespace " + namespace
                            + "; the nodes start once it does (kubectl get cassandrabackups lists them)");
                }
                String phase =
                        backup.getStatus() == null ? null : backup.getStatus().getPhase();
                if (!JobConditions.SUCCEEDED.equals(phase)) {
                    return blocked("backup " + backupId + " is " + (phase == null ? JobConditions.PENDING : phase)
                            + "; the nodes start from it once it has Succeeded");
                }
                source = RestoreSource.of(client, backup);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            return blocked(e.getMessage() + "; the nodes start once the backup can be read");
        }
        try (dev.cassini.store.ObjectStore store =
                new dev.cassini.store.ObjectStore(source.storage().settings())) {
            return RestoreTargets.newRing(
                    shape.slots(),
                    RestoreSource.nodes(source.manifests(store)),
                    from.getDatacenterMapping() == null ? Map.of() : from.getDatacenterMapping());
        } catch (IOException | RuntimeException e) {
            return blocked("could not read backup " + backupId + " to start the nodes with its tokens: "
                    + e.getMessage() + "; trying again");
        }
    }

    private static RestoreTargets.NewRing blocked(String reason) {
        return RestoreTargets.NewRing.blocked(reason);
    }

    /**
     * Each datacenter's volumes. StorageClasses are read only when a claim is to grow, so a cluster
     * at its size costs no read of the API server (the claims come from the watch).
     */
    private List<DatacenterStorage> storage(
            ClusterShape shape, List<StatefulSet> statefulSets, java.util.Collection<Pod> pods) {
        List<PersistentVolumeClaim> claims = ofCluster(PersistentVolumeClaim.class, shape);
        Map<String, Optional<Boolean>> expansionByClass = new HashMap<>();
        return StorageObservation.of(
                shape,
                statefulSets,
                claims,
                pods,
                name -> expansionByClass.computeIfAbsent(
                        name,
                        n -> Optional.ofNullable(client.storage()
                                        .v1()
                                        .storageClasses()
                                        .withName(n)
                                        .get())
                                .map(storageClass -> Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion()))));
    }

    /** Every node serves: the planner goes past its waits only then. */
    private static boolean everyNodeNormal(List<ObservedNode> nodes) {
        return nodes.stream().allMatch(ObservedNode::normal);
    }

    /**
     * Which login works, looked at only when the planner would set authentication up now: it is on,
     * not set up, and every node serves. Cassandra creates its default role once a quorum of nodes
     * serves (each node tries every second); until then neither login works and the planner waits.
     */
    private AuthLogin authLogin(
            CassandraCluster resource, ClusterShape shape, List<ObservedNode> nodes, boolean initialized) {
        if (!shape.authEnabled() || initialized || !everyNodeNormal(nodes)) {
            return AuthLogin.NOT_CHECKED;
        }
        List<String> addresses =
                nodes.stream().map(n -> n.address().orElseThrow()).toList();
        return AuthInitializer.login(
                shape, addresses, SuperuserSecret.read(client, resource), CqlTransport.of(client, resource));
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
            tasks.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return agents.job(ip, entry.getJobId())
                                    .map(job -> CleanupTask.of(entry.getPod(), job))
                                    .orElse(CleanupTask.pending(entry.getPod()));
                        } catch (IOException | RuntimeException e) {
                            return CleanupTask.pending(
                                    entry.getPod()); // the agent is not answering; the planner waits for it
                        }
                    },
                    pool));
        }
        return tasks.stream().map(CompletableFuture::join).toList();
    }

    /** The cluster's objects of a kind, labelled with it: from the watch, or the API server until the watch runs. */
    private <R extends HasMetadata> List<R> ofCluster(Class<R> kind, ClusterShape shape) {
        return informers
                .ofCluster(kind, shape.namespace(), shape.resourceName())
                .orElseGet(() -> client.resources(kind)
                        .inNamespace(shape.namespace())
                        .withLabel(ClusterNames.LABEL_CLUSTER, shape.resourceName())
                        .list()
                        .getItems());
    }

    /**
     * Each keyspace's replication, for a rolling restart that could take a rack's nodes down at once;
     * empty when it cannot be read, and the restart then takes one node at a time.
     */
    private Optional<Map<String, Map<String, String>>> keyspaceReplicationForARestart(
            CassandraCluster resource, ClusterShape shape, List<ObservedNode> nodes) {
        try {
            return Optional.of(keyspaceReplication(resource, shape, nodes));
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot read the keyspaces' replication, so a rolling restart takes one node at a time: {}",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Each keyspace's replication, read over CQL as the superuser. Needed before a decommission;
     * failing to read it fails the step, so nothing is decommissioned blind.
     */
    private Map<String, Map<String, String>> keyspaceReplication(
            CassandraCluster resource, ClusterShape shape, List<ObservedNode> nodes) {
        List<String> serving = new ArrayList<>(nodes.stream()
                .filter(n -> n.address().isPresent() && n.normal())
                .map(n -> n.address().get())
                .toList());
        // With no node of its own serving (spec.datacenters emptied), through the external ring's seeds.
        if (serving.isEmpty()) {
            serving.addAll(shape.additionalSeeds());
        }
        if (serving.isEmpty()) {
            throw new IllegalStateException("no node serves CQL to read the keyspaces' replication");
        }
        try (CqlSession session = ClusterSchema.connect(client, resource, serving, shape.sessionDatacenter())) {
            return ClusterSchema.replication(session);
        }
    }
}
