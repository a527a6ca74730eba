package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.cassini.contract.CassandraVersions;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/**
 * The desired state of a Cassandra cluster: its version, its datacenters and racks, auth, and what
 * happens to its data when the resource is deleted.
 */
@ValidationRule(
        value = CassandraClusterSpec.CLUSTER_NAME_IMMUTABLE_RULE,
        message = CassandraClusterSpec.CLUSTER_NAME_IMMUTABLE_MESSAGE)
@ValidationRule(
        value = CassandraClusterSpec.RESTORE_FROM_IMMUTABLE_RULE,
        message = CassandraClusterSpec.RESTORE_FROM_IMMUTABLE_MESSAGE)
@ValidationRule(value = CassandraClusterSpec.REBUILD_FROM_RULE, message = CassandraClusterSpec.REBUILD_FROM_MESSAGE)
@ValidationRule(value = CassandraClusterSpec.EXTERNAL_NAMES_RULE, message = CassandraClusterSpec.EXTERNAL_NAMES_MESSAGE)
@ValidationRule(value = CassandraClusterSpec.EXTERNAL_LOGIN_RULE, message = CassandraClusterSpec.EXTERNAL_LOGIN_MESSAGE)
@ValidationRule(value = CassandraClusterSpec.NO_DATACENTER_RULE, message = CassandraClusterSpec.NO_DATACENTER_MESSAGE)
@ValidationRule(
        value = CassandraClusterSpec.NO_DOWNGRADE_BELOW_AUTO_REPAIR_RULE,
        message = CassandraClusterSpec.NO_DOWNGRADE_BELOW_AUTO_REPAIR_MESSAGE)
@ValidationRule(
        value = CassandraClusterSpec.REPAIR_MODE_VERSION_RULE,
        message = CassandraClusterSpec.REPAIR_MODE_VERSION_MESSAGE)
