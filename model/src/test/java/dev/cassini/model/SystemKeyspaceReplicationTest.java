package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class SystemKeyspaceReplicationTest {

    @Test
    void aNewClusterCreatesThemWithOneReplicaPerNodeUpToThree() {
        assertThat(SystemKeyspaceReplication.atBirth(1)).isEqualTo(1);
        assertThat(SystemKeyspaceReplication.atBirth(2)).isEqualTo(2);
        assertThat(SystemKeyspaceReplication.atBirth(3)).isEqualTo(3);
        assertThat(SystemKeyspaceReplication.atBirth(12)).isEqualTo(3);
    }

    @Test
    void onceUpTheyAreReplicatedInEveryDatacenterUpToThreeEach() {
        CassandraCluster cluster = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: demo, namespace: ns}
                spec: {datacenters: [{name: dc1, size: 2}, {name: dc2, size: 5}]}
                """, CassandraCluster.class);

        assertThat(SystemKeyspaceReplication.perDatacenter(
                        ClusterShape.of(cluster).datacenters()))
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 3}");
    }
}
