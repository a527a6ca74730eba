package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRepairSpec;
import dev.cassini.api.v1alpha1.ClusterRepairStatus;
import dev.cassini.api.v1alpha1.RepairSpec;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import dev.cassini.api.v1alpha1.TableRepairStatus;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.backup.CronSchedule;
import dev.cassini.model.repair.ContinuousRepairPlan;
import dev.cassini.model.repair.RepairHistory;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous repair, run from each reconcile of a cluster: keeps each table's last repair in
 * {@code status.repair}, asks {@link ContinuousRepairPlan} what to do, and does it with
 * CassandraRepair runs the cluster owns (labelled {@value #LABEL}): start one, suspend it while
 * the cluster is not Ready, resume it, and keep the newest {@value #KEEP_FINISHED} finished ones.
 * The repairs themselves are CassandraRepairReconciler's.
 */
final class ContinuousRepairs {
    private static final Logger LOG = LoggerFactory.getLogger(ContinuousRepairs.class);
    static final String LABEL = "cassini.dev/continuous-repair";
    static final int KEEP_FINISHED = 3;
    /**
     * The tables are read again when a node reports another schema version, and at least this
     * often (a change the reports missed); a Ready cluster's steady state costs no CQL session.
     */
    private static final Duration SCHEMA_EVERY = Duration.ofMinutes(30);

    static final String CASSANDRA_SCHEDULES = "Cassandra's own auto-repair scheduler repairs this cluster"
            + " (spec.repair.mode: Cassandra): each node repairs its primary ranges every min_repair_interval;"
            + " its record is system_distributed.auto_repair_history";
    /** At most this many tables go in a run's spec.tables (the CRD's limit); more make it name keyspaces. */
    private static final int MAX_TABLES = 1024;

    private final RepairRuns runs;
    private final OperatorMetrics metrics;
    private final Map<String, Instant> schemaReadAt = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> schemaReadFor = new ConcurrentHashMap<>();

    ContinuousRepairs(RepairRuns runs, OperatorMetrics metrics) {
        this.runs = runs;
        this.metrics = metrics;
    }

    /**
     * Sets {@code status.repair} from the previous one and what it did now. Never throws.
     *
     * @param schemaVersions the schema versions the nodes report now
     */
    void apply(
            CassandraCluster cluster,
            CassandraClusterStatus previous,
            CassandraClusterStatus status,
            java.util.Collection<String> schemaVersions,
            Instant now) {
        ClusterRepairStatus repair = copy(previous == null ? null : previous.getRepair());
        status.setRepair(repair);
        if (!Boolean.TRUE.equals(status.getInitialized())) {
            repair.setMessage("starts once the cluster is initialized");
            return;
        }
        try {
            act(cluster, status, repair, java.util.Set.copyOf(schemaVersions), now);
        } catch (RuntimeException e) {
            LOG.warn("continuous repair: {}; trying again", e.getMessage());
            repair.setMessage("could not look at the repairs: " + e.getMessage() + "; trying again");
        }
    }

    private void act(
            CassandraCluster cluster,
            CassandraClusterStatus status,
            ClusterRepairStatus repair,
            java.util.Set<String> schemaVersions,
            Instant now) {
        RepairSpec spec = cluster.getSpec().getRepair() == null
                ? new RepairSpec()
                : cluster.getSpec().getRepair();
        String namespace = cluster.getMetadata().getNamespace();
        List<CassandraRepair> all = runs.repairsOf(cluster);
        List<RepairHistory.Completed> completed = new ArrayList<>();
        for (CassandraRepair r : all) {
            boolean everyDatacenter = r.getSpec().getDatacenters() == null
                    || r.getSpec().getDatacenters().isEmpty();
            if (everyDatacenter && r.getStatus() != null && r.getStatus().getTables() != null) {
                for (RepairTableStatus t : r.getStatus().getTables()) {
                    if (t.getCompletionTime() != null) {
                        completed.add(new RepairHistory.Completed(t.getName(), Instant.parse(t.getCompletionTime())));
                    }
                }
            }
        }
        String key = namespace + "/" + cluster.getMetadata().getName();
        Optional<Map<String, Long>> schema = Optional.empty();
        Instant lastRead = schemaReadAt.get(key);
        // Only from a Ready cluster: reaching a cluster that does not serve could hold up its reconcile.
        boolean ready = "Ready".equals(status.getPhase());
        boolean schemaChanged = !schemaVersions.equals(schemaReadFor.get(key));
        if (ready && (schemaChanged || lastRead == null || !now.isBefore(lastRead.plus(SCHEMA_EVERY)))) {
            schemaReadAt.put(key, now);
            schemaReadFor.put(key, schemaVersions);
            try {
                schema = Optional.of(runs.tables(cluster));
            } catch (RuntimeException e) {
                LOG.info(
                        "continuous repair: could not read the tables ({}); trying again in {}",
                        e.getMessage(),
                        SCHEMA_EVERY);
            }
        }
        List<TableRepairStatus> rows = RepairHistory.update(
                schema, repair.getTables() == null ? List.of() : repair.getTables(), completed, now);
        repair.setTables(rows.isEmpty() ? null : rows);
        Map<String, Instant> since = new java.util.TreeMap<>();
        Map<String, Long> grace = new java.util.TreeMap<>();
        for (ContinuousRepairPlan.Table t : RepairHistory.tables(rows)) {
            since.put(t.name(), t.repairedAt());
            grace.put(t.name(), t.gcGraceSeconds());
        }
        // With Cassandra's own scheduler this record of Cassini's repairs goes stale: exported, it would fire
        // CassandraTableNotRepaired for tables Cassandra keeps repaired. The nodes' cassandra_auto_repair_* take over.
        metrics.tablesRepaired(
                namespace, cluster.getMetadata().getName(), spec.cassandraSchedules() ? Map.of() : since, grace);

        List<CassandraRepair> own = all.stream()
                .filter(r -> r.getMetadata().getLabels() != null
                        && "true".equals(r.getMetadata().getLabels().get(LABEL)))
                .sorted(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()))
                .toList();
        List<ContinuousRepairPlan.Run> planned =
                own.stream().map(ContinuousRepairs::run).toList();

        Optional<CronSchedule> schedule = Optional.empty();
        if (spec.getSchedule() != null && !spec.getSchedule().isBlank()) {
            try {
                schedule = Optional.of(CronSchedule.parse(spec.getSchedule()));
            } catch (IllegalArgumentException e) {
                repair.setMessage("spec.repair.schedule: " + e.getMessage() + "; no run starts until it is fixed");
                return;
            }
        }
        Instant lastScheduled = repair.getLastScheduled() != null
                ? Instant.parse(repair.getLastScheduled())
                : Instant.parse(cluster.getMetadata().getCreationTimestamp());
        Optional<String> notReady = "Ready".equals(status.getPhase())
                ? Optional.empty()
                : Optional.of(Objects.requireNonNullElse(status.getStep(), String.valueOf(status.getPhase())));
        if (cluster.getSpec().getExternalDatacenters() != null
                && !cluster.getSpec().getExternalDatacenters().isEmpty()) {
            // Its keyspaces have replicas the operator does not drive; a repair of them is the ring owner's call.
            notReady = Optional.of("the ring has datacenters this resource does not manage (externalDatacenters):"
                    + " continuous repair waits until they have left; repair among the cluster's own with"
                    + " cassini repair create --datacenter");
        }
        ContinuousRepairPlan.Step step = ContinuousRepairPlan.next(
                off(spec), schedule, lastScheduled, RepairHistory.tables(rows), planned, notReady, now);
        repair.setNextRunTime(null);
        if (step instanceof ContinuousRepairPlan.Start start) {
            CassandraRepair run = run(cluster, spec, start, now);
            runs.create(run);
            repair.setRun(run.getMetadata().getName());
            if (schedule.isPresent()) {
                repair.setLastScheduled(now.toString());
            }
            LOG.info("continuous repair: started {}: {}", run.getMetadata().getName(), start.reason());
        } else if (step instanceof ContinuousRepairPlan.Suspend suspend) {
            runs.setSuspend(namespace, suspend.run(), true);
        } else if (step instanceof ContinuousRepairPlan.Resume resume) {
            runs.setSuspend(namespace, resume.run(), false);
        } else if (step instanceof ContinuousRepairPlan.Wait wait) {
            wait.next().ifPresent(next -> repair.setNextRunTime(next.toString()));
        }
        repair.setMessage(step.reason());
        List<CassandraRepair> finished = own.stream()
                .filter(r -> r.getStatus() != null
                        && JobConditions.finished(r.getStatus().getPhase()))
                .toList();
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            runs.delete(namespace, finished.get(i).getMetadata().getName());
        }
    }

    /** Why the operator starts no run for this spec; empty when it does. */
    static Optional<String> off(RepairSpec spec) {
        if (Boolean.FALSE.equals(spec.getEnabled())) {
            return Optional.of(ContinuousRepairPlan.DISABLED);
        }
        if (spec.cassandraSchedules()) {
            return Optional.of(CASSANDRA_SCHEDULES);
        }
        return Optional.empty();
    }

    private static ContinuousRepairPlan.Run run(CassandraRepair r) {
        var status = r.getStatus();
        return new ContinuousRepairPlan.Run(
                r.getMetadata().getName(),
                status != null && JobConditions.finished(status.getPhase()),
                status != null && JobConditions.FAILED.equals(status.getPhase()),
                Boolean.TRUE.equals(r.getSpec().getSuspend()),
                status == null || status.getStartTime() == null ? null : Instant.parse(status.getStartTime()),
                status == null || status.getCompletionTime() == null ? null : Instant.parse(status.getCompletionTime()),
                Objects.requireNonNullElse(r.getSpec().getIntensity(), 1.0));
    }

    /** The CassandraRepair of one run, owned by the cluster, so it goes with it. */
    static CassandraRepair run(
            CassandraCluster cluster, RepairSpec spec, ContinuousRepairPlan.Start start, Instant now) {
        CassandraRepairSpec repairSpec = new CassandraRepairSpec();
        repairSpec.setCluster(cluster.getMetadata().getName());
        if (start.tables().size() <= MAX_TABLES) {
            repairSpec.setTables(start.tables());
        } else {
            repairSpec.setKeyspaces(start.tables().stream()
                    .map(t -> t.substring(0, t.indexOf('.')))
                    .distinct()
                    .toList());
        }
        repairSpec.setIntensity(start.intensity());
        repairSpec.setSegmentsPerNode(Objects.requireNonNullElse(spec.getSegmentsPerNode(), 16));
        CassandraRepair repair = new CassandraRepair();
        repair.setMetadata(new ObjectMetaBuilder()
                .withName(cluster.getMetadata().getName() + "-repair-" + now.getEpochSecond())
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(
                        Map.of(ClusterNames.LABEL_CLUSTER, cluster.getMetadata().getName(), LABEL, "true"))
                .withOwnerReferences(List.of(Owner.of(cluster)))
                .build());
        repair.setSpec(repairSpec);
        return repair;
    }

    private static ClusterRepairStatus copy(ClusterRepairStatus before) {
        ClusterRepairStatus copy = new ClusterRepairStatus();
        if (before != null) {
            copy.setMessage(before.getMessage());
            copy.setRun(before.getRun());
            copy.setNextRunTime(before.getNextRunTime());
            copy.setLastScheduled(before.getLastScheduled());
            copy.setTables(before.getTables());
        }
        return copy;
    }
}
