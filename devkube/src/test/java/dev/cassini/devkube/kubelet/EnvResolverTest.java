package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvResolverTest {
    /** A hand-written fake: two objects in namespace "ns". */
    private final ObjectLookup lookup = new ObjectLookup() {
        @Override
        public Optional<Map<String, String>> configMap(String namespace, String name) {
            return "ns".equals(namespace) && "cm".equals(name)
                    ? Optional.of(Map.of("K", "v", "SHARED", "from-cm"))
                    : Optional.empty();
        }

        @Override
        public Optional<Map<String, byte[]>> secret(String namespace, String name) {
            return "ns".equals(namespace) && "sec".equals(name)
                    ? Optional.of(Map.of("password", "s3cret".getBytes(StandardCharsets.UTF_8)))
                    : Optional.empty();
        }
    };

    private final EnvResolver resolver = new EnvResolver(lookup);
    private final Pod pod = new PodBuilder()
            .withNewMetadata()
            .withName("db-0")
            .withNamespace("ns")
            .withUid("u-1")
            .withLabels(Map.of("rack", "r1"))
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-a")
            .endSpec()
            .build();

    @Test
    void envFromComesFirstAndEnvOverridesIt() {
        Container c = new ContainerBuilder()
                .withName("c")
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName("cm")
                .endConfigMapRef()
                .endEnvFrom()
                .addNewEnv()
                .withName("SHARED")
                .withValue("from-env")
                .endEnv()
                .build();
        assertThat(resolver.resolve(pod, c, "127.9.1.1", "127.9.0.10"))
                .containsEntry("K", "v")
                .containsEntry("SHARED", "from-env");
    }

    @Test
    void downwardApiFieldsResolve() {
        Container c = new ContainerBuilder()
                .withName("c")
                .addNewEnv()
                .withName("NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("NS")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("HOST")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.hostIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("RACK")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.labels['rack']")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("NODE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("spec.nodeName")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .build();
        assertThat(resolver.resolve(pod, c, "127.9.1.1", "127.9.0.10"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "NAME",
                        "db-0",
                        "NS",
                        "ns",
                        "IP",
                        "127.9.1.1",
                        "HOST",
                        "127.9.0.10",
                        "RACK",
                        "r1",
                        "NODE",
                        "node-a"));
    }

    @Test
    void secretsAndConfigMapKeysResolveAndLaterValuesExpandEarlierOnes() {
        Container c = new ContainerBuilder()
                .withName("c")
                .addNewEnv()
                .withName("PW")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("sec")
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("KEY")
                .withNewValueFrom()
                .withNewConfigMapKeyRef()
                .withName("cm")
                .withKey("K")
                .endConfigMapKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("URL")
                .withValue("user:$(PW)@$(KEY)")
                .endEnv()
                .build();
        assertThat(resolver.resolve(pod, c, "ip", "host")).containsEntry("URL", "user:s3cret@v");
    }

    @Test
    void aMissingRequiredReferenceIsAnErrorAndAnOptionalOneIsSkipped() {
        Container missing = new ContainerBuilder()
                .withName("c")
                .addNewEnv()
                .withName("X")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("nope")
                .withKey("k")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .build();
        assertThatThrownBy(() -> resolver.resolve(pod, missing, "ip", "host")).hasMessageContaining("secret \"nope\"");

        Container optional = new ContainerBuilder()
                .withName("c")
                .addNewEnv()
                .withName("X")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("nope")
                .withKey("k")
                .withOptional(true)
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .build();
        assertThat(resolver.resolve(pod, optional, "ip", "host")).doesNotContainKey("X");
    }
}
