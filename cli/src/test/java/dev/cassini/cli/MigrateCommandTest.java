package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.RebuildStatus;
import dev.cassini.contract.ClientConnection;
import dev.cassini.model.migration.MigrationPlan;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The parts of {@code cassini migrate} that need no ring: the target read from a file, and the text printed. */
class MigrateCommandTest {
    private static final long MIB = 1L << 20;

    private static CassandraCluster cluster(String spec) {
        return Serialization.unmarshal(
                "apiVersion: cassini.dev/v1alpha1\nkind: CassandraCluster\nmetadata: {name: moved, namespace: ns}\n"
                        + "spec:\n" + spec,
                CassandraCluster.class);
    }

    @Test
    void theTargetTakesTheDefaultsTheOperatorWouldApply() {
        CassandraCluster moved = cluster("""
                  datacenters: [{name: k8s, size: 3}]
                  externalDatacenters: [{name: legacy}, {name: other}]
                """);
        MigrationPlan.Target target =
                MigrateCommand.target(moved, moved.getSpec().getDatacenters().get(0));

        assertThat(target.clusterName()).as("metadata.name when unset").isEqualTo("moved");
        assertThat(target.source()).as("the first external datacenter").isEqualTo("legacy");
        assertThat(target.storageBytes()).hasValue(10L << 30);
        assertThat(target.defaultFactor()).isEmpty();
        assertThat(target.cassandraVersion()).isEqualTo(dev.cassini.contract.CassandraVersions.DEFAULT);
    }

    @Test
    void theTargetReadsTheJoinAndTheStorage() {
        CassandraCluster moved = cluster("""
                  clusterName: legacy
                  cassandraVersion: "5.0.5"
                  datacenters:
                    - name: k8s
                      size: 2
                      storage: {size: 512Mi}
                      join: {rebuildFrom: other, replication: {default: 2, keyspaces: {scratch: 0}}}
                  externalDatacenters: [{name: legacy}, {name: other}]
                """);
        MigrationPlan.Target target =
                MigrateCommand.target(moved, moved.getSpec().getDatacenters().get(0));

        assertThat(target)
                .isEqualTo(new MigrationPlan.Target(
                        "legacy",
                        "k8s",
                        2,
                        "other",
                        OptionalLong.of(512 * MIB),
                        Optional.of(2),
                        Map.of("scratch", 0),
                        "5.0.5"));
    }

    @Test
    void streamCapsAreReadInEveryUnitCassandraPrints() {
        assertThat(RingSurvey.bytesPerSecond("24MiB/s")).hasValue(24 * MIB);
        assertThat(RingSurvey.bytesPerSecond("0B/s")).hasValue(0);
        assertThat(RingSurvey.bytesPerSecond("1.5KiB/s")).hasValue(1536);
        assertThat(RingSurvey.bytesPerSecond("200Mbps")).hasValue(25_000_000);
        assertThat(RingSurvey.bytesPerSecond("fast")).isEmpty();
    }

    @Test
    void thePlanPrintsTheRingTheMoveTheClientsAndEachBlocker() {
        MigrationPlan.SurveyedNode node = new MigrationPlan.SurveyedNode(
                "10.0.0.1",
                "legacy",
                "r1",
                "5.0.6",
                "v1",
                16,
                true,
                Map.of("shop", 300 * MIB),
                List.of(new ClientConnection("10.8.0.7", "shop", "checkout")),
                OptionalLong.of(24 * MIB));
        MigrationPlan.Survey survey = new MigrationPlan.Survey(
                "10.0.0.1",
                "legacy",
                "GossipingPropertyFileSnitch",
                List.of(node),
                Map.of("shop", Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "legacy", "1")));
        MigrationPlan.Target target = new MigrationPlan.Target(
                "legacy", "k8s", 1, "legacy", OptionalLong.of(512 * MIB), Optional.of(1), Map.of(), "5.0.6");

        String text = MigrationPlanText.render(survey, target, MigrationPlan.of(survey, target));

        assertThat(text)
                .contains("Ring 'legacy' as 10.0.0.1 sees it (snitch GossipingPropertyFileSnitch)")
                .contains("datacenter legacy: 1 node, 1 up; racks r1; Cassandra 5.0.6; 16 tokens per node")
                .contains("Datacenter k8s joins with 1 node, rebuilt from legacy:")
                .containsPattern("(?m)^  shop +\\{legacy: 1\\} +300 MiB +1 +300 MiB$")
                .contains("each new node receives about 300 MiB and needs about 600 MiB free while it rebuilds"
                        + " (its volume: 512 MiB)")
                .contains("time: at least 13s at the source nodes' stream_throughput_outbound, 24.0 MiB/s together")
                .contains("1 application connection in legacy (10.8.0.7 to 10.0.0.1 as shop (checkout))")
                .contains("Blocked (1); change these, then plan again:")
                .contains("  - each node of k8s would receive about");
    }

    @Test
    void theStatusShowsEachDatacentersConditionsAndEachRebuild() {
        CassandraCluster moved = cluster("""
                  datacenters: [{name: k8s, size: 2}]
                  externalDatacenters: [{name: legacy, leaving: true}]
                """);
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setPhase("Progressing");
        status.setReady("2/2");
        status.setStep("rebuilding moved-k8s-r1-0 from legacy");
        DatacenterStatus dc = new DatacenterStatus();
        dc.setName("k8s");
        dc.setReadyNodes(2);
        dc.setDesiredNodes(2);
        dc.setConditions(List.of(
                new ConditionBuilder().withType("Replicated").withStatus("True").build(),
                new ConditionBuilder()
                        .withType("Rebuilt")
                        .withStatus("False")
                        .withMessage("1 of 2 nodes rebuilt")
                        .build()));
        RebuildStatus running = new RebuildStatus();
        running.setPod("moved-k8s-r1-0");
        running.setState("RUNNING");
        running.setReceivedBytes(12 * MIB);
        running.setTotalBytes(30 * MIB);
        running.setBytesPerSecond(2 * MIB);
        running.setEtaSeconds(9L);
        RebuildStatus failed = new RebuildStatus();
        failed.setPod("moved-k8s-r1-1");
        failed.setState("FAILED");
        failed.setDetail("stream failed; retried");
        dc.setRebuilds(List.of(running, failed));
        status.setDatacenters(List.of(dc));
        moved.setStatus(status);

        String text = MigrationStatusText.render(moved);

        assertThat(text)
                .startsWith("moved: Progressing, 2/2 nodes ready\n  step: rebuilding moved-k8s-r1-0 from legacy\n")
                .contains("  external: legacy (leaving)\n")
                .contains("datacenter k8s: 2/2 ready; Replicated=True, Rebuilt=False (1 of 2 nodes rebuilt)\n")
                .containsPattern("(?m)^  moved-k8s-r1-0 +RUNNING +12.0 MiB of 30.0 MiB +2.0 MiB/s +9s$")
                .containsPattern("(?m)^  moved-k8s-r1-1 +FAILED +- +- +-$")
                .contains("  moved-k8s-r1-1: stream failed; retried\n");
    }
}
