package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DesiredResourcesTest {
    private static final OwnerReference OWNER = new OwnerReferenceBuilder()
            .withApiVersion("cassini.dev/v1alpha1")
            .withKind("CassandraCluster")
            .withName("demo")
            .withUid("u-1")
            .withController(true)
            .build();

    private static ClusterShape shape(String yaml) {
        CassandraCluster cluster = Serialization.unmarshal(yaml, CassandraCluster.class);
        cluster.getMetadata().setNamespace("ns");
        return ClusterShape.of(cluster);
    }

    private static final String THREE_RACKS = """
            apiVersion: cassini.dev/v1alpha1
            kind: CassandraCluster
            metadata: {name: demo}
            spec:
              cassandraVersion: "5.0.5"
              datacenters:
                - name: dc1
                  size: 4
                  heap: 1G
                  storage: {size: 5Gi, storageClassName: fast}
                  config: {concurrent_reads: 64}
                  jvmOptions: ["-XX:+AlwaysPreTouch"]
                  racks:
                    - {name: r1, zone: zone-a}
                    - {name: r2, zone: zone-b}
                    - {name: r3, zone: zone-c, nodeAffinityLabels: {disk: ssd}}
            """;

    private static <T> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void oneStatefulSetPerRackWithBalancedReplicasAndOperatorDrivenUpdates() {
        List<HasMetadata> objects = DesiredResources.of(shape(THREE_RACKS), OWNER);
        List<StatefulSet> sets = ofKind(objects, StatefulSet.class);
        assertThat(sets)
                .extracting(s -> s.getMetadata().getName())
                .containsExactly("demo-dc1-r1", "demo-dc1-r2", "demo-dc1-r3");
        assertThat(sets).extracting(s -> s.getSpec().getReplicas()).containsExactly(2, 1, 1);
        for (StatefulSet set : sets) {
            assertThat(set.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
            assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
            assertThat(set.getSpec().getServiceName()).isEqualTo("demo-dc1-all-pods");
            assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
                    .isEqualTo("Delete");
            assertThat(set.getMetadata().getOwnerReferences()).containsExactly(OWNER);
            var claim = set.getSpec().getVolumeClaimTemplates().get(0);
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
            assertThat(claim.getSpec()
                            .getResources()
                            .getRequests()
                            .get("storage")
                            .toString())
                    .isEqualTo("5Gi");
            var container =
                    set.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("cassini/node:5.0.5");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
            assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                    .isEqualTo(180L);
        }
    }

    @Test
    void nodesRunTheConfiguredImageTaggedWithTheVersionAsANonRootUserThatOwnsItsVolume() {
        NodeImage image = new NodeImage("registry.example.com:5000/team/cassini-node", List.of("pull-a", "pull-b"));
        for (StatefulSet set : ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER, image), StatefulSet.class)) {
            var pod = set.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers().get(0).getImage())
                    .isEqualTo("registry.example.com:5000/team/cassini-node:5.0.5");
            assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("pull-a", "pull-b");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(DesiredResources.NODE_USER);
            assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(DesiredResources.NODE_USER);
        }
        var defaultPod = ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER), StatefulSet.class)
                .get(0)
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(defaultPod.getImagePullSecrets()).isEmpty();
    }

    @Test
    void aNodeImageRepositoryWithATagOrNotARepositoryIsRefusedWithWhatToWrite() {
        assertThat(new NodeImage("cassini/node", List.of()).reference("5.0.6")).isEqualTo("cassini/node:5.0.6");
        assertThat(new NodeImage("localhost:5000/cassini/node", List.of()).repository())
                .isEqualTo("localhost:5000/cassini/node");
        assertThatThrownBy(() -> new NodeImage("cassini/node:5.0.6", List.of()))
                .hasMessageContaining("leave out the tag or digest");
        assertThatThrownBy(() -> new NodeImage("cassini/node@sha256:ab", List.of()))
                .hasMessageContaining("leave out the tag or digest");
        assertThatThrownBy(() -> new NodeImage("Cassini/Node", List.of()))
                .hasMessageContaining("lower-case repository");
        assertThatThrownBy(() -> new NodeImage("cassini/node", List.of("Bad_Name")))
                .hasMessageContaining("not a Secret name");
    }

    @Test
    void nodesGetTheirIdentityAndPlacementThroughEnvAndAffinity() {
        StatefulSet r3 = ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER), StatefulSet.class)
                .get(2);
        var pod = r3.getSpec().getTemplate().getSpec();
        Map<String, String> env = pod.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env)
                .containsEntry("CASSINI_CLUSTER_NAME", "demo")
                .containsEntry("CASSINI_DATACENTER", "dc1")
                .containsEntry("CASSINI_RACK", "r3")
                .containsEntry("CASSINI_HEAP", "1G")
                .containsEntry("CASSINI_AUTH", "true")
                .containsEntry("CASSINI_DATA_DIR", "/var/lib/cassandra")
                .containsEntry("CASSINI_CONFIG_DIR", "/etc/cassini");
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("POD_IP");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
        var terms = pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        assertThat(terms.get(0).getMatchExpressions())
                .extracting(r -> r.getKey() + "=" + r.getValues())
                .containsExactly("topology.kubernetes.io/zone=[zone-c]", "disk=[ssd]");
        var antiAffinity = pod.getAffinity()
                .getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .get(0);
        assertThat(antiAffinity.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    }

    @Test
    void everyAgentServesMutualTlsWithItsPodsCertificateFromTheRacksSecret() {
        for (StatefulSet set : ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER), StatefulSet.class)) {
            var template = set.getSpec().getTemplate();
            String rack = set.getMetadata().getLabels().get(ClusterNames.LABEL_RACK);
            assertThat(template.getMetadata().getAnnotations()).containsEntry("cassini.dev/agent-api", "https");
            assertThat(template.getSpec().getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo("agent-tls");
                assertThat(volume.getSecret().getSecretName()).isEqualTo("demo-dc1-" + rack + "-agent-tls");
                assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
            });
            var container = template.getSpec().getContainers().get(0);
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getName()).isEqualTo("agent-tls");
                assertThat(mount.getReadOnly()).isTrue();
            });
            List<String> names =
                    container.getEnv().stream().map(EnvVar::getName).toList();
            // $(POD_NAME) expands only in variables defined after it
            assertThat(names.indexOf("CASSINI_API_TLS_CERT")).isGreaterThan(names.indexOf("POD_NAME"));
            assertThat(container.getEnv())
                    .filteredOn(e -> e.getName().startsWith("CASSINI_API_TLS_"))
                    .extracting(e -> e.getName() + "=" + e.getValue())
                    .containsExactly(
                            "CASSINI_API_TLS_CERT=/var/run/cassini/agent-tls/$(POD_NAME).crt",
                            "CASSINI_API_TLS_KEY=/var/run/cassini/agent-tls/$(POD_NAME).key",
                            "CASSINI_API_TLS_CA=/var/run/cassini/agent-tls/ca.crt");
            // the kubelet's probes present no certificate; the health routes ask for none
            assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(container.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        }
    }

    @Test
    void theConfigMapCarriesTheOverridesAndJvmOptionsAndTheirHashMarksThePods() {
        List<HasMetadata> objects = DesiredResources.of(shape(THREE_RACKS), OWNER);
        ConfigMap config = ofKind(objects, ConfigMap.class).get(0);
        assertThat(config.getMetadata().getName()).isEqualTo("demo-dc1-config");
        assertThat(config.getData().get("cassandra.yaml")).contains("concurrent_reads: 64");
        assertThat(config.getData().get("jvm.options")).isEqualTo("-XX:+AlwaysPreTouch\n");

        String hash = configHash(THREE_RACKS);
        String changed = configHash(THREE_RACKS.replace("concurrent_reads: 64", "concurrent_reads: 32"));
        String same = configHash(THREE_RACKS);
        assertThat(hash).isEqualTo(same).isNotEqualTo(changed);
    }

    @Test
    void cassandraSchedulingRepairsTurnsOnFullAutoRepairUnderTheUsersSettingsAndRestartsTheNodes() {
        String onAutoRepairVersion = THREE_RACKS
                .replace("\"5.0.5\"", "\"5.0.9\"")
                .replace(
                        "config: {concurrent_reads: 64}",
                        "config: {concurrent_reads: 64, auto_repair: {repair_type_overrides: {full:"
                                + " {min_repair_interval: 6h}}}}");
        String cassandraMode = onAutoRepairVersion.replace("spec:\n", "spec:\n  repair: {mode: Cassandra}\n");
        ConfigMap cassini = ofKind(DesiredResources.of(shape(onAutoRepairVersion), OWNER), ConfigMap.class)
                .get(0);
        ConfigMap cassandra = ofKind(DesiredResources.of(shape(cassandraMode), OWNER), ConfigMap.class)
                .get(0);

        // The feature flag goes with the version in either mode; the user's options still come last.
        assertThat(cassini.getData().get("jvm.options"))
                .isEqualTo("-Dcassandra.autorepair.enable=true\n-XX:+AlwaysPreTouch\n");
        assertThat(cassandra.getData().get("jvm.options"))
                .isEqualTo(cassini.getData().get("jvm.options"));
        // Only Cassandra's mode turns the scheduler on; the user's min_repair_interval survives the merge.
        assertThat(cassini.getData().get("cassandra.yaml")).doesNotContain("enabled");
        Map<String, Object> yaml = Serialization.unmarshal(cassandra.getData().get("cassandra.yaml"), Map.class);
        assertThat(yaml)
                .containsEntry("concurrent_reads", 64)
                .containsEntry(
                        "auto_repair",
                        Map.of(
                                "enabled",
                                true,
                                "repair_type_overrides",
                                Map.of("full", Map.of("enabled", true, "min_repair_interval", "6h"))));
        // An older version gets neither; switching the mode changes the pods' config hash.
        assertThat(ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER), ConfigMap.class)
                        .get(0)
                        .getData()
                        .get("jvm.options"))
                .isEqualTo("-XX:+AlwaysPreTouch\n");
        assertThat(configHash(cassandraMode)).isNotEqualTo(configHash(onAutoRepairVersion));
        assertThat(configHash(cassandraMode.replace("{mode: Cassandra}", "{mode: Cassandra, enabled: false}")))
                .isEqualTo(configHash(onAutoRepairVersion));
    }

    private static String configHash(String yaml) {
        return ofKind(DesiredResources.of(shape(yaml), OWNER), StatefulSet.class)
                .get(0)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(DesiredResources.CONFIG_HASH_ANNOTATION);
    }

    @Test
    void theRestartAnnotationChangesEveryPodTemplateSoEveryNodeRestarts() {
        StatefulSet plain = ofKind(DesiredResources.of(shape(THREE_RACKS), OWNER), StatefulSet.class)
                .get(0);
        assertThat(plain.getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey(ClusterShape.RESTARTED_AT_ANNOTATION);
        String annotated = THREE_RACKS.replace(
                "metadata: {name: demo}",
                "metadata: {name: demo, annotations: {cassini.dev/restartedAt: \"2026-11-21T16:00:00Z\"}}");
        for (StatefulSet set : ofKind(DesiredResources.of(shape(annotated), OWNER), StatefulSet.class)) {
            assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry(ClusterShape.RESTARTED_AT_ANNOTATION, "2026-11-21T16:00:00Z");
        }
    }

    @Test
    void servicesAndDisruptionBudgetCoverTheDatacenter() {
        List<HasMetadata> objects = DesiredResources.of(shape(THREE_RACKS), OWNER);
        Map<String, Service> services = ofKind(objects, Service.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        assertThat(services).containsOnlyKeys("demo-seeds", "demo-dc1-all-pods", "demo-dc1-cql");
        assertThat(services.get("demo-seeds").getSpec().getSelector()).containsEntry("cassini.dev/seed", "true");
        assertThat(services.get("demo-dc1-all-pods").getSpec().getClusterIP()).isEqualTo("None");
        assertThat(services.get("demo-dc1-all-pods").getSpec().getPublishNotReadyAddresses())
                .isTrue();
        assertThat(services.get("demo-dc1-cql").getSpec().getPorts())
                .extracting(p -> p.getPort())
                .containsExactly(9042);
        PodDisruptionBudget pdb = ofKind(objects, PodDisruptionBudget.class).get(0);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("cassini.dev/datacenter", "dc1");
    }

    @Test
    void defaultsApplyWhenTheSpecIsMinimal() {
        ClusterShape minimal = shape("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: tiny}
                spec:
                  datacenters: [{name: dc1, size: 1}]
                """);
        assertThat(minimal.clusterName()).isEqualTo("tiny");
        assertThat(minimal.cassandraVersion()).isEqualTo("5.0.6");
        assertThat(minimal.authEnabled()).isTrue();
        StatefulSet set =
                ofKind(DesiredResources.of(minimal, OWNER), StatefulSet.class).get(0);
        assertThat(set.getMetadata().getName()).isEqualTo("tiny-dc1-r1");
        assertThat(set.getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString())
                .isEqualTo("10Gi");
        assertThat(set.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity())
                .isNull();
    }
}
