package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Backups of a cluster on a cron schedule, pruned by a retention: {@code kubectl get cbs}. Each
 * run creates a CassandraBackup named {@code <schedule>-<yyyyMMddHHmm>} (the scheduled time in
 * UTC) and labelled with the schedule's name.
 */
@Group(CassandraCluster.GROUP)
@Version(CassandraCluster.VERSION)
@ShortNames("cbs")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
        name = "Last Success",
        jsonPath = ".status.lastSuccessfulTime",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set spec.cluster and spec.schedule")
@ValidationRule(
        value = "size(self.metadata.name) <= " + CassandraBackupSchedule.MAX_NAME_LENGTH,
        message = "metadata.name must be at most " + CassandraBackupSchedule.MAX_NAME_LENGTH
                + " characters: its backups are named <schedule>-<yyyyMMddHHmm>, at most 63")
@ValidationRule(
        value = "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name must contain only lowercase letters, digits and '-' (no '.'):"
                + " it starts the names of its backups")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraBackupSchedule extends CustomResource<CassandraBackupScheduleSpec, CassandraBackupScheduleStatus>
        implements Namespaced {
    public static final String CRD_NAME = "cassandrabackupschedules." + CassandraCluster.GROUP;
    /** The label on each backup a schedule created: the schedule's name. */
    public static final String LABEL = CassandraCluster.GROUP + "/backup-schedule";
    /** Room for "-yyyyMMddHHmm" in a 63-character backup name. */
    public static final int MAX_NAME_LENGTH = CassandraBackup.MAX_NAME_LENGTH - 13;
}
