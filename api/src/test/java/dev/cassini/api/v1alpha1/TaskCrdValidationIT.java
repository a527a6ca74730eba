package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CassandraTask CRD's schema and CEL rules, enforced by a real kube-apiserver. */
class TaskCrdValidationIT {
    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "task-validation").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String task(String name, String spec) {
        return """
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraTask
                metadata: {name: %s}
                spec: %s
                """.formatted(name, spec);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no command | {cluster: demo} | spec.command: Required value",
                "unknown command | {cluster: demo, command: Defrag} | Unsupported value: \"Defrag\": supported values: \"Cleanup\", \"ClearSnapshot\"",
                "rebuild without a source | {cluster: demo, command: Rebuild}"
                        + " | sourceDatacenter names the datacenter a Rebuild streams from",
                "a source for another command | {cluster: demo, command: Compact, sourceDatacenter: dc1}"
                        + " | set it for Rebuild, and only for Rebuild",
                "a snapshot tag for a compaction | {cluster: demo, command: Compact, snapshotTag: x}"
                        + " | snapshotTag is for ClearSnapshot only",
                "tables for a restart | {cluster: demo, command: Restart, tables: [shop.orders]}"
                        + " | tables applies to Compact, UpgradeSSTables, Scrub and GarbageCollect",
                "zero attempts | {cluster: demo, command: Flush, maxAttempts: 0} | spec.maxAttempts: Invalid value",
                "keyspaces for a restart | {cluster: demo, command: Restart, keyspaces: [shop]}"
                        + " | a Restart restarts the whole node: remove keyspaces",
                "two keyspaces | {cluster: demo, command: Compact, keyspaces: [a, b]} | name one keyspace",
                "tables of two keyspaces | {cluster: demo, command: Compact, tables: [a.t, b.t]}"
                        + " | tables must all be of one keyspace",
                "a table of another keyspace | {cluster: demo, command: Compact, keyspaces: [a], tables: [b.t]}"
                        + " | tables must all be of one keyspace",
            })
    void anInvalidTaskIsRefusedWithItsMessage(String description, String spec, String message) {
        Rejections.assertRejected(
                () -> client.resource(task("bad", spec)).inNamespace("default").create(), message);
    }

    @Test
    void aTaskGetsItsDefaultsAndItsSpecCannotChange() {
        CassandraTask created = client.resources(CassandraTask.class)
                .inNamespace("default")
                .resource(client.getKubernetesSerialization()
                        .unmarshal(
                                task("compact-1", "{cluster: demo, command: Compact, tables: [shop.orders]}"),
                                CassandraTask.class))
                .create();
        assertThat(created.getSpec().getConcurrency()).isEqualTo(TaskConcurrency.OneAtATime);
        assertThat(created.getSpec().getMaxAttempts()).isEqualTo(3);
        Rejections.assertRejected(
                () -> client.resources(CassandraTask.class)
                        .inNamespace("default")
                        .withName("compact-1")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"concurrency\":\"PerRack\"}}"),
                "a task's spec cannot change once created; create another CassandraTask instead");
    }
}
