package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.api.v1alpha1.BackupStorageSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.Clusters;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupIndex;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.S3ProxyServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cassini backup verify} and {@code cassini backup list --in-bucket} against a real
 * kube-apiserver and a real S3 server, on a backup written into the bucket as the agents and the
 * operator lay one out; the tests then take content away or damage it.
 */
class BackupBucketIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final byte[] DATA = "the rows of shop.orders".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEX = "its partition index".getBytes(StandardCharsets.UTF_8);

    private static ApiServerFixture api;
    private static S3ProxyServer server;
    private static ObjectStore store;
    private static int namespaces;

    private String namespace;
    private BackupLayout layout;

    @BeforeAll
    static void start() throws Exception {
        api = ApiServerFixture.start("cli-bucket");
        server = S3ProxyServer.start("127.0.3.41", 19_095, Files.createTempDirectory("cassini-cli-bucket"));
        store = new ObjectStore(server.settings("backups"));
        store.createBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** A namespace whose cluster backs up to the server, with one complete backup of one node in the bucket. */
    @BeforeEach
    void clusterWithABackup() throws Exception {
        namespace = "bucket-" + ++namespaces;
        var client = api.client();
        api.createNamespaces(namespace);
        client.secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("s3")
                        .endMetadata()
                        .withStringData(Map.of(
                                "accessKeyId", S3ProxyServer.ACCESS_KEY, "secretAccessKey", S3ProxyServer.SECRET_KEY))
                        .build())
                .create();
        CassandraCluster cluster = Clusters.minimal(ApiServerFixture.CLUSTER);
        BackupStorageSpec storage = new BackupStorageSpec();
        storage.setBucket("backups");
        storage.setEndpoint(server.endpoint());
        storage.setPathStyle(true);
        storage.setCredentialsSecretRef("s3");
        Clusters.backupTo(cluster, storage);
        cluster.getMetadata().setNamespace(namespace);
        client.resource(cluster).create();

        layout = new BackupLayout(namespace + "/" + ApiServerFixture.CLUSTER);
        store.put(layout.blob(sha256(DATA)), DATA);
        store.put(layout.blob(sha256(INDEX)), INDEX);
        NodeManifest manifest = new NodeManifest(
                NodeManifest.FORMAT,
                "nightly-1",
                "Test Cluster",
                "dc1",
                "r1",
                "6b1d0ad4-0000-4000-8000-000000000001",
                "demo-dc1-r1-0",
                "5.0.6",
                List.of("-3074457345618258603"),
                Instant.parse("2026-12-01T02:00:00Z"),
                Instant.parse("2026-12-01T02:01:05Z"),
                List.of(
                        new BackupFile("shop", "orders", "1", "nb-1-big-Data.db", DATA.length, sha256(DATA)),
                        new BackupFile("shop", "orders", "1", "nb-1-big-Index.db", INDEX.length, sha256(INDEX))));
        String manifestKey = layout.manifest("nightly-1", "dc1", "r1", manifest.hostId());
        store.put(manifestKey, JSON.writeValueAsBytes(manifest));
        store.put(
                layout.index("nightly-1"),
                JSON.writeValueAsBytes(new BackupIndex(
                        NodeManifest.FORMAT,
                        "nightly-1",
                        "Test Cluster",
                        manifest.startedAt(),
                        manifest.finishedAt(),
                        List.of(new BackupIndex.Node(
                                "dc1", "r1", manifest.hostId(), manifestKey, 2, manifest.totalBytes())),
                        manifest.totalBytes(),
                        2048,
                        0)));
    }

    @Test
    void theBucketsBackupsAreListedFromTheirIndexWithoutAnyResource() {
        CassiniRun run = api.cassini(namespace, "backup", "list", "--in-bucket");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("NAME        CASSANDRA CLUSTER   NODES   SIZE   UPLOADED   STARTED");
        assertThat(run.out().lines().skip(1).toList())
                .singleElement()
                .satisfies(row -> assertThat(row.split(" {3,}"))
                        .startsWith("nightly-1", "Test Cluster", "1", "42 B", "2.0 KiB")
                        .endsWith("1m 05s"));
    }

    @Test
    void anIntactBackupVerifies() {
        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-1", "--digests");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .endsWith("intact: 2 files, 2 distinct contents, 42 B, every content present with the right size and"
                        + " digest\n");
    }

    @Test
    void missingContentFailsVerificationNamingTheFileThatNeedsIt() {
        store.delete(layout.blob(sha256(INDEX)));

        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("NOT restorable as is: 1 of 2 contents missing or damaged")
                .contains("  missing: " + sha256(INDEX) + " (shop.orders/nb-1-big-Index.db, 19 bytes)");
    }

    @Test
    void contentDamagedInPlaceIsFoundOnlyByReadingItBack() {
        byte[] damaged = DATA.clone();
        damaged[0] ^= 1;
        store.put(layout.blob(sha256(DATA)), damaged);

        assertThat(api.cassini(namespace, "backup", "verify", "nightly-1").exitCode())
                .as("sizes alone cannot tell")
                .isZero();
        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-1", "--digests");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("  damaged: " + sha256(DATA) + " (shop.orders/nb-1-big-Data.db) does not hash to its name");
    }

    @Test
    void aTestRestoreNeedsTheNodesCqlPortAndCreatesNothingWhenItDoesNotAnswer() {
        var client = api.client();
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(ApiServerFixture.CLUSTER)
                .get();
        var node = new dev.cassini.api.v1alpha1.NodeStatus();
        node.setPod("demo-dc1-r1-0");
        node.setIp("127.0.3.42"); // nothing listens there
        var status = new dev.cassini.api.v1alpha1.CassandraClusterStatus();
        status.setNodes(List.of(node));
        cluster.setStatus(status);
        client.resource(cluster).updateStatus();

        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-1", "--restore-table", "shop.orders");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("intact: 2 files");
        assertThat(run.err())
                .contains("no node of cluster demo answers CQL from this machine at [/127.0.3.42:9042]")
                .contains("run this where the pods' addresses are reachable");
        assertThat(client.resources(dev.cassini.api.v1alpha1.CassandraRestore.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void aTestRestoreOfSomethingThatIsNoTableIsRefusedBeforeTheBucketIsRead() {
        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-1", "--restore-table", "orders");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--restore-table takes KEYSPACE.TABLE, e.g. shop.orders; got 'orders'");
    }

    @Test
    void aBackupThatIsNotInTheBucketIsRefusedWithWhereItLooked() {
        CassiniRun run = api.cassini(namespace, "backup", "verify", "nightly-9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("backup nightly-9 has no index entry in s3://backups/" + namespace + "/demo/")
                .contains("cassini backup list --in-bucket");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
