package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.BackupSpec;
import dev.cassini.api.v1alpha1.BackupStorageSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterSpec;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupClusterChoiceTest {
    private static CassandraCluster cluster(String name, boolean withStorage, String... datacenters) {
        CassandraCluster cluster = new CassandraCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
        CassandraClusterSpec spec = new CassandraClusterSpec();
        spec.setDatacenters(List.of(datacenters).stream()
                .map(dc -> {
                    DatacenterSpec datacenter = new DatacenterSpec();
                    datacenter.setName(dc);
                    return datacenter;
                })
                .toList());
        if (withStorage) {
            BackupStorageSpec storage = new BackupStorageSpec();
            storage.setBucket("backups");
            BackupSpec backup = new BackupSpec();
            backup.setStorage(storage);
            spec.setBackup(backup);
        }
        cluster.setSpec(spec);
        return cluster;
    }

    @Test
    void theOnlyClusterInTheNamespaceIsTheDefault() {
        assertThat(BackupClusterChoice.choose(List.of(cluster("demo", true, "dc1")), null, List.of(), "default"))
                .isEqualTo("demo");
    }

    @Test
    void severalClustersMustBeNamedAndTheErrorListsThem() {
        List<CassandraCluster> two = List.of(cluster("prod", true, "dc1"), cluster("demo", true, "dc1"));

        assertThatThrownBy(() -> BackupClusterChoice.choose(two, null, List.of(), "cassandra"))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("namespace cassandra has 2 CassandraClusters (demo, prod); say which to back up with"
                        + " --cluster");
        assertThat(BackupClusterChoice.choose(two, "prod", List.of(), "cassandra"))
                .isEqualTo("prod");
    }

    @Test
    void noClusterPointsAtAnotherNamespace() {
        assertThatThrownBy(() -> BackupClusterChoice.choose(List.of(), null, List.of(), "default"))
                .hasMessage("no CassandraCluster in namespace default, so nothing to back up; is it in another one?"
                        + " Say which with -n");
    }

    @Test
    void aMisspeltClusterIsRefusedWithTheOnesThereAre() {
        assertThatThrownBy(() -> BackupClusterChoice.choose(
                        List.of(cluster("demo", true, "dc1"), cluster("prod", true, "dc1")),
                        "prd",
                        List.of(),
                        "default"))
                .hasMessage("no CassandraCluster prd in namespace default; it has demo, prod");
    }

    @Test
    void aClusterWithoutStorageIsRefusedBeforeABackupIsCreated() {
        assertThatThrownBy(() ->
                        BackupClusterChoice.choose(List.of(cluster("demo", false, "dc1")), null, List.of(), "default"))
                .hasMessageStartingWith("cluster demo has no spec.backup.storage");
    }

    @Test
    void everyDatacenterAskedForMustBeTheClusters() {
        List<CassandraCluster> clusters = List.of(cluster("demo", true, "dc1", "dc2"));

        assertThat(BackupClusterChoice.choose(clusters, null, List.of("dc2"), "default"))
                .isEqualTo("demo");
        assertThatThrownBy(() -> BackupClusterChoice.choose(clusters, null, List.of("dc1", "eu1"), "default"))
                .hasMessage("cluster demo has no datacenter eu1; it has dc1, dc2");
    }
}
