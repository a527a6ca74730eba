package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CassandraBackup and CassandraRestore CRDs' schemas and CEL rules, enforced by a real kube-apiserver. */
class BackupCrdValidationIT {
    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "backup-validation").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    static CassandraBackup backup(String name, String cluster) {
        CassandraBackup backup = new CassandraBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(name).build());
        CassandraBackupSpec spec = new CassandraBackupSpec();
        spec.setCluster(cluster);
        backup.setSpec(spec);
        return backup;
    }

    record Invalid(String description, Consumer<CassandraBackup> breakIt, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Invalid> invalidBackups() {
        return Stream.of(
                new Invalid("no spec", b -> b.setSpec(null), "spec is required: set at least spec.cluster"),
                new Invalid("no cluster", b -> b.getSpec().setCluster(null), "spec.cluster: Required value"),
                new Invalid("cluster not a name", b -> b.getSpec().setCluster("Prod"), "spec.cluster: Invalid value"),
                new Invalid(
                        "name with a dot",
                        b -> b.getMetadata().setName("nightly.1"),
                        "metadata.name must contain only lowercase letters, digits and '-'"),
                new Invalid(
                        "name longer than 63",
                        b -> b.getMetadata().setName("n".repeat(64)),
                        "metadata.name must be at most 63 characters"),
                new Invalid(
                        "keyspace with a dash",
                        b -> b.getSpec().setKeyspaces(List.of("shop", "my-shop")),
                        "spec.keyspaces[1] in body should match '^[A-Za-z0-9_]{1,48}$'"),
                new Invalid(
                        "table without its keyspace",
                        b -> b.getSpec().setTables(List.of("orders")),
                        "spec.tables[0] in body should match"),
                new Invalid(
                        "datacenter in capitals",
                        b -> b.getSpec().setDatacenters(List.of("DC1")),
                        "spec.datacenters[0] in body should match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBackups")
    void anInvalidBackupIsRefusedWithItsMessage(Invalid invalid) {
        CassandraBackup backup = backup("bad", "demo");
        invalid.breakIt().accept(backup);

        Rejections.assertRejected(
                () -> client.resource(backup).inNamespace("default").create(), invalid.message());
    }

    @Test
    void aDeletionPolicyOtherThanDeleteOrRetainIsRefused() {
        String yaml = """
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraBackup
                metadata: {name: keep}
                spec: {cluster: demo, deletionPolicy: Keep}
                """;
        Rejections.assertRejected(
                () -> client.resource(yaml).inNamespace("default").create(),
                "supported values: \"Delete\", \"Retain\"");
    }

    @Test
    void aMinimalBackupIsAcceptedAndDeletesItsObjectsByDefault() {
        CassandraBackup created = client.resource(backup("minimal", "demo"))
                .inNamespace("default")
                .create();

        assertThat(created.getSpec().getDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        assertThat(created.getSpec().getKeyspaces()).isNull();
    }

    @Test
    void aBackupOfSomeDatacentersKeyspacesAndTablesIsAccepted() {
        CassandraBackup backup = backup("partial", "demo");
        backup.getSpec().setDatacenters(List.of("dc1", "eu-west-1"));
        backup.getSpec().setKeyspaces(List.of("shop", "Billing_2"));
        backup.getSpec().setTables(List.of("audit.events"));
        backup.getSpec().setDeletionPolicy(DeletionPolicy.Retain);

        CassandraBackup created = client.resource(backup).inNamespace("default").create();

        assertThat(created.getSpec()).isEqualTo(backup.getSpec());
    }

    @Test
    void aBackupsSpecCannotChangeButItsStatusCan() {
        client.resource(backup("fixed", "demo")).inNamespace("default").create();

        Rejections.assertRejected(
                () -> client.resources(CassandraBackup.class)
                        .inNamespace("default")
                        .withName("fixed")
                        .edit(b -> {
                            b.getSpec().setKeyspaces(List.of("shop"));
                            return b;
                        }),
                "a backup's spec cannot change once created; create another CassandraBackup instead");

        CassandraBackup current = client.resources(CassandraBackup.class)
                .inNamespace("default")
                .withName("fixed")
                .get();
        CassandraBackupStatus status = new CassandraBackupStatus();
        status.setPhase("Running");
        current.setStatus(status);
        CassandraBackup updated =
                client.resource(current).inNamespace("default").updateStatus();
        assertThat(updated.getStatus().getPhase()).isEqualTo("Running");
    }

    static CassandraRestore restore(String name, String cluster, String backup) {
        CassandraRestore restore = new CassandraRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).build());
        CassandraRestoreSpec spec = new CassandraRestoreSpec();
        spec.setCluster(cluster);
        spec.setBackup(backup);
        restore.setSpec(spec);
        return restore;
    }

    record InvalidRestore(String description, Consumer<CassandraRestore> breakIt, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<InvalidRestore> invalidRestores() {
        return Stream.of(
                new InvalidRestore(
                        "no spec", r -> r.setSpec(null), "spec is required: set spec.cluster and spec.backup"),
                new InvalidRestore(
                        "neither backup nor source",
                        r -> r.getSpec().setBackup(null),
                        "set either backup (a CassandraBackup in this namespace) or source (a backup in a bucket), not"
                                + " both and not neither"),
                new InvalidRestore(
                        "both backup and source",
                        r -> r.getSpec().setSource(source("nightly-1")),
                        "set either backup (a CassandraBackup in this namespace) or source (a backup in a bucket), not"
                                + " both and not neither"),
                new InvalidRestore(
                        "source without a backup id",
                        r -> {
                            r.getSpec().setBackup(null);
                            r.getSpec().setSource(source(null));
                        },
                        "spec.source.backupId: Required value"),
                new InvalidRestore(
                        "backup not a name", r -> r.getSpec().setBackup("Nightly"), "spec.backup: Invalid value"),
                new InvalidRestore(
                        "name with a dot",
                        r -> r.getMetadata().setName("orders.1"),
                        "it names the restore's staging directory on every node"),
                new InvalidRestore(
                        "table without its keyspace",
                        r -> r.getSpec().setTables(List.of("orders")),
                        "spec.tables[0] in body should match"),
                new InvalidRestore(
                        "two keyspaces mapped to one",
                        r -> r.getSpec().setKeyspaceMapping(Map.of("shop", "old", "audit", "old")),
                        "keyspaceMapping maps two keyspaces to the same one; give each its own keyspace"),
                new InvalidRestore(
                        "a keyspace mapped into system_auth",
                        r -> r.getSpec().setKeyspaceMapping(Map.of("shop", "system_auth")),
                        "keyspaceMapping cannot restore into one of Cassandra's own keyspaces; name a new keyspace"),
                new InvalidRestore(
                        "a mapped keyspace that is no keyspace name",
                        r -> r.getSpec().setKeyspaceMapping(Map.of("shop", "shop-copy")),
                        "spec.keyspaceMapping.shop in body should match"),
                new InvalidRestore(
                        "a mapping from no keyspace name",
                        r -> r.getSpec().setKeyspaceMapping(Map.of("shop.orders", "copy")),
                        "keyspaceMapping's keys are backed-up keyspace names: letters, digits and _, at most 48"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRestores")
    void anInvalidRestoreIsRefusedWithItsMessage(InvalidRestore invalid) {
        CassandraRestore restore = restore("bad", "demo", "nightly-1");
        invalid.breakIt().accept(restore);

        Rejections.assertRejected(
                () -> client.resource(restore).inNamespace("default").create(), invalid.message());
    }

    static BackupSourceSpec source(String backupId) {
        BackupSourceSpec source = new BackupSourceSpec();
        source.setPrefix("other-namespace/old-cluster");
        source.setBackupId(backupId);
        return source;
    }

    @Test
    void aRestoreOfABackupInABucketIsAccepted() {
        CassandraRestore restore = restore("from-bucket", "demo", null);
        restore.getSpec().setSource(source("nightly-1"));
        restore.getSpec().getSource().setBucket("old-backups");

        CassandraRestore created =
                client.resource(restore).inNamespace("default").create();

        assertThat(created.getSpec().getSource()).isEqualTo(restore.getSpec().getSource());
        assertThat(created.getSpec().getBackup()).isNull();
    }

    @Test
    void aRestoreOfSomeTablesIsAcceptedAndItsSpecCannotChange() {
        CassandraRestore restore = restore("orders-back", "demo", "nightly-1");
        restore.getSpec().setKeyspaces(List.of("audit"));
        restore.getSpec().setTables(List.of("shop.orders"));
        restore.getSpec().setKeyspaceMapping(Map.of("shop", "shop_copy"));

        CassandraRestore created =
                client.resource(restore).inNamespace("default").create();

        assertThat(created.getSpec()).isEqualTo(restore.getSpec());
        Rejections.assertRejected(
                () -> client.resources(CassandraRestore.class)
                        .inNamespace("default")
                        .withName("orders-back")
                        .edit(r -> {
                            r.getSpec().setBackup("nightly-2");
                            return r;
                        }),
                "a restore's spec cannot change once created; create another CassandraRestore instead");
    }

    static CassandraBackupSchedule schedule(String name, String cron) {
        CassandraBackupSchedule schedule = new CassandraBackupSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName(name).build());
        CassandraBackupScheduleSpec spec = new CassandraBackupScheduleSpec();
        spec.setCluster("demo");
        spec.setSchedule(cron);
        schedule.setSpec(spec);
        return schedule;
    }

    @Test
    void aScheduleGetsItsDefaultsAndARetentionThatKeepsNothingIsRefused() {
        CassandraBackupSchedule created = client.resource(schedule("nightly", "0 2 * * *"))
                .inNamespace("default")
                .create();

        assertThat(created.getSpec().getTimeZone()).isEqualTo("UTC");
        assertThat(created.getSpec().getConcurrencyPolicy()).isEqualTo(ScheduleConcurrencyPolicy.Forbid);
        assertThat(created.getSpec().isSuspend()).isFalse();

        CassandraBackupSchedule keepsNothing = schedule("keeps-nothing", "@daily");
        RetentionSpec retention = new RetentionSpec();
        retention.setLast(0);
        keepsNothing.getSpec().setRetention(retention);
        Rejections.assertRejected(
                () -> client.resource(keepsNothing).inNamespace("default").create(),
                "a retention that keeps nothing would delete every backup; keep at least the last one");
        Rejections.assertRejected(
                () -> client.resource(schedule("s".repeat(51), "@daily"))
                        .inNamespace("default")
                        .create(),
                "metadata.name must be at most 50 characters: its backups are named <schedule>-<yyyyMMddHHmm>");
        Rejections.assertRejected(
                () -> client.resource(schedule("no-cron", null))
                        .inNamespace("default")
                        .create(),
                "spec.schedule: Required value");
    }
}
