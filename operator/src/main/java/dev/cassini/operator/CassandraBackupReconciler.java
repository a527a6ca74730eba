package dev.cassini.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.BackupRequest;
import dev.cassini.contract.backup.BackupIndex;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.backup.BackupPlan;
import dev.cassini.model.backup.BackupProgress;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.StoredObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a CassandraBackup the way a Kubernetes Job runs: observe the cluster and each node's
 * backup job, ask {@link BackupPlan} for the next step, do it, and record it in status. Every node
 * snapshots and uploads on its own agent; the operator starts them, follows them, and writes the
 * backup's index once every node's manifest is in the store. Deleting the resource deletes the
 * backup's manifests and index from the bucket unless its deletionPolicy is Retain.
 */
@ControllerConfiguration(name = "cassandrabackup")
public final class CassandraBackupReconciler implements Reconciler<CassandraBackup>, Cleaner<CassandraBackup> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraBackupReconciler.class);
    private static final Duration WHILE_RUNNING = Duration.ofSeconds(3);
    private static final Duration WHILE_PENDING = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String PENDING = JobConditions.PENDING;
    private static final String RUNNING = JobConditions.RUNNING;
    private static final String SUCCEEDED = JobConditions.SUCCEEDED;
    private static final String FAILED = JobConditions.FAILED;

    private final KubernetesClient client;
    private final NodeAgents agents;
    private final EventRecorder events;
    private final OperatorMetrics metrics;

    public CassandraBackupReconciler(KubernetesClient client, NodeAgents agents, OperatorMetrics metrics) {
        this(client, agents, new ClusterEvents(client), metrics);
    }

    CassandraBackupReconciler(
            KubernetesClient client, NodeAgents agents, EventRecorder events, OperatorMetrics metrics) {
        this.client = client;
        this.agents = agents;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public UpdateControl<CassandraBackup> reconcile(CassandraBackup backup, Context<CassandraBackup> context) {
        CassandraBackupStatus status = backup.getStatus() == null ? new CassandraBackupStatus() : backup.getStatus();
        String previousPhase = status.getPhase();
        if (JobConditions.finished(previousPhase)) {
            record(backup, status, false);
            return UpdateControl.noUpdate();
        }
        String name = backup.getMetadata().getName();
        String namespace = backup.getMetadata().getNamespace();
        String clusterName = backup.getSpec().getCluster();
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(clusterName)
                .get();

        Optional<String> refusal = Optional.empty();
        Optional<String> notReady = Optional.empty();
        BackupStorage storage = null;
        List<NodeStatus> members = List.of();
        if (cluster == null) {
            notReady = Optional.of("cluster " + clusterName + " does not exist in namespace " + namespace
                    + "; the backup starts once it does and is Ready");
        } else {
            try {
                storage = BackupStorage.of(client, cluster);
            } catch (IllegalStateException | IllegalArgumentException e) {
                refusal = Optional.of(e.getMessage());
            }
            Set<String> known = cluster.getSpec().getDatacenters().stream()
                    .map(DatacenterSpec::getName)
                    .collect(Collectors.toSet());
            List<String> asked = backup.getSpec().getDatacenters() == null
                    ? List.of()
                    : backup.getSpec().getDatacenters();
            List<String> unknown =
                    asked.stream().filter(dc -> !known.contains(dc)).toList();
            if (refusal.isEmpty() && !unknown.isEmpty()) {
                refusal = Optional.of("datacenter " + String.join(", ", unknown) + " is not in cluster " + clusterName
                        + ", which has " + String.join(", ", known));
            }
            if (!JobConditions.ready(cluster)) {
                notReady = Optional.of("cluster " + clusterName + " is not Ready ("
                        + (cluster.getStatus() == null
                                ? "no status yet"
                                : cluster.getStatus().getStep())
                        + "); the backup starts once it is");
            }
            if (cluster.getStatus() != null && cluster.getStatus().getNodes() != null) {
                members = cluster.getStatus().getNodes().stream()
                        .filter(n -> asked.isEmpty() || asked.contains(n.getDatacenter()))
                        .toList();
            }
        }

        Map<String, NodeBackupStatus> nodes = new LinkedHashMap<>();
        if (status.getNodes() != null) {
            status.getNodes().forEach(n -> nodes.put(n.getPod(), n));
        }
        for (NodeStatus member : members) {
            nodes.computeIfAbsent(member.getPod(), pod -> newNode(member));
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        members.forEach(m -> addresses.put(m.getPod(), m.getIp()));
        List<BackupProgress.Node> observed = new ArrayList<>();
        for (NodeBackupStatus node : nodes.values()) {
            observed.add(observe(node, addresses.get(node.getPod())));
        }
        BackupPlan.Step step = BackupPlan.next(new BackupProgress(refusal, notReady, observed));

        status.setObservedGeneration(backup.getMetadata().getGeneration());
        status.setBackupId(name);
        status.setNodes(new ArrayList<>(nodes.values()));
        if (storage != null) {
            status.setLocation(storage.location(name));
        }
        try {
            if (step instanceof BackupPlan.Refuse refuse) {
                fail(status, "BackupRefused", refuse.reason());
            } else if (step instanceof BackupPlan.Fail failed) {
                fail(status, "NodeBackupFailed", failed.reason());
            } else if (step instanceof BackupPlan.StartNodes start) {
                start(backup, cluster, storage, start, nodes, addresses, status);
            } else if (step instanceof BackupPlan.WriteIndex) {
                writeIndex(backup, cluster, storage, status);
            } else {
                boolean started = nodes.values().stream().anyMatch(n -> n.getJob() != null);
                status.setPhase(started ? RUNNING : PENDING);
                status.setMessage(step.reason());
            }
        } catch (RuntimeException | IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn(
                    "backup {}/{}: {} failed: {}",
                    namespace,
                    name,
                    step.getClass().getSimpleName(),
                    message);
            status.setMessage(step.reason() + " failed: " + message);
        }
        totals(status);
        JobPhaseChange.announce(events, backup, "Backup", previousPhase, status.getPhase(), status.getMessage());
        if (JobConditions.finished(status.getPhase()) && !java.util.Objects.equals(previousPhase, status.getPhase())) {
            record(backup, status, true);
        }
        backup.setStatus(status);
        CachedStatusPatch.patch(backup, context);
        UpdateControl<CassandraBackup> control = UpdateControl.noUpdate();
        return JobConditions.finished(status.getPhase())
                ? control
                : control.rescheduleAfter(PENDING.equals(status.getPhase()) ? WHILE_PENDING : WHILE_RUNNING);
    }

    private void record(CassandraBackup backup, CassandraBackupStatus status, boolean justFinished) {
        metrics.backupFinished(
                backup.getMetadata().getNamespace(),
                backup.getSpec().getCluster(),
                SUCCEEDED.equals(status.getPhase()),
                justFinished,
                status.getStartTime() == null ? null : Instant.parse(status.getStartTime()),
                status.getCompletionTime() == null ? null : Instant.parse(status.getCompletionTime()),
                java.util.Objects.requireNonNullElse(status.getUploadedBytes(), 0L),
                java.util.Objects.requireNonNullElse(status.getReusedBytes(), 0L));
    }

    private static NodeBackupStatus newNode(NodeStatus member) {
        NodeBackupStatus node = new NodeBackupStatus();
        node.setPod(member.getPod());
        node.setDatacenter(member.getDatacenter());
        node.setRack(member.getRack());
        node.setHostId(member.getHostId());
        node.setState(PENDING);
        return node;
    }

    /** Where a node's part stands, read from its agent; the node's status takes what the job measured. */
    private BackupProgress.Node observe(NodeBackupStatus node, String ip) {
        NodeJobObservation observed =
                NodeJobObservation.of(agents, node.getPod(), ip, node.getJob(), node.getState(), node.getMessage());
        observed.statusState().ifPresent(node::setState);
        observed.statusMessage().ifPresent(node::setMessage);
        observed.view().ifPresent(view -> {
            Map<String, Long> figures = view.figures();
            if (figures.containsKey(BackupRequest.FILES)) {
                node.setFiles(figures.get(BackupRequest.FILES).intValue());
            }
            node.setTotalBytes(figures.get(BackupRequest.TOTAL_BYTES));
            node.setUploadedBytes(figures.get(BackupRequest.UPLOADED_BYTES));
            node.setReusedBytes(figures.get(BackupRequest.REUSED_BYTES));
        });
        return observed.node();
    }

    private void start(
            CassandraBackup backup,
            CassandraCluster cluster,
            BackupStorage storage,
            BackupPlan.StartNodes start,
            Map<String, NodeBackupStatus> nodes,
            Map<String, String> addresses,
            CassandraBackupStatus status) {
        if (storage == null) {
            status.setMessage("waiting for cluster " + backup.getSpec().getCluster() + " to resume the backup");
            return;
        }
        if (status.getStartTime() == null) {
            // The schema first, as the snapshots about to be taken see it: a restore creates from it
            // what its target lacks.
            Instant started = Instant.now();
            try {
                writeSchema(backup, cluster, storage);
            } catch (dev.cassini.store.ObjectStoreException e) {
                // What the store answered (credentials, bucket, endpoint) fails the backup, as it does a
                // node's upload; a cluster that cannot answer CQL yet is tried again (the caller's catch).
                fail(status, "StorageFailed", e.getMessage());
                return;
            }
            status.setStartTime(started.toString());
        }
        status.setPhase(RUNNING);
        status.setMessage(start.reason());
        List<String> keyspaces = orEmpty(backup.getSpec().getKeyspaces());
        List<String> tables = orEmpty(backup.getSpec().getTables());
        String cassandraClusterName = dev.cassini.model.ClusterShape.of(cluster).clusterName();
        for (String pod : start.pods()) {
            NodeBackupStatus node = nodes.get(pod);
            String ip = addresses.get(pod);
            if (ip == null) {
                node.setMessage("no address yet; started once the pod has one");
                continue;
            }
            try {
                String job = agents.backup(
                        ip,
                        storage.request(backup.getMetadata().getName(), cassandraClusterName, pod, keyspaces, tables));
                node.setJob(job);
                node.setState(RUNNING);
                node.setMessage("started");
            } catch (NodeAgentClient.AgentException e) {
                if (e.status == 400) {
                    // The agent refused the request itself (a keyspace that does not exist, say): no retry helps.
                    // A 409 (the node is busy or not NORMAL) or a 503 (Cassandra did not answer) is tried again.
                    node.setState(FAILED);
                    node.setMessage(e.getMessage());
                    fail(status, "NodeBackupFailed", pod + ": " + e.getMessage());
                    return;
                }
                node.setMessage("could not start: " + e.getMessage() + "; trying again");
            } catch (IOException e) {
                node.setMessage("could not start: " + e.getMessage() + "; trying again");
            }
        }
    }

    /** Writes the schema of the cluster's user keyspaces next to the backup's manifests. */
    private void writeSchema(CassandraBackup backup, CassandraCluster cluster, BackupStorage storage) {
        String id = backup.getMetadata().getName();
        dev.cassini.contract.backup.BackupSchema schema;
        try (com.datastax.oss.driver.api.core.CqlSession session = ClusterSchema.connect(client, cluster)) {
            schema = ClusterSchema.capture(session, id);
        }
        try (ObjectStore store = new ObjectStore(storage.settings())) {
            store.checkAccess();
            store.put(storage.layout().schema(id), JSON.writeValueAsBytes(schema));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the schema: " + e.getMessage(), e);
        }
    }

    /** Writes the index that makes the backup complete, from every node's manifest in the store. */
    private void writeIndex(
            CassandraBackup backup, CassandraCluster cluster, BackupStorage storage, CassandraBackupStatus status)
            throws IOException {
        String id = backup.getMetadata().getName();
        List<BackupIndex.Node> entries = new ArrayList<>();
        List<NodeManifest> manifests = new ArrayList<>();
        Instant started = status.getStartTime() == null ? Instant.now() : Instant.parse(status.getStartTime());
        try (ObjectStore store = new ObjectStore(storage.settings())) {
            for (NodeBackupStatus node : status.getNodes()) {
                String key = storage.layout().manifest(id, node.getDatacenter(), node.getRack(), node.getHostId());
                NodeManifest manifest = JSON.readValue(store.get(key), NodeManifest.class);
                manifests.add(manifest);
                entries.add(new BackupIndex.Node(
                        manifest.datacenter(),
                        manifest.rack(),
                        manifest.hostId(),
                        key,
                        manifest.files().size(),
                        manifest.totalBytes()));
            }
            java.util.Set<String> missing = new BlobCollector(store, storage.layout()).missingBlobs(manifests);
            if (!missing.isEmpty()) {
                // Content collected while this backup ran: its nodes upload again what is missing.
                for (NodeBackupStatus node : status.getNodes()) {
                    node.setJob(null);
                    node.setState(PENDING);
                    node.setMessage("content it found in the store was deleted meanwhile; uploading again");
                }
                status.setMessage(missing.size() + " blobs the manifests list are not in the store (deleted"
                        + " while the backup ran); the nodes upload them again");
                return;
            }
            long total = entries.stream().mapToLong(BackupIndex.Node::bytes).sum();
            // The nodes' figures count their blobs and manifests; the schema is the operator's.
            long uploaded =
                    java.util.Objects.requireNonNullElse(sum(status.getNodes(), NodeBackupStatus::getUploadedBytes), 0L)
                            + store.get(storage.layout().schema(id)).length;
            long reused =
                    java.util.Objects.requireNonNullElse(sum(status.getNodes(), NodeBackupStatus::getReusedBytes), 0L);
            Instant finished = Instant.now();
            byte[] index = JSON.writeValueAsBytes(new BackupIndex(
                    NodeManifest.FORMAT,
                    id,
                    dev.cassini.model.ClusterShape.of(cluster).clusterName(),
                    started,
                    finished,
                    entries,
                    total,
                    uploaded,
                    reused));
            // Status counts everything the backup wrote, the index too.
            long withIndex = uploaded + index.length;
            store.put(storage.layout().index(id), index);
            status.setPhase(SUCCEEDED);
            status.setCompletionTime(finished.toString());
            status.setMessage("complete: " + entries.size() + " nodes, " + total + " bytes, " + withIndex
                    + " bytes uploaded, " + reused + " bytes already in the store");
            status.setConditions(List.of(JobConditions.condition("Complete", "BackupComplete", status.getMessage())));
            status.setTotalBytes(total);
            status.setUploadedBytes(withIndex);
            status.setReusedBytes(reused);
        }
    }

    private static void fail(CassandraBackupStatus status, String reason, String message) {
        status.setPhase(FAILED);
        status.setMessage(message);
        status.setCompletionTime(Instant.now().toString());
        status.setConditions(List.of(JobConditions.condition("Failed", reason, message)));
    }

    /** While it runs, the totals are the nodes' figures so far; once complete, the index's. */
    private static void totals(CassandraBackupStatus status) {
        if (SUCCEEDED.equals(status.getPhase()) || status.getNodes() == null) {
            return;
        }
        status.setTotalBytes(sum(status.getNodes(), NodeBackupStatus::getTotalBytes));
        status.setUploadedBytes(sum(status.getNodes(), NodeBackupStatus::getUploadedBytes));
        status.setReusedBytes(sum(status.getNodes(), NodeBackupStatus::getReusedBytes));
    }

    private static Long sum(List<NodeBackupStatus> nodes, java.util.function.Function<NodeBackupStatus, Long> figure) {
        return nodes.stream()
                .map(figure)
                .filter(java.util.Objects::nonNull)
                .reduce(Long::sum)
                .orElse(null);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * With deletionPolicy Delete, removes the backup's manifests, schema and index from the bucket,
     * then the content blobs no complete backup references any more, unless a backup or restore of
     * the cluster runs (the next deletion collects them then).
     */
    @Override
    public DeleteControl cleanup(CassandraBackup backup, Context<CassandraBackup> context) {
        if (backup.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
            return DeleteControl.defaultDelete();
        }
        String id = backup.getMetadata().getName();
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(backup.getMetadata().getNamespace())
                .withName(backup.getSpec().getCluster())
                .get();
        if (cluster == null) {
            LOG.warn(
                    "backup {}/{}: cluster {} is gone, so its storage is unknown; the backup's objects stay in the bucket",
                    backup.getMetadata().getNamespace(),
                    id,
                    backup.getSpec().getCluster());
            return DeleteControl.defaultDelete();
        }
        BackupStorage storage;
        try {
            storage = BackupStorage.of(client, cluster);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.warn(
                    "backup {}/{}: {}; its objects stay in the bucket",
                    backup.getMetadata().getNamespace(),
                    id,
                    e.getMessage());
            return DeleteControl.defaultDelete();
        }
        try (ObjectStore store = new ObjectStore(storage.settings())) {
            // The index first: once it is gone the backup no longer counts as complete anywhere.
            store.delete(storage.layout().index(id));
            for (StoredObject object : store.list(storage.layout().backup(id))) {
                store.delete(object.key());
            }
            try {
                collectGarbage(backup, store, storage);
            } catch (IOException | RuntimeException e) {
                // The backup itself is gone from the bucket; unreferenced content waits for the next deletion.
                LOG.warn(
                        "backup {}/{}: deleted, but collecting unreferenced content failed: {}",
                        backup.getMetadata().getNamespace(),
                        id,
                        e.getMessage());
            }
            return DeleteControl.defaultDelete();
        } catch (RuntimeException e) {
            LOG.warn(
                    "backup {}/{}: could not delete its objects ({}); trying again in 30 s. To leave them, remove the"
                            + " finalizer: kubectl patch cbk {} --type=merge -p '{{\"metadata\":{{\"finalizers\":null}}}}'",
                    backup.getMetadata().getNamespace(),
                    id,
                    e.getMessage(),
                    id);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
        }
    }

    private void collectGarbage(CassandraBackup deleted, ObjectStore store, BackupStorage storage) throws IOException {
        String namespace = deleted.getMetadata().getNamespace();
        String cluster = deleted.getSpec().getCluster();
        List<String> busy = new ArrayList<>();
        client.resources(CassandraBackup.class).inNamespace(namespace).list().getItems().stream()
                .filter(b -> cluster.equals(b.getSpec().getCluster()))
                .filter(b ->
                        !b.getMetadata().getName().equals(deleted.getMetadata().getName()))
                .filter(b -> b.getStatus() == null
                        || !(SUCCEEDED.equals(b.getStatus().getPhase())
                                || FAILED.equals(b.getStatus().getPhase())))
                .forEach(b -> busy.add("backup " + b.getMetadata().getName()));
        client
                .resources(dev.cassini.api.v1alpha1.CassandraRestore.class)
                .inNamespace(namespace)
                .list()
                .getItems()
                .stream()
                .filter(r -> cluster.equals(r.getSpec().getCluster()))
                .filter(r -> r.getStatus() == null
                        || !(SUCCEEDED.equals(r.getStatus().getPhase())
                                || FAILED.equals(r.getStatus().getPhase())))
                .forEach(r -> busy.add("restore " + r.getMetadata().getName()));
        BlobCollector.Collected collected = new BlobCollector(store, storage.layout()).collect(!busy.isEmpty());
        if (!busy.isEmpty()) {
            LOG.info(
                    "backup {}/{}: deleted; its unreferenced content stays until a later deletion, as {} runs",
                    namespace,
                    deleted.getMetadata().getName(),
                    String.join(", ", busy));
        } else {
            LOG.info(
                    "backup {}/{}: deleted, with {} blobs ({} bytes) no other backup references",
                    namespace,
                    deleted.getMetadata().getName(),
                    collected.blobs(),
                    collected.bytes());
        }
    }
}
