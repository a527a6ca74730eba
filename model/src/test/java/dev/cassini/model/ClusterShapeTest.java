package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class ClusterShapeTest {
    private static ClusterShape shape(String spec) {
        CassandraCluster cluster = Serialization.unmarshal(
                "apiVersion: cassini.dev/v1alpha1\nkind: CassandraCluster\nmetadata: {name: moved, namespace: ns}\n"
                        + "spec:\n" + spec,
                CassandraCluster.class);
        return ClusterShape.of(cluster);
    }

    @Test
    void sessionsAreLocalToTheFirstDatacenterOfTheSpec() {
        ClusterShape shape = shape("""
                  datacenters: [{name: k8s, size: 3}, {name: k8s2, size: 3}]
                  externalDatacenters: [{name: legacy}]
                """);
        assertThat(shape.sessionDatacenter()).isEqualTo("k8s");
    }

    @Test
    void withNoDatacenterOfItsOwnSessionsAreLocalToTheFirstExternalOneThatStays() {
        ClusterShape shape = shape("""
                  datacenters: []
                  externalDatacenters: [{name: old, leaving: true}, {name: target}]
                """);
        assertThat(shape.datacenters()).isEmpty();
        assertThat(shape.slots()).isEmpty();
        assertThat(shape.sessionDatacenter()).isEqualTo("target");
    }

    @Test
    void aSpecTheApiServerWouldRefuseSaysSoInsteadOfPickingALeavingDatacenter() {
        ClusterShape shape = shape("""
                  datacenters: []
                  externalDatacenters: [{name: old, leaving: true}]
                """);
        assertThatThrownBy(shape::sessionDatacenter)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no external datacenter stays");
    }
}
