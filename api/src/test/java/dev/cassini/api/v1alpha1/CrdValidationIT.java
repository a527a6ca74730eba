package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD's schema and CEL rules, enforced by a real kube-apiserver on create: every invalid
 * resource is refused with a message saying what to change, every valid one is accepted.
 */
class CrdValidationIT {
    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "validation").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A valid resource broken in one way, and (part of) the message the API server must answer with. */
    record Invalid(String description, Consumer<CassandraCluster> breakIt, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Invalid> invalidResources() {
        return Stream.of(
                new Invalid("no spec", c -> c.setSpec(null), "spec is required: set at least spec.datacenters"),
                new Invalid(
                        "name longer than 20",
                        c -> c.getMetadata().setName("a".repeat(21)),
                        "metadata.name must be at most 20 characters"),
                new Invalid(
                        "name with a dot",
                        c -> c.getMetadata().setName("prod.eu"),
                        "metadata.name must start with a lowercase letter and contain only lowercase letters, digits and '-'"),
                new Invalid(
                        "name starting with a digit",
                        c -> c.getMetadata().setName("1prod"),
                        "metadata.name must start with a lowercase letter"),
                new Invalid(
                        "no datacenters", c -> c.getSpec().setDatacenters(null), "spec.datacenters: Required value"),
                new Invalid(
                        "empty datacenters and no external one",
                        c -> c.getSpec().setDatacenters(new ArrayList<>()),
                        "spec.datacenters may be empty only while spec.externalDatacenters names a datacenter that stays"),
                new Invalid(
                        "9 datacenters", c -> c.getSpec().setDatacenters(datacenters(9)), "must have at most 8 items"),
                new Invalid(
                        "duplicate datacenter names",
                        c -> c.getSpec().getDatacenters().add(Clusters.datacenter("dc1", 3)),
                        "datacenter names must be unique within a cluster: rename or remove the duplicate datacenter"),
                new Invalid(
                        "datacenter and rack names that make the same StatefulSet name",
                        c -> {
                            dc(c).setName("a-b");
                            dc(c).setRacks(List.of(Clusters.rack("c", null)));
                            DatacenterSpec other = Clusters.datacenter("a", 1);
                            other.setRacks(List.of(Clusters.rack("b-c", null)));
                            c.getSpec().getDatacenters().add(other);
                        },
                        "two datacenters' <datacenter>-<rack> names are the same (e.g. datacenter a-b with rack c and datacenter a"
                                + " with rack b-c), so their StatefulSets and pods would clash; rename a datacenter or rack"),
                new Invalid(
                        "a datacenter's explicit rack clashing with another's default rack",
                        c -> {
                            dc(c).setName("x-r1");
                            DatacenterSpec other = Clusters.datacenter("x", 1);
                            other.setRacks(List.of(Clusters.rack("r1-r1", null)));
                            c.getSpec().getDatacenters().add(other);
                        },
                        "two datacenters' <datacenter>-<rack> names are the same"),
                new Invalid(
                        "datacenter name in upper case",
                        c -> dc(c).setName("DC1"),
                        "datacenter name must consist of lowercase letters, digits and '-' and start and end with a letter or digit"),
                new Invalid(
                        "datacenter name ending with '-'",
                        c -> dc(c).setName("dc-"),
                        "datacenter name must consist of"),
                new Invalid("datacenter name empty", c -> dc(c).setName(""), "datacenter name must consist of"),
                new Invalid(
                        "datacenter name longer than 15",
                        c -> dc(c).setName("d".repeat(16)),
                        "may not be more than 15"),
                new Invalid(
                        "datacenter without a name",
                        c -> dc(c).setName(null),
                        "spec.datacenters[0].name: Required value"),
                new Invalid("size 0", c -> dc(c).setSize(0), "spec.datacenters[0].size: Invalid value: 0"),
                new Invalid("size 0 says the minimum", c -> dc(c).setSize(0), "should be greater than or equal to 1"),
                new Invalid("size 101", c -> dc(c).setSize(101), "should be less than or equal to 100"),
                new Invalid(
                        "duplicate rack names",
                        c -> dc(c).setRacks(List.of(Clusters.rack("r1", "zone-a"), Clusters.rack("r1", "zone-b"))),
                        "rack names must be unique within a datacenter: rename or remove the duplicate rack"),
                new Invalid(
                        "rack name with '_'",
                        c -> dc(c).setRacks(List.of(Clusters.rack("r_1", null))),
                        "rack name must consist of lowercase letters, digits and '-'"),
                new Invalid(
                        "rack name longer than 15",
                        c -> dc(c).setRacks(List.of(Clusters.rack("r".repeat(16), null))),
                        "may not be more than 15"),
                new Invalid(
                        "11 racks",
                        c -> dc(c).setRacks(IntStream.rangeClosed(1, 11)
                                .mapToObj(i -> Clusters.rack("r" + i, null))
                                .toList()),
                        "must have at most 10 items"),
                new Invalid(
                        "unsupported Cassandra version",
                        c -> c.getSpec().setCassandraVersion("4.1.9"),
                        "cassandraVersion must be one of 5.0.5, 5.0.6"),
                new Invalid(
                        "empty cluster name", c -> c.getSpec().setClusterName(""), "should be at least 1 chars long"),
                new Invalid(
                        "heap in lower case",
                        c -> dc(c).setHeap("512m"),
                        "heap must be a whole number followed by M or G, e.g. 512M or 2G"),
                new Invalid(
                        "heap with a fraction",
                        c -> dc(c).setHeap("1.5G"),
                        "heap must be a whole number followed by M or G"),
                new Invalid(
                        "JVM option without '-'",
                        c -> dc(c).setJvmOptions(List.of("-Xss512k", "XX:+UseG1GC")),
                        "each of jvmOptions must start with '-', e.g. -XX:+UseG1GC; put one option per item"),
                new Invalid(
                        "two JVM options in one item is still refused when it lacks '-'",
                        c -> dc(c).setJvmOptions(List.of("Xms1G -Xmx1G")),
                        "each of jvmOptions must start with '-'"),
                new Invalid(
                        "seed with a port",
                        c -> c.getSpec().setAdditionalSeeds(List.of("10.0.0.5:7000")),
                        "each of additionalSeeds must be an IPv4 address or a host name"),
                new Invalid(
                        "seed as an IPv6 address",
                        c -> c.getSpec().setAdditionalSeeds(List.of("fd00::5")),
                        "each of additionalSeeds must be an IPv4 address or a host name"),
                new Invalid(
                        "21 seeds",
                        c -> c.getSpec()
                                .setAdditionalSeeds(IntStream.rangeClosed(1, 21)
                                        .mapToObj(i -> "10.0.0." + i)
                                        .toList()),
                        "must have at most 20 items"),
                new Invalid(
                        "storage size not a quantity",
                        c -> dc(c).setStorage(Clusters.storage("ten gigs")),
                        "storage.size must be a positive Kubernetes quantity such as 10Gi or 500Mi"),
                new Invalid(
                        "storage size zero",
                        c -> dc(c).setStorage(Clusters.storage("0")),
                        "storage.size must be a positive Kubernetes quantity"),
                new Invalid(
                        "storage size negative",
                        c -> dc(c).setStorage(Clusters.storage("-1Gi")),
                        "storage.size must be a positive Kubernetes quantity"),
                new Invalid(
                        "backup without storage",
                        c -> c.getSpec().setBackup(new BackupSpec()),
                        "spec.backup.storage: Required value"),
                new Invalid(
                        "backup storage without a bucket",
                        c -> Clusters.backupTo(c, new BackupStorageSpec()),
                        "spec.backup.storage.bucket: Required value"),
                new Invalid(
                        "bucket with capitals",
                        c -> backupStorage(c, s -> s.setBucket("Backups")),
                        "bucket must be an S3 bucket name"),
                new Invalid(
                        "endpoint without a scheme",
                        c -> backupStorage(c, s -> s.setEndpoint("minio.storage:9000")),
                        "endpoint must be an http:// or https:// URL with a host"),
                new Invalid(
                        "unknown server-side encryption",
                        c -> backupStorage(c, s -> s.setServerSideEncryption("aws:kms:dsse")),
                        "serverSideEncryption must be AES256 or aws:kms"),
                new Invalid(
                        "a KMS key without aws:kms",
                        c -> backupStorage(c, s -> {
                            s.setServerSideEncryption("AES256");
                            s.setKmsKeyId("alias/backups");
                        }),
                        "kmsKeyId needs serverSideEncryption: aws:kms"),
                new Invalid(
                        "bandwidth not a quantity",
                        c -> backupStorage(c, s -> s.setBandwidthPerNode("fast")),
                        "bandwidthPerNode must be a positive quantity of bytes per second"),
                new Invalid(
                        "concurrency 0",
                        c -> backupStorage(c, s -> s.setConcurrencyPerNode(0)),
                        "should be greater than or equal to 1"));
    }

    /** {@code cluster} with backups to a bucket, changed by {@code change}. */
    private static void backupStorage(CassandraCluster cluster, Consumer<BackupStorageSpec> change) {
        BackupStorageSpec storage = Clusters.backupStorage();
        change.accept(storage);
        Clusters.backupTo(cluster, storage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResources")
    void invalidResourceIsRefusedWithItsMessage(Invalid invalid) {
        CassandraCluster cluster = Clusters.minimal("bad");
        invalid.breakIt().accept(cluster);

        Rejections.assertRejected(
                () -> client.resource(cluster).inNamespace("default").create(), invalid.message());
    }

    private static final String HEAP_FORMAT_MESSAGE = "heap must be a whole number followed by M or G, e.g. 512M or 2G";
    private static final String HEAP_BOUNDS_MESSAGE = "heap must be from 256M to 64G, e.g. 512M or 2G";

    /**
     * Each heap the node agent would refuse at start is refused here with exactly one of the two heap
     * messages: a malformed one is not also said to be out of bounds, nor the other way round.
     */
    @ParameterizedTest(name = "heap {0}")
    @CsvSource({
        "128M, bounds",
        "255M, bounds",
        "0G, bounds",
        "65G, bounds",
        "65537M, bounds",
        "9999999G, bounds", // the longest heap the length limit allows: no overflow in the rule
        "512m, format",
        "1.5G, format",
        "2GB, format",
        "G, format"
    })
    void aHeapTheAgentWouldRefuseIsRefusedWithOneMessage(String heap, String kind) {
        CassandraCluster cluster = Clusters.minimal("bad-heap");
        dc(cluster).setHeap(heap);

        String message = Rejections.rejectionMessage(
                () -> client.resource(cluster).inNamespace("default").create());

        System.out.printf("heap %s refused: %s%n", heap, message);
        String expected = kind.equals("bounds") ? HEAP_BOUNDS_MESSAGE : HEAP_FORMAT_MESSAGE;
        String other = kind.equals("bounds") ? HEAP_FORMAT_MESSAGE : HEAP_BOUNDS_MESSAGE;
        assertThat(message).contains(expected).doesNotContain(other);
    }

    @Test
    void aHeapLongerThanTheLimitIsRefusedForItsLengthOnly() {
        CassandraCluster cluster = Clusters.minimal("long-heap");
        dc(cluster).setHeap("99999999G");

        String message = Rejections.rejectionMessage(
                () -> client.resource(cluster).inNamespace("default").create());

        assertThat(message).contains("may not be more than 8").doesNotContain(HEAP_BOUNDS_MESSAGE);
    }

    @ParameterizedTest(name = "heap {0}")
    @ValueSource(strings = {"256M", "64G", "65536M", "512M", "2G", "0000256M"})
    void aHeapWithinTheBoundsIsAccepted(String heap) {
        CassandraCluster cluster = Clusters.minimal("heap-" + heap.toLowerCase(java.util.Locale.ROOT));
        dc(cluster).setHeap(heap);

        CassandraCluster created =
                client.resource(cluster).inNamespace("default").create();

        assertThat(dc(created).getHeap()).isEqualTo(heap);
    }

    /** Mistakes the Java types cannot even express, but a user's YAML can. */
    static Stream<Arguments> invalidYaml() {
        return Stream.of(
                Arguments.of("unknown deletion policy", """
                        datacenters: [{name: dc1, size: 1}]
                        deletionPolicy: Destroy""", "Unsupported value: \"Destroy\""),
                Arguments.of("config as a string", """
                        datacenters: [{name: dc1, size: 1, config: "concurrent_reads: 64"}]""", "spec.datacenters[0].config in body must be of type object"),
                Arguments.of("config as a list", """
                        datacenters: [{name: dc1, size: 1, config: [concurrent_reads]}]""", "spec.datacenters[0].config in body must be of type object"),
                Arguments.of("size as a word", """
                        datacenters: [{name: dc1, size: three}]""", "spec.datacenters[0].size: Invalid value: \"string\""),
                Arguments.of(
                        "a datacenter rebuilding from itself",
                        """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 2, join: {rebuildFrom: dc2}}]""",
                        "datacenters[].join.rebuildFrom must name another datacenter of spec.datacenters or spec.externalDatacenters"),
                Arguments.of(
                        "a datacenter rebuilding from one the spec does not have",
                        """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 2, join: {rebuildFrom: dc9}}]""",
                        "datacenters[].join.rebuildFrom must name another datacenter of spec.datacenters or spec.externalDatacenters"),
                Arguments.of(
                        "a datacenter both managed here and external",
                        """
                        datacenters: [{name: dc1, size: 3}]
                        externalDatacenters: [{name: dc1}]
                        auth: {superuserSecretRef: legacy-admin}""",
                        "a datacenter cannot be both in spec.datacenters (managed here) and in spec.externalDatacenters"),
                Arguments.of("an external datacenter named twice", """
                        datacenters: [{name: k8s, size: 3}]
                        externalDatacenters: [{name: legacy}, {name: legacy, leaving: true}]
                        auth: {superuserSecretRef: legacy-admin}""", "externalDatacenters names must be unique"),
                Arguments.of(
                        "an external datacenter without a login the existing cluster knows",
                        """
                        datacenters: [{name: k8s, size: 3}]
                        externalDatacenters: [{name: legacy}]""",
                        "with spec.externalDatacenters, auth.superuserSecretRef must name a Secret"),
                Arguments.of(
                        "no datacenter here and every external one leaving",
                        """
                        datacenters: []
                        externalDatacenters: [{name: legacy, leaving: true}]
                        auth: {superuserSecretRef: legacy-admin}""",
                        "spec.datacenters may be empty only while spec.externalDatacenters names a datacenter that stays"),
                Arguments.of(
                        "an external datacenter name Cassandra would not report",
                        """
                        datacenters: [{name: k8s, size: 3}]
                        externalDatacenters: [{name: "legacy dc"}]
                        auth: {superuserSecretRef: legacy-admin}""",
                        "externalDatacenters[].name must be a datacenter name as Cassandra reports it"),
                Arguments.of(
                        "an external datacenter's agents called by a scheme they cannot serve",
                        """
                        datacenters: [{name: k8s, size: 3}]
                        externalDatacenters: [{name: legacy, agentApi: mtls}]
                        auth: {superuserSecretRef: legacy-admin}""",
                        "externalDatacenters[].agentApi must be https (agents started with --api-tls) or http"),
                Arguments.of(
                        "more replicas by default than the joining datacenter has nodes",
                        """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 2, join: {replication: {default: 3}}}]""",
                        "join.replication factors must not exceed the datacenter's size"),
                Arguments.of(
                        "more replicas of one keyspace than the joining datacenter has nodes",
                        """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 2, join: {replication: {keyspaces: {shop: 3}}}}]""",
                        "join.replication factors must not exceed the datacenter's size"),
                Arguments.of(
                        "a system keyspace in a join's replication",
                        """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 3, join: {replication: {keyspaces: {system_auth: 3}}}}]""",
                        "other than Cassandra's own system keyspaces"),
                Arguments.of(
                        "Cassandra's repair scheduler on a version without it",
                        """
                        cassandraVersion: "5.0.6"
                        datacenters: [{name: dc1, size: 3}]
                        repair: {mode: Cassandra}""",
                        "repair.mode Cassandra runs Cassandra's own auto-repair scheduler, which 5.0.8 and later have"),
                Arguments.of(
                        "Cassandra's repair scheduler on the default version",
                        """
                        datacenters: [{name: dc1, size: 3}]
                        repair: {mode: Cassandra}""",
                        "set cassandraVersion to 5.0.8 or 5.0.9"),
                Arguments.of(
                        "a cron schedule for Cassandra's repair scheduler",
                        """
                        cassandraVersion: "5.0.9"
                        datacenters: [{name: dc1, size: 3}]
                        repair: {mode: Cassandra, schedule: "0 3 * * 0"}""",
                        "repair.schedule is for Cassini's scheduler"),
                Arguments.of("an unknown repair mode", """
                        datacenters: [{name: dc1, size: 3}]
                        repair: {mode: Reaper}""", "Unsupported value: \"Reaper\""),
                Arguments.of("no rebuild at once", """
                        datacenters: [{name: dc1, size: 3}, {name: dc2, size: 3, join: {maxConcurrentRebuilds: 0}}]""", "maxConcurrentRebuilds"),
                Arguments.of("no node restarted at once", """
                        datacenters: [{name: dc1, size: 3, rollingRestart: {maxUnavailable: 0}}]""", "spec.datacenters[0].rollingRestart.maxUnavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidYaml")
    void invalidYamlIsRefusedWithItsMessage(String description, String specYaml, String message) {
        String yaml =
                "apiVersion: cassini.dev/v1alpha1\nkind: CassandraCluster\nmetadata: {name: bad-yaml, namespace: default}\n"
                        + "spec:\n" + specYaml.indent(2);
        GenericKubernetesResource raw = new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);

        Rejections.assertRejected(() -> client.resource(raw).create(), message);
    }

    /** A valid resource, named after what it shows. */
    record Valid(String description, CassandraCluster cluster) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Valid> validResources() {
        CassandraCluster longestNames = Clusters.minimal("a" + "b".repeat(18) + "c");
        dc(longestNames).setName("d".repeat(15));
        dc(longestNames).setRacks(List.of(Clusters.rack("r".repeat(15), null)));
        CassandraCluster widest = Clusters.minimal("widest");
        widest.getSpec().setDatacenters(datacenters(8));
        dc(widest).setSize(100);
        dc(widest)
                .setRacks(IntStream.rangeClosed(1, 10)
                        .mapToObj(i -> Clusters.rack("r" + i, null))
                        .toList());
        widest.getSpec()
                .setAdditionalSeeds(IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "10.0.0." + i)
                        .toList());
        CassandraCluster units = Clusters.minimal("units");
        dc(units).setStorage(Clusters.storage("1.5Ti"));
        dc(units).setHeap("16384M");
        CassandraCluster sameRackNames = Clusters.minimal("same-racks");
        sameRackNames.getSpec().setDatacenters(datacenters(2));
        sameRackNames
                .getSpec()
                .getDatacenters()
                .forEach(d -> d.setRacks(List.of(Clusters.rack("r1", "zone-a"), Clusters.rack("r2", "zone-b"))));
        CassandraCluster s3Compatible = Clusters.minimal("s3-compatible");
        backupStorage(s3Compatible, s -> {
            s.setEndpoint("http://127.0.0.1:9000");
            s.setPathStyle(true);
        });
        CassandraCluster digitsFirst = Clusters.minimal("digits-first");
        dc(digitsFirst).setName("1");
        dc(digitsFirst).setRacks(List.of(Clusters.rack("0a", null)));
        CassandraCluster joining = Clusters.minimal("joining");
        joining.getSpec().setDatacenters(List.of(Clusters.datacenter("dc1", 3), Clusters.datacenter("dc2", 3)));
        JoinSpec join = new JoinSpec();
        join.setRebuildFrom("dc1");
        join.setMaxConcurrentRebuilds(2);
        JoinReplicationSpec replication = new JoinReplicationSpec();
        replication.setDefaultFactor(3);
        replication.setKeyspaces(java.util.Map.of("shop", 2, "scratch", 0));
        join.setReplication(replication);
        joining.getSpec().getDatacenters().get(1).setJoin(join);
        CassandraCluster migrating = Clusters.minimal("migrating");
        dc(migrating).setName("k8s");
        JoinSpec fromLegacy = new JoinSpec();
        fromLegacy.setRebuildFrom("legacy");
        dc(migrating).setJoin(fromLegacy);
        ExternalDatacenterSpec legacy = new ExternalDatacenterSpec();
        legacy.setName("legacy");
        ExternalDatacenterSpec leaving = new ExternalDatacenterSpec();
        leaving.setName("old_dc.2");
        leaving.setLeaving(true);
        leaving.setAgentApi("https");
        migrating.getSpec().setExternalDatacenters(List.of(legacy, leaving));
        migrating.getSpec().setAdditionalSeeds(List.of("10.0.0.5"));
        AuthSpec legacyLogin = new AuthSpec();
        legacyLogin.setSuperuserSecretRef("legacy-admin");
        migrating.getSpec().setAuth(legacyLogin);
        // A join backed out, or the source side of a move to another Kubernetes cluster.
        CassandraCluster handedOver = Clusters.minimal("handed-over");
        handedOver.getSpec().setDatacenters(new ArrayList<>());
        ExternalDatacenterSpec target = new ExternalDatacenterSpec();
        target.setName("target");
        handedOver.getSpec().setExternalDatacenters(List.of(target));
        handedOver.getSpec().setAdditionalSeeds(List.of("10.1.0.5"));
        handedOver.getSpec().setAuth(legacyLogin);
        CassandraCluster cassandraRepairs = Clusters.minimal("cassandra-repairs");
        cassandraRepairs.getSpec().setCassandraVersion("5.0.9");
        RepairSpec byCassandra = new RepairSpec();
        byCassandra.setMode(RepairMode.Cassandra);
        cassandraRepairs.getSpec().setRepair(byCassandra);
        cassandraRepairs
                .getSpec()
                .getDatacenters()
                .get(0)
                .setConfig(Map.of(
                        "auto_repair",
                        Map.of("repair_type_overrides", Map.of("full", Map.of("min_repair_interval", "12h")))));
        return Stream.of(
                new Valid("a datacenter that joins with every join field set", joining),
                new Valid("no datacenter here while an external one stays", handedOver),
                new Valid("a datacenter that joins external ones, rebuilding from one", migrating),
                new Valid("minimal", Clusters.minimal("minimal")),
                new Valid("every field set", Clusters.full("full")),
                new Valid("longest cluster, datacenter and rack names", longestNames),
                new Valid("8 datacenters, 100 nodes, 10 racks, 20 seeds", widest),
                new Valid("the same rack names in two datacenters", sameRackNames),
                new Valid("fractional storage, heap in megabytes", units),
                new Valid("datacenter and rack names starting with digits", digitsFirst),
                new Valid("backups to an S3-compatible store on a loopback address", s3Compatible),
                new Valid("Cassandra's own repair scheduler on 5.0.9, tuned", cassandraRepairs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResources")
    void validResourceIsAccepted(Valid valid) {
        CassandraCluster created =
                client.resource(valid.cluster()).inNamespace("default").create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getSpec().getDatacenters())
                .hasSameSizeAs(valid.cluster().getSpec().getDatacenters());
    }

    @Test
    void generatedNamesAreValidatedLikeGivenOnes() {
        // The server generates the name before validation, so the name rules see the final name.
        CassandraCluster cluster = Clusters.minimal(null);
        cluster.getMetadata().setGenerateName("gen-");

        CassandraCluster created =
                client.resource(cluster).inNamespace("default").create();

        assertThat(created.getMetadata().getName()).startsWith("gen-").hasSizeLessThanOrEqualTo(20);
    }

    private static DatacenterSpec dc(CassandraCluster cluster) {
        return cluster.getSpec().getDatacenters().get(0);
    }

    private static List<DatacenterSpec> datacenters(int count) {
        List<DatacenterSpec> list = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> list.add(Clusters.datacenter("dc" + i, 1)));
        return Collections.unmodifiableList(list);
    }
}
