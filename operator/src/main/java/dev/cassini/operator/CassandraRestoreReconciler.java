package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import dev.cassini.api.v1alpha1.NodeRestoreStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.JobView;
import dev.cassini.contract.RestoreRequest;
import dev.cassini.contract.RestoreStep;
import dev.cassini.contract.RestoreStreams;
import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.contract.backup.TableSelection;
import dev.cassini.model.TransferRate;
import dev.cassini.model.backup.BackupProgress;
import dev.cassini.model.backup.BackupSchemas;
import dev.cassini.model.backup.KeyspaceMapping;
import dev.cassini.model.backup.RestorePlan;
import dev.cassini.model.backup.RestoreTargets;
import dev.cassini.model.backup.StreamDiskCheck;
import dev.cassini.model.backup.StreamOrders;
import dev.cassini.store.ObjectStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a CassandraRestore the way a Kubernetes Job runs: observe the cluster, the backup and each
 * node's job for the current step, ask {@link RestorePlan} for the next step, do it, and record it
 * in status. Each node of the cluster gets the files of the backed-up node whose tokens it owns: its
 * own manifest in place (matched by host ID), or that of the node whose tokens it started with in a
 * new cluster restored from the backup, so every file lands on a node that owns its data.
 */
@ControllerConfiguration(name = "cassandrarestore")
public final class CassandraRestoreReconciler implements Reconciler<CassandraRestore> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraRestoreReconciler.class);
    private static final Duration WHILE_RUNNING = Duration.ofSeconds(3);
    private static final Duration WHILE_PENDING = Duration.ofSeconds(10);

    private static final String PENDING = JobConditions.PENDING;
    private static final String RUNNING = JobConditions.RUNNING;
    private static final String SUCCEEDED = JobConditions.SUCCEEDED;
    private static final String FAILED = JobConditions.FAILED;
    /** {@code status.step} once every step is done. */
    static final String DONE = "Done";
    /** {@code status.method}: each node imports the files of the backed-up node whose tokens it owns. */
    static final String IN_PLACE_METHOD = "InPlace";
    /** {@code status.method}: each backed-up node's files are streamed to the nodes that replicate them now. */
    static final String STREAM_METHOD = "Stream";

    private final KubernetesClient client;
    private final NodeAgents agents;
    private final EventRecorder events;

    public CassandraRestoreReconciler(KubernetesClient client, NodeAgents agents) {
        this(client, agents, new ClusterEvents(client));
    }

    CassandraRestoreReconciler(KubernetesClient client, NodeAgents agents, EventRecorder events) {
        this.client = client;
        this.agents = agents;
        this.events = events;
    }

    @Override
    public UpdateControl<CassandraRestore> reconcile(CassandraRestore restore, Context<CassandraRestore> context) {
        CassandraRestoreStatus status =
                restore.getStatus() == null ? new CassandraRestoreStatus() : restore.getStatus();
        String previousPhase = status.getPhase();
        if (JobConditions.finished(previousPhase)) {
            return UpdateControl.noUpdate();
        }
        String name = restore.getMetadata().getName();
        String namespace = restore.getMetadata().getNamespace();
        CassandraRestoreSpec spec = restore.getSpec();
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(spec.getCluster())
                .get();
        CassandraBackup backup = spec.getBackup() == null
                ? null
                : client.resources(CassandraBackup.class)
                        .inNamespace(namespace)
                        .withName(spec.getBackup())
                        .get();
        String backupId =
                spec.getBackup() != null ? spec.getBackup() : spec.getSource().getBackupId();

        Optional<String> refusal = Optional.empty();
        Optional<String> notReady = Optional.empty();
        if (cluster == null) {
            notReady = Optional.of("cluster " + spec.getCluster() + " does not exist in namespace " + namespace
                    + "; the restore starts once it does and is Ready");
        } else {
            if (!JobConditions.ready(cluster)) {
                notReady = Optional.of("cluster " + spec.getCluster() + " is not Ready ("
                        + (cluster.getStatus() == null
                                ? "no status yet"
                                : cluster.getStatus().getStep())
                        + "); the restore goes on once it is");
            }
        }
        RestoreSource source = null;
        if (spec.getSource() != null) {
            if (cluster != null) {
                try {
                    source = RestoreSource.of(client, cluster, spec.getSource());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    refusal = Optional.of(e.getMessage());
                }
            }
        } else {
            refusal = refusalOf(backup, spec, namespace);
            if (refusal.isEmpty()) {
                try {
                    source = RestoreSource.of(client, backup);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    refusal = Optional.of(e.getMessage());
                }
            }
        }
        if (refusal.isEmpty() && notReady.isEmpty() && backup != null && !SUCCEEDED.equals(phaseOf(backup))) {
            notReady = Optional.of("backup " + spec.getBackup() + " is " + phaseOf(backup)
                    + "; the restore starts once it has Succeeded");
        }
        status.setObservedGeneration(restore.getMetadata().getGeneration());
        status.setBackupId(backupId);
        if (status.getNodes() == null && refusal.isEmpty() && notReady.isEmpty()) {
            try {
                refusal = choose(cluster, source, spec, status);
            } catch (RestoreSource.NotInBucket e) {
                refusal = Optional.of(e.getMessage());
            } catch (RuntimeException | IOException e) {
                status.setMessage("could not read the backup or the cluster's ring and schema: " + e.getMessage()
                        + "; trying again");
                return reschedule(restore, context, status, previousPhase);
            }
        }

        List<NodeRestoreStatus> nodes = status.getNodes() == null ? List.of() : status.getNodes();
        RestoreStep step = stepOf(status);
        Map<String, String> addresses = new LinkedHashMap<>();
        if (cluster != null
                && cluster.getStatus() != null
                && cluster.getStatus().getNodes() != null) {
            cluster.getStatus().getNodes().forEach(n -> addresses.put(n.getPod(), n.getIp()));
        }
        List<BackupProgress.Node> observed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            boolean takesPart = step != RestoreStep.TRUNCATE || i == 0;
            NodeRestoreStatus node = nodes.get(i);
            observed.add(
                    takesPart
                            ? observe(node, step, addresses.get(node.getPod()))
                            : new BackupProgress.Node(node.getPod(), BackupProgress.NodeState.NOT_STARTED, null));
        }
        RestorePlan.Step next = RestorePlan.next(
                new RestorePlan.Progress(refusal, notReady, step, observed, STREAM_METHOD.equals(status.getMethod())));
        try {
            if (next instanceof RestorePlan.Refuse refuse) {
                fail(status, "RestoreRefused", refuse.reason());
            } else if (next instanceof RestorePlan.Fail failed) {
                fail(status, "NodeRestoreFailed", failed.reason());
            } else if (next instanceof RestorePlan.StartNodes start) {
                start(restore, cluster, source, start, addresses, status);
            } else if (next instanceof RestorePlan.Advance advance) {
                status.setStep(stepName(advance.to()));
                status.setMessage(advance.reason());
                for (NodeRestoreStatus node : nodes) {
                    node.setJob(null);
                    node.setState(PENDING);
                }
            } else if (next instanceof RestorePlan.Complete complete) {
                status.setPhase(SUCCEEDED);
                status.setStep(DONE);
                status.setCompletionTime(Instant.now().toString());
                status.setMessage(
                        STREAM_METHOD.equals(status.getMethod())
                                ? "restored " + restoredTables(spec, status) + " from backup " + backupId
                                        + " by streaming each backed-up node's files to the nodes that replicate them ("
                                        + nodes.size() + " backed-up nodes)"
                                        + (Boolean.TRUE.equals(status.getRepairAdvised())
                                                ? ". A repair of these tables is advised: their replicas received the"
                                                        + " copies of different backed-up replicas, which may differ"
                                                : "")
                                : "restored " + String.join(", ", status.getTables()) + " from backup " + backupId
                                        + " on " + nodes.size() + " nodes");
                status.setConditions(
                        List.of(JobConditions.condition("Complete", "RestoreComplete", status.getMessage())));
            } else {
                status.setPhase(status.getStartTime() == null ? PENDING : RUNNING);
                status.setMessage(next.reason());
            }
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn(
                    "restore {}/{}: {} failed: {}",
                    namespace,
                    name,
                    next.getClass().getSimpleName(),
                    message);
            status.setMessage(next.reason() + " failed: " + message);
        }
        totals(status);
        return reschedule(restore, context, status, previousPhase);
    }

    private UpdateControl<CassandraRestore> reschedule(
            CassandraRestore restore,
            Context<CassandraRestore> context,
            CassandraRestoreStatus status,
            String previousPhase) {
        if (status.getPhase() == null) {
            status.setPhase(PENDING);
        }
        JobPhaseChange.announce(events, restore, "Restore", previousPhase, status.getPhase(), status.getMessage());
        restore.setStatus(status);
        CachedStatusPatch.patch(restore, context);
        UpdateControl<CassandraRestore> control = UpdateControl.noUpdate();
        return JobConditions.finished(status.getPhase())
                ? control
                : control.rescheduleAfter(PENDING.equals(status.getPhase()) ? WHILE_PENDING : WHILE_RUNNING);
    }

    private static String phaseOf(CassandraBackup backup) {
        return backup.getStatus() == null || backup.getStatus().getPhase() == null
                ? PENDING
                : backup.getStatus().getPhase();
    }

    /** Why the backup cannot be restored here as asked, whatever happens next. */
    private static Optional<String> refusalOf(CassandraBackup backup, CassandraRestoreSpec spec, String namespace) {
        if (backup == null) {
            return Optional.of("backup " + spec.getBackup() + " does not exist in namespace " + namespace
                    + "; kubectl get cassandrabackups -n " + namespace + " lists the backups there");
        }
        if (FAILED.equals(phaseOf(backup))) {
            return Optional.of("backup " + spec.getBackup() + " failed ("
                    + backup.getStatus().getMessage() + "); restore a backup that Succeeded");
        }
        return Optional.empty();
    }

    /**
     * Matches every node of the cluster to the backed-up node whose files it takes (by host ID in
     * place, by tokens in a cluster started with the backup's tokens), reads the manifests for the
     * tables to restore, and creates from the backup's schema what the cluster lacks. A cluster
     * whose nodes own other tokens is refused, since a node's files hold only the tokens it owned;
     * so is a table whose columns differ from the backup's. Nothing is changed before both checks pass.
     */
    private Optional<String> choose(
            CassandraCluster cluster, RestoreSource source, CassandraRestoreSpec spec, CassandraRestoreStatus status)
            throws IOException {
        List<NodeStatus> members =
                cluster.getStatus() == null || cluster.getStatus().getNodes() == null
                        ? List.of()
                        : cluster.getStatus().getNodes();
        TableSelection selection = new TableSelection(spec.getKeyspaces(), spec.getTables());
        Set<String> tables = new LinkedHashSet<>();
        Set<String> everything = new LinkedHashSet<>();
        List<String> missing = null;
        List<NodeRestoreStatus> nodes = new ArrayList<>();
        try (ObjectStore store = new ObjectStore(source.storage().settings());
                CqlSession session = ClusterSchema.connect(client, cluster)) {
            Map<String, NodeManifest> manifests = source.manifests(store);
            List<RestoreTargets.Backed> backed = RestoreSource.nodes(manifests);
            Map<String, List<String>> ring = ClusterSchema.tokensByHostId(session);
            RestoreTargets.Matching matching = RestoreTargets.match(
                    members.stream()
                            .map(m -> new RestoreTargets.Member(m.getPod(), m.getHostId(), ring.get(m.getHostId())))
                            .toList(),
                    backed);
            KeyspaceMapping keyspaces = new KeyspaceMapping(spec.getKeyspaceMapping());
            // A keyspace restored under another name has other table IDs and directories: only streaming
            // files them there.
            boolean streaming = !matching.complete() || keyspaces.renamesAny();
            Optional<BackupSchema> schema = source.schema(store);
            if (streaming && schema.isEmpty()) {
                return Optional.of((matching.complete()
                                ? "keyspaceMapping restores under another name, so the backup's files have to be"
                                        + " streamed"
                                : "the cluster's nodes are not the ones backup " + source.backupId()
                                        + " was taken of, nor own their tokens, so its files would have to be streamed")
                        + "; this backup keeps no schema (it predates schema.json), which streaming needs. Restore it"
                        + " in place under its own names, or into a new cluster of the same shape (spec.restoreFrom)");
            }
            // Who takes each backed-up node's files: in place, the node that owns its tokens; streaming,
            // the cluster's nodes in turn, each sending what it downloads to the nodes that replicate it.
            List<NodeStatus> byPod = members.stream()
                    .sorted(java.util.Comparator.comparing(NodeStatus::getPod))
                    .toList();
            List<Map.Entry<NodeStatus, String>> assignments = new ArrayList<>();
            if (streaming) {
                if (byPod.isEmpty()) {
                    return Optional.of("the cluster reports no node to stream the backup to");
                }
                int i = 0;
                for (String key : manifests.keySet()) {
                    assignments.add(Map.entry(byPod.get(i++ % byPod.size()), key));
                }
            } else {
                for (NodeStatus member : members) {
                    assignments.add(Map.entry(member, matching.manifestByPod().get(member.getPod())));
                }
            }
            for (Map.Entry<NodeStatus, String> assignment : assignments) {
                NodeStatus member = assignment.getKey();
                String key = assignment.getValue();
                NodeManifest manifest = manifests.get(key);
                tables.addAll(selection.tablesOf(manifest));
                everything.addAll(new TableSelection(List.of(), List.of()).tablesOf(manifest));
                List<String> notHere = selection.missingFrom(manifest);
                missing = missing == null
                        ? new ArrayList<>(notHere)
                        : new ArrayList<>(
                                missing.stream().filter(notHere::contains).toList());
                NodeRestoreStatus node = new NodeRestoreStatus();
                node.setPod(member.getPod());
                node.setDatacenter(member.getDatacenter());
                node.setRack(member.getRack());
                node.setHostId(member.getHostId());
                node.setManifest(key);
                node.setState(PENDING);
                nodes.add(node);
            }
            if (missing != null && !missing.isEmpty()) {
                return Optional.of("backup " + source.backupId() + " holds nothing of " + String.join(", ", missing)
                        + "; it holds " + String.join(", ", everything));
            }
            if (tables.isEmpty()) {
                return Optional.of("backup " + source.backupId() + " holds no table to restore"
                        + (everything.isEmpty() ? "" : "; it holds " + String.join(", ", everything)));
            }
            List<String> unmapped = keyspaces.unused(tables);
            if (!unmapped.isEmpty()) {
                return Optional.of("keyspaceMapping names " + String.join(", ", unmapped)
                        + ", of which this restore restores no table (it restores " + String.join(", ", tables)
                        + "); map only keyspaces the restore puts back");
            }
            if (schema.isPresent()) {
                BackupSchemas.Changes changes = BackupSchemas.changes(
                        keyspaces.schema(schema.get()),
                        keyspaces.tables(tables),
                        ClusterSchema.tables(session),
                        nodesByDatacenter(cluster, members),
                        spec.getDatacenterMapping() == null ? Map.of() : spec.getDatacenterMapping());
                if (!changes.conflicts().isEmpty()) {
                    return Optional.of("the schema of backup " + source.backupId() + " does not fit cluster "
                            + spec.getCluster() + ": " + String.join("; ", changes.conflicts())
                            + ". Nothing was changed");
                }
                for (String cql : changes.statements()) {
                    session.execute(cql);
                }
                if (!changes.statements().isEmpty()) {
                    LOG.info(
                            "restore {}/{}: created what the cluster lacked of the backup's schema: {}",
                            cluster.getMetadata().getNamespace(),
                            source.backupId(),
                            String.join("; ", changes.statements()));
                }
            }
            if (streaming) {
                StreamOrders.Orders orders =
                        streamOrders(session, manifests, schema.get(), List.copyOf(tables), cluster, spec);
                Optional<String> cannot = orders.refusal().isPresent()
                        ? orders.refusal()
                        : StreamDiskCheck.refusal(diskOf(members, assignments, manifests, tables, orders));
                if (cannot.isPresent()) {
                    return Optional.of("backup " + source.backupId() + " cannot be streamed into cluster "
                            + spec.getCluster() + ": " + cannot.get());
                }
                status.setRepairAdvised(orders.repairAdvised());
            }
            status.setMethod(streaming ? STREAM_METHOD : IN_PLACE_METHOD);
            status.setNodes(nodes);
            status.setTables(List.copyOf(tables));
            status.setStep(stepName(streaming ? RestoreStep.TRUNCATE : RestoreStep.DOWNLOAD));
        }
        return Optional.empty();
    }

    /** The restored tables for people: {@code shop.orders}, or {@code shop.orders into shop_copy.orders}. */
    private static String restoredTables(CassandraRestoreSpec spec, CassandraRestoreStatus status) {
        KeyspaceMapping keyspaces = new KeyspaceMapping(spec.getKeyspaceMapping());
        return status.getTables().stream()
                .map(t -> keyspaces.table(t).equals(t) ? t : t + " into " + keyspaces.table(t))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Each node's free disk, from its agent, beside what the restore streams to it and the most it
     * stages at once (the largest table of a backed-up node whose files it streams).
     *
     * @throws IOException when an agent does not report its disk: the restore asks again
     */
    private List<StreamDiskCheck.Node> diskOf(
            List<NodeStatus> members,
            List<Map.Entry<NodeStatus, String>> assignments,
            Map<String, NodeManifest> manifests,
            Set<String> tables,
            StreamOrders.Orders orders)
            throws IOException {
        List<StreamDiskCheck.Node> nodes = new ArrayList<>();
        for (NodeStatus member : members) {
            Long free = member.getIp() == null
                    ? null
                    : agents.view(member.getIp())
                            .map(reply -> reply.node().dataDisk())
                            .map(dev.cassini.contract.DataDisk::freeBytes)
                            .orElse(null);
            if (free == null) {
                throw new IOException("the agent of " + member.getPod() + " does not report its free disk yet");
            }
            long staged = assignments.stream()
                    .filter(a -> a.getKey().getPod().equals(member.getPod()))
                    .mapToLong(a -> StreamDiskCheck.largestTable(manifests.get(a.getValue()), tables))
                    .max()
                    .orElse(0);
            nodes.add(new StreamDiskCheck.Node(
                    member.getPod(), free, orders.receivedBytes().getOrDefault(member.getIp(), 0L), staged));
        }
        return nodes;
    }

    /** Each datacenter of the cluster's spec with the nodes it has now. */
    private static Map<String, Integer> nodesByDatacenter(CassandraCluster cluster, List<NodeStatus> members) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        cluster.getSpec().getDatacenters().forEach(dc -> nodes.put(dc.getName(), 0));
        members.forEach(m -> nodes.merge(m.getDatacenter(), 1, Integer::sum));
        return nodes;
    }

    /**
     * What each backed-up node's stream step sends where, from the backup's manifests and schema and
     * the cluster's ring, replication and table IDs as they are now.
     */
    private static StreamOrders.Orders streamOrders(
            CqlSession session,
            Map<String, NodeManifest> manifests,
            BackupSchema schema,
            List<String> tables,
            CassandraCluster cluster,
            CassandraRestoreSpec spec) {
        Map<String, List<String>> ring = ClusterSchema.tokensByHostId(session);
        List<StreamOrders.TargetNode> targets = new ArrayList<>();
        for (NodeStatus member : cluster.getStatus().getNodes()) {
            List<String> tokens = ring.get(member.getHostId());
            if (member.getIp() != null && tokens != null) {
                targets.add(
                        new StreamOrders.TargetNode(member.getIp(), member.getDatacenter(), member.getRack(), tokens));
            }
        }
        return StreamOrders.plan(
                manifests,
                schema,
                tables,
                targets,
                ClusterSchema.replication(session),
                ClusterSchema.tableIds(session),
                spec.getDatacenterMapping() == null ? Map.of() : spec.getDatacenterMapping(),
                new KeyspaceMapping(spec.getKeyspaceMapping()),
                dev.cassini.contract.Ports.STORAGE);
    }

    private static RestoreStep stepOf(CassandraRestoreStatus status) {
        if (status.getStep() == null || DONE.equals(status.getStep())) {
            return RestoreStep.DOWNLOAD;
        }
        return RestoreStep.valueOf(status.getStep().toUpperCase(java.util.Locale.ROOT));
    }

    /** Download, Truncate, Import: how status spells a step. */
    static String stepName(RestoreStep step) {
        String name = step.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Where a node's current step stands, read from its agent; the node's status takes what the job measured. */
    private BackupProgress.Node observe(NodeRestoreStatus node, RestoreStep step, String ip) {
        NodeJobObservation observed =
                NodeJobObservation.of(agents, node.getPod(), ip, node.getJob(), node.getState(), node.getMessage());
        observed.statusState().ifPresent(node::setState);
        observed.statusMessage().ifPresent(node::setMessage);
        observed.view().ifPresent(view -> {
            Map<String, Long> figures = view.figures();
            if (step == RestoreStep.DOWNLOAD || step == RestoreStep.STREAM) {
                if (figures.containsKey(RestoreRequest.FILES)) {
                    node.setFiles(figures.get(RestoreRequest.FILES).intValue());
                }
                node.setTotalBytes(figures.get(RestoreRequest.TOTAL_BYTES));
            }
            if (step == RestoreStep.STREAM) {
                node.setDownloadedBytes(figures.get(RestoreRequest.DOWNLOADED_BYTES));
                node.setStreamedBytes(figures.get(RestoreRequest.STREAMED_BYTES));
            }
            if (step == RestoreStep.DOWNLOAD) {
                Long downloaded = figures.get(RestoreRequest.DOWNLOADED_BYTES);
                Long staged = figures.get(RestoreRequest.STAGED_BYTES);
                if (downloaded != null || staged != null) {
                    node.setDownloadedBytes(
                            Objects.requireNonNullElse(downloaded, 0L) + Objects.requireNonNullElse(staged, 0L));
                }
            }
            rate(node, step, view);
        });
        return observed.node();
    }

    /**
     * The transfer rate of a node's Download or Stream step and the time it still needs: what this
     * job moved (files staged by an earlier run do not count) over the time it has run.
     */
    private static void rate(NodeRestoreStatus node, RestoreStep step, JobView job) {
        Long moved = job.figures()
                .get(step == RestoreStep.STREAM ? RestoreRequest.STREAMED_BYTES : RestoreRequest.DOWNLOADED_BYTES);
        Long total = job.figures().get(RestoreRequest.TOTAL_BYTES);
        if ((step != RestoreStep.DOWNLOAD && step != RestoreStep.STREAM) || moved == null || total == null) {
            return;
        }
        long done = step == RestoreStep.STREAM
                ? moved
                : moved + Objects.requireNonNullElse(job.figures().get(RestoreRequest.STAGED_BYTES), 0L);
        // Bytes sent differ a little from the files' size; a finished step has nothing left either way.
        TransferRate.of(
                        moved,
                        java.util.OptionalLong.of(Math.max(0, total - done)),
                        job.startedAt(),
                        job.finishedAt(),
                        Instant.now())
                .ifPresent(rate -> {
                    node.setBytesPerSecond(rate.bytesPerSecond());
                    node.setEtaSeconds(rate.etaSeconds().orElse(null));
                });
    }

    private void start(
            CassandraRestore restore,
            CassandraCluster cluster,
            RestoreSource source,
            RestorePlan.StartNodes start,
            Map<String, String> addresses,
            CassandraRestoreStatus status) {
        if (source == null) {
            status.setMessage("waiting for backup " + restore.getSpec().getBackup() + " to go on with the restore");
            return;
        }
        Map<String, RestoreStreams> streams = Map.of();
        if (start.step() == RestoreStep.STREAM) {
            StreamOrders.Orders orders;
            try (ObjectStore store = new ObjectStore(source.storage().settings());
                    CqlSession session = ClusterSchema.connect(client, cluster)) {
                orders = streamOrders(
                        session,
                        source.manifests(store),
                        source.schema(store)
                                .orElseThrow(() -> new IllegalStateException("the backup's schema.json is gone")),
                        status.getTables(),
                        cluster,
                        restore.getSpec());
            } catch (IOException | RuntimeException e) {
                status.setMessage("could not work out the streams: " + e.getMessage() + "; trying again");
                return;
            }
            if (orders.refusal().isPresent()) {
                fail(
                        status,
                        "NodeRestoreFailed",
                        "the streams can no longer be planned: "
                                + orders.refusal().get() + ". " + RestorePlan.stateAfterFailureIn(RestoreStep.STREAM));
                return;
            }
            streams = orders.byManifest();
        }
        if (status.getStartTime() == null) {
            status.setStartTime(Instant.now().toString());
        }
        status.setPhase(RUNNING);
        status.setMessage(start.reason());
        for (int i = 0; i < status.getNodes().size(); i++) {
            NodeRestoreStatus node = status.getNodes().get(i);
            if (!start.entries().contains(i)) {
                if (start.step() == RestoreStep.STREAM && PENDING.equals(node.getState())) {
                    node.setMessage(
                            "waits for " + node.getPod() + " to finish streaming another backed-up node's files");
                }
                continue;
            }
            String ip = addresses.get(node.getPod());
            if (ip == null) {
                node.setMessage("no address yet; started once the pod has one");
                continue;
            }
            // Truncating names the tables where the files land; the other steps name them as backed up.
            List<String> tables = start.step() == RestoreStep.TRUNCATE
                    ? new KeyspaceMapping(restore.getSpec().getKeyspaceMapping()).tables(status.getTables())
                    : status.getTables();
            try {
                node.setJob(agents.restore(
                        ip,
                        source.storage()
                                .restoreRequest(
                                        restore.getMetadata().getName(),
                                        start.step(),
                                        node.getManifest(),
                                        tables,
                                        streams.get(node.getManifest()))));
                node.setState(RUNNING);
                node.setMessage("started");
            } catch (NodeAgentClient.AgentException e) {
                if (e.status == 400) {
                    // The agent refused the request itself: no retry helps. A 409 (busy, not NORMAL) or a 503 is
                    // retried.
                    node.setState(FAILED);
                    node.setMessage(e.getMessage());
                    fail(status, "NodeRestoreFailed", node.getPod() + ": " + e.getMessage());
                    return;
                }
                node.setMessage("could not start: " + e.getMessage() + "; trying again");
            } catch (IOException e) {
                node.setMessage("could not start: " + e.getMessage() + "; trying again");
            }
        }
    }

    private static void fail(CassandraRestoreStatus status, String reason, String message) {
        status.setPhase(FAILED);
        status.setMessage(message);
        status.setCompletionTime(Instant.now().toString());
        status.setConditions(List.of(JobConditions.condition("Failed", reason, message)));
    }

    private static void totals(CassandraRestoreStatus status) {
        if (status.getNodes() == null) {
            return;
        }
        status.setTotalBytes(status.getNodes().stream()
                .map(NodeRestoreStatus::getTotalBytes)
                .filter(Objects::nonNull)
                .reduce(Long::sum)
                .orElse(null));
        status.setDownloadedBytes(status.getNodes().stream()
                .map(NodeRestoreStatus::getDownloadedBytes)
                .filter(Objects::nonNull)
                .reduce(Long::sum)
                .orElse(null));
        status.setStreamedBytes(status.getNodes().stream()
                .map(NodeRestoreStatus::getStreamedBytes)
                .filter(Objects::nonNull)
                .reduce(Long::sum)
                .orElse(null));
    }
}
