package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.KubeApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@link ApiRequests} records of a real client's requests to a real API server. */
class ApiRequestsIT {
    @Test
    void aServerSideApplyCountsAsThePatchAndTheCreateTheApiServerChecks() {
        try (KubeApiServer apiServer =
                KubeApiServer.startWithCrd(Path.of("target", "api-requests-it").toAbsolutePath())) {
            apiServer.createNamespaces("recorded");
            ApiRequests recorded = new ApiRequests();
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(apiServer.client().getConfiguration())
                    .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("record", recorded))
                    .build()) {
                client.resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("applied")
                                .withNamespace("recorded")
                                .endMetadata()
                                .addToData("k", "v")
                                .build())
                        .fieldManager("test")
                        .forceConflicts()
                        .serverSideApply();
                client.configMaps().inNamespace("recorded").withName("applied").get();
                client.configMaps()
                        .inNamespace("recorded")
                        .withName("applied")
                        .edit(c -> new ConfigMapBuilder(c).addToData("k2", "v2").build());
            }
            assertThat(recorded.used())
                    .containsEntry("create configmaps", 1)
                    .containsEntry("get configmaps", 2)
                    .containsEntry("patch configmaps", 2);
            assertThat(recorded.refused()).isEmpty();
        }
    }
}
