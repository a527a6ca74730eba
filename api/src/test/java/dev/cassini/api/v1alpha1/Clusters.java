package dev.cassini.api.v1alpha1;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid CassandraCluster resources for tests to start from (and break on purpose); the cli's ITs use them too. */
public final class Clusters {
    private Clusters() {}

    /** The smallest valid resource: one datacenter of one node; everything else left to defaults. */
    public static CassandraCluster minimal(String name) {
        CassandraClusterSpec spec = new CassandraClusterSpec();
        spec.setDatacenters(new ArrayList<>(List.of(datacenter("dc1", 1))));
        return cluster(name, spec);
    }

    /** Every spec field set, to valid values. */
    static CassandraCluster full(String name) {
        CassandraClusterSpec spec = new CassandraClusterSpec();
        spec.setCassandraVersion("5.0.5");
        spec.setClusterName("Test Cluster");
        DatacenterSpec dc1 = datacenter("dc1", 3);
        dc1.setRacks(new ArrayList<>(List.of(rack("r1", "zone-a"), rack("r2", "zone-b"), rack("r3", "zone-c"))));
        dc1.getRacks().get(0).setNodeAffinityLabels(Map.of("disk", "ssd"));
        StorageSpec storage = new StorageSpec();
        storage.setStorageClassName("devkube-local");
        storage.setSize("20Gi");
        dc1.setStorage(storage);
        dc1.setResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("500m"))
                .addToRequests("memory", new Quantity("2Gi"))
                .addToLimits("memory", new Quantity("2Gi"))
                .build());
        dc1.setHeap("1G");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("concurrent_reads", 64);
        config.put("compaction_throughput", "128MiB/s");
        config.put("audit_logging_options", Map.of("enabled", true, "included_keyspaces", List.of("app")));
        dc1.setConfig(config);
        dc1.setJvmOptions(new ArrayList<>(List.of("-XX:+AlwaysPreTouch", "-Dcassandra.ring_delay_ms=5000")));
        DatacenterSpec dc2 = datacenter("dc2", 1);
        spec.setDatacenters(new ArrayList<>(List.of(dc1, dc2)));
        AuthSpec auth = new AuthSpec();
        auth.setEnabled(false);
        auth.setSuperuserSecretRef("cassandra-superuser");
        spec.setAuth(auth);
        spec.setAdditionalSeeds(new ArrayList<>(List.of("10.0.0.5", "cassandra-1.dc3.example.com")));
        BackupSpec backup = new BackupSpec();
        backup.setStorage(backupStorage());
        backup.getStorage().setPrefix("team-a/full");
        backup.getStorage().setEndpoint("https://s3.eu-west-1.amazonaws.com");
        backup.getStorage().setRegion("eu-west-1");
        backup.getStorage().setCredentialsSecretRef("backup-credentials");
        backup.getStorage().setServerSideEncryption("aws:kms");
        backup.getStorage().setKmsKeyId("arn:aws:kms:eu-west-1:111122223333:key/abcd");
        backup.getStorage().setBandwidthPerNode("100Mi");
        backup.getStorage().setConcurrencyPerNode(8);
        spec.setBackup(backup);
        spec.setStopped(true);
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        return cluster(name, spec);
    }

    /** Backup storage naming only a bucket. */
    public static BackupStorageSpec backupStorage() {
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setBucket("cassandra-backups");
        return storage;
    }

    /** {@code cluster} with backups to {@code storage}. */
    public static void backupTo(CassandraCluster cluster, BackupStorageSpec storage) {
        BackupSpec backup = new BackupSpec();
        backup.setStorage(storage);
        cluster.getSpec().setBackup(backup);
    }

    static DatacenterSpec datacenter(String name, int size) {
        DatacenterSpec dc = new DatacenterSpec();
        dc.setName(name);
        dc.setSize(size);
        return dc;
    }

    static RackSpec rack(String name, String zone) {
        RackSpec rack = new RackSpec();
        rack.setName(name);
        rack.setZone(zone);
        return rack;
    }

    static StorageSpec storage(String size) {
        StorageSpec storage = new StorageSpec();
        storage.setSize(size);
        return storage;
    }

    private static CassandraCluster cluster(String name, CassandraClusterSpec spec) {
        CassandraCluster cluster = new CassandraCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
        cluster.setSpec(spec);
        return cluster;
    }
}
