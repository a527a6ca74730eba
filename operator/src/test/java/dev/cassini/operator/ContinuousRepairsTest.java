package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import dev.cassini.api.v1alpha1.TableRepairStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContinuousRepairsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private final FakeRepairRuns runs = new FakeRepairRuns();
    private final io.prometheus.metrics.model.registry.PrometheusRegistry registry =
            new io.prometheus.metrics.model.registry.PrometheusRegistry();
    private final OperatorMetrics metrics = new OperatorMetrics(registry);
    private final ContinuousRepairs continuous = new ContinuousRepairs(runs, metrics);

    private static CassandraCluster cluster(String repairSpec) {
        CassandraCluster c = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: demo, namespace: shop, uid: u-1, creationTimestamp: "2026-12-01T00:00:00Z"}
                spec:
                  datacenters: [{name: dc1, size: 3}]
                  %s
                """.formatted(repairSpec), CassandraCluster.class);
        return c;
    }

    private long seriesOf(String name) {
        return registry.scrape().stream()
                .filter(snapshot -> snapshot.getMetadata().getPrometheusName().equals(name))
                .mapToLong(snapshot -> snapshot.getDataPoints().size())
                .sum();
    }

    private static CassandraClusterStatus status(String phase) {
        CassandraClusterStatus s = new CassandraClusterStatus();
        s.setInitialized(true);
        s.setPhase(phase);
        s.setStep("Converged");
        return s;
    }

    @Test
    void aTableIsRepairedAQuarterOfItsGraceAfterItWasFirstSeenByARunTheClusterOwns() {
        runs.tables.putAll(Map.of("shop.orders", 120L, "shop.cache", 0L));
        CassandraCluster cluster = cluster("");
        CassandraClusterStatus first = status("Ready");
        continuous.apply(cluster, null, first, List.of("v1"), T0);
        assertThat(runs.calls).isEmpty();
        assertThat(first.getRepair().getTables())
                .extracting(TableRepairStatus::getName)
                .containsExactly("shop.cache", "shop.orders");
        assertThat(first.getRepair().getNextRunTime())
                .isEqualTo(T0.plusSeconds(30).toString());

        CassandraClusterStatus later = status("Ready");
        continuous.apply(cluster, first, later, List.of("v1"), T0.plusSeconds(31));
        assertThat(runs.calls)
                .containsExactly("create demo-repair-" + T0.plusSeconds(31).getEpochSecond());
        CassandraRepair run = runs.repairs.get(0);
        assertThat(run.getSpec().getTables()).containsExactly("shop.orders");
        assertThat(run.getSpec().getIntensity()).isEqualTo(0.5);
        assertThat(run.getMetadata().getLabels()).containsEntry(ContinuousRepairs.LABEL, "true");
        assertThat(run.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("u-1"));
        assertThat(later.getRepair().getRun()).isEqualTo(run.getMetadata().getName());
    }

    @Test
    void aRunIsSuspendedWhileTheClusterIsNotReadyAndItsCompletionCountsAsTheTablesRepair() {
        runs.tables.put("shop.orders", 120L);
        CassandraCluster cluster = cluster("");
        CassandraRepair running = ContinuousRepairs.run(
                cluster,
                new dev.cassini.api.v1alpha1.RepairSpec(),
                new dev.cassini.model.repair.ContinuousRepairPlan.Start(List.of("shop.orders"), 0.5, "due"),
                T0);
        running.getMetadata().setCreationTimestamp(T0.toString());
        running.getSpec().setSuspend(false);
        runs.repairs.add(running);
        CassandraClusterStatus restarting = status("Progressing");
        restarting.setStep("RollingRestart: demo-dc1-r1-0");
        continuous.apply(cluster, null, restarting, List.of("v1"), T0);
        assertThat(runs.calls)
                .containsExactly("suspend " + running.getMetadata().getName());
        assertThat(restarting.getRepair().getMessage())
                .isEqualTo("the cluster is not Ready (RollingRestart: demo-dc1-r1-0)");

        CassandraRepairStatus done = new CassandraRepairStatus();
        done.setPhase("Succeeded");
        done.setStartTime(T0.toString());
        done.setCompletionTime(T0.plusSeconds(20).toString());
        RepairTableStatus table = new RepairTableStatus();
        table.setName("shop.orders");
        table.setCompletionTime(T0.plusSeconds(20).toString());
        done.setTables(List.of(table));
        running.setStatus(done);
        CassandraClusterStatus after = status("Ready");
        continuous.apply(cluster, restarting, after, List.of("v1"), T0.plusSeconds(21));
        assertThat(after.getRepair().getTables())
                .singleElement()
                .satisfies(t -> assertThat(t.getRepairedAt())
                        .isEqualTo(T0.plusSeconds(20).toString()));
    }

    @Test
    void offStartsNothingAndABadScheduleSaysWhatIsWrong() {
        runs.tables.put("shop.orders", 120L);
        CassandraClusterStatus off = status("Ready");
        continuous.apply(cluster("repair: {enabled: false}"), null, off, List.of("v1"), T0.plusSeconds(3600));
        assertThat(runs.calls).isEmpty();
        assertThat(off.getRepair().getMessage()).contains("continuous repair is off");

        CassandraClusterStatus bad = status("Ready");
        continuous.apply(cluster("repair: {schedule: 'every sunday'}"), null, bad, List.of("v1"), T0);
        assertThat(runs.calls).isEmpty();
        assertThat(bad.getRepair().getMessage()).startsWith("spec.repair.schedule: ");
    }

    @Test
    void withCassandrasSchedulerTheOperatorStartsNoRunAndSaysWhoRepairs() {
        runs.tables.put("shop.orders", 120L);
        CassandraClusterStatus status = status("Ready");
        continuous.apply(
                cluster("cassandraVersion: \"5.0.9\"\n  repair: {mode: Cassandra}"),
                null,
                status,
                List.of("v1"),
                T0.plusSeconds(3600));
        assertThat(runs.calls).isEmpty();
        assertThat(status.getRepair().getMessage())
                .isEqualTo(ContinuousRepairs.CASSANDRA_SCHEDULES)
                .contains("spec.repair.mode: Cassandra");
        // The tables are still followed, so status and metrics keep their last Cassini repair.
        assertThat(status.getRepair().getTables()).extracting(t -> t.getName()).containsExactly("shop.orders");
        // ...but not exported: a record Cassini no longer keeps up would fire CassandraTableNotRepaired.
        assertThat(seriesOf("cassini_table_last_repaired_timestamp_seconds")).isZero();
        continuous.apply(
                cluster("repair: {enabled: true}"), null, status("Ready"), List.of("v2"), T0.plusSeconds(3600));
        assertThat(seriesOf("cassini_table_last_repaired_timestamp_seconds"))
                .as("exported again in Cassini's mode")
                .isEqualTo(1);

        // Turned off, Cassandra's mode says so like Cassini's does.
        CassandraClusterStatus off = status("Ready");
        continuous.apply(
                cluster("cassandraVersion: \"5.0.9\"\n  repair: {mode: Cassandra, enabled: false}"),
                null,
                off,
                List.of("v1"),
                T0.plusSeconds(3600));
        assertThat(off.getRepair().getMessage()).isEqualTo(dev.cassini.model.repair.ContinuousRepairPlan.DISABLED);
    }

    @Test
    void onlyTheNewestThreeFinishedRunsAreKept() {
        CassandraCluster cluster = cluster("");
        for (int i = 0; i < 5; i++) {
            CassandraRepair r = ContinuousRepairs.run(
                    cluster,
                    new dev.cassini.api.v1alpha1.RepairSpec(),
                    new dev.cassini.model.repair.ContinuousRepairPlan.Start(List.of("shop.orders"), 1, "due"),
                    T0.plusSeconds(i));
            r.getMetadata().setCreationTimestamp(T0.plusSeconds(i).toString());
            CassandraRepairStatus s = new CassandraRepairStatus();
            s.setPhase("Succeeded");
            r.setStatus(s);
            runs.repairs.add(r);
        }
        runs.tables.put("shop.orders", 864000L);
        continuous.apply(cluster, null, status("Ready"), List.of("v1"), T0.plusSeconds(10));
        assertThat(runs.calls)
                .containsExactly(
                        "delete demo-repair-" + T0.getEpochSecond(), "delete demo-repair-" + (T0.getEpochSecond() + 1));
    }

    @Test
    void aTableCreatedLaterIsSeenWhenTheSchemaVersionChangesNotByReadingEveryTime() {
        runs.tables.put("shop.orders", 864000L);
        CassandraCluster cluster = cluster("");
        CassandraClusterStatus first = status("Ready");
        continuous.apply(cluster, null, first, List.of("v1"), T0);
        runs.tables.put("shop.fast", 120L);
        CassandraClusterStatus same = status("Ready");
        continuous.apply(cluster, first, same, List.of("v1"), T0.plusSeconds(60));
        assertThat(same.getRepair().getTables())
                .extracting(TableRepairStatus::getName)
                .containsExactly("shop.orders");
        CassandraClusterStatus changed = status("Ready");
        continuous.apply(cluster, same, changed, List.of("v2"), T0.plusSeconds(61));
        assertThat(changed.getRepair().getTables())
                .extracting(TableRepairStatus::getName)
                .containsExactly("shop.fast", "shop.orders");
        CassandraClusterStatus notReady = status("Progressing");
        runs.tables.put("shop.other", 120L);
        continuous.apply(cluster, changed, notReady, List.of("v3"), T0.plusSeconds(62));
        assertThat(notReady.getRepair().getTables()).hasSize(2);
    }

    @Test
    void nothingHappensBeforeTheClusterIsInitialized() {
        runs.tables.put("shop.orders", 120L);
        CassandraClusterStatus starting = status("Progressing");
        starting.setInitialized(false);
        continuous.apply(cluster(""), null, starting, List.of("v1"), T0.plusSeconds(3600));
        assertThat(runs.calls).isEmpty();
        assertThat(starting.getRepair().getMessage()).isEqualTo("starts once the cluster is initialized");
    }
}
