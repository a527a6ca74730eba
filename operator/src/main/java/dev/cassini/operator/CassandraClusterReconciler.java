package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.DesiredResources;
import dev.cassini.model.MonitoringResources;
import dev.cassini.model.NodeImage;
import dev.cassini.model.ScaleDownGuard;
import dev.cassini.model.VolumeClaimTemplates;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.NewClusterStart;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.Planner;
import dev.cassini.model.plan.ReconcilePace;
import dev.cassini.model.plan.VolumeExpansionPlan;
import dev.cassini.model.security.AgentCertificatePlan;
import dev.cassini.model.security.EncryptionRollout;
import dev.cassini.model.security.NodeEncryption;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles a CassandraCluster the same way every time: apply the desired objects, observe pods
 * and agents, ask the planner for the one next step, execute it, and record status and an event.
 * Kill it at any point and it resumes from what it observes.
 */
@ControllerConfiguration(name = "cassandracluster")
public final class CassandraClusterReconciler implements Reconciler<CassandraCluster>, Cleaner<CassandraCluster> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraClusterReconciler.class);

    private final ClusterObjects objects;
    private final NodeAgents agents;
    private final ClusterObservations observer;
    private final StepExecutor executor;
    private final EventRecorder events;
    private final OperatorMetrics metrics;
    private final NewClusterStart newClusterStart;
    private final NodeImage nodeImage;
    private final ContinuousRepairs continuousRepairs;
    private final AppliedObjects appliedObjects = new AppliedObjects();
    /** The watches on the clusters' objects; null on the fakes of the tests. */
    private final ClusterInformers informers;

    public CassandraClusterReconciler(
            KubernetesClient client,
            NodeAgents agents,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            Duration agentCertificateValidity,
            NodeImage nodeImage) {
        this(
                new ClusterInformers(),
                client,
                agents,
                agentCertificateValidity,
                Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "cassini-agent-call");
                    t.setDaemon(true);
                    return t;
                }),
                metrics,
                newClusterStart,
                nodeImage);
    }

    private CassandraClusterReconciler(
            ClusterInformers informers,
            KubernetesClient client,
            NodeAgents agents,
            Duration agentCertificateValidity,
            ExecutorService pool,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            NodeImage nodeImage) {
        this(
                informers,
                new KubernetesClusterObjects(client, informers, agentCertificateValidity),
                agents,
                new ClusterObserver(client, informers, agents, pool),
                new StepExecutor(agents, new KubernetesClusterOperations(client), pool),
                new ClusterEvents(client),
                metrics,
                newClusterStart,
                nodeImage,
                new ContinuousRepairs(new KubernetesRepairRuns(client), metrics));
    }

    /** The reconciler on its ports: the API server, the agents, the observer, the executor, events. */
    CassandraClusterReconciler(
            ClusterObjects objects,
            NodeAgents agents,
            ClusterObservations observer,
            StepExecutor executor,
            EventRecorder events,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            NodeImage nodeImage,
            ContinuousRepairs continuousRepairs) {
        this(null, objects, agents, observer, executor, events, metrics, newClusterStart, nodeImage, continuousRepairs);
    }

    private CassandraClusterReconciler(
            ClusterInformers informers,
            ClusterObjects objects,
            NodeAgents agents,
            ClusterObservations observer,
            StepExecutor executor,
            EventRecorder events,
            OperatorMetrics metrics,
            NewClusterStart newClusterStart,
            NodeImage nodeImage,
            ContinuousRepairs continuousRepairs) {
        this.informers = informers;
        this.objects = objects;
        this.agents = agents;
        this.observer = observer;
        this.executor = executor;
        this.events = events;
        this.metrics = metrics;
        this.newClusterStart = newClusterStart;
        this.nodeImage = nodeImage;
        this.continuousRepairs = continuousRepairs;
    }

    /** Watches on what the operator makes for its clusters: a change reconciles its cluster at once. */
    @Override
    public List<EventSource<?, CassandraCluster>> prepareEventSources(EventSourceContext<CassandraCluster> context) {
        return informers == null ? List.of() : informers.eventSources(context);
    }

    @Override
    public UpdateControl<CassandraCluster> reconcile(CassandraCluster resource, Context<CassandraCluster> context) {
        MDC.put("namespace", resource.getMetadata().getNamespace());
        MDC.put("cluster", resource.getMetadata().getName());
        long started = System.nanoTime();
        try {
            ClusterShape target = ClusterShape.of(resource);
            List<HasMetadata> desired = DesiredResources.of(target, Owner.of(resource), nodeImage);
            List<HasMetadata> existing = objects.existing(desired);
            // spec.tls reaches running nodes one step at a time: the templates carry the step in force.
            NodeEncryption encryption = EncryptionRollout.next(
                    target.encryption(),
                    existing.stream()
                            .filter(StatefulSet.class::isInstance)
                            .map(o -> EncryptionRollout.rack((StatefulSet) o))
                            .toList(),
                    resource.getStatus() != null
                            && "Ready".equals(resource.getStatus().getPhase()));
            ClusterShape shape = target.withEncryption(encryption);
            if (!encryption.equals(target.encryption())) {
                desired = DesiredResources.of(shape, Owner.of(resource), nodeImage);
            }
            Optional<String> clash =
                    NameClash.find(existing, resource.getMetadata().getUid());
            List<Unapplied> unapplied = new ArrayList<>();
            if (clash.isEmpty()) {
                keepReplicas(desired, existing, objects::podsInUse);
                unapplied.addAll(keepVolumeClaimTemplates(desired, existing));
                // One refused object must not stop the others, nor the step below: each is applied
                // on its own, and what failed shows in status until it applies.
                Map<String, HasMetadata> existingByKey = new java.util.HashMap<>();
                existing.forEach(o -> existingByKey.put(AppliedObjects.key(o), o));
                // before the StatefulSets: a pod finds its certificates when it starts
                List<ClusterObjects.RackPods> certificatePods = certificatePods(desired, existingByKey);
                issue(
                        () -> objects.issueAgentCertificates(resource, certificatePods),
                        Unapplied.AGENT_CERTIFICATES,
                        "cannot issue the node agents' certificates (pods without one wait to start): ",
                        unapplied);
                if (encryption.any() || target.encryption().any()) {
                    issue(
                            () -> objects.issueCassandraCertificates(resource, certificatePods),
                            Unapplied.CASSANDRA_CERTIFICATES,
                            "cannot issue the Cassandra nodes' certificates for spec.tls (pods without one wait to"
                                    + " start): ",
                            unapplied);
                }
                for (HasMetadata object : desired) {
                    apply(resource, object, existingByKey.get(AppliedObjects.key(object)), unapplied);
                }
                if (objects.podMonitorsAvailable()) {
                    HasMetadata podMonitor = MonitoringResources.podMonitor(shape, Owner.of(resource));
                    apply(
                            resource,
                            podMonitor,
                            objects.existing(List.of(podMonitor)).stream()
                                    .findFirst()
                                    .orElse(null),
                            unapplied);
                }
            }
            ClusterObserver.Observation observation = observer.observe(resource);
            if (clash.isEmpty()) {
                VolumeExpansionPlan.problems(observation.cluster())
                        .forEach(p -> unapplied.add(new Unapplied(p.reason(), p.message())));
            }
            Action action = clash.<Action>map(m -> new Action.Refuse(Action.Refuse.NAME_CLASH, m))
                    .orElseGet(() -> Planner.next(observation.cluster(), newClusterStart));
            MDC.put("step", ClusterStatusFactory.reason(action));

            CassandraClusterStatus previous = resource.getStatus();
            boolean initialized = previous != null && Boolean.TRUE.equals(previous.getInitialized());
            Optional<String> failure = Optional.empty();
            Map<String, String> startedJobs = Map.of();
            try {
                startedJobs = executor.execute(resource, observation, action);
                if (action instanceof Action.InitializeAuth
                        || ((!shape.authEnabled() || shape.joinsExternalRing())
                                && action instanceof Action.Converged)) {
                    initialized = true;
                }
            } catch (IOException | RuntimeException e) {
                failure = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.warn("step {} failed: {}", ClusterStatusFactory.reason(action), failure.get());
            }

            String previousStep = previous == null ? null : previous.getStep();
            CassandraClusterStatus status = ClusterStatusFactory.build(
                    resource, observation, observation.ring(), action, failure, initialized, unapplied, Instant.now());
            status.setPendingCleanup(PendingCleanup.after(
                    observation.cluster().cleanup(),
                    previous == null ? null : previous.getPendingCleanup(),
                    action,
                    startedJobs.values().stream().findFirst(),
                    observation.cluster().nodes().stream()
                            .map(ObservedNode::pod)
                            .collect(Collectors.toSet())));
            JoinStatus.apply(
                    status.getDatacenters(),
                    previous,
                    observation.cluster().joins(),
                    action,
                    failure,
                    startedJobs,
                    Instant.now());
            for (Unapplied item : unapplied) {
                // Announced once: the last status already carries it (compared by its start, as a
                // condition's message is cut at 1000 characters).
                String start =
                        item.message().substring(0, Math.min(200, item.message().length()));
                if (!ClusterStatusFactory.degradedMessage(previous).contains(start)) {
                    events.record(resource, EventRecorder.WARNING, item.reason(), item.message());
                }
            }
            if (!status.getStep().equals(previousStep)) {
                LOG.info("{}", status.getStep());
                boolean warning = failure.isPresent() || action instanceof Action.Refuse;
                events.record(
                        resource,
                        warning ? EventRecorder.WARNING : EventRecorder.NORMAL,
                        ClusterStatusFactory.reason(action),
                        status.getStep());
            }
            if (encryption.any() || target.encryption().any()) {
                status.getConditions()
                        .add(StatusConditions.of(
                                previous == null ? null : previous.getConditions(),
                                "EncryptionSettled",
                                encryption.equals(target.encryption()),
                                encryption.equals(target.encryption()) ? "AtSpec" : "RollingOut",
                                EncryptionRollout.describe(encryption, target.encryption()),
                                status.getObservedGeneration(),
                                Instant.now()));
            }
            restoreFromBackup(resource, previous, status);
            continuousRepairs.apply(
                    resource,
                    previous,
                    status,
                    observation.cluster().schemaVersions().values(),
                    Instant.now());
            resource.setStatus(status);
            metrics.reconciled(
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(),
                    ClusterStatusFactory.reason(action),
                    failure.isPresent(),
                    (System.nanoTime() - started) / 1e9,
                    status.getReadyNodes(),
                    status.getDesiredNodes(),
                    "Ready".equals(status.getPhase()));
            Duration next = ReconcilePace.after(
                    action,
                    failure.isPresent(),
                    status.getStep().equals(previousStep),
                    // a pod that runs, whose agent's JVM is still starting
                    observation.cluster().nodes().stream()
                            .anyMatch(n -> n.address().isPresent() && n.agent().isEmpty()));
            // A status that says what the stored one says is not written again: a Ready cluster's
            // reconciles then cost the API server no write.
            if (previous != null && Serialization.asJson(previous).equals(Serialization.asJson(status))) {
                return UpdateControl.<CassandraCluster>noUpdate().rescheduleAfter(next);
            }
            return UpdateControl.patchStatus(resource).rescheduleAfter(next);
        } finally {
            MDC.clear();
        }
    }

    /** Issues certificates; a failure shows in status as {@code reason}, and the reconcile goes on. */
    private static void issue(Runnable issue, String reason, String message, List<Unapplied> unapplied) {
        try {
            issue.run();
        } catch (RuntimeException e) {
            unapplied.add(new Unapplied(reason, message + e.getMessage()));
        }
    }

    /**
     * The pods each rack has or will have, whose agents need a certificate: as many as the larger of
     * the StatefulSet's replicas now and desired (a shrinking rack's leaving pods still serve).
     */
    static List<ClusterObjects.RackPods> certificatePods(
            List<HasMetadata> desired, Map<String, HasMetadata> existingByKey) {
        List<ClusterObjects.RackPods> racks = new ArrayList<>();
        for (HasMetadata object : desired) {
            if (object instanceof StatefulSet set) {
                HasMetadata stored = existingByKey.get(AppliedObjects.key(set));
                int current = stored instanceof StatefulSet now && now.getSpec().getReplicas() != null
                        ? now.getSpec().getReplicas()
                        : 0;
                Map<String, String> labels = set.getMetadata().getLabels();
                racks.add(new ClusterObjects.RackPods(
                        labels.get(ClusterNames.LABEL_DATACENTER),
                        labels.get(ClusterNames.LABEL_RACK),
                        AgentCertificatePlan.podsOf(
                                set.getMetadata().getName(),
                                current,
                                set.getSpec().getReplicas())));
            }
        }
        return racks;
    }

    /**
     * For a cluster created with spec.restoreFrom: once it is Ready, creates the restore that fills
     * it, once (status remembers it, so a deleted restore is not run again).
     */
    private void restoreFromBackup(
            CassandraCluster resource, CassandraClusterStatus previous, CassandraClusterStatus status) {
        status.setRestore(previous == null ? null : previous.getRestore());
        if (resource.getSpec().getRestoreFrom() == null
                || status.getRestore() != null
                || !"Ready".equals(status.getPhase())) {
            return;
        }
        try {
            objects.apply(RestoreFromBackup.restore(resource));
            status.setRestore(RestoreFromBackup.name(resource));
            events.record(
                    resource,
                    EventRecorder.NORMAL,
                    "RestoreCreated",
                    "the cluster is Ready; restoring backup "
                            + (resource.getSpec().getRestoreFrom().getSource() == null
                                    ? resource.getSpec().getRestoreFrom().getBackup()
                                    : resource.getSpec()
                                            .getRestoreFrom()
                                            .getSource()
                                            .getBackupId())
                            + " into it: CassandraRestore "
                            + status.getRestore());
        } catch (RuntimeException e) {
            LOG.warn("could not create the restore for spec.restoreFrom: {}; trying again", e.getMessage());
        }
    }

    /**
     * Applies one object, unless the last apply of the same object still stands (see {@link
     * AppliedObjects}); a refusal by the API server is recorded, counted, and reported in status.
     */
    private void apply(CassandraCluster resource, HasMetadata object, HasMetadata existing, List<Unapplied> unapplied) {
        if (!appliedObjects.needsApply(object, existing)) {
            return;
        }
        try {
            appliedObjects.applied(object, objects.apply(object));
        } catch (KubernetesClientException e) {
            appliedObjects.forget(object);
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage();
            LOG.warn(
                    "could not apply {} {}: {}",
                    object.getKind(),
                    object.getMetadata().getName(),
                    reason);
            metrics.applyFailed(
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(),
                    object.getKind());
            unapplied.add(new Unapplied(
                    Unapplied.APPLY_FAILED,
                    "could not apply " + object.getKind() + " "
                            + object.getMetadata().getName() + ": " + reason
                            + ". The cluster keeps running with it as it was; "
                            + "change the spec so the API server accepts it, and the next reconcile applies it"));
        }
    }

    /** A StatefulSet keeps the volume claim templates it was created with (see {@link VolumeClaimTemplates}). */
    private static List<Unapplied> keepVolumeClaimTemplates(List<HasMetadata> desired, List<HasMetadata> existing) {
        Map<String, StatefulSet> have = statefulSetsByName(existing);
        java.util.Set<String> messages = new java.util.LinkedHashSet<>();
        statefulSetsByName(desired).forEach((name, set) -> {
            if (have.containsKey(name)) {
                VolumeClaimTemplates.keepExisting(set, have.get(name)).ifPresent(messages::add);
            }
        });
        return messages.stream()
                .map(m -> new Unapplied(Unapplied.STORAGE_CHANGE_REFUSED, m))
                .toList();
    }

    /**
     * Applying never shrinks a StatefulSet; a node leaves only by decommission (see {@link
     * ScaleDownGuard}). A StatefulSet that is missing while its pods run (deleted to be re-created
     * with a bigger volume template) is created with at least as many replicas as it has pods.
     */
    private static void keepReplicas(
            List<HasMetadata> desired, List<HasMetadata> existing, ToIntFunction<StatefulSet> podsInUse) {
        Map<String, StatefulSet> sets = statefulSetsByName(desired);
        Map<String, Integer> want = new LinkedHashMap<>();
        sets.forEach((name, set) -> want.put(name, set.getSpec().getReplicas()));
        Map<String, Integer> have = new HashMap<>();
        Map<String, StatefulSet> existingSets = statefulSetsByName(existing);
        existingSets.forEach((name, set) -> {
            if (set.getSpec().getReplicas() != null) {
                have.put(name, set.getSpec().getReplicas());
            }
        });
        sets.forEach((name, set) -> {
            if (!existingSets.containsKey(name)) {
                have.put(name, podsInUse.applyAsInt(set));
            }
        });
        Map<String, Integer> replicas = ScaleDownGuard.replicas(want, have);
        sets.forEach((name, set) -> set.getSpec().setReplicas(replicas.get(name)));
    }

    /** The StatefulSets among these objects, by name, in their order. */
    private static Map<String, StatefulSet> statefulSetsByName(List<HasMetadata> objects) {
        Map<String, StatefulSet> sets = new LinkedHashMap<>();
        objects.stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .forEach(set -> sets.put(set.getMetadata().getName(), set));
        return sets;
    }

    /**
     * Deleting a cluster drains and stops every node (no write is left only in a commit log); the
     * volumes stay unless spec.deletionPolicy is Delete. Owner references remove the rest.
     */
    @Override
    public DeleteControl cleanup(CassandraCluster resource, Context<CassandraCluster> context) {
        ClusterObserver.Observation observation = observer.observe(resource);
        observation.addresses().values().parallelStream().forEach(ip -> {
            try {
                agents.stop(ip);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not stop node at {} cleanly: {}", ip, e.getMessage());
            }
        });
        if (resource.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
            objects.deleteVolumeClaims(
                    resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName());
        }
        metrics.forget(
                resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }
}
