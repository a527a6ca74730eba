package dev.cassini.cli;

import static dev.cassini.cli.ApiServerFixture.CLUSTER;
import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.node;
import static dev.cassini.cli.BackupFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cassini backup} against a real kube-apiserver with the CRDs installed. No operator runs:
 * the tests write the status the operator would, and check what the commands ask the API server
 * for and what they print.
 */
class BackupCommandIT {
    private static ApiServerFixture api;

    private String namespace;

    @BeforeAll
    static void startApiServer() {
        api = ApiServerFixture.start("cli-backup");
    }

    @AfterAll
    static void stopApiServer() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void newNamespace() {
        namespace = api.namespaceWithCluster("backup");
    }

    @Test
    void createWritesTheSpecTheOptionsSay() {
        CassiniRun run = api.cassini(
                namespace,
                "backup",
                "create",
                "shop-1",
                "--keyspace",
                "shop",
                "--table",
                "audit.events",
                "--retain",
                "--no-wait");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Created backup shop-1 of cluster demo in namespace " + namespace
                        + " (Retain (deleting the resource leaves the backup in the bucket)).\n"
                        + "Follow it with: cassini backup describe shop-1 -n " + namespace + "\n");
        CassandraBackupSpec spec = backup("shop-1").getSpec();
        assertThat(spec.getCluster()).isEqualTo(CLUSTER);
        assertThat(spec.getDatacenters()).isNull();
        assertThat(spec.getKeyspaces()).containsExactly("shop");
        assertThat(spec.getTables()).containsExactly("audit.events");
        assertThat(spec.getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    }

    @Test
    void listPrintsTheNamespacesBackupsOldestFirst() {
        existing("nightly-1", succeeded());
        existing("nightly-2", null);

        CassiniRun run = api.cassini(namespace, "backup", "list");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                        NAME        CLUSTER   STATUS      SIZE      UPLOADED   STARTED                     DURATION
                        nightly-1   demo      Succeeded   3.5 GiB   42 B       2025-06-01 02:00:04 +0000   3m 05s
                        nightly-2   demo      -           -         -          -                           -
                        """);
    }

    @Test
    void describeShowsSpecStatusNodesAndConditions() {
        CassandraBackup backup = existing("nightly-1", succeeded());

        CassiniRun run = api.cassini(namespace, "backup", "describe", "nightly-1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Name:            nightly-1\n"
                        + "Namespace:       " + namespace + "\n"
                        + """
                        Cluster:         demo
                        Datacenters:     all
                        Keyspaces:       all but system, system_views, system_virtual_schema
                        Deletion policy: Delete (deleting the resource deletes the backup's index entry and manifests from the bucket)
                        """
                        + "Created:         "
                        + ApiServerFixture.shown(backup.getMetadata().getCreationTimestamp())
                        + "\n"
                        + """

                        Status:          Succeeded
                        Location:        s3://cassandra-backups/demo/backups/nightly-1/
                        Started:         2025-06-01 02:00:04 +0000
                        Completed:       2025-06-01 02:03:09 +0000 (took 3m 05s)
                        Size:            3.5 GiB of data
                        Uploaded:        42 B (new content, manifests, index)
                        Reused:          - (content the bucket already held)

                        Nodes:
                          POD             DATACENTER   RACK   STATE       FILES   SIZE      UPLOADED   REUSED    MESSAGE
                          demo-dc1-r1-0   dc1          r1     Succeeded   12      3.5 GiB   42 B       3.5 GiB   manifest dc1/r1/x.json; 12 files

                        Conditions:
                          TYPE       STATUS   REASON           SINCE                       MESSAGE
                          Complete   True     BackupComplete   2025-06-01 02:03:09 +0000   complete: 1 node
                        """);
    }

    @Test
    void deleteWithoutAFinalizerSaysWhatHappensToTheBucketAndWaitsUntilTheResourceIsGone() {
        existing("nightly-1", succeeded());

        CassiniRun run = api.cassini(namespace, "backup", "delete", "nightly-1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Deleting backup nightly-1. Its deletionPolicy is Delete: the operator deletes its index"
                        + " entry and manifests from s3://cassandra-backups/demo/backups/nightly-1/ (content other"
                        + " backups share stays).\n"
                        + "Backup nightly-1 deleted.\n");
        assertThat(backup("nightly-1")).isNull();
    }

    @Test
    void creatingANameThatExistsIsRefusedAndLeavesTheBackupAsItWas() {
        CassandraBackup before = existing("nightly-1", succeeded());

        CassiniRun run = api.cassini(namespace, "backup", "create", "nightly-1", "--no-wait");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("cassini backup create: backup nightly-1 already exists in namespace " + namespace
                        + " (cluster demo, Succeeded). A backup runs once: choose another name, or delete it first"
                        + " with cassini backup delete nightly-1\n");
        assertThat(backup("nightly-1").getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void anUnknownBackupIsAnsweredWithTheOnesThereAre() {
        existing("nightly-1", succeeded());
        existing("nightly-2", null);

        CassiniRun run = api.cassini(namespace, "backup", "describe", "nightly-9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("cassini backup describe: no backup nightly-9 in namespace " + namespace
                        + "; there are: nightly-1, nightly-2\n");
    }

    private CassandraBackup backup(String name) {
        return api.client()
                .resources(CassandraBackup.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** A backup of cluster demo, with the status the operator would have written (none when null). */
    private CassandraBackup existing(String name, CassandraBackupStatus status) {
        CassandraBackup backup = new CassandraBackup();
        backup.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        CassandraBackupSpec spec = new CassandraBackupSpec();
        spec.setCluster(CLUSTER);
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        backup.setSpec(spec);
        if (status == null) {
            return api.client().resource(backup).create();
        }
        return api.create(backup, created -> {
            status.setLocation(status.getLocation().replace("NAME", name));
            created.setStatus(status);
        });
    }

    private static CassandraBackupStatus succeeded() {
        CassandraBackupStatus status =
                status("Succeeded", "2025-06-01T02:00:04Z", "2025-06-01T02:03:09Z", 3 * GIB + GIB / 2, 42L);
        status.setLocation("s3://cassandra-backups/demo/backups/NAME/");
        status.setNodes(List.of(node("demo-dc1-r1-0", "r1", 12, 3 * GIB + GIB / 2, 42L, 3 * GIB + GIB / 2)));
        status.setConditions(List.of(new ConditionBuilder()
                .withType("Complete")
                .withStatus("True")
                .withReason("BackupComplete")
                .withMessage("complete: 1 node")
                .withLastTransitionTime("2025-06-01T02:03:09Z")
                .build()));
        return status;
    }
}
