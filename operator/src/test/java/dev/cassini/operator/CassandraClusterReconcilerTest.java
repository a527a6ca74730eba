package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.AuthLogin;
import dev.cassini.model.plan.ClusterHistory;
import dev.cassini.model.plan.NewClusterStart;
import dev.cassini.model.plan.ObservedCluster;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.StorageObservation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile loop on hand-written fakes of the API server, the agents and the observer: what it
 * applies, which step it executes, and what status, events and requeue follow, also when a call fails.
 */
class CassandraClusterReconcilerTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final FakeClusterObjects objects = new FakeClusterObjects();
    private final FakeNodeAgents agents = new FakeNodeAgents();
    private final FakeClusterOperations kube = new FakeClusterOperations();
    private final List<String> events = new ArrayList<>();
    private final CassandraCluster resource = Serialization.unmarshal("""
            apiVersion: cassini.dev/v1alpha1
            kind: CassandraCluster
            metadata: {name: demo, namespace: ns, uid: uid-demo, generation: 2}
            spec:
              datacenters:
                - name: dc1
                  size: 3
                  racks: [{name: r1}, {name: r2}, {name: r3}]
            """, CassandraCluster.class);
    private final ClusterShape shape = ClusterShape.of(resource);
    /** What the fake observer sees: each pod's agent state (all at the right seeds). */
    private final Map<String, AgentView> views = new LinkedHashMap<>();

    private boolean authInitialized;
    private AuthLogin authLogin = AuthLogin.NOT_CHECKED;
    /** The cluster's volume claims and the StorageClasses that exist, as the fake observer sees them. */
    private final List<PersistentVolumeClaim> claims = new ArrayList<>();

    private final Map<String, Boolean> expansionByClass = new LinkedHashMap<>();

    private final FakeRepairRuns repairRuns = new FakeRepairRuns();

    private final CassandraClusterReconciler reconciler = new CassandraClusterReconciler(
            objects,
            agents,
            this::observe,
            new StepExecutor(agents, kube, pool),
            (cluster, type, reason, message) -> events.add(type + " " + reason),
            new OperatorMetrics(registry),
            NewClusterStart.CONCURRENT,
            dev.cassini.model.NodeImage.DEFAULT,
            new ContinuousRepairs(repairRuns, new OperatorMetrics(new PrometheusRegistry())));

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private ClusterObserver.Observation observe(CassandraCluster cluster) {
        List<ObservedNode> nodes = new ArrayList<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        for (NodeSlot slot : shape.slots()) {
            String ip = "10.0.0." + (slot.interleavedIndex() + 1);
            addresses.put(slot.pod(), ip);
            nodes.add(new ObservedNode(slot, Optional.of(ip), Optional.ofNullable(views.get(slot.pod()))));
        }
        List<String> seeds = ClusterHistory.seeds(shape, nodes, ClusterHistory.ringFormed(Map.of(), nodes));
        nodes.replaceAll(n -> n.agent().isEmpty()
                ? n
                : new ObservedNode(
                        n.slot(),
                        n.address(),
                        Optional.of(new AgentView(
                                n.agent().get().state(),
                                n.agent().get().hostId(),
                                n.agent().get().joined(),
                                seeds)),
                        n.outdated()));
        ObservedCluster observed = ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(seeds)
                .authEnabled(shape.authEnabled())
                .authInitialized(authInitialized)
                .authLogin(authLogin)
                .newClusterTokens(ClusterHistory.newClusterTokens(shape))
                .storage(StorageObservation.of(
                        shape,
                        objects.stored.values().stream()
                                .filter(StatefulSet.class::isInstance)
                                .map(StatefulSet.class::cast)
                                .toList(),
                        claims,
                        List.of(),
                        name -> Optional.ofNullable(expansionByClass.get(name))))
                .build();
        return new ClusterObserver.Observation(shape, observed, addresses, Map.of());
    }

    private void everyNode(NodeState state, boolean joined) {
        shape.slots()
                .forEach(slot -> views.put(
                        slot.pod(), new AgentView(state, joined ? "host-" + slot.pod() : null, joined, List.of())));
    }

    private UpdateControl<CassandraCluster> reconcile() {
        return reconciler.reconcile(resource, null);
    }

    private static Condition condition(CassandraClusterStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aNewClusterGetsItsObjectsAppliedAndEveryNodeStartedAtOnce() {
        everyNode(NodeState.NOT_STARTED, false);

        UpdateControl<CassandraCluster> control = reconcile();

        assertThat(objects.applied)
                .extracting(HasMetadata::getKind)
                .contains("StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget");
        assertThat(objects.applied).extracting(HasMetadata::getKind).doesNotContain("PodMonitor");
        // every pod's agent certificate is asked for before any StatefulSet can start a pod
        assertThat(objects.appliedBeforeCertificates).isZero();
        assertThat(objects.certificateRequests.get(0))
                .extracting(r -> r.datacenter() + "/" + r.rack() + "=" + r.pods())
                .containsExactly("dc1/r1=[demo-dc1-r1-0]", "dc1/r2=[demo-dc1-r2-0]", "dc1/r3=[demo-dc1-r3-0]");
        assertThat(agents.calls).containsExactlyInAnyOrder("start 10.0.0.1", "start 10.0.0.2", "start 10.0.0.3");
        assertThat(agents.starts.values())
                .allSatisfy(start -> assertThat(start.autoBootstrap()).isFalse());
        CassandraClusterStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("StartNodes");
        assertThat(events).containsExactly("Normal StartNodes");
        assertThat(control.getScheduleDelay()).contains(3_000L);
    }

    @Test
    void theSameStepAgainRecordsNoSecondEvent() {
        everyNode(NodeState.STARTING, false);
        reconcile();
        reconcile();
        assertThat(events).containsExactly("Normal Wait");
    }

    @Test
    void aPodMonitorIsAppliedWhereThePrometheusOperatorIsInstalled() {
        everyNode(NodeState.STARTING, false);
        objects.podMonitors = true;
        reconcile();
        assertThat(objects.applied).extracting(HasMetadata::getKind).contains("PodMonitor");
    }

    @Test
    void applyingNeverShrinksAStatefulSet() {
        everyNode(NodeState.STARTING, false);
        StatefulSet bigger = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-dc1-r1")
                .withNamespace("ns")
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withUid("uid-demo")
                        .withController(true)
                        .withKind("CassandraCluster")
                        .withName("demo")
                        .build())
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .build();
        objects.put(bigger);
        reconcile();
        StatefulSet applied = (StatefulSet) objects.applied.stream()
                .filter(o -> o.getMetadata().getName().equals("demo-dc1-r1") && o instanceof StatefulSet)
                .findFirst()
                .orElseThrow();
        assertThat(applied.getSpec().getReplicas()).isEqualTo(2);
        assertThat(objects.certificateRequests.get(0).get(0).pods()).containsExactly("demo-dc1-r1-0", "demo-dc1-r1-1");
    }

    @Test
    void objectsOfAnotherClusterUnderOurNamesStopEverythingWithAReason() {
        everyNode(NodeState.NOT_STARTED, false);
        objects.put(new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-dc1-r1")
                .withNamespace("ns")
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withUid("uid-other")
                        .withController(true)
                        .withKind("CassandraCluster")
                        .withName("demo-dc1")
                        .build())
                .endMetadata()
                .build());

        UpdateControl<CassandraCluster> control = reconcile();

        assertThat(objects.applied).isEmpty();
        assertThat(agents.calls).isEmpty();
        CassandraClusterStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("NameClash");
        assertThat(events).containsExactly("Warning Refuse");
    }

    @Test
    void aFailedStepShowsInStatusAndAsAWarningAndTheNextReconcileRetries() {
        everyNode(NodeState.NOT_STARTED, false);
        agents.failing.add("10.0.0.2");

        UpdateControl<CassandraCluster> control = reconcile();

        CassandraClusterStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("StepFailed");
        assertThat(condition(status, "Degraded").getMessage()).contains("demo-dc1-r2-0", "refused for the test");
        assertThat(events).containsExactly("Warning StartNodes");
        assertThat(control.getScheduleDelay()).contains(3_000L);

        agents.failing.clear();
        CassandraClusterStatus retried = reconcile().getResource().orElseThrow().getStatus();
        assertThat(condition(retried, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void authIsSetUpOnceADefaultRoleLogsInAndRememberedInStatus() {
        everyNode(NodeState.NORMAL, true);
        authLogin = AuthLogin.NONE;
        CassandraClusterStatus waiting = reconcile().getResource().orElseThrow().getStatus();
        assertThat(waiting.getStep()).contains("default role");
        assertThat(kube.calls).isEmpty();

        authLogin = AuthLogin.DEFAULT_ROLE;
        CassandraClusterStatus done = reconcile().getResource().orElseThrow().getStatus();
        assertThat(kube.calls).containsExactly("initialize auth of demo via [10.0.0.1, 10.0.0.2, 10.0.0.3]");
        assertThat(done.getInitialized()).isTrue();
    }

    @Test
    void aFailedAuthSetupIsNotRememberedAsDone() {
        everyNode(NodeState.NORMAL, true);
        authLogin = AuthLogin.DEFAULT_ROLE;
        kube.refusal = new KubernetesClientException("secrets is forbidden");
        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();
        assertThat(status.getInitialized()).isNotEqualTo(Boolean.TRUE);
        assertThat(condition(status, "Degraded").getMessage()).contains("forbidden");
    }

    @Test
    void aConvergedClusterIsLookedAtAgainIn30Seconds() {
        everyNode(NodeState.NORMAL, true);
        authInitialized = true;
        resource.setStatus(new CassandraClusterStatus());
        resource.getStatus().setInitialized(true);
        UpdateControl<CassandraCluster> control = reconcile();
        assertThat(condition(control.getResource().orElseThrow().getStatus(), "Ready")
                        .getStatus())
                .isEqualTo("True");
        assertThat(control.getScheduleDelay()).contains(30_000L);
    }

    @Test
    void aConvergedClusterThatNothingChangedCostsNoWriteUntilSomethingDoes() {
        everyNode(NodeState.NORMAL, true);
        authInitialized = true;
        resource.setStatus(new CassandraClusterStatus());
        resource.getStatus().setInitialized(true);
        UpdateControl<CassandraCluster> first = reconcile();
        assertThat(first.isPatchStatus()).isTrue();
        assertThat(objects.applied).isNotEmpty();

        // the next reconcile sees the status it wrote and the objects it applied, unchanged
        resource.setStatus(first.getResource().orElseThrow().getStatus());
        objects.applied.clear();
        UpdateControl<CassandraCluster> second = reconcile();
        assertThat(objects.applied).as("objects applied again").isEmpty();
        assertThat(second.isNoUpdate()).as("status written again").isTrue();
        assertThat(second.getScheduleDelay()).contains(30_000L);

        // someone else changes a StatefulSet's spec: that one, and only that one, is applied again
        objects.stored.get("StatefulSet/demo-dc1-r2").getMetadata().setGeneration(7L);
        reconcile();
        assertThat(objects.applied).extracting(FakeClusterObjects::key).containsExactly("StatefulSet/demo-dc1-r2");

        // a changed spec changes what is desired: applied again
        objects.applied.clear();
        resource.getSpec().getDatacenters().get(0).setHeap("768M");
        reconcile();
        assertThat(objects.applied).extracting(FakeClusterObjects::key).contains("StatefulSet/demo-dc1-r1");
    }

    private static Map<String, String> encryptionEnv(HasMetadata statefulSet) {
        Map<String, String> env = new LinkedHashMap<>();
        ((StatefulSet) statefulSet)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .filter(e -> e.getName().endsWith("_ENCRYPTION"))
                        .forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private void tls(String client, String internode) {
        dev.cassini.api.v1alpha1.TlsSpec tls = new dev.cassini.api.v1alpha1.TlsSpec();
        tls.setClient(dev.cassini.api.v1alpha1.ClientTls.valueOf(client));
        tls.setInternode(dev.cassini.api.v1alpha1.InternodeTls.valueOf(internode));
        resource.getSpec().setTls(tls);
    }

    @Test
    void aNewClusterWithTlsStartsEncryptedWithItsNodeCertificatesIssuedFirst() {
        everyNode(NodeState.NOT_STARTED, false);
        tls("Required", "Required");

        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();

        assertThat(objects.cassandraCertificateRequests.get(0))
                .extracting(r -> r.datacenter() + "/" + r.rack() + "=" + r.pods())
                .containsExactly("dc1/r1=[demo-dc1-r1-0]", "dc1/r2=[demo-dc1-r2-0]", "dc1/r3=[demo-dc1-r3-0]");
        assertThat(encryptionEnv(objects.stored.get("StatefulSet/demo-dc1-r1")))
                .containsEntry("CASSINI_CLIENT_ENCRYPTION", "required")
                .containsEntry("CASSINI_INTERNODE_ENCRYPTION", "required");
        assertThat(condition(status, "EncryptionSettled").getStatus()).isEqualTo("True");
    }

    @Test
    void aClusterWithoutTlsKeepsItsTemplateAndIssuesNoNodeCertificate() {
        everyNode(NodeState.NOT_STARTED, false);

        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();

        assertThat(objects.cassandraCertificateRequests).isEmpty();
        assertThat(encryptionEnv(objects.stored.get("StatefulSet/demo-dc1-r1"))).isEmpty();
        assertThat(status.getConditions()).extracting(Condition::getType).doesNotContain("EncryptionSettled");
    }

    @Test
    void tlsReachesARunningClusterOneStepAtATimeEachOnlyOnceEveryRackRunsTheLastOne() {
        everyNode(NodeState.NORMAL, true);
        authInitialized = true;
        resource.setStatus(new CassandraClusterStatus());
        resource.getStatus().setInitialized(true);
        resource.setStatus(reconcile().getResource().orElseThrow().getStatus());
        assertThat(resource.getStatus().getPhase()).isEqualTo("Ready");

        // spec.tls turned on while a rack's pods still restart: the templates stay where they are
        tls("Required", "Required");
        objects.stored.values().stream()
                .filter(StatefulSet.class::isInstance)
                .forEach(o -> settle((StatefulSet) o, o.getMetadata().getName().endsWith("r3") ? 0 : 1));
        CassandraClusterStatus waiting = reconcile().getResource().orElseThrow().getStatus();
        assertThat(encryptionEnv(objects.stored.get("StatefulSet/demo-dc1-r1"))).isEmpty();
        assertThat(condition(waiting, "EncryptionSettled").getReason()).isEqualTo("RollingOut");
        assertThat(objects.cassandraCertificateRequests)
                .as("certificates come before the first step")
                .isNotEmpty();

        // every rack settled and the cluster Ready: the first step, on every rack
        objects.stored.values().stream().filter(StatefulSet.class::isInstance).forEach(o -> settle((StatefulSet) o, 1));
        CassandraClusterStatus first = reconcile().getResource().orElseThrow().getStatus();
        for (String rack : List.of("r1", "r2", "r3")) {
            assertThat(encryptionEnv(objects.stored.get("StatefulSet/demo-dc1-" + rack)))
                    .containsEntry("CASSINI_CLIENT_ENCRYPTION", "optional")
                    .containsEntry("CASSINI_INTERNODE_ENCRYPTION", "accept");
        }
        assertThat(condition(first, "EncryptionSettled").getMessage())
                .contains("nodes move to client optional, internode accept; 2 more rolling restarts");

        // the controller has not seen the new templates yet: no second step
        objects.stored.values().stream().filter(StatefulSet.class::isInstance).forEach(o -> {
            settle((StatefulSet) o, 1);
            o.getMetadata().setGeneration(3L);
        });
        reconcile();
        assertThat(encryptionEnv(objects.stored.get("StatefulSet/demo-dc1-r2")))
                .containsEntry("CASSINI_INTERNODE_ENCRYPTION", "accept");
    }

    /** The StatefulSet as its controller reports it once {@code ready} of its one replica run its template. */
    private static void settle(StatefulSet set, int ready) {
        set.getMetadata().setGeneration(2L);
        set.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                .withObservedGeneration(2L)
                .withUpdatedReplicas(ready)
                .withReadyReplicas(ready)
                .withReplicas(1)
                .build());
    }

    @Test
    void certificatesThatCannotBeIssuedShowInStatusWhileTheObjectsApplyAndTheStepRuns() {
        everyNode(NodeState.NOT_STARTED, false);
        objects.certificateRefusal = new KubernetesClientException("secrets is forbidden: cannot create");

        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();

        assertThat(objects.applied).extracting(FakeClusterObjects::key).contains("StatefulSet/demo-dc1-r1");
        assertThat(agents.calls).contains("start 10.0.0.1");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("AgentCertificatesFailed");
        assertThat(condition(status, "Degraded").getMessage())
                .contains("cannot issue the node agents' certificates", "secrets is forbidden");
        assertThat(events).contains("Warning AgentCertificatesFailed");
    }

    @Test
    void anObjectTheApiServerRefusesShowsInStatusWhileTheOthersApplyAndTheStepRuns() {
        everyNode(NodeState.NOT_STARTED, false);
        objects.refusals.put(
                "Service/demo-dc1-cql",
                new KubernetesClientException("Service \"demo-dc1-cql\" is invalid: spec.ports: Required value"));

        UpdateControl<CassandraCluster> control = reconcile();

        assertThat(objects.applied)
                .extracting(FakeClusterObjects::key)
                .contains("StatefulSet/demo-dc1-r1")
                .doesNotContain("Service/demo-dc1-cql");
        assertThat(agents.calls).contains("start 10.0.0.1");
        CassandraClusterStatus status = control.getResource().orElseThrow().getStatus();
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ApplyFailed");
        assertThat(condition(status, "Degraded").getMessage())
                .contains("could not apply Service demo-dc1-cql", "Required value");
        assertThat(status.getObservedGeneration())
                .as("a spec not applied in full is not observed")
                .isZero();
        assertThat(events).contains("Warning ApplyFailed");
        assertThat(metricValue("cassini_operator_apply_failures_total")).isEqualTo(1.0);

        objects.refusals.clear();
        resource.setStatus(status);
        CassandraClusterStatus recovered =
                reconcile().getResource().orElseThrow().getStatus();
        assertThat(condition(recovered, "Degraded").getReason()).isNotEqualTo("ApplyFailed");
        assertThat(recovered.getObservedGeneration()).isEqualTo(2L);
    }

    /** A running 3-node cluster whose StatefulSets and claims have 10Gi volumes of class "standard", and a spec asking 20Gi. */
    private void tenGigabyteVolumesAskedToGrow() {
        everyNode(NodeState.NORMAL, true);
        authInitialized = true;
        resource.setStatus(new CassandraClusterStatus());
        resource.getStatus().setInitialized(true);
        resource.getStatus().setObservedGeneration(1L);
        for (String rack : List.of("r1", "r2", "r3")) {
            objects.put(new StatefulSetBuilder()
                    .withNewMetadata()
                    .withName("demo-dc1-" + rack)
                    .withNamespace("ns")
                    .addToOwnerReferences(new OwnerReferenceBuilder()
                            .withUid("uid-demo")
                            .withController(true)
                            .withKind("CassandraCluster")
                            .withName("demo")
                            .build())
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .addNewVolumeClaimTemplate()
                    .withNewMetadata()
                    .withName("data")
                    .endMetadata()
                    .withNewSpec()
                    .withNewResources()
                    .addToRequests("storage", new Quantity("10Gi"))
                    .endResources()
                    .endSpec()
                    .endVolumeClaimTemplate()
                    .endSpec()
                    .build());
            claims.add(new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("data-demo-dc1-" + rack + "-0")
                    .endMetadata()
                    .withNewSpec()
                    .withStorageClassName("standard")
                    .withNewResources()
                    .addToRequests("storage", new Quantity("10Gi"))
                    .endResources()
                    .endSpec()
                    .withNewStatus()
                    .addToCapacity("storage", new Quantity("10Gi"))
                    .endStatus()
                    .build());
        }
        resource.getSpec().getDatacenters().get(0).setStorage(new dev.cassini.api.v1alpha1.StorageSpec());
        resource.getSpec().getDatacenters().get(0).getStorage().setSize("20Gi");
    }

    private String templateSize(String statefulSet) {
        return ((StatefulSet) objects.stored.get("StatefulSet/" + statefulSet))
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage")
                .toString();
    }

    @Test
    void growingVolumesOfAClassThatForbidsItIsRefusedOnceAndEverythingElseStillHappens() {
        tenGigabyteVolumesAskedToGrow();
        expansionByClass.put("standard", false);

        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();

        assertThat(templateSize("demo-dc1-r1")).isEqualTo("10Gi");
        assertThat(kube.calls).noneMatch(c -> c.startsWith("grow"));
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("StorageExpansionRefused");
        assertThat(condition(status, "Degraded").getMessage())
                .startsWith("datacenter dc1 asks for 20Gi volumes (they have 10Gi), but StorageClass standard does not "
                        + "allow volume expansion");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getPhase()).isEqualTo("Degraded");
        assertThat(events).containsOnlyOnce("Warning StorageExpansionRefused");

        resource.setStatus(status);
        reconcile();
        assertThat(events)
                .as("the same refusal is not announced twice")
                .containsOnlyOnce("Warning StorageExpansionRefused");

        // Everything else is still applied and planned: the StatefulSets (templates kept), and the plan went on.
        assertThat(objects.applied)
                .filteredOn(StatefulSet.class::isInstance)
                .extracting(o -> o.getMetadata().getName())
                .contains("demo-dc1-r1", "demo-dc1-r2", "demo-dc1-r3");
        assertThat(status.getStep()).contains("all 3 nodes are up and normal");
    }

    @Test
    void growingVolumesOfAClassThatAllowsItAsksEveryClaimForTheNewSizeThenRecreatesEachStatefulSet() {
        tenGigabyteVolumesAskedToGrow();
        expansionByClass.put("standard", true);

        CassandraClusterStatus status = reconcile().getResource().orElseThrow().getStatus();
        assertThat(kube.calls)
                .containsExactly(
                        "grow ns/data-demo-dc1-r1-0 to 20Gi",
                        "grow ns/data-demo-dc1-r2-0 to 20Gi",
                        "grow ns/data-demo-dc1-r3-0 to 20Gi");
        assertThat(status.getStep()).contains("growing the volumes of datacenter dc1 to 20Gi");
        assertThat(events).contains("Normal ExpandVolumes");

        // The claims grew: the first StatefulSet is deleted with its pods orphaned ...
        claims.forEach(c -> {
            c.getSpec().getResources().getRequests().put("storage", new Quantity("20Gi"));
            c.getStatus().getCapacity().put("storage", new Quantity("20Gi"));
        });
        kube.calls.clear();
        reconcile();
        String firstUid =
                objects.stored.get("StatefulSet/demo-dc1-r1").getMetadata().getUid();
        assertThat(kube.calls).containsExactly("orphan ns/demo-dc1-r1 uid " + firstUid);

        // ... and, once gone, created again with the new template and at least as many replicas as it has pods.
        objects.stored.remove("StatefulSet/demo-dc1-r1");
        objects.podsInUse.put("demo-dc1-r1", 2);
        kube.calls.clear();
        reconcile();
        assertThat(templateSize("demo-dc1-r1")).isEqualTo("20Gi");
        assertThat(((StatefulSet) objects.stored.get("StatefulSet/demo-dc1-r1"))
                        .getSpec()
                        .getReplicas())
                .as("never fewer replicas than running pods")
                .isEqualTo(2);
        assertThat(templateSize("demo-dc1-r2")).isEqualTo("10Gi");
        assertThat(objects.stored.get("StatefulSet/demo-dc1-r1").getMetadata().getUid())
                .as("created anew")
                .isNotEqualTo(firstUid);
        assertThat(kube.calls)
                .containsExactly("orphan ns/demo-dc1-r2 uid "
                        + objects.stored
                                .get("StatefulSet/demo-dc1-r2")
                                .getMetadata()
                                .getUid());
    }

    /** The sum of a counter's series, as a scrape would show it. */
    private double metricValue(String name) {
        return registry.scrape().stream()
                .filter(m -> (m.getMetadata().getName() + "_total").equals(name))
                .flatMap(m -> m.getDataPoints().stream())
                .mapToDouble(p ->
                        ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p).getValue())
                .sum();
    }

    @Test
    void deletingAClusterStopsEveryNodeAndRemovesVolumesOnlyWhenAsked() {
        everyNode(NodeState.NORMAL, true);
        reconciler.cleanup(resource, null);
        assertThat(agents.calls).containsExactlyInAnyOrder("stop 10.0.0.1", "stop 10.0.0.2", "stop 10.0.0.3");
        assertThat(objects.deletedClaims).isEmpty();

        resource.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        reconciler.cleanup(resource, null);
        assertThat(objects.deletedClaims).containsExactly("ns/demo");
    }
}
