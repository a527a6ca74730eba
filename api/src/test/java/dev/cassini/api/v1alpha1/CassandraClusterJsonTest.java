package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.CassandraVersions;
import dev.cassini.contract.NodeDefaults;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java model reads and writes the JSON/YAML the API server and users exchange. */
class CassandraClusterJsonTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void fullResourceWithStatusRoundTripsThroughJson() {
        CassandraCluster cluster = Clusters.full("prod");
        cluster.setStatus(fullStatus());

        String json = serialization.asJson(cluster);
        CassandraCluster read = serialization.unmarshal(json, CassandraCluster.class);

        assertThat(read.getApiVersion()).isEqualTo("cassini.dev/v1alpha1");
        assertThat(read.getKind()).isEqualTo("CassandraCluster");
        assertThat(read.getMetadata().getName()).isEqualTo("prod");
        assertThat(read.getSpec()).isEqualTo(cluster.getSpec());
        assertThat(read.getStatus()).isEqualTo(cluster.getStatus());
        assertThat(serialization.asJson(read)).isEqualTo(json);
    }

    @Test
    void readsTheYamlAUserWrites() {
        String yaml = """
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: demo
                spec:
                  datacenters:
                    - name: dc1
                      size: 3
                      racks: [{name: r1, zone: zone-a}]
                      storage: {size: 50Gi}
                      resources: {requests: {cpu: "2", memory: 4Gi}}
                      heap: 2G
                      config:
                        num_tokens: 16
                        hints: {enabled: false}
                      jvmOptions: ["-XX:+UseG1GC"]
                  deletionPolicy: Delete
                """;
        CassandraCluster cluster = serialization.unmarshal(yaml, CassandraCluster.class);

        DatacenterSpec dc = cluster.getSpec().getDatacenters().get(0);
        assertThat(dc.getName()).isEqualTo("dc1");
        assertThat(dc.getSize()).isEqualTo(3);
        assertThat(dc.getRacks()).extracting(RackSpec::getZone).containsExactly("zone-a");
        assertThat(dc.getStorage().getSize()).isEqualTo("50Gi");
        assertThat(dc.getResources().getRequests()).containsEntry("memory", new Quantity("4Gi"));
        assertThat(dc.getConfig()).containsEntry("num_tokens", 16).containsEntry("hints", Map.of("enabled", false));
        assertThat(cluster.getSpec().getDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        // Left for the API server to default, not defaulted in Java.
        assertThat(cluster.getSpec().getCassandraVersion()).isNull();
        assertThat(cluster.getSpec().getAuth()).isNull();
    }

    @Test
    void unsetFieldsAreLeftOutSoTheApiServerDefaultsThem() {
        String json = serialization.asJson(Clusters.minimal("small"));

        assertThat(json)
                .doesNotContain(
                        "cassandraVersion", "deletionPolicy", "auth", "storage", "clusterName", "status", "null");
        assertThat(json).contains("\"datacenters\":[{\"name\":\"dc1\",\"size\":1}]");
    }

    @Test
    void namesTheResourceAsTheCrdDoes() {
        assertThat(HasMetadata.getPlural(CassandraCluster.class)).isEqualTo("cassandraclusters");
        assertThat(HasMetadata.getFullResourceName(CassandraCluster.class)).isEqualTo(CassandraCluster.CRD_NAME);
        assertThat(HasMetadata.getApiVersion(CassandraCluster.class)).isEqualTo("cassini.dev/v1alpha1");
        assertThat(new CassandraCluster().getSingular()).isEqualTo("cassandracluster");
    }

    @Test
    void theVersionRuleAcceptsExactlyTheVersionsTheContractSupports() {
        // The rule is spelled out (an annotation takes no List); it must list CassandraVersions.SUPPORTED, no more, no
        // less.
        String quoted = String.join(
                ", ",
                CassandraVersions.SUPPORTED.stream().map(v -> "'" + v + "'").toList());
        String listed = String.join(", ", CassandraVersions.SUPPORTED);
        assertThat(CassandraClusterSpec.VERSION_RULE).isEqualTo("self in [" + quoted + "]");
        assertThat(CassandraClusterSpec.VERSION_MESSAGE).isEqualTo("cassandraVersion must be one of " + listed);
        assertThat(CassandraClusterSpec.VERSION_DESCRIPTION)
                .isEqualTo("Apache Cassandra version, one of " + listed + ".");
        assertThat(CassandraClusterSpec.SUPPORTED_VERSIONS).isEqualTo(CassandraVersions.SUPPORTED);
        assertThat(CassandraClusterSpec.DEFAULT_VERSION)
                .isEqualTo(CassandraVersions.DEFAULT)
                .isIn(CassandraVersions.SUPPORTED);
        String withAutoRepair = String.join(
                ", ",
                CassandraVersions.WITH_AUTO_REPAIR.stream()
                        .map(v -> "'" + v + "'")
                        .toList());
        assertThat(CassandraClusterSpec.AUTO_REPAIR_VERSIONS).isEqualTo("[" + withAutoRepair + "]");
        assertThat(CassandraVersions.SUPPORTED).containsAll(CassandraVersions.WITH_AUTO_REPAIR);
    }

    @Test
    void theDefaultStorageSizeIsTheContracts() {
        assertThat(StorageSpec.DEFAULT_SIZE).isEqualTo(NodeDefaults.STORAGE_SIZE);
    }

    @Test
    void podNamesOfTheLongestNamesFitADnsLabel() {
        String pod = "c".repeat(CassandraCluster.MAX_NAME_LENGTH) + "-" + "d".repeat(15) + "-" + "r".repeat(15) + "-99";
        assertThat(pod.length()).isLessThanOrEqualTo(63);
    }

    private static CassandraClusterStatus fullStatus() {
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setObservedGeneration(4L);
        Condition ready = new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("AllNodesReady")
                .withMessage("3/3 nodes ready")
                .withObservedGeneration(4L)
                .withLastTransitionTime("2026-01-02T03:04:05Z")
                .build();
        status.setConditions(List.of(ready));
        status.setPhase("Ready");
        status.setReady("3/3");
        status.setReadyNodes(3);
        status.setDesiredNodes(3);
        RackStatus rack = new RackStatus();
        rack.setName("r1");
        rack.setReadyNodes(3);
        rack.setDesiredNodes(3);
        DatacenterStatus dc = new DatacenterStatus();
        dc.setName("dc1");
        dc.setReadyNodes(3);
        dc.setDesiredNodes(3);
        dc.setRacks(List.of(rack));
        status.setDatacenters(List.of(dc));
        NodeStatus node = new NodeStatus();
        node.setPod("prod-dc1-r1-0");
        node.setHostId("6f1c2b1e-8d3a-4c55-9f0e-0a1b2c3d4e5f");
        node.setIp("127.64.1.1");
        node.setDatacenter("dc1");
        node.setRack("r1");
        node.setState("UN");
        node.setTokens(16);
        node.setLastAddress("127.64.1.1");
        status.setNodes(List.of(node));
        status.setStep("Ready");
        status.setInitialized(true);
        return status;
    }
}
