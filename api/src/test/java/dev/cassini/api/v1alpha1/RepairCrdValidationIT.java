package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CassandraRepair CRD's schema and CEL rules, enforced by a real kube-apiserver. */
class RepairCrdValidationIT {
    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "repair-validation").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    static CassandraRepair repair(String name) {
        CassandraRepair repair = new CassandraRepair();
        repair.setMetadata(new ObjectMetaBuilder().withName(name).build());
        CassandraRepairSpec spec = new CassandraRepairSpec();
        spec.setCluster("demo");
        repair.setSpec(spec);
        return repair;
    }

    record Invalid(String description, Consumer<CassandraRepair> breakIt, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Invalid> invalidRepairs() {
        return Stream.of(
                new Invalid("no spec", r -> r.setSpec(null), "spec is required: set at least spec.cluster"),
                new Invalid("no cluster", r -> r.getSpec().setCluster(null), "spec.cluster: Required value"),
                new Invalid("intensity 0", r -> r.getSpec().setIntensity(0.0), "spec.intensity: Invalid value"),
                new Invalid("intensity above 1", r -> r.getSpec().setIntensity(1.5), "spec.intensity: Invalid value"),
                new Invalid(
                        "no segment per node",
                        r -> r.getSpec().setSegmentsPerNode(0),
                        "spec.segmentsPerNode: Invalid value"),
                new Invalid(
                        "a negative minimum segment size",
                        r -> r.getSpec().setMinSegmentSize("-1Mi"),
                        "minSegmentSize must be a quantity of bytes, 0 or more"),
                new Invalid(
                        "a minimum segment size in words",
                        r -> r.getSpec().setMinSegmentSize("big"),
                        "minSegmentSize must be a quantity of bytes, 0 or more"),
                new Invalid(
                        "a timeout under 30 s",
                        r -> r.getSpec().setSegmentTimeoutSeconds(5),
                        "spec.segmentTimeoutSeconds: Invalid value"),
                new Invalid(
                        "table without its keyspace",
                        r -> r.getSpec().setTables(List.of("orders")),
                        "spec.tables[0] in body should match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRepairs")
    void anInvalidRepairIsRefusedWithItsMessage(Invalid invalid) {
        CassandraRepair repair = repair("bad");
        invalid.breakIt().accept(repair);
        Rejections.assertRejected(
                () -> client.resource(repair).inNamespace("default").create(), invalid.message());
    }

    @Test
    void aMinimalRepairGetsItsDefaults() {
        CassandraRepair created =
                client.resource(repair("minimal")).inNamespace("default").create();
        CassandraRepairSpec spec = created.getSpec();
        assertThat(spec.getIntensity()).isEqualTo(1.0);
        assertThat(spec.getParallelism()).isEqualTo(Parallelism.Parallel);
        assertThat(spec.getSegmentsPerNode()).isEqualTo(16);
        assertThat(spec.getMinSegmentSize()).isEqualTo("128Mi");
        assertThat(spec.getIncremental()).isFalse();
        assertThat(spec.getSuspend()).isFalse();
        assertThat(spec.getMaxPendingCompactions()).isEqualTo(20);
        assertThat(spec.getSegmentTimeoutSeconds()).isEqualTo(1800);
    }

    @Test
    void theKnobsOfARunningRepairChangeAndWhatItCoversDoesNot() {
        client.resource(repair("running")).inNamespace("default").create();
        var running =
                client.resources(CassandraRepair.class).inNamespace("default").withName("running");

        CassandraRepair patched = running.patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"suspend\":true,\"intensity\":0.25,\"parallelism\":\"Sequential\","
                        + "\"maxPendingCompactions\":5,\"segmentTimeoutSeconds\":600}}");
        assertThat(patched.getSpec().getSuspend()).isTrue();
        assertThat(patched.getSpec().getIntensity()).isEqualTo(0.25);

        for (String change : List.of(
                "{\"spec\":{\"cluster\":\"other\"}}",
                "{\"spec\":{\"keyspaces\":[\"shop\"]}}",
                "{\"spec\":{\"segmentsPerNode\":64}}",
                "{\"spec\":{\"minSegmentSize\":\"0\"}}",
                "{\"spec\":{\"incremental\":true}}")) {
            Rejections.assertRejected(
                    () -> running.patch(PatchContext.of(PatchType.JSON_MERGE), change),
                    "only suspend, intensity, parallelism, maxPendingCompactions and segmentTimeoutSeconds can change"
                            + " on a repair; to repair something else, create another CassandraRepair");
        }
    }
}
