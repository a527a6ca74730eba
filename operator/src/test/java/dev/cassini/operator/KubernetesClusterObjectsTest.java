package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class KubernetesClusterObjectsTest {
    private static StatefulSet rack(int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-dc1-r1")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .build();
    }

    @Test
    void theWatchsCopyServesUnlessItHasNoneOrAStatefulSetsReplicasDiffer() {
        var config = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("c")
                .endMetadata()
                .build();
        assertThat(KubernetesClusterObjects.trusted(config, config)).isTrue();
        assertThat(KubernetesClusterObjects.trusted(config, null))
                .as("not seen: maybe someone else's object of that name, or one created a moment ago")
                .isFalse();
        assertThat(KubernetesClusterObjects.trusted(rack(3), rack(3))).isTrue();
        assertThat(KubernetesClusterObjects.trusted(rack(2), rack(3)))
                .as("a copy from before a shrink would have the StatefulSet grown back")
                .isFalse();
        assertThat(KubernetesClusterObjects.trusted(rack(3), rack(2))).isFalse();
    }
}
