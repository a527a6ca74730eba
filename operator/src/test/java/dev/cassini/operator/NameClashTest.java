package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameClashTest {
    private static StatefulSet owned(String name, String ownerName, String uid, boolean controller) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .addToOwnerReferences(new OwnerReferenceBuilder()
                        .withKind("CassandraCluster")
                        .withName(ownerName)
                        .withUid(uid)
                        .withController(controller)
                        .build())
                .endMetadata()
                .build();
    }

    @Test
    void anObjectControlledByAnotherClusterIsAClashNamingBoth() {
        List<HasMetadata> existing = List.of(owned("a-b-c-r1", "a-b", "uid-2", true));
        assertThat(NameClash.find(existing, "uid-1"))
                .hasValueSatisfying(m -> assertThat(m)
                        .startsWith("StatefulSet a-b-c-r1 already belongs to CassandraCluster a-b")
                        .contains("rename this cluster"));
    }

    @Test
    void ourOwnObjectsAndObjectsWithoutAControllerAreNot() {
        assertThat(NameClash.find(List.of(owned("a-b-c-r1", "a", "uid-1", true)), "uid-1"))
                .isEmpty();
        assertThat(NameClash.find(List.of(owned("a-b-c-r1", "x", "uid-9", false)), "uid-1"))
                .isEmpty();
        assertThat(NameClash.find(
                        List.of(new StatefulSetBuilder()
                                .withNewMetadata()
                                .withName("s")
                                .endMetadata()
                                .build()),
                        "uid-1"))
                .isEmpty();
    }
}
