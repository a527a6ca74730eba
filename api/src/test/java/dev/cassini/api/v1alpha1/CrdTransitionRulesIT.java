package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules on updates, enforced by a real kube-apiserver: what may not change once a cluster exists
 * (its Cassandra cluster name) and what may only grow (volumes).
 */
class CrdTransitionRulesIT {
    private static final String CLUSTER_NAME_MESSAGE =
            "spec.clusterName cannot change after creation (not even from unset to set):"
                    + " Cassandra nodes refuse a different cluster name; create a new CassandraCluster instead";
    private static final String SHRINK_MESSAGE =
            "storage.size of an existing datacenter cannot shrink: volumes can only grow;"
                    + " keep the current size or larger";

    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "transitions").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clusterNameCannotChange() {
        create(Clusters.full("rename"));

        Rejections.assertRejected(
                () -> update("rename", c -> c.getSpec().setClusterName("Other Cluster")), CLUSTER_NAME_MESSAGE);
    }

    @Test
    void clusterNameCannotBeSetAfterCreation() {
        // The operator used metadata.name while it was unset; a name given later would differ from what nodes have.
        create(Clusters.minimal("set-later"));

        Rejections.assertRejected(
                () -> update("set-later", c -> c.getSpec().setClusterName("set-later")), CLUSTER_NAME_MESSAGE);
    }

    @Test
    void clusterNameCannotBeRemoved() {
        create(Clusters.full("unset"));

        Rejections.assertRejected(() -> update("unset", c -> c.getSpec().setClusterName(null)), CLUSTER_NAME_MESSAGE);
    }

    @Test
    void otherChangesKeepingTheClusterNameAreAccepted() {
        create(Clusters.full("scale"));

        CassandraCluster updated =
                update("scale", c -> c.getSpec().getDatacenters().get(0).setSize(6));

        assertThat(updated.getSpec().getDatacenters().get(0).getSize()).isEqualTo(6);
        assertThat(updated.getSpec().getClusterName()).isEqualTo("Test Cluster");
    }

    @Test
    void aClusterOnAVersionWithTheAutoRepairFlagCannotGoBackButMovesAmongThem() {
        CassandraCluster cluster = Clusters.minimal("flagged");
        cluster.getSpec().setCassandraVersion("5.0.8");
        create(cluster);

        assertThat(update("flagged", c -> c.getSpec().setCassandraVersion("5.0.9"))
                        .getSpec()
                        .getCassandraVersion())
                .isEqualTo("5.0.9");
        Rejections.assertRejected(
                () -> update("flagged", c -> c.getSpec().setCassandraVersion("5.0.6")),
                "cassandraVersion cannot go back from 5.0.8 or later to an older version");

        // Older versions still move freely among themselves and up.
        create(Clusters.minimal("older"));
        assertThat(update("older", c -> c.getSpec().setCassandraVersion("5.0.5"))
                        .getSpec()
                        .getCassandraVersion())
                .isEqualTo("5.0.5");
        assertThat(update("older", c -> c.getSpec().setCassandraVersion("5.0.9"))
                        .getSpec()
                        .getCassandraVersion())
                .isEqualTo("5.0.9");
    }

    private static final String RESTORE_FROM_MESSAGE =
            "spec.restoreFrom is set when a cluster is created and cannot change afterwards; to restore a backup into"
                    + " a running cluster, create a CassandraRestore";

    private static RestoreFromSpec restoreFrom(String backup) {
        RestoreFromSpec from = new RestoreFromSpec();
        from.setBackup(backup);
        from.setDatacenterMapping(java.util.Map.of("dc1", "east"));
        return from;
    }

    @Test
    void restoreFromIsKeptAsCreatedWhileOtherFieldsChange() {
        CassandraCluster cluster = Clusters.minimal("restored");
        cluster.getSpec().setRestoreFrom(restoreFrom("nightly-1"));
        create(cluster);

        Rejections.assertRejected(
                () -> update("restored", c -> c.getSpec().setRestoreFrom(restoreFrom("nightly-2"))),
                RESTORE_FROM_MESSAGE);
        Rejections.assertRejected(
                () -> update("restored", c -> c.getSpec().setRestoreFrom(null)), RESTORE_FROM_MESSAGE);
        CassandraCluster scaled = update("restored", c -> dc1(c).setSize(6));
        assertThat(scaled.getSpec().getRestoreFrom().getDatacenterMapping()).containsEntry("dc1", "east");
    }

    @Test
    void restoreFromCannotBeAddedToAnExistingCluster() {
        create(Clusters.minimal("running"));

        Rejections.assertRejected(
                () -> update("running", c -> c.getSpec().setRestoreFrom(restoreFrom("nightly-1"))),
                RESTORE_FROM_MESSAGE);
    }

    @Test
    void theCassandraCaCanChangeOnlyWhileEncryptionIsOff() {
        create(Clusters.minimal("plain"));

        // off: a CA may be named, together with turning encryption on
        CassandraCluster on = update("plain", c -> {
            c.getSpec().getTls().setCaSecretRef("company-ca");
            c.getSpec().getTls().setInternode(InternodeTls.Required);
        });
        assertThat(on.getSpec().getTls().getClient()).as("default").isEqualTo(ClientTls.None);

        // on: neither another CA nor none
        Rejections.assertRejected(
                () -> update("plain", c -> c.getSpec().getTls().setCaSecretRef("other-ca")),
                TlsSpec.CA_FIXED_WHILE_ON_MESSAGE);
        Rejections.assertRejected(
                () -> update("plain", c -> c.getSpec().getTls().setCaSecretRef(null)),
                TlsSpec.CA_FIXED_WHILE_ON_MESSAGE);

        // off again: free to change
        update("plain", c -> c.getSpec().getTls().setInternode(InternodeTls.None));
        assertThat(update("plain", c -> c.getSpec().getTls().setCaSecretRef(null))
                        .getSpec()
                        .getTls()
                        .getCaSecretRef())
                .isNull();
    }

    @Test
    void anUnknownEncryptionModeIsRefusedNamingTheAllowedOnes() {
        CassandraCluster cluster = Clusters.minimal("tls-mode");
        cluster.getSpec().setTls(new TlsSpec());
        create(cluster);

        io.fabric8.kubernetes.client.KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> client.genericKubernetesResources("cassini.dev/v1alpha1", "CassandraCluster")
                        .inNamespace("default")
                        .withName("tls-mode")
                        .edit(r -> {
                            ((java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                                                    r.getAdditionalProperties().get("spec"))
                                            .computeIfAbsent("tls", k -> new java.util.HashMap<String, Object>()))
                                    .put("client", false); // what an unquoted Off becomes in YAML 1.1
                            return r;
                        }));
        assertThat(refused.getMessage()).contains("spec.tls.client");
    }

    @Test
    void storageCannotShrink() {
        CassandraCluster cluster = Clusters.minimal("shrink");
        cluster.getSpec().getDatacenters().get(0).setStorage(Clusters.storage("20Gi"));
        create(cluster);

        Rejections.assertRejected(
                () -> update("shrink", c -> dc1(c).getStorage().setSize("19Gi")), SHRINK_MESSAGE);
    }

    @Test
    void storageCannotShrinkBelowTheDefault() {
        create(Clusters.minimal("shrink-default"));

        Rejections.assertRejected(
                () -> update("shrink-default", c -> dc1(c).setStorage(Clusters.storage("5Gi"))), SHRINK_MESSAGE);
    }

    @Test
    void storageCannotShrinkInAnyDatacenter() {
        CassandraCluster cluster = Clusters.minimal("shrink-dc2");
        cluster.getSpec().getDatacenters().add(Clusters.datacenter("dc2", 1));
        cluster.getSpec().getDatacenters().add(Clusters.datacenter("dc3", 1));
        create(cluster);

        Rejections.assertRejected(
                () -> update("shrink-dc2", c -> {
                    dc1(c).setStorage(Clusters.storage("50Gi"));
                    c.getSpec().getDatacenters().get(1).setStorage(Clusters.storage("1Gi"));
                    c.getSpec().getDatacenters().get(2).setStorage(Clusters.storage("9.5Gi"));
                }),
                SHRINK_MESSAGE);
    }

    @Test
    void removingTheStorageSizeOfABigVolumeIsAShrinkToTheDefault() {
        // The server fills in the default 10Gi before the rule runs.
        CassandraCluster cluster = Clusters.minimal("size-removed");
        cluster.getSpec().getDatacenters().get(0).setStorage(Clusters.storage("100Gi"));
        create(cluster);

        Rejections.assertRejected(() -> update("size-removed", c -> dc1(c).setStorage(null)), SHRINK_MESSAGE);
    }

    @Test
    void storageCanGrow() {
        create(Clusters.minimal("grow"));

        CassandraCluster updated = update("grow", c -> dc1(c).setStorage(Clusters.storage("20Gi")));

        assertThat(dc1(updated).getStorage().getSize()).isEqualTo("20Gi");
    }

    @Test
    void theSameSizeInOtherUnitsIsNotAShrink() {
        // Compared as quantities, not strings: 10Gi is 10240Mi.
        create(Clusters.minimal("same-size"));

        CassandraCluster updated = update("same-size", c -> dc1(c).setStorage(Clusters.storage("10240Mi")));

        assertThat(dc1(updated).getStorage().getSize()).isEqualTo("10240Mi");
    }

    @Test
    void aNewDatacenterMayHaveSmallerVolumes() {
        create(Clusters.minimal("add-dc"));

        CassandraCluster updated = update("add-dc", c -> {
            DatacenterSpec dc2 = Clusters.datacenter("dc2", 3);
            dc2.setStorage(Clusters.storage("1Gi"));
            c.getSpec().setDatacenters(new ArrayList<>(c.getSpec().getDatacenters()));
            c.getSpec().getDatacenters().add(dc2);
        });

        assertThat(updated.getSpec().getDatacenters())
                .extracting(DatacenterSpec::getName)
                .containsExactly("dc1", "dc2");
    }

    @Test
    void everyDatacenterMayBeRemovedWhileAnExternalOneStaysButNotOnceItLeavesToo() {
        // A join backed out: the resource's nodes leave, the ring lives on in the external datacenter.
        CassandraCluster joining = Clusters.minimal("backed-out");
        ExternalDatacenterSpec legacy = new ExternalDatacenterSpec();
        legacy.setName("legacy");
        joining.getSpec().setExternalDatacenters(java.util.List.of(legacy));
        joining.getSpec().setAdditionalSeeds(java.util.List.of("10.0.0.5"));
        AuthSpec login = new AuthSpec();
        login.setSuperuserSecretRef("legacy-admin");
        joining.getSpec().setAuth(login);
        create(joining);

        CassandraCluster emptied = update("backed-out", c -> c.getSpec().setDatacenters(new ArrayList<>()));
        assertThat(emptied.getSpec().getDatacenters()).isEmpty();

        Rejections.assertRejected(
                () -> update(
                        "backed-out",
                        c -> c.getSpec().getExternalDatacenters().get(0).setLeaving(true)),
                "spec.datacenters may be empty only while spec.externalDatacenters names a datacenter that stays");
    }

    private static DatacenterSpec dc1(CassandraCluster cluster) {
        return cluster.getSpec().getDatacenters().get(0);
    }

    private static void create(CassandraCluster cluster) {
        client.resource(cluster).inNamespace("default").create();
    }

    /** Reads the stored resource (with the server's defaults), changes it and writes it back with PUT. */
    private static CassandraCluster update(String name, Consumer<CassandraCluster> change) {
        CassandraCluster current = client.resources(CassandraCluster.class)
                .inNamespace("default")
                .withName(name)
                .get();
        change.accept(current);
        return client.resource(current).update();
    }
}