@ValidationRule(
        value = CassandraClusterSpec.REPAIR_MODE_SCHEDULE_RULE,
        message = CassandraClusterSpec.REPAIR_MODE_SCHEDULE_MESSAGE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraClusterSpec {
    /** {@link CassandraVersions#DEFAULT}: what the API server fills in when cassandraVersion is unset. */
    public static final String DEFAULT_VERSION = CassandraVersions.DEFAULT;
    /** {@link CassandraVersions#SUPPORTED}, the versions the agent can run. */
    public static final List<String> SUPPORTED_VERSIONS = CassandraVersions.SUPPORTED;

    // An annotation needs a compile-time constant, which a List is not: these spell out CassandraVersions.SUPPORTED
    // (CassandraClusterJsonTest checks that they list exactly those versions).
    static final String VERSION_RULE = "self in ['5.0.5', '5.0.6', '5.0.8', '5.0.9']";
    static final String VERSION_MESSAGE = "cassandraVersion must be one of 5.0.5, 5.0.6, 5.0.8, 5.0.9";
    static final String VERSION_DESCRIPTION = "Apache Cassandra version, one of 5.0.5, 5.0.6, 5.0.8, 5.0.9.";
    /** Spells out CassandraVersions.WITH_AUTO_REPAIR (CassandraClusterJsonTest checks). */
    static final String AUTO_REPAIR_VERSIONS = "['5.0.8', '5.0.9']";

    // Versions with the scheduler run with its feature flag, which adds a column to system_schema.tables.
    static final String NO_DOWNGRADE_BELOW_AUTO_REPAIR_RULE = "!(oldSelf.cassandraVersion in " + AUTO_REPAIR_VERSIONS
            + ") || self.cassandraVersion in " + AUTO_REPAIR_VERSIONS;
    static final String NO_DOWNGRADE_BELOW_AUTO_REPAIR_MESSAGE = "cassandraVersion cannot go back from 5.0.8 or"
            + " later to an older version: those nodes run with Cassandra's auto-repair feature flag, which adds a"
            + " column to system_schema.tables that older versions cannot read; stay on 5.0.8 or 5.0.9";

    private static final String CASSANDRA_REPAIRS =
            "has(self.repair) && has(self.repair.mode) && self.repair.mode == 'Cassandra'";
    static final String REPAIR_MODE_VERSION_RULE =
            "!(" + CASSANDRA_REPAIRS + ") || self.cassandraVersion in " + AUTO_REPAIR_VERSIONS;
    static final String REPAIR_MODE_VERSION_MESSAGE = "repair.mode Cassandra runs Cassandra's own auto-repair"
            + " scheduler, which 5.0.8 and later have: set cassandraVersion to 5.0.8 or 5.0.9 (upgrade first on a"
            + " running cluster), or leave repair.mode Cassini";
    static final String REPAIR_MODE_SCHEDULE_RULE = "!(" + CASSANDRA_REPAIRS + ") || !has(self.repair.schedule)";
    static final String REPAIR_MODE_SCHEDULE_MESSAGE = "repair.schedule is for Cassini's scheduler; with repair.mode"
            + " Cassandra each node repairs every min_repair_interval: remove repair.schedule and set"
            + " datacenters[].config.auto_repair.repair_type_overrides.full.min_repair_interval instead";

    // Field-level "self == oldSelf" would not see unset -> set, so the rule compares presence on the spec.
    static final String CLUSTER_NAME_IMMUTABLE_RULE = "has(self.clusterName) == has(oldSelf.clusterName)"
            + " && (!has(self.clusterName) || self.clusterName == oldSelf.clusterName)";
    static final String CLUSTER_NAME_IMMUTABLE_MESSAGE =
            "spec.clusterName cannot change after creation (not even from unset to set):"
                    + " Cassandra nodes refuse a different cluster name; create a new CassandraCluster instead";

    static final String RESTORE_FROM_IMMUTABLE_RULE = "has(self.restoreFrom) == has(oldSelf.restoreFrom)"
            + " && (!has(self.restoreFrom) || self.restoreFrom == oldSelf.restoreFrom)";
    static final String RESTORE_FROM_IMMUTABLE_MESSAGE =
            "spec.restoreFrom is set when a cluster is created and cannot change afterwards; to restore a backup into"
                    + " a running cluster, create a CassandraRestore";

    private static final String HAS_EXTERNAL = "has(self.externalDatacenters) && size(self.externalDatacenters) > 0";

    static final String REBUILD_FROM_RULE = "self.datacenters.all(d, !has(d.join) || !has(d.join.rebuildFrom)"
            + " || (d.join.rebuildFrom != d.name && (self.datacenters.exists(o, o.name == d.join.rebuildFrom)"
            + " || (has(self.externalDatacenters) && self.externalDatacenters.exists(x, x.name == d.join.rebuildFrom)))))";
    static final String REBUILD_FROM_MESSAGE = "datacenters[].join.rebuildFrom must name another datacenter of"
            + " spec.datacenters or spec.externalDatacenters: the one whose data the joining datacenter streams";

    static final String EXTERNAL_NAMES_RULE = "!has(self.externalDatacenters)"
            + " || self.externalDatacenters.all(x, !self.datacenters.exists(d, d.name == x.name))";
    static final String EXTERNAL_NAMES_MESSAGE = "a datacenter cannot be both in spec.datacenters (managed here) and in"
            + " spec.externalDatacenters (managed elsewhere): remove it from one of them";

    // The external datacenters' roles are the cluster's: the operator logs in with one of them, and creates or
    // retires none.
    static final String EXTERNAL_LOGIN_RULE = "!(" + HAS_EXTERNAL + ") || !has(self.auth)"
            + " || (has(self.auth.enabled) && self.auth.enabled == false) || has(self.auth.superuserSecretRef)";
    static final String EXTERNAL_LOGIN_MESSAGE = "with spec.externalDatacenters, auth.superuserSecretRef must name a"
            + " Secret (username, password) of a superuser role the existing cluster already has: the operator logs in"
            + " with it and creates or retires no role";

    // With no datacenter of its own, the resource only takes its nodes out of a ring that lives on elsewhere: a
    // joining datacenter backed out, or the source side of a move to another Kubernetes cluster.
    static final String NO_DATACENTER_RULE = "size(self.datacenters) > 0 || (has(self.externalDatacenters)"
            + " && self.externalDatacenters.exists(x, !has(x.leaving) || !x.leaving))";
    static final String NO_DATACENTER_MESSAGE = "spec.datacenters may be empty only while spec.externalDatacenters"
            + " names a datacenter that stays (leaving unset or false): the cluster's data must live on somewhere."
            + " Keep at least one datacenter, or list the datacenter that takes over under externalDatacenters";

    // A PersistentVolumeClaim can grow but never shrink; datacenters are matched by name, a new one may be any size.
    // (A messageExpression naming the datacenter was refused: over the API server's CEL cost budget.)
    private static final String STORAGE_SIZE_OF_D =
            "(has(d.storage) && has(d.storage.size) ? d.storage.size : '" + StorageSpec.DEFAULT_SIZE + "')";
    private static final String STORAGE_SIZE_OF_O =
            "(has(o.storage) && has(o.storage.size) ? o.storage.size : '" + StorageSpec.DEFAULT_SIZE + "')";
    private static final String D_SHRINKS_FROM_O =
            "o.name == d.name && quantity" + STORAGE_SIZE_OF_D + ".compareTo(quantity" + STORAGE_SIZE_OF_O + ") < 0";
    static final String STORAGE_NO_SHRINK_RULE = "!self.exists(d, oldSelf.exists(o, " + D_SHRINKS_FROM_O + "))";
    static final String STORAGE_NO_SHRINK_MESSAGE =
            "storage.size of an existing datacenter cannot shrink: volumes can only grow;"
                    + " keep the current size or larger";

    // StatefulSets are named <cluster>-<dc>-<rack>, so dc "a-b" with rack "c" would collide with dc "a" with rack
    // "b-c".
    private static final String RACKS_OF_A =
            "(has(a.racks) && size(a.racks) > 0 ? a.racks.map(r, r.name) : ['" + DatacenterSpec.DEFAULT_RACK + "'])";
    private static final String RACKS_OF_B =
            "(has(b.racks) && size(b.racks) > 0 ? b.racks.map(r, r.name) : ['" + DatacenterSpec.DEFAULT_RACK + "'])";
    static final String STATEFUL_SET_NAMES_UNIQUE_RULE = "self.all(a, self.all(b, a.name == b.name || " + RACKS_OF_A
            + ".all(x, " + RACKS_OF_B + ".all(y, a.name + '-' + x != b.name + '-' + y))))";
    static final String STATEFUL_SET_NAMES_UNIQUE_MESSAGE = "two datacenters' <datacenter>-<rack> names are the same"
            + " (e.g. datacenter a-b with rack c and datacenter a with rack b-c), so their StatefulSets and pods would clash;"
            + " rename a datacenter or rack";

    /** Apache Cassandra version; one of {@link #SUPPORTED_VERSIONS}. */
    @JsonPropertyDescription(CassandraClusterSpec.VERSION_DESCRIPTION)
    @Default(CassandraClusterSpec.DEFAULT_VERSION)
    @Size(max = 16)
    @ValidationRule(value = CassandraClusterSpec.VERSION_RULE, message = CassandraClusterSpec.VERSION_MESSAGE)
    private String cassandraVersion;

    /** The name Cassandra nodes know their cluster by; the operator uses metadata.name when unset. */
    @JsonPropertyDescription("Cassandra cluster name; defaults to metadata.name. Cannot change after creation.")
    @Size(min = 1, max = 64)
    private String clusterName;

    @JsonPropertyDescription("Datacenters of this cluster, at most 8, names unique. Empty only while"
            + " externalDatacenters names one that stays: the nodes of every datacenter removed here then leave the ring"
            + " (backing a join out, or handing the cluster over to another Kubernetes cluster).")
    @Required
    @Size(max = 8)
    @ValidationRule(
            value = "self.all(d, self.exists_one(e, e.name == d.name))",
            message = "datacenter names must be unique within a cluster: rename or remove the duplicate datacenter")
    @ValidationRule(
            value = CassandraClusterSpec.STATEFUL_SET_NAMES_UNIQUE_RULE,
            message = CassandraClusterSpec.STATEFUL_SET_NAMES_UNIQUE_MESSAGE)
    @ValidationRule(
            value = CassandraClusterSpec.STORAGE_NO_SHRINK_RULE,
            message = CassandraClusterSpec.STORAGE_NO_SHRINK_MESSAGE)
    private List<DatacenterSpec> datacenters;

    @JsonPropertyDescription("Authentication; on by default.")
    @Default("{}")
    private AuthSpec auth;

    /** Seeds of datacenters outside this Kubernetes cluster (hybrid clusters, migrations). */
    @JsonPropertyDescription("IPv4 addresses or host names of seed nodes outside this Kubernetes cluster, at most 20.")
    @Size(max = 20)
    @ValidationRule(
            value = "self.all(s, s.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'))",
            message =
                    "each of additionalSeeds must be an IPv4 address or a host name of lowercase letters, digits, '-' and '.', e.g. 10.0.0.5 or cassandra-1.example.com")
    private List<@Size(max = 253) String> additionalSeeds;

    @JsonPropertyDescription("Datacenters of this Cassandra cluster that this resource does not manage (virtual"
            + " machines, another Kubernetes cluster), at most 8, names unique. Their replication is never taken away"
            + " unless they are leaving; reach them through additionalSeeds.")
    @Size(max = 8)
    @ValidationRule(
            value = "self.all(x, self.exists_one(y, y.name == x.name))",
            message = "externalDatacenters names must be unique: remove the duplicate")
    private List<ExternalDatacenterSpec> externalDatacenters;

    @JsonPropertyDescription("Where backups go (an S3-compatible bucket); CassandraBackup resources need it.")
    private BackupSpec backup;

    @JsonPropertyDescription(
            "Start this new cluster from a backup: every node starts with the tokens of a backed-up node, then the"
                    + " backup is restored into it (CassandraRestore <name>-restore). Only when the cluster is created.")
    private RestoreFromSpec restoreFrom;

    @JsonPropertyDescription(
            "Continuous repair: on by default (every table repaired within half its gc_grace_seconds), or on a cron"
                    + " schedule, or off.")
    @Default("{}")
    private RepairSpec repair;

    @JsonPropertyDescription("Encryption of CQL clients' and internode traffic; off by default.")
    @Default("{}")
    private TlsSpec tls;

    @JsonPropertyDescription("Stop every node (pods deleted, volumes kept) while true.")
    private boolean stopped;

    @JsonPropertyDescription("Retain (default) keeps the volumes when the resource is deleted; Delete deletes them.")
    @Default("Retain")
    private DeletionPolicy deletionPolicy;

    public String getCassandraVersion() {
        return cassandraVersion;
    }

    public void setCassandraVersion(String cassandraVersion) {
        this.cassandraVersion = cassandraVersion;
    }

    public RestoreFromSpec getRestoreFrom() {
        return restoreFrom;
    }

    public void setRestoreFrom(RestoreFromSpec restoreFrom) {
        this.restoreFrom = restoreFrom;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public List<DatacenterSpec> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<DatacenterSpec> datacenters) {
        this.datacenters = datacenters;
    }

    public BackupSpec getBackup() {
        return backup;
    }

    public void setBackup(BackupSpec backup) {
        this.backup = backup;
    }

    public AuthSpec getAuth() {
        return auth;
    }

    public void setAuth(AuthSpec auth) {
        this.auth = auth;
    }

    public List<ExternalDatacenterSpec> getExternalDatacenters() {
        return externalDatacenters;
    }

    public void setExternalDatacenters(List<ExternalDatacenterSpec> externalDatacenters) {
        this.externalDatacenters = externalDatacenters;
    }

    public List<@Size(max = 253) String> getAdditionalSeeds() {
        return additionalSeeds;
    }

    public void setAdditionalSeeds(List<@Size(max = 253) String> additionalSeeds) {
        this.additionalSeeds = additionalSeeds;
    }

    public boolean isStopped() {
        return stopped;
    }

    public void setStopped(boolean stopped) {
        this.stopped = stopped;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public RepairSpec getRepair() {
        return repair;
    }

    public void setRepair(RepairSpec repair) {
        this.repair = repair;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CassandraClusterSpec that)) {
            return false;
        }
        return Objects.equals(cassandraVersion, that.cassandraVersion)
                && Objects.equals(clusterName, that.clusterName)
                && Objects.equals(datacenters, that.datacenters)
                && Objects.equals(auth, that.auth)
                && Objects.equals(backup, that.backup)
                && Objects.equals(restoreFrom, that.restoreFrom)
                && Objects.equals(additionalSeeds, that.additionalSeeds)
                && Objects.equals(externalDatacenters, that.externalDatacenters)
                && Objects.equals(repair, that.repair)
                && Objects.equals(tls, that.tls)
                && stopped == that.stopped
                && Objects.equals(deletionPolicy, that.deletionPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                cassandraVersion,
                clusterName,
                datacenters,
                auth,
                backup,
                restoreFrom,
                repair,
                tls,
                additionalSeeds,
                externalDatacenters,
                stopped,
                deletionPolicy);
    }

    @Override
    public String toString() {
        return "CassandraClusterSpec{"
                + "cassandraVersion=" + cassandraVersion
                + ", clusterName=" + clusterName
                + ", datacenters=" + datacenters
                + ", auth=" + auth
                + ", backup=" + backup
                + ", additionalSeeds=" + additionalSeeds
                + ", externalDatacenters=" + externalDatacenters
                + ", tls=" + tls
                + ", stopped=" + stopped
                + ", deletionPolicy=" + deletionPolicy
                + "}";
    }
}
