package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSchedule;
import dev.cassini.api.v1alpha1.CassandraBackupScheduleSpec;
import dev.cassini.api.v1alpha1.CassandraBackupScheduleStatus;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.api.v1alpha1.RetentionSpec;
import dev.cassini.api.v1alpha1.ScheduleConcurrencyPolicy;
import dev.cassini.model.backup.BackupRecord;
import dev.cassini.model.backup.CronSchedule;
import dev.cassini.model.backup.RetentionPlan;
import dev.cassini.model.backup.RetentionPolicy;
import dev.cassini.model.backup.SchedulePlan;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a CassandraBackupSchedule as a Kubernetes CronJob runs its Jobs: at each scheduled time
 * ({@link SchedulePlan}) it creates a CassandraBackup named after the time and labelled with the
 * schedule, and prunes the schedule's backups past its retention ({@link RetentionPlan}); a
 * deleted backup's manifests leave the bucket through that backup's own cleanup. Deleting the
 * schedule keeps its backups.
 */
@ControllerConfiguration(name = "cassandrabackupschedule")
public final class CassandraBackupScheduleReconciler implements Reconciler<CassandraBackupSchedule> {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraBackupScheduleReconciler.class);
    /** How often the schedule looks at its backups between runs, for retention and status. */
    private static final Duration FOLLOW = Duration.ofSeconds(30);

    private static final DateTimeFormatter BACKUP_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final RetentionSpec DEFAULT_RETENTION = new RetentionSpec();

    private final KubernetesClient client;
    private final EventRecorder events;

    public CassandraBackupScheduleReconciler(KubernetesClient client) {
        this(client, new ClusterEvents(client));
    }

    CassandraBackupScheduleReconciler(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    @Override
    public UpdateControl<CassandraBackupSchedule> reconcile(
            CassandraBackupSchedule schedule, Context<CassandraBackupSchedule> context) {
        CassandraBackupScheduleSpec spec = schedule.getSpec();
        CassandraBackupScheduleStatus status =
                schedule.getStatus() == null ? new CassandraBackupScheduleStatus() : schedule.getStatus();
        status.setObservedGeneration(schedule.getMetadata().getGeneration());
        String namespace = schedule.getMetadata().getNamespace();
        String name = schedule.getMetadata().getName();
        CronSchedule cron;
        ZoneId zone;
        RetentionPolicy retention;
        try {
            cron = CronSchedule.parse(spec.getSchedule());
            zone = ZoneId.of(spec.getTimeZone() == null ? "UTC" : spec.getTimeZone());
            RetentionSpec r = spec.getRetention() == null ? DEFAULT_RETENTION : spec.getRetention();
            retention = new RetentionPolicy(r.getLast(), r.getDaily(), r.getWeekly(), r.getMonthly());
        } catch (IllegalArgumentException | DateTimeException e) {
            String message = "invalid: " + e.getMessage() + "; no backup is taken until the spec is fixed";
            if (!message.equals(status.getMessage())) {
                events.record(schedule, EventRecorder.WARNING, "InvalidSchedule", message);
            }
            status.setMessage(message);
            status.setNextScheduleTime(null);
            schedule.setStatus(status);
            return UpdateControl.patchStatus(schedule);
        }

        List<CassandraBackup> backups = client.resources(CassandraBackup.class)
                .inNamespace(namespace)
                .withLabel(CassandraBackupSchedule.LABEL, name)
                .list()
                .getItems();
        List<String> active = backups.stream()
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .filter(b -> !JobConditions.finished(phaseOf(b)))
                .map(b -> b.getMetadata().getName())
                .sorted()
                .toList();
        status.setActive(active.isEmpty() ? null : active);
        backups.stream()
                .filter(b -> JobConditions.SUCCEEDED.equals(phaseOf(b))
                        && b.getStatus().getCompletionTime() != null)
                .map(b -> b.getStatus().getCompletionTime())
                .max(Comparator.comparing(Instant::parse))
                .ifPresent(status::setLastSuccessfulTime);

        Instant now = Instant.now();
        Instant last = status.getLastScheduleTime() != null
                ? Instant.parse(status.getLastScheduleTime())
                : Instant.parse(schedule.getMetadata().getCreationTimestamp());
        SchedulePlan.Decision decision = SchedulePlan.decide(
                cron,
                zone,
                spec.isSuspend(),
                last,
                now,
                active,
                spec.getConcurrencyPolicy() != ScheduleConcurrencyPolicy.Allow);
        status.setMessage(decision.reason());
        status.setNextScheduleTime(decision.next().toString());
        if (decision.skipped().isPresent()) {
            status.setLastScheduleTime(decision.skipped().get().toString());
            events.record(schedule, EventRecorder.WARNING, "BackupSkipped", decision.reason());
        }
        if (decision.run().isPresent()) {
            Instant time = decision.run().get();
            String backupName = name + "-" + BACKUP_SUFFIX.format(time);
            try {
                client.resource(backup(schedule, backupName)).create();
                events.record(schedule, EventRecorder.NORMAL, "BackupCreated", "created backup " + backupName);
                LOG.info("backup schedule {}/{}: created backup {}", namespace, name, backupName);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: created by an earlier pass that could not record it
                    status.setMessage("could not create backup " + backupName + ": " + e.getMessage());
                    schedule.setStatus(status);
                    return UpdateControl.patchStatus(schedule).rescheduleAfter(Duration.ofSeconds(10));
                }
            }
            status.setLastScheduleTime(time.toString());
        }

        List<String> pruned = prune(backups, retention, zone);
        status.setPruned(pruned.isEmpty() ? status.getPruned() : pruned);
        schedule.setStatus(status);
        Duration untilNext = Duration.between(Instant.now(), decision.next());
        Duration wait = untilNext.compareTo(FOLLOW) < 0 ? untilNext : FOLLOW;
        return UpdateControl.patchStatus(schedule)
                .rescheduleAfter(wait.isNegative() ? Duration.ofSeconds(1) : wait.plusMillis(500));
    }

    private CassandraBackup backup(CassandraBackupSchedule schedule, String backupName) {
        CassandraBackupScheduleSpec spec = schedule.getSpec();
        CassandraBackup backup = new CassandraBackup();
        backup.setMetadata(new ObjectMetaBuilder()
                .withName(backupName)
                .withNamespace(schedule.getMetadata().getNamespace())
                .addToLabels(
                        CassandraBackupSchedule.LABEL, schedule.getMetadata().getName())
                .build());
        CassandraBackupSpec backupSpec = new CassandraBackupSpec();
        backupSpec.setCluster(spec.getCluster());
        backupSpec.setDatacenters(spec.getDatacenters());
        backupSpec.setKeyspaces(spec.getKeyspaces());
        backupSpec.setTables(spec.getTables());
        // Retention prunes by deleting backups; the manifests must go with them.
        backupSpec.setDeletionPolicy(DeletionPolicy.Delete);
        backup.setSpec(backupSpec);
        return backup;
    }

    /** Deletes the backups past retention; returns their names. */
    private List<String> prune(List<CassandraBackup> backups, RetentionPolicy retention, ZoneId zone) {
        List<BackupRecord> records = backups.stream()
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .map(b -> new BackupRecord(b.getMetadata().getName(), startedAt(b), stateOf(b)))
                .toList();
        List<String> doomed = RetentionPlan.prune(records, retention, zone);
        for (String doomedName : doomed) {
            CassandraBackup backup = backups.stream()
                    .filter(b -> b.getMetadata().getName().equals(doomedName))
                    .findFirst()
                    .orElseThrow();
            client.resource(backup).delete();
            LOG.info(
                    "backup schedule: pruned backup {}/{} (past retention)",
                    backup.getMetadata().getNamespace(),
                    doomedName);
        }
        return doomed;
    }

    private static Instant startedAt(CassandraBackup backup) {
        String started = backup.getStatus() == null ? null : backup.getStatus().getStartTime();
        return Instant.parse(
                Objects.requireNonNullElse(started, backup.getMetadata().getCreationTimestamp()));
    }

    private static BackupRecord.State stateOf(CassandraBackup backup) {
        String phase = phaseOf(backup);
        if (JobConditions.SUCCEEDED.equals(phase)) {
            return BackupRecord.State.COMPLETE;
        }
        return JobConditions.FAILED.equals(phase) ? BackupRecord.State.FAILED : BackupRecord.State.RUNNING;
    }

    private static String phaseOf(CassandraBackup backup) {
        return backup.getStatus() == null ? null : backup.getStatus().getPhase();
    }
}
